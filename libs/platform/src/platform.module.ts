import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ServiceName } from '@oms/contracts';
import { LoggerModule } from 'nestjs-pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { DataSource, type MixedList } from 'typeorm';
import type { ServiceConfig } from './config/config';
import { typeOrmOptions } from './database/typeorm-options';
import { UnitOfWork } from './database/unit-of-work';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RequestContextMiddleware } from './http/request-context.middleware';
import { WebhookReceiver } from './http/webhook-receiver';
import { createLogger } from './logging/logger';
import { createKafkaClient } from './messaging/kafka/create-kafka-client';
import { MessagingRuntime } from './messaging/messaging-runtime';
import { EventPublisher } from './messaging/outbox/event-publisher';
import { MessagingMetrics } from './metrics/messaging-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { CircuitBreakers } from './outbound/circuit-breakers';
import { KAFKA_CLIENT, METRICS_REGISTRY, PLATFORM_LOGGER, SERVICE_CONFIG } from './tokens';

export interface PlatformModuleOptions {
  config: ServiceConfig;
  /** The service name as an event source. */
  source: ServiceName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/**
 * Everything a service shares with the others, once: config, pino logging, TypeORM with the outbox and inbox
 * tables, the messaging runtime (Kafka, outbox relay, consumer with inbox and DLQ), health, metrics, circuit
 * breakers for outside systems and problem+json errors. A service's AppModule imports `PlatformModule.forRoot(...)`
 * and its own modules.
 */
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    const { config } = options;
    const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
    const registry = new Registry();
    registry.setDefaultLabels({ service: config.SERVICE_NAME });
    collectDefaultMetrics({ register: registry });
    return {
      module: PlatformModule,
      global: true,
      imports: [
        DiscoveryModule,
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
            customProps: (req) => ({ correlationId: req.headers['x-correlation-id'] }),
          },
        }),
        TypeOrmModule.forRoot(typeOrmOptions(config, options.entities, options.migrations)),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: PLATFORM_LOGGER, useValue: logger },
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: MessagingMetrics, useValue: new MessagingMetrics(registry) },
        {
          provide: CircuitBreakers,
          useValue: new CircuitBreakers(
            { failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, cooldownMs: config.CIRCUIT_COOLDOWN_MS },
            logger,
            registry,
          ),
        },
        {
          provide: KAFKA_CLIENT,
          useValue: createKafkaClient(config.KAFKA_CLIENT, {
            clientId: config.KAFKA_CLIENT_ID ?? config.SERVICE_NAME,
            brokers: config.kafkaBrokers,
            log: (level, message, extra) => logger[level](extra, message),
          }),
        },
        {
          provide: UnitOfWork,
          useFactory: (dataSource: DataSource) => new UnitOfWork(dataSource),
          inject: [DataSource],
        },
        {
          provide: EventPublisher,
          useFactory: (unitOfWork: UnitOfWork) =>
            new EventPublisher(unitOfWork, options.source, (t) => config.topic(t)),
          inject: [UnitOfWork],
        },
        {
          provide: WebhookReceiver,
          useFactory: (unitOfWork: UnitOfWork) => new WebhookReceiver(unitOfWork, config.WEBHOOK_TOLERANCE_SECONDS),
          inject: [UnitOfWork],
        },
        MessagingRuntime,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [
        SERVICE_CONFIG,
        PLATFORM_LOGGER,
        METRICS_REGISTRY,
        KAFKA_CLIENT,
        UnitOfWork,
        EventPublisher,
        WebhookReceiver,
        MessagingRuntime,
        MessagingMetrics,
        CircuitBreakers,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
