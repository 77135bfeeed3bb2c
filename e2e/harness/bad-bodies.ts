import fc from 'fast-check';

/** A schema node of an OpenAPI document as @nestjs/swagger writes it (the parts the mutations use). */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
}

export interface OpenApiOperation {
  requestBody?: { content: Record<string, { schema: SchemaNode }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaNode> };
}

/**
 * What the DTO says about a number that the OpenAPI document does not (swagger leaves out @IsInt and most
 * @Max): every number of the APIs is an integer within bounds.
 */
export interface NumberFacts {
  minimum: number;
  maximum: number;
  integer: boolean;
}

/** A body schema with its references resolved; `source` names the DTO property ("OrderItemDto.quantity"). */
export interface BodySchema {
  type: 'object' | 'array' | 'string' | 'number' | 'boolean';
  source: string;
  properties?: Record<string, BodySchema>;
  required?: string[];
  items?: BodySchema;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  number?: NumberFacts;
}

export type JsonPath = Array<string | number>;

/** One request the service must refuse, and how. */
export interface BadRequest {
  what: string;
  contentType: string;
  payload: string | Buffer;
  /** The status the platform answers this with, when it is fixed by the case (413 for too large...). */
  status?: number;
  /** A validation failure: the problem's `errors` must all be about this field (or its parts or parents). */
  errorsAbout?: string;
}

export const dotted = (path: JsonPath) => path.join('.');

/** Resolves `$ref`s and attaches the DTO facts of numbers; fails on a number the facts do not cover. */
export function bodySchemaOf(
  node: SchemaNode,
  document: OpenApiDocument,
  numberFacts: Record<string, NumberFacts>,
  source = 'body',
): BodySchema {
  if (node.$ref) {
    const name = node.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`${source}: unresolved ${node.$ref}`);
    return bodySchemaOf(target, document, numberFacts, name);
  }
  const type = (node.type ?? (node.properties ? 'object' : undefined)) as BodySchema['type'] | undefined;
  if (!type || !['object', 'array', 'string', 'number', 'boolean'].includes(type)) {
    throw new Error(`${source}: schema type ${String(node.type)} is not handled`);
  }
  const schema: BodySchema = { type, source };
  if (node.enum) schema.enum = node.enum;
  if (node.pattern) schema.pattern = node.pattern;
  if (node.format) schema.format = node.format;
  if (type === 'object') {
    const owner = source.split('.')[0];
    schema.required = node.required ?? [];
    schema.properties = Object.fromEntries(
      Object.entries(node.properties ?? {}).map(([key, child]) => [
        key,
        bodySchemaOf(child, document, numberFacts, `${owner}.${key}`),
      ]),
    );
  }
  if (type === 'array') {
    if (!node.items) throw new Error(`${source}: array without items`);
    schema.items = bodySchemaOf(node.items, document, numberFacts, source);
  }
  if (type === 'number') {
    const facts = numberFacts[source];
    if (!facts) throw new Error(`${source}: a number without known bounds (add it to the DTO facts)`);
    schema.number = {
      minimum: node.minimum ?? facts.minimum,
      maximum: node.maximum ?? facts.maximum,
      integer: facts.integer,
    };
  }
  return schema;
}

/** Where `value` breaks the schema (checks a sample before it is mutated: a mutation must be its only fault). */
export function schemaViolations(value: unknown, schema: BodySchema, path: JsonPath = []): string[] {
  const at = dotted(path) || '(body)';
  if (kindOf(value) !== schema.type) return [`${at}: ${kindOf(value)} instead of ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: not one of ${schema.enum.join(', ')}`];
  if (schema.pattern && !new RegExp(schema.pattern).test(value as string)) return [`${at}: not ${schema.pattern}`];
  if (schema.number) {
    const n = value as number;
    const { minimum, maximum, integer } = schema.number;
    if (n < minimum || n > maximum || (integer && !Number.isInteger(n))) return [`${at}: ${n} out of bounds`];
  }
  if (schema.type === 'array') {
    return (value as unknown[]).flatMap((item, i) => schemaViolations(item, schema.items!, [...path, i]));
  }
  if (schema.type === 'object') {
    const object = value as Record<string, unknown>;
    return [
      ...schema.required!.filter((key) => !(key in object)).map((key) => `${at}: ${key} missing`),
      ...Object.keys(object).flatMap((key) =>
        schema.properties![key]
          ? schemaViolations(object[key], schema.properties![key], [...path, key])
          : [`${at}: unknown ${key}`],
      ),
    ];
  }
  return [];
}

type Kind = BodySchema['type'] | 'null';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as Kind;
}

interface Field {
  path: JsonPath;
  schema: BodySchema;
  /** Absent or null is allowed for an optional field (@IsOptional lets both through). */
  required: boolean;
  value: unknown;
}

