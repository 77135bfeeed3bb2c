import { randomUUID } from 'node:crypto';
import type { AddressV1, ContactV1 } from '../common/values';
import { type EnvelopeOf, type EventDefinition, eventKey, orderKeyOf, type PayloadOf } from '../event-definition';
import {
  BackorderChoiceMadeV1,
  CaseOpenedV1,
  CaseResolvedV1,
  CompensationFailedV1,
  ExchangeCreatedV1,
  FeedbackReceivedV1,
  FollowUpRequestedV1,
  FulfillmentRequestedV1,
  LowStockDetectedV1,
  NotificationFailedV1,
  NotificationSentV1,
  OrderApprovedV1,
  OrderAwaitingPaymentV1,
  OrderCancellationRequestedV1,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderEditedV1,
  OrderHeldForReviewV1,
  OrderPackedV1,
  OrderPickedV1,
  OrderPlacedV1,
  OrderRejectedV1,
  OrderStatusChangedV1,
  PaymentConfirmedV1,
  PickListCancelledV1,
  PickListCreatedV1,
  RefundIssuedV1,
  ReplenishmentRequestedV1,
  ReservationExpiredV1,
  ReshipRequestedV1,
  DeliveryExceptionResolvedV1,
  RefundRequestedV1,
  OrderEditRequestedV1,
  FulfillmentEditAnsweredV1,
  StockReallocatedV1,
  PickListChangedV1,
  CompensationRequestedV1,
  InventoryCompensationCompletedV1,
  FulfillmentCompensationCompletedV1,
  ShippingCompensationCompletedV1,
  RefundFailedV1,
  ReturnWindowClosedV1,
  ReturnApprovedV1,
  ReturnReceivedV1,
  ReturnRejectedV1,
  ReturnRequestedV1,
  ShipmentCreatedV1,
  ShipmentDeliveredV1,
  ShipmentDispatchedV1,
  ShipmentExceptionV1,
  ShipmentInTransitV1,
  ShipmentOutForDeliveryV1,
  ShipmentVoidedV1,
  StockBackorderedV1,
  StockReleasedV1,
  StockReplenishedV1,
  StockReservedV1,
  StockRestockedV1,
  StockShippedV1,
  StockWrittenOffV1,
} from '../index';
import { type ServiceName, Topics } from '../topics';

/** What a sample payload may refer to: the envelope's order (or a fresh id for events about no order). */
export interface SampleContext {
  orderId: string;
}

/** Envelope fields to replace, and payload fields to replace (shallow: a nested field is replaced whole). */
export type SampleOverrides<D extends EventDefinition> = Partial<Omit<EnvelopeOf<D>, 'payload'>> & {
  payload?: Partial<PayloadOf<D>>;
};

/** The `occurredAt` of every sample unless overridden: fixed, so that tests are repeatable. */
export const SAMPLE_TIME = '2026-11-22T10:00:00.000Z';

const builders = new Map<string, (context: SampleContext) => object>();

/**
 * Registers the sample payload of a definition: `sample(Def).as(build)`. Typed by the payload class, so a
 * sample cannot drift from its contract (curried so that TypeScript checks the literal's enum fields).
 */
function sample<P extends object>(definition: EventDefinition<string, P>) {
  return {
    as(build: (context: SampleContext) => P): void {
      builders.set(eventKey(definition.type, definition.version), build);
    },
  };
}

/** Whether the factory has a sample for the definition (every registered event has one; a spec checks it). */
export function hasSample(definition: EventDefinition): boolean {
  return builders.has(eventKey(definition.type, definition.version));
}

/** A valid payload of the definition, with `overrides` applied on top. */
export function samplePayload<D extends EventDefinition>(
  definition: D,
  overrides: Partial<PayloadOf<D>> = {},
  context: SampleContext = { orderId: randomUUID() },
): PayloadOf<D> {
  const build = builders.get(eventKey(definition.type, definition.version));
  if (!build) throw new Error(`no sample payload for ${eventKey(definition.type, definition.version)}`);
  return { ...structuredClone(build(context)), ...overrides } as PayloadOf<D>;
}

