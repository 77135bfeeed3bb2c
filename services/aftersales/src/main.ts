// Tracing first: it must patch http and pg before they are loaded.
import '@oms/platform/tracing';
import { runService } from '@oms/platform';
import { AppModule } from './app.module';
import { loadAftersalesConfig } from './config';

async function main() {
  const config = loadAftersalesConfig();
  await runService(AppModule.forRoot(config), config, {
    title: 'After-sales service',
    description: 'Follow-up, feedback, support cases, returns, refunds and exchanges.',
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
