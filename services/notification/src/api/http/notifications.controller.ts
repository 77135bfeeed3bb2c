import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemException, UnitOfWork } from '@oms/platform';
import { NotificationRepository } from '../../infrastructure/persistence/notification.repository';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { PreferencesDto } from './dto/preferences.dto';
import { NotificationPageDto, PreferencesViewDto, ProblemDto } from './dto/responses.dto';

const customerIdParam = ApiParam({
  name: 'customerId',
  description: 'The customer id orders carry: 1-64 characters, not blank, no control characters',
});
const invalid = ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid input (problem+json with errors)' });

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
  @ApiOperation({
    summary: "Set a customer's channels and locale",
    description:
      'Applies to messages logged from then on. Without preferences a customer gets e-mail only, in the locale ' +
      'of their order (else en). A channel turned off, or one the customer gave no address for, gets no entry ' +
      'in the delivery log.',
  })
  @customerIdParam
  @ApiOkResponse({ type: PreferencesViewDto, description: 'The preferences as saved' })
  @invalid
  async setPreferences(@Param('customerId') customerId: string, @Body() body: PreferencesDto) {
    const saved = await this.unitOfWork.run(() =>
      this.notifications.savePreferences(checkCustomerId(customerId), body),
    );
    return { customerId, ...saved };
  }

  @Get('preferences/:customerId')
  @ApiOperation({ summary: "A customer's channels and locale" })
  @customerIdParam
  @ApiOkResponse({ type: PreferencesViewDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'The customer never stated preferences' })
  @invalid
  async preferences(@Param('customerId') customerId: string) {
    const found = await this.notifications.preferences(checkCustomerId(customerId));
    if (!found) throw ProblemException.notFound('preferences of customer', customerId);
    return { customerId, ...found };
  }

  @Get('notifications')
  @ApiOperation({
    summary: 'What was sent (or is to be sent), over which channel, and its state',
    description:
      'The delivery log, newest first: one entry per message an event caused (per channel and recipient; a ' +
      'redelivered event adds none), with its status, attempts, last error and when it was sent. A message ' +
      'about a parcel that carries several orders is listed under each of them.',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  @invalid
  list(@Query() query: ListNotificationsQuery) {
    return this.notifications.list({ ...query, limit: query.limit ?? 50 });
  }
}
