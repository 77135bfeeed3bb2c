import { Injectable } from '@nestjs/common';
import {
  CompensationRequestedV1,
  type CompensationRequestedV1Payload,
  FulfillmentCompensationCompletedV1,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { PickListRepository } from '../infrastructure/persistence/pick-list.repository';
import { PickListWithdrawal } from './pick-list-withdrawal';

/**
 * Fulfillment's step of a cancellation (`cancel-pick-list`): each of the order's pick lists that is not
 * cancelled yet is CANCELLED (picked goods go back to their bins), under the list's row lock so no pick or pack
 * slips in; a list merged with other orders loses only this order's units (PickListChanged), a packed one is
 * to be repacked; PickListCancelled tells shipping to void a shipment made from it after all, and
 * FulfillmentCompensationCompleted answers the saga. Asked again, it finds nothing to cancel and answers the same.
 */
@Injectable()
export class OrderCancellationHandler {
  constructor(
    private readonly pickLists: PickListRepository,
    private readonly events: EventPublisher,
    private readonly withdrawal: PickListWithdrawal,
  ) {}

  @OnEvents(CompensationRequestedV1)
  async cancelPickLists(events: ConsumedEvent<CompensationRequestedV1Payload>[]): Promise<void> {
    for (const event of events) {
      if (event.payload.step !== 'cancel-pick-list') continue;
      const orderId = event.orderId!;
      const cancelled: string[] = [];
      for (const list of await this.pickLists.lockActiveOf(orderId)) {
        cancelled.push(list.id);
        await this.withdrawal.withdraw(list, orderId, event, {
          reason: 'order-cancelled',
          detail: `was ${list.status}: ${event.payload.reason}`,
          cancellationId: event.payload.cancellationId,
        });
      }
      await this.events.publish(FulfillmentCompensationCompletedV1, {
        orderId,
        causedBy: event,
        payload: {
          cancellationId: event.payload.cancellationId,
          step: 'cancel-pick-list',
          outcome: 'done',
          undone: cancelled,
        },
      });
    }
  }
}
