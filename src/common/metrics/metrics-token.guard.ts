import { CanActivate, Inject, Injectable } from '@nestjs/common';
import { ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { ProblemException } from '@/common/errors/problem.exception';

/** With METRICS_TOKEN set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly token: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.token = config.metricsToken ? Buffer.from(config.metricsToken) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.token) return true;
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ?? '';
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(header.trim())?.[1] ?? '');
    if (given.length === this.token.length && timingSafeEqual(given, this.token)) return true;
    throw ProblemException.unauthorized('GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".');
  }
}
