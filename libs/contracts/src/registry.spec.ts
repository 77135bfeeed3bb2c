import { randomUUID } from 'node:crypto';
import { eventRegistry, validateEvent } from './registry';

const validOrderPlaced = () => ({
  id: randomUUID(),
  type: 'OrderPlaced',
  version: 1,
  occurredAt: '2026-11-22T10:00:00.000Z',
  source: 'order',
  orderId: randomUUID(),
  correlationId: randomUUID(),
  causationId: null,
  payload: {
    customerId: 'c-1',
    channel: 'web',
    currency: 'CNY',
    items: [{ sku: 'SKU-1', quantity: 2, unitPrice: 1500, lineTotal: 3000 }],
    totals: { subtotal: 3000, shipping: 0, discount: 0, total: 3000 },
    shippingAddress: {
      name: 'Li Lei',
      phone: '+8613800000000',
      line1: '1 Road',
      city: 'Shanghai',
      postalCode: '200000',
      country: 'CN',
    },
    contact: { email: 'li@example.com', locale: 'zh-CN' },
    paymentMethod: 'cod',
    shipComplete: false,
    placedAt: '2026-11-22T10:00:00.000Z',
  },
});

describe('event registry', () => {
  it('holds every event under Type.vN', () => {
    expect(eventRegistry.get('OrderPlaced.v1')?.topic).toBe('order.events');
  });

  it('accepts a valid event', () => {
    const result = validateEvent(validOrderPlaced(), { strict: true });
    expect(result).toMatchObject({ ok: true, definition: { type: 'OrderPlaced', version: 1 } });
  });

  it('rejects a non-object as malformed', () => {
    expect(validateEvent('not json object', { strict: false })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('rejects an unknown type, and tells a known type in an unknown version apart', () => {
    expect(validateEvent({ ...validOrderPlaced(), type: 'OrderTeleported' }, { strict: false })).toMatchObject({
      ok: false,
      reason: 'unknown-type',
    });
    expect(validateEvent({ ...validOrderPlaced(), version: 99 }, { strict: false })).toMatchObject({
      ok: false,
      reason: 'unknown-version',
      detail: 'no contract for OrderPlaced.v99 (known: v1)',
    });
  });

  it('names the bad payload field', () => {
    const event = validOrderPlaced();
    event.payload.items[0]!.quantity = 0;
    const result = validateEvent(event, { strict: false });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe('invalid-payload');
    expect(!result.ok && result.detail).toContain('items.0.quantity');
  });

  it('tolerates unknown payload fields for consumers but not for producers', () => {
    const event = { ...validOrderPlaced() };
    (event.payload as Record<string, unknown>).giftWrap = true;
    expect(validateEvent(event, { strict: false }).ok).toBe(true);
    expect(validateEvent(event, { strict: true })).toMatchObject({ ok: false, reason: 'invalid-payload' });
  });
});
