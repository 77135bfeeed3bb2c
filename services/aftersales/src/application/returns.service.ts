import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ExchangeCreatedV1,
  ReturnApprovedV1,
  type ReturnReason,
  ReturnReceivedV1,
  ReturnRejectedV1,
  type ReturnResolution,
  ReturnRequestedV1,
  ReturnWindowClosedV1,
  ShipmentDispatchedV1,
  type ShipmentDispatchedV1Payload,
} from '@oms/contracts';
import {
  type ConsumedEvent,
  DueWorkPoller,
  EventPublisher,
  type Logger,
  OnEvents,
  PLATFORM_LOGGER,
  SERVICE_CONFIG,
  UnitOfWork,
} from '@oms/platform';
import type { AftersalesConfig } from '../config';
import {
  autoApproves,
  checkReturnRequest,
  refundFor,
  ReturnRuleError,
  returnable,
  returnReference,
  ReturnStateError,
  type SkuQuantity,
  valueOf,
} from '../domain/returns';
import { RefundRepository } from '../infrastructure/persistence/refund.repository';
import { type ReceivedLine, ReturnRepository, type ReturnView } from '../infrastructure/persistence/return.repository';

export class ReturnNotFoundError extends Error {}
export class UnknownOrderError extends Error {}

/**
 * Returns (RMA), each step one transaction with its event: requested within the window for what was delivered
 * (approved at once when the rules allow), approved with a reference and the warehouse to send to, or rejected;
 * received and inspected per line (inventory restocks or writes off); then refunded once through the payment
 * queue, or exchanged (ExchangeCreated: the order saga sends the replacement like a reship).
 */
