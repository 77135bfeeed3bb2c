import { type ServiceName } from '@oms/contracts';
import { Client } from 'pg';

/** One connection string per service database; the checker only reads. */
export type ServiceDatabases = Record<ServiceName, string>;

export interface InvariantViolation {
  invariant: string;
  /** What it is about: `order <id> / <sku>`, `stock <sku>@<warehouse>`, ... */
  subject: string;
  detail: string;
}

export interface InvariantReport {
  checkedAt: string;
  /** Cross-service agreement is only asked of orders that have not changed since this moment. */
  settledBefore: string;
  examined: Record<string, number>;
  violations: InvariantViolation[];
}

export interface CheckOptions {
  /** Orders changed more recently than this are still moving: cross-service checks skip them. */
  settleSeconds?: number;
  /** Orders a client was told were accepted (201): each must exist. */
  expectedOrderIds?: string[];
}

/** Order statuses in which every unit of a line is accounted for as reserved, backordered, shipped or cancelled. */
const ALLOCATED_STATUSES = new Set([
  'BACKORDERED',
  'PROCESSING',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
]);
/** Statuses an order passes through in moments; one that stays there has been dropped somewhere. */
const TRANSIENT_STATUSES = new Set(['PLACED', 'CONFIRMED']);
/** Reservation statuses that hold stock (the rest released it or handed it to a shipment). */
const HOLDING = `('ACTIVE', 'FULFILLING')`;

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);
const lineKey = (orderId: unknown, sku: unknown) => `${String(orderId)}/${String(sku)}`;

/**
 * Reads every service's database and reports what must never happen: stock negative or disagreeing with
 * its ledger and reservations, a reservation, pick list, shipment, refund or notification made twice, an
 * accepted order lost or stuck, an order's per-line quantities disagreeing with inventory, fulfillment
 * and shipping, an event left in an outbox. Read-only, so ops can run it against production at any time;
 * cross-service checks skip orders that changed within `settleSeconds` (events still on their way).
 */
