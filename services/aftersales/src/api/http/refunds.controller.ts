import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException, UnitOfWork } from '@oms/platform';
import { RefundRepository } from '../../infrastructure/persistence/refund.repository';
import { ListRefundsQuery } from './dto/list-refunds.query';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('after-sales')
@Controller('v1/refunds')
export class RefundsController {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly refunds: RefundRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Refunds, newest first, by order or status (PENDING, ISSUED, FAILED)' })
  list(@Query() query: ListRefundsQuery) {
    return this.refunds.list({ ...query, limit: query.limit ?? 50 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A refund: amount, cause, attempts, last error, provider reference' })
  async get(@Param('id', uuid) id: string) {
    const refund = await this.refunds.findById(id);
    if (!refund) throw ProblemException.notFound('refund', id);
    return refund;
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask again for a refund the provider refused (after ops fixed the cause); 409 unless FAILED',
  })
  async retry(@Param('id', uuid) id: string) {
    const retried = await this.unitOfWork.run(() => this.refunds.retry(id));
    if (retried) return retried;
    const refund = await this.refunds.findById(id);
    if (!refund) throw ProblemException.notFound('refund', id);
    throw ProblemException.conflict(`the refund is ${refund.status}: only a FAILED refund is retried`, refund.status);
  }
}
