import { randomUUID } from 'node:crypto';
import { FulfillmentRequestedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadFulfillmentConfig } from '../src/config';

describe('picking and packing (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let probe: TopicProbe;

  beforeAll(async () => {
    service = await startTestServiceApp('fulfillment_pack', (env) => AppModule.forRoot(loadFulfillmentConfig(env)));
    producer = testKafkaClient('pack-test').producer();
    await producer.connect();
    probe = await TopicProbe.start([`${service.topicPrefix}fulfillment.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());

  async function pickListFor(lines: Array<{ sku: string; quantity: number }>) {
    const orderId = randomUUID();
    const event = sampleEvent(FulfillmentRequestedV1, {
      orderId,
      payload: {
        fulfillmentRequestId: randomUUID(),
        warehouseId: 'hz-1',
        orderIds: [orderId],
        lines: lines.map((l) => ({ orderId, ...l })),
      },
    });
    await producer.send([
      { topic: `${service.topicPrefix}order.events`, key: orderId, value: JSON.stringify(event), headers: {} },
    ]);
    const list = await waitFor(async () => (await http().get(`/v1/pick-lists?orderId=${orderId}`)).body.items[0], {
      what: 'pick list',
    });
    return { orderId, id: list.id as string, shippingAddress: event.payload.shippingAddress };
  }

  it('picks with a short pick, packs what was picked, and publishes OrderPicked and OrderPacked for shipping', async () => {
    const { orderId, id, shippingAddress } = await pickListFor([
      { sku: 'TEA-1', quantity: 3 },
      { sku: 'CUP-1', quantity: 1 },
    ]);
    await http()
      .post(`/v1/pick-lists/${id}/pack`)
      .send({ packages: [{ weightGrams: 100, lines: [{ sku: 'TEA-1', quantity: 1 }] }] })
      .expect(409);

    const picked = await http()
      .post(`/v1/pick-lists/${id}/pick`)
      .send({
        lines: [
          { sku: 'TEA-1', quantity: 2 },
          { sku: 'CUP-1', quantity: 1 },
        ],
      })
      .expect(200);
    expect(picked.body.status).toBe('PICKED');
    expect(picked.body.lines.map((l: { sku: string; picked: number }) => [l.sku, l.picked])).toEqual([
      ['CUP-1', 1],
      ['TEA-1', 2],
    ]);
    await http().post(`/v1/pick-lists/${id}/pick`).send({ lines: [] }).expect(409);

    const mismatch = await http()
      .post(`/v1/pick-lists/${id}/pack`)
      .send({
        packages: [
          {
            weightGrams: 900,
            lines: [
              { sku: 'TEA-1', quantity: 3 },
              { sku: 'CUP-1', quantity: 1 },
            ],
          },
        ],
      })
      .expect(422);
    expect(mismatch.body.detail).toMatch(/2 of TEA-1 were picked but 3 are packed/);
    const packed = await http()
      .post(`/v1/pick-lists/${id}/pack`)
      .send({
        packages: [
          { weightGrams: 900, lines: [{ sku: 'TEA-1', quantity: 2 }] },
          { weightGrams: 400, lines: [{ sku: 'CUP-1', quantity: 1 }] },
        ],
      })
      .expect(200);
    expect(packed.body.status).toBe('PACKED');

    const events = await waitFor(
      () => {
        const found = probe.events().filter((e) => e.orderId === orderId);
        return found.length === 3 ? found : undefined;
      },
      { what: 'PickListCreated, OrderPicked, OrderPacked' },
    );
    expect(events.map((e) => e.type)).toEqual(['PickListCreated', 'OrderPicked', 'OrderPacked']);
    expect(events[1]!.payload).toMatchObject({ shortPicks: [{ sku: 'TEA-1', quantity: 1 }] });
    expect(events[2]!.payload).toMatchObject({
      pickListId: id,
      orderIds: [orderId],
      shippingAddress,
      packages: [
        { weightGrams: 900, lines: [{ orderId, sku: 'TEA-1', quantity: 2 }] },
        { weightGrams: 400, lines: [{ orderId, sku: 'CUP-1', quantity: 1 }] },
      ],
    });
  });

  it('refuses bad bodies and unknown pick lists', async () => {
    const { id } = await pickListFor([{ sku: 'TEA-2', quantity: 1 }]);
    await http()
      .post(`/v1/pick-lists/${id}/pick`)
      .send({ lines: [{ sku: 'TEA-2', quantity: -1 }] })
      .expect(400);
    await http()
      .post(`/v1/pick-lists/${id}/pick`)
      .send({ lines: [{ sku: 'TEA-2', quantity: 2 }] })
      .expect(422);
    await http()
      .post(`/v1/pick-lists/${id}/pick`)
      .send({ lines: [{ sku: 'POT-9', quantity: 1 }] })
      .expect(422);
    await http().post(`/v1/pick-lists/${randomUUID()}/pick`).send({ lines: [] }).expect(404);
    await http()
      .post(`/v1/pick-lists/${id}/pack`)
      .send({ packages: [{ weightGrams: 0, lines: [] }] })
      .expect(400);
  });
});
