import { ConfigError, loadConfig, ServiceConfig } from './config';
import { localDefaults } from './local-defaults';

describe('loadConfig', () => {
  it('fills local defaults outside production', () => {
    const config = loadConfig(ServiceConfig, { NODE_ENV: 'development' }, localDefaults('order'));
    expect(config.HTTP_PORT).toBe(3001);
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(config.consumerGroup).toBe('order');
  });

  it('stops with every problem listed when a setting is missing or bad', () => {
    expect(() =>
      loadConfig(ServiceConfig, { NODE_ENV: 'production', HTTP_PORT: 'eighty', KAFKA_BROKERS: 'nohost' }),
    ).toThrow(ConfigError);
    try {
      loadConfig(ServiceConfig, { NODE_ENV: 'production', HTTP_PORT: 'eighty', KAFKA_BROKERS: 'nohost' });
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/SERVICE_NAME/);
      expect(problems).toMatch(/HTTP_PORT="eighty"/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/KAFKA_BROKERS="nohost"/);
    }
  });

  it('lets a signed webhook be 300 s away from now unless WEBHOOK_TOLERANCE_SECONDS says otherwise', () => {
    const defaults = localDefaults('order');
    expect(loadConfig(ServiceConfig, {}, defaults).WEBHOOK_TOLERANCE_SECONDS).toBe(300);
    expect(loadConfig(ServiceConfig, { WEBHOOK_TOLERANCE_SECONDS: '60' }, defaults).WEBHOOK_TOLERANCE_SECONDS).toBe(60);
    expect(() => loadConfig(ServiceConfig, { WEBHOOK_TOLERANCE_SECONDS: '0' }, defaults)).toThrow(
      /WEBHOOK_TOLERANCE_SECONDS/,
    );
  });

  it('ignores local defaults in production', () => {
    expect(() => loadConfig(ServiceConfig, { NODE_ENV: 'production' }, localDefaults('order'))).toThrow(/DATABASE_URL/);
  });
});
