import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OrderPackedV1, type OrderPackedV1Payload, ShipmentCreatedV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { deliveryNoteOf } from '../domain/shipment';
import { ShipmentRepository } from '../infrastructure/persistence/shipment.repository';

/** Makes the shipment (the delivery note) of each packed pick list, and says so (ShipmentCreated). */
@Injectable()
export class OrderPackedHandler {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(OrderPackedV1)
  async createShipments(packed: ConsumedEvent<OrderPackedV1Payload>[]): Promise<void> {
    for (const event of packed) {
      const { payload } = event;
      // Packed just as the order was cancelled: the parcel is never made a shipment (its pick list is cancelled
      // by the saga's next step, and the goods go back to their bins).
      if (await this.shipments.anyCancelled(payload.orderIds)) continue;
      const id = randomUUID();
      const note = deliveryNoteOf(payload.packages);
      const created = await this.shipments.insertOnce({
        id,
        pickListId: payload.pickListId,
        warehouseId: payload.warehouseId,
        orderIds: payload.orderIds,
        customerId: payload.customerId,
        shippingAddress: payload.shippingAddress,
        contact: payload.contact,
        packages: payload.packages,
        note,
        purpose: payload.purpose ?? 'order',
        reshipId: payload.reshipId ?? null,
      });
      if (!created) continue;
      await this.events.publish(ShipmentCreatedV1, {
        orderId: event.orderId,
        causedBy: event,
        payload: {
          shipmentId: id,
          pickListId: payload.pickListId,
          warehouseId: payload.warehouseId,
          orderIds: payload.orderIds,
          lines: note.lines,
          packageCount: note.packageCount,
          shippingAddress: payload.shippingAddress,
        },
      });
    }
  }
}
