import type { Locale } from '@oms/contracts';
import { paragraphs } from './format';
import type { Template } from './message-context';

/** What a carrier's exception means for the customer, per ShipmentException kind. */
const EXCEPTION_MEANING: Record<Locale, Record<string, string>> = {
  en: {
    'failed-attempt': 'The carrier could not deliver it and will try again.',
    damaged: 'The parcel was damaged on the way. We are looking into it and will contact you.',
    lost: 'The carrier has lost the parcel. We are looking into it and will contact you.',
    'returned-to-sender': 'The parcel is on its way back to us. We will contact you.',
    other: 'The carrier reported a problem. We are looking into it.',
  },
  'zh-CN': {
    'failed-attempt': '快递未能成功派送，将再次派送。',
    damaged: '包裹在运输途中受损，我们正在处理，稍后会与您联系。',
    lost: '快递公司遗失了包裹，我们正在处理，稍后会与您联系。',
    'returned-to-sender': '包裹正在退回，我们会与您联系。',
    other: '快递公司报告了异常，我们正在处理。',
  },
  'zh-TW': {
    'failed-attempt': '貨運未能成功投遞，將再次投遞。',
    damaged: '包裹在運送途中受損，我們正在處理，稍後會與您聯繫。',
    lost: '貨運公司遺失了包裹，我們正在處理，稍後會與您聯繫。',
    'returned-to-sender': '包裹正在退回，我們會與您聯繫。',
    other: '貨運公司回報了異常，我們正在處理。',
  },
};

const meaning = (locale: Locale, kind: string | undefined) =>
  EXCEPTION_MEANING[locale][kind ?? 'other'] ?? EXCEPTION_MEANING[locale].other!;

/**
 * Customer messages about a parcel. One parcel may carry several orders of the customer (merged shipments):
 * then `f.order` lists every order number and the message is sent once, not once per order.
 */
export const SHIPMENT_TEMPLATES = {
  'shipment-dispatched': {
    en: (c, f) => ({
      subject: f.severalOrders ? `Orders ${f.order} are on their way` : `Order ${f.order} is on its way`,
      text: paragraphs(
        `Your ${f.severalOrders ? 'orders' : 'order'} ${f.order} left our warehouse with ${c.carrier}, tracking number ${c.trackingNumber}.`,
        c.trackingUrl && `Track it: ${c.trackingUrl}`,
        c.estimatedDelivery && `Expected: ${f.date(c.estimatedDelivery)}`,
        f.skus(c.lines) && `In this parcel:\n${f.skus(c.lines)}`,
        f.shipTo,
      ),
      sms: `Order ${f.order} shipped: ${c.carrier} ${c.trackingNumber}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 已发货`,
      text: paragraphs(
        `您的订单 ${f.order} 已由 ${c.carrier} 发出，运单号 ${c.trackingNumber}。`,
        c.trackingUrl && `查询：${c.trackingUrl}`,
        c.estimatedDelivery && `预计送达：${f.date(c.estimatedDelivery)}`,
        f.skus(c.lines) && `本包裹内含：\n${f.skus(c.lines)}`,
        f.shipTo,
      ),
      sms: `订单${f.order}已发货：${c.carrier} ${c.trackingNumber}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 已出貨`,
      text: paragraphs(
        `您的訂單 ${f.order} 已由 ${c.carrier} 寄出，貨運單號 ${c.trackingNumber}。`,
        c.trackingUrl && `查詢：${c.trackingUrl}`,
        c.estimatedDelivery && `預計送達：${f.date(c.estimatedDelivery)}`,
        f.skus(c.lines) && `本包裹內含：\n${f.skus(c.lines)}`,
        f.shipTo,
      ),
      sms: `訂單${f.order}已出貨：${c.carrier} ${c.trackingNumber}。`,
    }),
  },
  'shipment-out-for-delivery': {
    en: (c, f) => ({
      subject: `${f.severalOrders ? 'Orders' : 'Order'} ${f.order} ${f.severalOrders ? 'arrive' : 'arrives'} today`,
      text: paragraphs(
        `Your parcel ${c.trackingNumber} (${c.carrier}) for ${f.severalOrders ? 'orders' : 'order'} ${f.order} is out for delivery today.`,
        c.detail,
        f.shipTo,
      ),
      sms: `Order ${f.order} is out for delivery today.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 今日派送`,
      text: paragraphs(`您订单 ${f.order} 的包裹 ${c.trackingNumber}（${c.carrier}）今日派送。`, c.detail, f.shipTo),
      sms: `订单${f.order}今日派送，请留意查收。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 今日配送`,
      text: paragraphs(`您訂單 ${f.order} 的包裹 ${c.trackingNumber}（${c.carrier}）今日配送。`, c.detail, f.shipTo),
      sms: `訂單${f.order}今日配送，請留意查收。`,
    }),
  },
  'shipment-delivered': {
    en: (c, f) => ({
      subject: f.severalOrders ? `Orders ${f.order} were delivered` : `Order ${f.order} was delivered`,
      text: paragraphs(
        `Your parcel ${c.trackingNumber} for ${f.severalOrders ? 'orders' : 'order'} ${f.order} was delivered on ${f.date(c.deliveredAt)}.`,
        c.receivedBy && `Received by: ${c.receivedBy}`,
        f.skus(c.lines) && `Delivered:\n${f.skus(c.lines)}`,
      ),
      sms: `Order ${f.order} delivered.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 已送达`,
      text: paragraphs(
        `您订单 ${f.order} 的包裹 ${c.trackingNumber} 已于 ${f.date(c.deliveredAt)} 送达。`,
        c.receivedBy && `签收人：${c.receivedBy}`,
        f.skus(c.lines) && `送达商品：\n${f.skus(c.lines)}`,
      ),
      sms: `订单${f.order}已送达。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 已送達`,
      text: paragraphs(
        `您訂單 ${f.order} 的包裹 ${c.trackingNumber} 已於 ${f.date(c.deliveredAt)} 送達。`,
        c.receivedBy && `簽收人：${c.receivedBy}`,
        f.skus(c.lines) && `送達商品：\n${f.skus(c.lines)}`,
      ),
      sms: `訂單${f.order}已送達。`,
    }),
  },
  'shipment-exception': {
    en: (c, f) => ({
      subject: `A problem with the delivery of order ${f.order}`,
      text: paragraphs(
        `Your parcel ${c.trackingNumber} (${c.carrier}) for ${f.severalOrders ? 'orders' : 'order'} ${f.order}: ${meaning('en', c.exceptionKind)}`,
        c.detail && `The carrier says: ${c.detail}`,
      ),
      sms: `Order ${f.order}: a delivery problem, see your e-mail.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 配送异常`,
      text: paragraphs(
        `您订单 ${f.order} 的包裹 ${c.trackingNumber}（${c.carrier}）：${meaning('zh-CN', c.exceptionKind)}`,
        c.detail && `快递公司说明：${c.detail}`,
      ),
      sms: `订单${f.order}配送异常，我们正在处理。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 配送異常`,
      text: paragraphs(
        `您訂單 ${f.order} 的包裹 ${c.trackingNumber}（${c.carrier}）：${meaning('zh-TW', c.exceptionKind)}`,
        c.detail && `貨運公司說明：${c.detail}`,
      ),
      sms: `訂單${f.order}配送異常，我們正在處理。`,
    }),
  },
} satisfies Record<string, Record<Locale, Template>>;
