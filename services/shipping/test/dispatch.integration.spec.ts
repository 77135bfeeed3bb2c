import { createHmac, randomUUID } from 'node:crypto';
import { OrderPackedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadShippingConfig } from '../src/config';

const SECRET = 'carrier-webhook-test-secret';

describe('dispatch and carrier tracking (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let probe: TopicProbe;

  beforeAll(async () => {
    service = await startTestServiceApp('shipping_dispatch', (env) => AppModule.forRoot(loadShippingConfig(env)), {
      env: { CARRIER_WEBHOOK_SECRET: SECRET },
    });
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

  it('takes signed carrier reports: moves forward, publishes, ignores replays and late reports, refuses bad signatures', async () => {
    const { orderId, id } = await packedShipment('CN', 900);
    const trackingNumber = (await http().post(`/v1/shipments/${id}/dispatch`).send({}).expect(200)).body
      .trackingNumber as string;
    const report = (status: string, at: string, detail?: string) => {
      const raw = JSON.stringify({ trackingNumber, status, at, ...(detail ? { detail } : {}) });
      const signature = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
      return { raw, signature };
    };
    const post = (body: string, signature?: string) => {
      const call = http().post('/v1/carriers/yto/events').set('content-type', 'application/json');
      return (signature ? call.set('X-Signature', signature) : call).send(body);
    };
    const statusOf = async () => (await http().get(`/v1/shipments/${id}`).expect(200)).body.status;

    const inTransit = report('in_transit', '2026-11-23T08:00:00.000Z');
    await post(inTransit.raw).expect(401);
    await post(inTransit.raw, `sha256=${'0'.repeat(64)}`).expect(401);
    expect(await statusOf()).toBe('DISPATCHED');
    expect((await post(inTransit.raw, inTransit.signature).expect(200)).body).toMatchObject({
      applied: true,
      replayed: false,
    });
    expect(await statusOf()).toBe('IN_TRANSIT');
    expect((await post(inTransit.raw, inTransit.signature).expect(200)).body).toMatchObject({
      applied: false,
      replayed: true,
    });

    const delivered = report('delivered', '2026-11-24T10:30:00.000Z');
    await post(delivered.raw, delivered.signature).expect(200);
    expect(await statusOf()).toBe('DELIVERED');
    const late = report('out_for_delivery', '2026-11-24T07:00:00.000Z');
    expect((await post(late.raw, late.signature).expect(200)).body).toMatchObject({ applied: false, replayed: false });
    expect(await statusOf()).toBe('DELIVERED');

    const events = await waitFor(
      () => {
        const found = probe
          .events()
          .filter((e) => e.orderId === orderId && e.type !== 'ShipmentCreated' && e.type !== 'ShipmentDispatched');
        return found.length === 2 ? found : undefined;
      },
      { what: 'ShipmentInTransit and ShipmentDelivered' },
    );
    expect(events.map((e) => e.type)).toEqual(['ShipmentInTransit', 'ShipmentDelivered']);
    expect(events[1]!.payload).toMatchObject({
      deliveredAt: '2026-11-24T10:30:00.000Z',
      lines: [{ orderId, sku: 'TEA-1', quantity: 1 }],
    });

    const unknown = report('in_transit', '2026-11-23T08:00:00.000Z');
    const wrongNumber = unknown.raw.replace(trackingNumber, 'YT0000000000000');
    await post(wrongNumber, `sha256=${createHmac('sha256', SECRET).update(wrongNumber).digest('hex')}`).expect(404);
  });
});
