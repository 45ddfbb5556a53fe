import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { ProblemException } from '@/common/errors/problem.exception';
import { ChatLeaseRepository } from './chat-lease.repository';

/** A held lease: renewed in the background until released. */
export interface SessionLease {
  release(): Promise<void>;
}

const FIRST_POLL_MS = 25;
const MAX_POLL_MS = 250;

/**
 * One chat turn per session at a time, across every replica: the lease is a row with
 * an expiry (PostgreSQL is the only shared state), renewed while the turn runs, so a
 * crashed turn frees its session after CHAT_LEASE_TTL_MS. No connection is held while
 * waiting or while the model runs.
 */
@Injectable()
export class SessionLeaseService {
  private readonly logger = new Logger(SessionLeaseService.name);

  constructor(
    private readonly leases: ChatLeaseRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Waits up to CHAT_TURN_WAIT_MS for the session's lease, then answers 409. */
  async acquire(sessionId: string): Promise<SessionLease> {
    const holder = randomUUID();
    const { turnWaitMs, leaseTtlMs } = this.config.chat;
    const deadline = Date.now() + turnWaitMs;
    let pause = FIRST_POLL_MS;
    while (!(await this.leases.tryAcquire(sessionId, holder, leaseTtlMs))) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw ProblemException.conflict('turn-in-progress', 'Another chat turn on this session is still running; retry when it has finished.');
      }
      await sleep(Math.min(pause, left));
      pause = Math.min(pause * 2, MAX_POLL_MS);
    }
    return this.held(sessionId, holder, leaseTtlMs);
  }

  /**
   * One batch of the expired-records job: deletes up to `limit` leases that expired (their
   * turn crashed, or lost them). Returns how many.
   */
  deleteExpiredBatch(limit: number): Promise<number> {
    return this.leases.deleteExpiredBatch(limit);
  }

  private held(sessionId: string, holder: string, ttlMs: number): SessionLease {
    const heartbeat = setInterval(() => {
      this.leases.renew(sessionId, holder, ttlMs).then(
        (held) => held || this.logger.warn(`lost the chat lease of session ${sessionId}: another turn may overlap this one`),
        () => this.logger.warn(`could not renew the chat lease of session ${sessionId}`),
      );
    }, Math.max(ttlMs / 3, 100));
    heartbeat.unref();
    return {
      release: async () => {
        clearInterval(heartbeat);
        await this.leases.release(sessionId, holder);
      },
    };
  }
}
