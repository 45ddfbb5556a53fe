import { ProblemException } from '@/common/errors/problem.exception';
import { decodeSessionCursor, encodeSessionCursor } from './session-cursor';

describe('session cursors', () => {
  const position = { lastActivityAt: '2026-11-22T00:35:49.493123Z', id: 'b5a2b05b-4207-4e07-9321-eca0a38ba4d2' };

  it('round-trips a position with microseconds', () => {
    expect(decodeSessionCursor(encodeSessionCursor(position))).toEqual(position);
  });

  const forged = (timestamp: string) => Buffer.from(JSON.stringify([timestamp, position.id])).toString('base64url');

  it.each([
    '',
    'not base64 json',
    Buffer.from('["x","y"]').toString('base64url'),
    Buffer.from('{}').toString('base64url'),
    forged('2026-13-45T99:99:99.000000Z'),
    forged('0000-01-01T00:00:00.000000Z'),
  ])(
    'rejects %j as a 400',
    (cursor) => {
      expect(() => decodeSessionCursor(cursor)).toThrow(ProblemException);
    },
  );
});
