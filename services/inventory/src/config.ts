import { EnvInt, loadConfig, localDefaults, ServiceConfig } from '@oms/platform';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class InventoryConfig extends ServiceConfig {
  /** A reservation not taken into fulfillment within this time expires and its stock goes back on sale. */
  @EnvInt() @IsInt() @Min(1) @Max(60 * 24 * 30) RESERVATION_TTL_MINUTES = 60 * 24;

  /** Overrides RESERVATION_TTL_MINUTES with seconds (short expiries in tests and drills). */
  @IsOptional() @EnvInt() @IsInt() @Min(1) @Max(60 * 60 * 24 * 30) RESERVATION_TTL_SECONDS?: number;

  /** How often the expiry timer looks for lapsed reservations. */
  @EnvInt() @IsInt() @Min(100) @Max(3_600_000) RESERVATION_EXPIRY_POLL_INTERVAL_MS = 5_000;

  /** Available units of a SKU in a warehouse at or below which LowStockDetected is raised (once per crossing). */
  @EnvInt() @IsInt() @Min(0) @Max(1_000_000) LOW_STOCK_THRESHOLD = 5;

  /**
   * Placements and confirmations of orders placed close together travel on different partitions and may arrive
   * out of order: a confirmed order waits this long after its placement before it reserves, so that an earlier
   * order's placement is known here. 0 with a 0 hold: at once, in arrival order.
   */
  @EnvInt() @IsInt() @Min(0) @Max(60_000) RESERVATION_ORDERING_WINDOW_MS = 300;

  /**
   * Then it waits while an order placed before it for the same SKUs is not yet confirmed here, at most this long
   * after that order's placement: the first placed reserves first, and an order held for review holds no one long.
   */
  @EnvInt() @IsInt() @Min(0) @Max(600_000) RESERVATION_ORDERING_MAX_HOLD_MS = 5_000;

  /**
   * Waiting can only change who gets the stock when there is not enough of it for everyone. A confirmed order is
   * served at once, without the window or the hold, when for each of its SKUs at least this many units would
   * still be available after it and after every earlier order known here (unconfirmed, waiting its turn, or
   * backordered): the earlier orders still on their way would have to want more than that together to lose to
   * it. -1: always wait the window.
   */
  @EnvInt() @IsInt() @Min(-1) @Max(1_000_000_000) RESERVATION_ORDERING_HEADROOM = 1_000;

  /**
   * One transaction at a time here: two concurrent group transactions take stock rows (shipments, releases) and the
   * reservation queue's lock in different orders and deadlocked (93 times in one benchmark run at 2).
   */
  @EnvInt() @IsInt() @Min(1) @Max(12) override CONSUMER_TRANSACTIONS_CONCURRENTLY = 1;

  get reservationTtlMs(): number {
    return (this.RESERVATION_TTL_SECONDS ?? this.RESERVATION_TTL_MINUTES * 60) * 1000;
  }
}

export function loadInventoryConfig(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  return loadConfig(InventoryConfig, env, localDefaults('inventory'));
}
