import type { Locale } from '@oms/contracts';
import type { MessageContext, RenderedMessage } from './templates';

type Template = (
  c: MessageContext,
  f: { order: string; money: (amount: number | undefined) => string },
) => RenderedMessage;

/** Messages of things going wrong and being put right: parcels in trouble, refunds, compensations. */
export const TROUBLE_TEMPLATE_NAMES = [
  'delivery-exception',
  'delivery-exception-alert',
  'delivery-resolution',
  'refund-issued',
  'compensation-failed',
  'return-approved',
  'return-rejected',
] as const;
export type TroubleTemplateName = (typeof TROUBLE_TEMPLATE_NAMES)[number];

const KIND: Record<Locale, Record<string, string>> = {
  en: {
    'failed-attempt': 'the carrier could not deliver it',
    damaged: 'it was damaged',
    lost: 'it was lost',
    'returned-to-sender': 'it is on its way back to us',
    other: 'the carrier reported a problem',
  },
  'zh-CN': {
    'failed-attempt': '快递员未能投递',
    damaged: '包裹受损',
    lost: '包裹丢失',
    'returned-to-sender': '包裹正在退回',
    other: '承运商报告了异常',
  },
  'zh-TW': {
    'failed-attempt': '快遞員未能投遞',
    damaged: '包裹受損',
    lost: '包裹遺失',
    'returned-to-sender': '包裹正在退回',
    other: '物流商回報了異常',
  },
};
const kindOf = (locale: Locale, kind: string | undefined) => KIND[locale][kind ?? 'other'] ?? KIND[locale].other!;

