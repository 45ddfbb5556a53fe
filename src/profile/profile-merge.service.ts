import { Injectable, Logger } from '@nestjs/common';
import { ProblemException } from '@/common/errors/problem.exception';
import { Owner, parseOwnerId, visitorIdOf } from '@/session/owner';
import { SessionService } from '@/session/session.service';
import { VisitorService } from '@/session/visitor.service';
import { MergeDto, MergeRequestDto } from './dto/merge.dto';
import { ProfileMergeRepository, ProfileMergeRow } from './profile-merge.repository';
import { ProfileMerger } from './profile-merger.service';
import { ProfileRepository } from './profile.repository';

/**
 * An admin's merge of an anonymous visitor (who cleared their cookies, say) into another
 * owner: the visitor's sessions and profile move, and what moved is recorded for a revert.
 */
@Injectable()
export class ProfileMergeService {
  private readonly logger = new Logger(ProfileMergeService.name);

  constructor(
    private readonly sessions: SessionService,
    private readonly visitors: VisitorService,
    private readonly profiles: ProfileRepository,
    private readonly merges: ProfileMergeRepository,
    private readonly merger: ProfileMerger,
  ) {}

  /** 400 for a bad or identical pair, 409 for two users or a visitor a user already claimed, 404 for an unknown owner. */
  async merge(request: MergeRequestDto): Promise<MergeDto> {
    const { from, into } = parsePair(request);
    await this.assertKnown(from, 'from');
    await this.assertKnown(into, 'into');
    const sessionIds = await this.sessions.transferAllOwnedBy(from.id, into.id);
    const outcome = await this.merger.merge(from.id, into.id);
    const row = await this.merges.create(from.id, into.id, { sessionIds, ...outcome });
    this.logger.log(`merged ${from.id} into ${into.id} (merge ${row.id}, ${sessionIds.length} sessions)`);
    return mapMerge(row);
  }

  private async assertKnown(owner: Owner, role: 'from' | 'into'): Promise<void> {
    const visitorId = visitorIdOf(owner);
    if (visitorId === null) {
      if ((await this.sessions.hasSessions(owner.id)) || (await this.profiles.findByOwner(owner.id))) return;
      throw ProblemException.notFound(`${role}: no owner ${owner.id} is known (no session, no profile).`);
    }
    const visitor = await this.visitors.find(visitorId);
    if (!visitor) throw ProblemException.notFound(`${role}: no visitor ${owner.id} is known.`);
    if (visitor.claimedBy !== null) {
      throw ProblemException.conflict('visitor-claimed', `${role}: visitor ${owner.id} was claimed by user:${visitor.claimedBy} at a login; its data is that user's.`);
    }
  }
}

function parsePair(request: MergeRequestDto): { from: Owner; into: Owner } {
  const from = parseOwnerId(request.from);
  const into = parseOwnerId(request.into);
  const invalid = [!from && 'from', !into && 'into'].filter((field): field is string => Boolean(field));
  if (invalid.length) {
    throw ProblemException.badRequest('validation', `${invalid.join(' and ')} must be an owner id: user:<sub> or visitor:<uuid>.`, invalid.map((field) => ({ field, messages: [`${field} must be user:<sub> or visitor:<uuid>`] })));
  }
  if (from!.id === into!.id) throw ProblemException.badRequest('same-owner', 'from and into are the same owner.', [{ field: 'into', messages: ['into must differ from from'] }]);
  if (from!.kind === 'user' && into!.kind === 'user') throw ProblemException.conflict('two-users', 'Two users are never merged: each signed in as themselves.');
  if (from!.kind !== 'visitor') throw ProblemException.badRequest('validation', 'from must be an anonymous visitor (visitor:<uuid>).', [{ field: 'from', messages: ['from must be visitor:<uuid>'] }]);
  return { from: from!, into: into! };
}

export function mapMerge(row: ProfileMergeRow): MergeDto {
  return {
    id: row.id,
    from: row.fromOwnerId,
    into: row.intoOwnerId,
    sessionIds: row.moved.sessionIds,
    changedFields: row.moved.changes.map((change) => change.field),
    createdAt: row.createdAt,
    revertedAt: row.revertedAt,
  };
}
