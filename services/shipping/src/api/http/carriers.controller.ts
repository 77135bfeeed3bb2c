import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ProblemException, SERVICE_CONFIG, WebhookReceiver } from '@oms/platform';
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
    private readonly webhooks: WebhookReceiver,
    @Inject(SERVICE_CONFIG) private readonly config: ShippingConfig,
  ) {}

  @Post(':carrier/events')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Carrier tracking webhook',
    description:
      'X-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<raw body>"> with CARRIER_WEBHOOK_SECRET, signed within WEBHOOK_TOLERANCE_SECONDS; else 401. The same delivery sent again answers 200 `{ duplicate: true, firstReceivedAt }` and changes nothing; the same report signed anew answers `replayed: true`.',
  })
  @ApiHeader({ name: 'X-Signature', required: true })
  receive(
    @Param('carrier') carrier: string,
    @Req() request: Request & { rawBody?: Buffer },
    @Body() body: CarrierEventDto,
    @Headers('x-signature') signature?: string,
  ) {
    const delivery = {
      source: 'carrier',
      secret: this.config.CARRIER_WEBHOOK_SECRET,
      rawBody: request.rawBody,
      signature,
    };
    return this.webhooks.receiveOnce(delivery, async () => {
      if (!this.config.carriers.some((c) => c.code === carrier)) throw ProblemException.notFound('carrier', carrier);
      try {
        return await this.carrierEvents.receive(carrier, body);
      } catch (error) {
        if (error instanceof UnknownTrackingNumberError)
          throw ProblemException.notFound('tracking number', body.trackingNumber);
        throw error;
      }
    });
  }
}
