import { Injectable } from '@nestjs/common';
import {
  CompensationRequestedV1,
  type CompensationRequestedV1Payload,
  ShipmentVoidedV1,
  ShippingCompensationCompletedV1,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { ShipmentRepository } from '../infrastructure/persistence/shipment.repository';

/**
 * Shipping's step of a cancellation (`void-shipment`), the first of the way back: the order is noted as
 * cancelled (a parcel packed for it later is never made a shipment), and each of its shipments not yet handed
 * to a carrier is VOIDED (ShipmentVoided). One that already left cannot be voided: the answer is `failed`, and
 * the saga stops there for ops to recall the parcel. ShippingCompensationCompleted answers the saga.
 */
@Injectable()
export class OrderCancellationHandler {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(CompensationRequestedV1)
  async voidShipments(events: ConsumedEvent<CompensationRequestedV1Payload>[]): Promise<void> {
    for (const event of events) {
      if (event.payload.step !== 'void-shipment') continue;
      const orderId = event.orderId!;
      const { cancellationId } = event.payload;
      await this.shipments.markOrderCancelled(orderId, cancellationId);
      const voided: string[] = [];
      const gone: string[] = [];
      for (const shipment of await this.shipments.lockLiveOf(orderId)) {
        if (shipment.status !== 'CREATED') {
          gone.push(`${shipment.id} (${shipment.status})`);
          continue;
        }
        await this.shipments.setStatus(shipment.id, 'VOIDED', null);
        voided.push(shipment.id);
        await this.events.publish(ShipmentVoidedV1, {
          orderId,
          causedBy: event,
          payload: {
            shipmentId: shipment.id,
            warehouseId: shipment.warehouseId,
            orderIds: shipment.orderIds,
            lines: shipment.lines,
            cancellationId,
            reason: `order cancelled: ${event.payload.reason}`.slice(0, 2000),
          },
        });
      }
      await this.events.publish(ShippingCompensationCompletedV1, {
        orderId,
        causedBy: event,
        payload: {
          cancellationId,
          step: 'void-shipment',
          ...(gone.length === 0
            ? { outcome: 'done' as const, undone: voided }
            : {
                outcome: 'failed' as const,
                undone: voided,
                detail: `already handed to the carrier, to be recalled: ${gone.join(', ')}`.slice(0, 2000),
              }),
        },
      });
    }
  }
}
