import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Limits, MAX_PACKAGE_GRAMS } from '@oms/contracts';
import { Type } from 'class-transformer';
import { PageQueryDto, ProblemException } from '@oms/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PickAndPackService, PickListNotFoundError } from '../../application/pick-and-pack.service';
import { FulfillmentRuleError, PickListStateError } from '../../domain/pick-and-pack';
import { PICK_LIST_STATUSES, type PickListStatus } from '../../domain/pick-list';
import { PickListRepository } from '../../infrastructure/persistence/pick-list.repository';

export class ListPickListsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: PICK_LIST_STATUSES }) @IsOptional() @IsIn(PICK_LIST_STATUSES) status?: PickListStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/) warehouseId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() orderId?: string;
}

export class CountedLineDto {
  @ApiProperty() @IsString() @Matches(Limits.skuPattern) sku!: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(Limits.maxQuantity) quantity!: number;
}

export class PickDto {
  @ApiProperty({ type: [CountedLineDto], description: 'What was found; a SKU left out was not found (short pick)' })
  @IsArray()
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  @Type(() => CountedLineDto)
  lines!: CountedLineDto[];
}

export class PackageDto {
  @ApiProperty({ minimum: 1, maximum: MAX_PACKAGE_GRAMS })
  @IsInt()
  @Min(1)
  @Max(MAX_PACKAGE_GRAMS)
  weightGrams!: number;
  @ApiProperty({ type: [CountedLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  @Type(() => CountedLineDto)
  lines!: CountedLineDto[];
}

export class PackDto {
  @ApiProperty({ type: [PackageDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  @ValidateNested({ each: true })
  @Type(() => PackageDto)
  packages!: PackageDto[];
}

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.validation([{ field: 'id', message: 'id must be a UUID' }]),
});

@ApiTags('pick-lists')
@Controller('v1/pick-lists')
export class PickListsController {
  constructor(
    private readonly pickLists: PickListRepository,
    private readonly work: PickAndPackService,
  ) {}

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A picker starts the list (PICKING): from now on its orders cannot be edited or merged into',
  })
  start(@Param('id', uuid) id: string) {
    return this.answer(id, () => this.work.start(id));
  }

  @Post(':id/pick')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report what was picked (short picks allowed)' })
  pick(@Param('id', uuid) id: string, @Body() body: PickDto) {
    return this.answer(id, () => this.work.pick(id, body.lines));
  }

  @Post(':id/pack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report the packages (with weights): the pick list is ready to ship' })
  pack(@Param('id', uuid) id: string, @Body() body: PackDto) {
    return this.answer(id, () => this.work.pack(id, body.packages));
  }

  private async answer<T>(id: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PickListNotFoundError) throw ProblemException.notFound('pick list', id);
      if (error instanceof PickListStateError) throw ProblemException.conflict(error.message, error.status);
      if (error instanceof FulfillmentRuleError)
        throw ProblemException.unprocessable(error.message, error.field ? { field: error.field } : {});
      throw error;
    }
  }

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
