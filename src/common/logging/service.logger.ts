import { ConsoleLogger, ConsoleLoggerOptions, LogLevel } from '@nestjs/common';
import { currentLogContext } from './log-context';

export type LogFormat = 'json' | 'text';

/** Nest's own start-up chatter (a line per module and per route): debug, not log. */
const FRAMEWORK_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * Nest's console logger, as one JSON object per line (LOG_FORMAT=json) or as text, with the
 * request id (X-Request-Id, or one made up per request) and the session id on every line
 * written while serving a request, so one request's lines can be found.
 */
export class ServiceLogger extends ConsoleLogger {
  constructor(format: LogFormat, options: ConsoleLoggerOptions = {}) {
    super({ ...options, json: format === 'json', colors: format === 'text' && options.colors !== false && process.stdout.isTTY === true });
  }

  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && FRAMEWORK_CHATTER.has(context)) return super.debug(message, ...optionalParams);
    super.log(message, ...optionalParams);
  }

  protected override formatContext(context: string): string {
    const { requestId, sessionId } = currentLogContext();
    const tags = [requestId && `req=${requestId}`, sessionId && `session=${sessionId}`].filter(Boolean).join(' ');
    return super.formatContext(tags ? `${context} ${tags}` : context);
  }

  protected override getJsonLogObject(message: unknown, options: Parameters<ConsoleLogger['getJsonLogObject']>[1]): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const { requestId, sessionId } = currentLogContext();
    return { ...super.getJsonLogObject(message, options), ...(requestId && { requestId }), ...(sessionId && { sessionId }) };
  }
}

/** The levels at and above `level`. */
export function logLevelsFrom(level: LogLevel): LogLevel[] {
  const order: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(level) + 1);
}
