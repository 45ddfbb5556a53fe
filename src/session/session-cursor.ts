import { decodeCursor, encodeCursor } from '@/common/database/keyset-cursor';
import { ActivityPosition } from './session.repository';

/** An opaque cursor: the keyset position of the last session of a page. */
export function encodeSessionCursor(position: ActivityPosition): string {
  return encodeCursor({ at: position.lastActivityAt, id: position.id });
}

/** The position in a cursor this service issued; a 400 for anything else. */
export function decodeSessionCursor(cursor: string): ActivityPosition {
  const { at, id } = decodeCursor(cursor);
  return { lastActivityAt: at, id };
}
