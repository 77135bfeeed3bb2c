import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type CaseKind,
  CaseOpenedV1,
  type CaseOutcome,
  CaseResolvedV1,
  CompensationFailedV1,
  type CompensationFailedV1Payload,
  DeliveryExceptionResolvedV1,
  type DeliveryExceptionResolvedV1Payload,
  ShipmentExceptionV1,
  type ShipmentExceptionV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, EventPublisher, OnEvents, UnitOfWork } from '@oms/platform';
import { AftersalesRepository } from '../infrastructure/persistence/aftersales.repository';

/** Opens and closes support cases, each with its event; the one way cases change. Joins the caller's transaction. */
@Injectable()
export class SupportCases {
  constructor(
    private readonly aftersales: AftersalesRepository,
    private readonly events: EventPublisher,
  ) {}

  /** Opens a case (once per `sourceRef`); returns its id, or null when that problem already has one. */
  async open(
    orderId: string | null,
    toOpen: { kind: CaseKind; subject: string; detail: string | null; openedBy: string; sourceRef?: string },
    cause?: ConsumedEvent,
  ): Promise<string | null> {
    const caseId = randomUUID();
    if (!(await this.aftersales.openCase({ id: caseId, orderId, ...toOpen }))) return null;
    await this.events.publish(CaseOpenedV1, {
      orderId: orderId ?? null,
      key: orderId ?? caseId,
      causedBy: cause,
      payload: {
        caseId,
        kind: toOpen.kind,
        subject: toOpen.subject.slice(0, 200),
        ...(toOpen.detail ? { detail: toOpen.detail.slice(0, 4000) } : {}),
        openedBy: toOpen.openedBy,
      },
    });
    return caseId;
  }

  async resolve(
    orderId: string | null,
    caseId: string,
    resolution: { outcome: CaseOutcome; text: string; by: string },
    cause?: ConsumedEvent,
  ): Promise<void> {
    await this.aftersales.resolveCase(caseId, resolution);
    await this.events.publish(CaseResolvedV1, {
      orderId,
      key: orderId ?? caseId,
      causedBy: cause,
      payload: {
        caseId,
        outcome: resolution.outcome,
        resolution: resolution.text.slice(0, 4000),
        resolvedBy: resolution.by,
      },
    });
  }
}

export class CaseNotFoundError extends Error {}

/** Staff work a case through the API: take it, note what they did, resolve it with the outcome. */
@Injectable()
export class CaseWork {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly aftersales: AftersalesRepository,
    private readonly cases: SupportCases,
  ) {}

  update(
    id: string,
    change: {
      by: string;
      status?: 'IN_PROGRESS' | 'RESOLVED';
      assignee?: string;
      note?: string;
      outcome?: CaseOutcome;
      resolution?: string;
    },
  ) {
    return this.unitOfWork.run(async () => {
      const found = await this.aftersales.findCase(id, true);
      if (!found) throw new CaseNotFoundError(id);
      if (change.note) await this.aftersales.addCaseNote(id, change.by, change.note);
      if (change.status === 'RESOLVED' && found.status !== 'RESOLVED') {
        await this.cases.resolve(found.orderId, id, {
          outcome: change.outcome ?? 'no-action',
          text: change.resolution ?? change.note ?? 'resolved',
          by: change.by,
        });
      } else if (change.status || change.assignee) {
        await this.aftersales.updateCase(id, {
          ...(change.status ? { status: change.status } : {}),
          ...(change.assignee ? { assignee: change.assignee } : {}),
        });
      }
      return this.view(id);
    });
  }

  /** The case, its notes, and the order's way as after-sales knows it beside it. */
  async view(id: string) {
    const found = await this.aftersales.findCase(id);
    if (!found) throw new CaseNotFoundError(id);
    return {
      ...found,
      notes: await this.aftersales.caseNotes(id),
      orderTimeline: found.orderId ? await this.aftersales.orderTimeline(found.orderId) : [],
    };
  }
}

const OUTCOME_OF: Record<DeliveryExceptionResolvedV1Payload['resolution'], CaseOutcome> = {
  reship: 'reshipped',
  refund: 'refunded',
  'contact-customer': 'explained',
};

/**
 * The problems the other services report become cases for staff: a shipment in trouble (closed when a
 * resolution is chosen; handed to customer service when that is the resolution) and a compensation that could
 * not be finished.
 */
@Injectable()
export class CaseTriggers {
  constructor(
    private readonly cases: SupportCases,
    private readonly aftersales: AftersalesRepository,
  ) {}

  @OnEvents(ShipmentExceptionV1)
  async onShipmentException(events: ConsumedEvent<ShipmentExceptionV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { shipmentId, kind, carrier, trackingNumber, detail } = event.payload;
      for (const orderId of event.payload.orderIds) {
        await this.cases.open(
          orderId,
          {
            kind: kind === 'damaged' ? 'damaged-goods' : 'delivery-issue',
            subject: `Shipment ${trackingNumber} (${carrier}): ${kind}`,
            detail: detail ?? null,
            openedBy: 'system',
            sourceRef: `shipment:${shipmentId}:${orderId}`,
          },
          event,
        );
      }
    }
  }

  @OnEvents(DeliveryExceptionResolvedV1)
  async onResolved(events: ConsumedEvent<DeliveryExceptionResolvedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const orderId = event.orderId!;
      const { shipmentId, resolution, chosenBy, note } = event.payload;
      const open = await this.aftersales.lockOpenCaseOf(`shipment:${shipmentId}:${orderId}`);
      if (!open) continue;
      const text = `${resolution} chosen by ${chosenBy}${note ? `: ${note}` : ''}`;
      if (resolution === 'contact-customer') {
        await this.aftersales.assignCase(open.id, 'customer-service', text);
      } else {
        await this.cases.resolve(orderId, open.id, { outcome: OUTCOME_OF[resolution], text, by: chosenBy }, event);
      }
    }
  }

  @OnEvents(CompensationFailedV1)
  async onCompensationFailed(events: ConsumedEvent<CompensationFailedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { step, cancellationId, targetId, attempts, error } = event.payload;
      await this.cases.open(
        event.orderId!,
        {
          kind: 'compensation-failed',
          subject: `Cancellation could not ${step.replace('-', ' ')}`,
          detail: `${error} (after ${attempts} attempt${attempts === 1 ? '' : 's'}${targetId ? `; ${targetId}` : ''})`,
          openedBy: 'system',
          sourceRef: `compensation:${cancellationId ?? event.id}:${step}`,
        },
        event,
      );
    }
  }
}
