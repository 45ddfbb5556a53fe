import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { MaxJsonSize } from './json-size';
import { OpaqueJson } from './opaque-json';

/**
 * The field may be left out, but when present it must be valid: unlike IsOptional(), null
 * is not "absent" (a 400 naming the field, rather than a null stored where the API
 * documents an object or a boolean).
 */
export const IfPresent = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** An optional JSON object (never an array, a scalar or null), stored as jsonb. */
export const OptionalJsonObject = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description, type: 'object', additionalProperties: true }),
    OpaqueJson(),
    IfPresent(),
    IsObject({ message: '$property must be a JSON object' }),
    MaxJsonSize(),
  );

/** An optional whole number in [min, max], converted from a query string. */
export const OptionalIntQuery = (description: string, min: number, max: number, fallback?: number): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description, minimum: min, maximum: max, default: fallback, type: 'integer' }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: '$property must be a whole number' }),
    Min(min),
    Max(max),
  );

/** The optional `cursor` of a keyset page: the nextCursor a previous page answered with. */
export const PageCursorQuery = (): PropertyDecorator =>
  applyDecorators(ApiPropertyOptional({ description: 'The nextCursor of the previous page' }), IsOptional(), IsString(), MaxLength(200));

/** A required response field, documented. */
export const ResponseField = (description: string, options: Parameters<typeof ApiProperty>[0] = {}): PropertyDecorator =>
  ApiProperty({ description, ...options } as Parameters<typeof ApiProperty>[0]);

/** PostgreSQL text cannot hold U+0000: refused at the door rather than by the database. */
export const NoNulCharacter = (): PropertyDecorator =>
  Matches(/^[^\u0000]*$/, { message: '$property must not contain the character U+0000' });
