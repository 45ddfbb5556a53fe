import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { toProblem } from './problem-details';
import { ProblemException } from './problem.exception';

const pgError = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('pg'), { code }));

describe('toProblem', () => {
  it('keeps a ProblemException as it is', () => {
    const { body } = toProblem(ProblemException.badRequest('validation', 'bad', [{ field: 'x', messages: ['x is bad'] }]));
    expect(body).toEqual({
      type: 'https://continuum.dev/problems/validation',
      title: 'Bad Request',
      status: 400,
      detail: 'bad',
      errors: [{ field: 'x', messages: ['x is bad'] }],
    });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).body).toMatchObject({ status: 404, title: 'Not Found', detail: 'Cannot GET /x' });
    expect(toProblem(new BadRequestException(['a', 'b'])).body).toMatchObject({ status: 400, detail: 'a; b' });
  });

  it.each([
    ['23505', 409],
    ['23503', 409],
    ['22P02', 400],
    ['22P05', 400],
    ['40001', 409],
  ])('maps SQLSTATE %s to %i, never 500', (code, status) => {
    expect(toProblem(pgError(code)).body.status).toBe(status);
  });

  it('answers 503 with Retry-After when the database is unreachable', () => {
    const problem = toProblem(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(problem.body.status).toBe(503);
    expect(problem.headers['retry-after']).toBe('5');
  });

  it.each([
    ['the client gave up on a server that does not answer', new Error('Query read timeout')],
    ['statement_timeout', pgError('57014')],
    ['idle_in_transaction_session_timeout', pgError('25P03')],
    ['lock_timeout', pgError('55P03')],
    ['a connection that could not be opened in time', new Error('Connection terminated due to connection timeout')],
    ['no free pooled connection in time', new Error('timeout exceeded when trying to connect')],
    ['a connection exception', pgError('08006')],
    ['a client whose connection died', new Error('Client has encountered a connection error and is not queryable')],
    ['a statement on a connection the server closed (TypeORM)', new QueryRunnerProviderAlreadyReleasedError()],
  ])('answers 503 with Retry-After for %s', (_, error) => {
    const problem = toProblem(error);
    expect(problem.body).toMatchObject({ status: 503, type: 'https://continuum.dev/problems/database-unavailable' });
    expect(problem.headers['retry-after']).toBe('5');
  });

  it('gives every 503 a Retry-After, whoever raised it', () => {
    expect(toProblem(new ProblemException(503, 'not-ready', 'Service Unavailable', 'down')).headers['retry-after']).toBe('5');
    expect(toProblem(new ProblemException(503, 'x', 'Service Unavailable', 'down', undefined, { 'retry-after': '1' })).headers['retry-after']).toBe('1');
  });

  it('hides the details of anything unexpected behind a 500', () => {
    const { body } = toProblem(new Error('secret internals'));
    expect(body).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(body.detail).not.toContain('secret');
  });
});
