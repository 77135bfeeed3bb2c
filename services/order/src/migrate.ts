// Applies the order database's migrations, then exits (Kubernetes init container, scripts/up.sh).
import { runMigrations } from '@oms/platform';
import { loadOrderConfig } from './config';
import { ORDER_MIGRATIONS } from './infrastructure/persistence/migrations';
import { ORDER_ENTITIES } from './infrastructure/persistence/order.entity';

runMigrations(loadOrderConfig(), ORDER_ENTITIES, ORDER_MIGRATIONS)
  .then((applied) => console.log(`order: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`))
  .catch((error: unknown) => {
    console.error(`order: migration failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
