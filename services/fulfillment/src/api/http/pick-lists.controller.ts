import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, ProblemException } from '@oms/platform';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PICK_LIST_STATUSES, type PickListStatus } from '../../domain/pick-list';
import { PickListRepository } from '../../infrastructure/persistence/pick-list.repository';

export class ListPickListsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PICK_LIST_STATUSES }) @IsOptional() @IsIn(PICK_LIST_STATUSES) status?: PickListStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/) warehouseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() orderId?: string;
}

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.validation([{ field: 'id', message: 'id must be a UUID' }]),
});

@ApiTags('pick-lists')
@Controller('v1/pick-lists')
export class PickListsController {
  constructor(private readonly pickLists: PickListRepository) {}

  @Get()
  @ApiOperation({ summary: 'Pick lists, newest first, by status, warehouse or order' })
  list(@Query() query: ListPickListsQuery) {
    return this.pickLists.list({ ...query, limit: query.limit ?? 50 });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One pick list with its lines (SKU, quantity, bin, picked)' })
  async get(@Param('id', uuid) id: string) {
    const list = await this.pickLists.findById(id);
    if (!list) throw ProblemException.notFound('pick list', id);
    return list;
  }
}
