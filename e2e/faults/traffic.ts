import { randomUUID } from 'node:crypto';
import { signWebhook } from '@oms/platform';
import { E2E_SECRETS, type PickListView, SHANGHAI_ADDRESS } from '../harness/flows';
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
  /** Prepaid orders and the payment reference they were paid with. */
  readonly paid = new Map<string, string>();
  /** Orders whose cancel was accepted (200); the rest of the cancels were refused after dispatch (409). */
  readonly cancelled: string[] = [];
  readonly stats: TrafficStats = { attempts: 0, accepted: 0, retried: 0, warehouseErrors: 0 };
  private readonly followUps: Array<Promise<void>> = [];

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
    await Promise.all(this.followUps);
  }

  /**
   * Places one order; about one in six is prepaid and paid through the signed provider webhook, and half of
   * those are cancelled by the customer a moment later (refunded through the compensation saga).
   */
  private async placeOne(): Promise<void> {
    const prepaid = this.random() < 1 / 6;
    const cancelLater = prepaid && this.random() < 0.5;
    const id = await this.placeUntilAnswered(prepaid);
    if (!prepaid) return;
    this.followUps.push(
      (async () => {
        await this.payUntilAnswered(id);
        if (!cancelLater) return;
        await sleep(this.random() * 3000);
        await this.cancelUntilAnswered(id);
      })(),
    );
  }

  private async placeUntilAnswered(prepaid: boolean): Promise<string> {
    const key = randomUUID();
    const skus = pick(this.skus, 1 + Math.floor(this.random() * 2), this.random);
    const body = {
      customerId: `fault-${key}`,
      channel: 'web',
      currency: 'CNY',
      items: skus.map((sku) => ({ sku, quantity: 1 + Math.floor(this.random() * 3), unitPrice: 2000 })),
      shippingAddress: SHANGHAI_ADDRESS,
      contact: { email: `fault-${key.slice(0, 8)}@example.com`, locale: 'en' },
      payment: { method: prepaid ? 'prepaid' : 'cod' },
    };
    for (let attempt = 1; ; attempt++) {
      this.stats.attempts += 1;
      const answer = await api<{ id: string }>(this.system.url('order'), 'POST', '/v1/orders', body, {
        'idempotency-key': key,
      }).catch(() => undefined);
      if (answer && (answer.status === 201 || answer.status === 200)) {
        if (!this.accepted.includes(answer.body.id)) this.accepted.push(answer.body.id);
        this.stats.accepted = this.accepted.length;
        return answer.body.id;
      }
      if (answer && answer.status >= 400 && answer.status < 500 && answer.status !== 409 && answer.status !== 429) {
        throw new Error(`order refused: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      this.stats.retried += 1;
      await sleep(Math.min(2000, 200 * attempt));
    }
  }

  /** The payment provider's signed notice, sent again until answered (a replay is answered as a duplicate). */
  private async payUntilAnswered(orderId: string): Promise<void> {
    const reference = `FLT-${orderId.slice(0, 8)}`;
    for (let attempt = 1; ; attempt++) {
      const order = await api<{ status: string; totals: { total: number } }>(
        this.system.url('order'),
        'GET',
        `/v1/orders/${orderId}`,
      ).catch(() => undefined);
      if (order?.status === 200 && order.body.status === 'AWAITING_PAYMENT') {
        const notice = JSON.stringify({ orderId, amount: order.body.totals.total, reference, provider: 'alipay' });
        const paid = await fetch(`${this.system.url('order')}/v1/payments/webhook`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-signature': signWebhook(notice, E2E_SECRETS.PAYMENT_WEBHOOK_SECRET),
          },
          body: notice,
        }).catch(() => undefined);
        if (paid?.status === 200) {
          this.paid.set(orderId, reference);
          return;
        }
      }
      this.stats.retried += 1;
      await sleep(Math.min(2000, 200 * attempt));
    }
  }

  private async cancelUntilAnswered(orderId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const answer = await api(this.system.url('order'), 'POST', `/v1/orders/${orderId}/cancel`, {
        reason: 'found it cheaper',
      }).catch(() => undefined);
      if (answer?.status === 200) {
        this.cancelled.push(orderId);
        return;
      }
      if (answer?.status === 409) return;
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
  /**
   * Orders and the pick lists packed for them (or tried: an answer lost in a crash may hide a pack that
   * happened), followed until each has as many shipments delivered or voided.
   */
  private readonly packedPerOrder = new Map<string, Set<string>>();

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
        for (const orderId of list.orderIds) {
          this.packedPerOrder.set(orderId, (this.packedPerOrder.get(orderId) ?? new Set()).add(list.id));
        }
        await this.pickAndPack(fulfillment, list, status);
      }
    }
    const shipping = this.system.url('shipping');
    for (const [orderId, packed] of [...this.packedPerOrder]) {
      const page = await api<{
        items: Array<{ id: string; status: string; carrier?: string; trackingNumber?: string }>;
      }>(shipping, 'GET', `/v1/shipments?orderId=${orderId}`);
      let finished = 0;
      for (const shipment of page.body.items ?? []) {
        if (shipment.status === 'DELIVERED' || shipment.status === 'VOIDED') finished += 1;
        if (shipment.status === 'CREATED') {
          const dispatched = await api<{ carrier: string; trackingNumber: string }>(
            shipping,
            'POST',
            `/v1/shipments/${shipment.id}/dispatch`,
            {},
          );
          if (dispatched.status === 200) await this.reportDelivered(shipping, dispatched.body);
        } else if (shipment.status === 'DISPATCHED' && shipment.carrier && shipment.trackingNumber) {
          await this.reportDelivered(shipping, { carrier: shipment.carrier, trackingNumber: shipment.trackingNumber });
        }
      }
      // A packed list's shipment is created a moment later (an event away): followed until it is delivered too.
      if (finished >= packed.size) this.packedPerOrder.delete(orderId);
    }
  }

  /**
   * As a picker does: start the list (from then on no order is merged into it), read what it asks for, pick
   * all of it, pack it. Picking from a list read before it was started would report lines merged in meanwhile
   * as not found (a short pick).
   */
  private async pickAndPack(fulfillment: string, list: PickListView, status: string): Promise<void> {
    if (status === 'OPEN') {
      const started = await api(fulfillment, 'POST', `/v1/pick-lists/${list.id}/start`, {});
      if (started.status !== 200) return;
    }
    const current = await api<
      Omit<PickListView, 'lines'> & { lines: Array<{ sku: string; quantity: number; picked?: number }> }
    >(fulfillment, 'GET', `/v1/pick-lists/${list.id}`);
    if (current.status !== 200) return;
    const lines = current.body.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    if (current.body.status === 'PICKING') {
      const picked = await api(fulfillment, 'POST', `/v1/pick-lists/${list.id}/pick`, { lines });
      if (picked.status !== 200) return;
    }
    if (current.body.status === 'PICKING' || current.body.status === 'PICKED') {
      const packLines = current.body.lines.map(({ sku, quantity, picked }) => ({ sku, quantity: picked || quantity }));
      await api(fulfillment, 'POST', `/v1/pick-lists/${list.id}/pack`, {
        packages: [{ weightGrams: 600, lines: current.body.status === 'PICKED' ? packLines : lines }],
      });
    }
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
