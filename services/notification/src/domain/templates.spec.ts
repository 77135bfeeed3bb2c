import { LOCALES } from '@oms/contracts';
import { formatMoney, orderNumber, render, TEMPLATE_NAMES } from './templates';

const context = {
  orderId: '3f2a9c1e-0000-4000-8000-000000000001',
  customerName: 'Chen Jing',
  currency: 'CNY' as const,
  items: [
    { sku: 'TEA-OOLONG', quantity: 2, lineTotal: 8400 },
    { sku: 'CUP-CELADON', quantity: 1, lineTotal: 12000 },
  ],
  total: 20400,
  amountDue: 20400,
  reason: 'address could not be verified',
  carrier: 'sf-express',
  trackingNumber: 'SF1234567890123',
  deliveredAt: '2026-11-20T08:00:00.000Z',
  waiting: [{ sku: 'CUP-CELADON', quantity: 1 }],
  expectedDate: '2026-12-01T00:00:00.000Z',
  quantity: 1,
  backordered: 4,
  sku: 'TEA-OOLONG',
  warehouseId: 'sh-1',
  onHand: 7,
  available: 3,
  threshold: 5,
  kind: 'lost',
  resolution: 'refund',
  amount: 8400,
  step: 'refund-payment',
  attempts: 3,
  error: 'payments: answered 503',
  reference: 'RMA-0B7E4B1E3F',
};

describe('templates', () => {
  it.each(TEMPLATE_NAMES.flatMap((name) => LOCALES.map((locale) => [name, locale] as const)))(
    '%s renders in %s with a subject, a body and an SMS text',
    (name, locale) => {
      const message = render(name, locale, context);
      expect(message.subject.length).toBeGreaterThan(0);
      expect(message.text.length).toBeGreaterThan(message.sms.length);
      expect(message.sms.length).toBeLessThanOrEqual(70);
      expect(`${message.subject}${message.text}${message.sms}`).not.toMatch(/undefined|NaN|\[object/);
    },
  );

  it('fills in the order details in the customer locale', () => {
    const received = render('order-received', 'zh-CN', context);
    expect(received.subject).toBe('我们已收到您的订单 3F2A9C1E');
    expect(received.text).toContain('TEA-OOLONG × 2');
    expect(received.text).toContain('¥204.00');
    expect(render('order-received', 'en', context).text).toContain('CN¥204.00');
    const dispatched = render('shipment-dispatched', 'zh-TW', context);
    expect(dispatched.text).toContain('sf-express');
    expect(dispatched.text).toContain('SF1234567890123');
    expect(render('order-rejected', 'en', context).text).toContain('address could not be verified');
    expect(render('low-stock-alert', 'en', context).subject).toBe('Low stock: TEA-OOLONG at sh-1');
    const delayed = render('order-delayed', 'zh-CN', context);
    expect(delayed.text).toContain('CUP-CELADON × 1');
    expect(delayed.text).toContain('2026年12月1日');
    expect(render('replenishment-request', 'en', context).subject).toBe('Replenish TEA-OOLONG: 4 waiting');
    expect(render('delivery-exception', 'zh-CN', context).text).toContain('包裹丢失');
    expect(render('delivery-resolution', 'en', context).text).toContain('We are refunding CN¥84.00');
    expect(render('refund-issued', 'zh-TW', context).subject).toBe('訂單 3F2A9C1E 已退款 CN¥84.00');
    expect(render('compensation-failed', 'en', context).text).toContain('payments: answered 503');
    expect(render('shipment-dispatched', 'en', { ...context, replacement: true }).subject).toBe(
      'The replacement for order 3F2A9C1E is on its way',
    );
  });

  it('formats minor units per currency without floating-point drift', () => {
    expect(formatMoney(1999, 'USD', 'en')).toBe('$19.99');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney(123456789, 'TWD', 'zh-TW')).toContain('1,234,567.89');
    expect(orderNumber('abcdef12-3456')).toBe('ABCDEF12');
  });

  it('refuses an unknown template or locale', () => {
    expect(() => render('nope', 'en', context)).toThrow(/no template nope/);
    expect(() => render('order-received', 'fr' as never, context)).toThrow(/in fr/);
  });
});
