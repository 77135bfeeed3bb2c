import { randomUUID } from 'node:crypto';
import { DELIVERY_RESOLUTIONS, STAFF_KEYED_CHANNELS } from '@oms/contracts';
import type {
  Channel,
  Currency,
  DeliveryResolution,
  FulfillmentPurpose,
  Locale,
  PaymentMethod,
  ReshipReason,
  ShipmentExceptionKind,
} from '@oms/contracts';
import { Money } from './money';
import { canTransition, IllegalTransitionError, type OrderStatus } from './order-status';
import {
  CancelsWholeOrderError,
  diffEdit,
  EDITABLE_STATUSES,
  EditNotAllowedError,
  type EditRequest,
  EditRuleError,
  type OrderChange,
  type PendingEdit,
} from './order-edit';

export interface Address {
  name: string;
  phone: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}

export interface Contact {
  email?: string;
  phone?: string;
  locale?: Locale;
}

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  reserved: number;
  backordered: number;
  shipped: number;
  returned: number;
  /** Units whose price was paid back (returns). */
  refunded: number;
  cancelled: number;
  /** When the waiting units are expected (inventory's announced receipt); null when nothing waits or no date. */
  promisedBy: string | null;
}

export interface PlaceOrderCommand {
  customerId: string;
  channel: Channel;
  currency: Currency;
  items: Array<{ sku: string; quantity: number; unitPrice: number }>;
  shippingAddress: Address;
  contact: Contact;
  paymentMethod: PaymentMethod;
  shipComplete?: boolean;
  notes?: string;
  /** Staff member keying the order (phone, email, store). */
  placedBy?: string;
}

export interface Payment {
  amount: number;
  reference: string;
  provider: string | null;
  paidAt: Date;
}

/** What the repository stores and restores. */
export interface OrderState {
  id: string;
  customerId: string;
  channel: Channel;
  currency: Currency;
  lines: OrderLine[];
  shippingAddress: Address;
  contact: Contact;
  paymentMethod: PaymentMethod;
  shipComplete: boolean;
  notes: string | undefined;
  placedBy: string | undefined;
  status: OrderStatus;
  totals: OrderTotals;
  placedAt: Date;
  version: number;
  payment: Payment | null;
  reviewReasons: string[];
  /** Reservations a ships-complete order holds back until every line is reserved. */
  heldAllocations: Allocation[];
  /** The order's shipments as the saga heard of them (dispatched, delivered, in trouble). */
  shipments: OrderShipment[];
  /** Lines sent again after a delivery exception. */
  reships: Reship[];
  /** Money paid back so far (cancellations, delivery exceptions, returns), minor units. */
  amountRefunded: number;
  /** An edit on its way (at the warehouse or at inventory); null when none. */
  pendingEdit: PendingEdit | null;
}

export interface SkuQuantity {
  sku: string;
  quantity: number;
}

/** A shipment of the order: its own lines (a merged parcel carries other orders' too), its state and its trouble. */
export interface OrderShipment {
  shipmentId: string;
  carrier: string;
  trackingNumber: string;
  purpose: FulfillmentPurpose;
  /** The reship this shipment carries, when `purpose` is `reship`. */
  reshipId: string | null;
  lines: SkuQuantity[];
  /** RESOLVED: it was in trouble and a resolution replaced or settled it; it no longer holds up delivery. */
  status: 'DISPATCHED' | 'DELIVERED' | 'EXCEPTION' | 'RESOLVED';
  dispatchedAt: string;
  deliveredAt: string | null;
  exception: { kind: ShipmentExceptionKind; at: string; detail: string | null } | null;
  resolution: { choice: DeliveryResolution; chosenBy: string; at: string; note: string | null } | null;
}

/** Lines sent again, free of charge, in place of a shipment that failed; they wait for stock like any backorder. */
export interface Reship {
  reshipId: string;
  /** `exchange`: replacement goods for a return; `reship`: in place of a shipment in trouble. */
  purpose?: 'reship' | 'exchange';
  /** The shipment it replaces (a reship), or null (an exchange). */
  shipmentId: string | null;
  /** The return it answers (an exchange). */
  returnId?: string;
  reason: ReshipReason;
  lines: SkuQuantity[];
  status: 'REQUESTED' | 'WAITING' | 'FULFILLING' | 'DISPATCHED' | 'DELIVERED';
  requestedAt: string;
}

/** A shipment as ShipmentDispatched tells it, narrowed to this order's lines. */
export interface DispatchedShipment {
  shipmentId: string;
  carrier: string;
  trackingNumber: string;
  dispatchedAt: string;
  purpose: FulfillmentPurpose;
  reshipId?: string;
  lines: SkuQuantity[];
}

/** Stock inventory reserved for the order in one warehouse, under one reservation. */
export interface Allocation {
  reservationId?: string;
  warehouseId: string;
  lines: Array<{ sku: string; quantity: number }>;
}

