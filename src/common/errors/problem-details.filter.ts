import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

/** The one place where errors become HTTP responses. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { body, headers } = toProblem(error);
    const route = `${request.method} ${request.routeOptions?.url ?? '?'}`;
    if (body.status === 503) this.logger.warn(`${route}: ${body.detail}`);
    else if (body.status >= 500) this.logger.error(`${route} failed`, (error as Error)?.stack);
    if (reply.sent) return;
    reply.status(body.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}
