// The server processes a benchmark starts: each on a free port, logging to a file, ready once
// /health/ready answers 200, and stopped (SIGTERM, then SIGKILL after 5 s) at the end.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Every server started so far, for `stopAllServers` at the end (also on failure or Ctrl-C). */
const children = [];

/** Starts `node <args>` in `cwd` with `env` on a free port; resolves once it is ready. */
export async function startServer({ name, args, env, cwd, logDir }) {
  const port = await freePort();
  const logFile = join(logDir, `${name}.log`);
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting; see ${logFile}`);
    if ((await fetch(`${url}/health/ready`).then((r) => r.status, () => 0)) === 200) return { child, url, logFile };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready within 60 s; see ${logFile}`);
}

export function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function stopAllServers() {
  return Promise.all(children.map(stopServer));
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
