import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@oms/platform';
import { NotificationsController } from './api/http/notifications.controller';
import { OrderPlacedHandler } from './application/order-placed.handler';
import type { NotificationConfig } from './config';
import { MIGRATIONS } from './infrastructure/persistence/migrations';
import { NotificationRepository } from './infrastructure/persistence/notification.repository';

/** Wiring only. */
@Module({})
export class AppModule {
  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ config, source: 'notification', entities: [], migrations: MIGRATIONS })],
      controllers: [NotificationsController],
      providers: [NotificationRepository, OrderPlacedHandler],
    };
  }
}
