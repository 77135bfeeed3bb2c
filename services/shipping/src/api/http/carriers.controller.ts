import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ProblemException, SERVICE_CONFIG, verifyWebhookSignature } from '@oms/platform';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request } from 'express';
import { CarrierEventsService, UnknownTrackingNumberError } from '../../application/carrier-events.service';
import type { ShippingConfig } from '../../config';
import { CARRIER_STATUSES, type CarrierStatus } from '../../domain/tracking';

export class CarrierEventDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) trackingNumber!: string;
  @ApiProperty({ enum: CARRIER_STATUSES }) @IsIn(CARRIER_STATUSES) status!: CarrierStatus;
  @ApiProperty({ example: '2026-11-23T08:00:00Z' }) @IsISO8601({ strict: true }) at!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) detail?: string;
}

@ApiTags('carriers')
@Controller('v1/carriers')
export class CarriersController {
  constructor(
    private readonly carrierEvents: CarrierEventsService,
    @Inject(SERVICE_CONFIG) private readonly config: ShippingConfig,
  ) {}

  @Post(':carrier/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Carrier tracking webhook (X-Signature: sha256=<hex HMAC-SHA256 of the raw body>)' })
  @ApiHeader({ name: 'X-Signature', required: true })
  async receive(
    @Param('carrier') carrier: string,
    @Req() request: Request & { rawBody?: Buffer },
    @Body() body: CarrierEventDto,
    @Headers('x-signature') signature?: string,
  ) {
    verifyWebhookSignature(request.rawBody, signature, this.config.CARRIER_WEBHOOK_SECRET, 'carrier');
    if (!this.config.carriers.some((c) => c.code === carrier)) throw ProblemException.notFound('carrier', carrier);
    try {
      return await this.carrierEvents.receive(carrier, body);
    } catch (error) {
      if (error instanceof UnknownTrackingNumberError)
        throw ProblemException.notFound('tracking number', body.trackingNumber);
      throw error;
    }
  }
}
