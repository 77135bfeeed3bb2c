import { Injectable } from '@nestjs/common';
import { FulfillmentEditAnsweredV1, OrderEditRequestedV1, type OrderEditRequestedV1Payload } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { PickListRepository } from '../infrastructure/persistence/pick-list.repository';
import { PickListWithdrawal } from './pick-list-withdrawal';

/**
 * An edit of an order at the warehouse: decided here, under the pick lists' row locks, so that a pick and an
 * edit racing each other end one way. No list of the order has started (all OPEN): they are taken back (a
 * merged list loses only this order) and the edit goes on (`released`); a pick or pack that comes after finds
 * the list cancelled (409). One has started: the edit is `refused` and nothing changes.
 */
@Injectable()
export class OrderEditHandler {
  constructor(
    private readonly pickLists: PickListRepository,
    private readonly events: EventPublisher,
    private readonly withdrawal: PickListWithdrawal,
  ) {}

  @OnEvents(OrderEditRequestedV1)
  async decide(events: ConsumedEvent<OrderEditRequestedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const orderId = event.orderId!;
      const { editId } = event.payload;
      const lists = await this.pickLists.lockActiveOf(orderId);
      const started = lists.find((l) => l.status !== 'OPEN');
      if (started) {
        await this.events.publish(FulfillmentEditAnsweredV1, {
          orderId,
          causedBy: event,
          payload: {
            editId,
            answer: 'refused',
            pickListIds: [started.id],
            detail: `picking has started: pick list ${started.id} is ${started.status}`,
          },
        });
        continue;
      }
      for (const list of lists) {
        await this.withdrawal.withdraw(list, orderId, event, {
          reason: 'order-edited',
          detail: `edit ${editId}: a new pick list follows`,
        });
      }
      await this.events.publish(FulfillmentEditAnsweredV1, {
        orderId,
        causedBy: event,
        payload: { editId, answer: 'released', pickListIds: lists.map((l) => l.id) },
      });
    }
  }
}