/** Before confirmation nothing is reserved, picked or shipped, so a cancel is only a state change. */
export const CANCELLABLE_WITHOUT_COMPENSATION: readonly OrderStatus[] = [
  'PLACED',
  'PENDING_REVIEW',
  'AWAITING_PAYMENT',
];

/** After confirmation and before anything left: stock, pick lists and shipments must be undone. */
export const CANCELLABLE_WITH_COMPENSATION: readonly OrderStatus[] = ['CONFIRMED', 'BACKORDERED', 'PROCESSING'];

/** The shipment is not one of the order's, or is not in trouble: 409 with its state. */
export class NoDeliveryExceptionError extends Error {
  constructor(
    readonly shipmentId: string,
    readonly shipmentStatus: string | null,
  ) {
    super(
      shipmentStatus === null
        ? `shipment ${shipmentId} is not a shipment of this order`
        : `shipment ${shipmentId} is ${shipmentStatus}: there is no delivery exception to resolve`,
    );
    this.name = 'NoDeliveryExceptionError';
  }
}

/** Something already left the warehouse (or the order is over): a return is the way, not a cancel. */
export class CancellationNotAllowedError extends Error {
  constructor(readonly currentState: OrderStatus) {
    super(
      ['PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED'].includes(currentState)
        ? `the order is ${currentState}: goods have been dispatched, so it cannot be cancelled; request a return instead`
        : `the order is ${currentState}: it cannot be cancelled`,
    );
    this.name = 'CancellationNotAllowedError';
  }
}

/** A backorder choice for an order of which nothing waits for stock: 409 with the state. */
export class NothingWaitsError extends Error {
  constructor(readonly currentState: OrderStatus) {
    super(`nothing of the order waits for stock (it is ${currentState})`);
    this.name = 'NothingWaitsError';
  }
}

export class OrderRuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'OrderRuleError';
  }
}

export interface OrderTotals {
  subtotal: number;
  shipping: number;
  discount: number;
  total: number;
}

/** A recorded state change: stored with the order and published. */
export interface StatusChange {
  from: OrderStatus | null;
  to: OrderStatus;
  reason: string;
  at: Date;
}

/** The order aggregate: it prices itself, guards its transitions and records every change. */
export class Order {
  private readonly pendingChanges: StatusChange[] = [];

  private constructor(
    readonly id: string,
    readonly customerId: string,
    readonly channel: Channel,
    readonly currency: Currency,
    readonly lines: OrderLine[],
    private shippingAddressValue: Address,
    private contactValue: Contact,
    readonly paymentMethod: PaymentMethod,
    private shipCompleteValue: boolean,
    readonly notes: string | undefined,
    readonly placedBy: string | undefined,
    private statusValue: OrderStatus,
    private totalsValue: OrderTotals,
    readonly placedAt: Date,
    readonly version: number,
    private paid: Payment | null = null,
    private reviewReasonsValue: string[] = [],
    private held: Allocation[] = [],
    private readonly shipmentList: OrderShipment[] = [],
    private readonly reshipList: Reship[] = [],
    private refunded: number = 0,
    private pending: PendingEdit | null = null,
  ) {}

  /** Prices and creates a PLACED order. Lines of one SKU are merged: an order holds each SKU once. */
  static place(command: PlaceOrderCommand, now: Date = new Date(), id: string = randomUUID()): Order {
    if (STAFF_KEYED_CHANNELS.includes(command.channel) && !command.placedBy) {
      throw new OrderRuleError(
        `orders from the ${command.channel} channel record the staff member who keyed them`,
        'placedBy',
      );
    }
    const bySku = new Map<string, { quantity: number; unitPrice: number }>();
    for (const item of command.items) {
      const existing = bySku.get(item.sku);
      if (existing && existing.unitPrice !== item.unitPrice) {
        throw new OrderRuleError(`sku ${item.sku} appears twice with different prices`, 'items');
      }
      bySku.set(item.sku, { quantity: (existing?.quantity ?? 0) + item.quantity, unitPrice: item.unitPrice });
    }
    let subtotal = Money.zero(command.currency);
    const lines: OrderLine[] = [];
    for (const [sku, { quantity, unitPrice }] of bySku) {
      const lineTotal = Money.of(unitPrice, command.currency).times(quantity);
      subtotal = subtotal.add(lineTotal);
      lines.push({
        sku,
        quantity,
        unitPrice,
        lineTotal: lineTotal.amount,
        reserved: 0,
        backordered: 0,
        shipped: 0,
        returned: 0,
        refunded: 0,
        cancelled: 0,
        promisedBy: null,
      });
    }
    const totals = { subtotal: subtotal.amount, shipping: 0, discount: 0, total: subtotal.amount };
    const order = new Order(
      id,
      command.customerId,
      command.channel,
      command.currency,
      lines,
      command.shippingAddress,
      command.contact,
      command.paymentMethod,
      command.shipComplete ?? false,
      command.notes,
      command.placedBy,
      'PLACED',
      totals,
      now,
      0,
    );
    order.pendingChanges.push({ from: null, to: 'PLACED', reason: `placed via ${command.channel}`, at: now });
    return order;
  }

