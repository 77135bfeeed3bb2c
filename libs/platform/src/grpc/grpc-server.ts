import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { flattenValidationErrors } from '@oms/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import type { Logger } from '../logging/logger';

export interface GrpcServiceDefinition {
  /** Directory the proto's imports resolve from. */
  protoRoot: string;
  /** The .proto file, relative to protoRoot. */
  protoFile: string;
  /** Fully qualified service name, e.g. `oms.order.v1.OrderService`. */
  serviceName: string;
}

/**
 * Loads a service definition the way every client and server here does: field names stay as written
 * (snake_case), 64-bit integers become JS numbers (our amounts are safe integers), enums as strings, defaults
 * filled in so that absent scalars read as zero values.
 */
export function loadGrpcService(definition: GrpcServiceDefinition): grpc.ServiceClientConstructor {
  const packageDefinition = protoLoader.loadSync(join(definition.protoRoot, definition.protoFile), {
    includeDirs: [definition.protoRoot],
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: false,
  });
  const loaded = grpc.loadPackageDefinition(packageDefinition);
  const service = definition.serviceName
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], loaded);
  if (typeof service !== 'function') throw new Error(`no service ${definition.serviceName} in ${definition.protoFile}`);
  return service as grpc.ServiceClientConstructor;
}

/** An error a gRPC handler answers with: a status code and a message for the caller. */
export class GrpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}

/**
 * One gRPC server for a service: binds its implementation on a port (0 = any free one, for tests), and on stop
 * lets calls in flight finish for a grace period before cancelling what remains (open streams included).
 */
export class GrpcServerHost {
  private server: grpc.Server | undefined;
  private boundPort: number | undefined;

  constructor(
    private readonly definition: GrpcServiceDefinition,
    private readonly implementation: grpc.UntypedServiceImplementation,
    private readonly logger: Logger,
  ) {}

  get port(): number {
    if (this.boundPort === undefined) throw new Error('the gRPC server is not started');
    return this.boundPort;
  }

  async start(host: string, port: number): Promise<number> {
    const server = new grpc.Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
    server.addService(loadGrpcService(this.definition).service, this.implementation);
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    this.server = server;
    this.logger.info({ port: this.boundPort, service: this.definition.serviceName }, 'gRPC server listening');
    return this.boundPort;
  }

  async stop(graceMs = 5_000): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, graceMs);
      force.unref();
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}

/**
 * Adapts an async handler to a unary gRPC call: its result is the answer; a GrpcError answers with its code;
 * anything else is INTERNAL (logged, never its message: internals stay inside).
 */
export function unaryCall<Request, Response>(
  logger: Logger,
  handler: (request: Request, metadata: grpc.Metadata) => Promise<Response>,
): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    handler(call.request, call.metadata).then(
      (response) => callback(null, response),
      (error: unknown) => callback(toServiceError(logger, error)),
    );
  };
}

export function toServiceError(logger: Logger, error: unknown): Partial<grpc.ServiceError> {
  if (error instanceof GrpcError) return { code: error.code, details: error.message };
  if (isDatabaseUnavailable(error)) {
    // Overload or a database restart: UNAVAILABLE is the code gRPC clients retry on.
    logger.warn({ err: error }, 'database unavailable; answered UNAVAILABLE');
    return { code: grpc.status.UNAVAILABLE, details: 'database unavailable; retry shortly' };
  }
  logger.error({ err: error }, 'gRPC call failed');
  return { code: grpc.status.INTERNAL, details: 'internal error' };
}

/**
 * Validates a gRPC request mapped to the same class-validator class REST uses, with the same rules (unknown
 * fields rejected): one contract for both doors. Problems answer INVALID_ARGUMENT naming each field.
 */
export async function validateGrpcRequest<T extends object>(dtoClass: new () => T, plain: object): Promise<T> {
  const instance = plainToInstance(dtoClass, plain, { enableImplicitConversion: false });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const fields = flattenValidationErrors(errors).map((e) => `${e.field}: ${e.message}`);
    throw new GrpcError(grpc.status.INVALID_ARGUMENT, fields.join('; '));
  }
  return instance;
}
