import { createHmac, randomUUID } from 'node:crypto';
import { OrderPackedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import { type MessageProducer, signWebhook } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadShippingConfig } from '../src/config';

const SECRET = 'carrier-webhook-test-secret';
/** The platform's default WEBHOOK_TOLERANCE_SECONDS. */
const TOLERANCE_SECONDS = 300;

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

  /** A dispatched shipment and how to send its carrier's reports. */
  async function trackedShipment() {
    const { orderId, id } = await packedShipment('CN', 900);
    const trackingNumber = (await http().post(`/v1/shipments/${id}/dispatch`).send({}).expect(200)).body
      .trackingNumber as string;
    const report = (status: string, at: string, detail?: string) => {
      const raw = JSON.stringify({ trackingNumber, status, at, ...(detail ? { detail } : {}) });
      return { raw, signature: signWebhook(raw, SECRET) };
    };
    const post = (body: string, signature?: string) => {
      const call = http().post('/v1/carriers/yto/events').set('content-type', 'application/json');
      return (signature ? call.set('X-Signature', signature) : call).send(body);
    };
    const statusOf = async () => (await http().get(`/v1/shipments/${id}`).expect(200)).body.status;
    const outboxRows = async () =>
      (
        (await service.app
          .get(DataSource)
          .query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE message_key = $1`, [orderId])) as [
          { n: number },
        ]
      )[0].n;
    return { orderId, id, trackingNumber, report, post, statusOf, outboxRows };
  }

  it('takes signed carrier reports: moves forward, publishes, ignores replays and late reports', async () => {
    const { orderId, trackingNumber, report, post, statusOf } = await trackedShipment();

    const inTransit = report('in_transit', '2026-11-23T08:00:00.000Z');
    expect((await post(inTransit.raw, inTransit.signature).expect(200)).body).toMatchObject({
      applied: true,
      replayed: false,
    });
    expect(await statusOf()).toBe('IN_TRANSIT');
    // The carrier sending the same report again, signed anew: a new delivery, but the report is known.
    const resent = signWebhook(inTransit.raw, SECRET, new Date(Date.now() + 1000));
    expect((await post(inTransit.raw, resent).expect(200)).body).toMatchObject({ applied: false, replayed: true });

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

    const wrongNumber = report('in_transit', '2026-11-23T08:00:00.000Z').raw.replace(trackingNumber, 'YT0000000000000');
    await post(wrongNumber, signWebhook(wrongNumber, SECRET)).expect(404);
  });

  it('refuses a missing, wrong, tampered or stale signature with 401, changing neither shipment nor outbox', async () => {
    const { report, post, statusOf, outboxRows } = await trackedShipment();
    const outboxBefore = await outboxRows();
    const delivered = report('delivered', '2026-11-24T10:30:00.000Z');
    const staleTime = new Date(Date.now() - (TOLERANCE_SECONDS + 30) * 1000);
    const refused = {
      missing: await post(delivered.raw),
      zeros: await post(delivered.raw, `t=${Math.floor(Date.now() / 1000)},sha256=${'0'.repeat(64)}`),
      'wrong secret': await post(delivered.raw, signWebhook(delivered.raw, 'another-carrier-secret')),
      'tampered body': await post(delivered.raw.replace('delivered', 'exception'), delivered.signature),
      stale: await post(delivered.raw, signWebhook(delivered.raw, SECRET, staleTime)),
      'old format': await post(
        delivered.raw,
        `sha256=${createHmac('sha256', SECRET).update(delivered.raw).digest('hex')}`,
      ),
    };
    for (const [what, answer] of Object.entries(refused)) {
      expect({ what, status: answer.status }).toEqual({ what, status: 401 });
      expect(answer.body).toMatchObject({ type: 'https://oms.dev/problems/unauthorized', status: 401 });
    }
    expect(await statusOf()).toBe('DISPATCHED');
    expect(await outboxRows()).toBe(outboxBefore);
  });

  it('takes a valid delivery once: replayed, even at the same moment, it answers 200 duplicate and changes nothing', async () => {
    const { orderId, report, post, statusOf, outboxRows } = await trackedShipment();
    const outboxBefore = await outboxRows();
    const inTransit = report('in_transit', '2026-11-23T08:00:00.000Z');
    const answers = await Promise.all([1, 2, 3].map(() => post(inTransit.raw, inTransit.signature)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.body.applied === true)).toHaveLength(1);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(2);
    expect(await statusOf()).toBe('IN_TRANSIT');
    const outboxAfterFirst = await outboxRows();
    expect(outboxAfterFirst).toBe(outboxBefore + 1);

    const replay = await post(inTransit.raw, inTransit.signature).expect(200);
    expect(replay.body).toEqual({ duplicate: true, firstReceivedAt: expect.any(String) });
    expect(await statusOf()).toBe('IN_TRANSIT');
    expect(await outboxRows()).toBe(outboxAfterFirst);
    await waitFor(() => probe.events().some((e) => e.orderId === orderId && e.type === 'ShipmentInTransit'), {
      what: 'ShipmentInTransit',
    });
    expect(probe.events().filter((e) => e.orderId === orderId && e.type === 'ShipmentInTransit')).toHaveLength(1);
  });
});
