import { Injectable } from '@nestjs/common';
import {
  ExchangeCreatedV1,
  type ExchangeCreatedV1Payload,
  ReshipRequestedV1,
  ReturnReceivedV1,
  type ReturnReceivedV1Payload,
  ReturnWindowClosedV1,
  type ReturnWindowClosedV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import { OrderChanges } from '../order-changes';
import { permanentOnRuleError } from './permanent-on-rule-error';

/**
 * After-sales on the order: returned goods counted per line, an exchange's replacement sent like a reship (its
 * own reservation, pick list and shipment; it waits for stock like any backorder), and the order COMPLETED once
 * its return window closed with nothing open.
 */
@Injectable()
export class AftersalesEventsHandler {
  constructor(
    private readonly changes: OrderChanges,
    private readonly events: EventPublisher,
  ) {}

  @OnEvents(ReturnReceivedV1)
  async onReturnReceived(events: ConsumedEvent<ReturnReceivedV1Payload>[]): Promise<void> {
    for (const event of events) {
      await this.changes.apply(event.orderId!, event, async (order) => order.recordReturn(event.payload.lines));
    }
  }

  @OnEvents(ExchangeCreatedV1)
  async onExchange(events: ConsumedEvent<ExchangeCreatedV1Payload>[]): Promise<void> {
    for (const event of events) {
      await permanentOnRuleError(() =>
        this.changes.apply(event.orderId!, event, async (order) => {
          const { exchangeId, returnId, lines } = event.payload;
          const exchange = order.requestExchange(exchangeId, returnId, lines);
          if (!exchange) return;
          await this.events.publish(ReshipRequestedV1, {
            orderId: order.id,
            causedBy: event,
            payload: {
              reshipId: exchangeId,
              lines: exchange.lines,
              reason: 'other',
              requestedBy: 'aftersales',
              purpose: 'exchange',
            },
          });
        }),
      );
    }
  }

  @OnEvents(ReturnWindowClosedV1)
  async onWindowClosed(events: ConsumedEvent<ReturnWindowClosedV1Payload>[]): Promise<void> {
    for (const event of events) {
      await this.changes.apply(event.orderId!, event, async (order) => order.completeAftersales());
    }
  }
}
