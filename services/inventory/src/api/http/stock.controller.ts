import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Limits } from '@oms/contracts';
import { ProblemException } from '@oms/platform';
import { StockService, UnknownWarehouseError } from '../../application/stock.service';
import { ReservationRepository } from '../../infrastructure/persistence/reservation.repository';
import { StockRuleError } from '../../domain/stock-level';
import {
  AdjustStockDto,
  ExpectedReceiptDto,
  ReplenishStockDto,
  SetOnHandDto,
  UpsertWarehouseDto,
} from './dto/stock.dto';
import type { StockSummary } from '../../domain/stock-level';

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
  @ApiHeader({ name: 'X-Staff-Id', required: false })
  setOnHand(
    @Param('sku') sku: string,
    @Param('warehouseId') warehouseId: string,
    @Body() body: SetOnHandDto,
    @Headers('x-staff-id') staffId?: string,
  ) {
    return answer(warehouseId, () =>
      this.stock.setOnHand(checkSku(sku), checkWarehouseId(warehouseId), body.onHand, staffId),
    );
  }

  @Post('stock/:sku/:warehouseId/adjustments')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correct on-hand by a signed delta with a reason (damaged, lost, found, ...)',
    description: '422 with the current counts when it would go below zero or below what is reserved.',
  })
  @ApiHeader({ name: 'X-Staff-Id', required: false })
  adjust(
    @Param('sku') sku: string,
    @Param('warehouseId') warehouseId: string,
    @Body() body: AdjustStockDto,
    @Headers('x-staff-id') staffId?: string,
  ) {
    return answer(warehouseId, () =>
      this.stock.adjust(checkSku(sku), checkWarehouseId(warehouseId), {
        delta: body.delta,
        reason: body.reason,
        note: body.note,
        actor: body.actor ?? staffId,
      }),
    );
  }

  @Post('stock/:sku/:warehouseId/replenishments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Goods received: on-hand grows and StockReplenished is published' })
  @ApiHeader({ name: 'X-Staff-Id', required: false })
  replenish(
    @Param('sku') sku: string,
    @Param('warehouseId') warehouseId: string,
    @Body() body: ReplenishStockDto,
    @Headers('x-staff-id') staffId?: string,
  ) {
    return answer(warehouseId, () =>
      this.stock.replenish(checkSku(sku), checkWarehouseId(warehouseId), {
        quantity: body.quantity,
        reference: body.reference,
        expectedAt: body.expectedAt,
        actor: body.actor ?? staffId,
      }),
    );
  }

  @Post('stock/:sku/:warehouseId/expected-receipts')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Announce a replenishment (purchase order) with its expected date',
    description:
      'Orders waiting for the SKU are told when it is expected: their backordered lines get a promise date, and the customers a delay notice with the date.',
  })
  async announceReceipt(
    @Param('sku') sku: string,
    @Param('warehouseId') warehouseId: string,
    @Body() body: ExpectedReceiptDto,
  ) {
    try {
      return await this.stock.announceReceipt(checkSku(sku), checkWarehouseId(warehouseId), body);
    } catch (error) {
      if (error instanceof UnknownWarehouseError) throw ProblemException.notFound('warehouse', warehouseId);
      throw error;
    }
  }

  @Get('stock/:sku/:warehouseId/movements')
  @ApiOperation({ summary: 'The ledger of a SKU in a warehouse, newest first: every change, why, by whom' })
  async movements(@Param('sku') sku: string, @Param('warehouseId') warehouseId: string) {
    return { items: await this.stock.movements(checkSku(sku), checkWarehouseId(warehouseId), 200), nextCursor: null };
  }

  @Get('stock/:sku')
  @ApiOperation({ summary: 'Stock of a SKU: on hand, reserved, available, open demand, per warehouse' })
  summary(@Param('sku') sku: string) {
    return this.stock.summary(checkSku(sku));
  }
}

/** Maps stock rule errors: unknown warehouse 404; a refused change 422 with the counts it was refused against. */
async function answer(warehouseId: string, work: () => Promise<StockSummary>): Promise<StockSummary> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnknownWarehouseError) throw ProblemException.notFound('warehouse', warehouseId);
    if (error instanceof StockRuleError) {
      throw ProblemException.unprocessable(error.message, error.level ? { current: error.level } : {});
    }
    throw error;
  }
}