/**
 * A full, valid envelope of the definition (it passes `validateEvent` strictly), plain JSON as it travels.
 * Payload ids that name the order (`orderIds`, per-order lines) use the envelope's `orderId`.
 */
export function sampleEvent<D extends EventDefinition>(
  definition: D,
  overrides: SampleOverrides<D> = {},
): EnvelopeOf<D> {
  const { payload: payloadOverrides, ...envelopeOverrides } = overrides;
  const rule = orderKeyOf(definition);
  const orderId =
    'orderId' in envelopeOverrides ? (envelopeOverrides.orderId ?? null) : rule === 'none' ? null : randomUUID();
  const payload = samplePayload(definition, payloadOverrides ?? {}, { orderId: orderId ?? randomUUID() });
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: SAMPLE_TIME,
    source: sourceOf(definition),
    orderId,
    correlationId: randomUUID(),
    causationId: null,
    ...envelopeOverrides,
    payload,
  } as unknown as EnvelopeOf<D>;
}

/** The service that publishes on the definition's topic. */
export function sourceOf(definition: EventDefinition): ServiceName {
  const entry = Object.entries(Topics).find(([, topic]) => topic === definition.topic);
  if (!entry) throw new Error(`${definition.type} is on an unknown topic ${definition.topic}`);
  return entry[0] as ServiceName;
}

// ---- sample values ----

const customerId = 'cust-20931';
const warehouseId = 'wh-shanghai-1';
const address = (): AddressV1 => ({
  name: 'Li Lei',
  phone: '+8613800000000',
  line1: '88 Century Avenue',
  line2: 'Floor 12',
  city: 'Shanghai',
  region: 'Shanghai',
  postalCode: '200120',
  country: 'CN',
});
const contact = (): ContactV1 => ({ email: 'li.lei@example.com', phone: '+8613800000000', locale: 'zh-CN' });
const TEA = 'TEA-OOLONG-250G';
const MUG = 'MUG-CERAMIC-WHT';
const items = () => [
  { sku: TEA, quantity: 2, unitPrice: 8900, lineTotal: 17800 },
  { sku: MUG, quantity: 1, unitPrice: 4500, lineTotal: 4500 },
];
const totals = () => ({ subtotal: 22300, shipping: 1000, discount: 0, total: 23300 });
// Fixed ids so that samples of one story refer to each other.
const ids = {
  reservation: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a01',
  fulfillmentRequest: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a02',
  pickList: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a03',
  package: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a04',
  shipment: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a05',
  cancellation: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a06',
  return: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a07',
  refund: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a08',
  exchange: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a09',
  case: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a0a',
  reship: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a0b',
  followUp: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a0c',
  feedback: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a0d',
  notification: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a0e',
  edit: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a0f',
  reshipReservation: '0b7e4b1e-3f0c-4c5e-9a51-6f1d2c3b4a10',
};
const carrier = 'sf-express';
const trackingNumber = 'SF1234567890123';

// ---- order.events ----

