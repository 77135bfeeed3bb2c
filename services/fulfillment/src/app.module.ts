import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@oms/platform';
import { PickListsController } from './api/http/pick-lists.controller';
import { FulfillmentRequestedHandler } from './application/fulfillment-requested.handler';
import { OrderCancellationHandler } from './application/order-cancellation.handler';
import { OrderEditHandler } from './application/order-edit.handler';
import { PickListWithdrawal } from './application/pick-list-withdrawal';
import { PickAndPackService } from './application/pick-and-pack.service';
import type { FulfillmentConfig } from './config';
import { MIGRATIONS } from './infrastructure/persistence/migrations';
import { PickListRepository } from './infrastructure/persistence/pick-list.repository';

/** Wiring only. */
@Module({})
export class AppModule {
  static forRoot(config: FulfillmentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ config, source: 'fulfillment', entities: [], migrations: MIGRATIONS })],
      controllers: [PickListsController],
      providers: [
        PickListRepository,
        FulfillmentRequestedHandler,
        PickAndPackService,
        OrderCancellationHandler,
        OrderEditHandler,
        PickListWithdrawal,
      ],
    };
  }
}
