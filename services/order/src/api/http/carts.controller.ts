import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@oms/platform';
import type { Response } from 'express';
import { CartService, UnknownCartError } from '../../application/carts/cart.service';
import { CartRuleError, CartStateError } from '../../domain/cart';
import { OrderRuleError } from '../../domain/order';
import { idempotencyKeyHeader, skuParam, uuidParam } from './params';
import { CheckoutDto, CreateCartDto, SetCartItemDto } from './dto/cart.dto';
import { orderDetailsOf } from './dto/place-order.dto';

/** Maps cart and order rule errors to problem answers (404, 409 with the current state, 422, 400). */
function problemOf(error: unknown): unknown {
  if (error instanceof UnknownCartError) return ProblemException.notFound('cart', error.cartId);
  if (error instanceof CartStateError) return ProblemException.conflict(error.message, error.currentState);
  if (error instanceof CartRuleError) return ProblemException.unprocessable(error.message, { field: error.field });
  if (error instanceof OrderRuleError) {
    return ProblemException.validation([{ field: error.field ?? 'body', message: error.message }], error.message);
  }
  return error;
}

async function answer<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw problemOf(error);
  }
}

@ApiTags('carts')
@Controller('v1/carts')
export class CartsController {
  constructor(private readonly carts: CartService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a cart for a customer; lines are priced from the price list (PUT /v1/prices)' })
  @ApiCreatedResponse({ description: 'The cart, OPEN' })
  create(@Body() body: CreateCartDto) {
    return answer(this.carts.create(body.customerId, body.channel ?? 'web', body.currency, body.items ?? []));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A cart with its lines priced at the current price list, and whether it can check out' })
  @ApiOkResponse({ description: 'The cart' })
  get(@Param('id', uuidParam) id: string) {
    return answer(this.carts.get(id));
  }

  @Put(':id/items/:sku')
  @ApiOperation({ summary: "Set a line's quantity (adds the line if new); 409 once checked out" })
  setItem(@Param('id', uuidParam) id: string, @Param('sku') sku: string, @Body() body: SetCartItemDto) {
    return answer(this.carts.setQuantity(id, skuParam(sku), body.quantity));
  }

  @Delete(':id/items/:sku')
  @ApiOperation({ summary: 'Remove a line (removing an absent line changes nothing); 409 once checked out' })
  removeItem(@Param('id', uuidParam) id: string, @Param('sku') sku: string) {
    return answer(this.carts.remove(id, skuParam(sku)));
  }

  @Post(':id/checkout')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Place the order of this cart at current prices; the cart closes in the same transaction',
    description:
      '422 for an empty cart or a line without a price; 409 (with the order id) when the cart was already checked out.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried checkout with the key of the one that succeeded returns the same order.',
  })
  @ApiCreatedResponse({ description: 'The order, PLACED' })
  async checkout(
    @Param('id', uuidParam) id: string,
    @Body() body: CheckoutDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const result = await answer(this.carts.checkout(id, orderDetailsOf(body), idempotencyKeyHeader(idempotencyKey)));
    if (result.kind === 'replayed') response.setHeader('Idempotent-Replayed', 'true');
    return result.order;
  }
}
