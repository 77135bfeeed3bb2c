import { randomUUID } from 'node:crypto';
import { OrderPackedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadShippingConfig } from '../src/config';

describe('dispatch (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let probe: TopicProbe;

  beforeAll(async () => {
    service = await startTestServiceApp('shipping_dispatch', (env) => AppModule.forRoot(loadShippingConfig(env)));
    producer = testKafkaClient('dispatch-test').producer();
    await producer.connect();
    probe = await TopicProbe.start([`${service.topicPrefix}shipping.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());

  async function packedShipment(country: string, weightGrams: number) {
    const orderId = randomUUID();
    const event = sampleEvent(OrderPackedV1, {
      orderId,
      payload: {
        pickListId: randomUUID(),
        orderIds: [orderId],
        packages: [{ packageId: randomUUID(), weightGrams, lines: [{ orderId, sku: 'TEA-1', quantity: 1 }] }],
      },
    });
    event.payload.shippingAddress = { ...event.payload.shippingAddress, country };
    await producer.send([
      { topic: `${service.topicPrefix}fulfillment.events`, key: orderId, value: JSON.stringify(event), headers: {} },
    ]);
    const shipment = await waitFor(async () => (await http().get(`/v1/shipments?orderId=${orderId}`)).body.items[0], {
      what: 'shipment',
    });
    return { orderId, id: shipment.id as string };
  }

  it('dispatches with the cheapest carrier that serves the parcel, a tracking number in its format, and ShipmentDispatched', async () => {
    const { orderId, id } = await packedShipment('CN', 1650);
    const dispatched = await http().post(`/v1/shipments/${id}/dispatch`).send({}).expect(200);
    expect(dispatched.body).toMatchObject({ status: 'DISPATCHED', carrier: 'yto', shippingCost: 800 + 2 * 200 });
    expect(dispatched.body.trackingNumber).toMatch(/^YT\d{13}$/);
    expect((await http().get(`/v1/tracking/${dispatched.body.trackingNumber}`).expect(200)).body.id).toBe(id);

    const event = await waitFor(
      () => probe.events().find((e) => e.orderId === orderId && e.type === 'ShipmentDispatched'),
      {
        what: 'ShipmentDispatched',
      },
    );
    expect(event.payload).toMatchObject({
      shipmentId: id,
      carrier: 'yto',
      trackingNumber: dispatched.body.trackingNumber,
      orderIds: [orderId],
    });
    const again = await http().post(`/v1/shipments/${id}/dispatch`).send({}).expect(409);
    expect(again.body).toMatchObject({ currentState: 'DISPATCHED' });
  });

  it('honours a requested carrier where it serves, and refuses one that does not', async () => {
    const taiwan = await packedShipment('TW', 800);
    await http().post(`/v1/shipments/${taiwan.id}/dispatch`).send({ carrier: 'yto' }).expect(422);
    const sf = await http().post(`/v1/shipments/${taiwan.id}/dispatch`).send({ carrier: 'sf-express' }).expect(200);
    expect(sf.body).toMatchObject({
      carrier: 'sf-express',
      trackingUrl: expect.stringContaining(sf.body.trackingNumber),
    });
    expect(sf.body.trackingNumber).toMatch(/^SF\d{12}$/);
    await http().post(`/v1/shipments/${randomUUID()}/dispatch`).send({}).expect(404);
    await http().post(`/v1/shipments/${taiwan.id}/dispatch`).send({ carrier: 'Bad Carrier!' }).expect(400);
  });
});