  static restore(state: OrderState): Order {
    return new Order(
      state.id,
      state.customerId,
      state.channel,
      state.currency,
      state.lines,
      state.shippingAddress,
      state.contact,
      state.paymentMethod,
      state.shipComplete,
      state.notes,
      state.placedBy,
      state.status,
      state.totals,
      state.placedAt,
      state.version,
      state.payment,
      state.reviewReasons,
      state.heldAllocations,
      state.shipments,
      state.reships,
      state.amountRefunded,
      state.pendingEdit,
    );
  }

  get status(): OrderStatus {
    return this.statusValue;
  }

  get payment(): Payment | null {
    return this.paid;
  }

  get shipComplete(): boolean {
    return this.shipCompleteValue;
  }

  get heldAllocations(): readonly Allocation[] {
    return this.held;
  }

  get shipments(): readonly OrderShipment[] {
    return this.shipmentList;
  }

  get reships(): readonly Reship[] {
    return this.reshipList;
  }

  get shippingAddress(): Address {
    return this.shippingAddressValue;
  }

  get contact(): Contact {
    return this.contactValue;
  }

  get totals(): OrderTotals {
    return this.totalsValue;
  }

  get pendingEdit(): PendingEdit | null {
    return this.pending;
  }

  get amountRefunded(): number {
    return this.refunded;
  }

  /** Money was paid back to the customer (a refund heard once: the inbox keeps a repeat out), for these units. */
  recordRefund(amount: number, lines: SkuQuantity[] = []): void {
    this.refunded += amount;
    for (const refunded of lines) {
      const line = this.lines.find((l) => l.sku === refunded.sku);
      if (line) line.refunded = Math.min(line.shipped, line.refunded + refunded.quantity);
    }
  }

  /** Returned goods arrived back (as many as shipped at most). */
  recordReturn(lines: SkuQuantity[]): void {
    for (const returned of lines) {
      const line = this.lines.find((l) => l.sku === returned.sku);
      if (line) line.returned = Math.min(line.shipped, line.returned + returned.quantity);
    }
  }

  /**
   * A return's replacement goods: sent like a reship (new reservation, pick list and shipment, waiting for stock
   * when short), without touching the order's own counts.
   */
  requestExchange(exchangeId: string, returnId: string, lines: SkuQuantity[], now: Date = new Date()): Reship | null {
    if (this.reshipList.some((r) => r.reshipId === exchangeId)) return null;
    if (!['SHIPPED', 'DELIVERED', 'COMPLETED', 'PARTIALLY_SHIPPED'].includes(this.statusValue)) {
      throw new OrderRuleError(`an order that is ${this.statusValue} has nothing delivered to exchange`, 'orderId');
    }
    const exchange: Reship = {
      reshipId: exchangeId,
      purpose: 'exchange',
      shipmentId: null,
      returnId,
      reason: 'other',
      lines: lines.map((l) => ({ ...l })),
      status: 'REQUESTED',
      requestedAt: now.toISOString(),
    };
    this.reshipList.push(exchange);
    return exchange;
  }

  /** The return window closed with nothing open: after-sales is done (DELIVERED → COMPLETED). */
  completeAftersales(now: Date = new Date()): void {
    if (this.statusValue === 'DELIVERED') this.transitionTo('COMPLETED', 'the return window closed', now);
  }

  /** What a replacement (reship or exchange) is sent for. */
  replacementPurpose(reshipId: string): 'reship' | 'exchange' {
    return this.reshipOf(reshipId).purpose ?? 'reship';
  }

  get reviewReasons(): readonly string[] {
    return this.reviewReasonsValue;
  }

  /** Whether the customer pays before anything is reserved. */
  get paysUpFront(): boolean {
    return this.paymentMethod === 'prepaid';
  }

  get paymentStatus(): 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'AWAITING' | 'ON_DELIVERY' | 'INVOICED' {
    if (this.paid && this.refunded >= this.paid.amount) return 'REFUNDED';
    if (this.paid && this.refunded > 0) return 'PARTIALLY_REFUNDED';
    if (this.paid) return 'PAID';
    if (this.paysUpFront) return 'AWAITING';
    return this.paymentMethod === 'cod' ? 'ON_DELIVERY' : 'INVOICED';
  }

