import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { LOCALES, type Locale } from '@oms/contracts';
import { PageQueryDto, ProblemException, UnitOfWork } from '@oms/platform';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { NotificationRepository } from '../../infrastructure/persistence/notification.repository';

export class PreferencesDto {
  @ApiProperty() @IsBoolean() email!: boolean;
  @ApiProperty() @IsBoolean() sms!: boolean;
  @ApiProperty({ enum: LOCALES }) @IsIn(LOCALES) locale!: Locale;
}

export class ListNotificationsQuery extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() orderId?: string;
  @ApiPropertyOptional({ description: 'email address or phone number' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  recipient?: string;
}

const CUSTOMER_ID = /^[\w.:-]{1,64}$/;

function checkCustomerId(id: string): string {
  if (!CUSTOMER_ID.test(id))
    throw ProblemException.validation([
      { field: 'customerId', message: 'customerId must be 1-64 letters, digits, dot, dash, colon or underscore' },
    ]);
  return id;
}

@ApiTags('notifications')
@Controller('v1')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  @Put('preferences/:customerId')
  @ApiOperation({ summary: "Set a customer's channels and locale" })
  async setPreferences(@Param('customerId') customerId: string, @Body() body: PreferencesDto) {
    const saved = await this.unitOfWork.run(() =>
      this.notifications.savePreferences(checkCustomerId(customerId), body),
    );
    return { customerId, ...saved };
  }

  @Get('preferences/:customerId')
  @ApiOperation({ summary: "A customer's channels and locale" })
  async preferences(@Param('customerId') customerId: string) {
    const found = await this.notifications.preferences(checkCustomerId(customerId));
    if (!found) throw ProblemException.notFound('preferences of customer', customerId);
    return { customerId, ...found };
  }

  @Get('notifications')
  @ApiOperation({ summary: 'What was sent (or is to be sent), over which channel, and its state' })
  list(@Query() query: ListNotificationsQuery) {
    return this.notifications.list({ ...query, limit: query.limit ?? 50 });
  }
}
