import { Injectable } from '@nestjs/common';
import { planMerge } from './merge.rules';
import { ProfileEventRepository } from './profile-event.repository';
import { toState } from './profile.mapper';
import { ProfileRepository } from './profile.repository';
import { emptyState, FieldChange, ProfileState } from './profile-state';
import { ProfileWriter } from './profile-writer.service';

/** What folding one profile into another did. */
export interface MergeOutcome {
  /** The profile folded in (null: there was none). */
  from: ProfileState | null;
  /** The target's profile before (null: it had none). */
  intoBefore: ProfileState | null;
  changes: FieldChange[];
}

/**
 * Folds one owner's profile into another's (the rules are `planMerge`'s): a login claim and
 * an admin merge both come here. Both rows are locked first; the folded-in row is deleted.
 */
@Injectable()
export class ProfileMerger {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly events: ProfileEventRepository,
    private readonly writer: ProfileWriter,
  ) {}

  async merge(fromOwnerId: string, intoOwnerId: string): Promise<MergeOutcome> {
    const rows = await this.profiles.lockByOwners([fromOwnerId, intoOwnerId]);
    const from = rows.find((row) => row.ownerId === fromOwnerId) ?? null;
    const into = rows.find((row) => row.ownerId === intoOwnerId) ?? null;
    const intoBefore = into && toState(into);
    if (!from) return { from: null, intoBefore, changes: [] };
    const planned = planMerge(toState(from), intoBefore ?? emptyState());
    // Deleted first: the email check that follows must not link the target to its own past.
    await this.profiles.deleteById(from.id);
    await this.writer.apply(intoOwnerId, into, planned, { source: 'merge', sessionId: null, messageId: null });
    return { from: toState(from), intoBefore, changes: planned.changes };
  }

  /** A login claim: the visitor's profile and its history become the user's. */
  async mergeOnClaim(visitorOwnerId: string, userOwnerId: string): Promise<void> {
    const outcome = await this.merge(visitorOwnerId, userOwnerId);
    if (outcome.from) await this.events.reassignOwner(visitorOwnerId, userOwnerId);
  }
}
