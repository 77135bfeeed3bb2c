import { RETURN_REASONS, type ReturnReason } from '@oms/contracts';
import { EnvBool, EnvInt, EnvList, loadConfig, localDefaults, ServiceConfig } from '@oms/platform';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import type { ReturnPolicy } from './domain/returns';

export class AftersalesConfig extends ServiceConfig {
  /** Hours after delivery before the customer is asked for feedback. */
  @EnvInt() @IsInt() @Min(0) @Max(24 * 90) FOLLOW_UP_DELAY_HOURS = 72;

  /** How often due follow-ups are looked for. */
  @EnvInt() @IsInt() @Min(100) @Max(3_600_000) FOLLOW_UP_POLL_INTERVAL_MS = 5_000;

  /** Ratings at or below this open a support case. */
  @EnvInt() @IsInt() @Min(1) @Max(5) LOW_RATING_THRESHOLD = 2;

  /** The payment provider's refund endpoint: POST { refundId, paymentReference, amount, currency, reason }. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) PAYMENT_PROVIDER_URL = 'http://127.0.0.1:8026/refunds';

  /** Signs each refund request (X-Signature: t=<unix seconds>,sha256=<HMAC of "<t>.<body>">); unsigned when absent. */
  @IsOptional() @IsString() @MinLength(16) PAYMENT_PROVIDER_SECRET?: string;

  @EnvInt() @IsInt() @Min(100) @Max(120_000) PAYMENT_TIMEOUT_MS = 10_000;

  /** Attempts before a refund that keeps failing is surfaced to ops (RefundFailed); it is still retried after. */
  @EnvInt() @IsInt() @Min(1) @Max(100) REFUND_MAX_ATTEMPTS = 8;

  @EnvInt() @IsInt() @Min(10) @Max(3_600_000) REFUND_RETRY_BASE_MS = 5_000;

  @EnvInt() @IsInt() @Min(10) @Max(86_400_000) REFUND_RETRY_MAX_MS = 3_600_000;

  @EnvInt() @IsInt() @Min(50) @Max(3_600_000) REFUND_POLL_INTERVAL_MS = 1_000;

  /** Days after the last delivery during which goods may be returned. */
  @EnvInt() @IsInt() @Min(0) @Max(365) RETURN_WINDOW_DAYS = 30;

  /** Overrides RETURN_WINDOW_DAYS with seconds (drills and tests). */
  @IsOptional() @EnvInt() @IsInt() @Min(1) RETURN_WINDOW_SECONDS?: number;

  /** Return reasons approved without staff (comma-separated), when worth no more than the limit below. */
  @EnvList() @IsIn(RETURN_REASONS, { each: true }) AUTO_APPROVE_REASONS: ReturnReason[] = [
    'damaged',
    'defective',
    'wrong-item',
  ];

  /** Minor units; -1: no limit. */
  @EnvInt() @IsInt() @Min(-1) @Max(1_000_000_000_000) AUTO_APPROVE_MAX_AMOUNT = 50_000;

  /** Percent kept from refunds of goods returned for the customer's own reasons (size, changed mind). */
  @EnvInt() @IsInt() @Min(0) @Max(100) RESTOCKING_FEE_PERCENT = 0;

  /** Where returns go back when not to the warehouse that shipped the goods. */
  @IsOptional() @IsString() @MinLength(1) RETURNS_WAREHOUSE?: string;

  /** Refund as soon as the goods are received and inspected (else staff POST /v1/returns/{id}/refund). */
  @EnvBool() REFUND_ON_RECEIPT = true;

  @EnvInt() @IsInt() @Min(50) @Max(3_600_000) RETURN_WINDOW_POLL_INTERVAL_MS = 60_000;

  get returnWindowMs(): number {
    return (this.RETURN_WINDOW_SECONDS ?? this.RETURN_WINDOW_DAYS * 86_400) * 1000;
  }

  get returnPolicy(): ReturnPolicy {
    return {
      windowMs: this.returnWindowMs,
      autoApproveReasons: this.AUTO_APPROVE_REASONS,
      autoApproveMaxAmount: this.AUTO_APPROVE_MAX_AMOUNT < 0 ? null : this.AUTO_APPROVE_MAX_AMOUNT,
      restockingFeePercent: this.RESTOCKING_FEE_PERCENT,
    };
  }
}

export function loadAftersalesConfig(env: NodeJS.ProcessEnv = process.env): AftersalesConfig {
  return loadConfig(AftersalesConfig, env, localDefaults('aftersales'));
}
