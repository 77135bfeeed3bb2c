import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@oms/contracts';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { type FieldError, ProblemException } from './problem';

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * Keys class-transformer drops without a word (`__proto__`, `constructor`, `toString`...): the whitelist never
 * sees them, so they are refused here like any other unknown field.
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
/** Far deeper than any DTO; deeper bodies would overflow the stack of the recursive transform and validation. */
const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What no DTO can catch, found walking the plain body without recursion: reserved keys, nesting too deep, and
 * text PostgreSQL cannot store as sent (NUL is refused by it, a lone surrogate would be stored as U+FFFD).
 */
function plainBodyErrors(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Array<{ value: unknown; field: string; depth: number }> = [{ value: body, field: '', depth: 0 }];
  while (pending.length > 0 && errors.length < 20) {
    const { value, field, depth } = pending.pop()!;
    const at = field || 'body';
    if (typeof value === 'string') {
      if (value.includes('\u0000')) errors.push({ field: at, message: `${at} must not contain the NUL character` });
      else if (LONE_SURROGATE.test(value))
        errors.push({ field: at, message: `${at} must be well-formed Unicode text` });
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) {
        errors.push({ field: at, message: `${at} is nested deeper than ${MAX_DEPTH} levels` });
        continue;
      }
      for (const [key, child] of Object.entries(value)) {
        const childField = join(field, key);
        if (!Array.isArray(value) && RESERVED_KEYS.has(key)) {
          errors.push({ field: childField, message: `property ${key} should not exist` });
        } else pending.push({ value: child, field: childField, depth: depth + 1 });
      }
    }
  }
  return errors;
}

/**
 * @ValidateNested accepts an array where an object is declared (and arrays inside arrays), validating what is
 * inside: a nested DTO must be an object, and each element of a nested list one.
 */
function nestedShapeErrors(instance: object, path: string): FieldError[] {
  const nested = getMetadataStorage()
    .getTargetValidationMetadatas(instance.constructor, '', true, false)
    .filter((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION);
  return nested.flatMap(({ propertyName, each }) => {
    const value = (instance as Record<string, unknown>)[propertyName];
    if (value === undefined || value === null) return [];
    const field = join(path, propertyName);
    const parts: Array<[unknown, string]> =
      each && Array.isArray(value) ? value.map((item, i) => [item, join(field, i)]) : [[value, field]];
    return parts.flatMap(([part, at]) =>
      part !== null && typeof part === 'object' && !Array.isArray(part)
        ? nestedShapeErrors(part, at)
        : [{ field: at, message: `${at} must be an object` }],
    );
  });
}

class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const checked = metadata.type === 'body' || metadata.type === 'query';
    const plain = checked ? plainBodyErrors(value) : [];
    if (plain.length > 0) throw ProblemException.validation(plain);
    const result: unknown = await super.transform(value, metadata);
    const shape = checked && result !== null && typeof result === 'object' ? nestedShapeErrors(result, '') : [];
    if (shape.length > 0) throw ProblemException.validation(shape);
    return result;
  }
}

/** Bodies are validated whole: unknown fields are rejected, every problem is reported with its field path. */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ProblemException.validation(flattenValidationErrors(errors)),
  });
}
