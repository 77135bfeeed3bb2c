import { EventHeaders } from '@oms/contracts';
import { signWebhook } from '@oms/platform';
import { testKafkaClient, uniqueSuffix } from '@oms/platform/testing';
import type { MessageConsumer } from '@oms/platform';
import { E2E_SECRETS } from '../../e2e/harness/flows';
import type { System } from '../../e2e/harness/system';

/** When each order reached each status, from the order service's own OrderStatusChanged events. */
export class OrderClock {
  readonly reached = new Map<string, Map<string, number>>();
  private consumer: MessageConsumer | undefined;

  async start(system: System): Promise<void> {
    this.consumer = await follow(system, 'order.events', async (type, payload, orderId) => {
      if (type !== 'OrderStatusChanged' || !orderId) return;
      const to = (payload as { to: string }).to;
      const times = this.reached.get(orderId) ?? new Map<string, number>();
      if (!times.has(to)) times.set(to, Date.now());
      this.reached.set(orderId, times);
    });
  }

  at(orderId: string, status: string): number | undefined {
    return this.reached.get(orderId)?.get(status);
  }

  stop(): Promise<void> {
    return this.consumer?.stop() ?? Promise.resolve();
  }
}

/**
 * The warehouse and the carrier, driven by the system's own events through its public APIs: a pick list
 * created is started, picked in full and packed; a shipment created is dispatched and reported delivered.
 * Event-driven, so that the benchmark measures the pipeline, not a poller's interval.
 */
export class WarehouseAndCarrier {
  private readonly consumers: MessageConsumer[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  errors = 0;

  constructor(private readonly system: System) {}

  async start(): Promise<void> {
    this.consumers.push(
      await follow(this.system, 'fulfillment.events', (type, payload) => {
        if (type !== 'PickListCreated') return Promise.resolve();
        return this.track(this.pickAndPack(payload as PickListCreated));
      }),
      await follow(this.system, 'shipping.events', (type, payload) => {
        if (type !== 'ShipmentCreated') return Promise.resolve();
        return this.track(this.dispatchAndDeliver((payload as { shipmentId: string }).shipmentId));
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    await Promise.all(this.inFlight);
  }

  /** Not awaited by the consumer: the warehouse works many lists at once, like a floor of pickers. */
  private track(work: Promise<void>): Promise<void> {
    const tracked = work.catch(() => void (this.errors += 1)).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return Promise.resolve();
  }

  private async pickAndPack(list: PickListCreated): Promise<void> {
    const base = this.system.url('fulfillment');
    const lines = list.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    await expectOk(post(base, `/v1/pick-lists/${list.pickListId}/start`, {}));
    await expectOk(post(base, `/v1/pick-lists/${list.pickListId}/pick`, { lines }));
    await expectOk(post(base, `/v1/pick-lists/${list.pickListId}/pack`, { packages: [{ weightGrams: 600, lines }] }));
  }

  private async dispatchAndDeliver(shipmentId: string): Promise<void> {
    const base = this.system.url('shipping');
    const parcel = (await expectOk(post(base, `/v1/shipments/${shipmentId}/dispatch`, {}))) as {
      carrier: string;
      trackingNumber: string;
    };
    const report = JSON.stringify({
      trackingNumber: parcel.trackingNumber,
      status: 'delivered',
      at: new Date().toISOString(),
    });
    const answer = await fetch(`${base}/v1/carriers/${parcel.carrier}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': signWebhook(report, E2E_SECRETS.CARRIER_WEBHOOK_SECRET),
      },
      body: report,
    });
    if (!answer.ok) throw new Error(`carrier webhook answered ${answer.status}`);
  }
}

interface PickListCreated {
  pickListId: string;
  lines: Array<{ sku: string; quantity: number }>;
}

async function follow(
  system: System,
  topic: string,
  onEvent: (type: string, payload: unknown, orderId: string | null) => Promise<void> | void,
): Promise<MessageConsumer> {
  const consumer = testKafkaClient(`bench-${topic}`).consumer({
    groupId: `bench-${topic}-${uniqueSuffix()}`,
    topics: [`${system.topicPrefix}${topic}`],
    fromBeginning: false,
  });
  void consumer.run(async (batch, control) => {
    for (const message of batch.messages) {
      const type = message.headers[EventHeaders.type];
      if (!type || !message.value) continue;
      const envelope = JSON.parse(message.value.toString('utf8')) as { payload: unknown; orderId: string | null };
      await onEvent(type, envelope.payload, envelope.orderId);
    }
    await control.commit(batch.messages[batch.messages.length - 1]!);
  });
  const deadline = Date.now() + 30_000;
  while (!consumer.isHealthy()) {
    if (Date.now() > deadline) throw new Error(`bench consumer of ${topic} did not join`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return consumer;
}

async function post(base: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function expectOk(pending: Promise<Response>): Promise<unknown> {
  const response = await pending;
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : {};
}
