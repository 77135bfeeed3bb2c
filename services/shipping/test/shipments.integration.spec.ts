import { randomUUID } from 'node:crypto';
import { OrderPackedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadShippingConfig } from '../src/config';

describe('shipments from packed pick lists (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let probe: TopicProbe;

  beforeAll(async () => {
    service = await startTestServiceApp('shipping', (env) => AppModule.forRoot(loadShippingConfig(env)));
    producer = testKafkaClient('shipping-test').producer();
    await producer.connect();
    probe = await TopicProbe.start([`${service.topicPrefix}shipping.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());

  it('makes one shipment per packed pick list with its delivery note, publishes ShipmentCreated once', async () => {
    const orderId = randomUUID();
    const pickListId = randomUUID();
    const event = sampleEvent(OrderPackedV1, {
      orderId,
      payload: {
        pickListId,
        orderIds: [orderId],
        packages: [
          { packageId: randomUUID(), weightGrams: 1500, lines: [{ orderId, sku: 'TEA-1', quantity: 2 }] },
          {
            packageId: randomUUID(),
            weightGrams: 500,
            lines: [
              { orderId, sku: 'TEA-1', quantity: 1 },
              { orderId, sku: 'CUP-1', quantity: 1 },
            ],
          },
        ],
      },
    });
    const topic = `${service.topicPrefix}fulfillment.events`;
    await producer.send([{ topic, key: orderId, value: JSON.stringify(event), headers: {} }]);

    const page = await waitFor(
      async () => {
        const body = (await http().get(`/v1/shipments?orderId=${orderId}`).expect(200)).body;
        return body.items.length === 1 ? body : undefined;
      },
      { what: 'the shipment' },
    );
    const shipment = page.items[0];
    expect(shipment).toMatchObject({
      pickListId,
      status: 'CREATED',
      totalWeightGrams: 2000,
      carrier: null,
      trackingNumber: null,
    });
    expect(shipment.items).toEqual([
      { orderId, sku: 'CUP-1', quantity: 1 },
      { orderId, sku: 'TEA-1', quantity: 3 },
    ]);
    expect((await http().get(`/v1/shipments/${shipment.id}`).expect(200)).body.shippingAddress).toEqual(
      event.payload.shippingAddress,
    );

    const created = await waitFor(() => probe.events().find((e) => e.orderId === orderId), { what: 'ShipmentCreated' });
    expect(created).toMatchObject({
      type: 'ShipmentCreated',
      causationId: event.id,
      payload: { shipmentId: shipment.id, packageCount: 2 },
    });

    // The same packing reported again under a new event id (the unique pick list catches it) and redelivered
    // under the same id (the inbox catches it): still one shipment.
    await producer.send([{ topic, key: orderId, value: JSON.stringify({ ...event, id: randomUUID() }), headers: {} }]);
    await producer.send([{ topic, key: orderId, value: JSON.stringify(event), headers: {} }]);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await http().get(`/v1/shipments?orderId=${orderId}`).expect(200)).body.items).toHaveLength(1);
    expect(probe.events().filter((e) => e.orderId === orderId)).toHaveLength(1);
  });

  it('answers unknown ids and tracking numbers with problem+json', async () => {
    await http().get('/v1/shipments/not-a-uuid').expect(400);
    const missing = await http().get(`/v1/shipments/${randomUUID()}`).expect(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not found' });
    await http().get('/v1/tracking/SF1234567890').expect(404);
    await http().get('/v1/tracking/x').expect(400);
    const badQuery = await http().get('/v1/shipments?orderId=nope').expect(400);
    expect(badQuery.body.errors.map((e: { field: string }) => e.field)).toContain('orderId');
    await http().get('/v1/shipments?limit=0').expect(400);
    await http().get('/v1/shipments?limit=201').expect(400);
    await http().get('/v1/shipments?cursor=forged').expect(400);
    expect((await http().get('/v1/shipments?limit=1').expect(200)).body).toMatchObject({ items: expect.any(Array) });
  });
});
