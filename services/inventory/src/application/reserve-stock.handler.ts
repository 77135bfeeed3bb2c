import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Histogram, type Registry } from 'prom-client';
import {
  EventHeaders,
  OrderConfirmedV1,
  type OrderConfirmedV1Payload,
  ReshipRequestedV1,
  type ReshipRequestedV1Payload,
  StockReservedV1,
} from '@oms/contracts';
import {
  type ConsumedEvent,
  DueWorkPoller,
  EventPublisher,
  HOP_BUCKETS,
  type Logger,
  METRICS_REGISTRY,
  OnEvents,
  PLATFORM_LOGGER,
  SERVICE_CONFIG,
  UnitOfWork,
} from '@oms/platform';
import type { InventoryConfig } from '../config';
import { allocate } from '../domain/allocation';
import { ReservationRepository } from '../infrastructure/persistence/reservation.repository';
import { StockRepository } from '../infrastructure/persistence/stock.repository';
import { BackorderQueue } from './backorder-queue';
import { StockLedger } from './stock-ledger';

type EventCause = Pick<ConsumedEvent, 'id' | 'correlationId' | 'meta'>;

/** How often the request poller looks when nothing is known to wait. */
const IDLE_ROUND_MS = 1000;

/** The trace headers of an event, kept so that work done later for it joins its trace. */
function traceHeadersOf(event: ConsumedEvent): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of [EventHeaders.traceparent, EventHeaders.tracestate]) {
    const value = event.meta.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

/**
 * Reserves a confirmed order's stock: locks the SKUs' stock rows, allocates (one warehouse if one can give it
 * all, else split by preference), reserves, queues the rest as backorders, and says what it did.
 */
@Injectable()
export class ReserveStockHandler {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly events: EventPublisher,
    private readonly stock: StockRepository,
    private readonly ledger: StockLedger,
    private readonly backorders: BackorderQueue,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.holdSeconds = new Histogram({
      name: 'inventory_reservation_hold_seconds',
      help: 'Time a confirmed order waited for its turn to reserve (the first-placed ordering window and hold)',
      buckets: HOP_BUCKETS,
      registers: [registry],
    });
  }

  private readonly holdSeconds: Histogram;

  /**
   * A confirmed order waits its turn (reservation_requests): confirmations of orders placed close together
   * travel on different partitions and may arrive out of order, so each waits a short window after its
   * placement, and while an earlier-placed order for the same SKUs is still unconfirmed here (bounded); the
   * ready ones are served first placed, first served.
   */
  @OnEvents(OrderConfirmedV1)
  async reserve(confirmed: ConsumedEvent<OrderConfirmedV1Payload>[]): Promise<void> {
    const requested: string[] = [];
    for (const event of confirmed) {
      const orderId = event.orderId!;
      if (await this.reservations.orderHandled(orderId)) continue;
      await this.reservations.demandConfirmed(orderId);
      const queued = await this.reservations.requestReservation({
        orderId,
        placedAt: event.payload.placedAt,
        lines: event.payload.items.map(({ sku, quantity }) => ({ sku, quantity })),
        cause: { id: event.id, correlationId: event.correlationId, headers: traceHeadersOf(event) },
      });
      if (queued) requested.push(orderId);
    }
    const served = await this.serve();
    if (requested.some((orderId) => !served.has(orderId))) this.noteWaiting();
  }

  /**
   * Whether requests may be waiting their turn (this instance left one, or it just started), so that the poller
   * looks often only then. Counted, so that a request left while the poller looks is not forgotten by it.
   */
  private waitingMarks = 1;
  private noteWaiting(): void {
    this.waitingMarks += 1;
  }
  get waitingMark(): number {
    return this.waitingMarks;
  }
  /** The poller saw nothing waiting in a round that began at `mark`: nothing to look for until marked again. */
  noneWaitingSince(mark: number): void {
    if (this.waitingMarks === mark) this.waitingMarks = 0;
  }

  /**
   * Serves the requests whose turn has come (with `through`, also every one placed no later than that order,
   * which must be reserved before an edit or cancel of it is applied). One at a time across instances and
   * partitions (an advisory lock), so that none overtakes another.
   */
  async serveReady(through?: string): Promise<number> {
    return (await this.serve(through)).size;
  }

  private async serve(through?: string): Promise<Set<string>> {
    await this.reservations.lockRequestQueue();
    const ready = await this.reservations.lockReadyRequests(
      {
        windowMs: this.config.RESERVATION_ORDERING_WINDOW_MS,
        maxHoldMs: this.config.RESERVATION_ORDERING_MAX_HOLD_MS,
        headroom: this.config.RESERVATION_ORDERING_HEADROOM,
      },
      through,
    );
    const servedAt = Date.now();
    for (const request of ready) {
      this.holdSeconds.observe(request.receivedAt ? Math.max(0, servedAt - request.receivedAt.getTime()) / 1000 : 0);
      // The confirmation it answers stays its cause (correlation and trace), though served later.
      const cause = {
        id: request.cause.id,
        correlationId: request.cause.correlationId,
        meta: { topic: '', partition: 0, offset: '0', headers: request.cause.headers ?? {} },
      };
      await this.reserveOrQueue(request.orderId, request.lines, cause);
      await this.reservations.closeRequest(request.orderId, 'DONE');
    }
    return new Set(ready.map((r) => r.orderId));
  }

  /** Lines sent again in place of a shipment in trouble: reserved anew, or queued like any backorder. */
  @OnEvents(ReshipRequestedV1)
  async reship(requests: ConsumedEvent<ReshipRequestedV1Payload>[]): Promise<void> {
    for (const event of requests) {
      const { reshipId, lines } = event.payload;
      if (await this.reservations.reshipHandled(reshipId)) continue;
      await this.reserveOrQueue(event.orderId!, lines, event, reshipId);
    }
  }

  private async reserveOrQueue(
    orderId: string,
    lines: Array<{ sku: string; quantity: number }>,
    event: EventCause,
    reshipId: string | null = null,
  ): Promise<void> {
    const stock = await this.reservations.lockStock([...new Set(lines.map((l) => l.sku))]);
    const { allocations, backordered } = allocate(lines, stock);
    const forReship = reshipId ? { reshipId } : {};
    if (allocations.length > 0) {
      const reservationId = randomUUID();
      const expiresAt = new Date(Date.now() + this.config.reservationTtlMs);
      await this.reservations.reserve({ id: reservationId, orderId, expiresAt, reshipId }, allocations);
      for (const { warehouseId, lines: reserved } of allocations) {
        for (const { sku } of reserved) {
          await this.ledger.checkLowStock(await this.stock.lockLevel(sku, warehouseId), event);
        }
      }
      await this.events.publish(StockReservedV1, {
        orderId,
        causedBy: event,
        payload: {
          reservationId,
          allocations,
          expiresAt: expiresAt.toISOString(),
          complete: backordered.length === 0,
          fromBackorder: false,
          ...forReship,
        },
      });
    }
    if (backordered.length === 0) return;
    await this.reservations.queueBackorders(orderId, backordered, reshipId);
    await this.backorders.announce(orderId, backordered, backordered, event, reshipId);
  }
}

