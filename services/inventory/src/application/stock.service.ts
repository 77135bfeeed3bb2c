import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@oms/platform';
import { setOnHand, type StockSummary, summarize } from '../domain/stock-level';
import { StockRepository, type WarehouseRow } from '../infrastructure/persistence/stock.repository';

export class UnknownWarehouseError extends Error {}

/** Warehouses and stock counts (stocktake). Reservations arrive with the next issue. */
@Injectable()
export class StockService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly stock: StockRepository,
  ) {}

  upsertWarehouse(warehouse: WarehouseRow): Promise<WarehouseRow> {
    return this.unitOfWork.run(() => this.stock.upsertWarehouse(warehouse));
  }

  listWarehouses(): Promise<WarehouseRow[]> {
    return this.stock.listWarehouses();
  }

  async setOnHand(sku: string, warehouseId: string, onHand: number): Promise<StockSummary> {
    await this.unitOfWork.run(async () => {
      if (!(await this.stock.warehouseExists(warehouseId))) throw new UnknownWarehouseError(warehouseId);
      const level = await this.stock.lockLevel(sku, warehouseId);
      await this.stock.saveLevel(setOnHand(level, onHand));
    });
    return this.summary(sku);
  }

  async summary(sku: string): Promise<StockSummary> {
    return summarize(
      sku,
      await this.stock.levels(sku),
      await this.stock.demand(sku),
      await this.stock.backordered(sku),
    );
  }
}
