import { randomUUID } from 'node:crypto';
import { Limits, type ServiceName } from '@oms/contracts';
import { waitFor } from '@oms/platform/testing';
import fc from 'fast-check';
import { Client } from 'pg';
import {
  type BadRequest,
  bodySchemaOf,
  type NumberFacts,
  type OpenApiDocument,
  invalidBodies,
  schemaViolations,
  wholeBodyCases,
} from './harness/bad-bodies';
import { WholeSystem } from './harness/whole-system';
import { api } from './harness/system';

/**
 * Bad input on every body-taking route of every service, as its OpenAPI document lists them: bodies one fault
 * away from a valid sample (fast-check, invalid by construction) and whole bodies that are wrong before any field
 * is read (too large, not JSON, not an object, not UTF-8, not sent as JSON). Every answer must be a 4xx
 * problem+json, and no table of any service may gain or lose a row.
 */

const SERVICES: ServiceName[] = ['order', 'inventory', 'fulfillment', 'shipping', 'aftersales', 'notification'];
/** The platform's JSON limit (libs/platform/src/bootstrap.ts). */
const BODY_LIMIT_BYTES = 256 * 1024;
const RUNS_PER_ROUTE = 40;
/** BAD_INPUT_SEED=<seed> replays the runs of a failure (fast-check prints the seed with the counterexample). */
const SEED = process.env.BAD_INPUT_SEED ? Number(process.env.BAD_INPUT_SEED) : undefined;

const SKU = 'E2E-BAD-TEA';
const WAREHOUSE = 'sh-1';

/** What the DTOs say about numbers beyond the OpenAPI documents: every one is an integer, most have a @Max. */
const NUMBER_FACTS: Record<string, NumberFacts> = {
  'OrderItemDto.quantity': { minimum: 1, maximum: Limits.maxQuantity, integer: true },
  'OrderItemDto.unitPrice': { minimum: 0, maximum: Limits.maxAmountMinor, integer: true },
  'SkuQuantityDto.quantity': { minimum: 1, maximum: Limits.maxQuantity, integer: true },
  'CartItemDto.quantity': { minimum: 1, maximum: Limits.maxQuantity, integer: true },
  'SetCartItemDto.quantity': { minimum: 1, maximum: Limits.maxQuantity, integer: true },
  'SetPriceDto.unitPrice': { minimum: 0, maximum: Limits.maxAmountMinor, integer: true },
  'RecordPaymentDto.amount': { minimum: 1, maximum: Limits.maxAmountMinor, integer: true },
  'PaymentWebhookDto.amount': { minimum: 1, maximum: Limits.maxAmountMinor, integer: true },
  'UpsertWarehouseDto.priority': { minimum: 0, maximum: 10_000, integer: true },
  'SetOnHandDto.onHand': { minimum: 0, maximum: Limits.maxQuantity * 100, integer: true },
  'AdjustStockDto.delta': { minimum: -Limits.maxQuantity * 100, maximum: Limits.maxQuantity * 100, integer: true },
  'ReplenishStockDto.quantity': { minimum: 1, maximum: Limits.maxQuantity, integer: true },
  'ExpectedReceiptDto.quantity': { minimum: 1, maximum: Limits.maxQuantity, integer: true },
  'CountedLineDto.quantity': { minimum: 0, maximum: Limits.maxQuantity, integer: true },
  'PackageDto.weightGrams': { minimum: 1, maximum: 70_000, integer: true },
  'FeedbackDto.rating': { minimum: 1, maximum: 5, integer: true },
  'ReturnItemDto.quantity': { minimum: 1, maximum: Limits.maxQuantity, integer: true },
  'InspectedLineDto.quantity': { minimum: 1, maximum: Limits.maxQuantity, integer: true },
};

/** Entities the routes work on: made once before the "nothing stored" snapshot. */
interface Fixtures {
  orderId: string;
  customerId: string;
  pickListId: string;
  cartId: string;
}

