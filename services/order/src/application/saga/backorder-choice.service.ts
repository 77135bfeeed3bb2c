import { Injectable } from '@nestjs/common';
import { type BackorderChoice, BackorderChoiceMadeV1, type CancellationCause, OrderCancelledV1 } from '@oms/contracts';
import { EventPublisher } from '@oms/platform';
import type { Order } from '../../domain/order';
import { OrderChanges } from '../order-changes';
import { CompensationSagaService } from '../cancel/compensation-saga.service';
import { FulfillmentRequests } from './fulfillment-requests';

/**
 * What happens to the lines that wait for stock: the customer chooses (wait, ship what is available, drop the
 * waiting lines), or the wait limit drops them. Dropped units are cancelled on the order; the cancellation saga
 * has inventory take them out of its backorder queue and pays back what was paid for them; what is held back
 * goes to picking. All in one transaction with BackorderChoiceMade.
 */
@Injectable()
export class BackorderChoiceService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly events: EventPublisher,
    private readonly fulfillment: FulfillmentRequests,
    private readonly compensation: CompensationSagaService,
  ) {}

  choose(
    orderId: string,
    choice: BackorderChoice,
    chosenBy: string,
    options: { note?: string; cause?: CancellationCause } = {},
  ): Promise<Order> {
    return this.changes.apply(orderId, undefined, async (order) => {
      const reason =
        options.cause === 'backorder-timeout'
          ? 'waited longer than the backorder limit'
          : `backorder choice: ${choice}${options.note ? ` (${options.note})` : ''}`;
      const { waiting, dropped, toFulfil } = order.chooseForBackorder(choice, reason);
      await this.events.publish(BackorderChoiceMadeV1, {
        orderId: order.id,
        payload: { choice, lines: waiting, chosenBy, ...(options.note ? { note: options.note } : {}) },
      });
      if (dropped.length > 0) {
        const cause = options.cause ?? 'customer-request';
        // Inventory takes the units out of its queue; what was paid for them goes back.
        const cancellationId = await this.compensation.begin(order, {
          scope: 'lines',
          lines: dropped,
          cause,
          reason,
          requestedBy: chosenBy,
          reachedServices: true,
        });
        await this.events.publish(OrderCancelledV1, {
          orderId: order.id,
          payload: {
            ...(cancellationId ? { cancellationId } : {}),
            ...(order.status === 'CANCELLED'
              ? { scope: 'order' as const }
              : { scope: 'lines' as const, lines: dropped }),
            cause,
            reason,
            cancelledBy: chosenBy,
            contact: order.contact,
          },
        });
      }
      await this.fulfillment.request(order, toFulfil);
    });
  }
}
