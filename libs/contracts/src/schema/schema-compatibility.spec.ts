import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventKey } from '../event-definition';
import { ALL_EVENTS } from '../events';
import { OrderPlacedV1 } from '../order/order-placed.v1';
import {
  ASYNCAPI_FILE,
  buildAsyncApi,
  buildEventSchemas,
  GENERATE_COMMAND,
  SCHEMAS_DIR,
  schemaPathOf,
  toFileText,
} from './event-schemas';
import { checkCommittedSchema, compareSchemas, type JsonSchema } from './schema-compatibility';
import { listSchemaFiles } from './write-schemas';

const current = buildEventSchemas(ALL_EVENTS);

describe('committed event schemas', () => {
  describe.each(ALL_EVENTS.map((definition) => [eventKey(definition.type, definition.version), definition] as const))(
    '%s',
    (_key, definition) => {
      it('matches the schema the code generates, or changed compatibly', () => {
        const path = schemaPathOf(definition);
        const file = join(SCHEMAS_DIR, path);
        const schema = current.get(path)!;
        const problem = checkCommittedSchema({
          type: definition.type,
          version: definition.version,
          file: `schemas/${path}`,
          committedText: existsSync(file) ? readFileSync(file, 'utf8') : undefined,
          current: schema,
          currentText: toFileText(schema),
          generateCommand: GENERATE_COMMAND,
        });
        if (problem) throw new Error(problem);
      });
    },
  );

  it('has no file without a registered event (no orphans)', () => {
    const expected = new Set(ALL_EVENTS.map(schemaPathOf));
    const orphans = listSchemaFiles(SCHEMAS_DIR).filter((path) => !expected.has(path));
    if (orphans.length > 0) {
      throw new Error(
        `committed schemas without a registered event: ${orphans.map((p) => `schemas/${p}`).join(', ')}. ` +
          'A published event version stays defined while consumers may read it; delete the file only when the ' +
          `version is retired (\`node libs/contracts/scripts/generate-schemas.js --prune\`).`,
      );
    }
  });

  it('keeps the AsyncAPI document up to date', () => {
    const committed = existsSync(ASYNCAPI_FILE) ? readFileSync(ASYNCAPI_FILE, 'utf8') : undefined;
    if (committed !== toFileText(buildAsyncApi(ALL_EVENTS))) {
      throw new Error(
        `libs/contracts/asyncapi.json is missing or out of date: run \`${GENERATE_COMMAND}\` and commit it.`,
      );
    }
  });

  it('gives every event a self-contained schema (every $ref resolves inside its file)', () => {
    for (const [path, schema] of current) {
      const refs = JSON.stringify(schema).match(/"\$ref":"[^"]+"/g) ?? [];
      for (const ref of refs) {
        const name = ref.slice('"$ref":"#/definitions/'.length, -1);
        expect({ path, ref, resolved: Boolean((schema.definitions as Record<string, unknown>)?.[name]) }).toEqual({
          path,
          ref,
          resolved: true,
        });
      }
    }
  });
});

