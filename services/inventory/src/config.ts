import { EnvInt, loadConfig, localDefaults, ServiceConfig } from '@oms/platform';
import { IsInt, Max, Min } from 'class-validator';

export class InventoryConfig extends ServiceConfig {
  /** A reservation not taken into fulfillment within this time is released. */
  @EnvInt() @IsInt() @Min(1) @Max(60 * 24 * 30) RESERVATION_TTL_MINUTES = 60 * 24;
}

export function loadInventoryConfig(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  return loadConfig(InventoryConfig, env, localDefaults('inventory'));
}
