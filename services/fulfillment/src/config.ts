import { loadConfig, localDefaults, ServiceConfig } from '@oms/platform';

export class FulfillmentConfig extends ServiceConfig {}

export function loadFulfillmentConfig(env: NodeJS.ProcessEnv = process.env): FulfillmentConfig {
  return loadConfig(FulfillmentConfig, env, localDefaults('fulfillment'));
}
