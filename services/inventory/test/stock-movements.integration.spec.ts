import { randomUUID } from 'node:crypto';
import {
  type EventDefinition,
  FulfillmentRequestedV1,
  OrderConfirmedV1,
  type OrderConfirmedV1Payload,
  ShipmentDispatchedV1,
} from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import { type ConsumedEvent, UnitOfWork } from '@oms/platform';
import { startTestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { ReserveStockHandler } from '../src/application/reserve-stock.handler';
import { loadInventoryConfig } from '../src/config';

const confirmedPayload = (items: Array<{ sku: string; quantity: number }>) => ({
  items: items.map((i) => ({ ...i, unitPrice: 100, lineTotal: 100 * i.quantity })),
});

/** Boots inventory with its own database and topics, a producer to feed it and a probe on its events. */
async function startInventory(label: string, env: Record<string, string>) {
  const service = await startTestServiceApp(label, (e) => AppModule.forRoot(loadInventoryConfig(e)), {
    env: { DATABASE_POOL_SIZE: '12', ...env },
  });
  const producer = testKafkaClient(`${label}-test`).producer();
  await producer.connect();
  const probe = await TopicProbe.start([`${service.topicPrefix}inventory.events`]);
  const http = () => request(service.app.getHttpServer());
  await http().put('/v1/warehouses/sh-1').send({ name: 'Shanghai DC', priority: 1 }).expect(200);
  const send = async <P extends object>(
    definition: EventDefinition<string, P>,
    orderId: string,
    payload: Partial<P>,
  ) => {
    const event = sampleEvent(definition, { orderId, payload } as never);
    await producer.send([
      {
        topic: `${service.topicPrefix}${definition.topic}`,
        key: orderId,
        value: JSON.stringify(event),
        headers: {},
      },
    ]);
    return event;
  };
  return {
    service,
    http,
    probe,
    send,
    dataSource: service.app.get(DataSource),
    close: async () => {
      await probe.stop();
      await producer.disconnect();
      await service.close();
    },
  };
}

describe('stock adjustments, replenishments, shipment and low stock (real PostgreSQL and Kafka)', () => {
  let inventory: Awaited<ReturnType<typeof startInventory>>;

  beforeAll(async () => {
    inventory = await startInventory('inventory_movements', { LOW_STOCK_THRESHOLD: '5' });
  });

  afterAll(() => inventory.close());

  const stockOf = async (sku: string) => (await inventory.http().get(`/v1/stock/${sku}`).expect(200)).body;

  it('adjusts with a reason, refuses what would go below reserved or zero, receives goods, and keeps a ledger', async () => {
    const { http, probe } = inventory;
    await http().put('/v1/stock/ADJ-TEA/sh-1').set('X-Staff-Id', 'counter-1').send({ onHand: 10 }).expect(200);
    const damaged = await http()
      .post('/v1/stock/ADJ-TEA/sh-1/adjustments')
      .set('X-Staff-Id', 'clerk-7')
      .send({ delta: -3, reason: 'damaged', note: 'crushed pallet' })
      .expect(200);
    expect(damaged.body).toMatchObject({ onHand: 7, reserved: 0, available: 7 });

    const refused = await http()
      .post('/v1/stock/ADJ-TEA/sh-1/adjustments')
      .send({ delta: -8, reason: 'lost' })
      .expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ current: { onHand: 7, reserved: 0, available: 7 } });

    for (const bad of [
      { delta: 0, reason: 'lost' },
      { delta: 1.5, reason: 'lost' },
      { delta: 1, reason: 'because' },
      { delta: 1, reason: 'found', extra: true },
      { reason: 'found' },
    ]) {
      const answer = await http().post('/v1/stock/ADJ-TEA/sh-1/adjustments').send(bad).expect(400);
      expect(answer.body.errors.length).toBeGreaterThan(0);
    }
    await http().post('/v1/stock/ADJ-TEA/nowhere/adjustments').send({ delta: 1, reason: 'found' }).expect(404);
    await http().post('/v1/stock/ADJ-TEA/sh-1/replenishments').send({ quantity: 0 }).expect(400);
    await http().post('/v1/stock/ADJ-TEA/sh-1/replenishments').send({ quantity: 5, expectedAt: 'soon' }).expect(400);

    const received = await http()
      .post('/v1/stock/ADJ-TEA/sh-1/replenishments')
      .send({ quantity: 5, reference: 'PO-2026-118', expectedAt: '2026-11-20T00:00:00Z' })
      .expect(200);
    expect(received.body).toMatchObject({ onHand: 12, available: 12 });
    const replenished = await waitFor(() => probe.events().find((e) => e.type === 'StockReplenished'), {
      what: 'StockReplenished',
    });
    expect(replenished.payload).toEqual({
      sku: 'ADJ-TEA',
      warehouseId: 'sh-1',
      quantity: 5,
      reference: 'PO-2026-118',
      expectedDate: '2026-11-20T00:00:00Z',
      onHand: 12,
      available: 12,
    });

    const ledger = (await http().get('/v1/stock/ADJ-TEA/sh-1/movements').expect(200)).body.items;
    expect(ledger.map((m: { kind: string }) => m.kind)).toEqual(['replenishment', 'adjustment', 'stocktake']);
    expect(ledger[1]).toMatchObject({
      onHandDelta: -3,
      onHandAfter: 7,
      reason: 'damaged',
      note: 'crushed pallet',
      actor: 'clerk-7',
    });
    expect(ledger[0]).toMatchObject({ onHandDelta: 5, reference: 'PO-2026-118' });
  });

  it('under concurrent adjustments and reservations on one SKU, nothing goes negative and no unit is given twice', async () => {
    const { http, service, dataSource } = inventory;
    await http().put('/v1/stock/RACE-CUP/sh-1').send({ onHand: 20 }).expect(200);
    const handler = service.app.get(ReserveStockHandler);
    const unitOfWork = service.app.get(UnitOfWork);
    const orders = Array.from({ length: 15 }, () => randomUUID());
    const results = await Promise.all([
      ...Array.from({ length: 15 }, () =>
        http().post('/v1/stock/RACE-CUP/sh-1/adjustments').send({ delta: -1, reason: 'lost' }),
      ),
      ...orders.map((orderId) =>
        unitOfWork.run(() =>
          handler.reserve([
            {
              ...sampleEvent(OrderConfirmedV1, {
                orderId,
                payload: confirmedPayload([{ sku: 'RACE-CUP', quantity: 1 }]),
              }),
              meta: { topic: 'test', partition: 0, offset: '0', headers: {} },
            } as ConsumedEvent<OrderConfirmedV1Payload>,
          ]),
        ),
      ),
    ]);
    const adjusted = results.slice(0, 15).filter((r) => (r as { status: number }).status === 200).length;
    const stock = await stockOf('RACE-CUP');
    const [{ reserved }] = await dataSource.query(
      `SELECT coalesce(sum(quantity), 0)::int AS reserved FROM reservation_lines WHERE sku = 'RACE-CUP'`,
    );
    const [{ waiting }] = await dataSource.query(
      `SELECT coalesce(sum(quantity), 0)::int AS waiting FROM backorders WHERE sku = 'RACE-CUP'`,
    );
    // Every unit went exactly one way: taken off by an adjustment, reserved, or left; every order is served or waits.
    expect(adjusted + reserved + stock.available).toBe(20);
    expect(reserved + waiting).toBe(15);
    expect(stock).toMatchObject({ onHand: 20 - adjusted, reserved });
    expect(stock.available).toBeGreaterThanOrEqual(0);
    const [{ movements }] = await dataSource.query(
      `SELECT count(*)::int AS movements FROM stock_movements WHERE sku = 'RACE-CUP' AND kind = 'adjustment'`,
    );
    expect(movements).toBe(adjusted);
  });

  it('takes dispatched units off on-hand and the reservation once, and raises LowStockDetected once per crossing', async () => {
    const { http, probe, send, dataSource } = inventory;
    await http().put('/v1/stock/SHIP-POT/sh-1').send({ onHand: 7 }).expect(200);
    const orderId = randomUUID();
    await send(OrderConfirmedV1, orderId, confirmedPayload([{ sku: 'SHIP-POT', quantity: 3 }]));
    const reservation = await waitFor(
      async () => (await http().get(`/v1/reservations?orderId=${orderId}`).expect(200)).body.items[0],
      { what: 'the reservation' },
    );
    // 7 - 3 = 4 available: at or below 5, the first crossing.
    const lowStock = () => probe.events().filter((e) => e.type === 'LowStockDetected' && e.payload.sku === 'SHIP-POT');
    await waitFor(() => lowStock().length === 1, { what: 'LowStockDetected after the reservation' });
    expect(lowStock()[0]!.payload).toEqual({
      sku: 'SHIP-POT',
      warehouseId: 'sh-1',
      onHand: 7,
      available: 4,
      threshold: 5,
    });

    await send(FulfillmentRequestedV1, orderId, {
      reservationId: reservation.id,
      warehouseId: 'sh-1',
      orderIds: [orderId],
      lines: [{ orderId, sku: 'SHIP-POT', quantity: 3 }],
    });
    await waitFor(
      async () =>
        (await http().get(`/v1/reservations?orderId=${orderId}`).expect(200)).body.items[0].status === 'FULFILLING',
      { what: 'FULFILLING' },
    );

    const shipmentId = randomUUID();
    const dispatched = {
      shipmentId,
      warehouseId: 'sh-1',
      orderIds: [orderId],
      lines: [{ orderId, sku: 'SHIP-POT', quantity: 3 }],
    };
    await send(ShipmentDispatchedV1, orderId, dispatched);
    await waitFor(() => probe.events().some((e) => e.type === 'StockShipped' && e.payload.shipmentId === shipmentId), {
      what: 'StockShipped',
    });
    // The same shipment again, as a new event: nothing leaves twice.
    await send(ShipmentDispatchedV1, orderId, dispatched);
    await http().post('/v1/stock/SHIP-POT/sh-1/adjustments').send({ delta: 1, reason: 'found' }).expect(200);
    expect(await stockOf('SHIP-POT')).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect((await http().get(`/v1/reservations?orderId=${orderId}`).expect(200)).body.items[0].status).toBe('CONSUMED');
    const kinds = await dataSource.query(
      `SELECT kind, on_hand_delta, reserved_delta FROM stock_movements WHERE sku = 'SHIP-POT' AND kind = 'shipment'`,
    );
    expect(kinds).toEqual([{ kind: 'shipment', on_hand_delta: -3, reserved_delta: -3 }]);

    // Still low after shipping (no second alert); above the threshold re-arms; falling again alerts again.
    await http().post('/v1/stock/SHIP-POT/sh-1/replenishments').send({ quantity: 10 }).expect(200);
    await http().post('/v1/stock/SHIP-POT/sh-1/adjustments').send({ delta: -12, reason: 'damaged' }).expect(200);
    await waitFor(() => lowStock().length === 2, { what: 'the second LowStockDetected' });
    expect(lowStock()[1]!.payload).toMatchObject({ onHand: 3, available: 3 });
    expect(probe.events().filter((e) => e.type === 'StockShipped' && e.payload.shipmentId === shipmentId)).toHaveLength(
      1,
    );
  });
});

