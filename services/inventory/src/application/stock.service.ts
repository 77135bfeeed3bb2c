import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { StockBackorderedV1, StockReplenishedV1 } from '@oms/contracts';
import { EventPublisher, UnitOfWork } from '@oms/platform';
import {
  type AdjustmentReason,
  adjust,
  available,
  receive,
  setOnHand,
  type StockLevel,
  type StockSummary,
  summarize,
} from '../domain/stock-level';
import { ReservationRepository } from '../infrastructure/persistence/reservation.repository';
import { StockRepository, type WarehouseRow } from '../infrastructure/persistence/stock.repository';
import { BackorderQueue } from './backorder-queue';
import { StockLedger } from './stock-ledger';

export class UnknownWarehouseError extends Error {}

/** Warehouses and the stock changes ops make by hand: stocktake, adjustment, goods received. */
@Injectable()
export class StockService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly events: EventPublisher,
    private readonly backorders: BackorderQueue,
    private readonly reservations: ReservationRepository,
  ) {}

  upsertWarehouse(warehouse: WarehouseRow): Promise<WarehouseRow> {
    return this.unitOfWork.run(() => this.stock.upsertWarehouse(warehouse));
  }

  listWarehouses(): Promise<WarehouseRow[]> {
    return this.stock.listWarehouses();
  }

  setOnHand(sku: string, warehouseId: string, onHand: number, actor?: string): Promise<StockSummary> {
    return this.change(sku, warehouseId, async (level) => {
      await this.ledger.record(level, setOnHand(level, onHand), { kind: 'stocktake', actor });
    });
  }

  adjust(
    sku: string,
    warehouseId: string,
    adjustment: { delta: number; reason: AdjustmentReason; note?: string; actor?: string },
  ): Promise<StockSummary> {
    return this.change(sku, warehouseId, async (level) => {
      await this.ledger.record(level, adjust(level, adjustment.delta), {
        kind: 'adjustment',
        reason: adjustment.reason,
        note: adjustment.note,
        actor: adjustment.actor,
      });
    });
  }

  /**
   * Goods received: on-hand grows, StockReplenished tells the other services, and in the same transaction
   * the backorder queue of the SKU is served first come, first served.
   */
  replenish(
    sku: string,
    warehouseId: string,
    receipt: { quantity: number; reference?: string; expectedAt?: string; actor?: string },
  ): Promise<StockSummary> {
    return this.change(sku, warehouseId, async (level) => {
      const after = receive(level, receipt.quantity);
      await this.ledger.record(level, after, {
        kind: 'replenishment',
        reference: receipt.reference,
        actor: receipt.actor,
      });
      if (receipt.reference) await this.reservations.receiptArrived(sku, warehouseId, receipt.reference);
      await this.events.publish(StockReplenishedV1, {
        orderId: null,
        key: sku,
        payload: {
          sku,
          warehouseId,
          quantity: receipt.quantity,
          ...(receipt.reference ? { reference: receipt.reference } : {}),
          ...(receipt.expectedAt ? { expectedDate: receipt.expectedAt } : {}),
          onHand: after.onHand,
          available: available(after),
        },
      });
    });
  }

  /**
   * A replenishment announced (purchase order): the orders waiting for the SKU learn when it is expected
   * (StockBackordered again, now with its date), which the saga shows as their promise date.
   */
  announceReceipt(
    sku: string,
    warehouseId: string,
    receipt: { quantity: number; expectedAt: string; reference?: string },
  ): Promise<{
    id: string;
    sku: string;
    warehouseId: string;
    quantity: number;
    expectedAt: string;
    ordersTold: number;
  }> {
    return this.unitOfWork.run(async () => {
      if (!(await this.stock.warehouseExists(warehouseId))) throw new UnknownWarehouseError(warehouseId);
      const id = randomUUID();
      const expectedAt = new Date(receipt.expectedAt).toISOString();
      await this.reservations.announceReceipt({ id, sku, warehouseId, ...receipt, expectedAt });
      const promise = await this.reservations.promiseDate([sku]);
      const waiting = await this.reservations.waitingFor(sku);
      for (const { orderId, quantity } of waiting) {
        await this.events.publish(StockBackorderedV1, {
          orderId,
          payload: { lines: [{ sku, quantity }], ...(promise ? { expectedDate: promise } : {}) },
        });
      }
      return { id, sku, warehouseId, quantity: receipt.quantity, expectedAt, ordersTold: waiting.length };
    });
  }

  movements(sku: string, warehouseId: string, limit: number) {
    return this.stock.movements(sku, warehouseId, limit);
  }

  async summary(sku: string): Promise<StockSummary> {
    return summarize(
      sku,
      await this.stock.levels(sku),
      await this.stock.demand(sku),
      await this.stock.backordered(sku),
    );
  }

  /**
   * Locks the level (concurrent changes of it queue up), applies `work`, lets stock that became available go
   * to waiting orders first, commits, answers the new summary.
   */
  private async change(
    sku: string,
    warehouseId: string,
    work: (level: StockLevel) => Promise<void>,
  ): Promise<StockSummary> {
    await this.unitOfWork.run(async () => {
      if (!(await this.stock.warehouseExists(warehouseId))) throw new UnknownWarehouseError(warehouseId);
      await work(await this.stock.lockLevel(sku, warehouseId));
      await this.backorders.serve(sku, warehouseId);
    });
    return this.summary(sku);
  }
}
