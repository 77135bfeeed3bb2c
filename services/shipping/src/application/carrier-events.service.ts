import { Injectable } from '@nestjs/common';
import {
  ShipmentDeliveredV1,
  ShipmentExceptionV1,
  ShipmentInTransitV1,
  ShipmentOutForDeliveryV1,
} from '@oms/contracts';
import { EventPublisher, UnitOfWork } from '@oms/platform';
import { type CarrierStatus, exceptionKindOf, nextShipmentStatus } from '../domain/tracking';
import { ShipmentRepository } from '../infrastructure/persistence/shipment.repository';

export class UnknownTrackingNumberError extends Error {}

export interface CarrierReport {
  trackingNumber: string;
  status: CarrierStatus;
  at: string;
  detail?: string;
}

/**
 * A carrier's tracking report: kept as history, and when it moves the shipment forward, saved and published.
 * A replayed report (same carrier, number, status and time) changes nothing.
 */
@Injectable()
export class CarrierEventsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly shipments: ShipmentRepository,
    private readonly events: EventPublisher,
  ) {}

  async receive(
    carrier: string,
    report: CarrierReport,
  ): Promise<{ shipmentId: string; applied: boolean; replayed: boolean }> {
    return this.unitOfWork.run(async () => {
      const locked = await this.shipments.lockByTracking(carrier, report.trackingNumber);
      if (!locked) throw new UnknownTrackingNumberError(`${carrier} ${report.trackingNumber}`);
      const next = nextShipmentStatus(locked.status, report.status);
      const fresh = await this.shipments.recordCarrierEvent({
        carrier,
        trackingNumber: report.trackingNumber,
        status: report.status,
        at: report.at,
        detail: report.detail ?? null,
        shipmentId: locked.id,
        applied: next !== null,
      });
      if (!fresh) return { shipmentId: locked.id, applied: false, replayed: true };
      if (!next) return { shipmentId: locked.id, applied: false, replayed: false };
      const shipment = (await this.shipments.findById(locked.id))!;
      await this.shipments.setStatus(locked.id, next, next === 'DELIVERED' ? report.at : null);
      const common = {
        shipmentId: locked.id,
        carrier,
        trackingNumber: report.trackingNumber,
        orderIds: shipment.orderIds,
      };
      // The customer is told when the parcel is near, delivered or in trouble: those events carry the contact.
      const contact = { contact: locked.contact };
      const detail = report.detail ? { detail: report.detail } : {};
      const orderId = shipment.orderIds[0]!;
      if (next === 'IN_TRANSIT')
        await this.events.publish(ShipmentInTransitV1, { orderId, payload: { ...common, at: report.at, ...detail } });
      if (next === 'OUT_FOR_DELIVERY') {
        await this.events.publish(ShipmentOutForDeliveryV1, {
          orderId,
          payload: { ...common, at: report.at, ...detail },
        });
      }
      if (next === 'DELIVERED') {
        await this.events.publish(ShipmentDeliveredV1, {
          orderId,
          payload: { ...common, deliveredAt: report.at, lines: shipment.items },
        });
      }
      if (next === 'EXCEPTION') {
        await this.events.publish(ShipmentExceptionV1, {
          orderId,
          payload: { ...common, ...contact, kind: exceptionKindOf(report.detail), at: report.at, ...detail },
        });
      }
      return { shipmentId: locked.id, applied: true, replayed: false };
    });
  }
}