@Injectable()
export class ReturnsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly returns: ReturnRepository,
    private readonly refunds: RefundRepository,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: AftersalesConfig,
  ) {}

  request(input: {
    orderId: string;
    items: SkuQuantity[];
    reason: ReturnReason;
    comment?: string;
    resolution?: ReturnResolution;
    exchangeItems?: SkuQuantity[];
    requestedBy: string;
  }): Promise<ReturnView> {
    return this.unitOfWork.run(async () => {
      const order = await this.returns.order(input.orderId);
      if (!order) throw new UnknownOrderError(input.orderId);
      checkReturnRequest({
        lines: input.items,
        deliveredAt: order.lastDeliveredAt,
        now: new Date(),
        windowMs: this.config.returnWindowMs,
        returnable: returnable(order.delivered, await this.returns.alreadyReturned(input.orderId)),
      });
      const resolution = input.resolution ?? 'refund';
      if (resolution === 'refund' && input.exchangeItems) {
        throw new ReturnRuleError('replacement items go with an exchange', 'exchangeItems');
      }
      const id = randomUUID();
      const exchangeLines = resolution === 'exchange' ? (input.exchangeItems ?? input.items) : null;
      await this.returns.insert({
        id,
        orderId: input.orderId,
        reason: input.reason,
        comment: input.comment ?? null,
        resolution,
        lines: input.items,
        exchangeLines,
        requestedBy: input.requestedBy,
      });
      await this.events.publish(ReturnRequestedV1, {
        orderId: input.orderId,
        payload: {
          returnId: id,
          lines: input.items,
          reason: input.reason,
          ...(input.comment ? { comment: input.comment } : {}),
          requestedBy: input.requestedBy,
          resolution,
          ...(exchangeLines ? { exchangeLines } : {}),
        },
      });
      if (autoApproves(this.config.returnPolicy, input.reason, valueOf(order.pricing, input.items))) {
        return this.approveLocked(id, { by: 'policy' });
      }
      return (await this.returns.find(id))!;
    });
  }

  approve(id: string, decision: { by: string; lines?: SkuQuantity[]; warehouseId?: string }): Promise<ReturnView> {
    return this.unitOfWork.run(() => this.approveLocked(id, decision));
  }

  private async approveLocked(
    id: string,
    decision: { by: string; lines?: SkuQuantity[]; warehouseId?: string },
  ): Promise<ReturnView> {
    const ret = await this.locked(id);
    if (ret.status !== 'REQUESTED') throw new ReturnStateError(ret.status, 'approved');
    const lines = decision.lines ?? ret.lines;
    for (const line of lines) {
      const asked = ret.lines.filter((l) => l.sku === line.sku).reduce((n, l) => n + l.quantity, 0);
      if (line.quantity > asked)
        throw new ReturnRuleError(`${line.sku}: only ${asked} were asked to be returned`, 'lines');
    }
    const order = (await this.returns.order(ret.orderId))!;
    const warehouseId =
      decision.warehouseId ?? this.config.RETURNS_WAREHOUSE ?? order.shippedFrom.get(lines[0]!.sku) ?? 'returns';
    const reference = returnReference(id);
    await this.returns.update(id, {
      status: 'APPROVED',
      approvedLines: lines,
      reference,
      warehouseId,
      decidedBy: decision.by,
    });
    await this.events.publish(ReturnApprovedV1, {
      orderId: ret.orderId,
      payload: { returnId: id, reference, lines, warehouseId, contact: order.contact },
    });
    return (await this.returns.find(id))!;
  }

  reject(id: string, decision: { by: string; reason: string }): Promise<ReturnView> {
    return this.unitOfWork.run(async () => {
      const ret = await this.locked(id);
      if (ret.status !== 'REQUESTED' && ret.status !== 'APPROVED') throw new ReturnStateError(ret.status, 'rejected');
      await this.returns.update(id, { status: 'REJECTED', decidedBy: decision.by, rejectionReason: decision.reason });
      const order = await this.returns.order(ret.orderId);
      await this.events.publish(ReturnRejectedV1, {
        orderId: ret.orderId,
        payload: {
          returnId: id,
          reason: decision.reason,
          rejectedBy: decision.by,
          ...(order ? { contact: order.contact } : {}),
        },
      });
      return (await this.returns.find(id))!;
    });
  }

  /**
   * The parcel arrived and each line was inspected: ReturnReceived (inventory restocks what is resellable and
   * writes off what is damaged); then the refund (when due at once) or the exchange.
   */
  receive(id: string, inspection: { by: string; warehouseId?: string; lines: ReceivedLine[] }): Promise<ReturnView> {
    return this.unitOfWork.run(async () => {
      const ret = await this.locked(id);
      if (ret.status !== 'APPROVED') throw new ReturnStateError(ret.status, 'received');
      const approved = new Map<string, number>();
      for (const line of ret.approvedLines ?? []) approved.set(line.sku, (approved.get(line.sku) ?? 0) + line.quantity);
      const received = new Map<string, number>();
      for (const line of inspection.lines) received.set(line.sku, (received.get(line.sku) ?? 0) + line.quantity);
      for (const [sku, quantity] of received) {
        if (quantity > (approved.get(sku) ?? 0)) {
          throw new ReturnRuleError(
            `${sku}: ${approved.get(sku) ?? 0} were approved for return, not ${quantity}`,
            'lines',
          );
        }
      }
      const warehouseId = inspection.warehouseId ?? ret.warehouseId!;
      await this.returns.update(id, { status: 'RECEIVED', receivedLines: inspection.lines, warehouseId });
      await this.events.publish(ReturnReceivedV1, {
        orderId: ret.orderId,
        payload: { returnId: id, warehouseId, lines: inspection.lines },
      });
      const receivedLines = [...received].map(([sku, quantity]) => ({ sku, quantity }));
      if (ret.resolution === 'exchange') {
        const exchangeId = randomUUID();
        const requested = ret.exchangeLines ?? ret.lines;
        // The replacement follows what came back: as many units as were received, line by line.
        const replacement = requested.length === ret.lines.length ? scale(requested, ret.lines, received) : requested;
        await this.returns.update(id, { exchangeId });
        await this.events.publish(ExchangeCreatedV1, {
          orderId: ret.orderId,
          payload: { exchangeId, returnId: id, lines: replacement },
        });
      } else if (this.config.REFUND_ON_RECEIPT) {
        await this.refundLocked({ ...ret, receivedLines: inspection.lines }, receivedLines);
      }
      return (await this.returns.find(id))!;
    });
  }

  /** Refunds a received return once: asked again, it answers with the refund it already made. */
  refund(id: string): Promise<ReturnView> {
    return this.unitOfWork.run(async () => {
      const ret = await this.locked(id);
      if (ret.refund) return ret;
      if (ret.status !== 'RECEIVED' || ret.resolution !== 'refund') throw new ReturnStateError(ret.status, 'refunded');
      await this.refundLocked(ret, merge(ret.receivedLines ?? []));
      return (await this.returns.find(id))!;
    });
  }

  private async refundLocked(ret: ReturnView, received: SkuQuantity[]): Promise<void> {
    const order = (await this.returns.order(ret.orderId))!;
    const { amount, lines } = refundFor(order.pricing, received, ret.reason, this.config.returnPolicy);
    const refundId = randomUUID();
    await this.returns.update(ret.id, { refund: { refundId, amount, currency: order.currency, lines } });
    if (amount === 0) {
      await this.returns.update(ret.id, { status: 'COMPLETED' });
      return;
    }
    await this.refunds.request({
      id: refundId,
      orderId: ret.orderId,
      reason: 'return',
      amount,
      currency: order.currency,
      // Cash on delivery and invoices are paid back against the order (the provider pays out to the customer).
      paymentReference: order.paymentReference ?? `order:${ret.orderId}`,
      returnId: ret.id,
      lines: received,
      contact: order.contact,
      requestedBy: 'system',
    });
  }

  /** The replacement of an exchange left the warehouse: the return is done. */
  @OnEvents(ShipmentDispatchedV1)
  async exchangeShipped(events: ConsumedEvent<ShipmentDispatchedV1Payload>[]): Promise<void> {
    for (const { payload } of events) {
      if (payload.purpose === 'exchange' && payload.reshipId) await this.returns.completeByExchange(payload.reshipId);
    }
  }

  private async locked(id: string): Promise<ReturnView> {
    const ret = await this.returns.lock(id);
    if (!ret) throw new ReturnNotFoundError(id);
    return ret;
  }
}

