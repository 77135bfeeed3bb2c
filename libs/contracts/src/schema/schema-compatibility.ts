/**
 * Classifies the differences between a committed (published) event schema and the one the code generates now.
 *
 * The schema describes what producers write and consumers read, so a change is breaking when an event valid
 * under one version of the contract can break a reader of the other:
 * - a property removed, or no longer required (readers rely on it);
 * - a new required property, or an optional one made required (published events lack it);
 * - a type or format changed; an enum or const lost (or changed) a value; a bound, length or pattern narrowed;
 * - any of the above nested, through `$ref`, object properties and array items, recursively.
 * Non-breaking: a new optional property, an enum gaining a value (tolerant readers treat unknown values as
 * unknown), a bound widened, a constraint removed, a description or other annotation changed.
 */

export type JsonSchema = { [keyword: string]: unknown };

export interface SchemaComparison {
  breaking: string[];
  nonBreaking: string[];
}

/** Keywords that only describe: a change is never breaking. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  '$comment',
  'examples',
  'default',
  'deprecated',
  '$id',
  '$schema',
]);
/** Keywords handled by the walk itself. */
const STRUCTURAL = new Set(['properties', 'required', 'items', 'definitions', '$defs', '$ref', 'additionalProperties']);
/** Raising these narrows what is valid. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
/** Lowering these narrows what is valid. */
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];
/** Any change of these may narrow what is valid; removing them widens it. */
const EXACT = ['pattern', 'multipleOf'];
/** Extension keywords whose change is breaking: a consumer subscribes by topic. */
const BREAKING_EXTENSIONS = new Set(['x-topic']);

interface Walk {
  oldRoot: JsonSchema;
  newRoot: JsonSchema;
  out: SchemaComparison;
  /** `$ref` pairs being compared by an ancestor: stops recursive schemas. */
  inProgress: Set<string>;
}

/** Compares two schemas; pure: reads only its arguments. */
export function compareSchemas(committed: JsonSchema, current: JsonSchema): SchemaComparison {
  const walk: Walk = {
    oldRoot: committed,
    newRoot: current,
    out: { breaking: [], nonBreaking: [] },
    inProgress: new Set(),
  };
  compareNode(committed, current, '', walk);
  return walk.out;
}

function compareNode(oldRaw: unknown, newRaw: unknown, path: string, walk: Walk): void {
  const oldRefs = refChain(oldRaw, walk.oldRoot);
  const newRefs = refChain(newRaw, walk.newRoot);
  if (!oldRefs.ref && !newRefs.ref)
    return compareResolved(asSchema(oldRefs.schema), asSchema(newRefs.schema), path, walk);
  const pair = `${oldRefs.ref ?? '-'}→${newRefs.ref ?? '-'}`;
  if (walk.inProgress.has(pair)) return; // a recursive schema: this pair is being compared further up
  walk.inProgress.add(pair);
  try {
    compareResolved(asSchema(oldRefs.schema), asSchema(newRefs.schema), path, walk);
  } finally {
    walk.inProgress.delete(pair);
  }
}

