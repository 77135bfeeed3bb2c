import { CreateOrders1700000001000 } from './1700000001000-create-orders';
import { IdempotencyAndTimeline1700000001100 } from './1700000001100-idempotency-and-timeline';
import { PaymentAndReview1700000001200 } from './1700000001200-payment-and-review';
import { OrderShipments1700000001300 } from './1700000001300-order-shipments';
import { CartsAndPrices1700000001400 } from './1700000001400-carts-and-prices';
import { StatusChangeNotify1700000001500 } from './1700000001500-status-change-notify';
import { WaitingOrders1700000001600 } from './1700000001600-waiting-orders';
import { ShipmentTroublesAndReships1700000001700 } from './1700000001700-shipment-troubles-and-reships';
import { Compensations1700000001800 } from './1700000001800-compensations';
import { OrderEdits1700000001900 } from './1700000001900-order-edits';
import { ReturnedAndRefunded1700000002000 } from './1700000002000-returned-and-refunded';

export const ORDER_MIGRATIONS = [
  CreateOrders1700000001000,
  IdempotencyAndTimeline1700000001100,
  PaymentAndReview1700000001200,
  OrderShipments1700000001300,
  CartsAndPrices1700000001400,
  StatusChangeNotify1700000001500,
  WaitingOrders1700000001600,
  ShipmentTroublesAndReships1700000001700,
  Compensations1700000001800,
  OrderEdits1700000001900,
  ReturnedAndRefunded1700000002000,
];
