import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { BUILT_MAIN } from './server-build';

/** `node dist/src/main.js` as a child process: what `npm start` runs, signals included. */
export class BuiltService {
  private output = '';

  private constructor(
    readonly url: string,
    readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
  }

  /** Starts the service with `env` (on top of this process's) and waits until /health/ready answers. */
  static async start(env: Record<string, string>): Promise<BuiltService> {
    const port = await freePort();
    const child = spawn(process.execPath, [BUILT_MAIN], { env: { ...process.env, LOG_LEVEL: 'log', ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const service = new BuiltService(`http://127.0.0.1:${port}`, child);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${service.output}`);
      if (await fetch(`${service.url}/health/ready`).then((r) => r.ok, () => false)) return service;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill('SIGKILL');
    throw new Error(`the service was not ready within 60 s:\n${service.output}`);
  }

  /** Everything it wrote to stdout and stderr so far. */
  get logs(): string {
    return this.output;
  }

  /** Resolves with the exit code (or the signal) once the process has ended. */
  async exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) await once(this.child, 'exit');
    return { code: this.child.exitCode, signal: this.child.signalCode };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
