import { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';

/**
 * helmet's defaults, except: styles may be inline (Swagger UI's page has a <style> block,
 * React sets style attributes), and no upgrade-insecure-requests, which would send the chat
 * page's own requests to https on a plain-http localhost.
 */
export const SECURITY_POLICY: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
};

/**
 * helmet's headers, worked out once: the policy is the same for every response, and
 * @fastify/helmet builds helmet's middleware anew on every request (its CSP parsing alone
 * was about 5% of a GET's CPU in the benchmark). The hook sets the finished headers.
 */
export function securityHeadersHook(options: HelmetOptions = SECURITY_POLICY) {
  const headers = headersOf(options);
  return (_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    void reply.headers(headers);
    done();
  };
}

/** What helmet sets on a response, collected from one run of its middleware. */
function headersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
