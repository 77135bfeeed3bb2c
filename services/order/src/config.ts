import { EnvBool, EnvInt, loadConfig, localDefaults, ServiceConfig } from '@oms/platform';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import type { ReviewPolicy } from './domain/review-policy';
import type { CompensationPolicy } from './domain/saga/cancellation-saga';

export class OrderConfig extends ServiceConfig {
  /** Orders above this total (minor units) wait for review; 0 sends every order to review, -1 turns it off. */
  @EnvInt() @IsInt() @Min(-1) @Max(1_000_000_000_000) REVIEW_AMOUNT_THRESHOLD = 500_000;

  @EnvBool() REVIEW_STAFF_KEYED = true;

  @EnvBool() REVIEW_INCOMPLETE_ADDRESS = true;

  /** HMAC-SHA256 secret of the payment provider's webhook; without it the webhook answers 401. */
  @IsOptional() @IsString() @MinLength(16) PAYMENT_WEBHOOK_SECRET?: string;

  /** The gRPC door (oms.order.v1.OrderService); 0 binds any free port (tests). */
  @EnvBool() GRPC_ENABLED = true;

  @IsString() GRPC_HOST = '0.0.0.0';

  @EnvInt() @IsInt() @Min(0) @Max(65535) GRPC_PORT = 50051;

  /** Lines waiting for stock longer than this are dropped (the order cancelled when nothing else is left). */
  @EnvInt() @IsInt() @Min(1) @Max(24 * 365) BACKORDER_WAIT_LIMIT_HOURS = 24 * 14;

  /** Overrides BACKORDER_WAIT_LIMIT_HOURS with seconds (drills and tests). */
  @IsOptional() @EnvInt() @IsInt() @Min(1) BACKORDER_WAIT_LIMIT_SECONDS?: number;

  @EnvInt() @IsInt() @Min(100) @Max(3_600_000) BACKORDER_POLL_INTERVAL_MS = 60_000;

  /** How long a compensation step may go unanswered before it is asked again (doubling with each repeat). */
  @EnvInt() @IsInt() @Min(100) @Max(3_600_000) COMPENSATION_STEP_TIMEOUT_MS = 30_000;

  /** Requests of one compensation step before it is surfaced to ops (CompensationFailed). */
  @EnvInt() @IsInt() @Min(1) @Max(100) COMPENSATION_MAX_ATTEMPTS = 5;

  @EnvInt() @IsInt() @Min(100) @Max(3_600_000) COMPENSATION_POLL_INTERVAL_MS = 1_000;

  get compensationPolicy(): CompensationPolicy {
    return { stepTimeoutMs: this.COMPENSATION_STEP_TIMEOUT_MS, maxAttempts: this.COMPENSATION_MAX_ATTEMPTS };
  }

  get backorderWaitLimitSeconds(): number {
    return this.BACKORDER_WAIT_LIMIT_SECONDS ?? this.BACKORDER_WAIT_LIMIT_HOURS * 3600;
  }

  get reviewPolicy(): ReviewPolicy {
    return {
      amountThreshold: this.REVIEW_AMOUNT_THRESHOLD < 0 ? null : this.REVIEW_AMOUNT_THRESHOLD,
      staffKeyed: this.REVIEW_STAFF_KEYED,
      incompleteAddress: this.REVIEW_INCOMPLETE_ADDRESS,
    };
  }
}

export function loadOrderConfig(env: NodeJS.ProcessEnv = process.env): OrderConfig {
  return loadConfig(OrderConfig, env, localDefaults('order'));
}
