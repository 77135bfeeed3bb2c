import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, ProblemException } from '@oms/platform';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { DispatchService, ShipmentNotFoundError, ShipmentStateError } from '../../application/dispatch.service';
import { CarrierRuleError } from '../../domain/carrier-choice';
import { ShipmentRepository } from '../../infrastructure/persistence/shipment.repository';

export class ListShipmentsQuery extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() orderId?: string;
}

export class DispatchDto {
  @ApiPropertyOptional({ description: 'Carrier code; by default the cheapest carrier that serves the parcel' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/)
  carrier?: string;
}

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.validation([{ field: 'id', message: 'id must be a UUID' }]),
});

@ApiTags('shipments')
@Controller('v1')
export class ShipmentsController {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly dispatcher: DispatchService,
  ) {}

  @Post('shipments/:id/dispatch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand the shipment to a carrier: carrier and tracking number' })
  async dispatch(@Param('id', uuid) id: string, @Body() body: DispatchDto) {
    try {
      return await this.dispatcher.dispatch(id, body.carrier);
    } catch (error) {
      if (error instanceof ShipmentNotFoundError) throw ProblemException.notFound('shipment', id);
      if (error instanceof ShipmentStateError) throw ProblemException.conflict(error.message, error.status);
      if (error instanceof CarrierRuleError) throw ProblemException.unprocessable(error.message, { field: 'carrier' });
      throw error;
    }
  }

  @Get('shipments')
  @ApiOperation({ summary: 'Shipments, newest first, optionally of one order' })
  list(@Query() query: ListShipmentsQuery) {
    return this.shipments.list({ ...query, limit: query.limit ?? 50 });
  }

  @Get('shipments/:id')
  @ApiOperation({
    summary: 'One shipment: the delivery note (items, customer, address), packages, carrier and tracking',
  })
  async get(@Param('id', uuid) id: string) {
    const shipment = await this.shipments.findById(id);
    if (!shipment) throw ProblemException.notFound('shipment', id);
    return shipment;
  }

  @Get('tracking/:trackingNumber')
  @ApiOperation({ summary: 'The shipment with this tracking number' })
  async track(@Param('trackingNumber') trackingNumber: string) {
    if (!/^[A-Za-z0-9-]{4,64}$/.test(trackingNumber)) {
      throw ProblemException.validation([
        { field: 'trackingNumber', message: 'tracking number must be 4-64 letters, digits or dashes' },
      ]);
    }
    const shipment = await this.shipments.findByTrackingNumber(trackingNumber);
    if (!shipment) throw ProblemException.notFound('tracking number', trackingNumber);
    return shipment;
  }
}
