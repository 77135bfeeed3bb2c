import { randomUUID } from 'node:crypto';
import type { Channel, Currency, Locale, PaymentMethod } from '@oms/contracts';
import { STAFF_KEYED_CHANNELS } from '@oms/contracts';
import { Money } from './money';
import { canTransition, IllegalTransitionError, type OrderStatus } from './order-status';

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
  cancelled: number;
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
    readonly shippingAddress: Address,
    readonly contact: Contact,
    readonly paymentMethod: PaymentMethod,
    readonly shipComplete: boolean,
    readonly notes: string | undefined,
    readonly placedBy: string | undefined,
    private statusValue: OrderStatus,
    readonly totals: OrderTotals,
    readonly placedAt: Date,
    readonly version: number,
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
        cancelled: 0,
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

  static restore(
    state: Omit<Order, 'status' | 'pendingChanges' | 'transitionTo' | 'takeChanges'> & { status: OrderStatus },
  ): Order {
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
    );
  }

  get status(): OrderStatus {
    return this.statusValue;
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
