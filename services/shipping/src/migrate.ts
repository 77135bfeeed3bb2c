// Applies the shipping database's migrations, then exits (Kubernetes init container, scripts/up.sh).
import { runMigrations } from '@oms/platform';
import { loadShippingConfig } from './config';
import { MIGRATIONS } from './infrastructure/persistence/migrations';

runMigrations(loadShippingConfig(), [], MIGRATIONS)
  .then((applied) => console.log(`shipping: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`))
  .catch((error: unknown) => {
    console.error(`shipping: migration failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
