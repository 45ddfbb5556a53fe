import { Injectable } from '@nestjs/common';
import { Owner, parseOwnerId, userIdOf, visitorIdOf, visitorOwner } from '@/session/owner';
import { VisitorService } from '@/session/visitor.service';
import { ProfileMergeRepository } from './profile-merge.repository';

/** Every owner id whose rows are one person's data. */
export interface DataScope {
  ownerId: string;
  ownerIds: string[];
  /** The visitors among them (their rows in `visitors`). */
  visitorIds: string[];
}

/**
 * Whose data a person's export or erasure covers: the caller; for a user, the visitors it
 * claimed at logins (calls made before the login are recorded under them); and the visitors
 * an admin merged into any of these (merges not reverted).
 */
@Injectable()
export class PersonalDataScope {
  constructor(
    private readonly visitors: VisitorService,
    private readonly merges: ProfileMergeRepository,
  ) {}

  async of(owner: Owner): Promise<DataScope> {
    const userId = userIdOf(owner);
    const claimed = userId === null ? [] : (await this.visitors.claimedBy(userId)).map((id) => visitorOwner(id).id);
    const direct = [owner.id, ...claimed];
    const ownerIds = [...new Set([...direct, ...(await this.merges.mergedInto(direct))])];
    const visitorIds = ownerIds.map((id) => parseOwnerId(id)).flatMap((parsed) => (parsed && visitorIdOf(parsed)) || []);
    return { ownerId: owner.id, ownerIds, visitorIds };
  }
}
