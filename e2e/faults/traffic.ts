import { randomUUID } from 'node:crypto';
import { signWebhook } from '@oms/platform';
import { E2E_SECRETS, type PickListView } from '../harness/flows';
import { api, type System } from '../harness/system';

export interface TrafficStats {
  attempts: number;
  accepted: number;
  /** Answers other than 201 that were retried (connection refused while a service was down, 5xx, 503). */
  retried: number;
  warehouseErrors: number;
}

/**
 * Customers placing orders at a steady rate. Each order is sent until it is answered 201, with the same
 * Idempotency-Key, so that a request cut off by a crash is retried as the same order (as a real client
 * would): the order service must neither lose it nor create it twice.
 */
export class Customers {
  readonly accepted: string[] = [];
  readonly stats: TrafficStats = { attempts: 0, accepted: 0, retried: 0, warehouseErrors: 0 };

  constructor(
    private readonly system: System,
    private readonly skus: string[],
    private readonly random: () => number,
  ) {}

  async place(count: number, perSecond: number): Promise<void> {
    const inFlight: Array<Promise<void>> = [];
    const started = Date.now();
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / perSecond;
      await sleep(Math.max(0, due - Date.now()));
      inFlight.push(this.placeOne());
    }
    await Promise.all(inFlight);
  }

  private async placeOne(): Promise<void> {
    const key = randomUUID();
    const skus = pick(this.skus, 1 + Math.floor(this.random() * 2), this.random);
    const body = {
      customerId: `fault-${key}`,
      channel: 'web',
      currency: 'CNY',
      items: skus.map((sku) => ({ sku, quantity: 1 + Math.floor(this.random() * 3), unitPrice: 2000 })),
      shippingAddress: {
        name: 'Lin Yue',
        phone: '+8613700000000',
        line1: '18 Nanjing Rd',
        city: 'Shanghai',
        region: 'Shanghai',
        postalCode: '200001',
        country: 'CN',
      },
      contact: { email: `fault-${key.slice(0, 8)}@example.com`, locale: 'en' },
      payment: { method: 'cod' },
    };
    for (let attempt = 1; ; attempt++) {
      this.stats.attempts += 1;
      const answer = await api<{ id: string }>(this.system.url('order'), 'POST', '/v1/orders', body, {
        'idempotency-key': key,
      }).catch(() => undefined);
      if (answer && (answer.status === 201 || answer.status === 200)) {
        if (!this.accepted.includes(answer.body.id)) this.accepted.push(answer.body.id);
        this.stats.accepted = this.accepted.length;
        return;
      }
      if (answer && answer.status >= 400 && answer.status < 500 && answer.status !== 409 && answer.status !== 429) {
        throw new Error(`order refused: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      this.stats.retried += 1;
      await sleep(Math.min(2000, 200 * attempt));
    }
  }
}

/**
 * The warehouse and the carrier, through the public APIs: picks and packs every open pick list,
 * dispatches every packed shipment and reports it delivered. Errors while a service is down are counted
 * and the work is picked up again on the next round.
 */
export class WarehouseAndCarrier {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly shipmentsToFollow = new Set<string>();

  constructor(
    private readonly system: System,
    private readonly stats: TrafficStats,
  ) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.round().catch(() => (this.stats.warehouseErrors += 1));
        await sleep(300);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async round(): Promise<void> {
    const fulfillment = this.system.url('fulfillment');
    for (const status of ['OPEN', 'PICKING', 'PICKED'] as const) {
      const page = await api<{ items: PickListView[] }>(
        fulfillment,
        'GET',
        `/v1/pick-lists?status=${status}&limit=100`,
      );
      for (const list of page.body.items ?? []) {
        await this.pickAndPack(fulfillment, list, status);
        for (const orderId of list.orderIds) this.shipmentsToFollow.add(orderId);
      }
    }
    const shipping = this.system.url('shipping');
    for (const orderId of [...this.shipmentsToFollow]) {
      const page = await api<{
        items: Array<{ id: string; status: string; carrier?: string; trackingNumber?: string }>;
      }>(shipping, 'GET', `/v1/shipments?orderId=${orderId}`);
      let open = false;
      for (const shipment of page.body.items ?? []) {
        if (shipment.status === 'CREATED') {
          open = true;
          const dispatched = await api<{ carrier: string; trackingNumber: string }>(
            shipping,
            'POST',
            `/v1/shipments/${shipment.id}/dispatch`,
            {},
          );
          if (dispatched.status === 200) await this.reportDelivered(shipping, dispatched.body);
        } else if (shipment.status === 'DISPATCHED' && shipment.carrier && shipment.trackingNumber) {
          open = true;
          await this.reportDelivered(shipping, { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber });
        }
      }
      // Packed lists whose shipment is not created yet stay followed until it shows up and is delivered.
      if (!open && (page.body.items ?? []).length > 0) this.shipmentsToFollow.delete(orderId);
    }
  }

  private async pickAndPack(fulfillment: string, list: PickListView, status: string): Promise<void> {
    const lines = list.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    if (status !== 'PICKED') {
      const picked = await api(fulfillment, 'POST', `/v1/pick-lists/${list.id}/pick`, { lines });
      if (picked.status !== 200) return;
    }
    await api(fulfillment, 'POST', `/v1/pick-lists/${list.id}/pack`, { packages: [{ weightGrams: 600, lines }] });
  }

  private async reportDelivered(shipping: string, parcel: { carrier: string; trackingNumber: string }): Promise<void> {
    const report = JSON.stringify({
      trackingNumber: parcel.trackingNumber,
      status: 'delivered',
      at: new Date().toISOString(),
    });
    await fetch(`${shipping}/v1/carriers/${parcel.carrier}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': signWebhook(report, E2E_SECRETS.CARRIER_WEBHOOK_SECRET),
      },
      body: report,
    });
  }
}

/** A seeded generator (mulberry32), so that a failing run can be repeated with FAULTS_SEED. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return chosen;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
