import { FastifyReply } from 'fastify';

/**
 * Takes the reply over from Nest (hijack) and starts a server-sent event stream on it; the
 * headers Fastify already collected (the visitor cookie) are sent along, then `headers`.
 */
export function startEventStream(reply: FastifyReply, headers: Record<string, string> = {}): void {
  reply.hijack();
  reply.raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...headers,
  });
}

/** True once the client is gone or the stream ended. */
export function eventStreamClosed(reply: FastifyReply): boolean {
  return reply.raw.destroyed || reply.raw.writableEnded;
}

/** Continuum's own named events (`delta`, `done`, `error`) on a hijacked reply. */
export class SseWriter {
  private constructor(private readonly reply: FastifyReply) {}

  static open(reply: FastifyReply): SseWriter {
    startEventStream(reply);
    return new SseWriter(reply);
  }

  /** True once the client is gone (closed the connection before the end). */
  get closed(): boolean {
    return eventStreamClosed(this.reply);
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
