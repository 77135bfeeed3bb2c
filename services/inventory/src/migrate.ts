// Applies the inventory database's migrations, then exits (Kubernetes init container, scripts/up.sh).
import { runMigrations } from '@oms/platform';
import { loadInventoryConfig } from './config';
import { INVENTORY_MIGRATIONS } from './infrastructure/persistence/migrations';

runMigrations(loadInventoryConfig(), [], INVENTORY_MIGRATIONS)
  .then((applied) =>
    console.log(`inventory: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`),
  )
  .catch((error: unknown) => {
    console.error(`inventory: migration failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
