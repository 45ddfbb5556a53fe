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
    const own = error.constraints ? [{ field, messages: [oneMessage(field, error.value, error.constraints)] }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** What a value of the wrong type fails first; its message says the type expected. */
const TYPE_CONSTRAINTS = ['isString', 'isInt', 'isNumber', 'isBoolean', 'isObject', 'isArray', 'isIn', 'isEnum', 'isUuid', 'isDateString', 'isIso8601'];

/**
 * One clear message per field: a missing field is required; a value of the wrong type gets
 * the type expected; otherwise the first rule it breaks. Not every rule of the field at once.
 */
function oneMessage(field: string, value: unknown, constraints: Record<string, string>): string {
  if (constraints.whitelistValidation) return constraints.whitelistValidation;
  if (value === undefined) return `${field} is required`;
  const typeRule = TYPE_CONSTRAINTS.find((rule) => rule in constraints);
  return constraints[typeRule ?? Object.keys(constraints)[0]];
}
