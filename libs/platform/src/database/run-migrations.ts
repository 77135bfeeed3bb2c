import { DataSource, type MixedList } from 'typeorm';
import type { ServiceConfig } from '../config/config';
import { typeOrmOptions } from './typeorm-options';

/** Arbitrary constant shared by every migration run of a database. */
const MIGRATION_LOCK_KEY = 7_358_391_024;

/** Applies pending migrations of a service's database (the platform's tables first) and returns their names. */
export async function runMigrations(
  config: ServiceConfig,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>,
): Promise<string[]> {
  const dataSource = new DataSource({ ...typeOrmOptions(config, entities, migrations), migrationsRun: false });
  await dataSource.initialize();
  // Several pods start at once in Kubernetes: one migrates, the others wait, then find nothing to do.
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