describe('the compatibility gate', () => {
  const definition = OrderPlacedV1;
  const schema = current.get(schemaPathOf(definition))!;
  /** `committedText` null: no committed file. */
  const gate = (changed: JsonSchema, committedText: string | null = toFileText(schema)) =>
    checkCommittedSchema({
      type: definition.type,
      version: definition.version,
      file: `schemas/${schemaPathOf(definition)}`,
      committedText: committedText ?? undefined,
      current: changed,
      currentText: toFileText(changed),
      generateCommand: GENERATE_COMMAND,
    });
  // Tests poke arbitrary paths of a schema.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const edit = (change: (copy: Record<string, any>) => void): JsonSchema => {
    const copy = structuredClone(schema);
    change(copy);
    return copy;
  };

  it('passes an unchanged schema', () => {
    expect(gate(schema)).toBeUndefined();
  });

  it('asks to run the generator when the committed file is missing', () => {
    expect(gate(schema, null)).toMatch(/has no committed schema .*npx nx run contracts:schemas/);
  });

  it('asks for a new version on a breaking change, naming each break', () => {
    const message = gate(
      edit((s) => {
        delete s.properties.payload.properties.notes;
        s.properties.payload.required.push('placedBy');
        s.definitions.OrderPlacedLineV1.properties.quantity.type = 'string';
      }),
    );
    expect(message).toContain('payload.notes: property removed');
    expect(message).toContain('payload.placedBy: optional property made required');
    expect(message).toContain('payload.items[].quantity: type changed from integer to string');
    expect(message).toContain('raise the version (add OrderPlaced.v2)');
  });

  it('asks to regenerate on a compatible change', () => {
    const message = gate(
      edit((s) => {
        s.properties.payload.properties.giftWrap = { type: 'boolean' };
      }),
    );
    expect(message).toContain('payload.giftWrap: new optional property');
    expect(message).toContain('npx nx run contracts:schemas');
    expect(message).not.toContain('raise the version');
  });

  it('asks to regenerate when only the text differs', () => {
    expect(gate(schema, JSON.stringify(schema))).toContain('formatting or key order only');
  });
});

