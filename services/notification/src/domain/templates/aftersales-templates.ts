import type { Locale } from '@oms/contracts';
import { paragraphs } from './format';
import type { Template } from './message-context';

const REFUND_REASON: Record<Locale, Record<string, string>> = {
  en: {
    return: 'for your return',
    cancellation: 'for what was cancelled',
    goodwill: 'as a goodwill gesture',
    'price-adjustment': 'as a price adjustment',
  },
  'zh-CN': { return: '退货退款', cancellation: '取消退款', goodwill: '补偿退款', 'price-adjustment': '价格调整退款' },
  'zh-TW': { return: '退貨退款', cancellation: '取消退款', goodwill: '補償退款', 'price-adjustment': '價格調整退款' },
};

/**
 * Customer messages after delivery: one per FollowUpRequested kind (feedback request, delivery check, return
 * reminder), and the refund notice.
 */
export const AFTERSALES_TEMPLATES = {
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
  'delivery-check': {
    en: (_c, f) => ({
      subject: `Did order ${f.order} arrive in good shape?`,
      text: paragraphs(
        `The carrier says order ${f.order} was delivered. If anything is missing or damaged, reply to this message and we will put it right.`,
        f.items,
      ),
      sms: `Order ${f.order} delivered. All in order? Tell us if not.`,
    }),
    'zh-CN': (_c, f) => ({
      subject: `订单 ${f.order} 收到了吗？`,
      text: paragraphs(`快递显示订单 ${f.order} 已送达。如有缺件或破损，请回复此邮件，我们会尽快处理。`, f.items),
      sms: `订单${f.order}已送达，如有问题请告诉我们。`,
    }),
    'zh-TW': (_c, f) => ({
      subject: `訂單 ${f.order} 收到了嗎？`,
      text: paragraphs(`貨運顯示訂單 ${f.order} 已送達。如有缺件或破損，請回覆此郵件，我們會盡快處理。`, f.items),
      sms: `訂單${f.order}已送達，如有問題請告訴我們。`,
    }),
  },
  'return-reminder': {
    en: (_c, f) => ({
      subject: `Returns for order ${f.order} close soon`,
      text: paragraphs(
        `If something of order ${f.order} is not right for you, you can still return it; the return window closes soon.`,
        f.items,
      ),
      sms: `Order ${f.order}: the return window closes soon.`,
    }),
    'zh-CN': (_c, f) => ({
      subject: `订单 ${f.order} 的退货期即将结束`,
      text: paragraphs(`如订单 ${f.order} 的商品不合适，您仍可申请退货；退货期即将结束。`, f.items),
      sms: `订单${f.order}退货期即将结束。`,
    }),
    'zh-TW': (_c, f) => ({
      subject: `訂單 ${f.order} 的退貨期即將結束`,
      text: paragraphs(`如訂單 ${f.order} 的商品不合適，您仍可申請退貨；退貨期即將結束。`, f.items),
      sms: `訂單${f.order}退貨期即將結束。`,
    }),
  },
  'refund-issued': {
    en: (c, f) => ({
      subject: `Refund of ${f.money(c.refundAmount)} for order ${f.order}`,
      text: paragraphs(
        `We refunded ${f.money(c.refundAmount)} ${REFUND_REASON.en[c.refundReason ?? ''] ?? ''} on order ${f.order}.`,
        f.skus(c.refundedLines) && `Refunded items:\n${f.skus(c.refundedLines)}`,
        c.refundReference && `Reference: ${c.refundReference}`,
        'It reaches you the way you paid; banks may take a few days to show it.',
      ),
      sms: `Order ${f.order}: ${f.money(c.refundAmount)} refunded.`,
    }),
    'zh-CN': (c, f) => ({
      subject: `订单 ${f.order} 已退款 ${f.money(c.refundAmount)}`,
      text: paragraphs(
        `订单 ${f.order} 已${REFUND_REASON['zh-CN'][c.refundReason ?? ''] ?? '退款'} ${f.money(c.refundAmount)}。`,
        f.skus(c.refundedLines) && `退款商品：\n${f.skus(c.refundedLines)}`,
        c.refundReference && `参考号：${c.refundReference}`,
        '款项将原路退回，银行到账可能需要几天。',
      ),
      sms: `订单${f.order}已退款${f.money(c.refundAmount)}。`,
    }),
    'zh-TW': (c, f) => ({
      subject: `訂單 ${f.order} 已退款 ${f.money(c.refundAmount)}`,
      text: paragraphs(
        `訂單 ${f.order} 已${REFUND_REASON['zh-TW'][c.refundReason ?? ''] ?? '退款'} ${f.money(c.refundAmount)}。`,
        f.skus(c.refundedLines) && `退款商品：\n${f.skus(c.refundedLines)}`,
        c.refundReference && `參考號：${c.refundReference}`,
        '款項將原路退回，銀行入帳可能需要幾天。',
      ),
      sms: `訂單${f.order}已退款${f.money(c.refundAmount)}。`,
    }),
  },
} satisfies Record<string, Record<Locale, Template>>;
