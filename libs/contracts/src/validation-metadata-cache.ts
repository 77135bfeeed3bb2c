import { getMetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>;

interface CachingStorage {
  getTargetValidationMetadatas(
    target: object,
    schema: string,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): ValidationMetadata;
  groupByPropertyName(metadata: ValidationMetadata): Record<string, ValidationMetadata>;
  addValidationMetadata(...args: unknown[]): void;
  addConstraintMetadata(...args: unknown[]): void;
  addValidationSchema(...args: unknown[]): void;
  omsRemembers?: true;
}

/**
 * class-validator finds a class's rules anew on every validate call, scanning every class it knows with an
 * `instanceof` test each: under load that lookup was the top function of every service's CPU profile (events
 * are checked when published and when consumed, at every level of nesting). Rules are registered as classes load
 * and do not change afterwards, so the lookup is remembered per class and options, and everything remembered is
 * forgotten whenever a rule is added. Validation itself is unchanged (validation-metadata-cache.spec.ts).
 */
export function rememberValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as CachingStorage;
  if (storage.omsRemembers || typeof storage.getTargetValidationMetadatas !== 'function') return;
  storage.omsRemembers = true;
  let byTarget = new Map<object, Map<string, ValidationMetadata>>();
  let grouped = new WeakMap<ValidationMetadata, Record<string, ValidationMetadata>>();

  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}|${always}|${strictGroups}|${groups?.join('\u0000') ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
  for (const method of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = storage[method].bind(storage);
    storage[method] = (...args: unknown[]) => {
      byTarget = new Map();
      grouped = new WeakMap();
      add(...args);
    };
  }
}
