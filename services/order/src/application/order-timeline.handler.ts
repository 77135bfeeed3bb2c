import { Injectable } from '@nestjs/common';
import { ALL_EVENTS, orderKeyOf, Topics } from '@oms/contracts';
import { type ConsumedEvent, OnEvents } from '@oms/platform';
import { OrderQueriesRepository } from '../infrastructure/persistence/order-queries.repository';

/** Every event of the other services that names an order; merged pick lists and shipments name several. */
const OTHER_SERVICES_ORDER_EVENTS = ALL_EVENTS.filter((d) => d.topic !== Topics.order && orderKeyOf(d) !== 'none');

/** Records the other services' events in the timeline of each order they concern. */
@Injectable()
export class OrderTimelineHandler {
  constructor(private readonly queries: OrderQueriesRepository) {}

  @OnEvents(...OTHER_SERVICES_ORDER_EVENTS)
  async record(events: ConsumedEvent[]): Promise<void> {
    await this.queries.recordTimelineEvents(
      events.flatMap((event) => {
        const named = (event.payload as { orderIds?: unknown }).orderIds;
        const orderIds = new Set([
          ...(event.orderId ? [event.orderId] : []),
          ...(Array.isArray(named) ? (named as string[]) : []),
        ]);
        return [...orderIds].map((orderId) => ({
          orderId,
          eventId: event.id,
          type: event.type,
          source: event.source,
          occurredAt: event.occurredAt,
          payload: event.payload as object,
        }));
      }),
    );
  }
}
