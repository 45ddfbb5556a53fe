import { STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { clientErrorProblem, PROBLEM_CONTENT_TYPE, toProblem } from './problem-details';

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the bytes (a NUL in a header,
 * headers over 16 KB, a body shorter than its Content-Length) or the client was too slow
 * (REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS). There is no request object yet, so the
 * problem+json response is written to the socket by hand, and the connection closed.
 */
export function writeClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code !== 'ECONNRESET' && socket.writable && !responseStarted(socket)) {
    const { body, headers } = clientErrorProblem(error);
    const json = JSON.stringify(body);
    const head = [
      `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status]}`,
      `content-type: ${PROBLEM_CONTENT_TYPE}`,
      `content-length: ${Buffer.byteLength(json)}`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      'connection: close',
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${json}`);
  }
  socket.destroySoon();
}

/** Fastify's `frameworkErrors`: the router refused the URL (bad percent-encoding, an over-long segment). */
export function sendFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { body, headers } = toProblem(error);
  void reply.status(body.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

/** A response already on the wire must not get a second status line in the middle of it (Node checks the same). */
function responseStarted(socket: Socket): boolean {
  return Boolean((socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent);
}
