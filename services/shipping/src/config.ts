import { loadConfig, localDefaults, ServiceConfig } from '@oms/platform';

export class ShippingConfig extends ServiceConfig {}

export function loadShippingConfig(env: NodeJS.ProcessEnv = process.env): ShippingConfig {
  return loadConfig(ShippingConfig, env, localDefaults('shipping'));
}
