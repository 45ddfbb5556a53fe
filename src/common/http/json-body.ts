import { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { ProblemException } from '@/common/errors/problem.exception';

/** application/json, or a JSON-based type such as application/merge-patch+json. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * A Fastify preValidation hook: every body this API accepts is a JSON object, sent as JSON.
 * - Another content type (text/plain, which fetch sends when the header is forgotten, or a
 *   form) is a 415 that names the type expected, not a 400 about fields that seem missing.
 * - Anything but an object (an array, a string, a number, null) is a 400, before Nest's
 *   ValidationPipe and class-transformer touch it. The pipe assigns `constructor` on the
 *   instance it builds, and on an array that switches off V8's Array species fast path for
 *   the whole process: one `[]` body made every later array operation (and the tokenizer)
 *   many times slower.
 */
export function refuseNonObjectBody(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const body: unknown = request.body;
  if (body === undefined) return done();
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    const got = mediaType ? `got ${mediaType}` : 'no Content-Type was sent';
    return done(new ProblemException(415, 'unsupported-media-type', 'Unsupported Media Type', `Send the body as JSON with Content-Type: application/json (${got}).`));
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return done();
  done(ProblemException.badRequest('body-not-object', 'The request body must be a JSON object.'));
}
