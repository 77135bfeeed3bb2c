import { randomUUID } from 'node:crypto';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const CORRELATION_HEADER = 'x-correlation-id';

/** Gives each request a correlation id (the caller's, when sane) that every event it causes will carry. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const given = request.header(CORRELATION_HEADER);
    const correlationId = given && /^[\w.:-]{1,200}$/.test(given) ? given : randomUUID();
    response.setHeader(CORRELATION_HEADER, correlationId);
    requestContext.run({ correlationId, requestId: randomUUID() }, next);
  }
}
