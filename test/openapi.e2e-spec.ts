import { startTestApp, TestApp } from './support/test-app';

type Operation = { summary?: string; tags?: string[]; responses: Record<string, { content?: Record<string, unknown> }>; parameters?: { in: string; name: string; required?: boolean }[] };

/** The OpenAPI document is what an admin's Swagger UI shows: every route must say what it does and how it fails. */
describe('GET /docs-json', () => {
  let t: TestApp;
  let operations: { route: string; operation: Operation }[];
  beforeAll(async () => {
    t = await startTestApp();
    const document = (await t.http().get('/docs-json').expect(200)).body;
    operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
  });
  afterAll(() => t.close());

  it('gives every route a tag and a summary', () => {
    expect(operations.length).toBeGreaterThan(15);
    const undocumented = operations.filter(({ operation }) => !operation.summary || !operation.tags?.length).map(({ route }) => route);
    expect(undocumented).toEqual([]);
  });

  it('lists every route’s problem+json errors against one shared schema', () => {
    for (const { route, operation } of operations.filter(({ route }) => route !== 'GET /health/live')) {
      const problems = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      expect({ route, problems: problems.length > 0 }).toEqual({ route, problems: true });
      for (const [status, response] of problems) {
        expect({ route, status, content: response.content }).toEqual({
          route,
          status,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
        });
      }
    }
  });

  it('documents the statuses of an authenticated route with a body and a path parameter', () => {
    const append = operations.find(({ route }) => route === 'POST /v1/sessions/{id}/messages')!.operation;
    expect(Object.keys(append.responses).sort()).toEqual(['200', '201', '400', '401', '404', '408', '409', '413', '415', '422', '429', '503']);
  });

  it('documents the streamed turn as 200 text/event-stream', () => {
    const stream = operations.find(({ route }) => route === 'POST /v1/chat/stream')!.operation;
    expect(Object.keys(stream.responses['200'].content ?? {})).toEqual(['text/event-stream']);
    expect(stream.responses['201']).toBeUndefined();
  });

  it('asks for X-Admin-Key through Authorize only, never as a required header parameter', () => {
    const admin = operations.filter(({ route }) => route.includes('/admin/'));
    expect(admin.length).toBeGreaterThan(0);
    for (const { operation } of admin) expect(operation.parameters?.some((p) => p.in === 'header' && /x-admin-key/i.test(p.name)) ?? false).toBe(false);
  });
});

describe('DOCS_ENABLED=false', () => {
  it('serves neither /docs nor /docs-json', async () => {
    const t = await startTestApp({ config: { docsEnabled: false } });
    try {
      await t.http().get('/docs-json').expect(404);
      await t.http().get('/docs').expect(404);
    } finally {
      await t.close();
    }
  });
});
