import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { rememberValidationMetadata } from './validation-metadata-cache';

class Line {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

class Parent {
  @IsString() id!: string;
}

class Child extends Parent {
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

const problems = (plain: object, options = {}) =>
  validateSync(plainToInstance(Child, plain), { forbidUnknownValues: true, ...options })
    .map((e) => e.property)
    .sort();

describe('remembered validation metadata', () => {
  beforeAll(() => rememberValidationMetadata());

  it('validates as before: inherited rules, nested rules, whitelisting', () => {
    expect(problems({ id: 'o-1', lines: [{ sku: 'TEA', quantity: 1 }] })).toEqual([]);
    expect(problems({ id: 1, lines: [{ sku: 'TEA', quantity: 0 }] })).toEqual(['id', 'lines']);
    expect(problems({ id: 'o-1', lines: [], extra: 1 }, { whitelist: true, forbidNonWhitelisted: true })).toEqual([
      'extra',
    ]);
    // The same again, from what was remembered.
    expect(problems({ id: 1, lines: [{ sku: 'TEA', quantity: 0 }] })).toEqual(['id', 'lines']);
  });

  it('forgets when a rule is added after the first validation', () => {
    class Late {
      @IsString() name!: string;
    }
    expect(validateSync(plainToInstance(Late, { name: 3 })).map((e) => e.property)).toEqual(['name']);
    class LateChild extends Late {
      @IsInt() size!: number;
    }
    expect(
      validateSync(plainToInstance(LateChild, { name: 3, size: 'x' }))
        .map((e) => e.property)
        .sort(),
    ).toEqual(['name', 'size']);
  });

  it('is installed once', () => {
    rememberValidationMetadata();
    expect(problems({ id: 'o-1', lines: [] })).toEqual([]);
  });
});
