import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { FieldError, ProblemException } from './problem.exception';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://continuum.dev/problems/';

/** The RFC 9457 body. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

export interface Problem {
  body: ProblemDetails;
  headers: Record<string, string>;
}

/** PostgreSQL errors that are the caller's doing, by SQLSTATE. */
const POSTGRES_PROBLEMS: Record<string, [number, string, string]> = {
  '23505': [409, 'conflict', 'The request conflicts with data written at the same time; retry it.'],
  '23503': [409, 'conflict', 'The request refers to something that no longer exists.'],
  '23514': [400, 'invalid-value', 'A value is outside the range the service accepts.'],
  '22P02': [400, 'invalid-value', 'A value has the wrong format.'],
  '22001': [400, 'invalid-value', 'A value is too long.'],
  '22021': [400, 'invalid-value', 'Text contains a character PostgreSQL cannot store (such as \\u0000).'],
  '22007': [400, 'invalid-value', 'A date or time has the wrong format.'],
  '22008': [400, 'invalid-value', 'A date or time is out of range.'],
  '22P05': [400, 'invalid-value', 'JSON contains a character PostgreSQL cannot store (such as \\u0000).'],
  '22003': [400, 'invalid-value', 'A number is out of range.'],
  '40001': [409, 'retry', 'The request collided with a concurrent one; retry it.'],
  '40P01': [409, 'retry', 'The request collided with a concurrent one; retry it.'],
};

/** Errors that mean the database cannot be reached right now. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '53300']);

/** Turns anything thrown while serving a request into a problem+json response. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemException) {
    return problem(error.status, error.code, error.title, error.detail, error.errors, error.headers);
  }
  if (error instanceof HttpException) return fromHttpException(error);
  const pgCode = postgresCode(error);
  if (pgCode && POSTGRES_PROBLEMS[pgCode]) {
    const [status, code, detail] = POSTGRES_PROBLEMS[pgCode];
    return problem(status, code, statusTitle(status), detail);
  }
  if (isDatabaseUnavailable(error)) return unavailable('The database cannot be reached; retry shortly.');
  if (isPoolExhausted(error)) return unavailable('Every database connection is busy; retry shortly.');
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return problem(400, 'too-deep', 'Bad Request', 'The request body is nested too deeply.');
  }
  const frameworkStatus = frameworkErrorStatus(error);
  if (frameworkStatus) {
    return problem(frameworkStatus, 'request-rejected', statusTitle(frameworkStatus), (error as Error).message);
  }
  return problem(500, 'internal', 'Internal Server Error', 'The service failed to handle the request.');
}

function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  errors?: FieldError[],
  headers: Record<string, string> = {},
): Problem {
  const body: ProblemDetails = { type: TYPE_BASE + code, title, status, detail };
  if (errors?.length) body.errors = errors;
  return { body, headers };
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const response = error.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const detail = Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
  const code = status === 404 ? 'not-found' : status === 413 ? 'payload-too-large' : 'http-' + status;
  return problem(status, code, statusTitle(status), detail);
}

function unavailable(detail: string): Problem {
  return problem(503, 'database-unavailable', 'Service Unavailable', detail, undefined, {
    'retry-after': '5',
  });
}

function postgresCode(error: unknown): string | undefined {
  const driverError = error instanceof QueryFailedError ? error.driverError : error;
  const code = (driverError as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the error says the database cannot be reached (as opposed to refusing a query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = postgresCode(error);
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  const message = (error as Error | null)?.message ?? '';
  return /Connection terminated|connection is not established|ECONNREFUSED/i.test(message);
}

/** The pool had no free connection in time: the database is busy, not gone. */
function isPoolExhausted(error: unknown): boolean {
  return /timeout exceeded when trying to connect/i.test((error as Error | null)?.message ?? '');
}

/** Fastify's own errors (body too large, malformed JSON, wrong content type) carry a 4xx statusCode. */
function frameworkErrorStatus(error: unknown): number | undefined {
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
}

function statusTitle(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
