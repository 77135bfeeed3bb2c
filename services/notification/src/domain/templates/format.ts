import { CURRENCY_MINOR_DIGITS, type Currency, type Locale } from '@oms/contracts';
import type { Formatters, MessageContext, SkuLine } from './message-context';

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

/** A date as the locale writes it in full (November 20, 2026 / 2026年11月20日), in UTC like every time we keep. */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

interface Labels {
  items: string;
  /** One order line: SKU and quantity, then the unit price and line total when known. */
  item: (sku: string, quantity: number, unitPrice: string | null, lineTotal: string) => string;
  subtotal: string;
  shipping: string;
  discount: string;
  total: string;
  shipTo: (name: string, city: string | undefined) => string;
  /** How the locale lists several order numbers. */
  listSeparator: string;
  ofOrder: string;
}

const LABELS: Record<Locale, Labels> = {
  en: {
    items: 'Items:',
    item: (sku, quantity, unitPrice, lineTotal) =>
      `  ${sku} × ${quantity}${unitPrice ? ` at ${unitPrice}` : ''}  ${lineTotal}`,
    subtotal: 'Subtotal',
    shipping: 'Shipping',
    discount: 'Discount',
    total: 'Total',
    shipTo: (name, city) => `Ships to: ${name}${city ? `, ${city}` : ''}`,
    listSeparator: ', ',
    ofOrder: 'order',
  },
  'zh-CN': {
    items: '商品：',
    item: (sku, quantity, unitPrice, lineTotal) =>
      `  ${sku} × ${quantity}${unitPrice ? `，单价 ${unitPrice}` : ''}  ${lineTotal}`,
    subtotal: '商品金额',
    shipping: '运费',
    discount: '优惠',
    total: '合计',
    shipTo: (name, city) => `收货人：${name}${city ? `（${city}）` : ''}`,
    listSeparator: '、',
    ofOrder: '订单',
  },
  'zh-TW': {
    items: '商品：',
    item: (sku, quantity, unitPrice, lineTotal) =>
      `  ${sku} × ${quantity}${unitPrice ? `，單價 ${unitPrice}` : ''}  ${lineTotal}`,
    subtotal: '商品金額',
    shipping: '運費',
    discount: '折扣',
    total: '合計',
    shipTo: (name, city) => `收件人：${name}${city ? `（${city}）` : ''}`,
    listSeparator: '、',
    ofOrder: '訂單',
  },
};

/** English puts a colon and a space after a label; Chinese a full-width colon. */
function labelled(locale: Locale, label: string, value: string): string {
  return locale === 'en' ? `${label}: ${value}` : `${label}：${value}`;
}

/** The pieces templates are built from, written for one locale from one message's context. */
export function formattersFor(locale: Locale, context: MessageContext): Formatters {
  const labels = LABELS[locale];
  const money = (amount: number | undefined) =>
    amount === undefined || !context.currency ? '' : formatMoney(amount, context.currency, locale);
  const orderIds = context.orderIds?.length ? context.orderIds : context.orderId ? [context.orderId] : [];
  const several = orderIds.length > 1;
  const items = context.items?.length
    ? [
        labels.items,
        ...context.items.map((i) =>
          labels.item(i.sku, i.quantity, i.unitPrice === undefined ? null : money(i.unitPrice), money(i.lineTotal)),
        ),
      ].join('\n')
    : '';
  const totals =
    context.total === undefined || !context.currency
      ? ''
      : [
          ...(context.subtotal !== undefined ? [labelled(locale, labels.subtotal, money(context.subtotal))] : []),
          ...(context.shippingFee !== undefined ? [labelled(locale, labels.shipping, money(context.shippingFee))] : []),
          ...(context.discount ? [labelled(locale, labels.discount, `-${money(context.discount)}`)] : []),
          labelled(locale, labels.total, money(context.total)),
        ].join('\n');
  const skuLines = (lines: SkuLine[] | undefined) =>
    (lines ?? [])
      .map(
        (l) =>
          `  ${l.sku} × ${l.quantity}${several && l.orderId ? `  (${labels.ofOrder} ${orderNumber(l.orderId)})` : ''}`,
      )
      .join('\n');
  return {
    order: orderIds.map(orderNumber).join(labels.listSeparator),
    severalOrders: several,
    money,
    items,
    totals,
    shipTo: context.customerName ? labels.shipTo(context.customerName, context.shipToCity) : '',
    skus: skuLines,
    date: (iso) => (iso ? formatDate(iso, locale) : ''),
  };
}

/** Joins the parts of a body that are there with a blank line between them. */
export function paragraphs(...parts: Array<string | false | undefined | null>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '').join('\n\n');
}
