import { ValidateBy, ValidationOptions } from 'class-validator';

/** Largest JSON value (metadata, tool calls) a message may carry, serialized. */
export const MAX_JSON_FIELD_CHARS = 65_536;

/**
 * Bounds a free-form JSON field by its serialized size, so one message cannot make every
 * later history read heavy. Too deep to serialize counts as too large.
 */
export const MaxJsonSize = (maxChars: number = MAX_JSON_FIELD_CHARS, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxJsonSize',
      validator: {
        validate: (value: unknown) => value === undefined || serializedLength(value) <= maxChars,
        defaultMessage: (args) => `${args?.property} must serialize to at most ${maxChars} characters of JSON`,
      },
    },
    options,
  );

function serializedLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
