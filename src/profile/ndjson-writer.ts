import { FastifyReply } from 'fastify';

/**
 * Newline-delimited JSON on a Fastify reply that Nest no longer manages (hijacked): one
 * object per line, written as it is read, waiting for the socket to drain so a slow client
 * holds back the reader instead of filling memory. Headers Fastify already collected (a new
 * visitor cookie) are sent along.
 */
export class NdjsonWriter {
  private constructor(private readonly reply: FastifyReply) {}

  static open(reply: FastifyReply, filename: string): NdjsonWriter {
    reply.hijack();
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    });
    return new NdjsonWriter(reply);
  }

  /** True once the client is gone or the stream ended. */
  get closed(): boolean {
    return this.reply.raw.destroyed || this.reply.raw.writableEnded;
  }

  async write(record: object): Promise<void> {
    const raw = this.reply.raw;
    if (this.closed || raw.write(JSON.stringify(record) + '\n')) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        raw.off('drain', done);
        raw.off('close', done);
        resolve();
      };
      raw.on('drain', done);
      raw.on('close', done);
    });
  }

  end(): void {
    if (!this.closed) this.reply.raw.end();
  }
}