function compareResolved(oldNode: JsonSchema, newNode: JsonSchema, path: string, walk: Walk): void {
  const at = path || '(root)';
  const breaking = (message: string) => walk.out.breaking.push(`${at}: ${message}`);
  const nonBreaking = (message: string) => walk.out.nonBreaking.push(`${at}: ${message}`);

  // type
  const oldTypes = typesOf(oldNode);
  const newTypes = typesOf(newNode);
  if (oldTypes.join('|') !== newTypes.join('|')) {
    breaking(`type changed from ${oldTypes.join('|') || 'any'} to ${newTypes.join('|') || 'any'}`);
  }

  // format
  if (!same(oldNode.format, newNode.format)) {
    breaking(`format changed from ${show(oldNode.format)} to ${show(newNode.format)}`);
  }

  // enum and const: values allowed
  for (const keyword of ['enum', 'const'] as const) {
    const oldValues = valuesOf(oldNode, keyword);
    const newValues = valuesOf(newNode, keyword);
    if (!oldValues && newValues) breaking(`${keyword} added (${newValues.map(show).join(', ')})`);
    else if (oldValues && !newValues) nonBreaking(`${keyword} removed`);
    else if (oldValues && newValues) {
      const removed = oldValues.filter((value) => !newValues.some((other) => same(value, other)));
      const added = newValues.filter((value) => !oldValues.some((other) => same(value, other)));
      if (removed.length > 0) breaking(`${keyword} no longer allows ${removed.map(show).join(', ')}`);
      if (added.length > 0) nonBreaking(`${keyword} now also allows ${added.map(show).join(', ')}`);
    }
  }

  // bounds
  for (const keyword of LOWER_BOUNDS)
    compareBound(oldNode[keyword], newNode[keyword], keyword, 'lower', breaking, nonBreaking);
  for (const keyword of UPPER_BOUNDS)
    compareBound(oldNode[keyword], newNode[keyword], keyword, 'upper', breaking, nonBreaking);
  for (const keyword of EXACT) {
    if (same(oldNode[keyword], newNode[keyword])) continue;
    if (newNode[keyword] === undefined) nonBreaking(`${keyword} removed`);
    else breaking(`${keyword} changed from ${show(oldNode[keyword])} to ${show(newNode[keyword])}`);
  }
  if (oldNode.uniqueItems !== true && newNode.uniqueItems === true) breaking('items must now be unique');
  else if (oldNode.uniqueItems === true && newNode.uniqueItems !== true) nonBreaking('items need no longer be unique');

  // properties and required
  const oldProperties = asSchema(oldNode.properties);
  const newProperties = asSchema(newNode.properties);
  const oldRequired = new Set(stringsOf(oldNode.required));
  const newRequired = new Set(stringsOf(newNode.required));
  const child = (name: string) => (path ? `${path}.${name}` : name);
  for (const name of Object.keys(oldProperties)) {
    if (!(name in newProperties)) {
      walk.out.breaking.push(`${child(name)}: property removed`);
      continue;
    }
    if (!oldRequired.has(name) && newRequired.has(name))
      walk.out.breaking.push(`${child(name)}: optional property made required`);
    if (oldRequired.has(name) && !newRequired.has(name)) {
      walk.out.breaking.push(`${child(name)}: required property made optional (readers rely on it)`);
    }
    compareNode(oldProperties[name], newProperties[name], child(name), walk);
  }
  for (const name of Object.keys(newProperties)) {
    if (name in oldProperties) continue;
    if (newRequired.has(name)) walk.out.breaking.push(`${child(name)}: new required property`);
    else walk.out.nonBreaking.push(`${child(name)}: new optional property`);
  }
  // `required` naming a property that `properties` does not declare
  for (const name of newRequired) {
    if (!(name in newProperties) && !(name in oldProperties) && !oldRequired.has(name)) {
      walk.out.breaking.push(`${child(name)}: new required property`);
    }
  }

  // additionalProperties
  const oldAdditional = oldNode.additionalProperties;
  const newAdditional = newNode.additionalProperties;
  if (!same(oldAdditional, newAdditional)) {
    if (newAdditional === false) breaking('additional properties no longer allowed');
    else if (oldAdditional === false && (newAdditional === undefined || newAdditional === true)) {
      nonBreaking('additional properties now allowed');
    } else if (isObject(oldAdditional) && isObject(newAdditional)) {
      compareNode(oldAdditional, newAdditional, `${path}{}`, walk);
    } else breaking('additionalProperties changed');
  }

  // items
  if (isObject(oldNode.items) || isObject(newNode.items)) {
    if (isObject(oldNode.items) && isObject(newNode.items))
      compareNode(oldNode.items, newNode.items, `${path}[]`, walk);
    else if (!same(oldNode.items, newNode.items)) {
      if (newNode.items === undefined) nonBreaking('items constraint removed');
      else breaking('items changed');
    }
  }

  // everything else: annotations are harmless, a changed combinator or unknown keyword cannot be proven compatible
  const handled = new Set([
    ...ANNOTATIONS,
    ...STRUCTURAL,
    ...LOWER_BOUNDS,
    ...UPPER_BOUNDS,
    ...EXACT,
    'type',
    'format',
    'enum',
    'const',
    'uniqueItems',
  ]);
  const keywords = new Set([...Object.keys(oldNode), ...Object.keys(newNode)]);
  for (const keyword of [...keywords].sort()) {
    if (handled.has(keyword) || same(oldNode[keyword], newNode[keyword])) continue;
    if (keyword.startsWith('x-') && !BREAKING_EXTENSIONS.has(keyword)) continue;
    breaking(`${keyword} changed from ${show(oldNode[keyword])} to ${show(newNode[keyword])}`);
  }
  for (const keyword of ANNOTATIONS) {
    if (keyword === '$id' || keyword === '$schema') continue;
    if (!same(oldNode[keyword], newNode[keyword])) nonBreaking(`${keyword} changed`);
  }
  for (const keyword of [...keywords].filter((k) => k.startsWith('x-') && !BREAKING_EXTENSIONS.has(k)).sort()) {
    if (!same(oldNode[keyword], newNode[keyword])) nonBreaking(`${keyword} changed`);
  }
}

