import { randomUUID } from 'node:crypto';
import { signWebhook } from '@oms/platform';
import { waitFor } from '@oms/platform/testing';
import { api, type System } from './system';

/** The secrets the e2e system is started with, so that flows can sign webhooks like carriers and payers do. */
export const E2E_SECRETS = {
  CARRIER_WEBHOOK_SECRET: 'e2e-carrier-secret-0123456789',
  PAYMENT_WEBHOOK_SECRET: 'e2e-payment-secret-0123456789',
  PAYMENT_PROVIDER_SECRET: 'e2e-provider-secret-0123456789',
};

/** A complete address (the review policy holds orders whose address lacks a field). */
export const SHANGHAI_ADDRESS = {
  name: 'Lin Yue',
  phone: '+8613700000000',
  line1: '18 Nanjing Rd',
  city: 'Shanghai',
  region: 'Shanghai',
  postalCode: '200001',
  country: 'CN',
};

export interface OrderLineView {
  sku: string;
  quantity: number;
  reserved: number;
  backordered: number;
  shipped: number;
  cancelled: number;
  returned: number;
  refunded: number;
}

export interface OrderView {
  id: string;
  status: string;
  items: OrderLineView[];
  totals: { total: number };
  payment: { status: string; refunded: number; amount?: number };
  shipments: Array<{
    shipmentId: string;
    status: string;
    purpose: string;
    trackingNumber: string;
    resolutionsOffered: string[];
  }>;
  reships: Array<{ reshipId: string; status: string }>;
  cancellations: Array<{ cancellationId: string; status: string; steps: Array<{ step: string; status: string }> }>;
}

export interface PickListView {
  id: string;
  status: string;
  orderIds: string[];
  lines: Array<{ sku: string; quantity: number }>;
}

/**
 * What users of the system do, through its public APIs only: place orders, pick and pack as the warehouse,
 * dispatch, report as a carrier, pay as a payment provider; and what tests wait for.
 */
export class OrderFlows {
  constructor(private readonly system: System) {}

  private get orderUrl() {
    return this.system.url('order');
  }