interface RouteCase {
  /** Path parameters: a real entity where it is cheap, a random id otherwise (then a valid body would be a 404). */
  params?: (fixtures: Fixtures) => Record<string, string>;
  /** A body the route accepts, from its DTO and the bodies other tests send; never sent as it is. */
  sample?: (fixtures: Fixtures) => Record<string, unknown>;
}

const address = {
  name: 'Lin Yue',
  phone: '+8613700000000',
  line1: '18 Nanjing Rd',
  line2: 'Apt 5',
  city: 'Shanghai',
  region: 'Shanghai',
  postalCode: '200001',
  country: 'CN',
};
const contact = { email: 'lin@example.com', phone: '+8613700000000', locale: 'en' };
const staff = 'staff-7';
const soon = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const order = (f: Fixtures) => ({ id: f.orderId });
const randomId = () => ({ id: randomUUID() });
const stockOf = () => ({ sku: SKU, warehouseId: WAREHOUSE });

/** Every POST, PUT and PATCH of every service; a route the OpenAPI documents list but this table lacks fails. */
const ROUTES: Record<string, RouteCase> = {
  'order POST /v1/orders': {
    sample: (f) => ({
      customerId: f.customerId,
      channel: 'web',
      currency: 'CNY',
      items: [{ sku: SKU, quantity: 2, unitPrice: 4800 }],
      shippingAddress: address,
      contact,
      payment: { method: 'cod' },
      shipComplete: false,
      notes: 'leave at the door',
    }),
  },
  'order PATCH /v1/orders/{id}': {
    params: order,
    sample: () => ({
      items: [{ sku: SKU, quantity: 3, unitPrice: 4800 }],
      shippingAddress: address,
      contact,
      editedBy: 'customer',
    }),
  },
  'order POST /v1/orders/{id}/cancellations/{cancellationId}/retry': {
    params: (f) => ({ id: f.orderId, cancellationId: randomUUID() }),
  },
  'order POST /v1/orders/{id}/approve': { params: order, sample: () => ({ approvedBy: staff, note: 'checked' }) },
  'order POST /v1/orders/{id}/reject': { params: order, sample: () => ({ reason: 'fraud', rejectedBy: staff }) },
  'order POST /v1/orders/{id}/cancel': {
    params: order,
    sample: () => ({
      reason: 'changed my mind',
      cause: 'customer-request',
      requestedBy: 'customer',
      lines: [{ sku: SKU, quantity: 1 }],
    }),
  },
  'order POST /v1/orders/{id}/backorder-choice': {
    params: order,
    sample: () => ({ choice: 'wait', chosenBy: 'customer', note: 'no hurry' }),
  },
  'order POST /v1/orders/{id}/shipments/{shipmentId}/resolution': {
    params: (f) => ({ id: f.orderId, shipmentId: randomUUID() }),
    sample: () => ({ resolution: 'reship', chosenBy: 'customer', note: 'lost parcel' }),
  },
  'order POST /v1/orders/{id}/payments': { params: order, sample: () => ({ amount: 9600, reference: 'PAY-BAD-1' }) },
  'order POST /v1/payments/webhook': {
    sample: (f) => ({ orderId: f.orderId, amount: 9600, reference: 'ALI-BAD-1', provider: 'alipay' }),
  },
  'order POST /v1/carts': {
    sample: (f) => ({
      customerId: f.customerId,
      currency: 'CNY',
      channel: 'web',
      items: [{ sku: SKU, quantity: 1 }],
    }),
  },
  'order PUT /v1/carts/{id}/items/{sku}': {
    params: (f) => ({ id: f.cartId, sku: SKU }),
    sample: () => ({ quantity: 2 }),
  },
  'order POST /v1/carts/{id}/checkout': {
    params: (f) => ({ id: f.cartId }),
    sample: () => ({
      shippingAddress: address,
      contact,
      payment: { method: 'prepaid' },
      shipComplete: true,
      notes: 'gift',
      placedBy: staff,
    }),
  },
  'order PUT /v1/prices/{sku}': { params: () => ({ sku: SKU }), sample: () => ({ currency: 'CNY', unitPrice: 4800 }) },
  'inventory PUT /v1/warehouses/{id}': {
    params: () => ({ id: WAREHOUSE }),
    sample: () => ({ name: 'Shanghai DC 1', address: '1 Dock Rd', region: 'east', priority: 1 }),
  },
  'inventory PUT /v1/stock/{sku}/{warehouseId}': { params: stockOf, sample: () => ({ onHand: 40 }) },
  'inventory POST /v1/stock/{sku}/{warehouseId}/adjustments': {
    params: stockOf,
    sample: () => ({ delta: -1, reason: 'damaged', note: 'dropped', actor: staff }),
  },
  'inventory POST /v1/stock/{sku}/{warehouseId}/replenishments': {
    params: stockOf,
    sample: () => ({ quantity: 5, reference: 'GR-BAD-1', expectedAt: soon(), actor: staff }),
  },
  'inventory POST /v1/stock/{sku}/{warehouseId}/expected-receipts': {
    params: stockOf,
    sample: () => ({ quantity: 10, expectedAt: soon(), reference: 'PO-BAD-1' }),
  },
  'fulfillment POST /v1/pick-lists/{id}/start': { params: randomId },
  'fulfillment POST /v1/pick-lists/{id}/pick': {
    params: (f) => ({ id: f.pickListId }),
    sample: () => ({ lines: [{ sku: SKU, quantity: 2 }] }),
  },
  'fulfillment POST /v1/pick-lists/{id}/pack': {
    params: (f) => ({ id: f.pickListId }),
    sample: () => ({ packages: [{ weightGrams: 800, lines: [{ sku: SKU, quantity: 2 }] }] }),
  },
  // A real shipment would be dispatched by a valid body: every field of DispatchDto is optional.
  'shipping POST /v1/shipments/{id}/dispatch': { params: randomId, sample: () => ({ carrier: 'sf-express' }) },
  'shipping POST /v1/carriers/{carrier}/events': {
    params: () => ({ carrier: 'sf-express' }),
    sample: () => ({
      trackingNumber: 'SF1234567890',
      status: 'in_transit',
      at: new Date().toISOString(),
      detail: 'hub',
    }),
  },
  'aftersales POST /v1/feedback': {
    sample: (f) => ({ orderId: f.orderId, rating: 4, comment: 'fine tea' }),
  },
  'aftersales POST /v1/refunds/{id}/retry': { params: randomId },
  'aftersales POST /v1/returns': {
    sample: (f) => ({
      orderId: f.orderId,
      items: [{ sku: SKU, quantity: 1 }],
      reason: 'size-or-fit',
      comment: 'too small',
      resolution: 'exchange',
      exchangeItems: [{ sku: SKU, quantity: 1 }],
      requestedBy: 'customer',
    }),
  },
  'aftersales POST /v1/returns/{id}/approve': {
    params: randomId,
    sample: () => ({ approvedBy: staff, lines: [{ sku: SKU, quantity: 1 }], warehouseId: WAREHOUSE }),
  },
  'aftersales POST /v1/returns/{id}/reject': {
    params: randomId,
    sample: () => ({ reason: 'used', rejectedBy: staff }),
  },
  'aftersales POST /v1/returns/{id}/receive': {
    params: randomId,
    sample: () => ({
      lines: [{ sku: SKU, quantity: 1, condition: 'damaged', writeOffReason: 'torn' }],
      warehouseId: WAREHOUSE,
      receivedBy: staff,
    }),
  },
  'aftersales POST /v1/returns/{id}/refund': { params: randomId },
  'aftersales PATCH /v1/cases/{id}': {
    params: randomId,
    sample: () => ({
      status: 'RESOLVED',
      assignee: 'agent-3',
      note: 'called the customer',
      outcome: 'explained',
      resolution: 'explained the delay',
      by: staff,
    }),
  },
  'notification PUT /v1/preferences/{customerId}': {
    params: (f) => ({ customerId: f.customerId }),
    sample: () => ({ email: true, sms: false, locale: 'zh-CN' }),
  },
};

