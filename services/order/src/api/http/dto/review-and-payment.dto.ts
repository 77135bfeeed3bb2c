import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BACKORDER_CHOICES,
  type BackorderChoice,
  CANCELLATION_CAUSES,
  type CancellationCause,
  DELIVERY_RESOLUTIONS,
  type DeliveryResolution,
  Limits,
} from '@oms/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SkuQuantityDto } from './place-order.dto';

export class ApproveOrderDto {
  @ApiPropertyOptional({ description: 'Staff member approving; defaults to the X-Staff-Id header' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  approvedBy?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class RejectOrderDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) rejectedBy?: string;
}

export class RecordPaymentDto {
  @ApiProperty({ description: 'Minor units of the order currency' })
  @IsInt()
  @Min(1)
  @Max(Limits.maxAmountMinor)
  amount!: number;
  @ApiProperty({ description: "The payment provider's reference" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference!: string;
}

/** The payment provider's webhook body (signed: X-Signature: t=<unix seconds>,sha256=<hex HMAC of "<t>.<raw body>">). */
export class PaymentWebhookDto {
  @ApiProperty() @IsUUID() orderId!: string;
  @ApiProperty() @IsInt() @Min(1) @Max(Limits.maxAmountMinor) amount!: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) reference!: string;
  @ApiProperty({ example: 'alipay' }) @IsString() @Matches(/^[a-z][a-z0-9-]{1,63}$/) provider!: string;
}

/** POST /v1/orders/{id}/cancel. */
export class CancelOrderDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ enum: CANCELLATION_CAUSES, default: 'customer-request' })
  @IsOptional()
  @IsIn(CANCELLATION_CAUSES)
  cause?: CancellationCause;
  @ApiPropertyOptional({ description: "Customer or staff member asking; defaults to the order's customer" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  requestedBy?: string;
  @ApiPropertyOptional({
    type: [SkuQuantityDto],
    description: 'Cancel only these units (the rest goes on); the whole order when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityDto)
  lines?: SkuQuantityDto[];
}

/** POST /v1/orders/{id}/backorder-choice. */
export class BackorderChoiceDto {
  @ApiProperty({
    enum: BACKORDER_CHOICES,
    description:
      'wait; ship-available (a ships-complete order ships what is reserved now); drop-waiting (cancel the waiting units)',
  })
  @IsIn(BACKORDER_CHOICES)
  choice!: BackorderChoice;
  @ApiPropertyOptional({ description: "Customer or staff member choosing; defaults to the order's customer" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  chosenBy?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** POST /v1/orders/{id}/shipments/{shipmentId}/resolution. */
export class DeliveryResolutionDto {
  @ApiProperty({ enum: DELIVERY_RESOLUTIONS }) @IsIn(DELIVERY_RESOLUTIONS) resolution!: DeliveryResolution;
  @ApiPropertyOptional({ description: 'The customer, staff member or system choosing; `customer` when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  chosenBy?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