sample(OrderPlacedV1).as(() => ({
  customerId,
  channel: 'web',
  currency: 'CNY',
  items: items(),
  totals: totals(),
  shippingAddress: address(),
  contact: contact(),
  paymentMethod: 'prepaid',
  shipComplete: false,
  placedAt: SAMPLE_TIME,
}));
sample(OrderHeldForReviewV1).as(() => ({
  reasons: ['amount-over-threshold', 'staff-keyed'],
  customerId,
  total: { amount: 23300, currency: 'CNY' },
  detail: 'Total over the 2,000.00 CNY review threshold.',
}));
sample(OrderApprovedV1).as(() => ({ approvedBy: 'staff-ops-7', note: 'Known customer.' }));
sample(OrderRejectedV1).as(() => ({
  reason: 'Address could not be verified.',
  rejectedBy: 'staff-ops-7',
  contact: contact(),
}));
sample(OrderAwaitingPaymentV1).as(() => ({
  amountDue: { amount: 23300, currency: 'CNY' },
  paymentMethod: 'prepaid',
  payBy: '2026-11-23T10:00:00.000Z',
  contact: contact(),
}));
sample(PaymentConfirmedV1).as(() => ({
  amount: 23300,
  currency: 'CNY',
  reference: 'pay_9f8e7d6c5b',
  provider: 'alipay',
  paidAt: SAMPLE_TIME,
}));
sample(OrderConfirmedV1).as(() => ({
  customerId,
  channel: 'web',
  currency: 'CNY',
  items: items(),
  totals: totals(),
  shippingAddress: address(),
  contact: contact(),
  paymentMethod: 'prepaid',
  shipComplete: false,
  priority: 'standard',
  placedAt: SAMPLE_TIME,
}));
sample(OrderStatusChangedV1).as(() => ({
  from: 'CONFIRMED',
  to: 'PROCESSING',
  reason: 'stock-reserved',
  changedBy: 'system',
}));
sample(FulfillmentRequestedV1).as(({ orderId }) => ({
  fulfillmentRequestId: ids.fulfillmentRequest,
  reservationId: ids.reservation,
  warehouseId,
  orderIds: [orderId],
  lines: [
    { orderId, sku: TEA, quantity: 2 },
    { orderId, sku: MUG, quantity: 1 },
  ],
  customerId,
  shippingAddress: address(),
  contact: contact(),
  purpose: 'order',
  priority: 'standard',
}));
sample(OrderEditedV1).as(() => ({
  editId: ids.edit,
  items: [{ sku: TEA, quantity: 3, unitPrice: 8900, lineTotal: 26700 }],
  totals: { subtotal: 26700, shipping: 1000, discount: 0, total: 27700 },
  changes: [
    { kind: 'quantity-changed', sku: TEA, fromQuantity: 2, toQuantity: 3 },
    { kind: 'item-removed', sku: MUG, fromQuantity: 1, toQuantity: 0 },
  ],
  editedBy: customerId,
}));
sample(OrderEditRequestedV1).as(() => ({
  editId: ids.edit,
  changes: [{ kind: 'quantity-changed', sku: TEA, fromQuantity: 2, toQuantity: 3 }],
  requestedBy: customerId,
}));
sample(BackorderChoiceMadeV1).as(() => ({
  choice: 'ship-available',
  lines: [{ sku: MUG, quantity: 1 }],
  chosenBy: customerId,
}));
sample(OrderCancellationRequestedV1).as(() => ({
  cancellationId: ids.cancellation,
  scope: 'order',
  cause: 'customer-request',
  reason: 'Ordered twice by mistake.',
  requestedBy: customerId,
  refundDue: { amount: 23300, currency: 'CNY' },
}));
sample(OrderCancelledV1).as(() => ({
  cancellationId: ids.cancellation,
  scope: 'lines',
  lines: [{ sku: MUG, quantity: 1 }],
  cause: 'backorder-timeout',
  reason: 'Backordered past the 14-day limit.',
  cancelledBy: 'system',
  refunded: { amount: 4500, currency: 'CNY' },
  contact: contact(),
}));
sample(CompensationFailedV1).as(() => ({
  step: 'void-shipment',
  cancellationId: ids.cancellation,
  targetId: ids.shipment,
  attempts: 5,
  error: 'carrier API answered 503',
}));
sample(ReshipRequestedV1).as(() => ({
  reshipId: ids.reship,
  lines: [{ sku: MUG, quantity: 1 }],
  reason: 'damaged',
  shipmentId: ids.shipment,
  caseId: ids.case,
  requestedBy: 'staff-cs-3',
}));

sample(DeliveryExceptionResolvedV1).as(() => ({
  shipmentId: ids.shipment,
  trackingNumber,
  kind: 'lost',
  resolution: 'reship',
  lines: [{ sku: MUG, quantity: 1 }],
  reshipId: ids.reship,
  chosenBy: customerId,
  note: 'Please send it again.',
  contact: contact(),
}));
sample(RefundRequestedV1).as(() => ({
  refundId: ids.refund,
  reason: 'cancellation',
  amount: { amount: 23300, currency: 'CNY' },
  paymentReference: 'pay_9f8e7d6c5b',
  cancellationId: ids.cancellation,
  requestedBy: customerId,
  contact: contact(),
}));
sample(CompensationRequestedV1).as(() => ({
  cancellationId: ids.cancellation,
  step: 'release-stock',
  attempt: 1,
  scope: 'order',
  reason: 'Ordered twice by mistake.',
}));

