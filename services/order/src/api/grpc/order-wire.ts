import type { Page } from '@oms/platform';
import type { OrderView } from '../../application/queries/order-view';
import type { OrderSummary } from '../../infrastructure/persistence/order-queries.repository';

/** The messages of oms/order/v1/order_service.proto as the loader gives them (snake_case, optional = absent). */
export interface WireAddress {
  name: string;
  phone: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postal_code: string;
  country: string;
}

export interface WireContact {
  email?: string;
  phone?: string;
  locale?: string;
}

export interface PlaceOrderRequest {
  idempotency_key?: string;
  customer_id: string;
  channel: string;
  currency: string;
  items: Array<{ sku: string; quantity: number; unit_price: number }>;
  shipping_address?: WireAddress | null;
  contact?: WireContact | null;
  payment_method: string;
  ship_complete: boolean;
  notes?: string;
  placed_by?: string;
}

export interface ListOrdersRequest {
  customer_id?: string;
  status?: string;
  channel?: string;
  limit?: number;
  cursor?: string;
}

export interface CancelOrderRequest {
  id: string;
  reason: string;
  cause?: string;
  requested_by?: string;
}

export interface OrderStatusChange {
  order_id: string;
  from: string;
  to: string;
  reason: string;
  at: string;
  final: boolean;
}

export type Order = ReturnType<typeof toWireOrder>;
export type ListOrdersResponse = ReturnType<typeof toWireOrderList>;

/** Drops absent fields, so that the REST validation class sees exactly what the caller sent. */
function present<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

/** The gRPC request in the shape of the REST body, validated by the same class. */
export function placeOrderBody(request: PlaceOrderRequest): Record<string, unknown> {
  const address = request.shipping_address;
  return present({
    customerId: request.customer_id,
    channel: request.channel,
    currency: request.currency,
    items: (request.items ?? []).map((item) => ({
      sku: item.sku,
      quantity: item.quantity,
      unitPrice: item.unit_price,
    })),
    shippingAddress: address
      ? present({
          name: address.name,
          phone: address.phone,
          line1: address.line1,
          line2: address.line2,
          city: address.city,
          region: address.region,
          postalCode: address.postal_code,
          country: address.country,
        })
      : undefined,
    contact: request.contact ? present({ ...request.contact }) : {},
    payment: { method: request.payment_method },
    shipComplete: request.ship_complete,
    notes: request.notes,
    placedBy: request.placed_by,
  });
}

export function listOrdersQuery(request: ListOrdersRequest): Record<string, unknown> {
  return present({
    customerId: request.customer_id,
    status: request.status,
    channel: request.channel,
    limit: request.limit,
    cursor: request.cursor,
  });
}

export function cancelOrderBody(request: CancelOrderRequest): Record<string, unknown> {
  return present({ reason: request.reason, cause: request.cause, requestedBy: request.requested_by });
}

export function toWireOrder(order: OrderView) {
  const address = order.shippingAddress;
  return {
    id: order.id,
    status: order.status,
    customer_id: order.customerId,
    channel: order.channel,
    currency: order.currency,
    items: order.items.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      line_total: line.lineTotal,
      reserved: line.reserved,
      backordered: line.backordered,
      shipped: line.shipped,
      returned: line.returned,
      cancelled: line.cancelled,
    })),
    totals: order.totals,
    shipping_address: present({
      name: address.name,
      phone: address.phone,
      line1: address.line1,
      line2: address.line2,
      city: address.city,
      region: address.region,
      postal_code: address.postalCode,
      country: address.country,
    }),
    contact: present({ ...order.contact }),
    payment: present({
      method: order.payment.method,
      status: order.payment.status,
      amount: order.payment.amount,
      reference: order.payment.reference,
      paid_at: order.payment.paidAt,
    }),
    review_reasons: order.reviewReasons,
    ship_complete: order.shipComplete,
    ...present({ placed_by: order.placedBy ?? undefined, notes: order.notes ?? undefined }),
    placed_at: order.placedAt,
  };
}

export function toWireOrderList(page: Page<OrderSummary>) {
  return {
    items: page.items.map((order) => ({
      id: order.id,
      status: order.status,
      customer_id: order.customerId,
      channel: order.channel,
      currency: order.currency,
      total: order.total,
      placed_at: order.placedAt,
    })),
    ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
  };
}
