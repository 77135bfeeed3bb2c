import { waitFor } from '@oms/platform/testing';
import type { OrderFlows } from './harness/flows';
import { WholeSystem } from './harness/whole-system';
import { api, type System } from './harness/system';

/**
 * The cancellation saga across processes: the way back runs in reverse, one step at a time (void the shipment,
 * cancel the pick list, release the stock, refund); a step that fails or does not answer is asked again, then
 * surfaced to ops (CompensationFailed, a case, a staff e-mail), and finishes once its cause is gone.
 */
describe('cancel with compensation: reverse order, refunds, failures surfaced and recovered', () => {
  let whole: WholeSystem;
  let system: System;
  let flows: OrderFlows;
  let smtp: WholeSystem['smtp'];
  let provider: WholeSystem['provider'];

  beforeAll(async () => {
    whole = await WholeSystem.start({
      STAFF_EMAIL: 'ops@example.com',
      REFUND_MAX_ATTEMPTS: '2',
      REFUND_RETRY_BASE_MS: '100',
      REFUND_RETRY_MAX_MS: '400',
      COMPENSATION_STEP_TIMEOUT_MS: '1500',
      COMPENSATION_MAX_ATTEMPTS: '2',
      COMPENSATION_POLL_INTERVAL_MS: '200',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
    ({ system, flows, smtp, provider } = whole);
    await flows.setStock('E2E-DAHONGPAO', 'sh-1', 10);
    await flows.setStock('E2E-TEACUP', 'sh-1', 10);
  }, 180_000);

  afterAll(() => whole?.stop());

  const stepsOf = (order: Awaited<ReturnType<OrderFlows['order']>>) =>
    order.cancellations.flatMap((c) => c.steps.map((s) => `${s.step}:${s.status}`));
  const casesOf = async (orderId: string) =>
    (
      await api<{ items: Array<{ kind: string; status: string }> }>(
        system.url('aftersales'),
        'GET',
        `/v1/cases?orderId=${orderId}`,
      )
    ).body.items;

  it('a paid, packed order cancelled: shipment voided, pick list cancelled, stock released, then refunded once', async () => {
    const orderId = await flows.place([{ sku: 'E2E-DAHONGPAO', quantity: 2, unitPrice: 9900 }], {
      payment: 'prepaid',
      email: 'refund@example.com',
    });
    await flows.waitForStatus(orderId, 'AWAITING_PAYMENT');
    await flows.pay(orderId, 'ALI-CX-1');
    await flows.waitForStatus(orderId, 'PROCESSING');
    const [list] = await flows.pickListsOf(orderId);
    await flows.pickAndPack(list!);
    await flows.shipmentsOf(orderId);

    const cancelled = await api<{ status: string }>(system.url('order'), 'POST', `/v1/orders/${orderId}/cancel`, {
      reason: 'bought it elsewhere',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');

    const done = await flows.waitForOrder(orderId, 'compensation done', (o) => o.cancellations[0]?.status === 'DONE');
    expect(stepsOf(done)).toEqual([
      'void-shipment:DONE',
      'cancel-pick-list:DONE',
      'release-stock:DONE',
      'refund-payment:DONE',
    ]);
    expect(done.payment).toMatchObject({ status: 'REFUNDED', refunded: 19800 });
    // In the timeline, in reverse order of the way forward: each answer before the next request.
    const types = (await flows.timeline(orderId)).map((e) => e.type);
    const at = (type: string) => types.indexOf(type);
    expect(at('ShipmentVoided')).toBeGreaterThan(-1);
    expect(at('ShippingCompensationCompleted')).toBeLessThan(at('PickListCancelled'));
    expect(at('FulfillmentCompensationCompleted')).toBeLessThan(at('StockReleased'));
    expect(at('InventoryCompensationCompleted')).toBeLessThan(at('RefundIssued'));
    expect(types.filter((t) => t === 'CompensationRequested')).toHaveLength(3);
    // Paid back once, signed, under the refund's own id.
    const refunds = provider.received.filter((r) => r.body.paymentReference === 'ALI-CX-1');
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.body.amount).toBe(19800);
    expect(await flows.stock('E2E-DAHONGPAO')).toMatchObject({ onHand: 10, reserved: 0 });
    await waitFor(
      () => smtp.mails.find((m) => m.to.includes('refund@example.com') && /^Refund of CN¥198\.00/.test(m.subject)),
      {
        what: 'the refund e-mail',
      },
    );
  });

  it('some lines of a paid order at the warehouse cancelled: the pick list follows, their price is refunded, the rest ships', async () => {
    const orderId = await flows.place(
      [
        { sku: 'E2E-DAHONGPAO', quantity: 2, unitPrice: 9900 },
        { sku: 'E2E-TEACUP', quantity: 1, unitPrice: 3000 },
      ],
      { payment: 'prepaid' },
    );
    await flows.waitForStatus(orderId, 'AWAITING_PAYMENT');
    await flows.pay(orderId, 'ALI-CX-3');
    await flows.waitForStatus(orderId, 'PROCESSING');
    const [first] = await flows.pickListsOf(orderId);

    const answer = await api<{ status: string; edit: { status: string } }>(
      system.url('order'),
      'POST',
      `/v1/orders/${orderId}/cancel`,
      { reason: 'one is enough', lines: [{ sku: 'E2E-DAHONGPAO', quantity: 1 }] },
      { prefer: 'wait=20' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'PROCESSING', edit: { status: 'APPLIED' } });
    const refunded = await flows.waitForOrder(orderId, 'the line refunded', (o) => o.payment.refunded === 9900);
    expect(refunded.payment.status).toBe('PARTIALLY_REFUNDED');
    expect(provider.received.filter((r) => r.body.paymentReference === 'ALI-CX-3').map((r) => r.body.amount)).toEqual([
      9900,
    ]);
    const fresh = await waitFor(
      async () => (await flows.pickListsOf(orderId, 2)).find((l) => l.id !== first!.id && l.status === 'OPEN'),
      { what: 'the pick list without the cancelled unit' },
    );
    expect(fresh.lines.map((l) => [l.sku, l.quantity]).sort()).toEqual([
      ['E2E-DAHONGPAO', 1],
      ['E2E-TEACUP', 1],
    ]);
    await flows.pickAndPack(fresh);
    const [shipment] = await flows.shipmentsOf(orderId);
    await flows.carrierReports(await flows.dispatch(shipment!.id), 'delivered');
    const delivered = await flows.waitForStatus(orderId, 'DELIVERED');
    expect(delivered.items.map((i) => [i.sku, i.quantity, i.cancelled, i.shipped])).toEqual([
      ['E2E-DAHONGPAO', 2, 1, 1],
      ['E2E-TEACUP', 1, 0, 1],
    ]);
  });

  it('a refund the provider keeps refusing is retried, surfaced to ops, and paid once when the provider is back', async () => {
    provider.answers.set('ALI-CX-2', [503, 503, 503, 503, 503, 503]);
    const orderId = await flows.place([{ sku: 'E2E-DAHONGPAO', quantity: 1, unitPrice: 9900 }], { payment: 'prepaid' });
    await flows.waitForStatus(orderId, 'AWAITING_PAYMENT');
    await flows.pay(orderId, 'ALI-CX-2');
    await flows.waitForStatus(orderId, 'PROCESSING');
    expect(
      (await api(system.url('order'), 'POST', `/v1/orders/${orderId}/cancel`, { reason: 'too slow' })).status,
    ).toBe(200);

    // Surfaced: CompensationFailed in the timeline, a case for staff, an e-mail to ops.
    await waitFor(async () => (await flows.timeline(orderId)).some((e) => e.type === 'CompensationFailed'), {
      what: 'CompensationFailed',
    });
    await waitFor(async () => (await casesOf(orderId)).find((c) => c.kind === 'compensation-failed'), {
      what: 'the compensation-failed case',
    });
    await waitFor(
      () =>
        smtp.mails.find((m) => m.to.includes('ops@example.com') && /needs you: refund-payment failed/.test(m.subject)),
      { what: 'the ops e-mail' },
    );
    // Still retried; once the provider answers, paid exactly once and the saga finishes.
    const done = await flows.waitForOrder(orderId, 'compensation done', (o) => o.cancellations[0]?.status === 'DONE');
    expect(done.payment).toMatchObject({ status: 'REFUNDED', refunded: 9900 });
    const calls = provider.received.filter((r) => r.body.paymentReference === 'ALI-CX-2');
    expect(calls.map((c) => c.answeredWith)).toEqual([503, 503, 503, 503, 503, 503, 200]);
    expect(new Set(calls.map((c) => c.headers['idempotency-key'])).size).toBe(1);
  });

  it('inventory down during a cancel: its step is asked again, surfaced, and finished when inventory is back', async () => {
    const orderId = await flows.place([{ sku: 'E2E-DAHONGPAO', quantity: 3 }]);
    await flows.waitForStatus(orderId, 'PROCESSING');
    await flows.pickListsOf(orderId);
    expect(await flows.stock('E2E-DAHONGPAO')).toMatchObject({ reserved: 3 });

    await system.kill('inventory');
    expect(
      (await api(system.url('order'), 'POST', `/v1/orders/${orderId}/cancel`, { reason: 'changed plans' })).status,
    ).toBe(200);
    const surfaced = await flows.waitForOrder(orderId, 'release-stock surfaced', (o) =>
      stepsOf(o).includes('release-stock:FAILED'),
    );
    expect(stepsOf(surfaced)).toEqual(['void-shipment:DONE', 'cancel-pick-list:DONE', 'release-stock:FAILED']);

    await system.restart('inventory');
    const done = await flows.waitForOrder(
      orderId,
      'compensation done',
      (o) => o.cancellations[0]?.status === 'DONE',
      90_000,
    );
    expect(stepsOf(done)).toEqual(['void-shipment:DONE', 'cancel-pick-list:DONE', 'release-stock:DONE']);
    expect(await flows.stock('E2E-DAHONGPAO')).toMatchObject({ reserved: 0 });
  });
});
