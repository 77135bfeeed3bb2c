import type { Locale } from '@oms/contracts';
import { paragraphs } from './format';
import type { Template } from './message-context';

/** Customer messages about the order itself: received, confirmed, payment, rejection, cancellation, delay. */
export const ORDER_TEMPLATES = {
  'order-received': {
    en: (c, f) => ({
      subject: `We received your order ${f.order}`,
      text: paragraphs(
        `Hello${c.customerName ? ` ${c.customerName}` : ''},`,
        `Thank you for your order ${f.order}.`,
        f.items,
        f.totals,
        f.shipTo,
        'We will write again when it is confirmed.',
      ),
      sms: `Order ${f.order} received, total ${f.money(c.total)}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `我们已收到您的订单 ${f.order}`,
      text: paragraphs(
        `${c.customerName ?? ''}您好：`,
        `感谢您的订购，订单号 ${f.order}。`,
        f.items,
        f.totals,
        f.shipTo,
        '订单确认后我们会再通知您。',
      ),
      sms: `订单${f.order}已收到，合计${f.money(c.total)}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `我們已收到您的訂單 ${f.order}`,
      text: paragraphs(
        `${c.customerName ?? ''}您好：`,
        `感謝您的訂購，訂單編號 ${f.order}。`,
        f.items,
        f.totals,
        f.shipTo,
        '訂單確認後我們會再通知您。',
      ),
      sms: `訂單${f.order}已收到，合計${f.money(c.total)}。`,
    }),
  },
  'order-confirmed': {
    en: (_c, f) => ({
      subject: `Your order ${f.order} is confirmed`,
      text: paragraphs(`Your order ${f.order} is confirmed and is being prepared.`, f.items, f.totals, f.shipTo),
      sms: `Order ${f.order} confirmed.`,
    }),
    'zh-CN': (_c, f) => ({
      subject: `您的订单 ${f.order} 已确认`,
      text: paragraphs(`您的订单 ${f.order} 已确认，正在备货。`, f.items, f.totals, f.shipTo),
      sms: `订单${f.order}已确认。`,
    }),
    'zh-TW': (_c, f) => ({
      subject: `您的訂單 ${f.order} 已確認`,
      text: paragraphs(`您的訂單 ${f.order} 已確認，正在備貨。`, f.items, f.totals, f.shipTo),
      sms: `訂單${f.order}已確認。`,
    }),
  },
  'payment-required': {
    en: (c, f) => ({
      subject: `Payment needed for order ${f.order}`,
      text: paragraphs(
        `Your order ${f.order} waits for payment of ${f.money(c.amountDue)}${c.payBy ? ` by ${f.date(c.payBy)}` : ''}.`,
        f.items,
        c.payBy ? 'An order not paid by then is cancelled.' : null,
      ),
      sms: `Order ${f.order}: please pay ${f.money(c.amountDue)}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 待付款`,
      text: paragraphs(
        `您的订单 ${f.order} 待付款 ${f.money(c.amountDue)}${c.payBy ? `，请于 ${f.date(c.payBy)} 前完成` : ''}。`,
        f.items,
        c.payBy ? '逾期未付款的订单将被取消。' : null,
      ),
      sms: `订单${f.order}待付款${f.money(c.amountDue)}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 待付款`,
      text: paragraphs(
        `您的訂單 ${f.order} 待付款 ${f.money(c.amountDue)}${c.payBy ? `，請於 ${f.date(c.payBy)} 前完成` : ''}。`,
        f.items,
        c.payBy ? '逾期未付款的訂單將被取消。' : null,
      ),
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
      text: `These items of order ${f.order} are cancelled:\n${f.skus(c.waiting)}\nReason: ${c.reason ?? ''}\nThe rest of the order goes on.`,
      sms: `Order ${f.order}: some items cancelled.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 部分商品已取消`,
      text: `订单 ${f.order} 的以下商品已取消：\n${f.skus(c.waiting)}\n原因：${c.reason ?? ''}\n订单其余部分照常处理。`,
      sms: `订单${f.order}部分商品已取消。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 部分商品已取消`,
      text: `訂單 ${f.order} 的以下商品已取消：\n${f.skus(c.waiting)}\n原因：${c.reason ?? ''}\n訂單其餘部分照常處理。`,
      sms: `訂單${f.order}部分商品已取消。`,
    }),
  },
  'order-delayed': {
    en: (c, f) => ({
      subject: `Part of order ${f.order} is delayed`,
      text: `We are waiting for stock of these items of order ${f.order}:\n${f.skus(c.waiting)}\n${c.expectedDate ? `We expect it by ${f.date(c.expectedDate)}.` : 'We will tell you as soon as it arrives.'} What is in stock is not held back unless you asked for one delivery.`,
      sms: `Order ${f.order}: some items are delayed.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 部分商品延迟`,
      text: `订单 ${f.order} 的以下商品正在等待到货：\n${f.skus(c.waiting)}\n${c.expectedDate ? `预计 ${f.date(c.expectedDate)} 到货。` : '到货后我们会立即通知您。'}有货的商品会先行发出（除非您要求一次送达）。`,
      sms: `订单${f.order}部分商品延迟发货。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 部分商品延遲`,
      text: `訂單 ${f.order} 的以下商品正在等待到貨：\n${f.skus(c.waiting)}\n${c.expectedDate ? `預計 ${f.date(c.expectedDate)} 到貨。` : '到貨後我們會立即通知您。'}有貨的商品會先行寄出（除非您要求一次送達）。`,
      sms: `訂單${f.order}部分商品延遲出貨。`,
    }),
  },
} satisfies Record<string, Record<Locale, Template>>;
