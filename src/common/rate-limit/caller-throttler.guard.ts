import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { ProblemException } from '@/common/errors/problem.exception';

type CallerRequest = FastifyRequest & { bearerUserId?: string };

/**
 * Rate limits per caller, across routes: a user (by the verified bearer token, so it runs
 * after BearerGuard), a visitor (by its cookie), or else the client's IP address.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  @Inject(APP_CONFIG) private readonly config: AppConfig;

  protected override async getTracker(request: CallerRequest): Promise<string> {
    if (request.bearerUserId !== undefined) return `user:${request.bearerUserId}`;
    const cookie = request.cookies?.[this.config.cookie.name];
    if (cookie) return `visitor:${createHash('sha256').update(cookie).digest('base64url')}`;
    return `ip:${request.ip}`;
  }

  /** One bucket per caller, not one per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ProblemException(
      429,
      'rate-limited',
      'Too Many Requests',
      `Too many requests: at most ${detail.limit} per ${Math.round(detail.ttl / 1000)} s; retry in ${detail.timeToBlockExpire} s.`,
      undefined,
      { 'retry-after': String(detail.timeToBlockExpire) },
    );
  }
}
