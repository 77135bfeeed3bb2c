import { Injectable } from '@nestjs/common';
import type { Channel, Currency } from '@oms/contracts';
import { UnitOfWork } from '@oms/platform';
import { Cart, type CartStatus } from '../../domain/cart';

export interface StoredCart {
  cart: Cart;
  checkoutIdempotencyKey: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface CartRow {
  id: string;
  customer_id: string;
  channel: Channel;
  currency: Currency;
  status: CartStatus;
  order_id: string | null;
  checkout_idempotency_key: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Carts and the price list. Joins the current UnitOfWork. */
@Injectable()
export class CartRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private get db() {
    return this.unitOfWork.manager;
  }

  async insert(cart: Cart): Promise<void> {
    const { id, customerId, channel, currency, status } = cart.snapshot;
    await this.db.query(`INSERT INTO carts (id, customer_id, channel, currency, status) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      customerId,
      channel,
      currency,
      status,
    ]);
    await this.saveItems(cart);
  }

  /** The cart, its row locked for this transaction when `lock` (changes to one cart are serialised). */
  async find(id: string, lock = false): Promise<StoredCart | null> {
    const [row]: CartRow[] = await this.db.query(`SELECT * FROM carts WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) return null;
    const items: Array<{ sku: string; quantity: number }> = await this.db.query(
      `SELECT sku, quantity FROM cart_items WHERE cart_id = $1 ORDER BY position`,
      [id],
    );
    return {
      cart: Cart.restore({
        id: row.id,
        customerId: row.customer_id,
        channel: row.channel,
        currency: row.currency,
        status: row.status,
        orderId: row.order_id,
        items,
      }),
      checkoutIdempotencyKey: row.checkout_idempotency_key,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async save(cart: Cart, checkoutIdempotencyKey?: string): Promise<void> {
    const { id, status, orderId } = cart.snapshot;
    await this.db.query(
      `UPDATE carts SET status = $2, order_id = $3, checkout_idempotency_key = coalesce($4, checkout_idempotency_key),
              updated_at = now()
       WHERE id = $1`,
      [id, status, orderId, checkoutIdempotencyKey ?? null],
    );
    await this.saveItems(cart);
  }

  private async saveItems(cart: Cart): Promise<void> {
    const { id, items } = cart.snapshot;
    await this.db.query(`DELETE FROM cart_items WHERE cart_id = $1`, [id]);
    if (items.length === 0) return;
    await this.db.query(
      `INSERT INTO cart_items (cart_id, sku, quantity, position)
       SELECT $1, sku, quantity, position FROM unnest($2::text[], $3::int[]) WITH ORDINALITY AS i(sku, quantity, position)`,
      [id, items.map((item) => item.sku), items.map((item) => item.quantity)],
    );
  }

  /** Unit prices of `skus` in `currency`, by SKU; SKUs without a price are absent. */
  async prices(skus: string[], currency: Currency): Promise<Map<string, number>> {
    if (skus.length === 0) return new Map();
    const rows: Array<{ sku: string; unit_price: string }> = await this.db.query(
      `SELECT sku, unit_price FROM prices WHERE sku = ANY($1::text[]) AND currency = $2`,
      [skus, currency],
    );
    return new Map(rows.map((row) => [row.sku, Number(row.unit_price)]));
  }

  async setPrice(sku: string, currency: Currency, unitPrice: number): Promise<void> {
    await this.db.query(
      `INSERT INTO prices (sku, currency, unit_price) VALUES ($1, $2, $3)
       ON CONFLICT (sku, currency) DO UPDATE SET unit_price = EXCLUDED.unit_price, updated_at = now()`,
      [sku, currency, unitPrice],
    );
  }

  async pricesOf(sku: string): Promise<Array<{ currency: Currency; unitPrice: number; updatedAt: string }>> {
    const rows: Array<{ currency: Currency; unit_price: string; updated_at: Date }> = await this.db.query(
      `SELECT currency, unit_price, updated_at FROM prices WHERE sku = $1 ORDER BY currency`,
      [sku],
    );
    return rows.map((row) => ({
      currency: row.currency,
      unitPrice: Number(row.unit_price),
      updatedAt: row.updated_at.toISOString(),
    }));
  }
}
