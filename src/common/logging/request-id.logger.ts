import { ConsoleLogger } from '@nestjs/common';
import { ClsServiceManager } from 'nestjs-cls';

/**
 * Nest's console logger with the request id (X-Request-Id, or one made up per request)
 * on every line written while serving a request, so one request's lines can be found.
 */
export class RequestIdLogger extends ConsoleLogger {
  protected override formatContext(context: string): string {
    const requestId = currentRequestId();
    return super.formatContext(requestId ? `${context} req=${requestId}` : context);
  }
}

function currentRequestId(): string | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.getId() : undefined;
}
