import { Inject, Injectable } from '@nestjs/common';
import { ReservationExpiredV1, StockBackorderedV1 } from '@oms/contracts';
import { DueWorkPoller, EventPublisher, type Logger, PLATFORM_LOGGER, SERVICE_CONFIG, UnitOfWork } from '@oms/platform';
import type { InventoryConfig } from '../config';
import { groupByWarehouse } from '../domain/allocation';
import { release } from '../domain/stock-level';
import { ReservationRepository } from '../infrastructure/persistence/reservation.repository';
import { StockRepository } from '../infrastructure/persistence/stock.repository';
import { BackorderQueue } from './backorder-queue';
import { StockLedger } from './stock-ledger';

/**
 * The durable timer of reservations: one that lapsed before its order reached fulfillment (a ships-complete
 * order holding stock while it waits for the rest) is EXPIRED and its stock back on sale. The order is not
 * forgotten: its units queue again at the back (StockBackordered after ReservationExpired), and the freed stock
 * goes to the first in line. All in one transaction per round.
 */
@Injectable()
export class ReservationExpiryPoller extends DueWorkPoller {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reservations: ReservationRepository,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly events: EventPublisher,
    private readonly backorders: BackorderQueue,
    @Inject(SERVICE_CONFIG) config: InventoryConfig,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    super(
      { name: 'reservation-expiry', intervalMs: config.RESERVATION_EXPIRY_POLL_INTERVAL_MS, batchSize: 50 },
      logger,
    );
  }

  protected processDue(batchSize: number): Promise<number> {
    return this.unitOfWork.run(async () => {
      const due = await this.reservations.lockDueExpiries(batchSize);
      for (const reservation of due) {
        const held = await this.reservations.heldBy(reservation.id);
        for (const line of held) {
          const level = await this.stock.lockLevel(line.sku, line.warehouseId);
          await this.ledger.record(level, release(level, line.quantity), {
            kind: 'reservation-expired',
            reference: reservation.id,
            orderId: reservation.orderId,
          });
        }
        await this.reservations.setStatus(reservation.id, 'EXPIRED');
        if (held.length === 0) continue;
        await this.events.publish(ReservationExpiredV1, {
          orderId: reservation.orderId,
          payload: {
            reservationId: reservation.id,
            allocations: groupByWarehouse(held),
            expiredAt: new Date().toISOString(),
          },
        });
        const { orderId, reshipId } = reservation;
        await this.reservations.queueBackorders(orderId, held, reshipId);
        await this.events.publish(StockBackorderedV1, {
          orderId,
          payload: reshipId
            ? { lines: held.map(({ sku, quantity }) => ({ sku, quantity })), reshipId }
            : { lines: await this.reservations.waitingOf(orderId) },
        });
        // After the order heard it lost the units, so that a reservation from the queue cannot overtake.
        for (const line of held) await this.backorders.serve(line.sku, line.warehouseId);
      }
      return due.length;
    });
  }
}
