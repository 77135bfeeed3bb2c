import { CURRENCY_MINOR_DIGITS, type Currency, LOCALES, type Locale } from '@oms/contracts';
import { TROUBLE_TEMPLATE_NAMES, TROUBLE_TEMPLATES } from './trouble-templates';

/** Everything a message may show; each template uses what its event provides. */
export interface MessageContext {
  orderId?: string | null;
  customerName?: string;
  currency?: Currency;
  items?: Array<{ sku: string; quantity: number; lineTotal: number }>;
  total?: number;
  amountDue?: number;
  payBy?: string;
  reason?: string;
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  estimatedDelivery?: string;
  deliveredAt?: string;
  /** Lines that wait for stock, and when it is expected. */
  waiting?: Array<{ sku: string; quantity: number }>;
  expectedDate?: string;
  /** A replenishment request: units asked for and all that waits for the SKU. */
  quantity?: number;
  backordered?: number;
  sku?: string;
  warehouseId?: string;
  onHand?: number;
  available?: number;
  threshold?: number;
  /** A shipment in trouble and how it is put right; refunds; a compensation step that failed. */
  kind?: string;
  detail?: string;
  refundable?: boolean;
  resolution?: string;
  amount?: number;
  reference?: string;
  step?: string;
  attempts?: number;
  error?: string;
  /** The parcel carries a replacement (a reship or an exchange). */
  replacement?: boolean;
}

export interface RenderedMessage {
  subject: string;
  /** Plain-text e-mail body. */
  text: string;
  /** The short form for SMS. */
  sms: string;
}

type Template = (c: MessageContext, f: Formatters) => RenderedMessage;

interface Formatters {
  order: string;
  /** The waiting lines, one a row. */
  waiting: string;
  money: (amount: number | undefined) => string;
  items: string;
  date: (iso: string | undefined) => string;
}

