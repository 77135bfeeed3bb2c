import { eventKey, orderKeyOf } from './event-definition';
import { ALL_EVENTS } from './events';
import { ShipmentDispatchedV1 } from './shipping/shipment-dispatched.v1';
import { StockReservedV1 } from './inventory/stock-reserved.v1';
import { OrderConfirmedV1 } from './order/order-confirmed.v1';
import { LowStockDetectedV1 } from './inventory/low-stock-detected.v1';
import { NotificationSentV1 } from './notification/notification-sent.v1';
import { findEventDefinition, validateEvent } from './registry';
import { hasSample, sampleEvent, sourceOf } from './testing';
import { ALL_TOPICS } from './topics';

const byKey = ALL_EVENTS.map((definition) => [eventKey(definition.type, definition.version), definition] as const);

describe('event catalogue', () => {
  it('defines each Type.vN once', () => {
    const keys = byKey.map(([key]) => key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe.each(byKey)('%s', (_key, definition) => {
    it('is named in PascalCase, on a known topic, with a description', () => {
      expect(definition.type).toMatch(/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*$/);
      expect(Number.isInteger(definition.version) && definition.version >= 1).toBe(true);
      expect(ALL_TOPICS).toContain(definition.topic);
      expect(definition.description.trim().length).toBeGreaterThan(10);
      expect(Object.isFrozen(definition)).toBe(true);
    });

    it('is resolved by the registry', () => {
      expect(findEventDefinition(definition.type, definition.version)).toBe(definition);
    });

    it('has a sample that passes strict validation', () => {
      expect(hasSample(definition)).toBe(true);
      const event = sampleEvent(definition);
      expect(event.source).toBe(sourceOf(definition));
      expect(event.orderId === null).toBe(orderKeyOf(definition) === 'none');
      const result = validateEvent(event, { strict: true });
      expect(result.ok ? 'ok' : `${result.reason}: ${result.detail}`).toBe('ok');
    });

    it('rejects an unknown payload field when strict', () => {
      const event = sampleEvent(definition);
      (event.payload as Record<string, unknown>).unexpected = true;
      expect(validateEvent(event, { strict: true })).toMatchObject({ ok: false, reason: 'invalid-payload' });
      expect(validateEvent(event, { strict: false }).ok).toBe(true);
    });
  });
});

describe('payload field types', () => {
  const invalid = (event: unknown) => {
    const result = validateEvent(event, { strict: false });
    expect(result.ok).toBe(false);
    return result.ok ? '' : `${result.reason}: ${result.detail}`;
  };

  it('rejects a string where an integer quantity belongs (nested in an array)', () => {
    const event = sampleEvent(StockReservedV1);
    (event.payload.allocations[0]!.lines[0] as { quantity: unknown }).quantity = '2';
    expect(invalid(event)).toContain('allocations.0.lines.0.quantity');
  });

  it('rejects a fractional amount of money', () => {
    const event = sampleEvent(OrderConfirmedV1);
    event.payload.totals.total = 233.5;
    expect(invalid(event)).toContain('totals.total');
  });

  it('rejects a value outside an enumeration', () => {
    const event = sampleEvent(OrderConfirmedV1, { payload: { priority: 'urgent' as never } });
    expect(invalid(event)).toContain('priority');
  });

  it('rejects a number where a tracking number string belongs, and a bad carrier code', () => {
    const event = sampleEvent(ShipmentDispatchedV1, {
      payload: { trackingNumber: 12345 as never, carrier: 'SF Express' },
    });
    const detail = invalid(event);
    expect(detail).toContain('trackingNumber');
    expect(detail).toContain('carrier');
  });

  it('rejects an object where an array of order ids belongs', () => {
    const event = sampleEvent(ShipmentDispatchedV1, { payload: { orderIds: { 0: 'x' } as never } });
    expect(invalid(event)).toContain('orderIds');
  });
});

describe('envelope orderId rule', () => {
  it('requires an order id on order events', () => {
    const event = sampleEvent(OrderConfirmedV1, { orderId: null });
    expect(validateEvent(event, { strict: false })).toMatchObject({ ok: false, reason: 'invalid-envelope' });
  });

  it('requires null on events about no order', () => {
    expect(validateEvent(sampleEvent(LowStockDetectedV1), { strict: true }).ok).toBe(true);
    const keyed = sampleEvent(LowStockDetectedV1, { orderId: '9b0c1f7e-2d3a-4b5c-8d6e-7f8091a2b3c4' });
    expect(validateEvent(keyed, { strict: false })).toMatchObject({ ok: false, reason: 'invalid-envelope' });
  });

  it('allows either on events that may concern an order', () => {
    expect(validateEvent(sampleEvent(NotificationSentV1, { orderId: null }), { strict: true }).ok).toBe(true);
    expect(validateEvent(sampleEvent(NotificationSentV1), { strict: true }).ok).toBe(true);
  });

  it('requires the field to be present', () => {
    const { orderId: _omitted, ...event } = sampleEvent(NotificationSentV1);
    expect(validateEvent(event, { strict: false })).toMatchObject({ ok: false, reason: 'invalid-envelope' });
  });
});

describe('sampleEvent', () => {
  it('applies envelope and payload overrides and keeps order references consistent', () => {
    const orderId = '9b0c1f7e-2d3a-4b5c-8d6e-7f8091a2b3c4';
    const event = sampleEvent(ShipmentDispatchedV1, { orderId, payload: { trackingNumber: 'YT0001' } });
    expect(event.orderId).toBe(orderId);
    expect(event.payload.orderIds).toEqual([orderId]);
    expect(event.payload.lines.every((line) => line.orderId === orderId)).toBe(true);
    expect(event.payload.trackingNumber).toBe('YT0001');
    expect(validateEvent(event, { strict: true }).ok).toBe(true);
  });

  it('returns independent copies', () => {
    const a = sampleEvent(StockReservedV1);
    a.payload.allocations[0]!.lines[0]!.quantity = 99;
    expect(sampleEvent(StockReservedV1).payload.allocations[0]!.lines[0]!.quantity).toBe(2);
  });
});
