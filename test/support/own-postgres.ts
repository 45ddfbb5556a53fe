import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';

/**
 * A PostgreSQL cluster of a test's own: initdb into a temporary folder, started on a free
 * port of 127.0.0.1, so the test can freeze it (SIGSTOP) without touching the shared server.
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` OS user.
 */
export class OwnPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** The newest installed PostgreSQL's bin folder, or null when there is none. */
  static binaries(): string | null {
    if (!existsSync(POSTGRES_ROOT)) return null;
    const versions = readdirSync(POSTGRES_ROOT)
      .filter((version) => existsSync(join(POSTGRES_ROOT, version, 'bin', 'initdb')) && existsSync(join(POSTGRES_ROOT, version, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    return versions.length ? join(POSTGRES_ROOT, versions[0], 'bin') : null;
  }

  static async start(): Promise<OwnPostgres> {
    const bin = OwnPostgres.binaries();
    if (!bin) throw new Error(`no PostgreSQL binaries under ${POSTGRES_ROOT}`);
    const dir = mkdtempSync(join(tmpdir(), 'continuum-own-pg-'));
    const cluster = new OwnPostgres(bin, dir, await freePort());
    try {
      if (process.getuid?.() === 0) chownSync(dir, ...(await postgresUser()));
      await cluster.asOwner('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
      const settings = `-p ${cluster.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
      await cluster.asOwner('pg_ctl', ['-D', cluster.dataDir, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
      return cluster;
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Stops the postmaster and every backend in their tracks: the server keeps its sockets but answers nothing. */
  freeze(): void {
    this.signalAll('SIGSTOP');
  }

  thaw(): void {
    this.signalAll('SIGCONT');
  }

  /** Stops the cluster (immediately: it is thrown away) and removes its folder. */
  async remove(): Promise<void> {
    try {
      this.thaw();
      await this.asOwner('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private asOwner(program: string, args: string[]): Promise<unknown> {
    const command = join(this.bin, program);
    return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
  }

  /** The postmaster first, so it cannot start a backend in between, then its children. */
  private signalAll(signal: NodeJS.Signals): void {
    const pidFile = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    for (const pid of [postmaster, ...childrenOf(postmaster)]) {
      try {
        process.kill(pid, signal);
      } catch {
        // The process ended in between.
      }
    }
  }
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid ...", and comm may hold spaces.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function postgresUser(): Promise<[number, number]> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return [Number(uid.stdout.trim()), Number(gid.stdout.trim())];
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