  async place(
    items: Array<{ sku: string; quantity: number; unitPrice?: number }>,
    options: {
      customerId?: string;
      email?: string;
      payment?: 'cod' | 'prepaid';
      shipComplete?: boolean;
      address?: Record<string, string>;
    } = {},
  ): Promise<string> {
    const body = {
      customerId: options.customerId ?? `e2e-${randomUUID()}`,
      channel: 'web',
      currency: 'CNY',
      items: items.map((i) => ({ sku: i.sku, quantity: i.quantity, unitPrice: i.unitPrice ?? 4800 })),
      shippingAddress: { ...SHANGHAI_ADDRESS, ...options.address },
      contact: { email: options.email ?? 'lin@example.com', locale: 'en' },
      payment: { method: options.payment ?? 'cod' },
      ...(options.shipComplete ? { shipComplete: true } : {}),
    };
    // As a well-behaved client: one Idempotency-Key, and a retry when the service says it is overloaded.
    const headers = { 'idempotency-key': randomUUID() };
    let placed = await api<{ id: string }>(this.orderUrl, 'POST', '/v1/orders', body, headers);
    for (let retry = 1; placed.status === 503 && retry <= 20; retry++) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(placed.headers.get('retry-after') ?? 1)));
      placed = await api<{ id: string }>(this.orderUrl, 'POST', '/v1/orders', body, headers);
    }
    if (placed.status !== 201) throw new Error(`placing failed: ${placed.status} ${JSON.stringify(placed.body)}`);
    return placed.body.id;
  }

  async order(id: string): Promise<OrderView> {
    return (await api<OrderView>(this.orderUrl, 'GET', `/v1/orders/${id}`)).body;
  }

  waitForOrder(id: string, what: string, check: (order: OrderView) => boolean, timeoutMs = 45_000) {
    return waitFor(
      async () => {
        const order = await this.order(id);
        return check(order) ? order : undefined;
      },
      { timeoutMs, intervalMs: 100, what: `order ${id}: ${what}` },
    );
  }

  waitForStatus(id: string, status: string, timeoutMs = 45_000) {
    return this.waitForOrder(id, status, (o) => o.status === status, timeoutMs);
  }

  /** Pays a prepaid order as the payment provider does: a signed webhook. */
  async pay(orderId: string, reference = `PAY-${orderId.slice(0, 8)}`): Promise<void> {
    const { totals } = await this.order(orderId);
    const notice = JSON.stringify({ orderId, amount: totals.total, reference, provider: 'alipay' });
    const paid = await fetch(`${this.orderUrl}/v1/payments/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': signWebhook(notice, E2E_SECRETS.PAYMENT_WEBHOOK_SECRET),
      },
      body: notice,
    });
    if (paid.status !== 200) throw new Error(`payment webhook answered ${paid.status}`);
  }

  async pickListsOf(orderId: string, count = 1, status?: string): Promise<PickListView[]> {
    return waitFor(
      async () => {
        const page = await api<{ items: PickListView[] }>(
          this.system.url('fulfillment'),
          'GET',
          `/v1/pick-lists?orderId=${orderId}${status ? `&status=${status}` : ''}`,
        );
        return page.body.items.length >= count ? page.body.items : undefined;
      },
      { timeoutMs: 45_000, what: `${count} pick list(s) of ${orderId}` },
    );
  }

  /** Picks in full and packs into one parcel; returns the answers' statuses (200, or 409 when refused). */
  async pickAndPack(list: PickListView): Promise<{ pick: number; pack: number }> {
    const fulfillment = this.system.url('fulfillment');
    const lines = list.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    const pick = (await api(fulfillment, 'POST', `/v1/pick-lists/${list.id}/pick`, { lines })).status;
    if (pick !== 200) return { pick, pack: 0 };
    const picked = await api<{ lines: Array<{ sku: string; picked: number }> }>(
      fulfillment,
      'GET',
      `/v1/pick-lists/${list.id}`,
    );
    const packLines = picked.body.lines.filter((l) => l.picked > 0).map((l) => ({ sku: l.sku, quantity: l.picked }));
    const pack = (
      await api(fulfillment, 'POST', `/v1/pick-lists/${list.id}/pack`, {
        packages: [{ weightGrams: 800, lines: packLines }],
      })
    ).status;
    return { pick, pack };
  }

  async shipmentsOf(orderId: string, count = 1): Promise<Array<{ id: string; status: string; orderIds: string[] }>> {
    return waitFor(
      async () => {
        const page = await api<{ items: Array<{ id: string; status: string; orderIds: string[] }> }>(
          this.system.url('shipping'),
          'GET',
          `/v1/shipments?orderId=${orderId}`,
        );
        return page.body.items.length >= count ? page.body.items : undefined;
      },
      { timeoutMs: 45_000, what: `${count} shipment(s) of ${orderId}` },
    );
  }

  async dispatch(shipmentId: string): Promise<{ carrier: string; trackingNumber: string }> {
    const dispatched = await api<{ carrier: string; trackingNumber: string }>(
      this.system.url('shipping'),
      'POST',
      `/v1/shipments/${shipmentId}/dispatch`,
      {},
    );
    if (dispatched.status !== 200) throw new Error(`dispatch answered ${dispatched.status}`);
    return dispatched.body;
  }

  /** A carrier's signed tracking report. */
  async carrierReports(
    parcel: { carrier: string; trackingNumber: string },
    status: 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception',
    detail?: string,
  ): Promise<void> {
    const report = JSON.stringify({
      trackingNumber: parcel.trackingNumber,
      status,
      at: new Date().toISOString(),
      ...(detail ? { detail } : {}),
    });
    const answer = await fetch(`${this.system.url('shipping')}/v1/carriers/${parcel.carrier}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': signWebhook(report, E2E_SECRETS.CARRIER_WEBHOOK_SECRET),
      },
      body: report,
    });
    if (answer.status !== 200) throw new Error(`carrier webhook answered ${answer.status}`);
  }

  /** Every pick list of the order picked, packed, dispatched and delivered; returns the parcels. */
  async shipAndDeliver(orderId: string, pickLists = 1): Promise<Array<{ carrier: string; trackingNumber: string }>> {
    const lists = await this.pickListsOf(orderId, pickLists, 'OPEN');
    for (const list of lists) await this.pickAndPack(list);
    const shipments = await this.shipmentsOf(orderId, lists.length);
    const parcels = [];
    for (const shipment of shipments.filter((s) => s.status === 'CREATED')) {
      const parcel = await this.dispatch(shipment.id);
      await this.carrierReports(parcel, 'delivered');
      parcels.push(parcel);
    }
    return parcels;
  }

  async timeline(orderId: string): Promise<Array<{ type: string; source: string; detail: Record<string, unknown> }>> {
    return (
      await api<{ items: Array<{ type: string; source: string; detail: Record<string, unknown> }> }>(
        this.orderUrl,
        'GET',
        `/v1/orders/${orderId}/timeline`,
      )
    ).body.items;
  }

  /** The timeline once it holds every one of `types`: other services' events reach the order a moment later. */
  async timelineWith(orderId: string, types: string[]): Promise<string[]> {
    return waitFor(
      async () => {
        const seen = (await this.timeline(orderId)).map((e) => e.type);
        return types.every((type) => seen.includes(type)) ? seen : undefined;
      },
      { timeoutMs: 30_000, what: `${types.join(', ')} in the timeline of ${orderId}` },
    );
  }

  async stock(sku: string): Promise<{ onHand: number; reserved: number; available: number; backordered: number }> {
    return (
      await api<{ onHand: number; reserved: number; available: number; backordered: number }>(
        this.system.url('inventory'),
        'GET',
        `/v1/stock/${sku}`,
      )
    ).body;
  }

  async setStock(sku: string, warehouseId: string, onHand: number): Promise<void> {
    const answer = await api(this.system.url('inventory'), 'PUT', `/v1/stock/${sku}/${warehouseId}`, { onHand });
    if (answer.status !== 200) throw new Error(`stocktake answered ${answer.status}`);
  }

  async warehouse(id: string, priority: number): Promise<void> {
    const answer = await api(this.system.url('inventory'), 'PUT', `/v1/warehouses/${id}`, { name: id, priority });
    if (answer.status !== 200) throw new Error(`warehouse answered ${answer.status}`);
  }
}
