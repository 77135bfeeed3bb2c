import type { Locale } from '@oms/contracts';
import { paragraphs } from './format';
import type { Template } from './message-context';

/** Staff alerts: where someone must act (stock to buy, an order to review, a parcel in trouble). */
export const STAFF_TEMPLATES = {
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
  'replenishment-request': {
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
  },
  'order-review-needed': {
    en: (c, f) => ({
      subject: `Review order ${f.order}: ${(c.reviewReasons ?? []).join(', ')}`,
      text: paragraphs(
        `Order ${f.order} (total ${f.money(c.total)}) waits for a person to approve or reject it.`,
        `Held by: ${(c.reviewReasons ?? []).join(', ')}`,
        c.detail,
        `Order id: ${c.orderId}`,
      ),
      sms: `Review order ${f.order}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `请审核订单 ${f.order}：${(c.reviewReasons ?? []).join('、')}`,
      text: paragraphs(
        `订单 ${f.order}（合计 ${f.money(c.total)}）等待人工审核通过或拒绝。`,
        `审核原因：${(c.reviewReasons ?? []).join('、')}`,
        c.detail,
        `订单 ID：${c.orderId}`,
      ),
      sms: `请审核订单${f.order}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `請審核訂單 ${f.order}：${(c.reviewReasons ?? []).join('、')}`,
      text: paragraphs(
        `訂單 ${f.order}（合計 ${f.money(c.total)}）等待人工審核通過或拒絕。`,
        `審核原因：${(c.reviewReasons ?? []).join('、')}`,
        c.detail,
        `訂單 ID：${c.orderId}`,
      ),
      sms: `請審核訂單${f.order}。`,
    }),
  },
  'shipment-exception-alert': {
    en: (c, f) => ({
      subject: `Delivery exception (${c.exceptionKind}): ${c.carrier} ${c.trackingNumber}`,
      text: paragraphs(
        `${c.carrier} reports ${c.exceptionKind} for parcel ${c.trackingNumber}${c.at ? ` on ${f.date(c.at)}` : ''}.`,
        c.detail && `Carrier's words: ${c.detail}`,
        `Orders: ${f.order}`,
      ),
      sms: `Exception ${c.exceptionKind}: ${c.trackingNumber}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `配送异常（${c.exceptionKind}）：${c.carrier} ${c.trackingNumber}`,
      text: paragraphs(
        `${c.carrier} 报告包裹 ${c.trackingNumber}${c.at ? ` 于 ${f.date(c.at)}` : ''} 出现异常：${c.exceptionKind}。`,
        c.detail && `快递说明：${c.detail}`,
        `订单：${f.order}`,
      ),
      sms: `配送异常 ${c.exceptionKind}：${c.trackingNumber}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `配送異常（${c.exceptionKind}）：${c.carrier} ${c.trackingNumber}`,
      text: paragraphs(
        `${c.carrier} 回報包裹 ${c.trackingNumber}${c.at ? ` 於 ${f.date(c.at)}` : ''} 出現異常：${c.exceptionKind}。`,
        c.detail && `貨運說明：${c.detail}`,
        `訂單：${f.order}`,
      ),
      sms: `配送異常 ${c.exceptionKind}：${c.trackingNumber}。`,
    }),
  },
} satisfies Record<string, Record<Locale, Template>>;
