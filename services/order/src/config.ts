import { loadConfig, localDefaults, ServiceConfig } from '@oms/platform';

export class OrderConfig extends ServiceConfig {}

export function loadOrderConfig(env: NodeJS.ProcessEnv = process.env): OrderConfig {
  return loadConfig(OrderConfig, env, localDefaults('order'));
}
