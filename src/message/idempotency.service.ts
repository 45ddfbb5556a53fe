import { Injectable } from '@nestjs/common';
import { ProblemException } from '@/common/errors/problem.exception';
import { IdempotencyKeyRepository } from './idempotency-key.repository';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Idempotency-Key handling for any write a client may retry (an append, a chat turn):
 * the first response is kept for 24 hours and replayed to a retry of the same request.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly keys: IdempotencyKeyRepository) {}

  /** 400 unless the key is 1 to 255 visible ASCII characters. */
  assertValidKey(key: string): void {
    if (IDEMPOTENCY_KEY.test(key)) return;
    throw ProblemException.badRequest('validation', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', [
      { field: 'Idempotency-Key', messages: ['must be 1 to 255 visible ASCII characters'] },
    ]);
  }

  /** The response first sent under this key, null for a new key, 422 if the key was used for another request. */
  async earlierResponse(ownerId: string, key: string, requestHash: string): Promise<Record<string, unknown> | null> {
    const earlier = await this.keys.findLive(ownerId, key);
    if (!earlier) return null;
    if (earlier.requestHash !== requestHash) {
      throw ProblemException.unprocessable('idempotency-key-reused', 'This Idempotency-Key was already used for a different request.');
    }
    return earlier.response;
  }

  /** Keeps the response under the key, in the current transaction; 409 if a concurrent request got there first. */
  async remember(ownerId: string, key: string, sessionId: string, requestHash: string, response: object): Promise<void> {
    const saved = await this.keys.save(ownerId, key, sessionId, { requestHash, response: { ...response } });
    if (!saved) throw ProblemException.conflict('idempotency-race', 'Another request with this Idempotency-Key is being processed; retry it.');
  }

  /** One batch of the expired-records job: deletes up to `limit` keys older than 24 hours. Returns how many. */
  deleteExpiredBatch(limit: number): Promise<number> {
    return this.keys.deleteExpiredBatch(limit);
  }

  /** Erasure: forgets every key of these owners (and the responses kept under them). */
  forgetOwners(ownerIds: string[]): Promise<number> {
    return this.keys.deleteByOwners(ownerIds);
  }
}
