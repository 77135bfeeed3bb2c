import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage, IS_ISO8601, IS_URL, MAX, MIN } from 'class-validator';
import type { MetadataStorage as TransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { EventEnvelopeSchema, EventHeaders } from '../envelope';
import { type EventDefinition, eventKey, type OrderKey, orderKeyOf } from '../event-definition';
import { ALL_EVENTS } from '../events';
import { ALL_TOPICS, DLQ_SUFFIX, Topics } from '../topics';

// class-transformer does not export its metadata storage (typestack/class-transformer#563); the @Type() of
// nested classes lives there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerMetadataStorage;
};

/** A JSON Schema (or any JSON object). */
export type JsonSchema = { [keyword: string]: unknown };

/** Draft-07: what AsyncAPI 3.0 documents embed natively, and what the data teams' tools read. */
export const SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';
const DEFINITIONS = 'definitions';
const REF_PREFIX = `#/${DEFINITIONS}/`;

/** The contracts project folder (`libs/contracts`), from `src/schema` and from `dist/schema` alike. */
export const CONTRACTS_ROOT = join(__dirname, '..', '..');
/** Where the committed schemas live. */
export const SCHEMAS_DIR = join(CONTRACTS_ROOT, 'schemas');
/** Where the committed AsyncAPI document lives. */
export const ASYNCAPI_FILE = join(CONTRACTS_ROOT, 'asyncapi.json');
/** The command that regenerates both; quoted by the compatibility test. */
export const GENERATE_COMMAND = 'npx nx run contracts:schemas';

/** The schema file of a definition, relative to `schemas/`: `order.events/OrderPlaced.v1.schema.json`. */
export function schemaPathOf(definition: Pick<EventDefinition, 'type' | 'version' | 'topic'>): string {
  return `${definition.topic}/${eventKey(definition.type, definition.version)}.schema.json`;
}

// Converters that replace class-validator-jsonschema's defaults where they are wrong for us:
// - Min/Max set `type: number`, which overrides IsInt's `integer` depending on decorator order;
// - IsISO8601 gives `oneOf` date / date-time, which fails whenever formats are not asserted (both match);
// - IsUrl gives the non-standard format `url`.
const converters = {
  [MIN]: (meta: { constraints: unknown[] }) => ({ minimum: meta.constraints[0] }),
  [MAX]: (meta: { constraints: unknown[] }) => ({ maximum: meta.constraints[0] }),
  [IS_ISO8601]: { type: 'string', anyOf: [{ format: 'date-time' }, { format: 'date' }] },
  [IS_URL]: { type: 'string', format: 'uri' },
};

/** Every class-validator class known to the process, as JSON Schemas keyed by class name. */
function classSchemas(): Record<string, JsonSchema> {
  return validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: REF_PREFIX,
    additionalConverters: converters as never,
  }) as Record<string, JsonSchema>;
}

/** Schemas are keyed by class name: two contract classes with one name would merge silently. */
function assertUniqueClassNames(names: Iterable<string>): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas?: Map<abstract new (...args: never[]) => unknown, unknown>;
  };
  if (!(storage.validationMetadatas instanceof Map)) return;
  const wanted = new Set(names);
  const seen = new Map<string, abstract new (...args: never[]) => unknown>();
  for (const target of storage.validationMetadatas.keys()) {
    if (!wanted.has(target.name)) continue;
    const other = seen.get(target.name);
    if (other && other !== target) throw new Error(`two validation classes are named ${target.name}; rename one`);
    seen.set(target.name, target);
  }
}

function refsIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(REF_PREFIX))
        out.add(child.slice(REF_PREFIX.length));
      else refsIn(child, out);
    }
  }
  return out;
}

/** The named schemas `root` refers to, directly or through each other. */
function closure(root: JsonSchema, all: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const found: Record<string, JsonSchema> = {};
  const queue = [...refsIn(root, new Set())];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (found[name]) continue;
    const schema = all[name];
    if (!schema) throw new Error(`no schema for nested class ${name}: is it decorated with class-validator?`);
    found[name] = schema;
    queue.push(...refsIn(schema, new Set()));
  }
  return found;
}

