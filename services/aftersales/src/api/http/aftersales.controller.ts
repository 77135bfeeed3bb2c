import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FeedbackService } from '../../application/feedback.service';
import { AftersalesRepository } from '../../infrastructure/persistence/aftersales.repository';
import { FeedbackDto } from './dto/feedback.dto';
import { ListCasesQuery } from './dto/list-cases.query';

@ApiTags('after-sales')
@Controller('v1')
export class AftersalesController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly aftersales: AftersalesRepository,
  ) {}

  @Post('feedback')
  @HttpCode(201)
  @ApiOperation({ summary: "An order's feedback (once per order: 409 after); a low rating opens a support case" })
  @ApiCreatedResponse({ description: 'The stored feedback, with the case it opened (or null)' })
  receive(@Body() body: FeedbackDto) {
    return this.feedback.receive(body);
  }

  @Get('cases')
  @ApiOperation({ summary: 'Support cases, newest first, optionally of one order' })
  cases(@Query() query: ListCasesQuery) {
    return this.aftersales.cases({ ...query, limit: query.limit ?? 50 });
  }
}
