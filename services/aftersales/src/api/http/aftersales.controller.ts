import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '@oms/platform';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { FeedbackService } from '../../application/feedback.service';
import { AftersalesRepository } from '../../infrastructure/persistence/aftersales.repository';

export class FeedbackDto {
  @ApiProperty() @IsUUID() orderId!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating!: number;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) comment?: string;
}

export class ListCasesQuery extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() orderId?: string;
}

@ApiTags('after-sales')
@Controller('v1')
export class AftersalesController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly aftersales: AftersalesRepository,
  ) {}

  @Post('feedback')
  @HttpCode(201)
  @ApiOperation({ summary: "An order's feedback (once per order); a low rating opens a support case" })
  receive(@Body() body: FeedbackDto) {
    return this.feedback.receive(body);
  }

  @Get('cases')
  @ApiOperation({ summary: 'Support cases, newest first, optionally of one order' })
  cases(@Query() query: ListCasesQuery) {
    return this.aftersales.cases({ ...query, limit: query.limit ?? 50 });
  }
}
