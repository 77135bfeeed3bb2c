import type { Order } from '../../domain/order';

/** The order as the API shows it. */
export function toOrderView(order: Order) {
  return {
    id: order.id,
    status: order.status,
    customerId: order.customerId,
    channel: order.channel,
    currency: order.currency,
    items: order.lines,
    totals: order.totals,
    shippingAddress: order.shippingAddress,
    contact: order.contact,
    payment: {
      method: order.paymentMethod,
      status: order.paymentStatus,
      refunded: order.amountRefunded,
      ...(order.payment
        ? {
            amount: order.payment.amount,
            reference: order.payment.reference,
            paidAt: order.payment.paidAt.toISOString(),
          }
        : {}),
    },
    reviewReasons: [...order.reviewReasons],
    shipComplete: order.shipComplete,
    placedBy: order.placedBy ?? null,
    notes: order.notes ?? null,
    placedAt: order.placedAt.toISOString(),
    shipments: order.shipments.map((shipment) => ({
      ...shipment,
      resolutionsOffered: order.resolutionsFor(shipment),
    })),
    reships: order.reships,
    pendingEdit: order.pendingEdit,
  };
}

export type OrderView = ReturnType<typeof toOrderView>;
