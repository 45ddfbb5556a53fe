import { ProblemException } from '@/common/errors/problem.exception';
import { RunPosition } from './maintenance-run.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** An opaque cursor: the keyset position of the last run of a page. */
export function encodeRunCursor(position: RunPosition): string {
  return Buffer.from(JSON.stringify([position.startedAt, position.id])).toString('base64url');
}

/** The position in a cursor this service issued; a 400 for anything else. */
export function decodeRunCursor(cursor: string): RunPosition {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (isTimestamp(startedAt) && typeof id === 'string' && UUID.test(id)) return { startedAt, id };
  } catch {
    // falls through to the error below
  }
  throw ProblemException.badRequest('invalid-cursor', 'cursor is not a cursor this service issued.', [
    { field: 'cursor', messages: ['cursor must be the nextCursor of a previous page'] },
  ]);
}

function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return false;
  const time = Date.parse(value.slice(0, 23) + 'Z');
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 23) === value.slice(0, 23) && time > 0;
}
