import { Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ContactV1 } from '../common/values';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ReturnRejectedV1Payload {
  @IsUUID() returnId!: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @IsOptional() @IsString() @MaxLength(64) rejectedBy?: string;
  @IsOptional() @ValidateNested() @Type(() => ContactV1) contact?: ContactV1;
}

/** A return request was refused. */
export const ReturnRejectedV1 = defineEvent({
  type: 'ReturnRejected',
  version: 1,
  topic: Topics.aftersales,
  payloadClass: ReturnRejectedV1Payload,
  description: 'A return request was refused.',
});