interface Answer {
  status: number;
  contentType: string;
  text: string;
  problem?: { type?: unknown; title?: unknown; status?: unknown; errors?: Array<{ field: string; message: string }> };
}

/** Why an answer is not the refusal expected (empty when it is). */
function refusalFaults(answer: Answer, expected: BadRequest): string[] {
  const faults: string[] = [];
  if (answer.status < 400 || answer.status > 499) faults.push(`status ${answer.status} is not a 4xx`);
  if (expected.status !== undefined && answer.status !== expected.status)
    faults.push(`status is not ${expected.status}`);
  if (!answer.contentType.startsWith('application/problem+json')) faults.push(`content-type ${answer.contentType}`);
  const problem = answer.problem;
  if (!problem) return [...faults, 'the body is not a JSON problem'];
  if (problem.status !== answer.status) faults.push(`problem status ${String(problem.status)}`);
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string')
    faults.push('problem without type or title');
  if (expected.errorsAbout !== undefined) {
    const about = expected.errorsAbout;
    const related = (field: string) =>
      field === about || about.startsWith(`${field}.`) || field.startsWith(`${about}.`);
    if (!Array.isArray(problem.errors) || problem.errors.length === 0)
      faults.push('a validation problem without errors');
    else if (!problem.errors.every((e) => related(e.field) && typeof e.message === 'string' && e.message)) {
      faults.push(`errors not all about ${about}`);
    }
  }
  return faults;
}