export async function checkInvariants(
  databases: ServiceDatabases,
  options: CheckOptions = {},
): Promise<InvariantReport> {
  const settleSeconds = options.settleSeconds ?? 30;
  const clients = await connectAll(databases);
  try {
    const checkedAt = new Date();
    const settledBefore = new Date(checkedAt.getTime() - settleSeconds * 1000);
    const violations: InvariantViolation[] = [];
    const flag = (invariant: string, subject: string, detail: string) =>
      violations.push({ invariant, subject, detail });
    const q = async (service: ServiceName, sql: string, params: unknown[] = []) =>
      (await clients[service].query<Row>(sql, params)).rows;

    const [orders, lines, stock, ledger, holding, reservedByLine, backorders, requests] = await Promise.all([
      q('order', `SELECT id, status, updated_at, amount_paid, amount_refunded FROM orders`),
      q(
        'order',
        `SELECT order_id, sku, quantity, reserved, backordered, shipped, cancelled, returned, refunded FROM order_lines`,
      ),
      q('inventory', `SELECT sku, warehouse_id, on_hand, reserved FROM stock_levels`),
      q(
        'inventory',
        `SELECT sku, warehouse_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved
           FROM stock_movements GROUP BY sku, warehouse_id`,
      ),
      q(
        'inventory',
        `SELECT l.sku, l.warehouse_id, sum(l.quantity - l.shipped) AS held
           FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
          WHERE r.status IN ${HOLDING} GROUP BY l.sku, l.warehouse_id`,
      ),
      q(
        'inventory',
        `SELECT r.order_id, l.sku,
                sum(CASE WHEN r.status IN ${HOLDING} THEN l.quantity - l.shipped ELSE 0 END) AS held,
                sum(l.shipped) AS shipped,
                sum(CASE WHEN r.status IN ('ACTIVE', 'FULFILLING', 'CONSUMED') THEN l.quantity ELSE 0 END) AS taken
           FROM reservation_lines l JOIN reservations r ON r.id = l.reservation_id
          WHERE r.reship_id IS NULL GROUP BY r.order_id, l.sku`,
      ),
      q(
        'inventory',
        `SELECT order_id, sku, sum(quantity) AS waiting FROM backorders
          WHERE status = 'WAITING' AND reship_id IS NULL GROUP BY order_id, sku`,
      ),
      q('inventory', `SELECT DISTINCT order_id FROM reservation_requests`),
    ]);
    const [picked, shipped, voidedPerPickList, refunds, refundTotals, notifications] = await Promise.all([
      q(
        'fulfillment',
        `SELECT o.order_id, o.sku, sum(o.quantity) AS quantity, count(DISTINCT p.id) AS lists
           FROM pick_list_order_lines o JOIN pick_lists p ON p.id = o.pick_list_id
          WHERE p.status <> 'CANCELLED' AND p.reship_id IS NULL GROUP BY o.order_id, o.sku`,
      ),
      q(
        'shipping',
        `SELECT l.order_id, l.sku,
                sum(l.quantity) AS quantity,
                sum(CASE WHEN s.dispatched_at IS NOT NULL THEN l.quantity ELSE 0 END) AS dispatched
           FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
          WHERE s.status <> 'VOIDED' AND s.reship_id IS NULL GROUP BY l.order_id, l.sku`,
      ),
      q(
        'shipping',
        `SELECT pick_list_id, count(*) AS live FROM shipments WHERE status <> 'VOIDED'
          GROUP BY pick_list_id HAVING count(*) > 1`,
      ),
      q(
        'aftersales',
        `SELECT order_id, coalesce(return_id::text, cancellation_id::text, shipment_id::text, id::text) AS cause,
                count(*) AS issued
           FROM refunds WHERE status = 'ISSUED' GROUP BY 1, 2 HAVING count(*) > 1`,
      ),
      q('aftersales', `SELECT order_id, sum(amount) AS amount FROM refunds WHERE status = 'ISSUED' GROUP BY order_id`),
      q(
        'notification',
        `SELECT causation_event_id, template, channel, recipient, count(*) AS sent FROM notifications
          WHERE causation_event_id IS NOT NULL GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
      ),
    ]);

    // Stock: never negative, agrees with its own ledger and with the reservations that hold it.
    const ledgerOf = new Map(ledger.map((r) => [`${r.sku}@${r.warehouse_id}`, r]));
    const heldOf = new Map(holding.map((r) => [`${r.sku}@${r.warehouse_id}`, num(r.held)]));
    for (const level of stock) {
      const subject = `stock ${level.sku}@${level.warehouse_id}`;
      const onHand = num(level.on_hand);
      const reserved = num(level.reserved);
      if (onHand < 0 || reserved < 0 || reserved > onHand) {
        flag('stock-never-negative', subject, `onHand ${onHand}, reserved ${reserved}, available ${onHand - reserved}`);
      }
      const booked = ledgerOf.get(`${level.sku}@${level.warehouse_id}`);
      if (num(booked?.on_hand) !== onHand || num(booked?.reserved) !== reserved) {
        flag(
          'stock-matches-ledger',
          subject,
          `level onHand ${onHand} reserved ${reserved}; ledger onHand ${num(booked?.on_hand)} reserved ${num(booked?.reserved)}`,
        );
      }
      const held = heldOf.get(`${level.sku}@${level.warehouse_id}`) ?? 0;
      if (held !== reserved)
        flag('stock-reserved-matches-reservations', subject, `reserved ${reserved}, held by reservations ${held}`);
    }

    // Twice-made things, whatever their order's state.
    for (const r of voidedPerPickList) {
      flag('no-duplicate-shipment', `pick list ${r.pick_list_id}`, `${num(r.live)} live shipments`);
    }
    for (const r of refunds) {
      flag('no-duplicate-refund', `order ${r.order_id}`, `${num(r.issued)} refunds issued for ${r.cause}`);
    }
    for (const r of notifications) {
      flag(
        'no-duplicate-notification',
        `event ${r.causation_event_id}`,
        `${num(r.sent)} × ${r.template} by ${r.channel} to ${r.recipient}`,
      );
    }

    // Per order and line: the order's own numbers add up, and agree with inventory, fulfillment and shipping.
    const orderById = new Map(orders.map((o) => [String(o.id), o]));
    const byLine = (rows: Row[]) => new Map(rows.map((r) => [lineKey(r.order_id, r.sku), r]));
    const inventoryOf = byLine(reservedByLine);
    const waitingOf = byLine(backorders);
    const pickedOf = byLine(picked);
    const shippedOf = byLine(shipped);
    const knownToInventory = new Set(requests.map((r) => String(r.order_id)));
    const settled = (order: Row | undefined) =>
      order !== undefined && new Date(String(order.updated_at)) < settledBefore;

    for (const line of lines) {
      const key = lineKey(line.order_id, line.sku);
      const subject = `order ${line.order_id} / ${line.sku}`;
      const order = orderById.get(String(line.order_id));
      const [quantity, reserved, waiting, shippedUnits, cancelled] = [
        num(line.quantity),
        num(line.reserved),
        num(line.backordered),
        num(line.shipped),
        num(line.cancelled),
      ];
      const open = quantity - cancelled;
      if (
        [reserved, waiting, shippedUnits, cancelled].some((n) => n < 0) ||
        reserved + waiting + shippedUnits + cancelled > quantity
      ) {
        flag('line-quantities-add-up', subject, describeLine(line));
      }
      const inv = inventoryOf.get(key);
      if (num(inv?.taken) > open) {
        flag('no-duplicate-reservation', subject, `reserved ${num(inv?.taken)} in all for ${open} open units`);
      }
      const pick = pickedOf.get(key);
      if (num(pick?.quantity) > open) {
        flag(
          'no-duplicate-pick-list',
          subject,
          `${num(pick?.quantity)} units on ${num(pick?.lists)} pick lists for ${open} open units`,
        );
      }
      const ship = shippedOf.get(key);
      if (num(ship?.quantity) > open) {
        flag('no-duplicate-shipment', subject, `${num(ship?.quantity)} units on live shipments for ${open} open units`);
      }
      if (!settled(order)) continue;
      if (ALLOCATED_STATUSES.has(String(order!.status)) && reserved + waiting + shippedUnits + cancelled !== quantity) {
        flag('line-quantities-add-up', subject, `${order!.status}: ${describeLine(line)}`);
      }
      if (num(inv?.held) !== reserved) {
        flag('order-agrees-with-inventory', subject, `order reserved ${reserved}, inventory holds ${num(inv?.held)}`);
      }
      if (num(waitingOf.get(key)?.waiting) !== waiting) {
        flag(
          'order-agrees-with-inventory',
          subject,
          `order backordered ${waiting}, inventory queue ${num(waitingOf.get(key)?.waiting)}`,
        );
      }
      if (num(inv?.shipped) !== shippedUnits) {
        flag(
          'order-agrees-with-inventory',
          subject,
          `order shipped ${shippedUnits}, inventory shipped ${num(inv?.shipped)}`,
        );
      }
      if (num(ship?.dispatched) !== shippedUnits) {
        flag(
          'order-agrees-with-shipping',
          subject,
          `order shipped ${shippedUnits}, shipping dispatched ${num(ship?.dispatched)}`,
        );
      }
      if (num(ship?.quantity) > num(pick?.quantity)) {
        flag(
          'shipping-agrees-with-fulfillment',
          subject,
          `shipments hold ${num(ship?.quantity)}, pick lists ${num(pick?.quantity)}`,
        );
      }
    }

    // Orders: none lost, none stuck, refunds as the order knows them.
    const refundedOf = new Map(refundTotals.map((r) => [String(r.order_id), num(r.amount)]));
    for (const id of options.expectedOrderIds ?? []) {
      if (!orderById.has(id)) flag('no-lost-order', `order ${id}`, 'accepted (201) but not in the order database');
    }
    for (const order of orders) {
      if (!settled(order)) continue;
      const subject = `order ${order.id}`;
      const status = String(order.status);
      if (TRANSIENT_STATUSES.has(status))
        flag('no-stuck-order', subject, `still ${status} since ${String(order.updated_at)}`);
      if (ALLOCATED_STATUSES.has(status) && status !== 'CANCELLED' && !knownToInventory.has(String(order.id))) {
        flag('order-agrees-with-inventory', subject, `${status} but inventory never heard of it`);
      }
      const refunded = num(order.amount_refunded);
      if (refunded !== (refundedOf.get(String(order.id)) ?? 0)) {
        flag(
          'order-agrees-with-refunds',
          subject,
          `order refunded ${refunded}, refunds issued ${refundedOf.get(String(order.id)) ?? 0}`,
        );
      }
      if (refunded > num(order.amount_paid))
        flag('refund-within-payment', subject, `refunded ${refunded} of ${num(order.amount_paid)} paid`);
    }

    // Every service's outbox drained: an event stuck there is a change the others never heard of.
    const examinedOutboxes: Record<string, number> = {};
    await Promise.all(
      (Object.keys(clients) as ServiceName[]).map(async (service) => {
        const [row] = await q(
          service,
          `SELECT count(*) FILTER (WHERE published_at IS NULL AND created_at < $1) AS stuck, count(*) AS total
             FROM messaging_outbox`,
          [settledBefore],
        );
        examinedOutboxes[service] = num(row?.total);
        if (num(row?.stuck) > 0)
          flag('outbox-drained', `outbox of ${service}`, `${num(row?.stuck)} events unpublished`);
      }),
    );

    return {
      checkedAt: checkedAt.toISOString(),
      settledBefore: settledBefore.toISOString(),
      examined: {
        orders: orders.length,
        orderLines: lines.length,
        stockLevels: stock.length,
        outboxEvents: Object.values(examinedOutboxes).reduce((a, b) => a + b, 0),
      },
      violations,
    };
  } finally {
    await Promise.all(Object.values(clients).map((c) => c.end().catch(() => undefined)));
  }
}

function describeLine(line: Row): string {
  return ['quantity', 'reserved', 'backordered', 'shipped', 'cancelled', 'returned', 'refunded']
    .map((k) => `${k} ${num(line[k])}`)
    .join(', ');
}

async function connectAll(databases: ServiceDatabases): Promise<Record<ServiceName, Client>> {
  const entries = await Promise.all(
    (Object.entries(databases) as Array<[ServiceName, string]>).map(async ([service, url]) => {
      const client = new Client({ connectionString: url, application_name: 'oms-invariants' });
      await client.connect();
      // Read-only, and one snapshot per database so that a row is not counted twice while it moves.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return [service, client] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceName, Client>;
}
