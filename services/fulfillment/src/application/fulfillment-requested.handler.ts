import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  FulfillmentRequestedV1,
  type FulfillmentRequestedV1Payload,
  Limits,
  PickListChangedV1,
  PickListCreatedV1,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents, SERVICE_CONFIG } from '@oms/platform';
import type { FulfillmentConfig } from '../config';
import { mergeKeyOf, planPickLines, purposeOf } from '../domain/pick-list';
import { PickListRepository } from '../infrastructure/persistence/pick-list.repository';

/**
 * Turns each warehouse allocation the saga asks to fulfil into pick lines. An order of a customer who already
 * has an open (not yet picked) list at that warehouse, to the same address, made within the merge window,
 * joins it: one pick, one parcel, one shipment for several orders (PickListChanged, `order-added`). Otherwise
 * it gets its own list (PickListCreated). A request heard twice is on one list once.
 */
@Injectable()
export class FulfillmentRequestedHandler {
  constructor(
    private readonly pickLists: PickListRepository,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: FulfillmentConfig,
  ) {}

  @OnEvents(FulfillmentRequestedV1)
  async createPickLists(requests: ConsumedEvent<FulfillmentRequestedV1Payload>[]): Promise<void> {
    for (const request of requests) {
      const { payload } = request;
      if (await this.pickLists.requestHandled(payload.fulfillmentRequestId)) continue;
      const lines = planPickLines(payload.lines);
      const mergeKey = mergeKeyOf(payload.customerId, payload.shippingAddress);
      if (await this.joinOpenList(request, mergeKey)) continue;
      const id = randomUUID();
      await this.pickLists.insertOnce({
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
        mergeKey,
        lines,
        orderLines: payload.lines,
      });
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

  /** Merges the request into an open list of the same customer and address; false when there is none. */
  private async joinOpenList(request: ConsumedEvent<FulfillmentRequestedV1Payload>, mergeKey: string) {
    const { payload } = request;
    const orderId = request.orderId!;
    if (payload.purpose !== 'order' || this.config.MERGE_WINDOW_MINUTES === 0 || payload.orderIds.length !== 1) {
      return false;
    }
    const target = await this.pickLists.lockMergeable({
      warehouseId: payload.warehouseId,
      mergeKey,
      priority: payload.priority,
      since: new Date(Date.now() - this.config.MERGE_WINDOW_MINUTES * 60_000),
      maxOrders: Limits.maxMergedOrders,
    });
    if (!target) return false;
    await this.pickLists.addRequest(target, {
      fulfillmentRequestId: payload.fulfillmentRequestId,
      orderId,
      lines: planPickLines(payload.lines),
      orderLines: payload.lines,
    });
    const merged = (await this.pickLists.lockForWork(target))!;
    await this.events.publish(PickListChangedV1, {
      orderId,
      causedBy: request,
      payload: {
        pickListId: target,
        warehouseId: payload.warehouseId,
        change: 'order-added',
        orderId,
        fulfillmentRequestId: payload.fulfillmentRequestId,
        orderIds: merged.orderIds,
        lines: merged.lines.map(({ sku, quantity }) => ({ sku, quantity })),
        orderLines: merged.orderLines,
        status: merged.status,
      },
    });
    return true;
  }
}
