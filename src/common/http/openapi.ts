import { applyDecorators, INestApplication } from '@nestjs/common';
import { ApiResponse, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@/common/config/app-config';
import { ADMIN_KEY_HEADER, ADMIN_KEY_SCHEME } from './admin-key.guard';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const PROBLEM_SCHEMA = 'ProblemDetails';

/** What each status means on this API, said once for every route that can answer it. */
const PROBLEM_STATUSES: Record<number, string> = {
  400: 'The request is invalid: `errors` names each field (application/problem+json)',
  401: 'No valid credentials: a bearer token that is missing, malformed, expired or badly signed, or a wrong X-Admin-Key',
  403: 'Admin routes are disabled: ADMIN_API_KEY is not set',
  404: 'No such resource, or not the caller’s (the two are not told apart)',
  405: 'The path exists, under the methods listed in Allow',
  408: 'The client took longer than REQUEST_TIMEOUT_MS to send the request',
  409: 'A conflict with the current state (see the detail)',
  413: 'The body is larger than BODY_LIMIT_BYTES',
  415: 'The body must be JSON, sent with Content-Type: application/json',
  422: 'The Idempotency-Key was used for a different request',
  429: 'Too many requests from this caller (Retry-After says when to come back), or the daily spend limit is reached',
  502: 'The model provider failed or timed out (the failure was stored)',
  503: 'The database is unreachable or too slow right now (Retry-After says when to retry)',
};

/** Problem statuses particular to a route (the common ones are added from what the route is). */
export const ApiProblems = (...statuses: number[]): MethodDecorator =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: PROBLEM_STATUSES[status] })));

/** Routes that never touch the database. */
const WITHOUT_DATABASE = new Set(['/health/live', '/metrics']);

/**
 * The OpenAPI document of /docs and /docs-json. Every route's problem+json answers are
 * added from what the route is (authenticated, admin, with a body, with path parameters,
 * using the database), so none can be forgotten; statuses particular to a route (409, 422,
 * 502, ...) are declared on the route and get the same problem schema here.
 */
export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Continuum')
      .setDescription(
        'Conversation memory for LLM chat applications: sessions, messages, context, model calls and their cost. ' +
          'Authorize with a bearer token (users) or X-Admin-Key (admin routes); a browser without a token is an anonymous visitor, known by the httpOnly cookie the service sets. ' +
          'Every error is application/problem+json (RFC 9457).',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256, signed with AUTH_JWT_SECRET; `sub` is the user id, `exp` required' })
      .addApiKey({ type: 'apiKey', in: 'header', name: ADMIN_KEY_HEADER, description: 'ADMIN_API_KEY' }, ADMIN_KEY_SCHEME)
      .addCookieAuth(config.cookie.name, { type: 'apiKey', in: 'cookie', description: 'The anonymous visitor cookie the service sets (httpOnly: a browser sends it by itself)' })
      .build(),
  );
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA]: problemSchema() } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as Operation[]) {
      if (operation && typeof operation === 'object' && 'responses' in operation) addProblems(path, operation);
    }
  }
  return document;
}

/** /docs (Swagger UI, with Authorize remembered across reloads) and /docs-json, unless DOCS_ENABLED=false. */
export function serveApiDocs(app: INestApplication, config: AppConfig): void {
  if (!config.docsEnabled) return;
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true, validatorUrl: null, displayRequestDuration: true },
  });
}

function addProblems(path: string, operation: Operation): void {
  const statuses = new Set<number>(Object.keys(operation.responses).map(Number).filter((status) => status >= 400));
  const security = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  if (security.includes('bearer')) statuses.add(401);
  // Callers (users and visitors) are rate-limited; /metrics, with its own bearer token, is not.
  if (security.includes('cookie')) [401, 429].forEach((s) => statuses.add(s));
  if (security.includes(ADMIN_KEY_SCHEME)) [401, 403, 429].forEach((s) => statuses.add(s));
  if (operation.requestBody) [400, 408, 413, 415].forEach((s) => statuses.add(s));
  const parameters = (operation.parameters ?? []) as { in?: string }[];
  if (parameters.some((p) => p.in === 'path')) [400, 404].forEach((s) => statuses.add(s));
  if (parameters.some((p) => p.in === 'query')) statuses.add(400);
  if (!WITHOUT_DATABASE.has(path)) statuses.add(503);
  for (const status of [...statuses].sort()) {
    const declared = operation.responses[status] as { description?: string } | undefined;
    operation.responses[status] = {
      description: declared?.description || PROBLEM_STATUSES[status] || 'An error',
      content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } } },
    };
  }
}

function problemSchema() {
  return {
    type: 'object',
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string', format: 'uri', example: 'https://continuum.dev/problems/validation' },
      title: { type: 'string', example: 'Bad Request' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string', description: 'What went wrong, as a sentence', example: 'content is required' },
      errors: {
        type: 'array',
        description: 'For a 400: each offending field',
        items: {
          type: 'object',
          properties: { field: { type: 'string', example: 'content' }, messages: { type: 'array', items: { type: 'string' }, example: ['content is required'] } },
        },
      },
    },
  };
}
