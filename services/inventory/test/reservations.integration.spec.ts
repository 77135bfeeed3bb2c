import { randomUUID } from 'node:crypto';
import { OrderConfirmedV1, type OrderConfirmedV1Payload } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import { type ConsumedEvent, type MessageProducer, UnitOfWork } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { ReserveStockHandler } from '../src/application/reserve-stock.handler';
import { loadInventoryConfig } from '../src/config';

function confirmed(
  orderId: string,
  items: Array<{ sku: string; quantity: number }>,
  placedAt?: Date,
): ConsumedEvent<OrderConfirmedV1Payload> {
  const event = sampleEvent(OrderConfirmedV1, {
    orderId,
    payload: {
      items: items.map((i) => ({ ...i, unitPrice: 100, lineTotal: 100 * i.quantity })),
      ...(placedAt ? { placedAt: placedAt.toISOString() } : {}),
    },
  });
  return {
    ...event,
    meta: { topic: 'test', partition: 0, offset: '0', headers: {} },
  } as ConsumedEvent<OrderConfirmedV1Payload>;
}

describe('reservations (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let probe: TopicProbe;
  let dataSource: DataSource;

  beforeAll(async () => {
    service = await startTestServiceApp(
      'inventory_reservations',
      (env) => AppModule.forRoot(loadInventoryConfig(env)),
      {
        env: { DATABASE_POOL_SIZE: '12' },
      },
    );
    dataSource = service.app.get(DataSource);
    producer = testKafkaClient('reservations-test').producer();
    await producer.connect();
    probe = await TopicProbe.start([`${service.topicPrefix}inventory.events`]);
    const http = request(service.app.getHttpServer());
    await http.put('/v1/warehouses/sh-1').send({ name: 'Shanghai DC', priority: 1 }).expect(200);
    await http.put('/v1/warehouses/bj-1').send({ name: 'Beijing DC', priority: 2 }).expect(200);
  });

  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());

  it('two orders placed moments apart compete for the last unit: the first placed gets it, though confirmed last', async () => {
    await http().put('/v1/stock/LAST-OOLONG/sh-1').send({ onHand: 1 }).expect(200);
    const handler = service.app.get(ReserveStockHandler);
    const unitOfWork = service.app.get(UnitOfWork);
    const [first, second] = [randomUUID(), randomUUID()];
    const placed = Date.now();
    // The later order's confirmation arrives first (another partition); the earlier one 200 ms after.
    await unitOfWork.run(() =>
      handler.reserve([confirmed(second, [{ sku: 'LAST-OOLONG', quantity: 1 }], new Date(placed + 50))]),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await unitOfWork.run(() =>
      handler.reserve([confirmed(first, [{ sku: 'LAST-OOLONG', quantity: 1 }], new Date(placed))]),
    );
    const reservationsOf = async (orderId: string) =>
      (await http().get(`/v1/reservations?orderId=${orderId}`).expect(200)).body.items;
    const won = await waitFor(async () => (await reservationsOf(first))[0], { what: 'the first order reserved' });
    expect(won.lines).toEqual([{ warehouseId: 'sh-1', sku: 'LAST-OOLONG', quantity: 1 }]);
    const stock = await waitFor(
      async () => {
        const level = (await http().get('/v1/stock/LAST-OOLONG').expect(200)).body;
        return level.backordered === 1 ? level : undefined;
      },
      { what: 'the second order waiting' },
    );
    expect(stock).toMatchObject({ onHand: 1, reserved: 1, available: 0, backordered: 1 });
    expect(await reservationsOf(second)).toEqual([]);
  });

  it('under 20 concurrent confirmations of the last 5 units, exactly 5 are reserved and 15 backordered; nothing negative', async () => {
    await http().put('/v1/stock/LAST-TEA/sh-1').send({ onHand: 3 }).expect(200);
    await http().put('/v1/stock/LAST-TEA/bj-1').send({ onHand: 2 }).expect(200);
    const handler = service.app.get(ReserveStockHandler);
    const unitOfWork = service.app.get(UnitOfWork);
    const orders = Array.from({ length: 20 }, () => randomUUID());
    // 20 transactions at once, each on its own connection, each competing for the same rows.
    await Promise.all(
      orders.map((orderId) =>
        unitOfWork.run(() => handler.reserve([confirmed(orderId, [{ sku: 'LAST-TEA', quantity: 1 }])])),
      ),
    );

    const stock = (await http().get('/v1/stock/LAST-TEA').expect(200)).body;
    expect(stock).toMatchObject({ onHand: 5, reserved: 5, available: 0, backordered: 15 });
    expect(stock.warehouses.every((w: { available: number }) => w.available === 0)).toBe(true);
    const [{ reserved }] = await dataSource.query(
      `SELECT coalesce(sum(quantity), 0)::int AS reserved FROM reservation_lines WHERE sku = 'LAST-TEA'`,
    );
    expect(reserved).toBe(5);
    const perOrder = await dataSource.query(
      `SELECT order_id, sum(q)::int AS total FROM (
         SELECT r.order_id, l.quantity AS q FROM reservations r JOIN reservation_lines l ON l.reservation_id = r.id WHERE l.sku = 'LAST-TEA'
         UNION ALL SELECT order_id, quantity FROM backorders WHERE sku = 'LAST-TEA') x GROUP BY order_id`,
    );
    expect(perOrder).toHaveLength(20);
    expect(perOrder.every((row: { total: number }) => row.total === 1)).toBe(true);

    // A confirmation delivered again (even under a new event id) reserves nothing more.
    await unitOfWork.run(() => handler.reserve([confirmed(orders[0]!, [{ sku: 'LAST-TEA', quantity: 1 }])]));
    expect((await http().get('/v1/stock/LAST-TEA').expect(200)).body).toMatchObject({ reserved: 5, backordered: 15 });
  });

  it('reserves through Kafka: one warehouse when one can give everything, else split; StockReserved and StockBackordered', async () => {
    await http().put('/v1/stock/OOLONG/sh-1').send({ onHand: 1 }).expect(200);
    await http().put('/v1/stock/OOLONG/bj-1').send({ onHand: 4 }).expect(200);
    await http().put('/v1/stock/CUP/bj-1').send({ onHand: 1 }).expect(200);
    const topic = `${service.topicPrefix}order.events`;
    const whole = randomUUID();
    const split = randomUUID();
    for (const [orderId, items] of [
      [
        whole,
        [
          { sku: 'OOLONG', quantity: 2 },
          { sku: 'CUP', quantity: 1 },
        ],
      ],
      [split, [{ sku: 'OOLONG', quantity: 4 }]],
    ] as const) {
      const { meta: _meta, ...envelope } = confirmed(orderId, [...items]);
      await producer.send([{ topic, key: orderId, value: JSON.stringify(envelope), headers: {} }]);
    }
    const reservationsOf = async (orderId: string) =>
      (await http().get(`/v1/reservations?orderId=${orderId}`).expect(200)).body.items;
    await waitFor(async () => (await reservationsOf(split)).length === 1, { what: 'both reservations' });

    // bj-1 alone can give OOLONG×2 and CUP×1, so the whole order ships from there.
    expect((await reservationsOf(whole))[0].lines).toEqual([
      { warehouseId: 'bj-1', sku: 'CUP', quantity: 1 },
      { warehouseId: 'bj-1', sku: 'OOLONG', quantity: 2 },
    ]);
    // 3 OOLONG are left (sh-1: 1, bj-1: 2): the preferred warehouse first, one unit backordered.
    expect((await reservationsOf(split))[0].lines).toEqual([
      { warehouseId: 'bj-1', sku: 'OOLONG', quantity: 2 },
      { warehouseId: 'sh-1', sku: 'OOLONG', quantity: 1 },
    ]);
    await waitFor(() => probe.events().filter((e) => e.orderId === split).length === 2, {
      what: 'StockReserved and StockBackordered',
    });
    const splitEvents = probe.events().filter((e) => e.orderId === split);
    expect(splitEvents.map((e) => e.type)).toEqual(['StockReserved', 'StockBackordered']);
    expect(splitEvents[0]!.payload).toMatchObject({ complete: false });
    expect(splitEvents[1]!.payload).toEqual({ lines: [{ sku: 'OOLONG', quantity: 1 }] });
    await http().get('/v1/reservations?orderId=nope').expect(400);
  });

  it('asks for replenishment when it backorders, and serves waiting orders first come first served when stock arrives', async () => {
    await http().put('/v1/stock/WAIT-TEA/sh-1').send({ onHand: 0 }).expect(200);
    const handler = service.app.get(ReserveStockHandler);
    const unitOfWork = service.app.get(UnitOfWork);
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [orderId, quantity] of [
      [first, 2],
      [second, 1],
      [third, 3],
    ] as const) {
      await unitOfWork.run(() => handler.reserve([confirmed(orderId, [{ sku: 'WAIT-TEA', quantity }])]));
    }
    expect((await http().get('/v1/stock/WAIT-TEA').expect(200)).body).toMatchObject({ backordered: 6, reserved: 0 });
    const requests = await waitFor(
      () => {
        const found = probe.events().filter((e) => e.type === 'ReplenishmentRequested' && e.payload.sku === 'WAIT-TEA');
        return found.length === 3 ? found : undefined;
      },
      { what: 'three replenishment requests' },
    );
    expect(requests.map((e) => [e.payload.quantity, e.payload.backordered, e.payload.trigger])).toEqual([
      [2, 2, 'backorder'],
      [1, 3, 'backorder'],
      [3, 6, 'backorder'],
    ]);

    // 4 units: the first two orders in full, the third in part (it waits for the rest).
    await http().post('/v1/stock/WAIT-TEA/sh-1/replenishments').send({ quantity: 4, reference: 'PO-1' }).expect(200);
    expect((await http().get('/v1/stock/WAIT-TEA').expect(200)).body).toMatchObject({
      onHand: 4,
      reserved: 4,
      available: 0,
      backordered: 2,
    });
    await http().post('/v1/stock/WAIT-TEA/sh-1/replenishments').send({ quantity: 5, reference: 'PO-2' }).expect(200);
    expect((await http().get('/v1/stock/WAIT-TEA').expect(200)).body).toMatchObject({
      onHand: 9,
      reserved: 6,
      available: 3,
      backordered: 0,
    });
    // In the order they were reserved (the outbox sequence; topic partitions do not keep order across orders).
    const served: Array<{
      orderId: string;
      payload: {
        complete: boolean;
        fromBackorder: boolean;
        allocations: Array<{ lines: Array<{ quantity: number }> }>;
      };
    }> = (
      await dataSource.query(
        `SELECT value FROM messaging_outbox WHERE event_type = 'StockReserved' AND message_key = ANY($1::text[]) ORDER BY seq`,
        [[first, second, third]],
      )
    ).map((row: { value: string }) => JSON.parse(row.value));
    expect(served.map((e) => [e.orderId, e.payload.complete, e.payload.fromBackorder])).toEqual([
      [first, true, true],
      [second, true, true],
      [third, false, true],
      [third, true, true],
    ]);
    expect(served.map((e) => e.payload.allocations[0]!.lines[0]!.quantity)).toEqual([2, 1, 1, 2]);
  });
});
