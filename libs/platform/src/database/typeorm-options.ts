import type { DataSourceOptions, MixedList } from 'typeorm';
import type { ServiceConfig } from '../config/config';
import { MESSAGING_MIGRATIONS } from './messaging-migrations';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function>;

/** TypeORM settings of every service: migrations only (never synchronize), the platform's tables first. */
export function typeOrmOptions(config: ServiceConfig, entities: ClassList, migrations: ClassList): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities,
    migrations: [...MESSAGING_MIGRATIONS, ...(Array.isArray(migrations) ? migrations : Object.values(migrations))],
    migrationsRun: config.MIGRATIONS_RUN,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    applicationName: config.SERVICE_NAME,
    extra: { max: config.DATABASE_POOL_SIZE, connectionTimeoutMillis: config.DATABASE_POOL_ACQUIRE_TIMEOUT_MS },
  };
}
