// `node bench/adversarial.mjs [path/to/main.js]`: the requests of issue 6 that used to freeze the
// service, each against a fresh process on an in-memory PGlite, before and after one junk
// array body. For each: how long the request took and the worst /health/live latency seen
// while it ran (how long everyone else waited). Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = process.argv[2] ?? join(ROOT, 'dist/src/main.js');
const SECRET = 'continuum-adversarial-secret-not-for-production';
/** A request still running after this long is reported as "> cap" and its process killed. */
const CAP_MS = Number(process.env.ADVERSARIAL_CAP_MS ?? 60_000);
const CJK = (n) => '中'.repeat(n);

const SCENARIOS = [
  { name: 'content: 8,000 CJK characters', body: { role: 'user', content: CJK(8_000) } },
  { name: 'content: 32,000 CJK characters', body: { role: 'user', content: CJK(32_000) } },
  { name: 'toolCalls: 20,000 empty objects', body: { role: 'assistant', content: '', toolCalls: Array.from({ length: 20_000 }, () => ({})) } },
  { name: 'toolCalls: [{"a": 40,000 CJK characters}]', body: { role: 'assistant', content: '', toolCalls: [{ a: CJK(40_000) }] } },
];

async function main() {
  console.log(`service: ${MAIN}; cap ${CAP_MS / 1000} s per request\n`);
  console.log('| request | junk array first | request time | worst /health/live wait |');
  console.log('| --- | --- | ---: | ---: |');
  for (const junkFirst of [false, true]) {
    for (const scenario of SCENARIOS) {
      const result = await runOnFreshService(scenario, junkFirst);
      console.log(`| ${scenario.name} | ${junkFirst ? 'yes' : 'no'} | ${result.request} | ${result.worstLive} |`);
    }
  }
}

async function runOnFreshService(scenario, junkFirst) {
  const service = await startService();
  try {
    const auth = { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' };
    const session = await (await fetch(`${service.url}/v1/sessions`, { method: 'POST', headers: auth, body: '{}' })).json();
    // Warm-up: the first append pays for lazy initialisation.
    await post(`${service.url}/v1/sessions/${session.id}/messages`, auth, { role: 'user', content: 'hello' });
    if (junkFirst) {
      const junk = await fetch(`${service.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
      if (junk.status !== 400) throw new Error(`junk body answered ${junk.status}`);
    }
    const prober = probeLiveness(service.url);
    const started = performance.now();
    const outcome = await Promise.race([
      post(`${service.url}/v1/sessions/${session.id}/messages`, auth, scenario.body).then((status) => ({ status })),
      sleep(CAP_MS).then(() => null),
    ]);
    const elapsed = performance.now() - started;
    const worst = await prober.stop(outcome !== null);
    if (outcome && outcome.status !== 201) throw new Error(`${scenario.name}: answered ${outcome.status}`);
    return {
      request: outcome ? `${fmt(elapsed)}` : `> ${fmt(CAP_MS)}`,
      worstLive: outcome ? fmt(worst) : `> ${fmt(CAP_MS)}`,
    };
  } finally {
    service.child.kill('SIGKILL');
  }
}

/** Polls /health/live back to back and keeps the slowest answer. */
function probeLiveness(url) {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(CAP_MS) }).then((r) => r.arrayBuffer(), () => undefined);
      worst = Math.max(worst, performance.now() - started);
      await sleep(5);
    }
  })();
  return {
    stop: async (wait) => {
      running = false;
      if (wait) await loop;
      return worst;
    },
  };
}

async function post(url, headers, body) {
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

function token() {
  return new SignJWT({ sub: 'adversary' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
}

async function startService() {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DATABASE_URL: '', DATA_DIR: ':memory:', AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'error' };
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}`);
    if ((await fetch(`${url}/health/ready`).then((r) => r.status, () => 0)) === 200) return { child, url };
  }
  child.kill('SIGKILL');
  throw new Error('the service was not ready within 60 s');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
