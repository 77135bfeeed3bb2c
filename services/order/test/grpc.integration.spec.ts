import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ORDER_SERVICE_NAME, ORDER_SERVICE_PROTO, PROTO_ROOT } from '@oms/contracts';
import { loadGrpcService } from '@oms/platform';
import { startTestServiceApp, type TestServiceApp, waitFor } from '@oms/platform/testing';
import { OrderGrpcServer } from '../src/api/grpc/order-grpc.server';
import { AppModule } from '../src/app.module';
import { loadOrderConfig } from '../src/config';
import type { ListOrdersResponse, Order, OrderStatusChange } from '../src/api/grpc/order-wire';

type Unary = (request: object, callback: (error: grpc.ServiceError | null, response: unknown) => void) => void;

const placeRequest = (customerId: string, overrides: Record<string, unknown> = {}) => ({
  customer_id: customerId,
  channel: 'app',
  currency: 'CNY',
  items: [
    { sku: 'TEA-JASMINE', quantity: 2, unit_price: 3500 },
    { sku: 'CUP-CELADON', quantity: 1, unit_price: 12000 },
  ],
  shipping_address: {
    name: 'Wang Fang',
    phone: '+8613900000000',
    line1: '1 Wangfujing St',
    city: 'Beijing',
    region: 'Beijing',
    postal_code: '100006',
    country: 'CN',
  },
  contact: { email: 'wang@example.com', locale: 'zh-CN' },
  payment_method: 'cod',
  ...overrides,
});