// ---- inventory.events ----

sample(StockReservedV1).as(() => ({
  reservationId: ids.reservation,
  allocations: [
    {
      warehouseId,
      lines: [
        { sku: TEA, quantity: 2 },
        { sku: MUG, quantity: 1 },
      ],
    },
  ],
  expiresAt: '2026-11-22T10:30:00.000Z',
  complete: true,
  fromBackorder: false,
}));
sample(StockBackorderedV1).as(() => ({ lines: [{ sku: MUG, quantity: 1 }], expectedDate: '2026-12-01' }));
sample(StockReleasedV1).as(() => ({
  reservationId: ids.reservation,
  cancellationId: ids.cancellation,
  allocations: [{ warehouseId, lines: [{ sku: TEA, quantity: 2 }] }],
  reason: 'order-cancelled',
}));
sample(ReservationExpiredV1).as(() => ({
  reservationId: ids.reservation,
  allocations: [{ warehouseId, lines: [{ sku: TEA, quantity: 2 }] }],
  expiredAt: '2026-11-22T10:30:00.000Z',
}));
sample(StockShippedV1).as(({ orderId }) => ({
  shipmentId: ids.shipment,
  warehouseId,
  orderIds: [orderId],
  lines: [
    { orderId, sku: TEA, quantity: 2 },
    { orderId, sku: MUG, quantity: 1 },
  ],
}));
sample(StockReplenishedV1).as(() => ({
  sku: MUG,
  warehouseId,
  quantity: 120,
  reference: 'PO-2026-1187',
  expectedDate: '2026-12-01',
  onHand: 120,
  available: 118,
}));
sample(ReplenishmentRequestedV1).as(() => ({
  sku: MUG,
  quantity: 100,
  warehouseId,
  trigger: 'backorder',
  backordered: 7,
}));
sample(LowStockDetectedV1).as(() => ({ sku: TEA, warehouseId, onHand: 12, available: 4, threshold: 5 }));
sample(StockRestockedV1).as(() => ({ returnId: ids.return, warehouseId, lines: [{ sku: TEA, quantity: 1 }] }));
sample(StockWrittenOffV1).as(() => ({
  returnId: ids.return,
  warehouseId,
  lines: [{ sku: MUG, quantity: 1 }],
  reason: 'Handle broken',
}));
sample(InventoryCompensationCompletedV1).as(() => ({
  cancellationId: ids.cancellation,
  step: 'release-stock',
  outcome: 'done',
  undone: [ids.reservation],
}));
sample(StockReallocatedV1).as(() => ({
  editId: ids.edit,
  released: [ids.reservation],
  reservation: {
    reservationId: ids.reshipReservation,
    allocations: [{ warehouseId, lines: [{ sku: TEA, quantity: 3 }] }],
    expiresAt: '2026-11-23T10:00:00.000Z',
  },
  lines: [
    { sku: TEA, reserved: 3, backordered: 0 },
    { sku: MUG, reserved: 0, backordered: 1 },
  ],
}));

// ---- fulfillment.events ----