/** The replacement lines, as many of each as the matching returned line came back. */
function scale(requested: SkuQuantity[], returned: SkuQuantity[], received: Map<string, number>): SkuQuantity[] {
  return requested
    .map((line, i) => {
      const original = returned[i]!;
      const back = received.get(original.sku) ?? 0;
      return {
        sku: line.sku,
        quantity: Math.min(line.quantity, Math.round((line.quantity * back) / original.quantity)),
      };
    })
    .filter((line) => line.quantity > 0);
}

function merge(lines: SkuQuantity[]): SkuQuantity[] {
  const bySku = new Map<string, number>();
  for (const line of lines) bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.quantity);
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * The return window's durable timer: an order whose window after its last delivery has passed, with no return
 * open, is done with after-sales (ReturnWindowClosed; the order becomes COMPLETED). One with a return still
 * open closes when that return is done.
 */
@Injectable()
export class ReturnWindowTimer extends DueWorkPoller {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly returns: ReturnRepository,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) config: AftersalesConfig,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    super({ name: 'return-windows', intervalMs: config.RETURN_WINDOW_POLL_INTERVAL_MS, batchSize: 100 }, logger);
  }

  protected processDue(batchSize: number): Promise<number> {
    return this.unitOfWork.run(async () => {
      const closed = await this.returns.lockClosedWindows(batchSize);
      for (const window of closed) {
        await this.returns.markWindowClosed(window.orderId);
        await this.events.publish(ReturnWindowClosedV1, {
          orderId: window.orderId,
          payload: { closedAt: window.closesAt.toISOString(), returns: window.returns },
        });
      }
      return closed.length;
    });
  }
}
