import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/** Vite names every built asset by its content hash: a changed file is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and anything unhashed) is revalidated on every load, so a deploy is seen at once. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built reference chat page (web/) at `/`: one route per file that exists at
 * start (no wildcard), so every other path stays the API's, with its problem+json 404.
 */
export async function serveWebPage(app: NestFastifyApplication, webDir: string): Promise<void> {
  const root = resolve(webDir);
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('WebPage').warn(`no built web page in ${root} (npm run build makes it): / answers 404`);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (reply: FastifyReply, path: string) => void reply.header('cache-control', cacheControlOf(root, path)),
  });
}

function cacheControlOf(root: string, path: string): string {
  return path.startsWith(join(root, 'assets') + sep) ? IMMUTABLE : REVALIDATE;
}