  /**
   * Inventory reserved some or all of the order. Returns the allocations to fulfil now. A ships-complete order
   * holds them (BACKORDERED) until every line is reserved, then releases everything it held at once.
   */
  applyReservation(reservedAllocations: Allocation[], now: Date = new Date()): Allocation[] {
    this.assertReservable('PROCESSING');
    if (this.pending) {
      // Reserved while an edit is on its way: held, because inventory re-reserves for the new lines (and
      // releases this) or, if the warehouse refuses the edit, it goes to picking then.
      for (const allocation of reservedAllocations) {
        for (const reserved of allocation.lines) {
          const line = this.lines.find((l) => l.sku === reserved.sku);
          if (!line) continue;
          line.reserved += reserved.quantity;
          line.backordered = Math.max(0, line.backordered - reserved.quantity);
        }
      }
      this.held = [...this.held, ...reservedAllocations];
      return [];
    }
    const allocations: Allocation[] = [];
    for (const allocation of reservedAllocations) {
      const lines: SkuQuantity[] = [];
      for (const reserved of allocation.lines) {
        const line = this.lineOf(reserved.sku);
        const open = Math.max(0, line.quantity - line.cancelled - line.shipped - line.reserved);
        let quantity = reserved.quantity;
        if (quantity > open) {
          // Served from the queue while the customer dropped those units: inventory releases the excess when
          // it handles the drop. Any other excess means the services disagree.
          if (line.cancelled === 0) {
            throw new OrderRuleError(
              `reservation of ${reserved.quantity} ${reserved.sku} exceeds the ordered quantity`,
              'sku',
            );
          }
          quantity = open;
        }
        if (quantity === 0) continue;
        line.reserved += quantity;
        line.backordered = Math.max(0, line.backordered - quantity);
        if (line.backordered === 0) line.promisedBy = null;
        lines.push({ sku: reserved.sku, quantity });
      }
      if (lines.length > 0) allocations.push({ ...allocation, lines });
    }
    if (allocations.length === 0) return [];
    const wholly = this.lines.every((l) => l.reserved + l.shipped >= l.quantity - l.cancelled);
    if (this.shipCompleteValue && !wholly) {
      this.held = [...this.held, ...allocations];
      if (this.statusValue === 'CONFIRMED')
        this.transitionTo('BACKORDERED', 'ships complete: waiting for every line', now);
      return [];
    }
    if (this.statusValue === 'CONFIRMED' || this.statusValue === 'BACKORDERED') {
      this.transitionTo(
        'PROCESSING',
        wholly ? 'stock reserved' : 'stock partly reserved: shipping what is reserved',
        now,
      );
    }
    const toFulfil = [...this.held, ...allocations];
    this.held = [];
    return toFulfil;
  }

  /**
   * A reservation lapsed before fulfillment took it (a ships-complete order held it too long): its units are no
   * longer reserved, and inventory queues them again (a StockBackordered follows). Unknown reservations of a
   * cancelled order change nothing.
   */
  applyExpiry(reservationId: string, allocations: Allocation[]): void {
    if (this.statusValue === 'CANCELLED') return;
    this.held = this.held.filter((a) => a.reservationId !== reservationId);
    for (const allocation of allocations) {
      for (const expired of allocation.lines) {
        const line = this.lineOf(expired.sku);
        line.reserved = Math.max(0, line.reserved - expired.quantity);
      }
    }
  }

  /** Inventory reserved (some of) a reship's lines: they go to picking at once. */
  applyReshipReservation(reshipId: string, allocations: Allocation[]): Allocation[] {
    const reship = this.reshipOf(reshipId);
    if (reship.status === 'REQUESTED' || reship.status === 'WAITING') reship.status = 'FULFILLING';
    return allocations;
  }

  /** Inventory could not give a reship's lines now: it waits for stock like any backorder. */
  applyReshipBackorder(reshipId: string): void {
    const reship = this.reshipOf(reshipId);
    if (reship.status === 'REQUESTED') reship.status = 'WAITING';
  }

  private reshipOf(reshipId: string): Reship {
    const reship = this.reshipList.find((r) => r.reshipId === reshipId);
    if (!reship) throw new OrderRuleError(`order ${this.id} has no reship ${reshipId}`, 'reshipId');
    return reship;
  }

  /** Inventory could not give these quantities now. */
  applyBackorder(lines: Array<{ sku: string; quantity: number }>, now: Date = new Date(), expectedDate?: string): void {
    this.assertReservable('BACKORDERED');
    for (const backordered of lines) {
      const line = this.lineOf(backordered.sku);
      line.backordered = backordered.quantity;
      if (expectedDate) line.promisedBy = expectedDate;
    }
    if (this.statusValue === 'CONFIRMED') this.transitionTo('BACKORDERED', 'waiting for stock', now);
  }

