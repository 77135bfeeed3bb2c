import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Limits } from '@oms/contracts';
import { ProblemException } from '@oms/platform';
import { StockService, UnknownWarehouseError } from '../../application/stock.service';
import { ReservationRepository } from '../../infrastructure/persistence/reservation.repository';
import { StockRuleError } from '../../domain/stock-level';
import { SetOnHandDto, UpsertWarehouseDto } from './dto/stock.dto';

const WAREHOUSE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkSku(sku: string): string {
  if (!Limits.skuPattern.test(sku))
    throw ProblemException.validation([
      { field: 'sku', message: 'sku must be 1-64 letters, digits, dot, dash or underscore' },
    ]);
  return sku;
}

function checkWarehouseId(id: string): string {
  if (!WAREHOUSE_ID.test(id))
    throw ProblemException.validation([
      { field: 'warehouseId', message: 'warehouse id must be 1-64 letters, digits, dot, dash or underscore' },
    ]);
  return id;
}

@ApiTags('stock')
@Controller('v1')
export class StockController {
  constructor(
    private readonly stock: StockService,
    private readonly reservations: ReservationRepository,
  ) {}

  @Get('reservations')
  @ApiOperation({ summary: "An order's reservations: which warehouse holds what for it" })
  async reservationsOf(
    @Query(
      'orderId',
      new ParseUUIDPipe({
        exceptionFactory: () => ProblemException.validation([{ field: 'orderId', message: 'orderId must be a UUID' }]),
      }),
    )
    orderId: string,
  ) {
    return { items: await this.reservations.ofOrder(orderId), nextCursor: null };
  }

  @Get('warehouses')
  @ApiOperation({ summary: 'Warehouses, preferred first' })
  async warehouses() {
    return { items: await this.stock.listWarehouses(), nextCursor: null };
  }

  @Put('warehouses/:id')
  @ApiOperation({ summary: 'Create or update a warehouse' })
  upsertWarehouse(@Param('id') id: string, @Body() body: UpsertWarehouseDto) {
    return this.stock.upsertWarehouse({
      id: checkWarehouseId(id),
      name: body.name,
      address: body.address ?? null,
      region: body.region ?? null,
      priority: body.priority ?? 100,
    });
  }

  @Put('stock/:sku/:warehouseId')
  @ApiOperation({ summary: 'Set the on-hand count of a SKU in a warehouse (stocktake)' })
  async setOnHand(@Param('sku') sku: string, @Param('warehouseId') warehouseId: string, @Body() body: SetOnHandDto) {
    try {
      return await this.stock.setOnHand(checkSku(sku), checkWarehouseId(warehouseId), body.onHand);
    } catch (error) {
      if (error instanceof UnknownWarehouseError) throw ProblemException.notFound('warehouse', warehouseId);
      if (error instanceof StockRuleError) throw ProblemException.unprocessable(error.message);
      throw error;
    }
  }

  @Get('stock/:sku')
  @ApiOperation({ summary: 'Stock of a SKU: on hand, reserved, available, open demand, per warehouse' })
  summary(@Param('sku') sku: string) {
    return this.stock.summary(checkSku(sku));
  }
}
