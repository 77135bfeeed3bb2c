import { EnvInt, loadConfig, localDefaults, ServiceConfig } from '@oms/platform';
import { IsInt, Max, Min } from 'class-validator';

export class FulfillmentConfig extends ServiceConfig {
  /**
   * Orders of one customer to one address join an open (not yet picked) pick list of the same warehouse made
   * within this many minutes: one pick, one parcel. 0 turns merging off.
   */
  @EnvInt() @IsInt() @Min(0) @Max(24 * 60) MERGE_WINDOW_MINUTES = 30;
}

export function loadFulfillmentConfig(env: NodeJS.ProcessEnv = process.env): FulfillmentConfig {
  return loadConfig(FulfillmentConfig, env, localDefaults('fulfillment'));
}
