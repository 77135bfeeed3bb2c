import type { Currency } from '@oms/contracts';

/** A line of an order as messages show it; `unitPrice` is missing for orders kept before prices were. */
export interface OrderItem {
  sku: string;
  quantity: number;
  unitPrice?: number;
  lineTotal: number;
}

/** A quantity of a SKU (waiting, cancelled, in a parcel); `orderId` says which order when a parcel holds several. */
export interface SkuLine {
  sku: string;
  quantity: number;
  orderId?: string;
}

/**
 * Everything a message may show: the order as OrderPlaced left it (money in minor units of `currency`) and the
 * details of the event that caused the message. Each template uses what its event provides.
 */
export interface MessageContext {
  orderId?: string | null;
  /** Every order a message is about when one parcel carries several (merged shipments); else just `orderId`. */
  orderIds?: string[];
  customerName?: string;
  shipToCity?: string;
  currency?: Currency;
  items?: OrderItem[];
  subtotal?: number;
  shippingFee?: number;
  discount?: number;
  total?: number;
  amountDue?: number;
  payBy?: string;
  reason?: string;
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  estimatedDelivery?: string;
  deliveredAt?: string;
  receivedBy?: string;
  /** A carrier's report: when, what went wrong (a ShipmentException kind), and its words. */
  at?: string;
  exceptionKind?: string;
  detail?: string;
  /** A refund: how much (minor units of `currency`), why (a RefundIssued reason), the provider's reference. */
  refundAmount?: number;
  refundReason?: string;
  refundReference?: string;
  refundedLines?: SkuLine[];
  /** A review hold: the rules that held the order. */
  reviewReasons?: string[];
  /** What a parcel holds. */
  lines?: SkuLine[];
  /** Lines that wait for stock (or were cancelled), and when stock is expected. */
  waiting?: SkuLine[];
  expectedDate?: string;
  /** Stock alerts: the SKU, where, and the levels. */
  sku?: string;
  warehouseId?: string;
  onHand?: number;
  available?: number;
  threshold?: number;
  /** A replenishment request: units asked for and all that waits for the SKU. */
  quantity?: number;
  backordered?: number;
}

export interface RenderedMessage {
  subject: string;
  /** Plain-text e-mail body. */
  text: string;
  /** The short form for SMS: one UCS-2 segment (70 characters) at most. */
  sms: string;
}

/** Pieces every template may use, already written in the message's locale. */
export interface Formatters {
  /** The order number, or the numbers of every order of a merged parcel joined as the locale lists them. */
  order: string;
  /** True when the message is about several orders (one parcel for merged orders). */
  severalOrders: boolean;
  money: (amount: number | undefined) => string;
  /** The order's lines with unit price and line total, under a heading; empty when unknown. */
  items: string;
  /** Subtotal, shipping, discount and total, one a line; the total alone when only it is known. */
  totals: string;
  /** Who and which city the order goes to; empty when unknown. */
  shipTo: string;
  /** SKU lines (waiting, cancelled, refunded, in a parcel) one a row, with the order number when there are several. */
  skus: (lines: SkuLine[] | undefined) => string;
  date: (iso: string | undefined) => string;
}

export type Template = (context: MessageContext, format: Formatters) => RenderedMessage;
