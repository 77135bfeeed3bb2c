import { startTestServiceApp, type TestServiceApp, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadOrderConfig } from '../src/config';

const validBody = () => ({
  customerId: 'customer-42',
  channel: 'web',
  currency: 'CNY',
  items: [
    { sku: 'TEA-GREEN-250G', quantity: 2, unitPrice: 1999 },
    { sku: 'CUP-CELADON', quantity: 1, unitPrice: 8800 },
  ],
  shippingAddress: {
    name: 'Wang Fang',
    phone: '+8613900000000',
    line1: '88 Century Ave',
    city: 'Shanghai',
    postalCode: '200120',
    country: 'CN',
  },
  contact: { email: 'wang@example.com', locale: 'zh-CN' },
  payment: { method: 'cod' },
});

describe('POST /v1/orders (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let probe: TopicProbe;
  let dataSource: DataSource;

  beforeAll(async () => {
    service = await startTestServiceApp('order', (env) => AppModule.forRoot(loadOrderConfig(env)));
    dataSource = service.app.get(DataSource);
    probe = await TopicProbe.start([`${service.topicPrefix}order.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await service.close();
  });

  const counts = async () => {
    const [{ orders }] = await dataSource.query(`SELECT count(*)::int AS orders FROM orders`);
    const [{ outbox }] = await dataSource.query(`SELECT count(*)::int AS outbox FROM messaging_outbox`);
    return { orders, outbox };
  };

  it('a bad body gets 400 problem+json with field errors and stores nothing', async () => {
    const before = await counts();
    const body = {
      ...validBody(),
      channel: 'fax',
      currency: 'XXX',
      items: [{ sku: 'TEA', quantity: 0, unitPrice: 1.5 }],
      shippingAddress: { ...validBody().shippingAddress, country: 'China' },
      giftWrap: true,
    };
    const response = await request(service.app.getHttpServer()).post('/v1/orders').send(body).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.stringContaining('validation'),
      title: 'Bad request',
      status: 400,
    });
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'channel',
        'currency',
        'items.0.quantity',
        'items.0.unitPrice',
        'shippingAddress.country',
        'giftWrap',
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it('malformed JSON and a missing body are 400 problem+json too', async () => {
    const before = await counts();
    const malformed = await request(service.app.getHttpServer())
      .post('/v1/orders')
      .set('content-type', 'application/json')
      .send('{"customerId": ')
      .expect(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    const empty = await request(service.app.getHttpServer()).post('/v1/orders').send({}).expect(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['customerId', 'items', 'payment']),
    );
    expect(await counts()).toEqual(before);
  });

  it('a staff-keyed order without the staff member is refused with the field named', async () => {
    const response = await request(service.app.getHttpServer())
      .post('/v1/orders')
      .send({ ...validBody(), channel: 'phone' })
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'placedBy', message: expect.stringContaining('staff member') }]);
  });

  it('a good order is stored PLACED with its prices and OrderPlaced is published once, keyed by the order id', async () => {
    const response = await request(service.app.getHttpServer())
      .post('/v1/orders')
      .set('x-correlation-id', 'checkout-123')
      .send(validBody())
      .expect(201);
    expect(response.body).toMatchObject({ status: 'PLACED', totals: { subtotal: 12798, total: 12798 } });
    const orderId = response.body.id as string;

    const stored = await request(service.app.getHttpServer()).get(`/v1/orders/${orderId}`).expect(200);
    expect(stored.body.items).toHaveLength(2);
    const event = await waitFor(() => probe.events().find((e) => e.orderId === orderId), { what: 'OrderPlaced' });
    expect(event).toMatchObject({ type: 'OrderPlaced', version: 1, source: 'order', correlationId: 'checkout-123' });
    expect(event.payload).toMatchObject({ totals: { total: 12798 }, paymentMethod: 'cod' });
    expect(probe.messages.find((m) => m.key === orderId)?.headers['event-type']).toBe('OrderPlaced');
  });

  it('an unknown order is 404 problem+json', async () => {
    const response = await request(service.app.getHttpServer())
      .get('/v1/orders/5f0c7f5e-8a9b-4c3d-9e8f-0a1b2c3d4e5f')
      .expect(404);
    expect(response.body).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('serves health, metrics and OpenAPI', async () => {
    const http = request(service.app.getHttpServer());
    await http.get('/health/live').expect(200);
    const ready = await http.get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
    expect((await http.get('/metrics').expect(200)).text).toContain('messaging_outbox_published_total');
    const docs = await http.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/v1/orders', '/v1/orders/{id}']));
  });
});
