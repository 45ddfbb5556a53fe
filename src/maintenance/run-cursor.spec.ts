import { ProblemException } from '@/common/errors/problem.exception';
import { decodeRunCursor, encodeRunCursor } from './run-cursor';

describe('run cursors', () => {
  const position = { startedAt: '2026-11-22T02:00:00.123456Z', id: 'b5a2b05b-4207-4e07-9321-eca0a38ba4d2' };

  it('round-trips a position with microseconds', () => {
    expect(decodeRunCursor(encodeRunCursor(position))).toEqual(position);
  });

  const forged = (timestamp: string, id = position.id) => Buffer.from(JSON.stringify([timestamp, id])).toString('base64url');

  it.each([
    ['empty', ''],
    ['not base64 JSON', 'not base64 json'],
    ['an object', Buffer.from('{}').toString('base64url')],
    ['an impossible date', forged('2026-02-30T00:00:00.000000Z')],
    ['a date without microseconds', forged('2026-11-22T02:00:00.123Z')],
    ['an id that is no UUID', forged(position.startedAt, 'x')],
  ])('refuses %s as a 400', (_, cursor) => {
    expect(() => decodeRunCursor(cursor)).toThrow(ProblemException);
  });
});
