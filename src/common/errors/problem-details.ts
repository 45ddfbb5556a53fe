import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
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

/**
 * Errors of Node's HTTP parser (raised before there is a request), of Fastify's router and
 * of its body parsing, by code; their own messages would echo a 10,000-character URL.
 */
const FRAMEWORK_PROBLEMS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request-timeout', 'The request was not received in time.'],
  HPE_HEADER_OVERFLOW: [431, 'headers-too-large', 'The request headers are too large.'],
  FST_ERR_BAD_URL: [400, 'bad-url', 'The URL is not valid (a malformed percent-encoding).'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri-too-long', 'A path segment of the URL is too long.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad-body', 'The request body does not match its Content-Length.'],
};

/** What Node's HTTP parser refused (HPE_*: a NUL in a header, a short body, bad framing) or timed out. */
export function clientErrorProblem(error: unknown): Problem {
  return frameworkProblem(error) ?? problem(400, 'malformed-request', 'Bad Request', 'The request is not valid HTTP.');
}

/** Errors that mean the database cannot be reached right now (SQLSTATE class 08 too: connection exceptions). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection is not established|ECONNREFUSED|not queryable|timeout expired/i;

/**
 * The database did not answer within its time limits (see data-source-options.ts):
 * statement_timeout, idle_in_transaction_session_timeout, lock_timeout, or the client's
 * query_timeout for a server that does not answer at all.
 */
const TIMEOUT_CODES = new Set(['57014', '25P03', '55P03']);
const TIMEOUT_MESSAGES = /Query read timeout/i;

/** Seconds a client is asked to wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

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
  if (isDatabaseTimeout(error)) return unavailable('The database did not answer in time; retry shortly.');
  if (isDatabaseUnavailable(error)) return unavailable('The database cannot be reached; retry shortly.');
  if (isPoolExhausted(error)) return unavailable('Every database connection is busy; retry shortly.');
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return problem(400, 'too-deep', 'Bad Request', 'The request body is nested too deeply.');
  }
  const framework = frameworkProblem(error);
  if (framework) return framework;
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
  // Every 503 says when to come back, whoever raised it.
  if (status === 503 && !headers['retry-after']) headers = { ...headers, 'retry-after': String(RETRY_AFTER_SECONDS) };
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
  return problem(503, 'database-unavailable', 'Service Unavailable', detail);
}

function postgresCode(error: unknown): string | undefined {
  const driverError = error instanceof QueryFailedError ? error.driverError : error;
  const code = (driverError as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function frameworkProblem(error: unknown): Problem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !Object.hasOwn(FRAMEWORK_PROBLEMS, code)) return null;
  const [status, type, detail] = FRAMEWORK_PROBLEMS[code];
  return problem(status, type, statusTitle(status), detail);
}

/** True when the error says the database cannot be reached (as opposed to refusing a query). */
function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM's answer to a statement on a connection the server closed (idle_in_transaction_session_timeout, a restart).
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const code = postgresCode(error);
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return UNAVAILABLE_MESSAGES.test((error as Error | null)?.message ?? '');
}

const DOWN_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03']);

/**
 * True when the database refused or dropped the connection (it is down, or restarting), as
 * opposed to answering too slowly: a chat turn may then go on without history. A database
 * that stalls gets 503 on every route alike (the time limits end the wait).
 */
export function isDatabaseDown(error: unknown): boolean {
  const message = (error as Error | null)?.message ?? '';
  if (isDatabaseTimeout(error) || /timeout/i.test(message)) return false;
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const code = postgresCode(error);
  return (code !== undefined && DOWN_CODES.has(code)) || /Connection terminated unexpectedly|connection is not established/i.test(message);
}

/** True when the database did not answer within a time limit. */
function isDatabaseTimeout(error: unknown): boolean {
  const code = postgresCode(error);
  if (code && TIMEOUT_CODES.has(code)) return true;
  return TIMEOUT_MESSAGES.test((error as Error | null)?.message ?? '');
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
