import { waitFor } from '@oms/platform/testing';
import type { OrderFlows } from './harness/flows';
import { WholeSystem } from './harness/whole-system';
import { api, type System } from './harness/system';

interface ReturnView {
  id: string;
  status: string;
  reference: string | null;
  warehouseId: string | null;
  refund: { refundId: string; amount: number } | null;
}

/**
 * After-sales across processes: returns within the window (approved by staff or by the rules, rejected, or
 * refused after the window), received and inspected per line (stock back or written off), refunded once
 * through the payment provider even when it fails for a while, exchanged (the replacement waits for stock and
 * ships), and a low rating that opens a case staff work through the API.
 */
describe('after-sales: returns, refunds, exchanges and cases', () => {
  let whole: WholeSystem;
  let system: System;
  let flows: OrderFlows;
  let smtp: WholeSystem['smtp'];
  let provider: WholeSystem['provider'];

  beforeAll(async () => {
    whole = await WholeSystem.start({
      REFUND_RETRY_BASE_MS: '100',
      REFUND_RETRY_MAX_MS: '400',
      RETURN_WINDOW_SECONDS: '12',
      RETURN_WINDOW_POLL_INTERVAL_MS: '200',
    });
    ({ system, flows, smtp, provider } = whole);
    for (const sku of ['E2E-RT-TEA', 'E2E-RT-CUP', 'E2E-RT-POT-S']) await flows.setStock(sku, 'sh-1', 10);
    await flows.setStock('E2E-RT-POT-L', 'sh-1', 0);
  }, 180_000);

  afterAll(() => whole?.stop());

  const aftersales = () => system.url('aftersales');
  const returnOf = async (id: string) => (await api<ReturnView>(aftersales(), 'GET', `/v1/returns/${id}`)).body;
  const waitForReturn = (id: string, status: string) =>
    waitFor(async () => ((await returnOf(id)).status === status ? returnOf(id) : undefined), {
      timeoutMs: 30_000,
      what: `return ${id} ${status}`,
    });
  const delivered = async (items: Array<{ sku: string; quantity: number; unitPrice?: number }>, prepaid = false) => {
    const orderId = await flows.place(items, { payment: prepaid ? 'prepaid' : 'cod', email: 'returns@example.com' });
    if (prepaid) {
      await flows.waitForStatus(orderId, 'AWAITING_PAYMENT');
      await flows.pay(orderId, `ALI-RT-${orderId.slice(0, 6)}`);
    }
    await flows.waitForStatus(orderId, 'PROCESSING');
    await flows.shipAndDeliver(orderId);
    await flows.waitForStatus(orderId, 'DELIVERED');
    return orderId;
  };
  const requestReturn = (body: object) =>
    api<ReturnView & { type?: string }>(aftersales(), 'POST', '/v1/returns', body);

  it('one of two units returned, received resellable: stock back, refunded once, the order shows it, then COMPLETED', async () => {
    const orderId = await delivered([{ sku: 'E2E-RT-TEA', quantity: 2, unitPrice: 6000 }], true);
    const before = await flows.stock('E2E-RT-TEA');
    const requested = await requestReturn({
      orderId,
      items: [{ sku: 'E2E-RT-TEA', quantity: 1 }],
      reason: 'size-or-fit',
      comment: 'Too much tea',
    });
    expect(requested.status).toBe(201);
    expect(requested.body.status).toBe('REQUESTED');
    const approved = await api<ReturnView>(
      aftersales(),
      'POST',
      `/v1/returns/${requested.body.id}/approve`,
      {},
      {
        'x-staff-id': 'staff-cs-9',
      },
    );
    expect(approved.body).toMatchObject({
      status: 'APPROVED',
      warehouseId: 'sh-1',
      reference: expect.stringMatching(/^RMA-/),
    });
    await waitFor(() => smtp.mails.find((m) => m.subject.startsWith(`Return ${approved.body.reference}`)), {
      what: 'the approval e-mail with the reference',
    });

    const received = await api<ReturnView>(aftersales(), 'POST', `/v1/returns/${requested.body.id}/receive`, {
      lines: [{ sku: 'E2E-RT-TEA', quantity: 1, condition: 'resellable' }],
    });
    expect(received.status).toBe(200);
    const done = await waitForReturn(requested.body.id, 'COMPLETED');
    expect(done.refund).toMatchObject({ amount: 6000 });
    await waitFor(async () => (await flows.stock('E2E-RT-TEA')).onHand === before.onHand + 1, {
      what: 'the unit back on hand',
    });
    // Asked again, the refund is the one already made: the provider paid once.
    const again = await api<ReturnView>(aftersales(), 'POST', `/v1/returns/${requested.body.id}/refund`);
    expect(again.status).toBe(200);
    expect(again.body.refund!.refundId).toBe(done.refund!.refundId);
    const order = await flows.waitForOrder(orderId, 'refund on the order', (o) => o.payment.refunded === 6000);
    expect(order.payment.status).toBe('PARTIALLY_REFUNDED');
    expect(order.items[0]).toMatchObject({ quantity: 2, shipped: 2, returned: 1, refunded: 1 });
    expect(provider.received.filter((r) => r.body.paymentReference === `ALI-RT-${orderId.slice(0, 6)}`)).toHaveLength(
      1,
    );
    await flows.timelineWith(orderId, [
      'ReturnRequested',
      'ReturnApproved',
      'ReturnReceived',
      'StockRestocked',
      'RefundIssued',
    ]);
    await flows.waitForStatus(orderId, 'COMPLETED', 30_000);
  });

  it('a damaged return is approved by the rules, written off on receipt, and refunded', async () => {
    const orderId = await delivered([{ sku: 'E2E-RT-CUP', quantity: 1, unitPrice: 3000 }]);
    const before = await flows.stock('E2E-RT-CUP');
    const requested = await requestReturn({ orderId, items: [{ sku: 'E2E-RT-CUP', quantity: 1 }], reason: 'damaged' });
    expect(requested.body.status).toBe('APPROVED');
    await api(aftersales(), 'POST', `/v1/returns/${requested.body.id}/receive`, {
      lines: [{ sku: 'E2E-RT-CUP', quantity: 1, condition: 'damaged', writeOffReason: 'cracked glaze' }],
    });
    const done = await waitForReturn(requested.body.id, 'COMPLETED');
    expect(done.refund!.amount).toBe(3000);
    const movements = await waitFor(
      async () => {
        const page = await api<{ items: Array<{ kind: string; reason: string; onHandDelta: number }> }>(
          system.url('inventory'),
          'GET',
          '/v1/stock/E2E-RT-CUP/sh-1/movements',
        );
        return page.body.items.find((m) => m.kind === 'return-written-off');
      },
      { what: 'the write-off in the ledger' },
    );
    expect(movements).toMatchObject({ reason: 'cracked glaze', onHandDelta: 0 });
    expect((await flows.stock('E2E-RT-CUP')).onHand).toBe(before.onHand);
    await flows.timelineWith(orderId, ['StockWrittenOff']);
  });

  it('a rejected return, and one asked after the window (422)', async () => {
    const orderId = await delivered([{ sku: 'E2E-RT-CUP', quantity: 2 }]);
    const requested = await requestReturn({
      orderId,
      items: [{ sku: 'E2E-RT-CUP', quantity: 2 }],
      reason: 'no-longer-needed',
    });
    const rejected = await api<ReturnView>(aftersales(), 'POST', `/v1/returns/${requested.body.id}/reject`, {
      reason: 'opened tea sets cannot be returned',
    });
    expect(rejected.body.status).toBe('REJECTED');
    await waitFor(() => smtp.mails.find((m) => /return for order .* was not accepted/.test(m.subject)), {
      what: 'the rejection e-mail',
    });
    expect((await api(aftersales(), 'POST', `/v1/returns/${requested.body.id}/approve`, {})).status).toBe(409);
    // More than was delivered: 422 with the field.
    const tooMany = await requestReturn({ orderId, items: [{ sku: 'E2E-RT-CUP', quantity: 3 }], reason: 'defective' });
    expect(tooMany.status).toBe(422);

    await new Promise((resolve) => setTimeout(resolve, 12_500));
    const late = await requestReturn({ orderId, items: [{ sku: 'E2E-RT-CUP', quantity: 1 }], reason: 'defective' });
    expect(late.status).toBe(422);
    expect(late.headers.get('content-type')).toMatch(/problem\+json/);
    expect(JSON.stringify(late.body)).toMatch(/window closed/);
  });

  it('an exchange waits for the other size, then ships it as a replacement', async () => {
    const orderId = await delivered([{ sku: 'E2E-RT-POT-S', quantity: 1, unitPrice: 26000 }]);
    const requested = await requestReturn({
      orderId,
      items: [{ sku: 'E2E-RT-POT-S', quantity: 1 }],
      reason: 'size-or-fit',
      resolution: 'exchange',
      exchangeItems: [{ sku: 'E2E-RT-POT-L', quantity: 1 }],
    });
    await api(aftersales(), 'POST', `/v1/returns/${requested.body.id}/approve`, {});
    await api(aftersales(), 'POST', `/v1/returns/${requested.body.id}/receive`, {
      lines: [{ sku: 'E2E-RT-POT-S', quantity: 1, condition: 'resellable' }],
    });
    const waiting = await flows.waitForOrder(orderId, 'the exchange waiting for stock', (o) =>
      o.reships.some((r) => r.status === 'WAITING'),
    );
    expect(waiting.reships).toEqual([expect.objectContaining({ status: 'WAITING' })]);
    expect(await flows.stock('E2E-RT-POT-L')).toMatchObject({ backordered: 1 });

    await api(system.url('inventory'), 'POST', '/v1/stock/E2E-RT-POT-L/sh-1/replenishments', { quantity: 2 });
    const list = await waitFor(async () => (await flows.pickListsOf(orderId, 2)).find((l) => l.status === 'OPEN'), {
      what: 'the replacement pick list',
    });
    expect(list.lines).toEqual([expect.objectContaining({ sku: 'E2E-RT-POT-L', quantity: 1 })]);
    await flows.pickAndPack(list);
    const shipment = await waitFor(
      async () => (await flows.shipmentsOf(orderId, 2)).find((s) => s.status === 'CREATED'),
      { what: 'the replacement shipment' },
    );
    await flows.carrierReports(await flows.dispatch(shipment.id), 'delivered');
    await waitForReturn(requested.body.id, 'COMPLETED');
    await waitFor(
      () =>
        smtp.mails.find(
          (m) =>
            m.subject.startsWith('The replacement for order') && m.subject.includes(orderId.slice(0, 8).toUpperCase()),
        ),
      {
        what: 'the replacement e-mail',
      },
    );
    const order = await flows.waitForOrder(
      orderId,
      'replacement delivered',
      (o) => o.reships[0]?.status === 'DELIVERED',
    );
    expect(order.shipments.map((s) => s.purpose).sort()).toEqual(['exchange', 'order']);
  });

  it('a refund the provider fails is retried until it succeeds, and paid once', async () => {
    const orderId = await delivered([{ sku: 'E2E-RT-TEA', quantity: 1, unitPrice: 8800 }], true);
    provider.answers.set(`ALI-RT-${orderId.slice(0, 6)}`, [503, 500, 503]);
    const requested = await requestReturn({
      orderId,
      items: [{ sku: 'E2E-RT-TEA', quantity: 1 }],
      reason: 'defective',
    });
    await api(aftersales(), 'POST', `/v1/returns/${requested.body.id}/receive`, {
      lines: [{ sku: 'E2E-RT-TEA', quantity: 1, condition: 'resellable' }],
    });
    await waitForReturn(requested.body.id, 'COMPLETED');
    const calls = provider.received.filter((r) => r.body.paymentReference === `ALI-RT-${orderId.slice(0, 6)}`);
    expect(calls.map((c) => c.answeredWith)).toEqual([503, 500, 503, 200]);
    expect(new Set(calls.map((c) => c.body.refundId)).size).toBe(1);
    expect(new Set(calls.map((c) => c.headers['idempotency-key'])).size).toBe(1);
    await flows.waitForOrder(orderId, 'refunded once', (o) => o.payment.refunded === 8800);
  });

  it('a 1-star rating opens a case that staff take, note and resolve, with the order beside it', async () => {
    const orderId = await delivered([{ sku: 'E2E-RT-CUP', quantity: 1 }]);
    const feedback = await api<{ caseId: string }>(aftersales(), 'POST', '/v1/feedback', {
      orderId,
      rating: 1,
      comment: 'Arrived late and cold',
    });
    expect(feedback.status).toBe(201);
    const caseId = feedback.body.caseId;
    expect(caseId).toBeTruthy();
    const taken = await api<{ status: string; assignee: string }>(aftersales(), 'PATCH', `/v1/cases/${caseId}`, {
      status: 'IN_PROGRESS',
      assignee: 'staff-cs-4',
      note: 'Called the customer',
    });
    expect(taken.body).toMatchObject({ status: 'IN_PROGRESS', assignee: 'staff-cs-4' });
    const resolved = await api<{
      status: string;
      outcome: string;
      notes: Array<{ text: string }>;
      orderTimeline: Array<{ what: string }>;
    }>(aftersales(), 'PATCH', `/v1/cases/${caseId}`, {
      status: 'RESOLVED',
      outcome: 'explained',
      resolution: 'Apologised; voucher sent',
    });
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', outcome: 'explained' });
    expect(resolved.body.notes.map((n) => n.text)).toEqual(['Called the customer']);
    expect(resolved.body.orderTimeline.map((e) => e.what)).toEqual(
      expect.arrayContaining(['order placed', 'shipment delivered', 'feedback', 'case resolved']),
    );
    await waitFor(async () => (await flows.timeline(orderId)).some((e) => e.type === 'CaseResolved'), {
      what: 'the case in the order timeline',
    });
  });
});
