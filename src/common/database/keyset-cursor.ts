import { ProblemException } from '@/common/errors/problem.exception';

/**
 * Where a row sits in a (timestamp, id) order, for keyset pages of sessions, maintenance runs,
 * profile events and email links: the time as microsecond text (a JS Date keeps milliseconds).
 */
export interface KeysetPosition {
  at: string;
  id: string;
}

/** SQL for a timestamptz column as the microsecond text of a position. */
export function positionOf(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** An opaque cursor for the page after `position`. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

/** The position a cursor holds; 400 for anything this service did not issue. */
export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (isTimestamp(at) && typeof id === 'string' && UUID.test(id)) return { at, id };
  } catch {
    // falls through to the error below
  }
  throw ProblemException.badRequest('invalid-cursor', 'cursor is not a cursor this service issued.', [
    { field: 'cursor', messages: ['cursor must be the nextCursor of a previous page'] },
  ]);
}

/** A page of `limit` from `rows` fetched with one extra, and the cursor of the next page. */
export function pageOf<T extends { id: string; position: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit ? encodeCursor({ at: last.position, id: last.id }) : null };
}

function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return false;
  const time = Date.parse(value.slice(0, 23) + 'Z');
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 23) === value.slice(0, 23) && time > 0;
}
