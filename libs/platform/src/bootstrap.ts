import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { ServiceConfig } from './config/config';
import { requireJsonBody, verifyJsonBody } from './http/json-body';
import { createValidationPipe } from './http/validation';

export interface ServiceAppOptions {
  title: string;
  description: string;
  /** Largest accepted JSON body. */
  bodyLimit?: string;
}

/** Creates a service's Nest application with the platform's HTTP conventions, without listening. */
export async function createServiceApp(
  module: Type<unknown> | DynamicModule,
  options: ServiceAppOptions,
): Promise<NestExpressApplication> {
  // Only the JSON parser (no urlencoded one): bodies of other types are refused, not parsed.
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(PinoNestLogger));
  app.use(requireJsonBody);
  // Nest's typing leaves `verify` to its rawBody option, which is off: the parser takes ours as given.
  const json = { limit: options.bodyLimit ?? '256kb', verify: verifyJsonBody };
  app.useBodyParser('json', json);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  app.set('x-powered-by', false);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** Creates the application and listens on HTTP_PORT; logs where it can be reached. */
export async function runService(
  module: Type<unknown> | DynamicModule,
  config: ServiceConfig,
  options: ServiceAppOptions,
): Promise<INestApplication> {
  const app = await createServiceApp(module, options);
  await app.listen(config.HTTP_PORT, process.env.HTTP_HOST ?? '0.0.0.0');
  app
    .get(PinoNestLogger)
    .log(`${config.SERVICE_NAME} listening on http://127.0.0.1:${config.HTTP_PORT} (docs at /docs)`);
  return app;
}
