// Applies the fulfillment database's migrations, then exits (Kubernetes init container, scripts/up.sh).
import { runMigrations } from '@oms/platform';
import { loadFulfillmentConfig } from './config';
import { MIGRATIONS } from './infrastructure/persistence/migrations';

runMigrations(loadFulfillmentConfig(), [], MIGRATIONS)
  .then((applied) =>
    console.log(`fulfillment: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`),
  )
  .catch((error: unknown) => {
    console.error(`fulfillment: migration failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
