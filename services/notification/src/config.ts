import { loadConfig, localDefaults, ServiceConfig } from '@oms/platform';

export class NotificationConfig extends ServiceConfig {}

export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  return loadConfig(NotificationConfig, env, localDefaults('notification'));
}
