import { DataSource, type MixedList } from 'typeorm';
import type { ServiceConfig } from '../config/config';
import { typeOrmOptions } from './typeorm-options';

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
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
