import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { type FieldError, ProblemException } from './problem';
import { createValidationPipe } from './validation';

class LineDto {
  @IsString() sku!: string;
  @IsInt() quantity!: number;
}

class AddressDto {
  @IsString() city!: string;
}

class OrderDto {
  @IsOptional() @IsString() note?: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => LineDto) lines!: LineDto[];
  @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}

const body: ArgumentMetadata = { type: 'body', metatype: OrderDto };
const valid = () => ({ note: 'gift', lines: [{ sku: 'TEA', quantity: 1 }], address: { city: 'Shanghai' } });

/** The field errors the pipe refuses `value` with (fails when it accepts it). */
async function refusal(value: unknown): Promise<FieldError[]> {
  const error: unknown = await createValidationPipe()
    .transform(value, body)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof ProblemException)) throw new Error(`accepted ${JSON.stringify(value)}`);
  expect(error.problem.status).toBe(400);
  return error.problem.errors ?? [];
}

describe('the validation pipe', () => {
  it('accepts a valid body as its DTO', async () => {
    await expect(createValidationPipe().transform(valid(), body)).resolves.toBeInstanceOf(OrderDto);
  });

  it.each(['__proto__', 'constructor', 'toString', 'prototype'])(
    'refuses the unknown field %s, which class-transformer would drop silently',
    async (key) => {
      const withKey = JSON.parse(JSON.stringify(valid()).replace('{"note"', `{"${key}":{"x":1},"note"`));
      expect(await refusal(withKey)).toEqual([{ field: key, message: `property ${key} should not exist` }]);
      const nested = JSON.parse(JSON.stringify(valid()).replace('{"sku"', `{"${key}":1,"sku"`));
      expect((await refusal(nested)).map((e) => e.field)).toEqual([`lines.0.${key}`]);
    },
  );

  it('refuses arrays where a nested object is declared', async () => {
    expect((await refusal({ ...valid(), address: [] })).map((e) => e.field)).toEqual(['address']);
    expect((await refusal({ ...valid(), lines: [[{ sku: 'TEA', quantity: 1 }]] })).map((e) => e.field)).toEqual([
      'lines.0',
    ]);
  });

  it('refuses text PostgreSQL cannot store: NUL, lone surrogates', async () => {
    expect(await refusal({ ...valid(), note: 'a\u0000b' })).toEqual([
      { field: 'note', message: 'note must not contain the NUL character' },
    ]);
    expect((await refusal({ ...valid(), address: { city: 'x\ud800' } })).map((e) => e.field)).toEqual(['address.city']);
    await expect(createValidationPipe().transform({ ...valid(), note: '😀' }, body)).resolves.toBeInstanceOf(OrderDto);
  });

  it('refuses a body nested too deep instead of overflowing the stack', async () => {
    const deep = JSON.parse(`{"note":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    expect((await refusal(deep))[0].message).toMatch(/nested deeper than 32 levels/);
  });
});
