import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class OrderStatusChangedV1Payload {
  @IsIn(ORDER_STATUSES) from!: OrderStatus;
  @IsIn(ORDER_STATUSES) to!: OrderStatus;
  /** Why, in a few words or a code (`backorder-timeout`, `all-delivered`). */
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
  /** The staff member or `system`. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) changedBy?: string;
}

/** An order moved from one status to another; published on every transition, for the timeline and data teams. */
export const OrderStatusChangedV1 = defineEvent({
  type: 'OrderStatusChanged',
  version: 1,
  topic: Topics.order,
  payloadClass: OrderStatusChangedV1Payload,
  description:
    'An order moved from one status to another; published on every transition, for the timeline and data teams.',
});
