// Tracing first: it must patch http and pg before they are loaded.
import '@oms/platform/tracing';
import { runService } from '@oms/platform';
import { AppModule } from './app.module';
import { loadFulfillmentConfig } from './config';

async function main() {
  const config = loadFulfillmentConfig();
  await runService(AppModule.forRoot(config), config, {
    title: 'Fulfillment service',
    description: 'Pick lists per warehouse allocation (the order-processing sheet), picking and packing.',
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
