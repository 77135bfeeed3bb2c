import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ShipmentDispatchedV1 } from '@oms/contracts';
import { EventPublisher, SERVICE_CONFIG, UnitOfWork } from '@oms/platform';
import type { ShippingConfig } from '../config';
import { chooseCarrier, trackingNumberFor } from '../domain/carrier-choice';
import { ShipmentRepository, type ShipmentView } from '../infrastructure/persistence/shipment.repository';

export class ShipmentNotFoundError extends Error {}

export class ShipmentStateError extends Error {
  constructor(readonly status: string) {
    super(`a shipment that is ${status} cannot be dispatched`);
  }
}

/** Hands a shipment to a carrier: carrier by rules, a tracking number in its format, ShipmentDispatched. */
@Injectable()
export class DispatchService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly shipments: ShipmentRepository,
    private readonly events: EventPublisher,
    @Inject(SERVICE_CONFIG) private readonly config: ShippingConfig,
  ) {}

  async dispatch(id: string, requestedCarrier?: string): Promise<ShipmentView | null> {
    await this.unitOfWork.run(async () => {
      const shipment = await this.shipments.lockForDispatch(id);
      if (!shipment) throw new ShipmentNotFoundError(id);
      if (shipment.status !== 'CREATED') throw new ShipmentStateError(shipment.status);
      const { rule, costMinor } = chooseCarrier(
        this.config.carriers,
        { country: shipment.shippingAddress.country, weightGrams: shipment.totalWeightGrams },
        requestedCarrier,
      );
      const trackingNumber = await this.newTrackingNumber((digits) => trackingNumberFor(rule, digits));
      const trackingUrl = rule.trackingUrl ? rule.trackingUrl.replace('{n}', encodeURIComponent(trackingNumber)) : null;
      const at = new Date();
      await this.shipments.markDispatched(id, { carrier: rule.code, trackingNumber, trackingUrl, costMinor, at });
      await this.events.publish(ShipmentDispatchedV1, {
        orderId: shipment.orderIds[0]!,
        payload: {
          shipmentId: id,
          warehouseId: shipment.warehouseId,
          carrier: rule.code,
          trackingNumber,
          ...(trackingUrl ? { trackingUrl } : {}),
          orderIds: shipment.orderIds,
          lines: shipment.items,
          dispatchedAt: at.toISOString(),
          contact: shipment.contact,
          ...(shipment.purpose === 'order'
            ? {}
            : { purpose: shipment.purpose, ...(shipment.reshipId ? { reshipId: shipment.reshipId } : {}) }),
        },
      });
    });
    return this.shipments.findById(id);
  }

  /** Random digits until the number is free; the unique index is the final guard. */
  private async newTrackingNumber(format: (digits: string) => string): Promise<string> {
    for (;;) {
      const digits = Array.from({ length: 16 }, () => randomInt(10)).join('');
      const candidate = format(digits);
      if (!(await this.shipments.trackingNumberTaken(candidate))) return candidate;
    }
  }
}
