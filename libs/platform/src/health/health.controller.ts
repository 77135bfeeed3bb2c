import { Controller, Get, Inject, type OnApplicationShutdown } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { MessagingRuntime } from '../messaging/messaging-runtime';
import type { KafkaAdmin, KafkaClient } from '../messaging/kafka/kafka-port';
import { KAFKA_CLIENT } from '../tokens';

@ApiExcludeController()
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  private admin: Promise<KafkaAdmin> | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly messaging: MessagingRuntime,
    @Inject(KAFKA_CLIENT) private readonly kafka: KafkaClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  /** The process is alive and its event loop turns; nothing outside is checked (a restart would not help). */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([
      () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  /** Ready to take traffic: the database answers, the broker answers, the producer and consumer are connected. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 1500 }), () => this.kafkaCheck()]);
  }

  private async kafkaCheck() {
    const indicator = this.indicators.check('kafka');
    try {
      this.admin ??= this.kafka.admin();
      const admin = await this.admin;
      await Promise.race([
        admin.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1500)),
      ]);
    } catch (error) {
      this.admin = undefined;
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
    if (!this.messaging.producerConnected) return indicator.down({ message: 'producer not connected' });
    if (!this.messaging.consumerHealthy) return indicator.down({ message: 'consumer not in its group' });
    return indicator.up();
  }
}
