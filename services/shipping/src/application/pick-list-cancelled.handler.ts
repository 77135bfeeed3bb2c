import { Injectable } from '@nestjs/common';
import { PickListCancelledV1, type PickListCancelledV1Payload, ShipmentVoidedV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents, PermanentEventError } from '@oms/platform';
import { ShipmentRepository } from '../infrastructure/persistence/shipment.repository';

/**
 * Shipping's compensation: the shipment made from a cancelled pick list is VOIDED (ShipmentVoided), so it can
 * no longer be dispatched. One that already left cannot be voided: that is a dead letter for ops (recall the
 * parcel), never silently ignored.
 */
@Injectable()
export class PickListCancelledHandler {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(PickListCancelledV1)
  async voidShipments(events: ConsumedEvent<PickListCancelledV1Payload>[]): Promise<void> {
    for (const event of events) {
      const shipment = await this.shipments.lockByPickList(event.payload.pickListId);
      if (!shipment || shipment.status === 'VOIDED') continue;
      if (shipment.status !== 'CREATED') {
        throw new PermanentEventError(
          `shipment ${shipment.id} of cancelled pick list ${event.payload.pickListId} is ${shipment.status}: ` +
            'it has left the warehouse and must be recalled',
        );
      }
      await this.shipments.setStatus(shipment.id, 'VOIDED', null);
      await this.events.publish(ShipmentVoidedV1, {
        orderId: event.orderId!,
        causedBy: event,
        payload: {
          shipmentId: shipment.id,
          warehouseId: shipment.warehouseId,
          orderIds: shipment.orderIds,
          lines: shipment.lines,
          ...(event.payload.cancellationId ? { cancellationId: event.payload.cancellationId } : {}),
          reason: `pick list ${event.payload.pickListId} cancelled (${event.payload.reason})`,
        },
      });
    }
  }
}
