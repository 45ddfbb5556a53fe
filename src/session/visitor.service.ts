import { Injectable } from '@nestjs/common';
import { VisitorRepository } from './visitor.repository';

export interface VisitorInfo {
  id: string;
  /** The user (`sub`) who claimed it at a login, or null. */
  claimedBy: string | null;
}

/** Anonymous visitors as other modules may see them: looked up, listed per user, erased. */
@Injectable()
export class VisitorService {
  constructor(private readonly visitors: VisitorRepository) {}

  async find(visitorId: string): Promise<VisitorInfo | null> {
    const row = await this.visitors.findById(visitorId);
    return row && { id: row.id, claimedBy: row.userId };
  }

  /** The visitors a user claimed by logging in with their cookie. */
  claimedBy(userId: string): Promise<string[]> {
    return this.visitors.idsClaimedBy(userId);
  }

  /** Erasure: the visitors' rows go, so their cookies lead to new, empty visitors. */
  deleteAll(visitorIds: string[]): Promise<number> {
    return this.visitors.deleteByIds(visitorIds);
  }
}
