import { randomUUID } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/** What a client may choose as its request id; anything else (too long, odd characters) is replaced. */
const USABLE_REQUEST_ID = /^[\w.-]{1,64}$/;

/** Fastify's `genReqId`: the client's X-Request-Id when it is a usable one, else a new UUID. */
export function requestIdOf(request: { headers: IncomingHttpHeaders }): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && USABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** An onRequest hook: every response, errors and streams included, says which request it answers. */
export function echoRequestId(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  void reply.header('x-request-id', request.id);
  done();
}
