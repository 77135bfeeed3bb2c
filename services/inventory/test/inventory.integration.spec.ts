import { randomUUID } from 'node:crypto';
import { OrderPlacedV1, OrderRejectedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, waitFor } from '@oms/platform/testing';
import type { MessageProducer } from '@oms/platform';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadInventoryConfig } from '../src/config';

function orderPlaced(orderId: string, items: Array<{ sku: string; quantity: number }>) {
  return sampleEvent(OrderPlacedV1, {
    orderId,
    payload: { items: items.map((i) => ({ ...i, unitPrice: 100, lineTotal: 100 * i.quantity })) },
  });
}

describe('inventory (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;

  beforeAll(async () => {
    service = await startTestServiceApp('inventory', (env) => AppModule.forRoot(loadInventoryConfig(env)));
    producer = testKafkaClient('inventory-test').producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());

  it('keeps warehouses and stock counts, refusing bad input', async () => {
    await http().put('/v1/warehouses/sh-1').send({ name: 'Shanghai DC', region: 'east', priority: 1 }).expect(200);
    await http().put('/v1/warehouses/bj-1').send({ name: 'Beijing DC', priority: 2 }).expect(200);
    expect((await http().get('/v1/warehouses').expect(200)).body.items.map((w: { id: string }) => w.id)).toEqual([
      'sh-1',
      'bj-1',
    ]);

    await http().put('/v1/stock/TEA-1/sh-1').send({ onHand: 10 }).expect(200);
    const summary = await http().put('/v1/stock/TEA-1/bj-1').send({ onHand: 5 }).expect(200);
    expect(summary.body).toMatchObject({ sku: 'TEA-1', onHand: 15, reserved: 0, available: 15 });

    const bad = await http().put('/v1/stock/TEA-1/sh-1').send({ onHand: -1, extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'onHand']);
    await http().put('/v1/stock/TEA-1/nowhere').send({ onHand: 1 }).expect(404);
    await http().put('/v1/stock/bad sku!/sh-1').send({ onHand: 1 }).expect(400);
  });

  it('consumes OrderPlaced through the platform and records demand once, even when the event is delivered twice', async () => {
    const topic = `${service.topicPrefix}order.events`;
    const orderId = randomUUID();
    const event = orderPlaced(orderId, [
      { sku: 'TEA-2', quantity: 3 },
      { sku: 'CUP-2', quantity: 1 },
    ]);
    await producer.send([{ topic, key: orderId, value: JSON.stringify(event), headers: {} }]);
    await producer.send([{ topic, key: orderId, value: JSON.stringify(event), headers: {} }]);
    const secondOrderId = randomUUID();
    const second = orderPlaced(secondOrderId, [{ sku: 'TEA-2', quantity: 2 }]);
    await producer.send([{ topic, key: secondOrderId, value: JSON.stringify(second), headers: {} }]);

    await waitFor(async () => (await http().get('/v1/stock/TEA-2')).body.demand === 5, { what: 'demand of TEA-2 = 5' });
    await new Promise((r) => setTimeout(r, 500));
    expect((await http().get('/v1/stock/TEA-2').expect(200)).body.demand).toBe(5);
    expect((await http().get('/v1/stock/CUP-2').expect(200)).body.demand).toBe(1);

    // The second order is rejected in review: its demand goes.
    const rejected = sampleEvent(OrderRejectedV1, { orderId: secondOrderId, payload: { reason: 'fraud check' } });
    await producer.send([{ topic, key: secondOrderId, value: JSON.stringify(rejected), headers: {} }]);
    await waitFor(async () => (await http().get('/v1/stock/TEA-2')).body.demand === 3, { what: 'demand of TEA-2 = 3' });
  });
});
