import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { ProblemException } from '@/common/errors/problem.exception';
import { CallerThrottlerGuard } from '@/common/rate-limit/caller-throttler.guard';

export const ADMIN_KEY_HEADER = 'x-admin-key';
/** The security scheme name to register with DocumentBuilder.addApiKey. */
export const ADMIN_KEY_SCHEME = 'admin-key';

/**
 * Admin routes answer only to the X-Admin-Key header equal to ADMIN_API_KEY. With no
 * ADMIN_API_KEY configured they are switched off (403), so a deployment that forgot the
 * key never exposes them. Runs before the transaction interceptor: a refused call costs
 * no connection.
 */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.adminApiKey ? digest(config.adminApiKey) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) {
      throw new ProblemException(403, 'admin-disabled', 'Forbidden', 'Admin routes are disabled: ADMIN_API_KEY is not configured.');
    }
    const given = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers[ADMIN_KEY_HEADER];
    if (typeof given !== 'string' || given.length === 0) throw adminUnauthorized('The X-Admin-Key header is missing.');
    // Comparing fixed-length digests in constant time reveals neither the key nor its length.
    if (!timingSafeEqual(digest(given), this.expected)) throw adminUnauthorized('The X-Admin-Key header is wrong.');
    return true;
  }
}

/** The route (or controller) needs X-Admin-Key; documented in Swagger. */
export const AdminOnly = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    UseGuards(CallerThrottlerGuard, AdminKeyGuard),
    ApiSecurity(ADMIN_KEY_SCHEME),
    ApiUnauthorizedResponse({ description: 'X-Admin-Key missing or wrong' }),
    ApiForbiddenResponse({ description: 'Admin routes are disabled: ADMIN_API_KEY is not configured' }),
  );

function adminUnauthorized(detail: string): ProblemException {
  return new ProblemException(401, 'unauthorized', 'Unauthorized', detail, undefined, { 'www-authenticate': 'X-Admin-Key' });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
