import { Injectable } from '@nestjs/common';
import {
  OrderCancellationRequestedV1,
  type OrderCancellationRequestedV1Payload,
  StockReleasedV1,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { release } from '../domain/stock-level';
import { ReservationRepository } from '../infrastructure/persistence/reservation.repository';
import { StockRepository } from '../infrastructure/persistence/stock.repository';
import { BackorderQueue } from './backorder-queue';
import { StockLedger } from './stock-ledger';

/**
 * Inventory's compensation of a cancelled order (for dropped waiting lines: only the queue). Every reservation still holding stock is RELEASED (one
 * StockReleased each, with the cancellation id), its waiting backorders are dropped, and the freed stock goes
 * to the orders waiting for it. Doing it again finds nothing left to release.
 */
@Injectable()
export class OrderCancellationHandler {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly backorders: BackorderQueue,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(OrderCancellationRequestedV1)
  async releaseCancelled(events: ConsumedEvent<OrderCancellationRequestedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const orderId = event.orderId!;
      if (event.payload.scope === 'lines') {
        // Waiting units dropped (customer's choice or the wait limit): they leave the queue; reservations stay.
        for (const line of event.payload.lines ?? []) {
          await this.reservations.takeFromBackorder(orderId, line.sku, line.quantity, 'CANCELLED');
        }
        continue;
      }
      const freed = new Map<string, { sku: string; warehouseId: string }>();
      for (const reservationId of await this.reservations.lockOpenReservationsOf(orderId)) {
        const held = await this.reservations.heldBy(reservationId);
        for (const line of held) {
          const level = await this.stock.lockLevel(line.sku, line.warehouseId);
          await this.ledger.record(
            level,
            release(level, line.quantity),
            { kind: 'reservation-released', reason: 'order-cancelled', reference: reservationId, orderId },
            event,
          );
          freed.set(`${line.sku}@${line.warehouseId}`, line);
        }
        await this.reservations.setStatus(reservationId, 'RELEASED');
        if (held.length === 0) continue;
        const byWarehouse = new Map<string, Array<{ sku: string; quantity: number }>>();
        for (const line of held) {
          byWarehouse.set(line.warehouseId, [...(byWarehouse.get(line.warehouseId) ?? []), line]);
        }
        await this.events.publish(StockReleasedV1, {
          orderId,
          causedBy: event,
          payload: {
            reservationId,
            cancellationId: event.payload.cancellationId,
            allocations: [...byWarehouse].map(([warehouseId, lines]) => ({
              warehouseId,
              lines: lines.map(({ sku, quantity }) => ({ sku, quantity })),
            })),
            reason: 'order-cancelled',
          },
        });
      }
      await this.reservations.cancelBackorders(orderId);
      await this.stock.dropUnconfirmedDemand([orderId]);
      for (const { sku, warehouseId } of freed.values()) await this.backorders.serve(sku, warehouseId);
    }
  }
}
