import { randomUUID } from 'node:crypto';
import { StockBackorderedV1, StockReservedV1 } from '@oms/contracts';
import { sampleEvent } from '@oms/contracts/testing';
import type { MessageProducer } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, testKafkaClient, TopicProbe, waitFor } from '@oms/platform/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadOrderConfig } from '../src/config';

const body = {
  customerId: 'saga-customer',
  channel: 'web',
  currency: 'CNY',
  items: [
    { sku: 'TEA-LONGJING', quantity: 3, unitPrice: 9000 },
    { sku: 'CUP-CELADON', quantity: 1, unitPrice: 8800 },
  ],
  shippingAddress: {
    name: 'Xu Bo',
    phone: '+8613600000000',
    line1: '3 Longjing Rd',
    city: 'Hangzhou',
    region: 'Zhejiang',
    postalCode: '310000',
    country: 'CN',
  },
  contact: { email: 'xu@example.com', locale: 'zh-CN' },
  payment: { method: 'cod' },
};

describe('saga: reservation → fulfillment requested (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let producer: MessageProducer;
  let probe: TopicProbe;

  beforeAll(async () => {
    service = await startTestServiceApp('order_saga', (env) => AppModule.forRoot(loadOrderConfig(env)));
    producer = testKafkaClient('order-saga-test').producer();
    await producer.connect();
    probe = await TopicProbe.start([`${service.topicPrefix}order.events`]);
  });

  afterAll(async () => {
    await probe.stop();
    await producer.disconnect();
    await service.close();
  });

  const http = () => request(service.app.getHttpServer());
  const confirmedOrder = async () => {
    const id = (await http().post('/v1/orders').send(body).expect(201)).body.id as string;
    await waitFor(async () => (await http().get(`/v1/orders/${id}`)).body.status === 'CONFIRMED', {
      what: 'CONFIRMED',
    });
    return id;
  };
  const fromInventory = (orderId: string, event: object) =>
    producer.send([
      { topic: `${service.topicPrefix}inventory.events`, key: orderId, value: JSON.stringify(event), headers: {} },
    ]);

  it('a wholly reserved order asks each warehouse to fulfil its allocation and is PROCESSING', async () => {
    const id = await confirmedOrder();
    const reserved = sampleEvent(StockReservedV1, {
      orderId: id,
      payload: {
        allocations: [
          { warehouseId: 'sh-1', lines: [{ sku: 'TEA-LONGJING', quantity: 3 }] },
          { warehouseId: 'bj-1', lines: [{ sku: 'CUP-CELADON', quantity: 1 }] },
        ],
        complete: true,
      },
    });
    await fromInventory(id, reserved);
    await waitFor(async () => (await http().get(`/v1/orders/${id}`)).body.status === 'PROCESSING', {
      what: 'PROCESSING',
    });
    const order = (await http().get(`/v1/orders/${id}`).expect(200)).body;
    expect(order.items.map((l: { sku: string; reserved: number }) => [l.sku, l.reserved])).toEqual([
      ['CUP-CELADON', 1],
      ['TEA-LONGJING', 3],
    ]);
    const requests = await waitFor(
      () => {
        const found = probe.events().filter((e) => e.orderId === id && e.type === 'FulfillmentRequested');
        return found.length === 2 ? found : undefined;
      },
      { what: 'two FulfillmentRequested' },
    );
    expect(requests.map((r) => r.payload.warehouseId).sort()).toEqual(['bj-1', 'sh-1']);
    expect(requests.find((r) => r.payload.warehouseId === 'sh-1')!.payload).toMatchObject({
      reservationId: reserved.payload.reservationId,
      orderIds: [id],
      lines: [{ orderId: id, sku: 'TEA-LONGJING', quantity: 3 }],
      customerId: 'saga-customer',
      purpose: 'order',
    });
    expect(requests[0]!.causationId).toBe(reserved.id);

    // The same reservation again under a new event id would over-reserve: refused, dead-lettered, order unchanged.
    const dlq = await TopicProbe.start([`${service.topicPrefix}inventory.events.dlq`]);
    await fromInventory(id, { ...reserved, id: randomUUID() });
    await waitFor(() => dlq.messages.length === 1, { what: 'the refused reservation in the DLQ' });
    expect(dlq.messages[0]!.headers['dlq-reason']).toBe('permanent-error');
    await dlq.stop();
    expect(probe.events().filter((e) => e.orderId === id && e.type === 'FulfillmentRequested')).toHaveLength(2);
    expect(
      (await http().get(`/v1/orders/${id}`).expect(200)).body.items.map((l: { reserved: number }) => l.reserved),
    ).toEqual([1, 3]);
    const timeline = (await http().get(`/v1/orders/${id}/timeline`).expect(200)).body.items;
    expect(
      timeline
        .filter((e: { type: string }) => e.type === 'OrderStatusChanged')
        .map((e: { detail: { to: string } }) => e.detail.to),
    ).toEqual(['PLACED', 'CONFIRMED', 'PROCESSING']);
  });

  it('a partly reserved order ships what is reserved and records what is backordered', async () => {
    const id = await confirmedOrder();
    await fromInventory(
      id,
      sampleEvent(StockReservedV1, {
        orderId: id,
        payload: {
          allocations: [{ warehouseId: 'sh-1', lines: [{ sku: 'TEA-LONGJING', quantity: 2 }] }],
          complete: false,
        },
      }),
    );
    await fromInventory(
      id,
      sampleEvent(StockBackorderedV1, {
        orderId: id,
        payload: {
          lines: [
            { sku: 'TEA-LONGJING', quantity: 1 },
            { sku: 'CUP-CELADON', quantity: 1 },
          ],
        },
      }),
    );
    await waitFor(
      async () => {
        const order = (await http().get(`/v1/orders/${id}`)).body;
        return order.status === 'PROCESSING' && order.items.some((l: { backordered: number }) => l.backordered > 0);
      },
      { what: 'PROCESSING with backordered lines' },
    );
    const order = (await http().get(`/v1/orders/${id}`).expect(200)).body;
    expect(
      order.items.map((l: { sku: string; reserved: number; backordered: number }) => [
        l.sku,
        l.reserved,
        l.backordered,
      ]),
    ).toEqual([
      ['CUP-CELADON', 0, 1],
      ['TEA-LONGJING', 2, 1],
    ]);
    await waitFor(() => probe.events().some((e) => e.orderId === id && e.type === 'FulfillmentRequested'), {
      what: 'FulfillmentRequested',
    });
  });
});
