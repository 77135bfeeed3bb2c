import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oms/platform';
import { Order, type StatusChange } from '../../domain/order';
import type { OrderRepository } from '../../domain/order.repository';
import type { OrderStatus } from '../../domain/order-status';
import { OrderEntity, OrderLineEntity, OrderStatusChangeEntity } from './order.entity';

/** Maps the aggregate to its tables; joins the current UnitOfWork transaction. */
@Injectable()
export class TypeormOrderRepository implements OrderRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async insert(order: Order, changes: StatusChange[]): Promise<void> {
    const manager = this.unitOfWork.manager;
    await manager.insert(OrderEntity, {
      id: order.id,
      customerId: order.customerId,
      channel: order.channel,
      currency: order.currency,
      status: order.status,
      paymentMethod: order.paymentMethod,
      shipComplete: order.shipComplete,
      shippingAddress: order.shippingAddress,
      contact: order.contact,
      notes: order.notes ?? null,
      placedBy: order.placedBy ?? null,
      subtotal: order.totals.subtotal,
      shippingTotal: order.totals.shipping,
      discountTotal: order.totals.discount,
      total: order.totals.total,
      placedAt: order.placedAt,
      version: 1,
    });
    await manager.insert(
      OrderLineEntity,
      order.lines.map((line) => ({ orderId: order.id, ...line })),
    );
    await manager.insert(
      OrderStatusChangeEntity,
      changes.map((c) => ({
        orderId: order.id,
        fromStatus: c.from,
        toStatus: c.to,
        reason: c.reason,
        occurredAt: c.at,
      })),
    );
  }

  async findById(id: string): Promise<Order | null> {
    const row = await this.unitOfWork.manager.findOne(OrderEntity, { where: { id } });
    return row ? toDomain(row) : null;
  }
}

function toDomain(row: OrderEntity): Order {
  return Order.restore({
    id: row.id,
    customerId: row.customerId,
    channel: row.channel as Order['channel'],
    currency: row.currency as Order['currency'],
    lines: row.lines
      .map(({ sku, quantity, unitPrice, lineTotal, reserved, backordered, shipped, returned, cancelled }) => ({
        sku,
        quantity,
        unitPrice,
        lineTotal,
        reserved,
        backordered,
        shipped,
        returned,
        cancelled,
      }))
      .sort((a, b) => a.sku.localeCompare(b.sku)),
    shippingAddress: row.shippingAddress,
    contact: row.contact,
    paymentMethod: row.paymentMethod as Order['paymentMethod'],
    shipComplete: row.shipComplete,
    notes: row.notes ?? undefined,
    placedBy: row.placedBy ?? undefined,
    status: row.status as OrderStatus,
    totals: { subtotal: row.subtotal, shipping: row.shippingTotal, discount: row.discountTotal, total: row.total },
    placedAt: row.placedAt,
    version: row.version,
  });
}
