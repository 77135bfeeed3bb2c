import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem types of the platform; `type` is a stable URI consumers may switch on. */
export const ProblemTypes = {
  validation: 'https://oms.dev/problems/validation',
  notFound: 'https://oms.dev/problems/not-found',
  conflict: 'https://oms.dev/problems/invalid-state',
  unprocessable: 'https://oms.dev/problems/rule-violated',
  unauthorized: 'https://oms.dev/problems/unauthorized',
  payloadTooLarge: 'https://oms.dev/problems/payload-too-large',
  unsupportedMediaType: 'https://oms.dev/problems/unsupported-media-type',
  rateLimited: 'https://oms.dev/problems/rate-limited',
  unavailable: 'https://oms.dev/problems/unavailable',
  internal: 'https://oms.dev/problems/internal',
  http: 'about:blank',
} as const;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** An HTTP error with a problem+json body. Throw it from controllers and use cases. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemBody) {
    super(problem, problem.status);
  }

  static validation(errors: FieldError[], detail = 'The request body or parameters are not valid.'): ProblemException {
    return new ProblemException({ type: ProblemTypes.validation, title: 'Bad request', status: 400, detail, errors });
  }

  static notFound(what: string, id: string): ProblemException {
    return new ProblemException({
      type: ProblemTypes.notFound,
      title: 'Not found',
      status: 404,
      detail: `${what} ${id} does not exist.`,
    });
  }

  /** 409: the current state does not allow this transition; the body says the current state. */
  static conflict(detail: string, currentState: string, extensions: Record<string, unknown> = {}): ProblemException {
    return new ProblemException({
      type: ProblemTypes.conflict,
      title: 'Conflict',
      status: 409,
      detail,
      currentState,
      ...extensions,
    });
  }

  static unprocessable(detail: string, extensions: Record<string, unknown> = {}): ProblemException {
    return new ProblemException({
      type: ProblemTypes.unprocessable,
      title: 'Unprocessable',
      status: 422,
      detail,
      ...extensions,
    });
  }

  static unauthorized(detail: string): ProblemException {
    return new ProblemException({ type: ProblemTypes.unauthorized, title: 'Unauthorized', status: 401, detail });
  }
}