export const TEMPLATE_NAMES = [
  'order-received',
  'order-confirmed',
  'payment-required',
  'order-rejected',
  'order-cancelled',
  'lines-cancelled',
  'order-delayed',
  'shipment-dispatched',
  'shipment-delivered',
  'feedback-request',
  'low-stock-alert',
  'replenishment-request',
  ...TROUBLE_TEMPLATE_NAMES,
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The short order number customers see: the first block of the id, upper case. */
export function orderNumber(orderId: string | null | undefined): string {
  return orderId ? orderId.slice(0, 8).toUpperCase() : '';
}

/** Minor units as the locale writes money (¥1,234.50, NT$…); integer arithmetic until the last step. */
export function formatMoney(amount: number, currency: Currency, locale: Locale): string {
  const digits = CURRENCY_MINOR_DIGITS[currency];
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

/** Staff: stock to buy for waiting orders. */
const REPLENISHMENT: Record<Locale, Template> = {
  en: (c) => ({
    subject: `Replenish ${c.sku}: ${c.backordered} waiting`,
    text: `An order could not be reserved: ${c.quantity} of ${c.sku} are short. ${c.backordered} units of ${c.sku} now wait for stock in all. Receipts serve waiting orders first come, first served.`,
    sms: `Replenish ${c.sku}: ${c.backordered} waiting.`,
  }),
  'zh-CN': (c) => ({
    subject: `请补货 ${c.sku}：${c.backordered} 件待发`,
    text: `有订单无法预留：${c.sku} 缺 ${c.quantity} 件，目前共有 ${c.backordered} 件在等待到货。到货后按下单先后依次分配。`,
    sms: `请补货 ${c.sku}：${c.backordered} 件待发。`,
  }),
  'zh-TW': (c) => ({
    subject: `請補貨 ${c.sku}：${c.backordered} 件待出`,
    text: `有訂單無法預留：${c.sku} 缺 ${c.quantity} 件，目前共有 ${c.backordered} 件在等待到貨。到貨後依下單先後依序分配。`,
    sms: `請補貨 ${c.sku}：${c.backordered} 件待出。`,
  }),
};

const TEMPLATES: Record<TemplateName, Record<Locale, Template>> = {
  ...TROUBLE_TEMPLATES,
  'replenishment-request': REPLENISHMENT,
  'order-received': {
    en: (c, f) => ({
      subject: `We received your order ${f.order}`,
      text: `Hello ${c.customerName ?? ''},\n\nThank you for your order ${f.order}.\n\n${f.items}\n\nTotal: ${f.money(c.total)}\n\nWe will write again when it is confirmed.`,
      sms: `Order ${f.order} received, total ${f.money(c.total)}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `我们已收到您的订单 ${f.order}`,
      text: `${c.customerName ?? ''}您好：\n\n感谢您的订购，订单号 ${f.order}。\n\n${f.items}\n\n合计：${f.money(c.total)}\n\n订单确认后我们会再通知您。`,
      sms: `订单${f.order}已收到，合计${f.money(c.total)}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `我們已收到您的訂單 ${f.order}`,
      text: `${c.customerName ?? ''}您好：\n\n感謝您的訂購，訂單編號 ${f.order}。\n\n${f.items}\n\n合計：${f.money(c.total)}\n\n訂單確認後我們會再通知您。`,
      sms: `訂單${f.order}已收到，合計${f.money(c.total)}。`,
    }),
  },
  'order-confirmed': {
    en: (_c, f) => ({
      subject: `Your order ${f.order} is confirmed`,
      text: `Your order ${f.order} is confirmed and is being prepared.\n\n${f.items}`,
      sms: `Order ${f.order} confirmed.`,
    }),
    'zh-CN': (_c, f) => ({
      subject: `您的订单 ${f.order} 已确认`,
      text: `您的订单 ${f.order} 已确认，正在备货。\n\n${f.items}`,
      sms: `订单${f.order}已确认。`,
    }),
    'zh-TW': (_c, f) => ({
      subject: `您的訂單 ${f.order} 已確認`,
      text: `您的訂單 ${f.order} 已確認，正在備貨。\n\n${f.items}`,
      sms: `訂單${f.order}已確認。`,
    }),
  },
  'payment-required': {
    en: (c, f) => ({
      subject: `Payment needed for order ${f.order}`,
      text: `Your order ${f.order} waits for payment of ${f.money(c.amountDue)}${c.payBy ? ` by ${f.date(c.payBy)}` : ''}.`,
      sms: `Order ${f.order}: please pay ${f.money(c.amountDue)}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 待付款`,
      text: `您的订单 ${f.order} 待付款 ${f.money(c.amountDue)}${c.payBy ? `，请于 ${f.date(c.payBy)} 前完成` : ''}。`,
      sms: `订单${f.order}待付款${f.money(c.amountDue)}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 待付款`,
      text: `您的訂單 ${f.order} 待付款 ${f.money(c.amountDue)}${c.payBy ? `，請於 ${f.date(c.payBy)} 前完成` : ''}。`,
      sms: `訂單${f.order}待付款${f.money(c.amountDue)}。`,
    }),
  },
  'order-rejected': {
    en: (c, f) => ({
      subject: `We could not accept order ${f.order}`,
      text: `We are sorry: your order ${f.order} could not be accepted.\nReason: ${c.reason ?? ''}`,
      sms: `Order ${f.order} could not be accepted.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 未能受理`,
      text: `很抱歉，您的订单 ${f.order} 未能受理。\n原因：${c.reason ?? ''}`,
      sms: `订单${f.order}未能受理。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 未能受理`,
      text: `很抱歉，您的訂單 ${f.order} 未能受理。\n原因：${c.reason ?? ''}`,
      sms: `訂單${f.order}未能受理。`,
    }),
  },
  'order-cancelled': {
    en: (c, f) => ({
      subject: `Order ${f.order} is cancelled`,
      text: `Your order ${f.order} is cancelled.\nReason: ${c.reason ?? ''}`,
      sms: `Order ${f.order} cancelled.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 已取消`,
      text: `您的订单 ${f.order} 已取消。\n原因：${c.reason ?? ''}`,
      sms: `订单${f.order}已取消。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 已取消`,
      text: `您的訂單 ${f.order} 已取消。\n原因：${c.reason ?? ''}`,
      sms: `訂單${f.order}已取消。`,
    }),
  },
  'lines-cancelled': {
    en: (c, f) => ({
      subject: `Part of order ${f.order} is cancelled`,
      text: `These items of order ${f.order} are cancelled:\n${f.waiting}\nReason: ${c.reason ?? ''}\nThe rest of the order goes on.`,
      sms: `Order ${f.order}: some items cancelled.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 部分商品已取消`,
      text: `订单 ${f.order} 的以下商品已取消：\n${f.waiting}\n原因：${c.reason ?? ''}\n订单其余部分照常处理。`,
      sms: `订单${f.order}部分商品已取消。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 部分商品已取消`,
      text: `訂單 ${f.order} 的以下商品已取消：\n${f.waiting}\n原因：${c.reason ?? ''}\n訂單其餘部分照常處理。`,
      sms: `訂單${f.order}部分商品已取消。`,
    }),
  },
  'order-delayed': {
    en: (c, f) => ({
      subject: `Part of order ${f.order} is delayed`,
      text: `We are waiting for stock of:\n${f.waiting}\n${c.expectedDate ? `We expect it by ${f.date(c.expectedDate)}.` : 'We will tell you as soon as it arrives.'} What is in stock is not held back unless you asked for one delivery.`,
      sms: `Order ${f.order}: some items are delayed.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 部分商品延迟`,
      text: `以下商品正在等待到货：\n${f.waiting}\n${c.expectedDate ? `预计 ${f.date(c.expectedDate)} 到货。` : '到货后我们会立即通知您。'}有货的商品会先行发出（除非您要求一次送达）。`,
      sms: `订单${f.order}部分商品延迟发货。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 部分商品延遲`,
      text: `以下商品正在等待到貨：\n${f.waiting}\n${c.expectedDate ? `預計 ${f.date(c.expectedDate)} 到貨。` : '到貨後我們會立即通知您。'}有貨的商品會先行寄出（除非您要求一次送達）。`,
      sms: `訂單${f.order}部分商品延遲出貨。`,
    }),
  },
  'shipment-dispatched': {
    en: (c, f) => ({
      subject: `${c.replacement ? 'The replacement for order' : 'Order'} ${f.order} is on its way`,
      text: `Your order ${f.order} left our warehouse with ${c.carrier}, tracking number ${c.trackingNumber}.${c.trackingUrl ? `\nTrack it: ${c.trackingUrl}` : ''}${c.estimatedDelivery ? `\nExpected: ${f.date(c.estimatedDelivery)}` : ''}`,
      sms: `Order ${f.order} shipped: ${c.carrier} ${c.trackingNumber}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} ${c.replacement ? '的补发商品' : ''}已发货`,
      text: `您的订单 ${f.order} 已由 ${c.carrier} 发出，运单号 ${c.trackingNumber}。${c.trackingUrl ? `\n查询：${c.trackingUrl}` : ''}${c.estimatedDelivery ? `\n预计送达：${f.date(c.estimatedDelivery)}` : ''}`,
      sms: `订单${f.order}已发货：${c.carrier} ${c.trackingNumber}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} ${c.replacement ? '的補寄商品' : ''}已出貨`,
      text: `您的訂單 ${f.order} 已由 ${c.carrier} 寄出，貨運單號 ${c.trackingNumber}。${c.trackingUrl ? `\n查詢：${c.trackingUrl}` : ''}${c.estimatedDelivery ? `\n預計送達：${f.date(c.estimatedDelivery)}` : ''}`,
      sms: `訂單${f.order}已出貨：${c.carrier} ${c.trackingNumber}。`,
    }),
  },
  'shipment-delivered': {
    en: (c, f) => ({
      subject: `Order ${f.order} was delivered`,
      text: `Your parcel ${c.trackingNumber} for order ${f.order} was delivered on ${f.date(c.deliveredAt)}.`,
      sms: `Order ${f.order} delivered.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 已送达`,
      text: `您订单 ${f.order} 的包裹 ${c.trackingNumber} 已于 ${f.date(c.deliveredAt)} 送达。`,
      sms: `订单${f.order}已送达。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 已送達`,
      text: `您訂單 ${f.order} 的包裹 ${c.trackingNumber} 已於 ${f.date(c.deliveredAt)} 送達。`,
      sms: `訂單${f.order}已送達。`,
    }),
  },
  'feedback-request': {
    en: (_c, f) => ({
      subject: `How was order ${f.order}?`,
      text: `We hope you enjoy your order ${f.order}. Please rate it from 1 to 5 and tell us what you think.`,
      sms: `How was order ${f.order}? Rate it 1-5.`,
    }),
    'zh-CN': (_c, f) => ({
      subject: `订单 ${f.order} 还满意吗？`,
      text: `希望您喜欢订单 ${f.order} 的商品。请为它打 1 到 5 分，并告诉我们您的意见。`,
      sms: `订单${f.order}满意吗？请打1-5分。`,
    }),
    'zh-TW': (_c, f) => ({
      subject: `訂單 ${f.order} 還滿意嗎？`,
      text: `希望您喜歡訂單 ${f.order} 的商品。請為它打 1 到 5 分，並告訴我們您的意見。`,
      sms: `訂單${f.order}滿意嗎？請打1-5分。`,
    }),
  },
  'low-stock-alert': {
    en: (c) => ({
      subject: `Low stock: ${c.sku} at ${c.warehouseId}`,
      text: `${c.sku} at ${c.warehouseId}: ${c.available} available (${c.onHand} on hand), at or below the threshold of ${c.threshold}. Replenish soon.`,
      sms: `Low stock ${c.sku}@${c.warehouseId}: ${c.available} left.`,
    }),
    'zh-CN': (c) => ({
      subject: `库存不足：${c.sku}（${c.warehouseId}）`,
      text: `${c.warehouseId} 的 ${c.sku} 可用 ${c.available} 件（在库 ${c.onHand}），已不高于阈值 ${c.threshold}，请尽快补货。`,
      sms: `库存不足 ${c.sku}@${c.warehouseId}：剩 ${c.available}。`,
    }),
    'zh-TW': (c) => ({
      subject: `庫存不足：${c.sku}（${c.warehouseId}）`,
      text: `${c.warehouseId} 的 ${c.sku} 可用 ${c.available} 件（在庫 ${c.onHand}），已不高於門檻 ${c.threshold}，請盡快補貨。`,
      sms: `庫存不足 ${c.sku}@${c.warehouseId}：剩 ${c.available}。`,
    }),
  },
};

const ITEM_HEADINGS: Record<Locale, string> = { en: 'Items:', 'zh-CN': '商品：', 'zh-TW': '商品：' };

/** Renders a template in a locale; throws for a template or locale that does not exist. */
export function render(template: string, locale: Locale, context: MessageContext): RenderedMessage {
  const byLocale = TEMPLATES[template as TemplateName];
  const fill = byLocale?.[locale];
  if (!fill) throw new Error(`no template ${template} in ${locale}`);
  const money = (amount: number | undefined) =>
    amount === undefined || !context.currency ? '' : formatMoney(amount, context.currency, locale);
  const items = context.items?.length
    ? [ITEM_HEADINGS[locale], ...context.items.map((i) => `  ${i.sku} × ${i.quantity}  ${money(i.lineTotal)}`)].join(
        '\n',
      )
    : '';
  const date = (iso: string | undefined) =>
    iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso)) : '';
  const waiting = (context.waiting ?? []).map((l) => `  ${l.sku} × ${l.quantity}`).join('\n');
  return fill(context, { order: orderNumber(context.orderId), money, items, waiting, date });
}

/** Every template exists in every locale: checked when the module loads, not when a message is due. */
export function assertTemplatesComplete(): void {
  for (const name of TEMPLATE_NAMES) {
    for (const locale of LOCALES) {
      if (typeof TEMPLATES[name]?.[locale] !== 'function') throw new Error(`template ${name} lacks ${locale}`);
    }
  }
}

assertTemplatesComplete();
