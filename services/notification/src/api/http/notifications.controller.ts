import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException, UnitOfWork } from '@oms/platform';
import { NotificationRepository } from '../../infrastructure/persistence/notification.repository';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { PreferencesDto } from './dto/preferences.dto';

/** Any customer id an order may carry (the contracts allow up to 64 characters): not blank, no control characters. */
function checkCustomerId(id: string): string {
  const control = [...id].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (id.length > 64 || !id.trim() || control)
    throw ProblemException.validation([
      { field: 'customerId', message: 'customerId must be 1-64 characters, not blank, without control characters' },
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
