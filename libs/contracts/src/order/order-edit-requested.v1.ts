import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Limits } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { OrderChangeV1 } from './order-edited.v1';

export class OrderEditRequestedV1Payload {
  @IsUUID() editId!: string;
  /** What would change: fulfillment decides whether it still can (nothing picked yet). */
  @ValidateNested({ each: true })
  @Type(() => OrderChangeV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines * 2)
  changes!: OrderChangeV1[];
  /** The customer, staff member or `system`. */
  @IsString() @IsNotEmpty() @MaxLength(64) requestedBy!: string;
}

/**
 * An order already at the warehouse is to change (items, quantities, address): fulfillment takes its pick lists
 * back if picking has not started (FulfillmentEditAnswered `released`), or refuses (`refused`).
 */
export const OrderEditRequestedV1 = defineEvent({
  type: 'OrderEditRequested',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderEditRequestedV1Payload,
  description: 'An order at the warehouse is to change: fulfillment takes its pick lists back unless picking started.',
});
