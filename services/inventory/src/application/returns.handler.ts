import { Injectable } from '@nestjs/common';
import { ReturnReceivedV1, type ReturnReceivedV1Payload, StockRestockedV1, StockWrittenOffV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { receive } from '../domain/stock-level';
import { StockRepository } from '../infrastructure/persistence/stock.repository';
import { BackorderQueue } from './backorder-queue';
import { StockLedger } from './stock-ledger';

/**
 * Goods a customer returned, as aftersales inspected them in the warehouse that received them: resellable units
 * are back on hand (StockRestocked; the SKU's waiting orders are served first), damaged ones are written off
 * with the reason (StockWrittenOff; on hand does not change, they had left with the shipment). Once per return.
 */
@Injectable()
export class ReturnsHandler {
  constructor(
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly backorders: BackorderQueue,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(ReturnReceivedV1)
  async restock(events: ConsumedEvent<ReturnReceivedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { returnId, warehouseId, lines } = event.payload;
      if (!(await this.stock.claimReturn(returnId))) continue;
      const orderId = event.orderId!;
      const resellable = merge(lines.filter((l) => l.condition === 'resellable'));
      const damaged = lines.filter((l) => l.condition === 'damaged');
      for (const line of resellable) {
        const level = await this.stock.lockLevel(line.sku, warehouseId);
        await this.ledger.record(
          level,
          receive(level, line.quantity),
          { kind: 'return-restocked', reference: returnId, orderId },
          event,
        );
      }
      for (const line of damaged) {
        const level = await this.stock.lockLevel(line.sku, warehouseId);
        await this.ledger.record(
          level,
          level,
          {
            kind: 'return-written-off',
            reason: (line.writeOffReason ?? 'damaged on return').slice(0, 500),
            note: `${line.quantity} unit(s) written off`,
            reference: returnId,
            orderId,
          },
          event,
        );
      }
      if (resellable.length > 0) {
        await this.events.publish(StockRestockedV1, {
          orderId,
          causedBy: event,
          payload: { returnId, warehouseId, lines: resellable },
        });
      }
      if (damaged.length > 0) {
        await this.events.publish(StockWrittenOffV1, {
          orderId,
          causedBy: event,
          payload: {
            returnId,
            warehouseId,
            lines: merge(damaged),
            reason: [...new Set(damaged.map((l) => l.writeOffReason ?? 'damaged on return'))].join('; ').slice(0, 500),
          },
        });
      }
      for (const line of resellable) await this.backorders.serve(line.sku, warehouseId);
    }
  }
}

function merge(lines: Array<{ sku: string; quantity: number }>): Array<{ sku: string; quantity: number }> {
  const bySku = new Map<string, number>();
  for (const line of [...lines].sort((a, b) => a.sku.localeCompare(b.sku))) {
    bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
  }
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
}
