import { Injectable } from '@nestjs/common';

/** A login that just took over an anonymous visitor's sessions. */
export interface VisitorClaim {
  visitorOwnerId: string;
  userOwnerId: string;
}

/** Runs inside the transaction of the claim: what it writes commits or rolls back with it. */
export type ClaimListener = (claim: VisitorClaim) => Promise<void>;

/**
 * Where modules above this one (the profile module) follow a login claim, without the
 * session module knowing them: they register at start, and `IdentityService` awaits each
 * listener right after moving the visitor's sessions, in the same transaction.
 */
@Injectable()
export class ClaimListeners {
  private readonly listeners: ClaimListener[] = [];

  register(listener: ClaimListener): void {
    this.listeners.push(listener);
  }

  async notify(claim: VisitorClaim): Promise<void> {
    for (const listener of this.listeners) await listener(claim);
  }
}
