import { LOCALES } from '@oms/contracts';
import {
  assertTemplatesComplete,
  formatMoney,
  type MessageContext,
  orderNumber,
  render,
  TEMPLATE_NAMES,
  type TemplateName,
} from './index';

const ORDER_ID = '3f2a9c1e-0000-4000-8000-000000000001';
const SECOND_ORDER_ID = '7b1d0e55-0000-4000-8000-000000000002';

/** An order as OrderPlaced left it, with every event detail a template may show. */
const context: MessageContext = {
  orderId: ORDER_ID,
  customerName: 'Chen Jing',
  shipToCity: 'Hangzhou',
  currency: 'CNY',
  items: [
    { sku: 'TEA-OOLONG', quantity: 2, unitPrice: 4200, lineTotal: 8400 },
    { sku: 'CUP-CELADON', quantity: 1, unitPrice: 12000, lineTotal: 12000 },
  ],
  subtotal: 20400,
  shippingFee: 1000,
  discount: 1000,
  total: 20400,
  amountDue: 20400,
  payBy: '2026-11-25T16:00:00.000Z',
  reason: 'address could not be verified',
  carrier: 'sf-express',
  trackingNumber: 'SF1234567890123',
  trackingUrl: 'https://track.example.com/SF1234567890123',
  estimatedDelivery: '2026-11-24',
  deliveredAt: '2026-11-20T08:00:00.000Z',
  receivedBy: 'front desk',
  lines: [{ orderId: ORDER_ID, sku: 'TEA-OOLONG', quantity: 2 }],
  waiting: [{ sku: 'CUP-CELADON', quantity: 1 }],
  expectedDate: '2026-12-01T00:00:00.000Z',
  at: '2026-11-21T09:30:00.000Z',
  exceptionKind: 'damaged',
  detail: 'box crushed at the hub',
  refundAmount: 12000,
  refundReason: 'return',
  refundReference: 'RF-778',
  refundedLines: [{ sku: 'CUP-CELADON', quantity: 1 }],
  reviewReasons: ['amount-over-threshold', 'staff-keyed'],
  quantity: 1,
  backordered: 4,
  sku: 'TEA-OOLONG',
  warehouseId: 'sh-1',
  onHand: 7,
  available: 3,
  threshold: 5,
};

const NUMBER = '3F2A9C1E';

/** What each template must show, whatever the locale (money as ¥204.00 is inside CN¥204.00 too). */
const DETAILS: Record<TemplateName, string[]> = {
  'order-received': [
    NUMBER,
    'TEA-OOLONG × 2',
    '¥42.00',
    '¥84.00',
    'CUP-CELADON × 1',
    '¥204.00',
    'Chen Jing',
    'Hangzhou',
  ],
  'order-confirmed': [NUMBER, 'TEA-OOLONG × 2', '¥204.00', 'Hangzhou'],
  'payment-required': [NUMBER, '¥204.00', '2026', 'TEA-OOLONG × 2'],
  'order-rejected': [NUMBER, 'address could not be verified'],
  'order-cancelled': [NUMBER, 'address could not be verified'],
  'lines-cancelled': [NUMBER, 'CUP-CELADON × 1', 'address could not be verified'],
  'order-delayed': [NUMBER, 'CUP-CELADON × 1', '2026'],
  'shipment-dispatched': [NUMBER, 'sf-express', 'SF1234567890123', 'https://track.example.com/', 'TEA-OOLONG × 2'],
  'shipment-out-for-delivery': [NUMBER, 'sf-express', 'SF1234567890123'],
  'shipment-delivered': [NUMBER, 'SF1234567890123', 'front desk', '2026'],
  'shipment-exception': [NUMBER, 'SF1234567890123', 'box crushed at the hub'],
  'feedback-request': [NUMBER, '1', '5'],
  'delivery-check': [NUMBER, 'TEA-OOLONG × 2'],
  'return-reminder': [NUMBER, 'CUP-CELADON × 1'],
  'refund-issued': [NUMBER, '¥120.00', 'RF-778', 'CUP-CELADON × 1'],
  'low-stock-alert': ['TEA-OOLONG', 'sh-1', '3', '7', '5'],
  'replenishment-request': ['TEA-OOLONG', '4'],
  'order-review-needed': [NUMBER, '¥204.00', 'amount-over-threshold', 'staff-keyed', ORDER_ID],
  'shipment-exception-alert': ['sf-express', 'SF1234567890123', 'damaged', 'box crushed at the hub', NUMBER],
};

