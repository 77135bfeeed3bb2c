import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ProblemException } from './problem';

/** `limit` and `cursor` of every list endpoint (API.md); lists answer `{ items, nextCursor }`. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset position (created_at, id): stable under inserts, unlike offsets. */
export interface KeysetPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): KeysetPosition | null {
  if (!cursor) return null;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt)))
      throw new Error();
    return { createdAt, id };
  } catch {
    throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not one this API gave out' }]);
  }
}

/**
 * Builds a page from rows fetched with `limit + 1` in (created_at DESC, id DESC) order.
 * `positionOf` gives each row's keyset position.
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  positionOf: (row: R) => KeysetPosition,
  view: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(view), nextCursor: hasMore && last ? encodeCursor(positionOf(last)) : null };
}

export interface KeysetQuery {
  /** `WHERE ...` (or empty): the given conditions and the cursor position. */
  where: string;
  /** `ORDER BY created_at DESC, id DESC LIMIT $n`, fetching one row more than the page to know if another follows. */
  orderByLimit: string;
  params: unknown[];
}

/**
 * The SQL of one page of a list ordered newest first on (created_at, id). Each condition is a fragment with
 * one `?` and its value; falsy entries (filters not given) are skipped.
 */
export function keysetQuery(options: {
  alias?: string;
  conditions: Array<readonly [fragment: string, value: unknown] | false | undefined | null | ''>;
  cursor?: string;
  limit: number;
}): KeysetQuery {
  const column = (name: string) => (options.alias ? `${options.alias}.${name}` : name);
  const params: unknown[] = [];
  const where: string[] = [];
  for (const condition of options.conditions) {
    if (!condition) continue;
    params.push(condition[1]);
    where.push(condition[0].replace('?', `$${params.length}`));
  }
  const after = decodeCursor(options.cursor);
  if (after) {
    params.push(after.createdAt, after.id);
    where.push(
      `(${column('created_at')}, ${column('id')}) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
    );
  }
  params.push(options.limit + 1);
  return {
    where: where.length ? `WHERE ${where.join(' AND ')}` : '',
    orderByLimit: `ORDER BY ${column('created_at')} DESC, ${column('id')} DESC LIMIT $${params.length}`,
    params,
  };
}

/** The keyset position of a row with `created_at` and `id` columns. */
export function rowPosition(row: { created_at: Date; id: string }): KeysetPosition {
  return { createdAt: row.created_at.toISOString(), id: row.id };
}
