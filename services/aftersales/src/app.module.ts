import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@oms/platform';
import { AftersalesController } from './api/http/aftersales.controller';
import { FeedbackService } from './application/feedback.service';
import { FollowUpScheduler } from './application/follow-up.scheduler';
import { OrderEventsHandler } from './application/order-events.handler';
import type { AftersalesConfig } from './config';
import { AftersalesRepository } from './infrastructure/persistence/aftersales.repository';
import { MIGRATIONS } from './infrastructure/persistence/migrations';

/** Wiring only. */
@Module({})
export class AppModule {
  static forRoot(config: AftersalesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ config, source: 'aftersales', entities: [], migrations: MIGRATIONS })],
      controllers: [AftersalesController],
      providers: [AftersalesRepository, OrderEventsHandler, FollowUpScheduler, FeedbackService],
    };
  }
}