/**
 * Serves the reservation requests whose ordering window has passed (the consumer serves them too). It looks every
 * quarter window while requests may wait (see ReserveStockHandler.waitingMark), else once a second: a request left
 * by another instance that stopped is served within that second. An idle inventory commits 1 round a second
 * instead of 13.
 */
@Injectable()
export class ReservationRequestPoller extends DueWorkPoller {
  private nextIdleRound = 0;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reserveStock: ReserveStockHandler,
    private readonly reservations: ReservationRepository,
    @Inject(SERVICE_CONFIG) config: InventoryConfig,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    super(
      {
        name: 'reservation-requests',
        intervalMs: Math.max(50, Math.floor(config.RESERVATION_ORDERING_WINDOW_MS / 4)),
        batchSize: 1,
      },
      logger,
    );
  }

  protected async processDue(): Promise<number> {
    const mark = this.reserveStock.waitingMark;
    if (mark === 0 && Date.now() < this.nextIdleRound) return 0;
    this.nextIdleRound = Date.now() + IDLE_ROUND_MS;
    return this.unitOfWork.run(async () => {
      const served = await this.reserveStock.serveReady();
      if (!(await this.reservations.anyPendingRequest())) this.reserveStock.noneWaitingSince(mark);
      return served;
    });
  }
}
