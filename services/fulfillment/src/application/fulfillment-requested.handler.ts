import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FulfillmentRequestedV1, type FulfillmentRequestedV1Payload, PickListCreatedV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { planPickLines, purposeOf } from '../domain/pick-list';
import { PickListRepository } from '../infrastructure/persistence/pick-list.repository';

/** Turns each warehouse allocation the saga asks to fulfil into one pick list, and says so (PickListCreated). */
@Injectable()
export class FulfillmentRequestedHandler {
  constructor(
    private readonly pickLists: PickListRepository,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(FulfillmentRequestedV1)
  async createPickLists(requests: ConsumedEvent<FulfillmentRequestedV1Payload>[]): Promise<void> {
    for (const request of requests) {
      const { payload } = request;
      const id = randomUUID();
      const lines = planPickLines(payload.lines);
      const created = await this.pickLists.insertOnce({
        id,
        fulfillmentRequestId: payload.fulfillmentRequestId,
        warehouseId: payload.warehouseId,
        orderIds: payload.orderIds,
        customerId: payload.customerId,
        shippingAddress: payload.shippingAddress,
        contact: payload.contact,
        priority: payload.priority,
        purpose: payload.purpose,
        reshipId: payload.reshipId ?? null,
        lines,
        orderLines: payload.lines,
      });
      if (!created) continue;
      await this.events.publish(PickListCreatedV1, {
        orderId: request.orderId,
        causedBy: request,
        payload: {
          pickListId: id,
          warehouseId: payload.warehouseId,
          orderIds: payload.orderIds,
          fulfillmentRequestIds: [payload.fulfillmentRequestId],
          lines: lines.map(({ sku, quantity, bin }) => ({ sku, quantity, ...(bin ? { bin } : {}) })),
          ...purposeOf(payload),
        },
      });
    }
  }
}
