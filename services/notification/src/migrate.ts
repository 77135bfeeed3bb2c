// Applies the notification database's migrations, then exits (Kubernetes init container, scripts/up.sh).
import { runMigrations } from '@oms/platform';
import { loadNotificationConfig } from './config';
import { MIGRATIONS } from './infrastructure/persistence/migrations';

runMigrations(loadNotificationConfig(), [], MIGRATIONS)
  .then((applied) =>
    console.log(`notification: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`),
  )
  .catch((error: unknown) => {
    console.error(`notification: migration failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