describe('templates', () => {
  const every = TEMPLATE_NAMES.flatMap((name) => LOCALES.map((locale) => [name, locale] as const));

  it('cover every event the service tells about', () => {
    expect([...TEMPLATE_NAMES].sort()).toEqual(Object.keys(DETAILS).sort());
  });

  it.each(every)('%s renders in %s with a subject, a body and an SMS text that show the details', (name, locale) => {
    const message = render(name, locale, context);
    expect(message.subject.length).toBeGreaterThan(0);
    expect(message.text.length).toBeGreaterThan(message.sms.length);
    expect(message.sms.length).toBeLessThanOrEqual(70);
    expect(`${message.subject}${message.text}${message.sms}`).not.toMatch(/undefined|NaN|null|\[object/);
    for (const detail of DETAILS[name]) expect(message.text).toContain(detail);
  });

  it('writes the customer templates in the language of the locale', () => {
    const zhCN = render('order-received', 'zh-CN', context);
    expect(zhCN.subject).toBe(`我们已收到您的订单 ${NUMBER}`);
    expect(zhCN.text).toContain('TEA-OOLONG × 2，单价 ¥42.00  ¥84.00');
    expect(zhCN.text).toContain('商品金额：¥204.00\n运费：¥10.00\n优惠：-¥10.00\n合计：¥204.00');
    expect(zhCN.text).toContain('收货人：Chen Jing（Hangzhou）');
    expect(zhCN.sms).toBe(`订单${NUMBER}已收到，合计¥204.00。`);
    const zhTW = render('order-received', 'zh-TW', context);
    expect(zhTW.subject).toBe(`我們已收到您的訂單 ${NUMBER}`);
    expect(zhTW.text).toContain('單價');
    expect(zhTW.text).toContain('收件人：Chen Jing（Hangzhou）');
    const en = render('order-received', 'en', context);
    expect(en.text).toContain('TEA-OOLONG × 2 at CN¥42.00  CN¥84.00');
    expect(en.text).toContain('Total: CN¥204.00');
    expect(en.text).toContain('Ships to: Chen Jing, Hangzhou');
    expect(render('shipment-dispatched', 'zh-TW', context).subject).toBe(`訂單 ${NUMBER} 已出貨`);
    expect(render('payment-required', 'en', context).text).toContain('by November 25, 2026');
    expect(render('order-delayed', 'zh-CN', context).text).toContain('2026年12月1日');
    expect(render('low-stock-alert', 'en', context).subject).toBe('Low stock: TEA-OOLONG at sh-1');
    expect(render('replenishment-request', 'en', context).subject).toBe('Replenish TEA-OOLONG: 4 waiting');
  });

  it('names every order of a merged parcel, and which order each line belongs to', () => {
    const merged: MessageContext = {
      ...context,
      orderIds: [ORDER_ID, SECOND_ORDER_ID],
      lines: [
        { orderId: ORDER_ID, sku: 'TEA-OOLONG', quantity: 2 },
        { orderId: SECOND_ORDER_ID, sku: 'CUP-CELADON', quantity: 1 },
      ],
    };
    const en = render('shipment-dispatched', 'en', merged);
    expect(en.subject).toBe('Orders 3F2A9C1E, 7B1D0E55 are on their way');
    expect(en.text).toContain('CUP-CELADON × 1  (order 7B1D0E55)');
    const zh = render('shipment-dispatched', 'zh-CN', merged);
    expect(zh.subject).toBe('订单 3F2A9C1E、7B1D0E55 已发货');
    expect(zh.sms.length).toBeLessThanOrEqual(70);
    expect(render('shipment-delivered', 'en', merged).subject).toBe('Orders 3F2A9C1E, 7B1D0E55 were delivered');
  });

  it('leaves out what an order kept before prices and totals were kept does not have', () => {
    const older: MessageContext = {
      orderId: ORDER_ID,
      currency: 'CNY',
      items: [{ sku: 'TEA-OOLONG', quantity: 2, lineTotal: 8400 }],
      total: 8400,
    };
    const message = render('order-received', 'en', older);
    expect(message.text).toContain('TEA-OOLONG × 2  CN¥84.00');
    expect(message.text).toContain('Total: CN¥84.00');
    expect(message.text).not.toMatch(/Subtotal|Ships to|undefined/);
    expect(message.text.startsWith('Hello,')).toBe(true);
  });

  it('formats minor units per currency without floating-point drift', () => {
    expect(formatMoney(1999, 'USD', 'en')).toBe('$19.99');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney(123456789, 'TWD', 'zh-TW')).toContain('1,234,567.89');
    expect(formatMoney(10, 'CNY', 'zh-CN')).toBe('¥0.10');
    expect(orderNumber('abcdef12-3456')).toBe('ABCDEF12');
  });

  it('refuses an unknown template or locale at render time', () => {
    expect(() => render('nope', 'en', context)).toThrow(/no template nope/);
    expect(() => render('toString', 'en', context)).toThrow(/no template toString/);
    expect(() => render('order-received', 'fr' as never, context)).toThrow(/in fr/);
  });

  it('finds a template missing in a locale, or missing altogether, before anything is sent', () => {
    const fill = () => ({ subject: 's', text: 'text', sms: 't' });
    expect(() => assertTemplatesComplete({ ok: { en: fill, 'zh-CN': fill, 'zh-TW': fill } })).not.toThrow();
    expect(() => assertTemplatesComplete({ partial: { en: fill, 'zh-CN': fill } })).toThrow(
      'templates missing: partial (zh-TW)',
    );
    expect(() => assertTemplatesComplete({}, ['order-received'])).toThrow(
      'templates missing: order-received (zh-CN), order-received (zh-TW), order-received (en)',
    );
  });
});
