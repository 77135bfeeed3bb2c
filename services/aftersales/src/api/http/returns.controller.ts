import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@oms/platform';
import { ReturnNotFoundError, ReturnsService, UnknownOrderError } from '../../application/returns.service';
import { ReturnRuleError, ReturnStateError } from '../../domain/returns';
import { ReturnRepository } from '../../infrastructure/persistence/return.repository';
import {
  ApproveReturnDto,
  ListReturnsQuery,
  ReceiveReturnDto,
  RejectReturnDto,
  RequestReturnDto,
} from './dto/returns.dto';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.validation([{ field: 'id', message: 'id must be a UUID' }]),
});

@ApiTags('returns')
@Controller('v1/returns')
export class ReturnsController {
  constructor(
    private readonly service: ReturnsService,
    private readonly returns: ReturnRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Request a return of delivered lines within the return window (approved at once when the rules allow)',
    description: '422 after the window, for more than was delivered or is already being returned.',
  })
  request(@Body() body: RequestReturnDto) {
    return this.answer(body.orderId, () =>
      this.service.request({
        orderId: body.orderId,
        items: body.items,
        reason: body.reason,
        ...(body.comment ? { comment: body.comment } : {}),
        ...(body.resolution ? { resolution: body.resolution } : {}),
        ...(body.exchangeItems ? { exchangeItems: body.exchangeItems } : {}),
        requestedBy: body.requestedBy ?? 'customer',
      }),
    );
  }

  @Get()
  @ApiOperation({ summary: 'Returns, newest first, by order or status' })
  list(@Query() query: ListReturnsQuery) {
    return this.returns.list({ ...query, limit: query.limit ?? 50 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A return: lines asked, approved and received, reference, refund (per line) or exchange' })
  async get(@Param('id', uuid) id: string) {
    const found = await this.returns.find(id);
    if (!found) throw ProblemException.notFound('return', id);
    return found;
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Staff-Id', required: false })
  @ApiOperation({ summary: 'Approve (all or some lines): the customer gets the reference and where to send it' })
  approve(@Param('id', uuid) id: string, @Body() body: ApproveReturnDto, @Headers('x-staff-id') staff?: string) {
    return this.answer(id, () =>
      this.service.approve(id, {
        by: body.approvedBy ?? staff ?? 'staff',
        ...(body.lines ? { lines: body.lines } : {}),
        ...(body.warehouseId ? { warehouseId: body.warehouseId } : {}),
      }),
    );
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Staff-Id', required: false })
  @ApiOperation({ summary: 'Reject, with the reason the customer is told' })
  reject(@Param('id', uuid) id: string, @Body() body: RejectReturnDto, @Headers('x-staff-id') staff?: string) {
    return this.answer(id, () =>
      this.service.reject(id, { by: body.rejectedBy ?? staff ?? 'staff', reason: body.reason }),
    );
  }

  @Post(':id/receive')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Staff-Id', required: false })
  @ApiOperation({
    summary:
      'The goods arrived, inspected per line: resellable back to stock, damaged written off; then refund or exchange',
  })
  receive(@Param('id', uuid) id: string, @Body() body: ReceiveReturnDto, @Headers('x-staff-id') staff?: string) {
    return this.answer(id, () =>
      this.service.receive(id, {
        by: body.receivedBy ?? staff ?? 'staff',
        lines: body.lines,
        ...(body.warehouseId ? { warehouseId: body.warehouseId } : {}),
      }),
    );
  }

  @Post(':id/refund')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refund a received return (once: asked again, it answers with the refund already made)',
  })
  refund(@Param('id', uuid) id: string) {
    return this.answer(id, () => this.service.refund(id));
  }

  private async answer<T>(id: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ReturnNotFoundError) throw ProblemException.notFound('return', id);
      if (error instanceof UnknownOrderError) throw ProblemException.notFound('order', id);
      if (error instanceof ReturnStateError) throw ProblemException.conflict(error.message, error.status);
      if (error instanceof ReturnRuleError)
        throw ProblemException.unprocessable(error.message, error.field ? { field: error.field } : {});
      throw error;
    }
  }
}