  /**
   * A shipment left with these of the order's units: SHIPPED when nothing is left to ship, else PARTIALLY_SHIPPED.
   * A reship's shipment carries units already counted as shipped: it only moves the reship on. Returns false for
   * a shipment already recorded (the same dispatch heard twice).
   */
  recordDispatch(shipment: DispatchedShipment, now: Date = new Date()): boolean {
    if (this.shipmentList.some((s) => s.shipmentId === shipment.shipmentId)) return false;
    const reship = shipment.reshipId ? this.reshipList.find((r) => r.reshipId === shipment.reshipId) : undefined;
    if (shipment.purpose !== 'order') {
      if (!reship) throw new OrderRuleError(`shipment ${shipment.shipmentId} carries an unknown reship`, 'reshipId');
      reship.status = 'DISPATCHED';
    } else {
      if (!['PROCESSING', 'PARTIALLY_SHIPPED'].includes(this.statusValue))
        throw new IllegalTransitionError(this.statusValue, 'SHIPPED');
      for (const shippedLine of shipment.lines) {
        const line = this.lineOf(shippedLine.sku);
        if (line.shipped + shippedLine.quantity > line.quantity - line.cancelled) {
          throw new OrderRuleError(
            `shipping ${shippedLine.quantity} ${shippedLine.sku} exceeds what was ordered`,
            'sku',
          );
        }
        line.shipped += shippedLine.quantity;
        line.reserved = Math.max(0, line.reserved - shippedLine.quantity);
      }
    }
    this.shipmentList.push({
      shipmentId: shipment.shipmentId,
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      purpose: shipment.purpose,
      reshipId: shipment.reshipId ?? null,
      lines: shipment.lines,
      status: 'DISPATCHED',
      dispatchedAt: shipment.dispatchedAt,
      deliveredAt: null,
      exception: null,
      resolution: null,
    });
    if (shipment.purpose !== 'order') return true;
    const allShipped = this.lines.every((l) => l.shipped >= l.quantity - l.cancelled);
    if (allShipped) this.transitionTo('SHIPPED', 'every line has shipped', now);
    else if (this.statusValue === 'PROCESSING')
      this.transitionTo('PARTIALLY_SHIPPED', 'part of the order has shipped', now);
    return true;
  }

  /**
   * A shipment arrived (also one that was in trouble: a failed attempt followed by delivery). The order is
   * DELIVERED once it has shipped in full and every shipment is settled: delivered, or replaced or closed by a
   * resolution, with every reship delivered.
   */
  recordDelivery(shipmentId: string, deliveredAt: string, now: Date = new Date()): void {
    const shipment = this.shipmentList.find((s) => s.shipmentId === shipmentId);
    if (!shipment || shipment.status === 'DELIVERED') return;
    shipment.status = 'DELIVERED';
    shipment.deliveredAt = deliveredAt;
    if (shipment.reshipId) {
      const reship = this.reshipList.find((r) => r.reshipId === shipment.reshipId);
      if (reship) reship.status = 'DELIVERED';
    }
    this.deliverWhenSettled(now);
  }

  /** The carrier reports trouble with a shipment that has not arrived: it waits for a resolution. */
  recordDeliveryException(
    shipmentId: string,
    exception: { kind: ShipmentExceptionKind; at: string; detail?: string },
  ): boolean {
    const shipment = this.shipmentList.find((s) => s.shipmentId === shipmentId);
    if (!shipment || shipment.status === 'DELIVERED' || shipment.status === 'RESOLVED') return false;
    shipment.status = 'EXCEPTION';
    shipment.exception = { kind: exception.kind, at: exception.at, detail: exception.detail ?? null };
    return true;
  }

  /** The resolutions the saga offers for a shipment in trouble; a refund only when something was paid. */
  resolutionsFor(shipment: OrderShipment): DeliveryResolution[] {
    if (shipment.status !== 'EXCEPTION') return [];
    return DELIVERY_RESOLUTIONS.filter((choice) => choice !== 'refund' || this.refundableFor(shipment.lines) > 0);
  }

  /**
   * Carries out the chosen resolution of a delivery exception. `reship` sends the shipment's lines again (a new
   * reservation, pick list and shipment); `refund` pays back their value; `contact-customer` hands the problem to
   * customer service. The shipment is then settled and no longer holds up delivery (the reship does instead).
   */
  resolveDeliveryException(
    shipmentId: string,
    choice: DeliveryResolution,
    chosenBy: string,
    note: string | undefined,
    now: Date = new Date(),
    reshipId: string = randomUUID(),
  ): { shipment: OrderShipment; reship?: Reship; refund?: { amount: number; lines: SkuQuantity[] } } {
    const shipment = this.shipmentList.find((s) => s.shipmentId === shipmentId);
    if (!shipment || shipment.status !== 'EXCEPTION')
      throw new NoDeliveryExceptionError(shipmentId, shipment?.status ?? null);
    if (!this.resolutionsFor(shipment).includes(choice)) {
      throw new OrderRuleError(`${choice} is not offered for shipment ${shipmentId}: nothing was paid`, 'resolution');
    }
    shipment.status = 'RESOLVED';
    shipment.resolution = { choice, chosenBy, at: now.toISOString(), note: note ?? null };
    const result: ReturnType<Order['resolveDeliveryException']> = { shipment };
    if (choice === 'reship') {
      const reship: Reship = {
        reshipId,
        shipmentId,
        reason: reshipReasonOf(shipment.exception?.kind),
        lines: shipment.lines.map((l) => ({ ...l })),
        status: 'REQUESTED',
        requestedAt: now.toISOString(),
      };
      this.reshipList.push(reship);
      result.reship = reship;
    }
    if (choice === 'refund') result.refund = { amount: this.refundableFor(shipment.lines), lines: shipment.lines };
    this.deliverWhenSettled(now);
    return result;
  }

  /** The value of these lines at the order's prices, as far as it was paid. */
  private refundableFor(lines: SkuQuantity[]): number {
    if (!this.paid) return 0;
    const value = lines.reduce((sum, l) => sum + this.lineOf(l.sku).unitPrice * l.quantity, 0);
    return Math.max(0, Math.min(value, this.paid.amount - this.refunded));
  }