function sourceOfTopic(topic: string): string {
  const entry = Object.entries(Topics).find(([, name]) => name === topic);
  if (!entry) throw new Error(`unknown topic ${topic}`);
  return entry[0];
}

function orderIdSchema(definition: EventDefinition): JsonSchema {
  switch (orderKeyOf(definition)) {
    case 'order':
      return { type: 'string', format: 'uuid', description: 'The order the event concerns; the Kafka key.' };
    case 'none':
      return { type: 'null', description: 'Always null: the event concerns no order (the Kafka key is the SKU).' };
    case 'optional':
      return {
        type: ['string', 'null'],
        format: 'uuid',
        description: 'The order the event concerns (the Kafka key), or null when it concerns none.',
      };
  }
}

function eventSchema(definition: EventDefinition, all: Record<string, JsonSchema>): JsonSchema {
  const envelope = all[EventEnvelopeSchema.name];
  const payload = all[definition.payloadClass.name];
  if (!envelope) throw new Error('no schema for the envelope');
  if (!payload) throw new Error(`no schema for ${definition.payloadClass.name}: is it decorated with class-validator?`);
  const envelopeProperties = envelope.properties as Record<string, JsonSchema>;
  const properties: Record<string, JsonSchema> = {
    ...envelopeProperties,
    type: { type: 'string', const: definition.type },
    version: { type: 'integer', const: definition.version },
    source: { type: 'string', const: sourceOfTopic(definition.topic) },
    orderId: orderIdSchema(definition),
    causationId: { ...envelopeProperties.causationId, type: ['string', 'null'] },
    payload,
  };
  const schema: JsonSchema = {
    $schema: SCHEMA_DIALECT,
    $id: `urn:oms:event:${eventKey(definition.type, definition.version)}`,
    title: `${definition.type} v${definition.version}`,
    description: definition.description,
    'x-topic': definition.topic,
    'x-version': definition.version,
    'x-order-key': orderKeyOf(definition),
    type: 'object',
    required: Object.keys(properties),
    properties,
  };
  const nested = closure(payload, all);
  if (Object.keys(nested).length > 0) schema[DEFINITIONS] = nested;
  return canonical(schema) as JsonSchema;
}

/** The JSON Schema of each definition's whole event (envelope + payload), keyed by `schemaPathOf`. */
export function buildEventSchemas(definitions: readonly EventDefinition[] = ALL_EVENTS): Map<string, JsonSchema> {
  const all = classSchemas();
  const out = new Map<string, JsonSchema>();
  for (const definition of definitions) {
    const schema = eventSchema(definition, all);
    assertUniqueClassNames([definition.payloadClass.name, ...Object.keys((schema[DEFINITIONS] as object) ?? {})]);
    out.set(schemaPathOf(definition), schema);
  }
  return out;
}

/** One definition's schema. */
export function buildEventSchema(definition: EventDefinition): JsonSchema {
  return buildEventSchemas([definition]).get(schemaPathOf(definition))!;
}

