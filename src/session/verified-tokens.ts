/** Verified tokens kept at most; past it the oldest is forgotten (and verified again if it comes back). */
const MAX_TOKENS = 10_000;

/**
 * Bearer tokens already verified, until their `exp`: a client sends the same token with
 * every request until it expires, and the HMAC check through WebCrypto was the largest single
 * cost of a GET in the benchmark. Only tokens that passed every check are kept, by their
 * whole text, so a changed byte is a new token, verified in full.
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, { userId: string; expiresAtMs: number }>();

  /** The user of a token verified before, unless it has expired since. */
  userOf(token: string, now = Date.now()): string | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs > now) return entry.userId;
    this.tokens.delete(token);
    return undefined;
  }

  remember(token: string, userId: string, expSeconds: number): void {
    if (this.tokens.size >= MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(token, { userId, expiresAtMs: expSeconds * 1000 });
  }
}
