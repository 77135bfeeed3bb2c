import { Injectable } from '@nestjs/common';
import {
  FulfillmentRequestedV1,
  type FulfillmentRequestedV1Payload,
  ShipmentDispatchedV1,
  type ShipmentDispatchedV1Payload,
  StockShippedV1,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents, PermanentEventError } from '@oms/platform';
import { ship } from '../domain/stock-level';
import { ReservationRepository } from '../infrastructure/persistence/reservation.repository';
import { StockRepository } from '../infrastructure/persistence/stock.repository';
import { StockLedger } from './stock-ledger';

/**
 * The reservation's life after allocation: fulfillment requested (it stops expiring), then dispatched (the
 * units leave on-hand and the reservation; a reservation shipped in full is CONSUMED).
 */
@Injectable()
export class ShipmentDispatchedHandler {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(FulfillmentRequestedV1)
  async fulfillmentRequested(requests: ConsumedEvent<FulfillmentRequestedV1Payload>[]): Promise<void> {
    for (const request of requests) {
      await this.reservations.markFulfillmentRequested({
        reservationId: request.payload.reservationId,
        orderIds: request.payload.orderIds,
      });
    }
  }

  @OnEvents(ShipmentDispatchedV1)
  async dispatched(shipments: ConsumedEvent<ShipmentDispatchedV1Payload>[]): Promise<void> {
    for (const shipment of shipments) {
      const { shipmentId, warehouseId, orderIds, lines } = shipment.payload;
      if (!(await this.reservations.claimShipment(shipmentId))) continue;
      const open = await this.reservations.lockOpenLines(orderIds, warehouseId);
      const touched = new Set<string>();
      // Stock rows in SKU order, as every other writer locks them.
      for (const line of [...lines].sort((a, b) => a.sku.localeCompare(b.sku))) {
        let left = line.quantity;
        for (const held of open.filter((o) => o.orderId === line.orderId && o.sku === line.sku && o.open > 0)) {
          const take = Math.min(left, held.open);
          await this.reservations.addShipped(held.reservationId, warehouseId, line.sku, take);
          held.open -= take;
          left -= take;
          touched.add(held.reservationId);
          if (left === 0) break;
        }
        if (left > 0) {
          // Shipping more than was reserved means the services disagree: stop and let ops look (dead letter).
          throw new PermanentEventError(
            `shipment ${shipmentId} sends ${line.quantity} ${line.sku} of order ${line.orderId} from ${warehouseId}, ` +
              `but only ${line.quantity - left} are reserved there`,
          );
        }
        const level = await this.stock.lockLevel(line.sku, warehouseId);
        await this.ledger.record(
          level,
          ship(level, line.quantity),
          { kind: 'shipment', reference: shipmentId, orderId: line.orderId },
          shipment,
        );
      }
      await this.reservations.consumeFullyShipped([...touched]);
      await this.events.publish(StockShippedV1, {
        orderId: orderIds[0]!,
        causedBy: shipment,
        payload: { shipmentId, warehouseId, orderIds, lines },
      });
    }
  }
}
