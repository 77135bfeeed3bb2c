import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import type { Logger } from '../logging/logger';
import { PLATFORM_LOGGER } from '../tokens';
import { type ProblemBody, ProblemException, ProblemTypes } from './problem';

const RETRY_AFTER_SECONDS = 1;

/** Every error leaves as RFC 9457 application/problem+json; unexpected ones are logged and never leak details. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(PLATFORM_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (isDatabaseUnavailable(exception)) {
      // Overload or a database restart, not a fault: the client retries (with its Idempotency-Key) shortly.
      this.logger.warn({ err: exception, path: request.originalUrl }, 'database unavailable; answered 503');
      response
        .status(503)
        .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
        .type('application/problem+json')
        .json({
          type: ProblemTypes.unavailable,
          title: 'Service unavailable',
          status: 503,
          detail: `The service cannot reach its database right now; retry after ${RETRY_AFTER_SECONDS} s (a POST with the same Idempotency-Key).`,
          instance: request.originalUrl,
        } satisfies ProblemBody);
      return;
    }
    const body = { ...this.toProblem(exception), instance: request.originalUrl };
    // A 5xx the code chose (a readiness check saying not ready) is a warning; only the unexpected is an error.
    if (body.status >= 500 && exception instanceof HttpException) {
      this.logger.warn({ err: exception, path: request.originalUrl }, 'request answered with a server error');
    } else if (body.status >= 500) {
      this.logger.error({ err: exception, path: request.originalUrl }, 'request failed');
    }
    response.status(body.status).type('application/problem+json').json(body);
  }

  private toProblem(exception: unknown): ProblemBody {
    if (exception instanceof ProblemException) return exception.problem;
    // body-parser errors: malformed JSON, bad encoding, too large.
    const parserError = exception as { type?: string; status?: number; message?: string };
    if (parserError?.type === 'entity.too.large') {
      return {
        type: ProblemTypes.payloadTooLarge,
        title: 'Payload too large',
        status: 413,
        detail: 'The request body is over the size limit.',
      };
    }
    if (
      (typeof parserError?.type === 'string' && parserError.type.startsWith('entity.')) ||
      parserError?.type === 'charset.unsupported' ||
      parserError?.type === 'encoding.unsupported'
    ) {
      return {
        type: ProblemTypes.validation,
        title: 'Bad request',
        status: 400,
        detail: `The request body cannot be read: ${parserError.message}`,
        errors: [],
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      const type =
        status === 404 ? ProblemTypes.notFound : status === 429 ? ProblemTypes.rateLimited : ProblemTypes.http;
      return {
        type,
        title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
        status,
        detail,
      };
    }
    return {
      type: ProblemTypes.internal,
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged.',
    };
  }
}
