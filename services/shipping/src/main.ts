// Tracing first: it must patch http and pg before they are loaded.
import '@oms/platform/tracing';
import { runService } from '@oms/platform';
import { AppModule } from './app.module';
import { loadShippingConfig } from './config';

async function main() {
  const config = loadShippingConfig();
  await runService(AppModule.forRoot(config), config, {
    title: 'Shipping service',
    description:
      'Shipments (delivery notes), carrier choice, tracking numbers, carrier tracking events, delivery and exceptions.',
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
