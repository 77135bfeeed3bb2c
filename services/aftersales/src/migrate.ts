// Applies the aftersales database's migrations, then exits (Kubernetes init container, scripts/up.sh).
import { runMigrations } from '@oms/platform';
import { loadAftersalesConfig } from './config';
import { MIGRATIONS } from './infrastructure/persistence/migrations';

runMigrations(loadAftersalesConfig(), [], MIGRATIONS)
  .then((applied) =>
    console.log(`aftersales: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`),
  )
  .catch((error: unknown) => {
    console.error(`aftersales: migration failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
