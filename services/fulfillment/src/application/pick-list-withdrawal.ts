import { Injectable } from '@nestjs/common';
import { type PickListCancelReason, PickListCancelledV1, PickListChangedV1 } from '@oms/contracts';
import { type ConsumedEvent, EventPublisher } from '@oms/platform';
import { PickListRepository } from '../infrastructure/persistence/pick-list.repository';

type ActiveList = Awaited<ReturnType<PickListRepository['lockActiveOf']>>[number];

/**
 * Takes one order off a locked pick list (it was cancelled or edited): a list of that order alone is CANCELLED
 * (PickListCancelled; its goods go back to their bins), a merged one goes on for the others without this
 * order's units (PickListChanged `order-removed`; a packed one is to be repacked).
 */
@Injectable()
export class PickListWithdrawal {
  constructor(
    private readonly pickLists: PickListRepository,
    private readonly events: EventPublisher,
  ) {}

  async withdraw(
    list: ActiveList,
    orderId: string,
    cause: ConsumedEvent,
    why: { reason: PickListCancelReason; detail: string; cancellationId?: string },
  ): Promise<void> {
    const detail = why.detail.slice(0, 2000);
    const cancellation = why.cancellationId ? { cancellationId: why.cancellationId } : {};
    if (list.orderIds.length > 1) {
      await this.pickLists.removeOrder(list.id, orderId);
      const left = (await this.pickLists.lockForWork(list.id))!;
      await this.events.publish(PickListChangedV1, {
        orderId,
        causedBy: cause,
        payload: {
          pickListId: list.id,
          warehouseId: list.warehouseId,
          change: 'order-removed',
          orderId,
          orderIds: left.orderIds,
          lines: left.lines.map(({ sku, quantity }) => ({ sku, quantity })),
          orderLines: left.orderLines,
          status: left.status,
          ...cancellation,
          detail,
        },
      });
      return;
    }
    await this.pickLists.markCancelled(list.id);
    await this.events.publish(PickListCancelledV1, {
      orderId,
      causedBy: cause,
      payload: {
        pickListId: list.id,
        warehouseId: list.warehouseId,
        orderIds: list.orderIds,
        fulfillmentRequestIds: [list.fulfillmentRequestId],
        ...cancellation,
        reason: why.reason,
        detail,
      },
    });
  }
}