export const TROUBLE_TEMPLATES: Record<TroubleTemplateName, Record<Locale, Template>> = {
  'delivery-exception': {
    en: (c, f) => ({
      subject: `A problem with your parcel for order ${f.order}`,
      text: `Your parcel ${c.trackingNumber} (${c.carrier}) for order ${f.order}: ${kindOf('en', c.kind)}.${c.detail ? `\nCarrier note: ${c.detail}` : ''}\nWe will put it right: we can send the items again${c.refundable ? ', refund them' : ''} or have our customer service contact you.`,
      sms: `Order ${f.order}: parcel ${c.trackingNumber} in trouble. We will fix it.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 的包裹出现问题`,
      text: `您订单 ${f.order} 的包裹 ${c.trackingNumber}（${c.carrier}）：${kindOf('zh-CN', c.kind)}。${c.detail ? `\n承运商说明：${c.detail}` : ''}\n我们会妥善处理：重新发货${c.refundable ? '、退款' : ''}或由客服与您联系。`,
      sms: `订单${f.order}：包裹${c.trackingNumber}${kindOf('zh-CN', c.kind)}，我们会处理。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 的包裹出現問題`,
      text: `您訂單 ${f.order} 的包裹 ${c.trackingNumber}（${c.carrier}）：${kindOf('zh-TW', c.kind)}。${c.detail ? `\n物流商說明：${c.detail}` : ''}\n我們會妥善處理：重新寄送${c.refundable ? '、退款' : ''}或由客服與您聯繫。`,
      sms: `訂單${f.order}：包裹${c.trackingNumber}${kindOf('zh-TW', c.kind)}，我們會處理。`,
    }),
  },
  'delivery-exception-alert': {
    en: (c, f) => ({
      subject: `Delivery exception: ${c.trackingNumber} (${c.kind})`,
      text: `Shipment ${c.trackingNumber} (${c.carrier}) of order ${f.order}: ${c.kind}.${c.detail ? `\nCarrier note: ${c.detail}` : ''}\nChoose a resolution (reship, refund, contact the customer) on the order; a case is open.`,
      sms: `Delivery exception ${c.trackingNumber}: ${c.kind}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `配送异常：${c.trackingNumber}（${c.kind}）`,
      text: `订单 ${f.order} 的运单 ${c.trackingNumber}（${c.carrier}）：${c.kind}。${c.detail ? `\n承运商说明：${c.detail}` : ''}\n请在订单上选择处理方式（重发、退款、联系客户）；已开立工单。`,
      sms: `配送异常 ${c.trackingNumber}：${c.kind}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `配送異常：${c.trackingNumber}（${c.kind}）`,
      text: `訂單 ${f.order} 的貨運單 ${c.trackingNumber}（${c.carrier}）：${c.kind}。${c.detail ? `\n物流商說明：${c.detail}` : ''}\n請在訂單上選擇處理方式（重寄、退款、聯繫客戶）；已開立工單。`,
      sms: `配送異常 ${c.trackingNumber}：${c.kind}。`,
    }),
  },
  'delivery-resolution': {
    en: (c, f) => ({
      subject: `Order ${f.order}: ${c.resolution === 'reship' ? 'we are sending your items again' : c.resolution === 'refund' ? 'your refund is on its way' : 'we will contact you'}`,
      text:
        c.resolution === 'reship'
          ? `We are sending the items of parcel ${c.trackingNumber} again, free of charge. You will get the new tracking number when it leaves.`
          : c.resolution === 'refund'
            ? `We are refunding ${f.money(c.amount)} for the items of parcel ${c.trackingNumber}.`
            : `Our customer service will contact you about parcel ${c.trackingNumber} of order ${f.order}.`,
      sms: `Order ${f.order}: ${c.resolution === 'reship' ? 'items sent again' : c.resolution === 'refund' ? `refund ${f.money(c.amount)}` : 'customer service will call'}.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order}：${c.resolution === 'reship' ? '我们将重新发货' : c.resolution === 'refund' ? '退款处理中' : '客服将与您联系'}`,
      text:
        c.resolution === 'reship'
          ? `包裹 ${c.trackingNumber} 中的商品将免费重新发出，发货后会告知新的运单号。`
          : c.resolution === 'refund'
            ? `包裹 ${c.trackingNumber} 中的商品将退款 ${f.money(c.amount)}。`
            : `客服将就订单 ${f.order} 的包裹 ${c.trackingNumber} 与您联系。`,
      sms: `订单${f.order}：${c.resolution === 'reship' ? '商品将重新发货' : c.resolution === 'refund' ? `退款${f.money(c.amount)}` : '客服将与您联系'}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order}：${c.resolution === 'reship' ? '我們將重新寄送' : c.resolution === 'refund' ? '退款處理中' : '客服將與您聯繫'}`,
      text:
        c.resolution === 'reship'
          ? `包裹 ${c.trackingNumber} 中的商品將免費重新寄出，出貨後會告知新的貨運單號。`
          : c.resolution === 'refund'
            ? `包裹 ${c.trackingNumber} 中的商品將退款 ${f.money(c.amount)}。`
            : `客服將就訂單 ${f.order} 的包裹 ${c.trackingNumber} 與您聯繫。`,
      sms: `訂單${f.order}：${c.resolution === 'reship' ? '商品將重新寄送' : c.resolution === 'refund' ? `退款${f.money(c.amount)}` : '客服將與您聯繫'}。`,
    }),
  },
  'refund-issued': {
    en: (c, f) => ({
      subject: `Refund of ${f.money(c.amount)} for order ${f.order}`,
      text: `We refunded ${f.money(c.amount)} for order ${f.order}.${c.reference ? ` Reference: ${c.reference}.` : ''} It reaches your account in a few days, depending on your bank.`,
      sms: `Order ${f.order}: ${f.money(c.amount)} refunded.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 已退款 ${f.money(c.amount)}`,
      text: `订单 ${f.order} 已退款 ${f.money(c.amount)}。${c.reference ? `参考号：${c.reference}。` : ''}款项将在数日内退回您的账户（视银行而定）。`,
      sms: `订单${f.order}已退款${f.money(c.amount)}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 已退款 ${f.money(c.amount)}`,
      text: `訂單 ${f.order} 已退款 ${f.money(c.amount)}。${c.reference ? `參考號：${c.reference}。` : ''}款項將在數日內退回您的帳戶（視銀行而定）。`,
      sms: `訂單${f.order}已退款${f.money(c.amount)}。`,
    }),
  },
  'compensation-failed': {
    en: (c, f) => ({
      subject: `Cancellation of order ${f.order} needs you: ${c.step} failed`,
      text: `The cancellation of order ${f.order} could not finish step ${c.step} after ${c.attempts} attempt(s): ${c.error}\nA case is open; once the cause is fixed, retry the step on the order.`,
      sms: `Order ${f.order}: ${c.step} failed.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 取消需人工处理：${c.step} 失败`,
      text: `订单 ${f.order} 的取消在步骤 ${c.step} 尝试 ${c.attempts} 次后仍失败：${c.error}\n已开立工单；排除原因后请在订单上重试该步骤。`,
      sms: `订单${f.order}：${c.step}失败。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 取消需人工處理：${c.step} 失敗`,
      text: `訂單 ${f.order} 的取消在步驟 ${c.step} 嘗試 ${c.attempts} 次後仍失敗：${c.error}\n已開立工單；排除原因後請在訂單上重試該步驟。`,
      sms: `訂單${f.order}：${c.step}失敗。`,
    }),
  },
  'return-approved': {
    en: (c, f) => ({
      subject: `Return ${c.reference} for order ${f.order} is approved`,
      text: `Your return is approved. Please send the items to our warehouse ${c.warehouseId}, writing ${c.reference} on the parcel.${c.replacement ? ' We send the replacement once they arrive.' : ' We refund them once they arrive and are checked.'}`,
      sms: `Return ${c.reference} approved: write it on the parcel.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 的退货 ${c.reference} 已批准`,
      text: `您的退货已批准。请将商品寄回我们的仓库 ${c.warehouseId}，并在包裹上注明 ${c.reference}。${c.replacement ? '收到后我们会寄出换货。' : '收到并检查后我们会退款。'}`,
      sms: `退货${c.reference}已批准，请在包裹上注明。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 的退貨 ${c.reference} 已核准`,
      text: `您的退貨已核准。請將商品寄回我們的倉庫 ${c.warehouseId}，並在包裹上註明 ${c.reference}。${c.replacement ? '收到後我們會寄出換貨。' : '收到並檢查後我們會退款。'}`,
      sms: `退貨${c.reference}已核准，請在包裹上註明。`,
    }),
  },
  'return-rejected': {
    en: (c, f) => ({
      subject: `Your return for order ${f.order} was not accepted`,
      text: `We could not accept your return for order ${f.order}.\nReason: ${c.reason ?? ''}`,
      sms: `Order ${f.order}: return not accepted.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 的退货未被受理`,
      text: `很抱歉，订单 ${f.order} 的退货未被受理。\n原因：${c.reason ?? ''}`,
      sms: `订单${f.order}：退货未被受理。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 的退貨未被受理`,
      text: `很抱歉，訂單 ${f.order} 的退貨未被受理。\n原因：${c.reason ?? ''}`,
      sms: `訂單${f.order}：退貨未被受理。`,
    }),
  },
};
