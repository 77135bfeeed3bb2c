import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { ProblemException, ProblemTypes } from './problem';

/** The raw bytes of a JSON body are kept on the request: webhook signatures are computed over them. */
export type RequestWithRawBody = IncomingMessage & { rawBody?: Buffer };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * body-parser's `verify` for JSON bodies: keeps the raw bytes and refuses bytes that are not UTF-8, which the
 * parser would otherwise turn into U+FFFD and let through to be stored.
 */
export function verifyJsonBody(request: RequestWithRawBody, _response: ServerResponse, body: Buffer, encoding: string) {
  request.rawBody = body;
  if (encoding !== 'utf-8') return;
  try {
    utf8.decode(body);
  } catch {
    // entity.*: the problem filter answers it as an unreadable body (400).
    throw Object.assign(new Error('the body is not valid UTF-8'), { status: 400, type: 'entity.verify.failed' });
  }
}

/**
 * Bodies are JSON or nothing: a form or text body is refused (415) rather than parsed by another parser or
 * dropped and validated as `{}` (a cross-site HTML form could otherwise act on an order).
 */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  const length = request.headers['content-length'];
  const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody && !request.is('application/json')) {
    next(
      new ProblemException({
        type: ProblemTypes.unsupportedMediaType,
        title: 'Unsupported media type',
        status: 415,
        detail: 'Request bodies are JSON: send them with Content-Type: application/json.',
      }),
    );
    return;
  }
  next();
}
