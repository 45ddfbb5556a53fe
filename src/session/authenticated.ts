import {
  applyDecorators,
  CallHandler,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { isDatabaseDown } from '@/common/errors/problem-details';
import { CallerThrottlerGuard } from '@/common/rate-limit/caller-throttler.guard';
import { CookieAction, Credentials, IdentityService } from './identity.service';
import { Owner } from './owner';

type OwnedRequest = FastifyRequest & { owner?: Owner | null; bearerUserId?: string };

const WITHOUT_DATABASE = 'continuum:identity-without-database';

export interface AuthenticatedOptions {
  /**
   * The route can serve a caller while the database is unreachable: a bearer token still
   * names the user, a visitor is served as unknown (owner null).
   */
  withoutDatabase?: boolean;
}

/**
 * Verifies a bearer token before the request's transaction begins (guards run before
 * interceptors): a bad token costs no connection, and none is held while it is checked.
 */
@Injectable()
export class BearerGuard implements CanActivate {
  constructor(private readonly identity: IdentityService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<OwnedRequest>();
    const header = request.headers.authorization;
    if (header !== undefined) request.bearerUserId = await this.identity.authenticateBearer(header);
    return true;
  }
}

/**
 * Resolves the caller inside the request's transaction (it runs after the global
 * TransactionInterceptor), so a visitor created or claimed here commits or rolls back
 * with the rest of the request.
 */
@Injectable()
export class OwnerInterceptor implements NestInterceptor {
  constructor(
    private readonly identity: IdentityService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<OwnedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const credentials = { userId: request.bearerUserId, visitorCookie: request.cookies?.[this.config.cookie.name] };
    const known = this.identity.identifyWithoutLookup(credentials);
    if (known) {
      request.owner = known.owner;
      return next.handle();
    }
    const degradable = this.reflector.getAllAndOverride<boolean>(WITHOUT_DATABASE, [context.getHandler(), context.getClass()]);
    return from(this.resolve(credentials, degradable)).pipe(
      switchMap(({ owner, cookie }) => {
        request.owner = owner;
        this.applyCookie(reply, cookie);
        return next.handle();
      }),
    );
  }

  private async resolve(credentials: Credentials, degradable: boolean): Promise<{ owner: Owner | null; cookie: CookieAction }> {
    try {
      return await this.identity.identify(credentials);
    } catch (error) {
      if (!degradable || !isDatabaseDown(error)) throw error;
      return { owner: this.identity.identifyWithoutDatabase(credentials), cookie: null };
    }
  }

  private applyCookie(reply: FastifyReply, action: CookieAction): void {
    if (!action) return;
    const { name, secure, maxAgeDays } = this.config.cookie;
    // Set as a plain header rather than through reply.setCookie (which writes it in an onSend
    // hook), so a streamed reply that takes over the raw response still carries it.
    const cookie = reply.server.serializeCookie(name, action.set, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeDays * 86_400 });
    void reply.header('set-cookie', cookie);
  }
}

/** The route needs a caller: a user's bearer token or a visitor's cookie (issued when missing). */
export const Authenticated = (options: AuthenticatedOptions = {}): ClassDecorator & MethodDecorator =>
  applyDecorators(
    SetMetadata(WITHOUT_DATABASE, options.withoutDatabase ?? false),
    UseGuards(BearerGuard, CallerThrottlerGuard),
    UseInterceptors(OwnerInterceptor),
    ApiBearerAuth(),
    ApiCookieAuth(),
  );

/**
 * The caller resolved by `@Authenticated()`. Null only on a route marked
 * `withoutDatabase` while the database is unreachable and the caller is a visitor.
 */
export const CurrentOwner = createParamDecorator((_: unknown, context: ExecutionContext): Owner | null => {
  const owner = context.switchToHttp().getRequest<OwnedRequest>().owner;
  if (owner === undefined) throw new Error('CurrentOwner used on a route without @Authenticated()');
  return owner;
});
