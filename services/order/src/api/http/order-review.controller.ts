import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException, SERVICE_CONFIG, WebhookReceiver } from '@oms/platform';
import type { Request, Response } from 'express';
import {
  OrderConfirmationService,
  OrderNotFoundError,
} from '../../application/confirmation/order-confirmation.service';
import { toOrderView } from '../../application/queries/order-view';
import type { OrderConfig } from '../../config';
import {
  CancellationNotAllowedError,
  NoDeliveryExceptionError,
  NothingWaitsError,
  type Order,
  OrderRuleError,
} from '../../domain/order';
import { DeliveryExceptionService } from '../../application/saga/delivery-exception.service';
import { BackorderChoiceService } from '../../application/saga/backorder-choice.service';
import { CancelOrderService } from '../../application/cancel/cancel-order.service';
import { IllegalTransitionError } from '../../domain/order-status';
import {
  ApproveOrderDto,
  BackorderChoiceDto,
  CancelOrderDto,
  DeliveryResolutionDto,
  PaymentWebhookDto,
  RecordPaymentDto,
  RejectOrderDto,
} from './dto/review-and-payment.dto';
import { startEdit } from './order-edits.controller';
import { CancelsWholeOrderError } from '../../domain/order-edit';
import { uuidParam } from './params';
import { EditOrderService } from '../../application/edit/edit-order.service';
import { GetOrderQuery } from '../../application/queries/get-order.query';

@ApiTags('orders')
@Controller('v1')
export class OrderReviewController {
  constructor(
    private readonly confirmation: OrderConfirmationService,
    private readonly cancellation: CancelOrderService,
    private readonly backorderChoice: BackorderChoiceService,
    private readonly deliveryExceptions: DeliveryExceptionService,
    private readonly editing: EditOrderService,
    private readonly getOrder: GetOrderQuery,
    private readonly webhooks: WebhookReceiver,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
  ) {}

  @Post('orders/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve an order held for review' })
  @ApiHeader({ name: 'X-Staff-Id', required: false })
  approve(@Param('id', uuidParam) id: string, @Body() body: ApproveOrderDto, @Headers('x-staff-id') staffId?: string) {
    return this.answer(id, () => this.confirmation.approve(id, body.approvedBy ?? staffId ?? 'staff', body.note));
  }

  @Post('orders/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject an order held for review' })
  reject(@Param('id', uuidParam) id: string, @Body() body: RejectOrderDto) {
    return this.answer(id, () => this.confirmation.reject(id, body.reason, body.rejectedBy));
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel the whole order until dispatch',
    description:
      'The order is CANCELLED at once; what other services hold for it is undone by the cancellation saga, in reverse (void the shipment, cancel the pick lists, release the stock, refund), each step in the timeline and in `cancellations`. With `lines`, only those units are cancelled: like an edit, the warehouse decides while the order is there (Prefer: wait=N; 200, 202 or 409) and their payment is refunded. Once goods were dispatched: 409 with the current state (request a return instead).',
  })
  cancel(
    @Param('id', uuidParam) id: string,
    @Body() body: CancelOrderDto,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const whole = () =>
      this.answer(id, () =>
        this.cancellation.cancel({
          orderId: id,
          reason: body.reason,
          cause: body.cause ?? 'customer-request',
          requestedBy: body.requestedBy,
        }),
      );
    if (!body.lines) return whole();
    // Some lines: an edit that cancels units (the warehouse decides while the order is there; refunded if paid).
    const request = { cancelLines: body.lines, reason: body.reason };
    return startEdit(
      this.editing,
      this.getOrder,
      { id, request, by: body.requestedBy ?? 'customer', prefer },
      response,
    ).catch((error: unknown) => {
      if (error instanceof CancelsWholeOrderError) return whole();
      throw error;
    });
  }

  @Post('orders/:id/backorder-choice')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Choose what happens to the lines waiting for stock: wait, ship what is available, or drop them',
    description:
      'drop-waiting cancels the waiting units (the whole order when nothing else is left); ship-available lets a ships-complete order ship what is reserved now. 409 when nothing waits.',
  })
  chooseForBackorder(@Param('id', uuidParam) id: string, @Body() body: BackorderChoiceDto) {
    return this.answer(id, async () => {
      const order = await this.backorderChoice.choose(id, body.choice, body.chosenBy ?? 'customer', {
        note: body.note,
      });
      return order;
    });
  }

  @Post('orders/:id/shipments/:shipmentId/resolution')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve a delivery exception: reship the lines, refund them, or hand it to customer service',
    description:
      "The order's `shipments[].resolutionsOffered` lists what may be chosen (refund only when something was paid). 409 when the shipment is not in trouble.",
  })
  resolveDeliveryException(
    @Param('id', uuidParam) id: string,
    @Param('shipmentId', uuidParam) shipmentId: string,
    @Body() body: DeliveryResolutionDto,
  ) {
    return this.answer(id, () =>
      this.deliveryExceptions.resolve(id, shipmentId, body.resolution, body.chosenBy ?? 'customer', body.note),
    );
  }

  @Post('orders/:id/payments')
  @HttpCode(200)
  @ApiOperation({ summary: 'A payment was confirmed for the order' })
  recordPayment(@Param('id', uuidParam) id: string, @Body() body: RecordPaymentDto) {
    return this.answer(id, () => this.confirmation.recordPayment(id, body));
  }

  @Post('payments/webhook')
  @HttpCode(200)
  @ApiOperation({
    summary: "Payment provider's signed notice",
    description:
      'X-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<raw body>"> with PAYMENT_WEBHOOK_SECRET, signed within WEBHOOK_TOLERANCE_SECONDS; else 401. The same delivery sent again answers 200 `{ duplicate: true, firstReceivedAt }` and changes nothing.',
  })
  @ApiHeader({ name: 'X-Signature', required: true })
  paymentWebhook(
    @Req() request: Request & { rawBody?: Buffer },
    @Body() body: PaymentWebhookDto,
    @Headers('x-signature') signature?: string,
  ) {
    const delivery = {
      source: 'payment',
      secret: this.config.PAYMENT_WEBHOOK_SECRET,
      rawBody: request.rawBody,
      signature,
    };
    return this.webhooks.receiveOnce(delivery, () =>
      this.answer(body.orderId, () => this.confirmation.recordPayment(body.orderId, body)),
    );
  }

  private async answer(id: string, work: () => Promise<Order>) {
    try {
      return toOrderView(await work());
    } catch (error) {
      if (error instanceof OrderNotFoundError) throw ProblemException.notFound('order', id);
      if (error instanceof NothingWaitsError) throw ProblemException.conflict(error.message, error.currentState);
      if (error instanceof NoDeliveryExceptionError)
        throw ProblemException.conflict(error.message, error.shipmentStatus ?? 'unknown');
      if (error instanceof CancellationNotAllowedError) {
        throw ProblemException.conflict(error.message, error.currentState);
      }
      if (error instanceof IllegalTransitionError) {
        throw ProblemException.conflict(`the order is ${error.from}: it cannot become ${error.to}`, error.from);
      }
      if (error instanceof OrderRuleError)
        throw ProblemException.unprocessable(error.message, error.field ? { field: error.field } : {});
      throw error;
    }
  }
}