/** Every value of the sample with its schema: the places a mutation can go. */
function fieldsOf(value: unknown, schema: BodySchema, path: JsonPath = [], required = true): Field[] {
  const here: Field = { path, schema, required, value };
  if (schema.type === 'object') {
    const object = value as Record<string, unknown>;
    return [
      here,
      ...Object.keys(object).flatMap((key) =>
        fieldsOf(object[key], schema.properties![key], [...path, key], schema.required!.includes(key)),
      ),
    ];
  }
  if (schema.type === 'array') {
    return [here, ...(value as unknown[]).flatMap((item, i) => fieldsOf(item, schema.items!, [...path, i]))];
  }
  return [here];
}

/** A copy of `body` with the value at `path` replaced (or removed when `change` says so). */
function changed(body: unknown, path: JsonPath, change: { set: unknown } | { remove: true }): unknown {
  if (path.length === 0) return 'set' in change ? change.set : undefined;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if ('remove' in change) delete parent[last];
  // defineProperty: a key such as "__proto__" must become an own property, as JSON.parse makes it on the server.
  else Object.defineProperty(parent, last, { value: change.set, enumerable: true, writable: true, configurable: true });
  return copy;
}

const json = (what: string, body: unknown, errorsAbout: JsonPath, status = 400): BadRequest => ({
  what,
  contentType: 'application/json',
  payload: JSON.stringify(body),
  status,
  errorsAbout: dotted(errorsAbout),
});

const finiteDouble = (constraints: { min?: number; max?: number } = {}) =>
  fc.double({ ...constraints, noNaN: true, noDefaultInfinity: true });

/** Values of every JSON kind but `kind` (and but null for an optional field, which may be null). */
function otherKinds(field: Field): fc.Arbitrary<unknown> {
  const small = fc.jsonValue({ maxDepth: 1 });
  const byKind: Record<Kind, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 20 }),
    number: finiteDouble(),
    boolean: fc.boolean(),
    object: fc.dictionary(fc.string({ maxLength: 8 }), small, { maxKeys: 3 }),
    array: fc.array(small, { maxLength: 3 }),
    null: fc.constant(null),
  };
  // The tempting ones: a number written as a string, a boolean as 1 or "true", an object inside an array.
  const lookalikes: Partial<Record<Kind, fc.Arbitrary<unknown>>> = {
    number: fc.constant(String(field.value)),
    boolean: fc.constantFrom('true', 'false', 1, 0),
    object: fc.constant([field.value]),
    array: fc.constant({ 0: (field.value as unknown[])[0] }),
  };
  const others = (Object.keys(byKind) as Kind[]).filter(
    (kind) => kind !== field.schema.type && (field.required || kind !== 'null'),
  );
  const lookalike = lookalikes[field.schema.type];
  return fc.oneof(...others.map((kind) => byKind[kind]), ...(lookalike ? [lookalike] : []));
}

/** Keys no DTO declares, including the ones that reach into prototypes. */
const unknownKey = (known: string[]) =>
  fc
    .oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'isAdmin', 'id', 'createdAt'),
      fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/),
    )
    .filter((key) => !known.includes(key));

/** Strings far beyond any length a field accepts (~100k characters) but under the body size limit. */
const longString = fc
  .constantFrom(
    { unit: 'x', times: 100_000 },
    { unit: ' ', times: 100_000 },
    { unit: '字', times: 40_000 },
    { unit: '😀', times: 30_000 },
  )
  .map(({ unit, times }) => ({ value: unit.repeat(times), label: `${times} × ${JSON.stringify(unit)}` }));

export const WRONG_CURRENCIES = ['cny', 'Cny', 'XXX', '¥', 'CNYY', 'RMB', ' CNY', 'CN', ''];

/** Byte sequences that are not UTF-8: bad lead and continuation bytes, overlong forms, surrogates, > U+10FFFF. */
export const INVALID_UTF8: Array<{ name: string; bytes: number[] }> = [
  { name: 'byte FF', bytes: [0xff] },
  { name: 'byte FE', bytes: [0xfe] },
  { name: 'lone continuation byte', bytes: [0x80] },
  { name: 'lead byte without continuation', bytes: [0xc3, 0x28] },
  { name: 'truncated 3-byte sequence', bytes: [0xe2, 0x82] },
  { name: 'overlong "/"', bytes: [0xc0, 0xaf] },
  { name: 'UTF-16 surrogate', bytes: [0xed, 0xa0, 0x80] },
  { name: 'beyond U+10FFFF', bytes: [0xf4, 0x90, 0x80, 0x80] },
];

