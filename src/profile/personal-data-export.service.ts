import { Injectable } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Database } from '@/common/database/database';
import { toProblem } from '@/common/errors/problem-details';
import { LlmTrackingService } from '@/llm-tracking/llm-tracking.service';
import { MessageDto } from '@/message/dto/message.dto';
import { MessageService } from '@/message/message.service';
import { Owner } from '@/session/owner';
import { SessionService } from '@/session/session.service';
import { PersonalDataExportDto } from './dto/personal-data-export.dto';
import { ExportDocument, ExportRecord, inBatches } from './export-records';
import { NdjsonWriter } from './ndjson-writer';
import { DataScope, PersonalDataScope } from './personal-data-scope';
import { ProfileEventRepository } from './profile-event.repository';
import { mapEvent, mapProfile } from './profile.mapper';
import { ProfileRepository } from './profile.repository';

const BATCH = 500;

/**
 * A person's right of access: everything stored about them (PersonalDataScope) as one JSON
 * document or as NDJSON streamed line by line. Both read in keyset batches inside one
 * REPEATABLE READ, READ ONLY transaction, so the export is one consistent snapshot.
 */
@Injectable()
export class PersonalDataExportService {
  constructor(
    private readonly db: Database,
    private readonly scope: PersonalDataScope,
    private readonly sessions: SessionService,
    private readonly messages: MessageService,
    private readonly tracking: LlmTrackingService,
    private readonly profiles: ProfileRepository,
    private readonly events: ProfileEventRepository,
  ) {}

  document(owner: Owner): Promise<PersonalDataExportDto> {
    return this.db.inReadOnlySnapshot(async () => {
      const document = new ExportDocument();
      for await (const record of this.records(owner)) document.add(record);
      return document.result();
    });
  }

  /** The export as NDJSON; only one batch of rows is in memory at a time, and a slow client slows the reading. */
  async stream(owner: Owner, reply: FastifyReply): Promise<void> {
    const out = NdjsonWriter.open(reply, 'continuum-export.ndjson');
    try {
      await this.db.inReadOnlySnapshot(async () => {
        for await (const record of this.records(owner)) {
          if (out.closed) return;
          await out.write(record);
        }
      });
    } catch (error) {
      await out.write({ type: 'error', problem: toProblem(error).body });
      throw error;
    } finally {
      out.end();
    }
  }

  private async *records(owner: Owner): AsyncGenerator<ExportRecord> {
    const scope = await this.scope.of(owner);
    const counts = { profiles: 0, profileEvents: 0, sessions: 0, messages: 0, usage: 0 };
    yield { type: 'export', ownerId: owner.id, ownerIds: scope.ownerIds, exportedAt: new Date().toISOString() };
    for await (const record of this.profileRecords(scope)) yield counted(record, counts);
    for await (const session of inBatches(BATCH, (after, limit) => this.sessions.exportBatch(scope.ownerIds, after, limit))) {
      yield counted({ type: 'session', ...session }, counts);
      for await (const message of this.messagesOf(session.id)) yield counted({ type: 'message', ...message }, counts);
    }
    for await (const call of inBatches(BATCH, (after, limit) => this.tracking.exportBatch(scope.ownerIds, after, limit))) {
      yield counted({ type: 'usage', ...call }, counts);
    }
    yield { type: 'end', counts };
  }

  private async *profileRecords(scope: DataScope): AsyncGenerator<ExportRecord> {
    for (const ownerId of scope.ownerIds) {
      const row = await this.profiles.findByOwner(ownerId);
      if (row || ownerId === scope.ownerId) yield { type: 'profile', ownerId, ...mapProfile(row) };
    }
    for await (const event of inBatches(BATCH, (after, limit) => this.events.listOldestFirst(scope.ownerIds, after, limit))) {
      yield { type: 'profileEvent', ...mapEvent(event), ownerId: event.ownerId };
    }
  }

  private async *messagesOf(sessionId: string): AsyncGenerator<MessageDto> {
    for (let afterSeq = 0; ; ) {
      const batch = await this.messages.exportBatch(sessionId, afterSeq, BATCH);
      yield* batch;
      if (batch.length < BATCH) return;
      afterSeq = batch[batch.length - 1].seq;
    }
  }
}

const COUNTED: Partial<Record<ExportRecord['type'], string>> = { profile: 'profiles', profileEvent: 'profileEvents', session: 'sessions', message: 'messages', usage: 'usage' };

function counted(record: ExportRecord, counts: Record<string, number>): ExportRecord {
  const key = COUNTED[record.type];
  if (key) counts[key] += 1;
  return record;
}
