import { loadConfig, localDefaults, ServiceConfig } from '@oms/platform';

export class InventoryConfig extends ServiceConfig {}

export function loadInventoryConfig(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  return loadConfig(InventoryConfig, env, localDefaults('inventory'));
}
