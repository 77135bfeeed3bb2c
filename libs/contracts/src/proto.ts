import { join } from 'node:path';

/** Root of the `.proto` files (import paths like `oms/order/v1/order_service.proto` resolve from here). */
export const PROTO_ROOT = join(__dirname, '..', 'proto');

/** The order service's gRPC API. */
export const ORDER_SERVICE_PROTO = 'oms/order/v1/order_service.proto';
export const ORDER_SERVICE_NAME = 'oms.order.v1.OrderService';
