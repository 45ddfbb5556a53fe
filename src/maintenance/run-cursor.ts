import { decodeCursor, encodeCursor } from '@/common/database/keyset-cursor';
import { RunPosition } from './maintenance-run.repository';

/** An opaque cursor: the keyset position of the last run of a page. */
export function encodeRunCursor(position: RunPosition): string {
  return encodeCursor({ at: position.startedAt, id: position.id });
}

/** The position in a cursor this service issued; a 400 for anything else. */
export function decodeRunCursor(cursor: string): RunPosition {
  const { at, id } = decodeCursor(cursor);
  return { startedAt: at, id };
}
