import { verifyWebhookSignature } from '@oms/platform';
import { waitFor } from '@oms/platform/testing';
import { E2E_SECRETS, type OrderFlows } from './harness/flows';
import { WholeSystem } from './harness/whole-system';
import { api, type System } from './harness/system';

/**
 * Delivery exceptions across processes: a carrier reports a parcel lost or damaged; the order offers the
 * resolutions, customer and staff hear of it, a case is opened; the chosen resolution is carried out: a reship
 * (new reservation, pick list and shipment for the same lines) or a refund through the payment provider.
 */
describe('delivery exceptions: a lost parcel reshipped, a damaged one refunded', () => {
  let whole: WholeSystem;
  let system: System;
  let flows: OrderFlows;
  let smtp: WholeSystem['smtp'];
  let provider: WholeSystem['provider'];

  beforeAll(async () => {
    whole = await WholeSystem.start({});
    ({ system, flows, smtp, provider } = whole);
    await flows.setStock('E2E-YIXING-POT', 'sh-1', 2);
    await flows.setStock('E2E-JASMINE', 'sh-1', 5);
  }, 180_000);

  afterAll(() => whole?.stop());

  const casesOf = async (orderId: string) =>
    (
      await api<{ items: Array<{ kind: string; status: string; outcome: string | null }> }>(
        system.url('aftersales'),
        'GET',
        `/v1/cases?orderId=${orderId}`,
      )
    ).body.items;

  it('a lost parcel reshipped: the same lines are reserved, picked and shipped again, and the order is DELIVERED', async () => {
    const orderId = await flows.place([{ sku: 'E2E-YIXING-POT', quantity: 1, unitPrice: 38000 }], {
      email: 'lost@example.com',
    });
    await flows.waitForStatus(orderId, 'PROCESSING');
    const [list] = await flows.pickListsOf(orderId);
    await flows.pickAndPack(list!);
    const [shipment] = await flows.shipmentsOf(orderId);
    const parcel = await flows.dispatch(shipment!.id);
    await flows.waitForStatus(orderId, 'SHIPPED');

    await flows.carrierReports(parcel, 'exception', 'Parcel lost in transit at the Hangzhou hub');
    const troubled = await flows.waitForOrder(orderId, 'the shipment in trouble', (o) =>
      o.shipments.some((s) => s.status === 'EXCEPTION'),
    );
    expect(troubled.shipments[0]).toMatchObject({
      shipmentId: shipment!.id,
      status: 'EXCEPTION',
      resolutionsOffered: ['reship', 'contact-customer'],
    });
    // Customer and staff hear of it; customer service has a case.
    await waitFor(
      () => smtp.mails.find((m) => m.to.includes('lost@example.com') && /problem with your parcel/.test(m.subject)),
      {
        what: 'the customer told of the lost parcel',
      },
    );
    await waitFor(() => smtp.mails.find((m) => m.subject === `Delivery exception: ${parcel.trackingNumber} (lost)`), {
      what: 'the staff alert',
    });
    await waitFor(
      async () => (await casesOf(orderId)).find((c) => c.kind === 'delivery-issue' && c.status === 'OPEN'),
      {
        what: 'the delivery case',
      },
    );

    const resolved = await api<{ reships: Array<{ reshipId: string; status: string }> }>(
      system.url('order'),
      'POST',
      `/v1/orders/${orderId}/shipments/${shipment!.id}/resolution`,
      { resolution: 'reship', chosenBy: 'staff-cs-1', note: 'customer asked to send it again' },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body.reships).toEqual([expect.objectContaining({ status: 'REQUESTED' })]);
    // Chosen once: the shipment is settled.
    const again = await api(system.url('order'), 'POST', `/v1/orders/${orderId}/shipments/${shipment!.id}/resolution`, {
      resolution: 'reship',
    });
    expect(again.status).toBe(409);

    // The replacement goes the whole way: its own reservation, pick list and shipment.
    const reshipList = await waitFor(async () => (await flows.pickListsOf(orderId, 2)).find((l) => l.id !== list!.id), {
      what: 'the reship pick list',
    });
    expect(reshipList.lines).toEqual([expect.objectContaining({ sku: 'E2E-YIXING-POT', quantity: 1 })]);
    await flows.pickAndPack(reshipList);
    const replacement = await waitFor(
      async () => (await flows.shipmentsOf(orderId, 2)).find((s) => s.id !== shipment!.id),
      { what: 'the replacement shipment' },
    );
    const secondParcel = await flows.dispatch(replacement.id);
    await waitFor(
      () =>
        smtp.mails.find((m) => m.subject.startsWith('The replacement for order') && m.to.includes('lost@example.com')),
      { what: 'the replacement dispatch e-mail' },
    );
    await flows.carrierReports(secondParcel, 'delivered');
    const delivered = await flows.waitForStatus(orderId, 'DELIVERED');
    expect(delivered.items[0]).toMatchObject({ quantity: 1, shipped: 1, reserved: 0 });
    expect(delivered.reships).toEqual([expect.objectContaining({ status: 'DELIVERED' })]);
    expect(delivered.shipments.map((s) => [s.purpose, s.status])).toEqual([
      ['order', 'RESOLVED'],
      ['reship', 'DELIVERED'],
    ]);
    // Two units left the warehouse: the lost one and its replacement.
    expect(await flows.stock('E2E-YIXING-POT')).toMatchObject({ onHand: 0, reserved: 0 });
    await waitFor(
      async () => (await casesOf(orderId)).find((c) => c.status === 'RESOLVED' && c.outcome === 'reshipped'),
      {
        what: 'the case resolved',
      },
    );
    await flows.timelineWith(orderId, ['ShipmentException', 'CaseOpened', 'CaseResolved']);
  });

  it('a damaged parcel of a paid order refunded: the provider pays once, the order shows it, the customer is told', async () => {
    const orderId = await flows.place([{ sku: 'E2E-JASMINE', quantity: 2, unitPrice: 6400 }], {
      email: 'damaged@example.com',
      payment: 'prepaid',
    });
    await flows.waitForStatus(orderId, 'AWAITING_PAYMENT');
    await flows.pay(orderId, 'ALI-DMG-1');
    await flows.waitForStatus(orderId, 'PROCESSING');
    const [list] = await flows.pickListsOf(orderId);
    await flows.pickAndPack(list!);
    const [shipment] = await flows.shipmentsOf(orderId);
    const parcel = await flows.dispatch(shipment!.id);
    await flows.waitForStatus(orderId, 'SHIPPED');
    await flows.carrierReports(parcel, 'exception', 'Box arrived damaged, contents broken');
    const troubled = await flows.waitForOrder(orderId, 'the shipment in trouble', (o) =>
      o.shipments.some((s) => s.status === 'EXCEPTION'),
    );
    expect(troubled.shipments[0]!.resolutionsOffered).toEqual(['reship', 'refund', 'contact-customer']);

    const answer = await api(
      system.url('order'),
      'POST',
      `/v1/orders/${orderId}/shipments/${shipment!.id}/resolution`,
      {
        resolution: 'refund',
        chosenBy: 'staff-cs-2',
      },
    );
    expect(answer.status).toBe(200);
    const refunded = await flows.waitForOrder(orderId, 'refunded', (o) => o.payment.refunded === 12800);
    expect(refunded.payment.status).toBe('REFUNDED');
    expect(refunded.status).toBe('DELIVERED');
    const paidBack = provider.received.filter((r) => r.body.amount === 12800);
    expect(paidBack).toHaveLength(1);
    expect(paidBack[0]!.headers['idempotency-key']).toBe(paidBack[0]!.body.refundId);
    // Signed as every webhook of ours: the provider can check it with the same verifier.
    const providerSide = { source: 'refund', secret: E2E_SECRETS.PAYMENT_PROVIDER_SECRET, toleranceSeconds: 300 };
    expect(() =>
      verifyWebhookSignature(Buffer.from(paidBack[0]!.raw), paidBack[0]!.headers['x-signature'], providerSide),
    ).not.toThrow();
    await waitFor(
      () => smtp.mails.find((m) => m.subject === `Refund of CN¥128.00 for order ${orderId.slice(0, 8).toUpperCase()}`),
      {
        what: 'the refund e-mail',
      },
    );
    const refunds = await api<{ items: Array<{ status: string; reason: string; providerReference: string }> }>(
      system.url('aftersales'),
      'GET',
      `/v1/refunds?orderId=${orderId}`,
    );
    expect(refunds.body.items).toEqual([
      expect.objectContaining({
        status: 'ISSUED',
        reason: 'delivery-exception',
        providerReference: expect.stringMatching(/^RF-/),
      }),
    ]);
    await waitFor(
      async () => (await casesOf(orderId)).find((c) => c.kind === 'damaged-goods' && c.outcome === 'refunded'),
      {
        what: 'the damaged-goods case resolved',
      },
    );
  });
});
