import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ReplenishmentRequestedV1, StockBackorderedV1, StockReservedV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, SERVICE_CONFIG } from '@oms/platform';
import type { InventoryConfig } from '../config';
import { available } from '../domain/stock-level';
import { ReservationRepository } from '../infrastructure/persistence/reservation.repository';
import { StockRepository } from '../infrastructure/persistence/stock.repository';
import { StockLedger } from './stock-ledger';

/**
 * Serves the backorder queue when stock arrives: in the receiving transaction, with the stock row locked,
 * waiting lines of the SKU are reserved first come, first served (a line may be served in part and wait for
 * the rest), each as a StockReserved `fromBackorder` that resumes the order's saga.
 */
@Injectable()
export class BackorderQueue {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  /** Returns how many units went to waiting orders. */
  async serve(sku: string, warehouseId: string): Promise<number> {
    let free = available(await this.stock.lockLevel(sku, warehouseId));
    if (free <= 0) return 0;
    let served = 0;
    for (const waiting of await this.reservations.lockWaiting(sku)) {
      if (free === 0) break;
      const quantity = Math.min(free, waiting.quantity);
      const reservationId = randomUUID();
      const expiresAt = new Date(Date.now() + this.config.reservationTtlMs);
      const allocations = [{ warehouseId, lines: [{ sku, quantity }] }];
      const { orderId, reshipId } = waiting;
      await this.reservations.reserve({ id: reservationId, orderId, expiresAt, reshipId }, allocations);
      await this.reservations.takeFromBackorder(orderId, sku, quantity, 'SERVED', reshipId);
      await this.events.publish(StockReservedV1, {
        orderId,
        payload: {
          reservationId,
          allocations,
          expiresAt: expiresAt.toISOString(),
          complete: !(await this.reservations.stillWaiting(orderId, reshipId)),
          fromBackorder: true,
          ...(reshipId ? { reshipId } : {}),
        },
      });
      free -= quantity;
      served += quantity;
    }
    if (served > 0) await this.ledger.checkLowStock(await this.stock.lockLevel(sku, warehouseId));
    return served;
  }

  /**
   * Tells what an order (or one of its reships) now waits for (StockBackordered, with the promise date when a
   * receipt is announced), and asks ops to buy the units newly short (ReplenishmentRequested, with all that now
   * waits for the SKU).
   */
  async announce(
    orderId: string,
    waiting: Array<{ sku: string; quantity: number }>,
    newlyShort: Array<{ sku: string; quantity: number }>,
    cause: Pick<ConsumedEvent, 'id' | 'correlationId' | 'meta'>,
    reshipId: string | null = null,
  ): Promise<void> {
    const expectedDate = await this.reservations.promiseDate(waiting.map((l) => l.sku));
    await this.events.publish(StockBackorderedV1, {
      orderId,
      causedBy: cause,
      payload: { lines: waiting, ...(expectedDate ? { expectedDate } : {}), ...(reshipId ? { reshipId } : {}) },
    });
    for (const line of newlyShort) {
      await this.events.publish(ReplenishmentRequestedV1, {
        orderId: null,
        key: line.sku,
        causedBy: cause,
        payload: {
          sku: line.sku,
          quantity: line.quantity,
          trigger: 'backorder',
          backordered: await this.stock.backordered(line.sku),
        },
      });
    }
  }
}
