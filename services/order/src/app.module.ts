import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@oms/platform';
import { PlaceOrderHandler } from './application/place-order/place-order.handler';
import { GetOrderQuery } from './application/queries/get-order.query';
import { OrderChanges } from './application/order-changes';
import { OrderTimelineHandler } from './application/order-timeline.handler';
import { ShipmentEventsHandler } from './application/saga/shipment-events.handler';
import { StockEventsHandler } from './application/saga/stock-events.handler';
import { OrderReviewController } from './api/http/order-review.controller';
import { OrdersController } from './api/http/orders.controller';
import { OrderEditsController } from './api/http/order-edits.controller';
import { CartsController } from './api/http/carts.controller';
import { PricesController } from './api/http/prices.controller';
import { CartService } from './application/carts/cart.service';
import { OrderGrpcServer } from './api/grpc/order-grpc.server';
import { OrderStatusFeed } from './infrastructure/persistence/order-status-feed';
import { CancelOrderService } from './application/cancel/cancel-order.service';
import { CompensationSagaService } from './application/cancel/compensation-saga.service';
import { CompensationAnswersHandler, CompensationTimer } from './application/cancel/compensation-answers.handler';
import { CompensationRepository } from './infrastructure/persistence/compensation.repository';
import { BackorderChoiceService } from './application/saga/backorder-choice.service';
import { FulfillmentRequests } from './application/saga/fulfillment-requests';
import { OrderSagaRunner } from './application/saga/order-saga.runner';
import { AftersalesEventsHandler } from './application/saga/aftersales-events.handler';
import { EditOrderService } from './application/edit/edit-order.service';
import { OrderEditRepository } from './infrastructure/persistence/order-edit.repository';
import { DeliveryExceptionService } from './application/saga/delivery-exception.service';
import { BackorderWaitLimit } from './application/saga/backorder-wait-limit';
import { CartRepository } from './infrastructure/persistence/cart.repository';
import { ConfirmPlacedOrdersHandler } from './application/confirmation/order-placed.handler';
import { OrderConfirmationService } from './application/confirmation/order-confirmation.service';
import type { OrderConfig } from './config';
import { ORDER_REPOSITORY } from './domain/order.repository';
import { ORDER_MIGRATIONS } from './infrastructure/persistence/migrations';
import { ORDER_ENTITIES } from './infrastructure/persistence/order.entity';
import { OrderQueriesRepository } from './infrastructure/persistence/order-queries.repository';
import { TypeormOrderRepository } from './infrastructure/persistence/typeorm-order.repository';

/** Wiring only. */
@Module({})
export class AppModule {
  static forRoot(config: OrderConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ config, source: 'order', entities: ORDER_ENTITIES, migrations: ORDER_MIGRATIONS }),
      ],
      controllers: [OrdersController, OrderEditsController, OrderReviewController, CartsController, PricesController],
      providers: [
        PlaceOrderHandler,
        CartService,
        OrderStatusFeed,
        OrderGrpcServer,
        CancelOrderService,
        CompensationSagaService,
        CompensationAnswersHandler,
        CompensationTimer,
        CompensationRepository,
        BackorderChoiceService,
        FulfillmentRequests,
        OrderSagaRunner,
        AftersalesEventsHandler,
        EditOrderService,
        OrderEditRepository,
        DeliveryExceptionService,
        BackorderWaitLimit,
        CartRepository,
        GetOrderQuery,
        OrderQueriesRepository,
        OrderTimelineHandler,
        OrderChanges,
        OrderConfirmationService,
        StockEventsHandler,
        ShipmentEventsHandler,
        ConfirmPlacedOrdersHandler,
        { provide: ORDER_REPOSITORY, useClass: TypeormOrderRepository },
      ],
    };
  }
}
