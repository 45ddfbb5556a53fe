import { UsageRecordDto } from '@/llm-tracking/dto/usage-record.dto';
import { MessageDto } from '@/message/dto/message.dto';
import { SessionDto } from '@/session/dto/session.dto';
import { ExportedEventDto, PersonalDataExportDto } from './dto/personal-data-export.dto';
import { ProfileDto } from './dto/profile.dto';
import { KeysetPosition } from '@/common/database/keyset-cursor';

/** One line of an NDJSON export; the JSON document is the same records assembled. */
export type ExportRecord =
  | { type: 'export'; ownerId: string; ownerIds: string[]; exportedAt: string }
  | ({ type: 'profile'; ownerId: string } & ProfileDto)
  | ({ type: 'profileEvent' } & ExportedEventDto)
  | ({ type: 'session' } & SessionDto)
  | ({ type: 'message' } & MessageDto)
  | ({ type: 'usage' } & UsageRecordDto)
  | { type: 'end'; counts: Record<string, number> };

/** Rows read in keyset batches of `size`, one batch in memory at a time. */
export async function* inBatches<T extends { id: string; position: string }>(
  size: number,
  read: (after: KeysetPosition | null, limit: number) => Promise<T[]>,
): AsyncGenerator<Omit<T, 'position'>> {
  let after: KeysetPosition | null = null;
  for (;;) {
    const rows = await read(after, size);
    for (const { position: _position, ...row } of rows) yield row;
    if (rows.length < size) return;
    const last = rows[rows.length - 1];
    after = { at: last.position, id: last.id };
  }
}

/** Assembles the records of an export into the one JSON document. */
export class ExportDocument {
  private readonly document: PersonalDataExportDto = {
    exportedAt: '',
    ownerId: '',
    ownerIds: [],
    profile: undefined as unknown as PersonalDataExportDto['profile'],
    otherProfiles: [],
    sessions: [],
    usage: [],
  };

  add(record: ExportRecord): void {
    const d = this.document;
    switch (record.type) {
      case 'export':
        Object.assign(d, { exportedAt: record.exportedAt, ownerId: record.ownerId, ownerIds: record.ownerIds });
        break;
      case 'profile': {
        const { type: _type, ownerId, ...profile } = record;
        if (ownerId === d.ownerId) d.profile = { ...profile, events: [] };
        else d.otherProfiles.push({ ...profile, ownerId });
        break;
      }
      case 'profileEvent':
        d.profile.events.push(without(record));
        break;
      case 'session':
        d.sessions.push({ ...without(record), messages: [] });
        break;
      case 'message':
        d.sessions[d.sessions.length - 1].messages.push(without(record));
        break;
      case 'usage':
        d.usage.push(without(record));
        break;
    }
  }

  result(): PersonalDataExportDto {
    return this.document;
  }
}

/** A record without its `type`. */
function without<T extends { type: string }>(record: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = record;
  return rest;
}
