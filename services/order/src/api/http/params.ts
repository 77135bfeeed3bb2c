import { ParseUUIDPipe } from '@nestjs/common';
import { Limits } from '@oms/contracts';
import { ProblemException } from '@oms/platform';

/** Path `:id` must be a UUID: 400 with the field otherwise. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.validation([{ field: 'id', message: 'id must be a UUID' }]),
});

/** Path `:sku` must match the SKU pattern of the contracts. */
export function skuParam(sku: string): string {
  if (!Limits.skuPattern.test(sku)) {
    throw ProblemException.validation([
      { field: 'sku', message: 'sku must be 1-64 letters, digits, dot, dash or underscore' },
    ]);
  }
  return sku;
}

/** `Idempotency-Key` header: 1-255 visible ASCII characters. */
export function idempotencyKeyHeader(key: string | undefined): string | undefined {
  if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw ProblemException.validation([
      { field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' },
    ]);
  }
  return key;
}
