import { Injectable, Logger } from '@nestjs/common';
import { EmailCollisionPageDto } from './dto/email-collision.dto';
import { PageQuery } from './dto/page.query';
import { EmailLinkRepository } from './email-link.repository';
import { decodeCursor, pageOf } from '@/common/database/keyset-cursor';
import { mapEmailLink } from './profile.mapper';
import { ProfileRepository } from './profile.repository';

const DEFAULT_PAGE = 50;

/** Notices an email that turns up under two owners (someone who cleared their cookies) and lists those links. */
@Injectable()
export class EmailLinkService {
  private readonly logger = new Logger(EmailLinkService.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly links: EmailLinkRepository,
  ) {}

  /**
   * Records a link for every other owner whose profile has `email`, once per pair, and logs
   * each new one by owner ids: never the email itself.
   */
  async recordCollisions(ownerId: string, email: string, sessionId: string | null): Promise<void> {
    const holders = await this.profiles.holdersOfEmail(email, ownerId);
    if (holders.length === 0) return;
    for (const link of await this.links.insertNew(email, ownerId, sessionId, holders)) {
      this.logger.log(`email collision ${link.id}: ${ownerId} has the email of ${link.otherOwnerId}`);
    }
  }

  /** Every recorded link, newest first (admins). */
  async list(query: PageQuery): Promise<EmailCollisionPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.links.listNewestFirst(query.cursor ? decodeCursor(query.cursor) : null, limit + 1);
    const page = pageOf(rows, limit);
    return { items: page.items.map(mapEmailLink), nextCursor: page.nextCursor };
  }

  /** Erasure: the links with any of these owners on either side. */
  deleteMentioning(ownerIds: string[]): Promise<number> {
    return this.links.deleteMentioning(ownerIds);
  }
}