  private deliverWhenSettled(now: Date): void {
    if (this.statusValue !== 'SHIPPED') return;
    const settled = this.shipmentList.every((s) => s.status === 'DELIVERED' || s.status === 'RESOLVED');
    const reshipsArrived = this.reshipList.every((r) => r.status === 'DELIVERED');
    if (this.shipmentList.length > 0 && settled && reshipsArrived)
      this.transitionTo('DELIVERED', 'every shipment delivered', now);
  }

  /**
   * Asks to change items, quantities, the address or the contact, until picking starts. Before confirmation the
   * order simply changes. A confirmed order changes too, and inventory reserves anew for it (AWAITING_STOCK). An
   * order at the warehouse (PROCESSING) waits for fulfillment to take its pick lists back (AWAITING_FULFILLMENT):
   * refused if picking has started. A paid order's items do not change here (cancel lines: a refund follows).
   */
  requestEdit(
    request: EditRequest,
    requestedBy: string,
    now: Date = new Date(),
    editId: string = randomUUID(),
  ): { editId: string; edit: PendingEdit | null; changes: OrderChange[]; applied: boolean } {
    if (!EDITABLE_STATUSES.includes(this.statusValue) || this.shipmentList.length > 0) {
      throw new EditNotAllowedError(this.statusValue);
    }
    if (this.pending) {
      throw new EditNotAllowedError(this.statusValue, `edit ${this.pending.editId} of this order is still in progress`);
    }
    const changes = diffEdit(
      this.lines,
      { shippingAddress: this.shippingAddressValue, contact: this.contactValue },
      request,
    );
    if (request.cancelLines && changes.every((c) => c.kind === 'item-removed')) {
      const untouched = this.lines.filter((l) => !request.cancelLines!.some((c) => c.sku === l.sku));
      if (untouched.every((l) => l.quantity - l.cancelled === 0)) throw new CancelsWholeOrderError();
    }
    if (this.paid && request.items && changes.some((c) => c.sku)) {
      throw new EditRuleError(
        'the items of a paid order do not change by an edit: cancel the lines instead (the payment for them is refunded)',
        'items',
      );
    }
    const edit: PendingEdit = {
      editId,
      phase: 'AWAITING_STOCK',
      request,
      changes,
      requestedBy,
      requestedAt: now.toISOString(),
    };
    if (this.statusValue === 'PROCESSING') {
      this.pending = { ...edit, phase: 'AWAITING_FULFILLMENT' };
      return { editId, edit: this.pending, changes, applied: false };
    }
    this.change(request);
    const confirmed = ['CONFIRMED', 'BACKORDERED'].includes(this.statusValue);
    this.pending = confirmed ? edit : null;
    return { editId, edit: this.pending, changes, applied: true };
  }

  /**
   * Fulfillment's answer to an edit of an order at the warehouse. `released`: the order changes and inventory
   * reserves anew. `refused` (picking started): the order stays as it was, and what was reserved meanwhile
   * goes to picking. Returns whether the edit was applied and what to fulfil now.
   */
  fulfillmentAnswered(
    editId: string,
    answer: 'released' | 'refused',
    now: Date = new Date(),
  ): { edit: PendingEdit | null; applied: boolean; toFulfil: Allocation[] } {
    const edit = this.pending;
    if (!edit || edit.editId !== editId || edit.phase !== 'AWAITING_FULFILLMENT') {
      return { edit: null, applied: false, toFulfil: [] };
    }
    if (answer === 'refused') {
      this.pending = null;
      return { edit, applied: false, toFulfil: this.fulfilHeldIfComplete(now) };
    }
    this.change(edit.request);
    this.pending = { ...edit, phase: 'AWAITING_STOCK' };
    return { edit, applied: true, toFulfil: [] };
  }

  /**
   * Inventory reserved anew for the edited order: its counts follow inventory's picture, and the new
   * reservation goes to picking (a ships-complete order holds it until every line is reserved). Nothing
   * reserved: the order waits (BACKORDERED).
   */
  stockReallocated(
    editId: string,
    result: {
      released: string[];
      reservation?: Allocation[];
      lines: Array<{ sku: string; reserved: number; backordered: number }>;
    },
    now: Date = new Date(),
  ): Allocation[] {
    if (!this.pending || this.pending.editId !== editId || this.statusValue === 'CANCELLED') return [];
    this.pending = null;
    for (const line of this.lines) {
      const counted = result.lines.find((l) => l.sku === line.sku);
      line.reserved = counted?.reserved ?? 0;
      line.backordered = counted?.backordered ?? 0;
      if (line.backordered === 0) line.promisedBy = null;
    }
    this.held = this.held.filter((a) => !a.reservationId || !result.released.includes(a.reservationId));
    this.held = [...this.held, ...(result.reservation ?? [])];
    const toFulfil = this.fulfilHeldIfComplete(now);
    if (toFulfil.length === 0 && this.held.length === 0 && this.statusValue === 'PROCESSING') {
      this.transitionTo('BACKORDERED', 'edited: waiting for stock', now);
    } else if (this.held.length > 0 && this.statusValue === 'CONFIRMED') {
      this.transitionTo('BACKORDERED', 'ships complete: waiting for every line', now);
    }
    return toFulfil;
  }

