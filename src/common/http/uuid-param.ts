import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '@/common/errors/problem.exception';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        ProblemException.badRequest('validation', `${name} must be a UUID.`, [{ field: name, messages: [`${name} must be a UUID`] }]),
    }),
  );
