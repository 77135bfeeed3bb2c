import { IsInt, IsISO8601, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ReturnWindowClosedV1Payload {
  /** When the last delivery's return window ended. */
  @IsISO8601({ strict: true }) closedAt!: string;
  /** Returns of the order that were completed or rejected (none is open any more). */
  @IsInt() @Min(0) @Max(1000) returns!: number;
}

/** An order's return window ended with no return open: its after-sales is done (the order is COMPLETED). */
export const ReturnWindowClosedV1 = defineEvent({
  type: 'ReturnWindowClosed',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: ReturnWindowClosedV1Payload,
  description: "An order's return window ended with no return open: its after-sales is done.",
});
