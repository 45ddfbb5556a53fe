import { Injectable, Logger } from '@nestjs/common';
import { ProblemException } from '@/common/errors/problem.exception';
import { parseOwnerId, visitorIdOf } from '@/session/owner';
import { SessionService } from '@/session/session.service';
import { VisitorService } from '@/session/visitor.service';
import { MergeDto } from './dto/merge.dto';
import { ProfileMergeRepository, ProfileMergeRow } from './profile-merge.repository';
import { mapMerge } from './profile-merge.service';
import { toState } from './profile.mapper';
import { ProfileRepository, ProfileRow } from './profile.repository';
import { emptyState, hasNoValues } from './profile-state';
import { ProfileWriter } from './profile-writer.service';
import { changedSince, planRestore, planRevert } from './revert.rules';

const REVERT = { source: 'revert', sessionId: null, messageId: null } as const;

/**
 * Undoes an admin merge, exactly: the sessions that moved go back, the target's fields the
 * merge changed get their former values, the visitor's profile comes back. Refused (409)
 * when that cannot be done without losing something that happened since.
 */
@Injectable()
export class MergeRevertService {
  private readonly logger = new Logger(MergeRevertService.name);

  constructor(
    private readonly sessions: SessionService,
    private readonly visitors: VisitorService,
    private readonly profiles: ProfileRepository,
    private readonly merges: ProfileMergeRepository,
    private readonly writer: ProfileWriter,
  ) {}

  async revert(id: string): Promise<MergeDto> {
    const merge = await this.merges.lockById(id);
    if (!merge) throw ProblemException.notFound(`Merge ${id} was not found.`);
    if (merge.revertedAt) throw ProblemException.conflict('already-reverted', `Merge ${id} was already reverted at ${merge.revertedAt.toISOString()}.`);
    await this.assertVisitorUnclaimed(merge.fromOwnerId);
    const rows = await this.profiles.lockByOwners([merge.fromOwnerId, merge.intoOwnerId]);
    const from = rows.find((row) => row.ownerId === merge.fromOwnerId) ?? null;
    const into = rows.find((row) => row.ownerId === merge.intoOwnerId) ?? null;
    this.assertRevertible(merge, from, into);
    await this.moveSessionsBack(merge);
    await this.restoreInto(merge, into);
    if (merge.moved.from) await this.writer.apply(merge.fromOwnerId, from, planRestore(from ? toState(from) : emptyState(), merge.moved.from), REVERT);
    const revertedAt = await this.merges.markReverted(id);
    this.logger.log(`reverted merge ${id} of ${merge.fromOwnerId} into ${merge.intoOwnerId}`);
    return mapMerge({ ...merge, revertedAt });
  }

  /** A visitor claimed at a login since the merge is gone: its cookie leads elsewhere, its data is the user's. */
  private async assertVisitorUnclaimed(fromOwnerId: string): Promise<void> {
    const visitor = await this.visitors.find(visitorIdOf(parseOwnerId(fromOwnerId)!)!);
    if (visitor && visitor.claimedBy === null) return;
    const why = visitor ? `was claimed by user:${visitor.claimedBy} at a login` : 'no longer exists';
    throw ProblemException.conflict('not-revertible', `${fromOwnerId} ${why} since the merge; there is no one to give its sessions back to.`);
  }

  private assertRevertible(merge: ProfileMergeRow, from: ProfileRow | null, into: ProfileRow | null): void {
    if (from && !hasNoValues(toState(from).values)) {
      throw ProblemException.conflict('not-revertible', `${merge.fromOwnerId} has a profile again since the merge; reverting would overwrite it.`);
    }
    const changed = changedSince(into ? toState(into) : emptyState(), merge.moved.changes);
    if (changed.length) {
      throw ProblemException.conflict('not-revertible', `The profile of ${merge.intoOwnerId} changed since the merge (${changed.join(', ')}); reverting would lose those changes.`);
    }
  }

  private async moveSessionsBack(merge: ProfileMergeRow): Promise<void> {
    const { sessionIds } = merge.moved;
    const moved = await this.sessions.moveBack(sessionIds, merge.intoOwnerId, merge.fromOwnerId);
    if (moved === sessionIds.length) return;
    throw ProblemException.conflict(
      'not-revertible',
      `${sessionIds.length - moved} of the ${sessionIds.length} sessions the merge moved no longer belong to ${merge.intoOwnerId} (deleted, or taken by a login since).`,
    );
  }

  private async restoreInto(merge: ProfileMergeRow, into: ProfileRow | null): Promise<void> {
    if (!into) return;
    const planned = planRevert(toState(into), merge.moved.changes, merge.moved.intoBefore);
    const saved = await this.writer.apply(merge.intoOwnerId, into, planned, REVERT);
    // The merge created the target's profile: with its values gone, so is the row.
    if (!merge.moved.intoBefore && saved && hasNoValues(toState(saved).values)) await this.profiles.deleteById(saved.id);
  }
}
