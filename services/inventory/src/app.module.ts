import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@oms/platform';
import { StockController } from './api/http/stock.controller';
import { OrderPlacedHandler } from './application/order-placed.handler';
import { ReservationRequestPoller, ReserveStockHandler } from './application/reserve-stock.handler';
import { StockService } from './application/stock.service';
import { StockLedger } from './application/stock-ledger';
import { BackorderQueue } from './application/backorder-queue';
import { OrderCancellationHandler } from './application/order-cancellation.handler';
import { OrderEditedHandler } from './application/order-edited.handler';
import { ReturnsHandler } from './application/returns.handler';
import { ShipmentDispatchedHandler } from './application/shipment-dispatched.handler';
import { ReservationExpiryPoller } from './application/reservation-expiry.poller';
import type { InventoryConfig } from './config';
import { INVENTORY_MIGRATIONS } from './infrastructure/persistence/migrations';
import { ReservationRepository } from './infrastructure/persistence/reservation.repository';
import { StockRepository } from './infrastructure/persistence/stock.repository';

/** Wiring only. */
@Module({})
export class AppModule {
  static forRoot(config: InventoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ config, source: 'inventory', entities: [], migrations: INVENTORY_MIGRATIONS }),
      ],
      controllers: [StockController],
      providers: [
        StockRepository,
        ReservationRepository,
        StockLedger,
        BackorderQueue,
        OrderCancellationHandler,
        OrderEditedHandler,
        ReturnsHandler,
        StockService,
        OrderPlacedHandler,
        ReserveStockHandler,
        ReservationRequestPoller,
        ShipmentDispatchedHandler,
        ReservationExpiryPoller,
      ],
    };
  }
}
