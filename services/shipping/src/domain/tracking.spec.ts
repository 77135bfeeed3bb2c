import { exceptionKindOf, nextShipmentStatus } from './tracking';

describe('carrier tracking rules', () => {
  it('moves forward with the carrier, never back', () => {
    expect(nextShipmentStatus('DISPATCHED', 'in_transit')).toBe('IN_TRANSIT');
    expect(nextShipmentStatus('IN_TRANSIT', 'out_for_delivery')).toBe('OUT_FOR_DELIVERY');
    expect(nextShipmentStatus('DISPATCHED', 'delivered')).toBe('DELIVERED');
    expect(nextShipmentStatus('OUT_FOR_DELIVERY', 'in_transit')).toBeNull();
    expect(nextShipmentStatus('DELIVERED', 'exception')).toBeNull();
    expect(nextShipmentStatus('CREATED', 'in_transit')).toBeNull();
  });

  it('enters and leaves an exception', () => {
    expect(nextShipmentStatus('IN_TRANSIT', 'exception')).toBe('EXCEPTION');
    expect(nextShipmentStatus('EXCEPTION', 'exception')).toBeNull();
    expect(nextShipmentStatus('EXCEPTION', 'delivered')).toBe('DELIVERED');
  });

  it('reads the kind of an exception from the carrier text', () => {
    expect(exceptionKindOf('Parcel lost in sorting')).toBe('lost');
    expect(exceptionKindOf('Box damaged')).toBe('damaged');
    expect(exceptionKindOf('Delivery attempt failed: not home')).toBe('failed-attempt');
    expect(exceptionKindOf(undefined)).toBe('other');
  });
});