  /** What is held goes to picking, unless a ships-complete order still waits for some line. */
  private fulfilHeldIfComplete(now: Date): Allocation[] {
    if (this.held.length === 0) return [];
    const wholly = this.lines.every((l) => l.reserved + l.shipped >= l.quantity - l.cancelled);
    if (this.shipCompleteValue && !wholly) return [];
    if (this.statusValue === 'CONFIRMED' || this.statusValue === 'BACKORDERED') {
      this.transitionTo(
        'PROCESSING',
        wholly ? 'stock reserved' : 'stock partly reserved: shipping what is reserved',
        now,
      );
    }
    const toFulfil = this.held;
    this.held = [];
    return toFulfil;
  }

  /** Applies an edit's request: lines follow the wanted quantities (cancelled units stay counted), totals too. */
  private change(request: EditRequest): void {
    for (const cancelled of request.cancelLines ?? []) this.lineOf(cancelled.sku).cancelled += cancelled.quantity;
    if (request.items) {
      const wanted = new Map<string, { quantity: number; unitPrice: number }>();
      for (const item of request.items) {
        const existing = wanted.get(item.sku);
        wanted.set(item.sku, { quantity: (existing?.quantity ?? 0) + item.quantity, unitPrice: item.unitPrice });
      }
      for (const line of [...this.lines]) {
        const next = wanted.get(line.sku);
        wanted.delete(line.sku);
        if (!next && line.cancelled === 0 && line.shipped === 0) {
          this.lines.splice(this.lines.indexOf(line), 1);
          continue;
        }
        line.quantity = (next?.quantity ?? 0) + line.cancelled;
        if (next) line.unitPrice = next.unitPrice;
        line.lineTotal = Money.of(line.unitPrice, this.currency).times(line.quantity).amount;
      }
      for (const [sku, { quantity, unitPrice }] of wanted) {
        this.lines.push({
          sku,
          quantity,
          unitPrice,
          lineTotal: Money.of(unitPrice, this.currency).times(quantity).amount,
          reserved: 0,
          backordered: 0,
          shipped: 0,
          returned: 0,
          refunded: 0,
          cancelled: 0,
          promisedBy: null,
        });
      }
      this.lines.sort((a, b) => a.sku.localeCompare(b.sku));
      const subtotal = this.lines.reduce(
        (sum, l) => sum.add(Money.of(l.lineTotal, this.currency)),
        Money.zero(this.currency),
      );
      this.totalsValue = {
        ...this.totalsValue,
        subtotal: subtotal.amount,
        total: subtotal.amount + this.totalsValue.shipping - this.totalsValue.discount,
      };
    }
    if (request.shippingAddress) this.shippingAddressValue = request.shippingAddress;
    if (request.contact) this.contactValue = request.contact;
  }

  /** The units of each line that still wait for stock. */
  get waitingLines(): Array<{ sku: string; quantity: number }> {
    return this.lines.filter((l) => l.backordered > 0).map((l) => ({ sku: l.sku, quantity: l.backordered }));
  }

  /**
   * The customer's (or the wait limit's) answer to a backorder, for the lines that wait:
   * - `wait`: nothing changes;
   * - `ship-available`: a ships-complete order stops holding back, and what is reserved goes to picking now;
   * - `drop-waiting`: the waiting units are cancelled, and what is reserved goes on (CANCELLED when nothing is left).
   * Returns what was dropped and what to fulfil now.
   */
  chooseForBackorder(
    choice: 'wait' | 'ship-available' | 'drop-waiting',
    reason: string,
    now: Date = new Date(),
  ): {
    waiting: Array<{ sku: string; quantity: number }>;
    dropped: Array<{ sku: string; quantity: number }>;
    toFulfil: Allocation[];
  } {
    const waiting = this.waitingLines;
    if (!['BACKORDERED', 'PROCESSING', 'PARTIALLY_SHIPPED'].includes(this.statusValue) || waiting.length === 0) {
      throw new NothingWaitsError(this.statusValue);
    }
    if (this.pending) {
      throw new EditNotAllowedError(this.statusValue, `edit ${this.pending.editId} of this order is still in progress`);
    }
    if (choice === 'wait') return { waiting, dropped: [], toFulfil: [] };
    if (choice === 'ship-available') {
      if (!this.shipCompleteValue) throw new OrderRuleError('the order already ships what is available', 'choice');
      if (this.held.length === 0) throw new OrderRuleError('nothing is reserved yet to ship', 'choice');
      this.shipCompleteValue = false;
      return { waiting, dropped: [], toFulfil: this.releaseHeld(reason, now) };
    }
    for (const line of this.lines) {
      line.cancelled += line.backordered;
      line.backordered = 0;
      line.promisedBy = null;
    }
    if (this.lines.every((l) => l.quantity - l.cancelled === 0)) {
      this.held = [];
      this.transitionTo('CANCELLED', reason, now);
      return { waiting, dropped: waiting, toFulfil: [] };
    }
    if (this.lines.every((l) => l.shipped >= l.quantity - l.cancelled)) {
      this.transitionTo('SHIPPED', `${reason}: everything left has shipped`, now);
      return { waiting, dropped: waiting, toFulfil: [] };
    }
    return { waiting, dropped: waiting, toFulfil: this.releaseHeld(reason, now) };
  }

