import { Injectable, Logger } from '@nestjs/common';
import { ProblemException } from '@/common/errors/problem.exception';
import { LlmTrackingService } from '@/llm-tracking/llm-tracking.service';
import { IdempotencyService } from '@/message/idempotency.service';
import { MessageService } from '@/message/message.service';
import { Owner, userOwner } from '@/session/owner';
import { SessionService } from '@/session/session.service';
import { VisitorService } from '@/session/visitor.service';
import { ErasureReceiptDto } from './dto/erasure-receipt.dto';
import { EmailLinkService } from './email-link.service';
import { PersonalDataScope } from './personal-data-scope';
import { ProfileEventRepository } from './profile-event.repository';
import { ProfileMergeRepository } from './profile-merge.repository';
import { ProfileRepository } from './profile.repository';

type ProfileCounts = Pick<ErasureReceiptDto, 'profiles' | 'profileEvents' | 'emailLinks' | 'merges'>;

/**
 * A person's right to erasure: in the request's one transaction, each module deletes what it
 * owns of the person's owner ids (PersonalDataScope); model calls keep their cost for
 * accounting but lose everything that says whose they were or what was said.
 */
@Injectable()
export class PersonalDataErasureService {
  private readonly logger = new Logger(PersonalDataErasureService.name);

  constructor(
    private readonly scope: PersonalDataScope,
    private readonly sessions: SessionService,
    private readonly visitors: VisitorService,
    private readonly messages: MessageService,
    private readonly idempotency: IdempotencyService,
    private readonly tracking: LlmTrackingService,
    private readonly profiles: ProfileRepository,
    private readonly events: ProfileEventRepository,
    private readonly links: EmailLinkService,
    private readonly merges: ProfileMergeRepository,
  ) {}

  /** DELETE /v1/admin/users/:userId: the same erasure for a user, by an admin. */
  eraseUser(userId: string): Promise<ErasureReceiptDto> {
    if (userId.length === 0 || userId.length > 200) {
      throw ProblemException.badRequest('validation', 'userId must be 1 to 200 characters.', [{ field: 'userId', messages: ['userId must be 1 to 200 characters'] }]);
    }
    return this.erase(userOwner(userId));
  }

  async erase(owner: Owner): Promise<ErasureReceiptDto> {
    const { ownerIds, visitorIds } = await this.scope.of(owner);
    const sessionIds = await this.sessions.idsOwnedBy(ownerIds);
    // Calls first: deleting the sessions would null their session_id and lose the link.
    const llmRequestsAnonymized = await this.tracking.anonymizeOwners(ownerIds, sessionIds);
    const idempotencyKeys = await this.idempotency.forgetOwners(ownerIds);
    const messages = await this.messages.deleteAllIn(sessionIds);
    const sessions = await this.sessions.deleteAllOwnedBy(ownerIds);
    const profileCounts = await this.eraseProfiles(ownerIds);
    const visitors = await this.visitors.deleteAll(visitorIds);
    const receipt = { ownerId: owner.id, ownerIds, erasedAt: new Date().toISOString(), sessions, messages, idempotencyKeys, ...profileCounts, visitors, llmRequestsAnonymized };
    this.logger.log(`erased ${ownerIds.length} owner ids: ${sessions} sessions, ${messages} messages, ${profileCounts.profiles} profiles, ${llmRequestsAnonymized} calls anonymized`);
    return receipt;
  }

  /**
   * What the profile module keeps of owners that are gone (visitors whose cookie expired with
   * no session left, deleted by the expired-records job): their profiles, events, links and merges.
   */
  forgetProfilesOf(ownerIds: string[]): Promise<ProfileCounts> {
    return this.eraseProfiles(ownerIds);
  }

  private async eraseProfiles(ownerIds: string[]): Promise<ProfileCounts> {
    return {
      profiles: await this.profiles.deleteByOwners(ownerIds),
      profileEvents: await this.events.deleteByOwners(ownerIds),
      emailLinks: await this.links.deleteMentioning(ownerIds),
      merges: await this.merges.deleteMentioning(ownerIds),
    };
  }
}
