// Tracing first: it must patch http and pg before they are loaded.
import '@oms/platform/tracing';
import { runService } from '@oms/platform';
import { AppModule } from './app.module';
import { loadNotificationConfig } from './config';

async function main() {
  const config = loadNotificationConfig();
  await runService(AppModule.forRoot(config), config, {
    title: 'Notification service',
    description:
      'Email, SMS and webhook messages to customers and staff, templates per locale, preferences and the delivery log.',
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
