import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@oms/platform';
import type { Response } from 'express';
import { IdempotencyKeyReusedError, PlaceOrderHandler } from '../../application/place-order/place-order.handler';
import { requestHash } from '../../application/place-order/request-hash';
import { GetOrderQuery } from '../../application/queries/get-order.query';
import { CompensationNotFoundError, CompensationSagaService } from '../../application/cancel/compensation-saga.service';
import { toOrderView } from '../../application/queries/order-view';
import { OrderRuleError } from '../../domain/order';
import { OrderQueriesRepository } from '../../infrastructure/persistence/order-queries.repository';
import { ListOrdersQuery } from './dto/list-orders.query';
import { PlaceOrderDto, placeOrderCommandOf } from './dto/place-order.dto';
import { idempotencyKeyHeader, uuidParam } from './params';

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly placeOrder: PlaceOrderHandler,
    private readonly getOrder: GetOrderQuery,
    private readonly queries: OrderQueriesRepository,
    private readonly compensations: CompensationSagaService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Place an order from any channel' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'The same key and body return the first answer; the same key with another body is 422.',
  })
  @ApiCreatedResponse({ description: 'The order, PLACED' })
  async place(
    @Body() body: PlaceOrderDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    idempotencyKeyHeader(idempotencyKey);
    try {
      const result = await this.placeOrder.execute(
        placeOrderCommandOf(body),
        idempotencyKey ? { key: idempotencyKey, requestHash: requestHash(body) } : undefined,
      );
      if (result.kind === 'replayed') {
        response.status(result.status).setHeader('Idempotent-Replayed', 'true');
        return result.body;
      }
      return result.order;
    } catch (error) {
      if (error instanceof OrderRuleError) {
        throw ProblemException.validation([{ field: error.field ?? 'body', message: error.message }], error.message);
      }
      if (error instanceof IdempotencyKeyReusedError) throw ProblemException.unprocessable(error.message);
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'Orders, newest first, by customer, status or channel' })
  list(@Query() query: ListOrdersQuery) {
    return this.queries.list({ ...query, limit: query.limit ?? 50 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'An order with its lines, quantities and totals' })
  @ApiOkResponse({ description: 'The order' })
  async get(@Param('id', uuidParam) id: string) {
    // The cancellations' compensation steps beside the order: what was undone, what is still running or failed.
    // Read first: a step and the order's change it answers commit together, so an order read afterwards is
    // never behind the steps shown (the other way round, a refund step could show DONE on an unrefunded order).
    const cancellations = await this.compensations.ofOrder(id);
    const order = await this.getOrder.execute(id);
    if (!order) throw ProblemException.notFound('order', id);
    return { ...toOrderView(order), cancellations };
  }

  @Post(':id/cancellations/:cancellationId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask again for a compensation step that was surfaced as failed (after ops fixed what blocked it)',
  })
  async retryCompensation(
    @Param('id', uuidParam) id: string,
    @Param('cancellationId', uuidParam) cancellationId: string,
  ) {
    try {
      return await this.compensations.retry(id, cancellationId);
    } catch (error) {
      if (error instanceof CompensationNotFoundError) throw ProblemException.notFound('cancellation', cancellationId);
      throw error;
    }
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: "Every event of the order, oldest first: its transitions and the other services' events" })
  async timeline(@Param('id', uuidParam) id: string) {
    if (!(await this.getOrder.execute(id))) throw ProblemException.notFound('order', id);
    return { orderId: id, items: await this.queries.timeline(id) };
  }
}
