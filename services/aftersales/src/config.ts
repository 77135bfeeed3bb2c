import { EnvInt, loadConfig, localDefaults, ServiceConfig } from '@oms/platform';
import { IsInt, Max, Min } from 'class-validator';

export class AftersalesConfig extends ServiceConfig {
  /** Hours after delivery before the customer is asked for feedback. */
  @EnvInt() @IsInt() @Min(0) @Max(24 * 90) FOLLOW_UP_DELAY_HOURS = 72;

  /** How often due follow-ups are looked for. */
  @EnvInt() @IsInt() @Min(100) @Max(3_600_000) FOLLOW_UP_POLL_INTERVAL_MS = 5_000;

  /** Ratings at or below this open a support case. */
  @EnvInt() @IsInt() @Min(1) @Max(5) LOW_RATING_THRESHOLD = 2;
}

export function loadAftersalesConfig(env: NodeJS.ProcessEnv = process.env): AftersalesConfig {
  return loadConfig(AftersalesConfig, env, localDefaults('aftersales'));
}
