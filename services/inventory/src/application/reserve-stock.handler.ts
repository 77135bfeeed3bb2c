import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  OrderConfirmedV1,
  type OrderConfirmedV1Payload,
  ReplenishmentRequestedV1,
  ReshipRequestedV1,
  type ReshipRequestedV1Payload,
  StockBackorderedV1,
  StockReservedV1,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents, SERVICE_CONFIG } from '@oms/platform';
import type { InventoryConfig } from '../config';
import { allocate } from '../domain/allocation';
import { ReservationRepository } from '../infrastructure/persistence/reservation.repository';
import { StockRepository } from '../infrastructure/persistence/stock.repository';
import { StockLedger } from './stock-ledger';

/**
 * Reserves a confirmed order's stock: locks the SKUs' stock rows, allocates (one warehouse if one can give it
 * all, else split by preference), reserves, queues the rest as backorders, and says what it did.
 */
@Injectable()
export class ReserveStockHandler {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly events: EventPublisher,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  @OnEvents(OrderConfirmedV1)
  async reserve(confirmed: ConsumedEvent<OrderConfirmedV1Payload>[]): Promise<void> {
    for (const event of confirmed) {
      const orderId = event.orderId!;
      if (await this.reservations.orderHandled(orderId)) continue;
      await this.reservations.demandConfirmed(orderId);
      await this.reserveOrQueue(
        orderId,
        event.payload.items.map(({ sku, quantity }) => ({ sku, quantity })),
        event,
      );
    }
  }

  /** Lines sent again in place of a shipment in trouble: reserved anew, or queued like any backorder. */
  @OnEvents(ReshipRequestedV1)
  async reship(requests: ConsumedEvent<ReshipRequestedV1Payload>[]): Promise<void> {
    for (const event of requests) {
      const { reshipId, lines } = event.payload;
      if (await this.reservations.reshipHandled(reshipId)) continue;
      await this.reserveOrQueue(event.orderId!, lines, event, reshipId);
    }
  }

  private async reserveOrQueue(
    orderId: string,
    lines: Array<{ sku: string; quantity: number }>,
    event: ConsumedEvent,
    reshipId: string | null = null,
  ): Promise<void> {
    const stock = await this.reservations.lockStock([...new Set(lines.map((l) => l.sku))]);
    const { allocations, backordered } = allocate(lines, stock);
    const forReship = reshipId ? { reshipId } : {};
    if (allocations.length > 0) {
      const reservationId = randomUUID();
      const expiresAt = new Date(Date.now() + this.config.reservationTtlMs);
      await this.reservations.reserve({ id: reservationId, orderId, expiresAt, reshipId }, allocations);
      for (const { warehouseId, lines: reserved } of allocations) {
        for (const { sku } of reserved) {
          await this.ledger.checkLowStock(await this.stock.lockLevel(sku, warehouseId), event);
        }
      }
      await this.events.publish(StockReservedV1, {
        orderId,
        causedBy: event,
        payload: {
          reservationId,
          allocations,
          expiresAt: expiresAt.toISOString(),
          complete: backordered.length === 0,
          fromBackorder: false,
          ...forReship,
        },
      });
    }
    if (backordered.length === 0) return;
    await this.reservations.queueBackorders(orderId, backordered, reshipId);
    const expectedDate = await this.reservations.promiseDate(backordered.map((l) => l.sku));
    await this.events.publish(StockBackorderedV1, {
      orderId,
      causedBy: event,
      payload: { lines: backordered, ...(expectedDate ? { expectedDate } : {}), ...forReship },
    });
    // Ops learn what to buy: this order's shortfall, and everything now waiting for the SKU.
    for (const line of backordered) {
      await this.events.publish(ReplenishmentRequestedV1, {
        orderId: null,
        key: line.sku,
        causedBy: event,
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