describe('bad input on every POST, PUT and PATCH: a 4xx problem+json, nothing stored', () => {
  let whole: WholeSystem;
  let fixtures: Fixtures;
  const documents = new Map<ServiceName, OpenApiDocument>();
  const databases = new Map<ServiceName, Client>();
  let rowsBefore: Record<string, number>;
  const casesTried = new Map<string, number>();

  /** Rows of every table of every service database ("order.public.orders" → count). */
  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [service, client] of databases) {
      const { rows } = await client.query<{ name: string; count: string }>(
        `SELECT table_schema || '.' || table_name AS name,
                (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
                  false, true, '')))[1]::text AS count
           FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      for (const row of rows) counts[`${service}.${row.name}`] = Number(row.count);
    }
    return counts;
  }

  /** The counts once nothing moves any more: the setup's events have been relayed, consumed and notified. */
  async function settledRowCounts(): Promise<Record<string, number>> {
    let previous = await rowCounts();
    let stableFor = 0;
    return waitFor(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const now = await rowCounts();
        stableFor = JSON.stringify(now) === JSON.stringify(previous) ? stableFor + 1 : 0;
        previous = now;
        return stableFor >= 2 ? now : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 0, what: 'the row counts to settle' },
    );
  }

  const changedTables = (before: Record<string, number>, after: Record<string, number>) =>
    [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((table) => before[table] !== after[table])
      .map((table) => `${table}: ${before[table]} → ${after[table]}`);

  beforeAll(async () => {
    whole = await WholeSystem.start();
    const { system, flows } = whole;
    await flows.setStock(SKU, WAREHOUSE, 50);
    const customerId = `e2e-bad-${randomUUID()}`;
    const orderId = await flows.place([{ sku: SKU, quantity: 2 }], { customerId });
    await flows.waitForStatus(orderId, 'PROCESSING');
    const [pickList] = await flows.pickListsOf(orderId, 1, 'OPEN');
    const cart = await api<{ id: string }>(system.url('order'), 'POST', '/v1/carts', { customerId, currency: 'CNY' });
    if (cart.status !== 201) throw new Error(`cart answered ${cart.status}`);
    fixtures = { orderId, customerId, pickListId: pickList.id, cartId: cart.body.id };
    for (const service of SERVICES) {
      documents.set(service, (await (await fetch(`${system.url(service)}/docs-json`)).json()) as OpenApiDocument);
      const client = new Client({ connectionString: system.databaseUrl(service) });
      await client.connect();
      databases.set(service, client);
    }
    rowsBefore = await settledRowCounts();
  }, 180_000);

  afterAll(async () => {
    const total = [...casesTried.values()].reduce((sum, n) => sum + n, 0);
    console.info(`bad input: ${total} requests over ${casesTried.size} routes`);
    for (const client of databases.values()) await client.end();
    await whole?.stop();
  }, 60_000);

  it('has a case for every body-taking route of the OpenAPI documents, and no stale one', () => {
    const listed = SERVICES.flatMap((service) =>
      Object.entries(documents.get(service)!.paths).flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((method) => ['post', 'put', 'patch'].includes(method))
          .map((method) => `${service} ${method.toUpperCase()} ${path}`),
      ),
    );
    expect(listed.filter((route) => !ROUTES[route])).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !listed.includes(route))).toEqual([]);
  });

  async function send(route: string, params: Record<string, string>, request: BadRequest): Promise<Answer> {
    const [service, method, template] = route.split(' ') as [ServiceName, string, string];
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (params[name] === undefined) throw new Error(`${route}: no value for {${name}}`);
      return encodeURIComponent(params[name]);
    });
    casesTried.set(route, (casesTried.get(route) ?? 0) + 1);
    const response = await fetch(`${whole.system.url(service)}${path}`, {
      method,
      headers: { 'content-type': request.contentType },
      body: request.payload,
    });
    const text = await response.text();
    let problem: Answer['problem'];
    try {
      problem = JSON.parse(text) as Answer['problem'];
    } catch {
      problem = undefined;
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, problem };
  }

  async function expectRefused(route: string, params: Record<string, string>, request: BadRequest): Promise<void> {
    const answer = await send(route, params, request);
    const faults = refusalFaults(answer, request);
    if (faults.length > 0) {
      throw new Error(
        `${route} with ${request.what}: ${faults.join('; ')}\n  answered ${answer.status} ${answer.contentType} ${answer.text.slice(0, 400)}`,
      );
    }
  }

  it.each(Object.keys(ROUTES))(
    '%s refuses every bad body',
    async (route) => {
      const rowsAtStart = await rowCounts();
      const [service, method, path] = route.split(' ');
      const operation = documents.get(service as ServiceName)!.paths[path]?.[method.toLowerCase()];
      expect(operation).toBeDefined();
      const { params, sample } = ROUTES[route];
      const paramValues = params?.(fixtures) ?? {};
      const body = sample?.(fixtures);
      const declared = operation!.requestBody?.content['application/json']?.schema;
      // The table and the document agree on whether the route takes a body.
      expect({ route, takesBody: declared !== undefined }).toEqual({ route, takesBody: body !== undefined });

      if (declared && body) {
        const schema = bodySchemaOf(declared, documents.get(service as ServiceName)!, NUMBER_FACTS);
        expect(schemaViolations(body, schema)).toEqual([]);
        await fc.assert(
          fc.asyncProperty(invalidBodies(body, schema), (request) => expectRefused(route, paramValues, request)),
          { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
        );
      }
      for (const request of wholeBodyCases(body, BODY_LIMIT_BYTES)) await expectRefused(route, paramValues, request);

      expect(changedTables(rowsAtStart, await rowCounts())).toEqual([]);
    },
    90_000,
  );

  it('stored nothing in any table of any service, even a moment later', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(changedTables(rowsBefore, await rowCounts())).toEqual([]);
  });
});