describe('compareSchemas', () => {
  const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
    type: 'object',
    required,
    properties,
  });
  const str: JsonSchema = { type: 'string' };

  it('finds nothing between equal schemas', () => {
    const schema = object({ a: str, b: { type: 'integer', minimum: 0 } }, ['a']);
    expect(compareSchemas(schema, structuredClone(schema))).toEqual({ breaking: [], nonBreaking: [] });
  });

  it('treats a new optional property as non-breaking', () => {
    const result = compareSchemas(object({ a: str }, ['a']), object({ a: str, b: str }, ['a']));
    expect(result).toEqual({ breaking: [], nonBreaking: ['b: new optional property'] });
  });

  it('breaks on a removed property', () => {
    expect(compareSchemas(object({ a: str, b: str }), object({ a: str })).breaking).toEqual(['b: property removed']);
  });

  it('breaks on a new required property', () => {
    expect(compareSchemas(object({ a: str }), object({ a: str, b: str }, ['b'])).breaking).toEqual([
      'b: new required property',
    ]);
  });

  it('breaks when an optional property becomes required, and the other way round', () => {
    expect(compareSchemas(object({ a: str }), object({ a: str }, ['a'])).breaking).toEqual([
      'a: optional property made required',
    ]);
    expect(compareSchemas(object({ a: str }, ['a']), object({ a: str })).breaking).toEqual([
      'a: required property made optional (readers rely on it)',
    ]);
  });

  it('breaks on a changed type, including a widened one', () => {
    expect(compareSchemas(object({ a: { type: 'integer' } }), object({ a: { type: 'number' } })).breaking).toEqual([
      'a: type changed from integer to number',
    ]);
    expect(compareSchemas(object({ a: str }), object({ a: { type: ['string', 'null'] } })).breaking).toEqual([
      'a: type changed from string to null|string',
    ]);
  });

  it('breaks on a changed, added or removed format', () => {
    const uuid = { type: 'string', format: 'uuid' };
    expect(compareSchemas(object({ a: uuid }), object({ a: { type: 'string', format: 'email' } })).breaking).toEqual([
      'a: format changed from "uuid" to "email"',
    ]);
    expect(compareSchemas(object({ a: str }), object({ a: uuid })).breaking).toHaveLength(1);
    expect(compareSchemas(object({ a: uuid }), object({ a: str })).breaking).toHaveLength(1);
  });

  it('breaks on an enum losing a value, not on one gaining a value', () => {
    const colours = (...values: string[]) => object({ c: { type: 'string', enum: values } });
    expect(compareSchemas(colours('red', 'blue'), colours('red'))).toEqual({
      breaking: ['c: enum no longer allows "blue"'],
      nonBreaking: [],
    });
    expect(compareSchemas(colours('red'), colours('red', 'blue'))).toEqual({
      breaking: [],
      nonBreaking: ['c: enum now also allows "blue"'],
    });
    expect(compareSchemas(object({ c: str }), colours('red')).breaking).toEqual(['c: enum added ("red")']);
    expect(compareSchemas(object({ c: { const: 'x' } }), object({ c: { const: 'y' } })).breaking).toEqual([
      'c: const no longer allows "x"',
    ]);
  });

  it('breaks on narrowed bounds and patterns, not on widened ones', () => {
    const length = (max: number) => object({ a: { type: 'string', maxLength: max } });
    expect(compareSchemas(length(64), length(32)).breaking).toEqual(['a: maxLength changed from 64 to 32']);
    expect(compareSchemas(length(32), length(64))).toEqual({
      breaking: [],
      nonBreaking: ['a: maxLength changed from 32 to 64'],
    });
    const min = (value: number) => object({ q: { type: 'integer', minimum: value } });
    expect(compareSchemas(min(0), min(1)).breaking).toEqual(['q: minimum changed from 0 to 1']);
    expect(compareSchemas(min(1), min(0)).breaking).toEqual([]);
    expect(compareSchemas(object({ s: str }), object({ s: { type: 'string', pattern: '^a' } })).breaking).toEqual([
      's: pattern changed from none to "^a"',
    ]);
  });

  it('applies every rule to nested objects and array items', () => {
    const committed = object({
      address: object({ city: str, zip: str }, ['city']),
      lines: { type: 'array', items: object({ sku: str, qty: { type: 'integer' } }, ['sku']) },
    });
    const next = object({
      address: object({ city: str }, ['city', 'country']),
      lines: { type: 'array', items: object({ sku: str, qty: { type: 'string' }, note: str }, ['sku', 'qty']) },
    });
    const result = compareSchemas(committed, next);
    expect(result.breaking.sort()).toEqual(
      [
        'address.zip: property removed',
        'address.country: new required property',
        'lines[].qty: optional property made required',
        'lines[].qty: type changed from integer to string',
      ].sort(),
    );
    expect(result.nonBreaking).toEqual(['lines[].note: new optional property']);
  });

  it('follows $refs on either side, whatever the definition is called', () => {
    const committed = {
      ...object({ line: { $ref: '#/definitions/LineV1' } }),
      definitions: { LineV1: object({ sku: str, qty: { type: 'integer' } }) },
    };
    const renamed = {
      ...object({ line: { $ref: '#/$defs/OrderLine' } }),
      $defs: { OrderLine: object({ sku: str, qty: { type: 'integer' } }) },
    };
    expect(compareSchemas(committed, renamed)).toEqual({ breaking: [], nonBreaking: [] });
    const inlined = object({ line: object({ sku: str }) });
    expect(compareSchemas(committed, inlined).breaking).toEqual(['line.qty: property removed']);
  });

  it('terminates on recursive schemas', () => {
    const tree = {
      ...object({ root: { $ref: '#/definitions/Node' } }),
      definitions: { Node: object({ children: { type: 'array', items: { $ref: '#/definitions/Node' } } }) },
    };
    expect(compareSchemas(tree, structuredClone(tree))).toEqual({ breaking: [], nonBreaking: [] });
  });

  it('treats descriptions as non-breaking and a moved topic as breaking', () => {
    const result = compareSchemas(
      { ...object({ a: str }), description: 'old', 'x-topic': 'order.events' },
      { ...object({ a: str }), description: 'new', 'x-topic': 'orders.events' },
    );
    expect(result.breaking).toEqual(['(root): x-topic changed from "order.events" to "orders.events"']);
    expect(result.nonBreaking).toEqual(['(root): description changed']);
  });

  it('breaks when additional properties become forbidden', () => {
    expect(compareSchemas(object({ a: str }), { ...object({ a: str }), additionalProperties: false }).breaking).toEqual(
      ['(root): additional properties no longer allowed'],
    );
  });
});
