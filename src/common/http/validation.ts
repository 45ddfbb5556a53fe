import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from '@/common/errors/problem.exception';
import { opaqueJsonAwareTransformer } from './opaque-json';

/** Unknown fields are rejected, values are converted to the DTO's types, errors list every field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    transformerPackage: opaqueJsonAwareTransformer,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const detail = fields.map((field) => field.messages.join('; ')).join('; ') || 'The request is invalid.';
      return ProblemException.badRequest('validation', detail, fields);
    },
  });
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
