import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ALL_EVENTS } from '../events';
import { ASYNCAPI_FILE, buildAsyncApi, buildEventSchemas, SCHEMAS_DIR, toFileText } from './event-schemas';

export interface WriteSchemasOptions {
  /** Write nothing; report what differs (exit code 1 in the script). */
  check?: boolean;
  /** Delete committed schema files no registered event has (a retired event version). */
  prune?: boolean;
  log?: (line: string) => void;
}

export interface WriteSchemasResult {
  written: string[];
  unchanged: string[];
  orphans: string[];
  pruned: string[];
}

/** Every `*.json` file under `dir`, as paths relative to it (forward slashes). */
export function listSchemaFiles(dir: string = SCHEMAS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** Regenerates `schemas/<topic>/<Type>.v<n>.schema.json` for every registered event and `asyncapi.json`. */
export function writeSchemas(options: WriteSchemasOptions = {}): WriteSchemasResult {
  const log = options.log ?? (() => undefined);
  const files = new Map<string, string>();
  for (const [path, schema] of buildEventSchemas(ALL_EVENTS)) files.set(join(SCHEMAS_DIR, path), toFileText(schema));
  files.set(ASYNCAPI_FILE, toFileText(buildAsyncApi(ALL_EVENTS)));

  const result: WriteSchemasResult = { written: [], unchanged: [], orphans: [], pruned: [] };
  for (const [file, text] of files) {
    const name = relative(dirname(SCHEMAS_DIR), file);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) {
      result.unchanged.push(name);
      continue;
    }
    result.written.push(name);
    if (options.check) {
      log(`out of date: ${name}`);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    log(`wrote ${name}`);
  }
  for (const path of listSchemaFiles()) {
    const file = join(SCHEMAS_DIR, path);
    if (files.has(file)) continue;
    result.orphans.push(`schemas/${path}`);
    if (options.prune && !options.check) {
      rmSync(file);
      result.pruned.push(`schemas/${path}`);
      log(`deleted schemas/${path}`);
    } else {
      log(`orphan (no registered event): schemas/${path}; delete it with --prune only if that version is retired`);
    }
  }
  return result;
}
