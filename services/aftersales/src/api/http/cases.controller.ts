import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CASE_OUTCOMES, type CaseOutcome } from '@oms/contracts';
import { ProblemException } from '@oms/platform';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CaseNotFoundError, CaseWork } from '../../application/support-cases';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.validation([{ field: 'id', message: 'id must be a UUID' }]),
});

/** PATCH /v1/cases/{id}: take the case, add a note, resolve it. */
export class UpdateCaseDto {
  @ApiPropertyOptional({ enum: ['IN_PROGRESS', 'RESOLVED'] })
  @IsOptional()
  @IsIn(['IN_PROGRESS', 'RESOLVED'])
  status?: 'IN_PROGRESS' | 'RESOLVED';
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(4000) note?: string;
  @ApiPropertyOptional({ enum: CASE_OUTCOMES }) @IsOptional() @IsIn(CASE_OUTCOMES) outcome?: CaseOutcome;
  @ApiPropertyOptional({ description: 'What was done, when resolving' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  resolution?: string;
  @ApiProperty({ required: false, description: 'Staff member; defaults to the X-Staff-Id header' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  by?: string;
}

@ApiTags('after-sales')
@Controller('v1/cases')
export class CasesController {
  constructor(private readonly work: CaseWork) {}

  @Get(':id')
  @ApiOperation({
    summary: "A case with its notes and the order's way (placed, deliveries, returns, refunds) beside it",
  })
  get(@Param('id', uuid) id: string) {
    return this.answer(id, () => this.work.view(id));
  }

  @Patch(':id')
  @ApiHeader({ name: 'X-Staff-Id', required: false })
  @ApiOperation({ summary: 'Take a case (assignee, IN_PROGRESS), note what was done, resolve it with the outcome' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateCaseDto, @Headers('x-staff-id') staff?: string) {
    const { by, ...change } = body;
    return this.answer(id, () => this.work.update(id, { ...change, by: by ?? staff ?? 'staff' }));
  }

  private async answer<T>(id: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CaseNotFoundError) throw ProblemException.notFound('case', id);
      throw error;
    }
  }
}
