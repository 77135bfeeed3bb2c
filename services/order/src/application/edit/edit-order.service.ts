import { Injectable } from '@nestjs/common';
import {
  FulfillmentEditAnsweredV1,
  type FulfillmentEditAnsweredV1Payload,
  OrderCancelledV1,
  OrderEditedV1,
  OrderEditRequestedV1,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents } from '@oms/platform';
import type { Order } from '../../domain/order';
import type { EditRequest, OrderChange } from '../../domain/order-edit';
import { type EditView, OrderEditRepository } from '../../infrastructure/persistence/order-edit.repository';
import { CompensationSagaService } from '../cancel/compensation-saga.service';
import { OrderChanges } from '../order-changes';
import { FulfillmentRequests } from '../saga/fulfillment-requests';
import { permanentOnRuleError } from '../saga/permanent-on-rule-error';

/**
 * Edits of an order until picking starts (PATCH /v1/orders/{id}). An order not yet at the warehouse changes at
 * once (OrderEdited; inventory reserves anew for a confirmed one). An order at the warehouse asks fulfillment
 * first (OrderEditRequested): its answer applies the edit or refuses it because picking started.
 */
@Injectable()
export class EditOrderService {
  constructor(
    private readonly changes: OrderChanges,
    private readonly events: EventPublisher,
    private readonly edits: OrderEditRepository,
    private readonly fulfillment: FulfillmentRequests,
    private readonly compensation: CompensationSagaService,
  ) {}

  async edit(
    orderId: string,
    request: EditRequest,
    requestedBy: string,
  ): Promise<{ order: Order; editId: string; status: 'APPLIED' | 'PENDING' }> {
    let outcome!: { editId: string; status: 'APPLIED' | 'PENDING' };
    const order = await this.changes.apply(orderId, undefined, async (order) => {
      const { editId, changes, applied } = order.requestEdit(request, requestedBy);
      outcome = { editId, status: applied ? 'APPLIED' : 'PENDING' };
      await this.edits.record({ editId, orderId, status: outcome.status, request, changes, requestedBy });
      if (applied) await this.afterApplied(order, editId, request, changes, requestedBy);
      else {
        await this.events.publish(OrderEditRequestedV1, {
          orderId,
          payload: { editId, changes: changes.map(wire), requestedBy },
        });
      }
    });
    return { order, ...outcome };
  }

  /** The warehouse's answer: the edit is applied (and inventory reserves anew), or refused. */
  @OnEvents(FulfillmentEditAnsweredV1)
  async onFulfillmentAnswer(events: ConsumedEvent<FulfillmentEditAnsweredV1Payload>[]): Promise<void> {
    for (const event of events) {
      await permanentOnRuleError(() =>
        this.changes.apply(event.orderId!, event, async (order) => {
          const { editId, answer, detail } = event.payload;
          const { edit, applied, toFulfil } = order.fulfillmentAnswered(editId, answer);
          if (!edit) return;
          if (applied) {
            await this.edits.decide(editId, 'APPLIED');
            await this.afterApplied(order, editId, edit.request, edit.changes, edit.requestedBy, event);
          } else {
            await this.edits.decide(editId, 'REFUSED', detail ?? 'picking has started');
            await this.fulfillment.request(order, toFulfil, event);
          }
        }),
      );
    }
  }

  /**
   * Waits (up to `waitMs`) for the warehouse's answer to an edit: the edit as decided, or still PENDING.
   * Polls the edit's row, so the answer may come to any instance.
   */
  async awaitDecision(orderId: string, editId: string, waitMs: number): Promise<EditView> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const edit = (await this.edits.find(orderId, editId))!;
      if (edit.status !== 'PENDING' || Date.now() >= deadline) return edit;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The edit took effect: inventory follows (OrderEdited); cancelled lines are announced and refunded if paid. */
  private async afterApplied(
    order: Order,
    editId: string,
    request: EditRequest,
    changes: OrderChange[],
    editedBy: string,
    cause?: ConsumedEvent,
  ): Promise<void> {
    await this.publishEdited(order, editId, changes, editedBy, cause);
    if (!request.cancelLines) return;
    const reason = request.reason ?? 'some lines cancelled';
    // Stock follows the edit; what was paid for the lines goes back through the cancellation saga.
    const cancellationId = await this.compensation.begin(order, {
      scope: 'lines',
      lines: request.cancelLines,
      cause: 'customer-request',
      reason,
      requestedBy: editedBy,
      reachedServices: false,
    });
    await this.events.publish(OrderCancelledV1, {
      orderId: order.id,
      causedBy: cause,
      payload: {
        ...(cancellationId ? { cancellationId } : {}),
        scope: 'lines',
        lines: request.cancelLines,
        cause: 'customer-request',
        reason,
        cancelledBy: editedBy,
        contact: order.contact,
      },
    });
  }

  private async publishEdited(
    order: Order,
    editId: string,
    changes: OrderChange[],
    editedBy: string,
    cause?: ConsumedEvent,
  ): Promise<void> {
    const items = order.lines
      .filter((l) => l.quantity - l.cancelled > 0)
      .map((l) => ({
        sku: l.sku,
        quantity: l.quantity - l.cancelled,
        unitPrice: l.unitPrice,
        lineTotal: l.unitPrice * (l.quantity - l.cancelled),
      }));
    const addressChanged = changes.some((c) => c.kind === 'shipping-address-changed');
    const contactChanged = changes.some((c) => c.kind === 'contact-changed');
    await this.events.publish(OrderEditedV1, {
      orderId: order.id,
      causedBy: cause,
      payload: {
        editId,
        items,
        totals: order.totals,
        ...(addressChanged ? { shippingAddress: order.shippingAddress } : {}),
        ...(contactChanged ? { contact: order.contact } : {}),
        changes: changes.map(wire),
        editedBy,
      },
    });
  }
}

function wire(change: OrderChange) {
  return {
    kind: change.kind,
    ...(change.sku ? { sku: change.sku } : {}),
    ...(change.fromQuantity !== undefined ? { fromQuantity: change.fromQuantity } : {}),
    ...(change.toQuantity !== undefined ? { toQuantity: change.toQuantity } : {}),
  };
}
