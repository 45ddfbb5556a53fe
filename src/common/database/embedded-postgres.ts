import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { prepareDataDir } from './data-dir';

/**
 * PGlite (PostgreSQL compiled to WebAssembly) served in-process on a loopback
 * port, so the ordinary `pg` driver reaches it exactly as it reaches a real
 * server: one SQL dialect, one set of migrations. PGlite runs one connection,
 * so the pool in front of it has size 1.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
  ) {}

  /** `dataDir` null keeps the database in memory (tests). */
  static async start(dataDir: string | null): Promise<EmbeddedPostgres> {
    const db = await PGlite.create(dataDir ? prepareDataDir(dataDir) : undefined);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    return new EmbeddedPostgres(db, server);
  }

  get url(): string {
    return `postgresql://postgres@${this.server.getServerConn()}/postgres`;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
