import type { EventDefinition } from './event-definition';
import { OrderPlacedV1 } from './order/order-placed.v1';
import { OrderHeldForReviewV1 } from './order/order-held-for-review.v1';
import { OrderApprovedV1 } from './order/order-approved.v1';
import { OrderRejectedV1 } from './order/order-rejected.v1';
import { OrderAwaitingPaymentV1 } from './order/order-awaiting-payment.v1';
import { PaymentConfirmedV1 } from './order/payment-confirmed.v1';
import { OrderConfirmedV1 } from './order/order-confirmed.v1';
import { OrderStatusChangedV1 } from './order/order-status-changed.v1';
import { FulfillmentRequestedV1 } from './order/fulfillment-requested.v1';
import { OrderEditedV1 } from './order/order-edited.v1';
import { BackorderChoiceMadeV1 } from './order/backorder-choice-made.v1';
import { OrderCancellationRequestedV1 } from './order/order-cancellation-requested.v1';
import { OrderCancelledV1 } from './order/order-cancelled.v1';
import { CompensationFailedV1 } from './order/compensation-failed.v1';
import { ReshipRequestedV1 } from './order/reship-requested.v1';
import { DeliveryExceptionResolvedV1 } from './order/delivery-exception-resolved.v1';
import { RefundRequestedV1 } from './order/refund-requested.v1';
import { CompensationRequestedV1 } from './order/compensation-requested.v1';
import { OrderEditRequestedV1 } from './order/order-edit-requested.v1';
import { FulfillmentEditAnsweredV1 } from './fulfillment/fulfillment-edit-answered.v1';
import { StockReallocatedV1 } from './inventory/stock-reallocated.v1';
import { InventoryCompensationCompletedV1 } from './inventory/inventory-compensation-completed.v1';
import { FulfillmentCompensationCompletedV1 } from './fulfillment/fulfillment-compensation-completed.v1';
import { ShippingCompensationCompletedV1 } from './shipping/shipping-compensation-completed.v1';
import { RefundFailedV1 } from './aftersales/refund-failed.v1';
import { ReturnWindowClosedV1 } from './aftersales/return-window-closed.v1';
import { StockReservedV1 } from './inventory/stock-reserved.v1';
import { StockBackorderedV1 } from './inventory/stock-backordered.v1';
import { StockReleasedV1 } from './inventory/stock-released.v1';
import { ReservationExpiredV1 } from './inventory/reservation-expired.v1';
import { StockShippedV1 } from './inventory/stock-shipped.v1';
import { StockReplenishedV1 } from './inventory/stock-replenished.v1';
import { ReplenishmentRequestedV1 } from './inventory/replenishment-requested.v1';
import { LowStockDetectedV1 } from './inventory/low-stock-detected.v1';
import { StockRestockedV1 } from './inventory/stock-restocked.v1';
import { StockWrittenOffV1 } from './inventory/stock-written-off.v1';
import { PickListCreatedV1 } from './fulfillment/pick-list-created.v1';
import { OrderPickedV1 } from './fulfillment/order-picked.v1';
import { OrderPackedV1 } from './fulfillment/order-packed.v1';
import { PickListCancelledV1 } from './fulfillment/pick-list-cancelled.v1';
import { PickListChangedV1 } from './fulfillment/pick-list-changed.v1';
import { ShipmentCreatedV1 } from './shipping/shipment-created.v1';
import { ShipmentDispatchedV1 } from './shipping/shipment-dispatched.v1';
import { ShipmentInTransitV1 } from './shipping/shipment-in-transit.v1';
import { ShipmentOutForDeliveryV1 } from './shipping/shipment-out-for-delivery.v1';
import { ShipmentDeliveredV1 } from './shipping/shipment-delivered.v1';
import { ShipmentExceptionV1 } from './shipping/shipment-exception.v1';
import { ShipmentVoidedV1 } from './shipping/shipment-voided.v1';
import { FollowUpRequestedV1 } from './aftersales/follow-up-requested.v1';
import { FeedbackReceivedV1 } from './aftersales/feedback-received.v1';
import { ReturnRequestedV1 } from './aftersales/return-requested.v1';
import { ReturnApprovedV1 } from './aftersales/return-approved.v1';
import { ReturnRejectedV1 } from './aftersales/return-rejected.v1';
import { ReturnReceivedV1 } from './aftersales/return-received.v1';
import { RefundIssuedV1 } from './aftersales/refund-issued.v1';
import { ExchangeCreatedV1 } from './aftersales/exchange-created.v1';
import { CaseOpenedV1 } from './aftersales/case-opened.v1';
import { CaseResolvedV1 } from './aftersales/case-resolved.v1';
import { NotificationSentV1 } from './notification/notification-sent.v1';
import { NotificationFailedV1 } from './notification/notification-failed.v1';

/** Every event definition of the lifecycle; the registry and the schema generator read this list. */
export const ALL_EVENTS: readonly EventDefinition[] = [
  // order.events
  OrderPlacedV1,
  OrderHeldForReviewV1,
  OrderApprovedV1,
  OrderRejectedV1,
  OrderAwaitingPaymentV1,
  PaymentConfirmedV1,
  OrderConfirmedV1,
  OrderStatusChangedV1,
  FulfillmentRequestedV1,
  OrderEditRequestedV1,
  OrderEditedV1,
  BackorderChoiceMadeV1,
  OrderCancellationRequestedV1,
  OrderCancelledV1,
  CompensationFailedV1,
  ReshipRequestedV1,
  DeliveryExceptionResolvedV1,
  RefundRequestedV1,
  CompensationRequestedV1,
  // inventory.events
  StockReservedV1,
  StockBackorderedV1,
  StockReleasedV1,
  ReservationExpiredV1,
  StockShippedV1,
  StockReplenishedV1,
  ReplenishmentRequestedV1,
  LowStockDetectedV1,
  StockRestockedV1,
  StockWrittenOffV1,
  InventoryCompensationCompletedV1,
  StockReallocatedV1,
  // fulfillment.events
  PickListCreatedV1,
  OrderPickedV1,
  OrderPackedV1,
  PickListCancelledV1,
  PickListChangedV1,
  FulfillmentCompensationCompletedV1,
  FulfillmentEditAnsweredV1,
  // shipping.events
  ShipmentCreatedV1,
  ShipmentDispatchedV1,
  ShipmentInTransitV1,
  ShipmentOutForDeliveryV1,
  ShipmentDeliveredV1,
  ShipmentExceptionV1,
  ShipmentVoidedV1,
  ShippingCompensationCompletedV1,
  // aftersales.events
  FollowUpRequestedV1,
  FeedbackReceivedV1,
  ReturnRequestedV1,
  ReturnApprovedV1,
  ReturnRejectedV1,
  ReturnReceivedV1,
  RefundIssuedV1,
  RefundFailedV1,
  ReturnWindowClosedV1,
  ExchangeCreatedV1,
  CaseOpenedV1,
  CaseResolvedV1,
  // notification.events
  NotificationSentV1,
  NotificationFailedV1,
];
