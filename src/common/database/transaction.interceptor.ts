import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import { FastifyRequest } from 'fastify';
import { ClsService, CLS_ID } from 'nestjs-cls';
import { lastValueFrom, Observable } from 'rxjs';
import { logUnderSession } from '@/common/logging/log-context';
import { QueryRunnerTransactionalAdapter } from './query-runner-transactional.adapter';

const OWN_TRANSACTIONS = 'continuum:own-transactions';

/**
 * Marks a handler that commits in several short transactions of its own (a chat turn
 * must not hold a connection while the model speaks).
 */
export const OwnTransactions = (): MethodDecorator => SetMetadata(OWN_TRANSACTIONS, true);

/**
 * Opens the request's context in AsyncLocalStorage (request id, transaction) and runs
 * the handler in one transaction: every repository call shares it; COMMIT happens before
 * the response is sent, so a failed commit is an error and never a false success, and
 * any error rolls everything back. The context is opened here rather than in a
 * middleware: Fastify runs Express-style middleware through an extra layer per request.
 */
@Injectable()
export class TransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly cls: ClsService,
    private readonly txHost: TransactionHost<QueryRunnerTransactionalAdapter>,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ownTransactions = this.reflector.get<boolean>(OWN_TRANSACTIONS, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const requestId = String(request.id);
    return new Observable((subscriber) => {
      this.cls.run(() => {
        this.cls.set(CLS_ID, requestId);
        const sessionId = sessionIdOf(request);
        if (sessionId) logUnderSession(sessionId);
        const handle = () => lastValueFrom(next.handle(), { defaultValue: undefined });
        (ownTransactions ? handle() : this.txHost.withTransaction(handle)).then(
          (value) => {
            subscriber.next(value);
            subscriber.complete();
          },
          (error: unknown) => subscriber.error(error),
        );
      });
    });
  }
}


/** The session a /v1/sessions/:id/... route works on, for the logs. */
function sessionIdOf(request: FastifyRequest): string | undefined {
  if (!request.routeOptions.url?.startsWith('/v1/sessions/:id')) return undefined;
  return (request.params as { id?: string }).id;
}