sample(PickListCreatedV1).as(({ orderId }) => ({
  pickListId: ids.pickList,
  warehouseId,
  orderIds: [orderId],
  fulfillmentRequestIds: [ids.fulfillmentRequest],
  lines: [
    { sku: TEA, quantity: 2, bin: 'A-03-2' },
    { sku: MUG, quantity: 1, bin: 'C-11-1' },
  ],
}));
sample(OrderPickedV1).as(({ orderId }) => ({
  pickListId: ids.pickList,
  warehouseId,
  orderIds: [orderId],
  lines: [
    { sku: TEA, requested: 2, picked: 2 },
    { sku: MUG, requested: 1, picked: 0 },
  ],
  shortPicks: [{ sku: MUG, quantity: 1 }],
}));
sample(OrderPackedV1).as(({ orderId }) => ({
  pickListId: ids.pickList,
  warehouseId,
  orderIds: [orderId],
  packages: [{ packageId: ids.package, weightGrams: 1350, lines: [{ orderId, sku: TEA, quantity: 2 }] }],
  customerId,
  shippingAddress: address(),
  contact: contact(),
}));
sample(PickListCancelledV1).as(({ orderId }) => ({
  pickListId: ids.pickList,
  warehouseId,
  orderIds: [orderId],
  fulfillmentRequestIds: [ids.fulfillmentRequest],
  cancellationId: ids.cancellation,
  reason: 'order-cancelled',
}));
sample(FulfillmentCompensationCompletedV1).as(() => ({
  cancellationId: ids.cancellation,
  step: 'cancel-pick-list',
  outcome: 'done',
  undone: [ids.pickList],
}));
sample(PickListChangedV1).as(({ orderId }) => ({
  pickListId: ids.pickList,
  warehouseId,
  change: 'order-added',
  orderId,
  fulfillmentRequestId: ids.fulfillmentRequest,
  orderIds: [orderId],
  lines: [{ sku: TEA, quantity: 2 }],
  orderLines: [{ orderId, sku: TEA, quantity: 2 }],
  status: 'OPEN',
}));
sample(FulfillmentEditAnsweredV1).as(() => ({
  editId: ids.edit,
  answer: 'released',
  pickListIds: [ids.pickList],
}));

// ---- shipping.events ----

sample(ShipmentCreatedV1).as(({ orderId }) => ({
  shipmentId: ids.shipment,
  pickListId: ids.pickList,
  warehouseId,
  orderIds: [orderId],
  lines: [{ orderId, sku: TEA, quantity: 2 }],
  packageCount: 1,
  shippingAddress: address(),
  carrier,
}));
sample(ShipmentDispatchedV1).as(({ orderId }) => ({
  shipmentId: ids.shipment,
  warehouseId,
  carrier,
  trackingNumber,
  trackingUrl: `https://track.example.com/${trackingNumber}`,
  orderIds: [orderId],
  lines: [{ orderId, sku: TEA, quantity: 2 }],
  dispatchedAt: SAMPLE_TIME,
  estimatedDelivery: '2026-11-24',
  contact: contact(),
}));
sample(ShipmentInTransitV1).as(({ orderId }) => ({
  shipmentId: ids.shipment,
  carrier,
  trackingNumber,
  orderIds: [orderId],
  at: '2026-11-22T18:00:00.000Z',
  location: 'Shanghai hub',
}));
sample(ShipmentOutForDeliveryV1).as(({ orderId }) => ({
  shipmentId: ids.shipment,
  carrier,
  trackingNumber,
  orderIds: [orderId],
  at: '2026-11-23T08:00:00.000Z',
  contact: contact(),
}));
sample(ShipmentDeliveredV1).as(({ orderId }) => ({
  shipmentId: ids.shipment,
  carrier,
  trackingNumber,
  deliveredAt: '2026-11-23T14:20:00.000Z',
  orderIds: [orderId],
  lines: [{ orderId, sku: TEA, quantity: 2 }],
  receivedBy: 'Li Lei',
  contact: contact(),
}));
sample(ShipmentExceptionV1).as(({ orderId }) => ({
  shipmentId: ids.shipment,
  carrier,
  trackingNumber,
  orderIds: [orderId],
  kind: 'failed-attempt',
  at: '2026-11-23T14:20:00.000Z',
  detail: 'Nobody at home; second attempt tomorrow.',
  contact: contact(),
}));
sample(ShipmentVoidedV1).as(({ orderId }) => ({
  shipmentId: ids.shipment,
  warehouseId,
  orderIds: [orderId],
  lines: [{ orderId, sku: TEA, quantity: 2 }],
  cancellationId: ids.cancellation,
  reason: 'Order cancelled by the customer before dispatch.',
}));
sample(ShippingCompensationCompletedV1).as(() => ({
  cancellationId: ids.cancellation,
  step: 'void-shipment',
  outcome: 'failed',
  undone: [],
  detail: 'shipment left the warehouse: it must be recalled',
}));

