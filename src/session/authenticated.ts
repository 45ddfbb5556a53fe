import {
  applyDecorators,
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { CookieAction, IdentityService } from './identity.service';
import { Owner } from './owner';

type OwnedRequest = FastifyRequest & { owner?: Owner };

/**
 * Resolves the caller inside the request's transaction (it runs after the global
 * TransactionInterceptor), so a visitor created or claimed here commits or rolls back
 * with the rest of the request.
 */
@Injectable()
export class OwnerInterceptor implements NestInterceptor {
  constructor(
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<OwnedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const cookieName = this.config.cookie.name;
    const credentials = { authorization: request.headers.authorization, visitorCookie: request.cookies?.[cookieName] };
    return from(this.identity.identify(credentials)).pipe(
      switchMap(({ owner, cookie }) => {
        request.owner = owner;
        this.applyCookie(reply, cookie);
        return next.handle();
      }),
    );
  }

  private applyCookie(reply: FastifyReply, action: CookieAction): void {
    if (!action) return;
    const { name, secure, maxAgeDays } = this.config.cookie;
    const options = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
    if ('set' in action) reply.setCookie(name, action.set, { ...options, maxAge: maxAgeDays * 86_400 });
    else reply.clearCookie(name, options);
  }
}

/** The route needs a caller: a user's bearer token or a visitor's cookie (issued when missing). */
export const Authenticated = (): ClassDecorator & MethodDecorator =>
  applyDecorators(UseInterceptors(OwnerInterceptor), ApiBearerAuth(), ApiCookieAuth());

/** The caller resolved by `@Authenticated()`. */
export const CurrentOwner = createParamDecorator((_: unknown, context: ExecutionContext): Owner => {
  const owner = context.switchToHttp().getRequest<OwnedRequest>().owner;
  if (!owner) throw new Error('CurrentOwner used on a route without @Authenticated()');
  return owner;
});
