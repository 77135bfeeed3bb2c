import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { OrderEditedV1, type OrderEditedV1Payload, StockReallocatedV1, StockReleasedV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents, SERVICE_CONFIG } from '@oms/platform';
import type { InventoryConfig } from '../config';
import { allocate, groupByWarehouse } from '../domain/allocation';
import { release } from '../domain/stock-level';
import { ReservationRepository } from '../infrastructure/persistence/reservation.repository';
import { StockRepository } from '../infrastructure/persistence/stock.repository';
import { BackorderQueue } from './backorder-queue';
import { ReserveStockHandler } from './reserve-stock.handler';
import { StockLedger } from './stock-ledger';

/**
 * The reservation follows an edit. Unconfirmed: the order's demand is the new item list. Confirmed: in one
 * transaction, every open reservation of the order is released, the new lines are allocated against the stock
 * that is now free (the order keeps what it had, and gets more if there is more), one new reservation is made,
 * the shortfall waits in the queue (keeping the order's place where a line already waited), the queue gets
 * what was freed, and StockReallocated gives the order the whole picture.
 */
@Injectable()
export class OrderEditedHandler {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly backorders: BackorderQueue,
    private readonly events: EventPublisher,
    private readonly reserveStock: ReserveStockHandler,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  @OnEvents(OrderEditedV1)
  async reallocate(events: ConsumedEvent<OrderEditedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const orderId = event.orderId!;
      const { editId, items } = event.payload;
      if (!items) continue;
      const wanted = items.map(({ sku, quantity }) => ({ sku, quantity }));
      // A confirmation still waiting its turn is served first: the edit changes what it reserved.
      await this.reserveStock.serveReady(orderId);
      if (!(await this.reservations.orderHandled(orderId))) {
        await this.stock.replaceUnconfirmedDemand(orderId, wanted);
        continue;
      }
      if (!editId) continue;
      const open = await this.reservations.lockOpenReservationsOf(orderId, true);
      const held = new Map<string, Array<{ warehouseId: string; sku: string; quantity: number }>>();
      for (const reservationId of open) held.set(reservationId, await this.reservations.heldBy(reservationId));
      const skus = new Set([...wanted.map((l) => l.sku), ...[...held.values()].flat().map((l) => l.sku)]);
      // Every stock row this touches, in SKU order, before any is changed.
      await this.reservations.lockStock([...skus]);
      const freed = new Map<string, { sku: string; warehouseId: string }>();
      for (const [reservationId, lines] of held) {
        for (const line of lines) {
          const level = await this.stock.lockLevel(line.sku, line.warehouseId);
          await this.ledger.record(
            level,
            release(level, line.quantity),
            { kind: 'reservation-released', reason: 'order-edited', reference: reservationId, orderId },
            event,
          );
          freed.set(`${line.sku}@${line.warehouseId}`, line);
        }
        await this.reservations.setStatus(reservationId, 'RELEASED');
        if (lines.length > 0) {
          await this.events.publish(StockReleasedV1, {
            orderId,
            causedBy: event,
            payload: {
              reservationId,
              allocations: groupByWarehouse(lines),
              reason: 'order-edited',
            },
          });
        }
      }
      const { allocations, backordered } = allocate(wanted, await this.reservations.lockStock([...skus]));
      let reservation: { reservationId: string; allocations: typeof allocations; expiresAt: string } | undefined;
      if (allocations.length > 0) {
        const reservationId = randomUUID();
        const expiresAt = new Date(Date.now() + this.config.reservationTtlMs);
        await this.reservations.reserve({ id: reservationId, orderId, expiresAt }, allocations);
        reservation = { reservationId, allocations, expiresAt: expiresAt.toISOString() };
      }
      const waitedBefore = await this.reservations.waitingOf(orderId);
      await this.reservations.setWaiting(orderId, backordered);
      for (const { sku, warehouseId } of freed.values()) await this.backorders.serve(sku, warehouseId);
      for (const { warehouseId, lines } of allocations) {
        for (const { sku } of lines)
          await this.ledger.checkLowStock(await this.stock.lockLevel(sku, warehouseId), event);
      }
      await this.events.publish(StockReallocatedV1, {
        orderId,
        causedBy: event,
        payload: {
          editId,
          released: open,
          ...(reservation ? { reservation } : {}),
          lines: wanted.map(({ sku }) => ({
            sku,
            reserved: allocations
              .flatMap((a) => a.lines)
              .filter((l) => l.sku === sku)
              .reduce((n, l) => n + l.quantity, 0),
            backordered: backordered.find((l) => l.sku === sku)?.quantity ?? 0,
          })),
        },
      });
      const moreToWait = backordered
        .map((l) => ({ sku: l.sku, quantity: l.quantity - (waitedBefore.find((w) => w.sku === l.sku)?.quantity ?? 0) }))
        .filter((l) => l.quantity > 0);
      if (moreToWait.length === 0) continue;
      await this.backorders.announce(orderId, backordered, moreToWait, event);
    }
  }
}
