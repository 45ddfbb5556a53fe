import { ArgumentsHost, Catch, ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RouteTable } from '@/common/http/route-table';
import { Problem, PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';
import { ProblemException } from './problem.exception';

/** The one place where errors become HTTP responses. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(private readonly routes: RouteTable) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { body, headers } = this.methodNotAllowed(error, request) ?? toProblem(error);
    const route = `${request.method} ${request.routeOptions?.url ?? '?'}`;
    if (error instanceof ProblemException) {
      if (body.status >= 500) this.logger.warn(`${route}: ${body.status} ${error.code}`);
    } else if (body.status === 503) {
      this.logger.warn(`${route}: ${body.status} ${body.type.split('/').pop()}`);
    } else if (body.status >= 500) {
      this.logger.error(`${route} failed: ${withoutMessage(error)}`);
    }
    if (reply.sent) return;
    reply.status(body.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  /** No route matched, but the path exists under other methods: 405 with Allow, not 404. */
  private methodNotAllowed(error: unknown, request: FastifyRequest): Problem | null {
    if (!(error instanceof NotFoundException) || request.routeOptions?.url !== undefined) return null;
    const allowed = this.routes.methodsAt(request.url.split('?')[0]);
    if (allowed.length === 0) return null;
    const detail = `${request.method} is not served at this path; use ${allowed.join(', ')}.`;
    return toProblem(new ProblemException(405, 'method-not-allowed', 'Method Not Allowed', detail, undefined, { allow: allowed.join(', ') }));
  }
}

/**
 * An unexpected error for the log: its class, code and stack frames, not its message, which
 * may quote what the request carried (a provider's error echoing the prompt, a database
 * error quoting a value).
 */
function withoutMessage(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [`${error.name}${typeof code === 'string' ? ` (${code})` : ''}`, ...frames].join('\n');
}