/** The string values of `body`; without any, a field of its own (refused as unknown anyway, bytes or not). */
function textPaths(body: unknown, path: JsonPath = []): JsonPath[] {
  const found: JsonPath[] = [];
  const walk = (value: unknown, at: JsonPath) => {
    if (typeof value === 'string') found.push(at);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, [...at, Array.isArray(value) ? Number(key) : key]);
    }
  };
  walk(body, path);
  return found.length > 0 ? found : [[...path, 'note']];
}

/** The JSON text of `body` with `bytes` written raw inside the string at `path` (a new field when absent). */
export function withRawBytes(body: unknown, path: JsonPath, bytes: number[]): Buffer {
  const marker = 'RAW-BYTES-GO-HERE';
  const current = path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)?.[key], body);
  const text = typeof current === 'string' ? current : '';
  const middle = Math.floor(text.length / 2);
  const withMarker = changed(body, path, { set: `${text.slice(0, middle)}${marker}${text.slice(middle)}` });
  const [before, after] = JSON.stringify(withMarker).split(marker);
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
}

/**
 * Requests that are invalid by construction, each one fault away from the valid `sample`: a required field
 * removed, a wrong type anywhere, an unknown field at any level, numbers too big, negative or fractional,
 * strings too long, not of the enum (currencies) or format, text that cannot be stored (NUL, lone surrogates),
 * and invalid UTF-8 bytes inside a string value.
 */
export function invalidBodies(sample: Record<string, unknown>, schema: BodySchema): fc.Arbitrary<BadRequest> {
  const fields = fieldsOf(sample, schema);
  const named = (kinds: BodySchema['type'][]) => fields.filter((f) => kinds.includes(f.schema.type));
  const pick = (candidates: Field[]) => fc.constantFrom(...candidates);
  const options: Array<fc.Arbitrary<BadRequest>> = [];
  const add = (candidates: Field[], build: (field: Field) => fc.Arbitrary<BadRequest>) => {
    if (candidates.length > 0) options.push(pick(candidates).chain(build));
  };

  add(
    fields.filter((f) => f.required && typeof f.path[f.path.length - 1] === 'string'),
    (f) => fc.constant(json(`without ${dotted(f.path)}`, changed(sample, f.path, { remove: true }), f.path)),
  );
  add(
    fields.filter((f) => f.path.length > 0),
    (f) =>
      otherKinds(f).map((value) =>
        json(
          `${dotted(f.path)} = ${JSON.stringify(value)} (not a ${f.schema.type})`,
          changed(sample, f.path, { set: value }),
          f.path,
        ),
      ),
  );
  add(named(['object']), (f) =>
    fc.tuple(unknownKey(Object.keys(f.schema.properties!)), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => {
      const path = [...f.path, key];
      return json(`unknown ${dotted(path)}`, changed(sample, path, { set: value }), path);
    }),
  );
  const numbers = named(['number']);
  add(numbers, (f) =>
    fc
      .constantFrom(1e300, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER * 10, f.schema.number!.maximum + 1)
      .map((value) =>
        json(
          `${dotted(f.path)} = ${value} (maximum ${f.schema.number!.maximum})`,
          changed(sample, f.path, { set: value }),
          f.path,
        ),
      ),
  );
  add(
    numbers.filter((f) => f.schema.number!.minimum >= 0),
    (f) =>
      fc
        .oneof(
          fc.constantFrom(-1, f.schema.number!.minimum - 1, -1e300),
          fc.integer({ min: -1_000_000_000, max: -1 }),
          finiteDouble({ min: -1e12, max: -Number.MIN_VALUE }),
        )
        .map((value) =>
          json(
            `${dotted(f.path)} = ${value} (below ${f.schema.number!.minimum})`,
            changed(sample, f.path, { set: value }),
            f.path,
          ),
        ),
  );
  add(
    numbers.filter((f) => f.schema.number!.integer),
    (f) =>
      fc
        .tuple(
          fc.integer({ min: f.schema.number!.minimum, max: f.schema.number!.maximum - 1 }),
          fc.constantFrom(0.5, 0.25, 0.001),
        )
        .map(([whole, part]) => whole + part)
        .map((value) =>
          json(`${dotted(f.path)} = ${value} (not whole)`, changed(sample, f.path, { set: value }), f.path),
        ),
  );
  const strings = named(['string']);
  add(strings, (f) =>
    longString.map(({ value, label }) =>
      json(`${dotted(f.path)} = ${label}`, changed(sample, f.path, { set: value }), f.path),
    ),
  );
  // Text PostgreSQL cannot keep as sent: it refuses NUL, and turns a lone surrogate (a JSON escape) into U+FFFD.
  add(strings, (f) =>
    fc
      .constantFrom(
        { name: 'a NUL character', text: '\u0000' },
        { name: 'a lone surrogate', text: '\ud800' },
        { name: 'a lone low surrogate', text: '\udfff' },
      )
      .map(({ name, text }) => {
        const value = `${String(f.value)}${text}`;
        return json(`${dotted(f.path)} with ${name}`, changed(sample, f.path, { set: value }), f.path);
      }),
  );
  add(
    strings.filter((f) => f.schema.enum && f.path[f.path.length - 1] !== 'currency'),
    (f) =>
      fc
        .oneof(
          fc.constantFrom(
            ...f.schema.enum!.flatMap((v) => [String(v).toUpperCase(), String(v).toLowerCase(), ` ${v}`]),
          ),
          fc.string({ maxLength: 12 }),
        )
        .filter((value) => !f.schema.enum!.includes(value))
        .map((value) =>
          json(
            `${dotted(f.path)} = ${JSON.stringify(value)} (not of the enum)`,
            changed(sample, f.path, { set: value }),
            f.path,
          ),
        ),
  );
  add(
    strings.filter((f) => f.path[f.path.length - 1] === 'currency'),
    (f) =>
      fc
        .constantFrom(...WRONG_CURRENCIES)
        .map((value) =>
          json(
            `${dotted(f.path)} = ${JSON.stringify(value)} (no currency)`,
            changed(sample, f.path, { set: value }),
            f.path,
          ),
        ),
  );
  add(
    strings.filter((f) => f.schema.pattern || f.schema.format === 'uuid'),
    (f) =>
      fc
        .oneof(
          fc.constantFrom('', ' ', '-', 'not a uuid or sku', '../etc/passwd', 'a\nb'),
          fc.string({ maxLength: 70 }),
        )
        .filter((value) =>
          f.schema.pattern
            ? !new RegExp(f.schema.pattern).test(value)
            : !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
        )
        .map((value) =>
          json(
            `${dotted(f.path)} = ${JSON.stringify(value)} (not its format)`,
            changed(sample, f.path, { set: value }),
            f.path,
          ),
        ),
  );
  options.push(
    fc
      .tuple(fc.constantFrom(...textPaths(sample)), fc.constantFrom(...INVALID_UTF8))
      .map(([path, { name, bytes }]) => ({
        what: `${dotted(path)} holds ${name}`,
        contentType: 'application/json',
        payload: withRawBytes(sample, path, bytes),
        status: 400,
      })),
  );
  return fc.oneof(...options);
}

