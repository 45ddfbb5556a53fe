import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { Database } from '@/common/database/database';
import { ProblemException } from '@/common/errors/problem.exception';
import { ClaimListeners } from './claim-listeners';
import { Owner, userOwner, visitorOwner } from './owner';
import { SessionRepository } from './session.repository';
import { VerifiedTokens } from './verified-tokens';
import { VisitorRepository } from './visitor.repository';

/** Who a request says it comes from: the user of a verified bearer token, and/or a visitor cookie. */
export interface Credentials {
  userId?: string;
  visitorCookie?: string;
}

/** What the response must do with the visitor cookie. */
/** A new visitor cookie to send, or nothing to do. */
export type CookieAction = { set: string } | null;

export interface Identity {
  owner: Owner;
  cookie: CookieAction;
}

const SEEN_REFRESH_MS = 60 * 60 * 1000;

@Injectable()
export class IdentityService {
  /** Imported once: importing the secret on every verification cost more than the HMAC itself. */
  private readonly jwtKey: Promise<webcrypto.CryptoKey> | null;
  private readonly verified = new VerifiedTokens();

  private readonly cookieMaxAgeDays: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Database,
    private readonly visitors: VisitorRepository,
    private readonly sessions: SessionRepository,
    private readonly claimListeners: ClaimListeners,
  ) {
    this.jwtKey = config.authJwtSecret ? importHmacKey(config.authJwtSecret) : null;
    this.cookieMaxAgeDays = config.cookie.maxAgeDays;
  }

  /**
   * One batch of the expired-records job: deletes up to `limit` visitors whose cookie has
   * expired (not seen for COOKIE_MAX_AGE_DAYS) and who own no session. Returns their owner ids.
   */
  async deleteExpiredVisitorsBatch(limit: number): Promise<string[]> {
    const ids = await this.visitors.deleteExpiredBatch(this.cookieMaxAgeDays, visitorOwner('').id, limit);
    return ids.map((id) => visitorOwner(id).id);
  }

  /**
   * A valid bearer token makes the caller that user (and hands over the sessions of the
   * visitor cookie it arrives with); without one the cookie names the visitor, and a
   * caller with neither becomes a new visitor.
   */
  async identify(credentials: Credentials): Promise<Identity> {
    return this.identifyWithoutLookup(credentials) ?? this.db.inTransaction(() => this.identifyInTransaction(credentials));
  }

  /** A bearer token without a visitor cookie names its user: nothing to look up. Null when there is. */
  identifyWithoutLookup({ userId, visitorCookie }: Credentials): Identity | null {
    return userId !== undefined && !visitorCookie ? { owner: userOwner(userId), cookie: null } : null;
  }

  /** The user of a verified bearer token, or null for a visitor: identity while the database is down. */
  identifyWithoutDatabase(credentials: Credentials): Owner | null {
    return credentials.userId === undefined ? null : userOwner(credentials.userId);
  }

  /**
   * The user id (`sub`) of an `Authorization: Bearer <JWT>` header signed with
   * AUTH_JWT_SECRET (HS256); 401 for anything else. Needs no database.
   */
  async authenticateBearer(header: string): Promise<string> {
    const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
    if (!token) throw ProblemException.unauthorized('The Authorization header must be "Bearer <token>".');
    if (!this.jwtKey) throw ProblemException.unauthorized('Bearer tokens are not accepted: AUTH_JWT_SECRET is not configured.');
    return this.verified.userOf(token) ?? this.verify(token, this.jwtKey);
  }

  private async verify(token: string, jwtKey: Promise<webcrypto.CryptoKey>): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, await jwtKey, { algorithms: ['HS256'], requiredClaims: ['exp'] });
      // JSON's 1e400 parses as Infinity, which jose accepts as a time: such a token would never expire.
      if (![payload.exp, payload.nbf, payload.iat].every((time) => time === undefined || Number.isFinite(time))) {
        throw ProblemException.unauthorized('The token\'s "exp", "nbf" and "iat" must be finite times.');
      }
      if (!isUsableSubject(payload.sub)) throw ProblemException.unauthorized('The token has no usable "sub" claim.');
      this.verified.remember(token, payload.sub, payload.exp!);
      return payload.sub;
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      const expired = error instanceof joseErrors.JWTExpired;
      throw ProblemException.unauthorized(expired ? 'The token has expired.' : 'The token is invalid.');
    }
  }

  private async identifyInTransaction(credentials: Credentials): Promise<Identity> {
    const { userId, visitorCookie } = credentials;
    if (userId === undefined) return this.identifyVisitor(visitorCookie);
    if (visitorCookie) await this.claimVisitor(visitorCookie, userId);
    return { owner: userOwner(userId), cookie: null };
  }

  private async identifyVisitor(cookieValue: string | undefined): Promise<Identity> {
    const known = cookieValue ? await this.visitors.findByKeyHash(hashKey(cookieValue)) : null;
    if (known && known.userId === null) {
      if (Date.now() - known.lastSeenAt.getTime() > SEEN_REFRESH_MS) await this.visitors.markSeen(known.id);
      return { owner: visitorOwner(known.id), cookie: null };
    }
    // No cookie, an unknown one, or one already claimed by a user: start a new anonymous visitor.
    const value = randomBytes(32).toString('base64url');
    const visitor = await this.visitors.create(hashKey(value));
    return { owner: visitorOwner(visitor.id), cookie: { set: value } };
  }

  /**
   * Login after chatting anonymously: the visitor's sessions become the user's, once. The
   * cookie is left alone: if this request fails the claim rolls back and the next request
   * claims again; once claimed, the cookie alone leads to a fresh visitor. The ClaimListeners
   * (the profile merge) run in the same transaction.
   */
  private async claimVisitor(cookieValue: string, userId: string): Promise<void> {
    const visitor = await this.visitors.findByKeyHash(hashKey(cookieValue));
    if (visitor && (await this.visitors.claimForUser(visitor.id, userId))) {
      const claim = { visitorOwnerId: visitorOwner(visitor.id).id, userOwnerId: userOwner(userId).id };
      await this.sessions.transferOwner(claim.visitorOwnerId, claim.userOwnerId);
      await this.claimListeners.notify(claim);
    }
  }
}

/**
 * A `sub` that can be an owner id (`user:<sub>`): 1-200 characters, no control character
 * (PostgreSQL cannot store U+0000) and no lone surrogate (it would be stored as U+FFFD, so
 * two different subs would share one owner).
 */
function isUsableSubject(sub: unknown): sub is string {
  return typeof sub === 'string' && sub.length > 0 && sub.length <= 200 && !/[\p{Cc}\p{Cs}]/u.test(sub);
}

function importHmacKey(secret: string): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

function hashKey(cookieValue: string): string {
  return createHash('sha256').update(cookieValue).digest('hex');
}