// ---- aftersales.events ----

sample(FollowUpRequestedV1).as(() => ({
  followUpId: ids.followUp,
  kind: 'feedback-request',
  customerId,
  contact: contact(),
  sendAt: '2026-11-26T10:00:00.000Z',
}));
sample(FeedbackReceivedV1).as(() => ({
  feedbackId: ids.feedback,
  rating: 4,
  comment: 'Great tea, mug well packed.',
  customerId,
}));
sample(ReturnRequestedV1).as(() => ({
  returnId: ids.return,
  lines: [{ sku: MUG, quantity: 1 }],
  reason: 'damaged',
  comment: 'Handle broken on arrival.',
  requestedBy: customerId,
  resolution: 'exchange',
  exchangeLines: [{ sku: MUG, quantity: 1 }],
}));
sample(ReturnApprovedV1).as(() => ({
  returnId: ids.return,
  reference: 'RMA-2026-00417',
  lines: [{ sku: MUG, quantity: 1 }],
  warehouseId,
  label: { carrier, trackingNumber: 'SF9876543210987', url: 'https://labels.example.com/RMA-2026-00417.pdf' },
  contact: contact(),
}));
sample(ReturnRejectedV1).as(() => ({
  returnId: ids.return,
  reason: 'Return window of 30 days has passed.',
  rejectedBy: 'staff-cs-3',
  contact: contact(),
}));
sample(ReturnReceivedV1).as(() => ({
  returnId: ids.return,
  warehouseId,
  lines: [
    { sku: TEA, quantity: 1, condition: 'resellable' },
    { sku: MUG, quantity: 1, condition: 'damaged', writeOffReason: 'Handle broken' },
  ],
}));
sample(RefundIssuedV1).as(() => ({
  refundId: ids.refund,
  reason: 'return',
  returnId: ids.return,
  amount: { amount: 4500, currency: 'CNY' },
  lines: [{ sku: MUG, quantity: 1 }],
  reference: 'rf_1a2b3c4d',
  contact: contact(),
}));
sample(ExchangeCreatedV1).as(() => ({
  exchangeId: ids.exchange,
  returnId: ids.return,
  lines: [{ sku: 'MUG-CERAMIC-BLK', quantity: 1 }],
}));
sample(CaseOpenedV1).as(() => ({
  caseId: ids.case,
  kind: 'damaged-goods',
  subject: 'Mug arrived broken',
  detail: 'Customer sent photos of the broken handle.',
  openedBy: 'staff-cs-3',
}));
sample(CaseResolvedV1).as(() => ({
  caseId: ids.case,
  outcome: 'reshipped',
  resolution: 'Sent a replacement mug free of charge.',
  resolvedBy: 'staff-cs-3',
}));
sample(RefundFailedV1).as(() => ({
  refundId: ids.refund,
  reason: 'cancellation',
  amount: { amount: 23300, currency: 'CNY' },
  cancellationId: ids.cancellation,
  attempts: 8,
  error: 'payments: answered 503',
  willRetry: true,
}));
sample(ReturnWindowClosedV1).as(() => ({ closedAt: SAMPLE_TIME, returns: 1 }));

// ---- notification.events ----

sample(NotificationSentV1).as(() => ({
  notificationId: ids.notification,
  channel: 'email',
  audience: 'customer',
  recipient: 'li.lei@example.com',
  template: 'shipment-dispatched',
  locale: 'zh-CN',
  causationEventType: 'ShipmentDispatched',
  customerId,
}));
sample(NotificationFailedV1).as(() => ({
  notificationId: ids.notification,
  channel: 'sms',
  audience: 'customer',
  recipient: '+8613800000000',
  template: 'shipment-out-for-delivery',
  locale: 'zh-CN',
  causationEventType: 'ShipmentOutForDelivery',
  customerId,
  error: 'SMS gateway answered 429',
  attempts: 2,
  willRetry: true,
}));
