import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { type EventEnvelope, EventEnvelopeSchema } from './envelope';
import { type EventDefinition, eventKey, orderKeyOf } from './event-definition';
import { ALL_EVENTS } from './events';
import { rememberValidationMetadata } from './validation-metadata-cache';

// Every service validates through this module (events, and its HTTP bodies via the same class-validator).
rememberValidationMetadata();

/** Every event of the lifecycle, by `Type.vN`. Built once; a duplicate definition fails at load. */
export const eventRegistry: ReadonlyMap<string, EventDefinition> = (() => {
  const map = new Map<string, EventDefinition>();
  for (const definition of ALL_EVENTS) {
    const key = eventKey(definition.type, definition.version);
    if (map.has(key)) throw new Error(`event ${key} is defined twice`);
    map.set(key, definition);
  }
  return map;
})();

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return eventRegistry.get(eventKey(type, version));
}

export type EventValidation =
  | { ok: true; envelope: EventEnvelope; definition: EventDefinition }
  | {
      ok: false;
      reason: 'malformed' | 'unknown-type' | 'unknown-version' | 'invalid-envelope' | 'invalid-payload';
      detail: string;
    };

export interface ValidateEventOptions {
  /**
   * Producers validate strictly (no field outside the contract); consumers tolerate unknown fields
   * so that adding an optional field is never a breaking change for them.
   */
  strict: boolean;
}

/** Checks an event against the envelope and its payload's contract. Never throws. */
export function validateEvent(raw: unknown, options: ValidateEventOptions): EventValidation {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: 'malformed', detail: 'event is not a JSON object' };
  }
  const envelope = plainToInstance(EventEnvelopeSchema, raw);
  const envelopeErrors = validateSync(envelope, { forbidNonWhitelisted: options.strict, whitelist: options.strict });
  if (envelopeErrors.length > 0) {
    return { ok: false, reason: 'invalid-envelope', detail: describeErrors(envelopeErrors) };
  }
  const definition = findEventDefinition(envelope.type, envelope.version);
  if (!definition) {
    // A known type in a version we have no contract for is a producer ahead of (or behind) this consumer:
    // told apart from a type nobody knows, because the fix is a deploy, not a bug hunt.
    const knownVersions = [...eventRegistry.values()].filter((d) => d.type === envelope.type).map((d) => d.version);
    return knownVersions.length > 0
      ? {
          ok: false,
          reason: 'unknown-version',
          detail: `no contract for ${eventKey(envelope.type, envelope.version)} (known: v${knownVersions.join(', v')})`,
        }
      : { ok: false, reason: 'unknown-type', detail: `no contract for ${eventKey(envelope.type, envelope.version)}` };
  }
  const orderIdProblem = checkOrderId(definition, envelope.orderId);
  if (orderIdProblem) return { ok: false, reason: 'invalid-envelope', detail: orderIdProblem };
  const payload = plainToInstance(definition.payloadClass, (raw as { payload: object }).payload);
  const payloadErrors = validateSync(payload, {
    forbidNonWhitelisted: options.strict,
    whitelist: options.strict,
    forbidUnknownValues: true,
  });
  if (payloadErrors.length > 0) {
    return { ok: false, reason: 'invalid-payload', detail: describeErrors(payloadErrors) };
  }
  // Hand consumers the plain JSON payload (already checked), not class instances: it serialises as it arrived.
  return { ok: true, envelope: raw as EventEnvelope, definition };
}

function checkOrderId(definition: EventDefinition, orderId: string | null | undefined): string | undefined {
  const rule = orderKeyOf(definition);
  if (orderId === undefined) return 'orderId: must be present (null for an event about no order)';
  if (rule === 'order' && orderId === null) {
    return `orderId: ${definition.type} concerns an order, orderId must be set`;
  }
  if (rule === 'none' && orderId !== null) {
    return `orderId: ${definition.type} concerns no order, orderId must be null`;
  }
  return undefined;
}

/** Flattens class-validator errors into `path: message` pairs: `items.0.quantity: quantity must not be less than 1`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

function describeErrors(errors: ValidationError[]): string {
  return flattenValidationErrors(errors)
    .map((e) => `${e.field}: ${e.message}`)
    .join('; ');
}
