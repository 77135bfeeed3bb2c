import { loadConfig, localDefaults, ServiceConfig } from '@oms/platform';
import { IsOptional, IsString, MinLength } from 'class-validator';
import { type CarrierRule, DEFAULT_CARRIERS } from './domain/carrier-choice';

export class ShippingConfig extends ServiceConfig {
  /** JSON list of carrier rules (see CarrierRule); the built-in set when absent. */
  @IsOptional() @IsString() CARRIERS?: string;

  /** HMAC-SHA256 secret of the carriers' tracking webhooks; without it the webhook answers 401. */
  @IsOptional() @IsString() @MinLength(16) CARRIER_WEBHOOK_SECRET?: string;

  get carriers(): CarrierRule[] {
    return this.CARRIERS ? parseCarriers(this.CARRIERS) : DEFAULT_CARRIERS;
  }
}

function parseCarriers(json: string): CarrierRule[] {
  const rules = JSON.parse(json) as CarrierRule[];
  if (!Array.isArray(rules) || rules.length === 0) throw new Error('CARRIERS must be a non-empty JSON list');
  for (const rule of rules) {
    if (
      !/^[a-z0-9][a-z0-9-]{0,39}$/.test(rule.code) ||
      !Array.isArray(rule.countries) ||
      !(rule.maxWeightGrams > 0) ||
      !rule.tracking?.prefix
    ) {
      throw new Error(`CARRIERS: bad rule ${JSON.stringify(rule)}`);
    }
  }
  return rules;
}

export function loadShippingConfig(env: NodeJS.ProcessEnv = process.env): ShippingConfig {
  const config = loadConfig(ShippingConfig, env, localDefaults('shipping'));
  void config.carriers; // a bad CARRIERS stops the service at start, not at the first dispatch
  return config;
}
