// Tracing first: it must patch http and pg before they are loaded.
import '@oms/platform/tracing';
import { runService } from '@oms/platform';
import { AppModule } from './app.module';
import { loadInventoryConfig } from './config';

async function main() {
  const config = loadInventoryConfig();
  await runService(AppModule.forRoot(config), config, {
    title: 'Inventory service',
    description: 'Stock per SKU and warehouse, reservations, backorders, replenishment and low-stock alerts.',
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
