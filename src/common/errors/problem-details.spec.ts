import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
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

  it('hides the details of anything unexpected behind a 500', () => {
    const { body } = toProblem(new Error('secret internals'));
    expect(body).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(body.detail).not.toContain('secret');
  });
});
