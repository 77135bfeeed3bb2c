import { Inject, Injectable } from '@nestjs/common';
import { LowStockDetectedV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, SERVICE_CONFIG } from '@oms/platform';
import type { InventoryConfig } from '../config';
import { available, lowStockDecision, type StockLevel } from '../domain/stock-level';
import { type StockMovement, StockRepository } from '../infrastructure/persistence/stock.repository';

type MovementDetails = Pick<StockMovement, 'kind' | 'reason' | 'note' | 'reference' | 'actor' | 'orderId'>;

/**
 * The one way a stock level changes once it is locked: save it, write the movement to the ledger, and raise
 * LowStockDetected when available stock crosses the threshold. Runs inside the caller's transaction.
 */
@Injectable()
export class StockLedger {
  constructor(
    private readonly stock: StockRepository,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  async record(before: StockLevel, after: StockLevel, details: MovementDetails, cause?: ConsumedEvent): Promise<void> {
    await this.stock.saveLevel(after);
    await this.stock.recordMovement({
      sku: after.sku,
      warehouseId: after.warehouseId,
      onHandDelta: after.onHand - before.onHand,
      reservedDelta: after.reserved - before.reserved,
      onHandAfter: after.onHand,
      reservedAfter: after.reserved,
      ...details,
    });
    await this.checkLowStock(after, cause);
  }

  /** Raises LowStockDetected on a downward crossing of the threshold; re-arms above it. */
  async checkLowStock(level: StockLevel, cause?: Pick<ConsumedEvent, 'id' | 'correlationId' | 'meta'>): Promise<void> {
    const threshold = this.config.LOW_STOCK_THRESHOLD;
    const standing = await this.stock.lowStockAlerted(level.sku, level.warehouseId);
    const decision = lowStockDecision(available(level), threshold, standing);
    if (decision.alertStanding !== standing) {
      await this.stock.setLowStockAlerted(level.sku, level.warehouseId, decision.alertStanding);
    }
    if (!decision.alert) return;
    await this.events.publish(LowStockDetectedV1, {
      orderId: null,
      causedBy: cause,
      key: `${level.sku}@${level.warehouseId}`,
      payload: {
        sku: level.sku,
        warehouseId: level.warehouseId,
        onHand: level.onHand,
        available: available(level),
        threshold,
      },
    });
  }
}
