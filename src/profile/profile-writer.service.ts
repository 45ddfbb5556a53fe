import { Injectable } from '@nestjs/common';
import { ProblemException } from '@/common/errors/problem.exception';
import { EmailLinkService } from './email-link.service';
import { ProfilePlan } from './profile-draft';
import { ChangeOrigin, ProfileEventRepository } from './profile-event.repository';
import { ProfileRepository, ProfileRow } from './profile.repository';
import { emptyState, ProfileState } from './profile-state';
import { toState } from './profile.mapper';

/** Lost the race to create the owner's profile: read it again, now locked. */
const CREATED_CONCURRENTLY = Symbol('created concurrently');

/**
 * The one way a profile changes (extraction, PATCH, merges): under the row's lock, it writes
 * the row (created only when something changes), one profile_events row per changed field in
 * one statement, and, when the email changed, the links to other owners who have it.
 */
@Injectable()
export class ProfileWriter {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly events: ProfileEventRepository,
    private readonly links: EmailLinkService,
  ) {}

  /** Locks the owner's profile and applies `plan` to it; the stored row, or null when there is none and nothing changed. */
  async change(ownerId: string, plan: (current: ProfileState) => ProfilePlan, origin: ChangeOrigin): Promise<ProfileRow | null> {
    for (;;) {
      const row = await this.profiles.lockByOwner(ownerId);
      const saved = await this.write(ownerId, row, plan(row ? toState(row) : emptyState()), origin);
      if (saved !== CREATED_CONCURRENTLY) return saved;
    }
  }

  /**
   * Writes a plan made from `row`, which the caller locked (or found absent). A profile created
   * meanwhile by a concurrent message (an absent row cannot be locked) makes it a 409 to retry.
   */
  async apply(ownerId: string, row: ProfileRow | null, planned: ProfilePlan, origin: ChangeOrigin): Promise<ProfileRow | null> {
    const saved = await this.write(ownerId, row, planned, origin);
    if (saved === CREATED_CONCURRENTLY) throw ProblemException.conflict('retry', 'A profile was created while this request changed it; retry it.');
    return saved;
  }

  private async write(ownerId: string, row: ProfileRow | null, planned: ProfilePlan, origin: ChangeOrigin): Promise<ProfileRow | null | typeof CREATED_CONCURRENTLY> {
    if (!planned.dirty) return row;
    const saved = row ? await this.profiles.update(row.id, planned.state) : await this.profiles.insert(ownerId, planned.state);
    if (!saved) return CREATED_CONCURRENTLY;
    if (planned.changes.length) await this.events.insertMany(ownerId, planned.changes, origin);
    const email = planned.changes.find((change) => change.field === 'email')?.newValue;
    if (typeof email === 'string') await this.links.recordCollisions(ownerId, email, origin.sessionId);
    return saved;
  }
}