  /** What a waiting order held back goes to picking: it is PROCESSING. */
  private releaseHeld(reason: string, now: Date): Allocation[] {
    if (this.statusValue === 'BACKORDERED') this.transitionTo('PROCESSING', reason, now);
    const toFulfil = this.held;
    this.held = [];
    return toFulfil;
  }

  /** Stock is reserved only for confirmed orders that have not yet shipped in full. */
  private assertReservable(target: OrderStatus): void {
    if (!['CONFIRMED', 'BACKORDERED', 'PROCESSING', 'PARTIALLY_SHIPPED'].includes(this.statusValue)) {
      throw new IllegalTransitionError(this.statusValue, target);
    }
  }

  private lineOf(sku: string): OrderLine {
    const line = this.lines.find((l) => l.sku === sku);
    if (!line) throw new OrderRuleError(`order ${this.id} has no line ${sku}`, 'sku');
    return line;
  }

  /** Holds a PLACED order for a person to look at. */
  holdForReview(reasons: string[], now: Date = new Date()): void {
    if (reasons.length === 0) throw new OrderRuleError('an order is held for review only with a reason');
    this.transitionTo('PENDING_REVIEW', `held for review: ${reasons.join(', ')}`, now);
    this.reviewReasonsValue = reasons;
  }

  /**
   * The order may go on (no review needed, or a person approved it): it waits for payment when it is
   * prepaid and unpaid, else it is confirmed. Returns the state it moved to.
   */
  proceed(reason: string, now: Date = new Date()): OrderStatus {
    const next: OrderStatus = this.paysUpFront && !this.paid ? 'AWAITING_PAYMENT' : 'CONFIRMED';
    this.transitionTo(next, reason, now);
    return next;
  }

  /**
   * Cancels the whole order until dispatch. Every unshipped unit is cancelled at once; the answer says whether
   * other services hold something for it (stock, pick lists, shipments) that the saga must undo.
   */
  cancel(reason: string, now: Date = new Date()): { needsCompensation: boolean } {
    const needsCompensation = CANCELLABLE_WITH_COMPENSATION.includes(this.statusValue);
    if (!needsCompensation && !CANCELLABLE_WITHOUT_COMPENSATION.includes(this.statusValue)) {
      throw new CancellationNotAllowedError(this.statusValue);
    }
    for (const line of this.lines) {
      line.cancelled = line.quantity - line.shipped;
      line.reserved = 0;
      line.backordered = 0;
      line.promisedBy = null;
    }
    this.held = [];
    this.pending = null;
    this.transitionTo('CANCELLED', reason, now);
    return { needsCompensation };
  }

  reject(reason: string, now: Date = new Date()): void {
    this.transitionTo('REJECTED', reason, now);
  }

  /**
   * Records a confirmed payment. A payment for less than the total is refused; one that arrives while the
   * order waits for it confirms the order. Returns whether the order was confirmed by it.
   */
  recordPayment(payment: Payment, now: Date = new Date()): boolean {
    if (this.paid)
      throw new OrderRuleError(`order ${this.id} is already paid (reference ${this.paid.reference})`, 'reference');
    if (payment.amount < this.totals.total) {
      throw new OrderRuleError(`payment of ${payment.amount} is less than the total ${this.totals.total}`, 'amount');
    }
    if (!['PLACED', 'PENDING_REVIEW', 'AWAITING_PAYMENT'].includes(this.statusValue)) {
      throw new IllegalTransitionError(this.statusValue, 'CONFIRMED');
    }
    this.paid = payment;
    if (this.statusValue !== 'AWAITING_PAYMENT') return false;
    this.transitionTo('CONFIRMED', `paid (${payment.reference})`, now);
    return true;
  }

  /** Moves to `to` or throws: an illegal move never passes silently. */
  transitionTo(to: OrderStatus, reason: string, now: Date = new Date()): void {
    if (!canTransition(this.statusValue, to)) throw new IllegalTransitionError(this.statusValue, to);
    this.pendingChanges.push({ from: this.statusValue, to, reason, at: now });
    this.statusValue = to;
  }

  /** Changes not yet saved; the repository stores them with the order and they are then cleared. */
  takeChanges(): StatusChange[] {
    return this.pendingChanges.splice(0);
  }
}

function reshipReasonOf(kind: ShipmentExceptionKind | undefined): ReshipReason {
  if (kind === 'lost' || kind === 'damaged') return kind;
  return 'other';
}
