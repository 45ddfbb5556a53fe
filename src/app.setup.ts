import fastifyCookie from '@fastify/cookie';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@/common/config/app-config';
import { Metrics } from '@/common/metrics/metrics';
import { serveApiDocs } from '@/common/http/openapi';
import { serveWebPage } from '@/common/http/web-page';
import { sendFrameworkError, writeClientError } from '@/common/errors/http-errors';
import { refuseNonObjectBody } from '@/common/http/json-body';
import { echoRequestId, requestIdOf } from '@/common/http/request-id';
import { RouteTable } from '@/common/http/route-table';
import { securityHeadersHook } from '@/common/http/security-headers';

/**
 * The HTTP adapter: the body limit applied before any JSON is parsed, time limits on slow
 * clients (408), and errors of Node's HTTP parser and of Fastify's router as problem+json.
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  const { requestTimeoutMs, headersTimeoutMs } = config.http;
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestIdOf,
    // While draining on SIGTERM, requests that arrive on open connections are still served.
    return503OnClosing: false,
    requestTimeout: requestTimeoutMs,
    // Node checks these limits every connectionsCheckingInterval (30 s by default).
    http: { headersTimeout: headersTimeoutMs, connectionsCheckingInterval: Math.min(1_000, Math.ceil(headersTimeoutMs / 2)) },
    clientErrorHandler: writeClientError,
    frameworkErrors: sendFrameworkError,
  });
}

/**
 * Everything that makes the app the app: shared by main.ts and the e2e tests, so the
 * tests run exactly what users reach.
 */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const routes = app.get(RouteTable);
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => routes.add(route));
  await app.register(fastifyCookie);
  app.getHttpAdapter().getInstance().addHook('onRequest', securityHeadersHook());
  if (config.corsOrigins.length > 0) app.enableCors(corsOptions(config.corsOrigins));
  app.getHttpAdapter().getInstance().addHook('onRequest', echoRequestId);
  measureRequests(app);
  await serveWebPage(app, config.webDir);
  app.getHttpAdapter().getInstance().addHook('preValidation', refuseNonObjectBody);
  app.enableShutdownHooks();
  serveApiDocs(app, config);
}

/** A frontend on another origin may call the API with the visitor cookie (credentials). */
function corsOptions(origins: string[]) {
  return {
    origin: origins,
    credentials: true,
    methods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-Id', 'X-Admin-Key'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
    maxAge: 600,
  };
}

/** Every answered request's duration, by route template (streams taken over by a handler are not counted). */
function measureRequests(app: NestFastifyApplication): void {
  const metrics = app.get(Metrics);
  app.getHttpAdapter().getInstance().addHook('onResponse', (request, reply, done) => {
    metrics.httpRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
