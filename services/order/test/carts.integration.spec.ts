import { randomUUID } from 'node:crypto';
import { OrderPlacedV1 } from '@oms/contracts';
import { startTestServiceApp, type TestServiceApp, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { loadOrderConfig } from '../src/config';

const checkoutBody = {
  shippingAddress: {
    name: 'Chen Jing',
    phone: '+8613800000000',
    line1: '88 Nanjing Rd',
    city: 'Shanghai',
    postalCode: '200001',
    country: 'CN',
  },
  contact: { email: 'chen@example.com', locale: 'zh-CN' },
  payment: { method: 'cod' },
};

describe('carts: add, change, remove, view, checkout into an order (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let dataSource: DataSource;
  let probe: TopicProbe;
  const sku = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    service = await startTestServiceApp('order_carts', (env) => AppModule.forRoot(loadOrderConfig(env)));
    dataSource = service.app.get(DataSource);
    probe = await TopicProbe.start([`${service.topicPrefix}${OrderPlacedV1.topic}`]);
  });

  afterAll(async () => {
    await probe.stop();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());
  const price = (s: string, unitPrice: number, currency = 'CNY') =>
    http().put(`/v1/prices/${s}`).send({ currency, unitPrice }).expect(200);

  it('prices lines from the price list, changes and removes them, then checks out into one order', async () => {
    const tea = sku('TEA');
    const cup = sku('CUP');
    await price(tea, 1999);
    await price(cup, 550);
    const customerId = `cart-${randomUUID()}`;

    const created = await http()
      .post('/v1/carts')
      .send({ customerId, currency: 'CNY', items: [{ sku: tea, quantity: 1 }] })
      .expect(201);
    const cartId = created.body.id as string;
    expect(created.body).toMatchObject({ status: 'OPEN', channel: 'web', subtotal: 1999, readyForCheckout: true });

    await http().put(`/v1/carts/${cartId}/items/${tea}`).send({ quantity: 3 }).expect(200);
    await http().put(`/v1/carts/${cartId}/items/${cup}`).send({ quantity: 2 }).expect(200);
    const unpriced = sku('GONE');
    const withUnpriced = await http().put(`/v1/carts/${cartId}/items/${unpriced}`).send({ quantity: 1 }).expect(200);
    expect(withUnpriced.body).toMatchObject({ subtotal: 3 * 1999 + 2 * 550, readyForCheckout: false });
    expect(withUnpriced.body.items[2]).toEqual({ sku: unpriced, quantity: 1, unitPrice: null, lineTotal: null });

    const refused = await http().post(`/v1/carts/${cartId}/checkout`).send(checkoutBody).expect(422);
    expect(refused.body.detail).toContain(unpriced);

    await http().delete(`/v1/carts/${cartId}/items/${unpriced}`).expect(200);
    await http().delete(`/v1/carts/${cartId}/items/${unpriced}`).expect(200);
    // The price list changed after the items went in: the cart and the order take today's price.
    await price(cup, 600);
    const viewed = await http().get(`/v1/carts/${cartId}`).expect(200);
    expect(viewed.body).toMatchObject({
      subtotal: 3 * 1999 + 2 * 600,
      readyForCheckout: true,
      items: [
        { sku: tea, quantity: 3, unitPrice: 1999, lineTotal: 5997 },
        { sku: cup, quantity: 2, unitPrice: 600, lineTotal: 1200 },
      ],
    });

    const order = await http()
      .post(`/v1/carts/${cartId}/checkout`)
      .set('Idempotency-Key', `checkout-${cartId}`)
      .send(checkoutBody)
      .expect(201);
    expect(order.body).toMatchObject({ status: 'PLACED', customerId, channel: 'web', currency: 'CNY' });
    expect(order.body.totals.subtotal).toBe(7197);

    const placed = await waitFor(
      () => probe.events().find((e) => e.type === 'OrderPlaced' && e.orderId === order.body.id),
      { what: 'OrderPlaced of the checkout' },
    );
    expect(placed.payload).toMatchObject({
      customerId,
      items: [
        { sku: tea, quantity: 3, unitPrice: 1999, lineTotal: 5997 },
        { sku: cup, quantity: 2, unitPrice: 600, lineTotal: 1200 },
      ],
    });

    // A retried checkout with the same key gets the same order; without it, a conflict naming the order.
    const replay = await http()
      .post(`/v1/carts/${cartId}/checkout`)
      .set('Idempotency-Key', `checkout-${cartId}`)
      .send(checkoutBody)
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(order.body.id);
    const again = await http().post(`/v1/carts/${cartId}/checkout`).send(checkoutBody).expect(409);
    expect(again.body).toMatchObject({ currentState: 'CHECKED_OUT' });
    expect(again.body.detail).toContain(order.body.id);
    await http().put(`/v1/carts/${cartId}/items/${tea}`).send({ quantity: 1 }).expect(409);

    expect(await http().get(`/v1/carts/${cartId}`).expect(200)).toMatchObject({
      body: { status: 'CHECKED_OUT', orderId: order.body.id, readyForCheckout: false },
    });
    const orders = await dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE customer_id = $1`, [customerId]);
    expect(orders[0].n).toBe(1);
  });

  it('checks out a cart once when two checkouts race', async () => {
    const tea = sku('TEA');
    await price(tea, 100);
    const customerId = `race-${randomUUID()}`;
    const cart = await http()
      .post('/v1/carts')
      .send({ customerId, currency: 'CNY', items: [{ sku: tea, quantity: 2 }] })
      .expect(201);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => http().post(`/v1/carts/${cart.body.id}/checkout`).send(checkoutBody)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const orders = await dataSource.query(`SELECT count(*)::int AS n FROM orders WHERE customer_id = $1`, [customerId]);
    expect(orders[0].n).toBe(1);
  });

  it('keeps staff-keyed checkout rules and refuses bad input with field details', async () => {
    const tea = sku('TEA');
    await price(tea, 100);
    const phone = await http()
      .post('/v1/carts')
      .send({ customerId: 'c-phone', currency: 'CNY', channel: 'phone', items: [{ sku: tea, quantity: 1 }] })
      .expect(201);
    const noStaff = await http().post(`/v1/carts/${phone.body.id}/checkout`).send(checkoutBody).expect(400);
    expect(noStaff.body.errors).toEqual([expect.objectContaining({ field: 'placedBy' })]);
    const keyed = await http()
      .post(`/v1/carts/${phone.body.id}/checkout`)
      .send({ ...checkoutBody, placedBy: 'agent-7' })
      .expect(201);
    expect(keyed.body).toMatchObject({ channel: 'phone', placedBy: 'agent-7' });

    const empty = await http().post('/v1/carts').send({ customerId: 'c-empty', currency: 'CNY' }).expect(201);
    await http().post(`/v1/carts/${empty.body.id}/checkout`).send(checkoutBody).expect(422);

    const bad = await http()
      .post('/v1/carts')
      .send({ customerId: 'c', currency: 'XXX', items: [{ sku: tea, quantity: 0 }], extra: 1 })
      .expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['currency', 'extra', 'items.0.quantity'].sort(),
    );
    await http().put(`/v1/carts/${empty.body.id}/items/${tea}`).send({ quantity: 1.5 }).expect(400);
    await http().put(`/v1/carts/${empty.body.id}/items/bad%20sku`).send({ quantity: 1 }).expect(400);
    await http().get(`/v1/carts/not-a-uuid`).expect(400);
    await http().get(`/v1/carts/${randomUUID()}`).expect(404);
    await http().put(`/v1/carts/${randomUUID()}/items/${tea}`).send({ quantity: 1 }).expect(404);
    await http().put(`/v1/prices/${tea}`).send({ currency: 'CNY', unitPrice: -1 }).expect(400);
    await http()
      .get(`/v1/prices/${sku('NONE')}`)
      .expect(404);
  });
});
