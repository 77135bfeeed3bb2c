import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, ProblemException } from '@oms/platform';
import { IsOptional, IsUUID } from 'class-validator';
import { ShipmentRepository } from '../../infrastructure/persistence/shipment.repository';

export class ListShipmentsQuery extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() orderId?: string;
}

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.validation([{ field: 'id', message: 'id must be a UUID' }]),
});

@ApiTags('shipments')
@Controller('v1')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentRepository) {}

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
