import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException, UnitOfWork } from '@oms/platform';
import { CartRepository } from '../../infrastructure/persistence/cart.repository';
import { skuParam } from './params';
import { SetPriceDto } from './dto/cart.dto';

/** The price list carts are priced from: one unit price per SKU and currency, set by the catalogue's owner. */
@ApiTags('prices')
@Controller('v1/prices')
export class PricesController {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly carts: CartRepository,
  ) {}

  @Put(':sku')
  @ApiOperation({ summary: "Set a SKU's unit price in one currency (open carts see it at once)" })
  async set(@Param('sku') sku: string, @Body() body: SetPriceDto) {
    await this.unitOfWork.run(() => this.carts.setPrice(skuParam(sku), body.currency, body.unitPrice));
    return { sku, prices: await this.carts.pricesOf(sku) };
  }

  @Get(':sku')
  @ApiOperation({ summary: "A SKU's unit prices by currency" })
  async get(@Param('sku') sku: string) {
    const prices = await this.carts.pricesOf(skuParam(sku));
    if (prices.length === 0) throw ProblemException.notFound('price', sku);
    return { sku, prices };
  }
}