/**
 * Whole bodies that are wrong before any field is looked at: too large, not JSON, not an object, not UTF-8,
 * or not sent as JSON. `sample` is undefined for a route without a body.
 */
export function wholeBodyCases(sample: Record<string, unknown> | undefined, bodyLimitBytes: number): BadRequest[] {
  const body = sample ?? {};
  const text = JSON.stringify(body);
  const form =
    new URLSearchParams(
      Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    ).toString() || 'note=x';
  // A route without a body ignores a body that parses (an array, `{}`): then its answer is the route's own 4xx.
  const parsedBody = sample ? 400 : undefined;
  return [
    {
      what: 'a body over the size limit',
      contentType: 'application/json',
      payload: JSON.stringify({ ...body, padding: 'x'.repeat(bodyLimitBytes + 1024) }),
      status: 413,
    },
    {
      what: 'JSON cut short',
      contentType: 'application/json',
      payload: text.slice(0, Math.ceil(text.length / 2)),
      status: 400,
    },
    { what: 'words, not JSON', contentType: 'application/json', payload: 'please refund me', status: 400 },
    { what: 'a JSON number', contentType: 'application/json', payload: '42', status: 400 },
    { what: 'a JSON string', contentType: 'application/json', payload: '"text"', status: 400 },
    { what: 'JSON null', contentType: 'application/json', payload: 'null', status: 400 },
    {
      what: 'a JSON array of the body',
      contentType: 'application/json',
      payload: JSON.stringify([body]),
      status: parsedBody,
    },
    { what: 'an empty JSON array', contentType: 'application/json', payload: '[]', status: parsedBody },
    {
      what: 'a field nested 10,000 deep',
      contentType: 'application/json',
      payload: `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"nested":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      status: parsedBody,
    },
    {
      what: 'objects nested 10,000 deep',
      contentType: 'application/json',
      payload: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
      status: parsedBody,
    },
    ...INVALID_UTF8.slice(0, 3).map(({ name, bytes }) => ({
      what: `${name} inside a string`,
      contentType: 'application/json',
      payload: withRawBytes(body, textPaths(body)[0], bytes),
      status: 400,
    })),
    { what: 'the body as text/plain', contentType: 'text/plain', payload: text, status: 415 },
    { what: 'the body form-encoded', contentType: 'application/x-www-form-urlencoded', payload: form, status: 415 },
  ];
}