describe('order gRPC API: place, get, list, cancel and a stream of status changes (real PostgreSQL and Kafka)', () => {
  let service: TestServiceApp;
  let client: grpc.Client & Record<string, Unary & ((request: object) => grpc.ClientReadableStream<OrderStatusChange>)>;

  beforeAll(async () => {
    service = await startTestServiceApp('order_grpc', (env) => AppModule.forRoot(loadOrderConfig(env)), {
      env: { GRPC_PORT: '0', GRPC_HOST: '127.0.0.1' },
    });
    const port = service.app.get(OrderGrpcServer).port;
    const OrderService = loadGrpcService({
      protoRoot: PROTO_ROOT,
      protoFile: ORDER_SERVICE_PROTO,
      serviceName: ORDER_SERVICE_NAME,
    });
    client = new OrderService(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as typeof client;
  });

  afterAll(async () => {
    client?.close();
    await service.close();
  });

  const call = <T = Order>(method: string, request: object): Promise<T> =>
    new Promise((resolve, reject) =>
      client[method]!(request, (error, response) => (error ? reject(error) : resolve(response as T))),
    );
  const failure = (method: string, request: object): Promise<grpc.ServiceError> =>
    call(method, request).then(
      () => {
        throw new Error(`${method} succeeded`);
      },
      (error: grpc.ServiceError) => error,
    );

  it('places an order (idempotently) and gets and lists it', async () => {
    const customerId = `grpc-${randomUUID()}`;
    const key = `grpc-key-${randomUUID()}`;
    const placed = await call('PlaceOrder', { ...placeRequest(customerId), idempotency_key: key });
    expect(placed).toMatchObject({
      status: 'PLACED',
      customer_id: customerId,
      channel: 'app',
      totals: { subtotal: 19000, total: 19000 },
      shipping_address: { city: 'Beijing', postal_code: '100006' },
      payment: { method: 'cod', status: 'ON_DELIVERY' },
    });
    expect(placed.items).toEqual([
      expect.objectContaining({ sku: 'TEA-JASMINE', quantity: 2, unit_price: 3500, line_total: 7000, reserved: 0 }),
      expect.objectContaining({ sku: 'CUP-CELADON', quantity: 1, unit_price: 12000, line_total: 12000 }),
    ]);

    const replay = await call('PlaceOrder', { ...placeRequest(customerId), idempotency_key: key });
    expect(replay.id).toBe(placed.id);
    const reused = await failure('PlaceOrder', {
      ...placeRequest(customerId, { currency: 'USD' }),
      idempotency_key: key,
    });
    expect(reused.code).toBe(grpc.status.ALREADY_EXISTS);

    const got = await call('GetOrder', { id: placed.id });
    expect(got).toMatchObject({ id: placed.id, customer_id: customerId });
    await call('PlaceOrder', placeRequest(customerId));
    const listed = await call<ListOrdersResponse>('ListOrders', { customer_id: customerId, limit: 1 });
    expect(listed.items).toHaveLength(1);
    expect(listed.next_cursor).toEqual(expect.any(String));
    const rest = await call<ListOrdersResponse>('ListOrders', {
      customer_id: customerId,
      limit: 1,
      cursor: listed.next_cursor,
    });
    expect(rest.items).toHaveLength(1);
    expect([listed.items[0].id, rest.items[0].id]).toContain(placed.id);
  });

  it('answers bad requests with INVALID_ARGUMENT naming the fields, and unknown ids with NOT_FOUND', async () => {
    const bad = await failure('PlaceOrder', {
      ...placeRequest('c-bad', { items: [{ sku: 'TEA', quantity: 0, unit_price: 1 }], currency: 'XXX' }),
      shipping_address: null,
    });
    expect(bad.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(bad.details).toContain('items.0.quantity');
    expect(bad.details).toContain('currency');
    expect(bad.details).toContain('shippingAddress');
    const staff = await failure('PlaceOrder', placeRequest('c-phone', { channel: 'phone' }));
    expect(staff.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(staff.details).toContain('placedBy');
    expect((await failure('GetOrder', { id: 'nope' })).code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((await failure('GetOrder', { id: randomUUID() })).code).toBe(grpc.status.NOT_FOUND);
    expect((await failure('CancelOrder', { id: randomUUID(), reason: 'x' })).code).toBe(grpc.status.NOT_FOUND);
    expect((await failure('ListOrders', { limit: 100000 })).code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('streams an order status changes as they commit and ends after a final state', async () => {
    const placed = await call('PlaceOrder', placeRequest(`watch-${randomUUID()}`, { payment_method: 'prepaid' }));
    const stream = client.WatchOrderStatus({ id: placed.id });
    const changes: OrderStatusChange[] = [];
    let ended = false;
    stream.on('data', (change) => changes.push(change));
    stream.on('end', () => (ended = true));
    stream.on('error', () => undefined);

    // The service's own consumer confirms the placed order: prepaid, so it waits for payment.
    await waitFor(() => changes.some((c) => c.to === 'AWAITING_PAYMENT'), { what: 'AWAITING_PAYMENT on the stream' });
    const cancelled = await call('CancelOrder', { id: placed.id, reason: 'changed my mind' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED' });
    expect(cancelled.items.every((line) => line.cancelled === line.quantity)).toBe(true);
    await waitFor(() => ended, { what: 'the stream to end' });
    expect(changes.map((c) => [c.from, c.to, c.final])).toEqual([
      ['', 'PLACED', false],
      ['PLACED', 'AWAITING_PAYMENT', false],
      ['AWAITING_PAYMENT', 'CANCELLED', true],
    ]);
    expect(changes.every((c) => c.order_id === placed.id && !Number.isNaN(Date.parse(c.at)))).toBe(true);

    // A late watcher gets the whole history and the end at once.
    const late: OrderStatusChange[] = [];
    const lateStream = client.WatchOrderStatus({ id: placed.id });
    lateStream.on('data', (change) => late.push(change));
    await new Promise((resolve) => lateStream.on('end', resolve));
    expect(late.map((c) => c.to)).toEqual(['PLACED', 'AWAITING_PAYMENT', 'CANCELLED']);
  });

  it('cancels a confirmed order, asking the other services to undo what they hold', async () => {
    const placed = await call('PlaceOrder', placeRequest(`confirmed-${randomUUID()}`));
    await waitFor(async () => (await call('GetOrder', { id: placed.id })).status === 'CONFIRMED', {
      what: 'CONFIRMED',
    });
    const cancelled = await call('CancelOrder', { id: placed.id, reason: 'ordered twice', cause: 'customer-request' });
    expect(cancelled.status).toBe('CANCELLED');
    const again = await failure('CancelOrder', { id: placed.id, reason: 'twice' });
    expect(again.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(again.details).toContain('CANCELLED');
  });

  it('streams NOT_FOUND for an unknown order', async () => {
    const stream = client.WatchOrderStatus({ id: randomUUID() });
    stream.on('data', () => undefined);
    const error = await new Promise<grpc.ServiceError>((resolve) => stream.on('error', resolve));
    expect(error.code).toBe(grpc.status.NOT_FOUND);
  });
});
