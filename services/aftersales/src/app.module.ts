import { type DynamicModule, Module } from '@nestjs/common';
import { CircuitBreakers, PlatformModule } from '@oms/platform';
import { AftersalesController } from './api/http/aftersales.controller';
import { RefundsController } from './api/http/refunds.controller';
import { ReturnsController } from './api/http/returns.controller';
import { CasesController } from './api/http/cases.controller';
import { ReturnsService, ReturnWindowTimer } from './application/returns.service';
import { ReturnRepository } from './infrastructure/persistence/return.repository';
import { FeedbackService } from './application/feedback.service';
import { FollowUpScheduler } from './application/follow-up.scheduler';
import { OrderEventsHandler } from './application/order-events.handler';
import { PAYMENT_PROVIDER } from './application/payment-provider';
import { RefundDispatcher, RefundRequestedHandler } from './application/refunds';
import { CaseTriggers, CaseWork, SupportCases } from './application/support-cases';
import type { AftersalesConfig } from './config';
import { AftersalesRepository } from './infrastructure/persistence/aftersales.repository';
import { MIGRATIONS } from './infrastructure/persistence/migrations';
import { RefundRepository } from './infrastructure/persistence/refund.repository';
import { HttpPaymentProvider } from './infrastructure/payments/http-payment-provider';

/** Wiring only. */
@Module({})
export class AppModule {
  static forRoot(config: AftersalesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot({ config, source: 'aftersales', entities: [], migrations: MIGRATIONS })],
      controllers: [AftersalesController, RefundsController, ReturnsController, CasesController],
      providers: [
        AftersalesRepository,
        RefundRepository,
        ReturnRepository,
        ReturnsService,
        ReturnWindowTimer,
        OrderEventsHandler,
        FollowUpScheduler,
        FeedbackService,
        RefundRequestedHandler,
        RefundDispatcher,
        SupportCases,
        CaseTriggers,
        CaseWork,
        {
          provide: PAYMENT_PROVIDER,
          inject: [CircuitBreakers],
          useFactory: (circuits: CircuitBreakers) =>
            new HttpPaymentProvider(
              {
                url: config.PAYMENT_PROVIDER_URL,
                timeoutMs: config.PAYMENT_TIMEOUT_MS,
                ...(config.PAYMENT_PROVIDER_SECRET ? { secret: config.PAYMENT_PROVIDER_SECRET } : {}),
              },
              circuits.for('payments'),
            ),
        },
      ],
    };
  }
}
