import { EnvInt, loadConfig, localDefaults, ServiceConfig } from '@oms/platform';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

export class AftersalesConfig extends ServiceConfig {
  /** Hours after delivery before the customer is asked for feedback. */
  @EnvInt() @IsInt() @Min(0) @Max(24 * 90) FOLLOW_UP_DELAY_HOURS = 72;

  /** How often due follow-ups are looked for. */
  @EnvInt() @IsInt() @Min(100) @Max(3_600_000) FOLLOW_UP_POLL_INTERVAL_MS = 5_000;

  /** Ratings at or below this open a support case. */
  @EnvInt() @IsInt() @Min(1) @Max(5) LOW_RATING_THRESHOLD = 2;

  /** The payment provider's refund endpoint: POST { refundId, paymentReference, amount, currency, reason }. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) PAYMENT_PROVIDER_URL = 'http://127.0.0.1:8026/refunds';

  /** Signs each refund request (X-Signature: sha256=<HMAC of the body>); unsigned when absent. */
  @IsOptional() @IsString() @MinLength(16) PAYMENT_PROVIDER_SECRET?: string;

  @EnvInt() @IsInt() @Min(100) @Max(120_000) PAYMENT_TIMEOUT_MS = 10_000;

  /** Attempts before a refund that keeps failing is surfaced to ops (RefundFailed); it is still retried after. */
  @EnvInt() @IsInt() @Min(1) @Max(100) REFUND_MAX_ATTEMPTS = 8;

  @EnvInt() @IsInt() @Min(10) @Max(3_600_000) REFUND_RETRY_BASE_MS = 5_000;

  @EnvInt() @IsInt() @Min(10) @Max(86_400_000) REFUND_RETRY_MAX_MS = 3_600_000;

  @EnvInt() @IsInt() @Min(50) @Max(3_600_000) REFUND_POLL_INTERVAL_MS = 1_000;
}

export function loadAftersalesConfig(env: NodeJS.ProcessEnv = process.env): AftersalesConfig {
  return loadConfig(AftersalesConfig, env, localDefaults('aftersales'));
}
