import { Injectable } from '@nestjs/common';
import {
  ReservationExpiredV1,
  type ReservationExpiredV1Payload,
  StockBackorderedV1,
  type StockBackorderedV1Payload,
  StockReallocatedV1,
  type StockReallocatedV1Payload,
  StockReservedV1,
  type StockReservedV1Payload,
} from '@oms/contracts';
import { type ConsumedEvent, OnEvents } from '@oms/platform';
import { OrderSagaRunner } from './order-saga.runner';

/**
 * Inventory's answers to the saga: reserved (each warehouse allocation goes to picking), backordered (the
 * lines wait), expired (a held reservation lapsed and its units wait again).
 */
@Injectable()
export class StockEventsHandler {
  constructor(private readonly saga: OrderSagaRunner) {}

  @OnEvents(StockReservedV1)
  async onReserved(events: ConsumedEvent<StockReservedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { reservationId, allocations, reshipId } = event.payload;
      await this.saga.step(event.orderId!, event, {
        type: 'StockReserved',
        reservationId,
        allocations,
        ...(reshipId ? { reshipId } : {}),
      });
    }
  }

  @OnEvents(StockBackorderedV1)
  async onBackordered(events: ConsumedEvent<StockBackorderedV1Payload>[]): Promise<void> {
    for (const event of events) {
      await this.saga.step(event.orderId!, event, { type: 'StockBackordered', ...event.payload });
    }
  }

  /** An edited order's stock reserved anew: its counts follow, the new reservation goes to picking. */
  @OnEvents(StockReallocatedV1)
  async onReallocated(events: ConsumedEvent<StockReallocatedV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { editId, released, reservation, lines } = event.payload;
      await this.saga.step(event.orderId!, event, {
        type: 'StockReallocated',
        editId,
        released,
        ...(reservation
          ? { reservation: { reservationId: reservation.reservationId, allocations: reservation.allocations } }
          : {}),
        lines,
      });
    }
  }

  @OnEvents(ReservationExpiredV1)
  async onExpired(events: ConsumedEvent<ReservationExpiredV1Payload>[]): Promise<void> {
    for (const event of events) {
      const { reservationId, allocations } = event.payload;
      await this.saga.step(event.orderId!, event, { type: 'ReservationExpired', reservationId, allocations });
    }
  }
}
