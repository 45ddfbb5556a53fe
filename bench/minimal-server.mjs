// The floors for Continuum's HTTP API: plain node:http + a pg Pool, no framework. Serves the
// three benchmarked routes with the same JWT check, and either the service's own SQL per
// request (OPS=service: ops.mjs, the framework-only floor) or the least SQL that gives the
// same guarantees (OPS=minimal-work: minimal-work-ops.mjs, the minimal-work floor).
// Env: PORT, DATABASE_URL, AUTH_JWT_SECRET, DB_POOL_SIZE, OPS.
import http from 'node:http';
import { jwtVerify } from 'jose';
import pg from 'pg';
const { appendMessage, getSession, listMessages } = await import(process.env.OPS === 'minimal-work' ? './minimal-work-ops.mjs' : './ops.mjs');

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 16),
  connectionTimeoutMillis: 5_000,
});
pool.on('error', (error) => console.error('idle pg client failed:', error.message));
// Imported once, as the service does.
const jwtKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(process.env.AUTH_JWT_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
const SESSION_PATH = new RegExp(`^/v1/sessions/${UUID}$`, 'i');
const MESSAGES_PATH = new RegExp(`^/v1/sessions/${UUID}/messages$`, 'i');
const ROLES = ['user', 'assistant', 'system', 'tool'];

const problem = (status, title) => [status, { type: 'about:blank', title, status }];
const found = (status, body) => (body ? [status, body] : problem(404, 'Not Found'));

/** The owner id of a valid HS256 bearer token ("user:<sub>"), as IdentityService does; null otherwise. */
async function ownerOf(authorization = '') {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, jwtKey, { algorithms: ['HS256'] });
    return typeof payload.sub === 'string' && payload.sub.length > 0 ? `user:${payload.sub}` : null;
  } catch {
    return null;
  }
}

async function handle(req, body) {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/health/ready') {
    await pool.query('SELECT 1');
    return [200, { status: 'ok' }];
  }
  const owner = await ownerOf(req.headers.authorization);
  if (!owner) return problem(401, 'Unauthorized');

  let match;
  if ((match = MESSAGES_PATH.exec(url.pathname)) && req.method === 'POST') {
    const dto = JSON.parse(body || '{}');
    if (!ROLES.includes(dto.role) || typeof dto.content !== 'string' || dto.content === '') return problem(400, 'Bad Request');
    return found(201, await appendMessage(pool, owner, match[1], dto));
  }
  if ((match = MESSAGES_PATH.exec(url.pathname)) && req.method === 'GET') {
    const limit = Number(url.searchParams.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return problem(400, 'Bad Request');
    return found(200, await listMessages(pool, owner, match[1], limit));
  }
  if ((match = SESSION_PATH.exec(url.pathname)) && req.method === 'GET') {
    return found(200, await getSession(pool, owner, match[1]));
  }
  return problem(404, 'Not Found');
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    let status, payload;
    try {
      [status, payload] = await handle(req, Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      console.error(`${req.method} ${req.url} failed:`, error);
      [status, payload] = problem(error instanceof SyntaxError ? 400 : 500, 'Error');
    }
    const json = JSON.stringify(payload);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  });
});

server.keepAliveTimeout = 72_000; // as Fastify's default, so idle benchmark connections are never dropped
server.listen(Number(process.env.PORT), '127.0.0.1');
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