function contractsVersion(): string {
  const pkg = JSON.parse(readFileSync(join(CONTRACTS_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

const KAFKA_KEYS: Record<OrderKey, string> = {
  order: 'The order id (the envelope orderId).',
  none: 'The SKU the event concerns (the envelope orderId is null).',
  optional: 'The order id when the event concerns one, else the id of what it concerns (the notification id).',
};

/** The AsyncAPI 3.0 document: one channel per topic, one message per event version, payloads by file. */
export function buildAsyncApi(definitions: readonly EventDefinition[] = ALL_EVENTS): JsonSchema {
  const messageName = (definition: EventDefinition) => eventKey(definition.type, definition.version);
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  const messages: Record<string, JsonSchema> = {};
  for (const topic of ALL_TOPICS) {
    const onTopic = definitions.filter((definition) => definition.topic === topic);
    const source = sourceOfTopic(topic);
    channels[topic] = {
      address: topic,
      title: topic,
      description:
        `Every event the ${source} service publishes, keyed by order id` +
        (onTopic.some((definition) => orderKeyOf(definition) !== 'order')
          ? ' (an event about no order is keyed by what it concerns: the SKU for stock events). '
          : '. ') +
        `Records that fail in a consumer go to ${topic}${DLQ_SUFFIX} with the error in headers.`,
      messages: Object.fromEntries(
        onTopic.map((definition) => [
          messageName(definition),
          { $ref: `#/components/messages/${messageName(definition)}` },
        ]),
      ),
      bindings: { kafka: { topic, bindingVersion: '0.5.0' } },
    };
    operations[`${source}.publish`] = {
      action: 'send',
      title: `The ${source} service publishes`,
      channel: { $ref: `#/channels/${topic}` },
      messages: onTopic.map((definition) => ({ $ref: `#/channels/${topic}/messages/${messageName(definition)}` })),
    };
    for (const definition of onTopic) {
      messages[messageName(definition)] = {
        name: definition.type,
        title: `${definition.type} v${definition.version}`,
        summary: definition.description,
        contentType: 'application/json',
        headers: { $ref: '#/components/schemas/EventHeaders' },
        payload: { $ref: `./schemas/${schemaPathOf(definition)}` },
        bindings: {
          kafka: {
            key: { type: 'string', description: KAFKA_KEYS[orderKeyOf(definition)] },
            bindingVersion: '0.5.0',
          },
        },
      };
    }
  }
  const headerProperties = Object.fromEntries(
    Object.values(EventHeaders).map((header) => [header, { type: 'string' }]),
  );
  return canonical({
    asyncapi: '3.0.0',
    info: {
      title: 'Order management platform events',
      version: contractsVersion(),
      description:
        'Domain events of the six order-management services, one Kafka topic per producing service. ' +
        'Generated from libs/contracts; do not edit by hand.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      schemas: {
        EventHeaders: {
          type: 'object',
          description: 'Kafka headers set on every event (trace context: W3C traceparent/tracestate).',
          required: [
            EventHeaders.id,
            EventHeaders.type,
            EventHeaders.version,
            EventHeaders.source,
            EventHeaders.correlationId,
          ],
          properties: headerProperties,
        },
      },
      messages,
    },
  }) as JsonSchema;
}

// Keywords first in a fixed order (what a reader looks for first); the rest, and every name in
// `properties`/`definitions`, alphabetically; `required` sorted. The same input always gives the same text.
const KEYWORD_ORDER = [
  '$schema',
  '$id',
  '$ref',
  'asyncapi',
  'info',
  'name',
  'title',
  'summary',
  'description',
  'x-topic',
  'x-version',
  'x-order-key',
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'items',
  'required',
  'properties',
];
const NAME_MAPS = new Set(['properties', DEFINITIONS, '$defs', 'channels', 'operations', 'messages', 'schemas']);

function keywordRank(key: string): number {
  const rank = KEYWORD_ORDER.indexOf(key);
  return rank === -1 ? KEYWORD_ORDER.length : rank;
}

/** A deep copy with keys in canonical order (see above). */
export function canonical(value: unknown, parentKey?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item));
    return parentKey === 'required' ? [...items].sort() : items;
  }
  if (!value || typeof value !== 'object') return value;
  const isNameMap = parentKey !== undefined && NAME_MAPS.has(parentKey);
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const keys = Object.keys(value).sort((a, b) =>
    isNameMap ? byCodeUnit(a, b) : keywordRank(a) - keywordRank(b) || byCodeUnit(a, b),
  );
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = canonical((value as Record<string, unknown>)[key], isNameMap ? undefined : key);
  return out;
}

/** Pretty-printed, canonical JSON with a final newline: the text of a committed file. */
export function toFileText(value: unknown): string {
  return `${JSON.stringify(canonical(value), null, 2)}\n`;
}
