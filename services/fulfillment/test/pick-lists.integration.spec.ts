import { randomUUID } from 'node:crypto';
import { FulfillmentRequestedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadFulfillmentConfig } from '../src/config';

describe('pick lists from fulfillment requests (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let probe: TopicProbe;

  beforeAll(async () => {
    service = await startTestServiceApp('fulfillment', (env) => AppModule.forRoot(loadFulfillmentConfig(env)));
    producer = testKafkaClient('fulfillment-test').producer();
    await producer.connect();
    probe = await TopicProbe.start([`${service.topicPrefix}fulfillment.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());

  it('makes one pick list per fulfillment request, publishes PickListCreated once, and ignores a redelivery', async () => {
    const orderId = randomUUID();
    const event = sampleEvent(FulfillmentRequestedV1, {
      orderId,
      payload: {
        warehouseId: 'sh-1',
        orderIds: [orderId],
        lines: [
          { orderId, sku: 'TEA-1', quantity: 2 },
          { orderId, sku: 'CUP-1', quantity: 1 },
        ],
      },
    });
    const send = () =>
      producer.send([
        { topic: `${service.topicPrefix}order.events`, key: orderId, value: JSON.stringify(event), headers: {} },
      ]);
    await send();

    const page = await waitFor(
      async () => {
        const body = (await http().get(`/v1/pick-lists?orderId=${orderId}`).expect(200)).body;
        return body.items.length === 1 ? body : undefined;
      },
      { what: 'the pick list' },
    );
    const pickList = page.items[0];
    expect(pickList).toMatchObject({ warehouseId: 'sh-1', status: 'OPEN', orderIds: [orderId] });
    expect(pickList.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      ['CUP-1', 1],
      ['TEA-1', 2],
    ]);
    expect((await http().get(`/v1/pick-lists/${pickList.id}`).expect(200)).body.id).toBe(pickList.id);

    const created = await waitFor(() => probe.events().find((e) => e.orderId === orderId), { what: 'PickListCreated' });
    expect(created).toMatchObject({
      type: 'PickListCreated',
      causationId: event.id,
      correlationId: event.correlationId,
    });

    // The same request again (a replay with a new event id, so the inbox does not catch it): still one pick list.
    await producer.send([
      {
        topic: `${service.topicPrefix}order.events`,
        key: orderId,
        value: JSON.stringify({ ...event, id: randomUUID() }),
        headers: {},
      },
    ]);
    await send();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await http().get(`/v1/pick-lists?orderId=${orderId}`).expect(200)).body.items).toHaveLength(1);
    expect(probe.events().filter((e) => e.orderId === orderId)).toHaveLength(1);
  });

  it('pages with limit and cursor, and refuses bad queries and ids with problem+json', async () => {
    const all = (await http().get('/v1/pick-lists?warehouseId=sh-1&limit=200').expect(200)).body;
    expect(all.nextCursor).toBeNull();
    const first = (await http().get('/v1/pick-lists?limit=1').expect(200)).body;
    expect(first.items).toHaveLength(1);
    await http().get('/v1/pick-lists?limit=0').expect(400);
    await http().get('/v1/pick-lists?limit=201').expect(400);
    await http().get('/v1/pick-lists?orderId=not-a-uuid').expect(400);
    await http().get('/v1/pick-lists?status=LOST').expect(400);
    await http().get('/v1/pick-lists?cursor=forged').expect(400);
    await http().get('/v1/pick-lists/not-a-uuid').expect(400);
    const missing = await http().get(`/v1/pick-lists/${randomUUID()}`).expect(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  });
});