describe('reservation expiry (durable timer, real PostgreSQL and Kafka)', () => {
  let inventory: Awaited<ReturnType<typeof startInventory>>;

  beforeAll(async () => {
    inventory = await startInventory('inventory_expiry', {
      RESERVATION_TTL_SECONDS: '4',
      RESERVATION_EXPIRY_POLL_INTERVAL_MS: '200',
    });
  });

  afterAll(() => inventory.close());

  it('releases a reservation that never reached fulfillment, keeps one that did, and queues the lapsed units again', async () => {
    const { http, probe, send } = inventory;
    await http().put('/v1/stock/EXP-TEA/sh-1').send({ onHand: 5 }).expect(200);
    const lapsing = randomUUID();
    const fulfilled = randomUUID();
    const waiting = randomUUID();
    await send(OrderConfirmedV1, fulfilled, confirmedPayload([{ sku: 'EXP-TEA', quantity: 2 }]));
    const kept = await waitFor(
      async () => (await http().get(`/v1/reservations?orderId=${fulfilled}`).expect(200)).body.items[0],
      { what: 'the reservation that will be fulfilled' },
    );
    await send(FulfillmentRequestedV1, fulfilled, {
      reservationId: kept.id,
      warehouseId: 'sh-1',
      orderIds: [fulfilled],
      lines: [{ orderId: fulfilled, sku: 'EXP-TEA', quantity: 2 }],
    });
    await send(OrderConfirmedV1, lapsing, confirmedPayload([{ sku: 'EXP-TEA', quantity: 3 }]));
    await waitFor(() => probe.events().find((e) => e.type === 'StockReserved' && e.orderId === lapsing), {
      what: 'the reservation that will lapse',
    });
    await send(OrderConfirmedV1, waiting, confirmedPayload([{ sku: 'EXP-TEA', quantity: 3 }]));

    const expired = await waitFor(
      () => probe.events().find((e) => e.type === 'ReservationExpired' && e.orderId === lapsing),
      { what: 'ReservationExpired', timeoutMs: 15_000 },
    );
    expect(expired.payload).toMatchObject({
      allocations: [{ warehouseId: 'sh-1', lines: [{ sku: 'EXP-TEA', quantity: 3 }] }],
    });
    // The lapsed order is not forgotten: it queues again, behind the order that was already waiting, which
    // gets the freed units first.
    // (Each order's events keep their order on its partition; across orders the probe's order means nothing.)
    const ofLapsing = await waitFor(
      () => {
        const events = probe.events().filter((e) => e.orderId === lapsing);
        const from = events.findIndex((e) => e.id === expired.id);
        return events.length > from + 1 ? events.slice(from) : undefined;
      },
      { what: 'the lapsed order queued again' },
    );
    expect(ofLapsing.map((e) => e.type)).toEqual(['ReservationExpired', 'StockBackordered']);
    expect(ofLapsing[1]!.payload).toEqual({ lines: [{ sku: 'EXP-TEA', quantity: 3 }] });
    const served = await waitFor(
      () => probe.events().find((e) => e.type === 'StockReserved' && e.orderId === waiting && e.payload.fromBackorder),
      { what: 'the waiting order served from the freed units' },
    );
    expect(served.payload.allocations).toEqual([{ warehouseId: 'sh-1', lines: [{ sku: 'EXP-TEA', quantity: 3 }] }]);
    const reservationsOf = async (orderId: string) =>
      (await http().get(`/v1/reservations?orderId=${orderId}`).expect(200)).body.items;
    // The lapsed order waits behind: it got nothing back.
    expect((await reservationsOf(lapsing)).map((r: { status: string }) => r.status)).toEqual(['EXPIRED']);
    expect((await reservationsOf(fulfilled))[0].status).toBe('FULFILLING');
    // The timer fires once per reservation.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const reservationId = expired.payload.reservationId;
    expect(
      probe.events().filter((e) => e.type === 'ReservationExpired' && e.payload.reservationId === reservationId),
    ).toHaveLength(1);
  });
});
