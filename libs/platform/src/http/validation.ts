import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@oms/contracts';
import { ProblemException } from './problem';

/** Bodies are validated whole: unknown fields are rejected, every problem is reported with its field path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ProblemException.validation(flattenValidationErrors(errors)),
  });
}