function compareBound(
  oldValue: unknown,
  newValue: unknown,
  keyword: string,
  kind: 'lower' | 'upper',
  breaking: (message: string) => void,
  nonBreaking: (message: string) => void,
): void {
  if (same(oldValue, newValue)) return;
  if (newValue === undefined) return nonBreaking(`${keyword} removed`);
  if (oldValue === undefined) return breaking(`${keyword} added (${show(newValue)})`);
  const narrowed = kind === 'lower' ? Number(newValue) > Number(oldValue) : Number(newValue) < Number(oldValue);
  const message = `${keyword} changed from ${show(oldValue)} to ${show(newValue)}`;
  if (narrowed) breaking(message);
  else nonBreaking(message);
}

/** Follows local `$ref`s (`#/definitions/X`, `#/$defs/X`, any JSON pointer) to the schema they name. */
function refChain(node: unknown, root: JsonSchema): { schema: unknown; ref?: string } {
  let current = node;
  let ref: string | undefined;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 32) throw new Error(`$ref loop at ${ref}`);
    ref = current.$ref;
    const target = resolvePointer(root, ref);
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    current = target;
  }
  return ref === undefined ? { schema: current } : { schema: current, ref };
}

function resolvePointer(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const parts = ref
    .slice(1)
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: unknown = root;
  for (const part of parts) {
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function isObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asSchema(value: unknown): JsonSchema {
  return isObject(value) ? value : {};
}

function typesOf(node: JsonSchema): string[] {
  const type = node.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string').sort();
  return [];
}

function valuesOf(node: JsonSchema, keyword: 'enum' | 'const'): unknown[] | undefined {
  if (keyword === 'const') return 'const' in node ? [node.const] : undefined;
  return Array.isArray(node.enum) ? node.enum : undefined;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function same(a: unknown, b: unknown): boolean {
  return stableText(a) === stableText(b);
}

function stableText(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableText).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableText(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function show(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}

/** What the compatibility gate says about one event version; undefined when its committed schema matches. */
export function checkCommittedSchema(input: {
  type: string;
  version: number;
  /** Relative to the contracts project: `schemas/order.events/OrderPlaced.v1.schema.json`. */
  file: string;
  /** The committed file's text; undefined when there is none. */
  committedText: string | undefined;
  current: JsonSchema;
  /** The text the generator would write for `current`. */
  currentText: string;
  /** The command that regenerates the committed files. */
  generateCommand: string;
}): string | undefined {
  const key = `${input.type}.v${input.version}`;
  if (input.committedText === undefined) {
    return `${key} has no committed schema (${input.file}): run \`${input.generateCommand}\` and commit the generated files.`;
  }
  let committed: JsonSchema;
  try {
    committed = JSON.parse(input.committedText) as JsonSchema;
  } catch (error) {
    return `${input.file} is not valid JSON (${(error as Error).message}): run \`${input.generateCommand}\`.`;
  }
  const { breaking, nonBreaking } = compareSchemas(committed, input.current);
  if (breaking.length > 0) {
    return [
      `${key} no longer matches its published schema (${input.file}) and the change is breaking:`,
      ...breaking.map((line) => `  - ${line}`),
      `Do not change a published event version: raise the version (add ${input.type}.v${input.version + 1}) ` +
        `and keep ${key} defined while consumers still read it.`,
    ].join('\n');
  }
  if (nonBreaking.length > 0 || input.committedText !== input.currentText) {
    return [
      `${key}: the committed schema (${input.file}) is out of date; the change is compatible:`,
      ...(nonBreaking.length > 0 ? nonBreaking.map((line) => `  - ${line}`) : ['  - formatting or key order only']),
      `Run \`${input.generateCommand}\` and commit the regenerated files.`,
    ].join('\n');
  }
  return undefined;
}
