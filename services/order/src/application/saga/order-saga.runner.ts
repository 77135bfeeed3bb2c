import { Injectable } from '@nestjs/common';
import type { ConsumedEvent } from '@oms/platform';
import { react, type SagaCommand, type SagaEvent } from '../../domain/saga/order-saga';
import type { Order } from '../../domain/order';
import { OrderChanges } from '../order-changes';
import { FulfillmentRequests } from './fulfillment-requests';
import { permanentOnRuleError } from './permanent-on-rule-error';

/**
 * Runs one saga step: the order under its lock, the pure decision (`react`), then what it asks of the other
 * services, all in the consumed batch's transaction. An event the order's rules refuse is dead-lettered for ops.
 */
@Injectable()
export class OrderSagaRunner {
  constructor(
    private readonly changes: OrderChanges,
    private readonly fulfillment: FulfillmentRequests,
  ) {}

  step(orderId: string, cause: ConsumedEvent, event: SagaEvent): Promise<void> {
    return permanentOnRuleError(() =>
      this.changes.apply(orderId, cause, async (order) => {
        for (const command of react(order, event)) await this.carryOut(order, command, cause);
      }),
    );
  }

  private async carryOut(order: Order, command: SagaCommand, cause: ConsumedEvent): Promise<void> {
    switch (command.type) {
      case 'RequestFulfillment':
        await this.fulfillment.request(order, [command.allocation], cause, {
          purpose: command.purpose,
          ...(command.reshipId ? { reshipId: command.reshipId } : {}),
        });
    }
  }
}
