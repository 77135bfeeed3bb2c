import { ApiProperty } from '@nestjs/swagger';
import { LOCALES, type Locale } from '@oms/contracts';
import { IsBoolean, IsIn } from 'class-validator';

/** PUT /v1/preferences/{customerId} (API.md). Unknown fields are rejected. */
export class PreferencesDto {
  @ApiProperty() @IsBoolean() email!: boolean;
  @ApiProperty() @IsBoolean() sms!: boolean;
  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES) locale!: Locale;
}
