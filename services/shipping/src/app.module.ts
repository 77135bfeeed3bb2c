import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@oms/platform';
import { CarriersController } from './api/http/carriers.controller';
import { ShipmentsController } from './api/http/shipments.controller';
import { CarrierEventsService } from './application/carrier-events.service';
import { DispatchService } from './application/dispatch.service';
import { PickListCancelledHandler } from './application/pick-list-cancelled.handler';
import { OrderPackedHandler } from './application/order-packed.handler';
import { OrderCancellationHandler } from './application/order-cancellation.handler';
import type { ShippingConfig } from './config';
import { MIGRATIONS } from './infrastructure/persistence/migrations';
import { ShipmentRepository } from './infrastructure/persistence/shipment.repository';

/** Wiring only. */
@Module({})
export class AppModule {
  static forRoot(config: ShippingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ config, source: 'shipping', entities: [], migrations: MIGRATIONS })],
      controllers: [ShipmentsController, CarriersController],
      providers: [
        ShipmentRepository,
        OrderPackedHandler,
        PickListCancelledHandler,
        OrderCancellationHandler,
        DispatchService,
        CarrierEventsService,
      ],
    };
  }
}
