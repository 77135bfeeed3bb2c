// Tracing first: it must patch http and pg before they are loaded.
import '@oms/platform/tracing';
import { runService } from '@oms/platform';
import { AppModule } from './app.module';
import { loadOrderConfig } from './config';

async function main() {
  const config = loadOrderConfig();
  await runService(AppModule.forRoot(config), config, {
    title: 'Order service',
    description:
      'Carts, orders from every channel, review, payment status, the order saga, timeline and status queries.',
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
