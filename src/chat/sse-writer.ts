import { FastifyReply } from 'fastify';

/**
 * Server-sent events on a Fastify reply that Nest no longer manages (hijacked): the
 * headers Fastify already collected (the visitor cookie) are sent along.
 */
export class SseWriter {
  private constructor(private readonly reply: FastifyReply) {}

  static open(reply: FastifyReply): SseWriter {
    reply.hijack();
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    return new SseWriter(reply);
  }

  /** True once the client is gone (closed the connection before the end). */
  get closed(): boolean {
    return this.reply.raw.destroyed || this.reply.raw.writableEnded;
  }

  send(event: 'delta' | 'done' | 'error', data: unknown): void {
    if (this.closed) return;
    this.reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (!this.reply.raw.writableEnded) this.reply.raw.end();
  }
}

/** Aborts when the client closes the connection before the response ended. */
export function abortOnDisconnect(reply: FastifyReply): AbortController {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller;
}
