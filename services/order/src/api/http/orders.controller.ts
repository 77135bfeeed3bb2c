import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@oms/platform';
import { PlaceOrderHandler } from '../../application/place-order/place-order.handler';
import { GetOrderQuery } from '../../application/queries/get-order.query';
import { type Order, OrderRuleError } from '../../domain/order';
import { PlaceOrderDto } from './dto/place-order.dto';

@ApiTags('orders')
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly placeOrder: PlaceOrderHandler,
    private readonly getOrder: GetOrderQuery,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Place an order from any channel' })
  @ApiCreatedResponse({ description: 'The order, PLACED' })
  async place(@Body() body: PlaceOrderDto) {
    try {
      const order = await this.placeOrder.execute({
        customerId: body.customerId,
        channel: body.channel,
        currency: body.currency,
        items: body.items,
        shippingAddress: body.shippingAddress,
        contact: body.contact,
        paymentMethod: body.payment.method,
        shipComplete: body.shipComplete,
        notes: body.notes,
        placedBy: body.placedBy,
      });
      return toView(order);
    } catch (error) {
      if (error instanceof OrderRuleError) {
        throw ProblemException.validation([{ field: error.field ?? 'body', message: error.message }], error.message);
      }
      throw error;
    }
  }

  @Get(':id')
  @ApiOperation({ summary: 'An order with its lines, quantities and totals' })
  @ApiOkResponse({ description: 'The order' })
  async get(
    @Param(
      'id',
      new ParseUUIDPipe({
        exceptionFactory: () => ProblemException.validation([{ field: 'id', message: 'id must be a UUID' }]),
      }),
    )
    id: string,
  ) {
    const order = await this.getOrder.execute(id);
    if (!order) throw ProblemException.notFound('order', id);
    return toView(order);
  }
}

function toView(order: Order) {
  return {
    id: order.id,
    status: order.status,
    customerId: order.customerId,
    channel: order.channel,
    currency: order.currency,
    items: order.lines,
    totals: order.totals,
    shippingAddress: order.shippingAddress,
    contact: order.contact,
    payment: { method: order.paymentMethod },
    shipComplete: order.shipComplete,
    placedBy: order.placedBy ?? null,
    notes: order.notes ?? null,
    placedAt: order.placedAt.toISOString(),
  };
}
