import { Injectable } from '@nestjs/common';
import {
  CompensationRequestedV1,
  type CompensationRequestedV1Payload,
  InventoryCompensationCompletedV1,
  StockReleasedV1,
  type StockReleaseReason,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { groupByWarehouse } from '../domain/allocation';
import { release } from '../domain/stock-level';
import { ReservationRepository } from '../infrastructure/persistence/reservation.repository';
import { StockRepository } from '../infrastructure/persistence/stock.repository';
import { BackorderQueue } from './backorder-queue';
import { ReserveStockHandler } from './reserve-stock.handler';
import { StockLedger } from './stock-ledger';

/**
 * Inventory's step of a cancellation (`release-stock`). A whole order: every reservation still holding stock is
 * RELEASED (one StockReleased each) and its waiting backorders dropped. Dropped lines: the units leave the
 * queue, and units the queue served in the meantime are released from the order's newest reservations. The
 * freed stock goes to the orders waiting for it; InventoryCompensationCompleted answers the saga. Asked again,
 * it finds nothing more to release and answers the same.
 */
@Injectable()
export class OrderCancellationHandler {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly backorders: BackorderQueue,
    private readonly events: EventPublisher,
    private readonly reserveStock: ReserveStockHandler,
  ) {}

  @OnEvents(CompensationRequestedV1)
  async releaseCancelled(events: ConsumedEvent<CompensationRequestedV1Payload>[]): Promise<void> {
    for (const event of events) {
      if (event.payload.step !== 'release-stock') continue;
      const orderId = event.orderId!;
      // A confirmation still waiting its turn is served first, so that what it reserves is released too.
      await this.reserveStock.serveReady(orderId);
      const freed = new Map<string, { sku: string; warehouseId: string }>();
      const released: string[] = [];
      if (event.payload.scope === 'lines') {
        for (const line of event.payload.lines ?? []) {
          const left =
            line.quantity - (await this.reservations.takeFromBackorder(orderId, line.sku, line.quantity, 'CANCELLED'));
          if (left > 0) {
            // Served from the queue before the drop reached us: those units are released instead.
            for (const part of await this.reservations.lockNewestOpen(orderId, line.sku, left)) {
              await this.release(event, orderId, part.reservationId, [part], 'lines-cancelled', freed);
              if (!released.includes(part.reservationId)) released.push(part.reservationId);
            }
          }
        }
      } else {
        for (const reservationId of await this.reservations.lockOpenReservationsOf(orderId)) {
          const held = await this.reservations.heldBy(reservationId);
          await this.release(event, orderId, reservationId, held, 'order-cancelled', freed);
          await this.reservations.setStatus(reservationId, 'RELEASED');
          released.push(reservationId);
        }
        await this.reservations.cancelBackorders(orderId);
        await this.stock.dropUnconfirmedDemand([orderId]);
      }
      for (const { sku, warehouseId } of freed.values()) await this.backorders.serve(sku, warehouseId);
      await this.events.publish(InventoryCompensationCompletedV1, {
        orderId,
        causedBy: event,
        payload: {
          cancellationId: event.payload.cancellationId,
          step: 'release-stock',
          outcome: 'done',
          undone: released,
        },
      });
    }
  }

  /** Puts held units back on sale (ledger and counts) and says so with StockReleased. */
  private async release(
    event: ConsumedEvent<CompensationRequestedV1Payload>,
    orderId: string,
    reservationId: string,
    held: Array<{ warehouseId: string; sku: string; quantity: number }>,
    reason: StockReleaseReason,
    freed: Map<string, { sku: string; warehouseId: string }>,
  ): Promise<void> {
    if (held.length === 0) return;
    for (const line of [...held].sort((a, b) => a.sku.localeCompare(b.sku))) {
      const level = await this.stock.lockLevel(line.sku, line.warehouseId);
      await this.ledger.record(
        level,
        release(level, line.quantity),
        { kind: 'reservation-released', reason, reference: reservationId, orderId },
        event,
      );
      freed.set(`${line.sku}@${line.warehouseId}`, line);
    }
    if (reason === 'lines-cancelled') await this.reservations.reduce(reservationId, held);
    await this.events.publish(StockReleasedV1, {
      orderId,
      causedBy: event,
      payload: {
        reservationId,
        cancellationId: event.payload.cancellationId,
        allocations: groupByWarehouse(held),
        reason,
      },
    });
  }
}
