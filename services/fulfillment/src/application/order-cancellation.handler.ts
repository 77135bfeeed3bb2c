import { Injectable } from '@nestjs/common';
import {
  OrderCancellationRequestedV1,
  type OrderCancellationRequestedV1Payload,
  PickListCancelledV1,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { PickListRepository } from '../infrastructure/persistence/pick-list.repository';

/**
 * Fulfillment's compensation of a cancelled order: each of its pick lists that is not cancelled yet is
 * CANCELLED (picked goods go back to their bins), under the list's row lock so no pick or pack slips in, and
 * PickListCancelled tells shipping to void a shipment made from it. Again, it finds nothing to cancel.
 */
@Injectable()
export class OrderCancellationHandler {
  constructor(
    private readonly pickLists: PickListRepository,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(OrderCancellationRequestedV1)
  async cancelPickLists(events: ConsumedEvent<OrderCancellationRequestedV1Payload>[]): Promise<void> {
    for (const event of events) {
      for (const list of await this.pickLists.lockActiveOf(event.orderId!)) {
        await this.pickLists.markCancelled(list.id);
        await this.events.publish(PickListCancelledV1, {
          orderId: event.orderId!,
          causedBy: event,
          payload: {
            pickListId: list.id,
            warehouseId: list.warehouseId,
            orderIds: list.orderIds,
            fulfillmentRequestIds: [list.fulfillmentRequestId],
            cancellationId: event.payload.cancellationId,
            reason: 'order-cancelled',
            detail: `was ${list.status}: ${event.payload.reason}`.slice(0, 2000),
          },
        });
      }
    }
  }
}
