import { Injectable } from '@nestjs/common';
import { RouteOptions } from 'fastify';

interface RouteEntry {
  pattern: RegExp;
  methods: Set<string>;
}

/**
 * Every route the app serves, by path template, to tell a path that exists under another
 * method (405 with Allow) from one that does not exist at all (404). Filled by Fastify's
 * onRoute hook as the routes are registered.
 */
@Injectable()
export class RouteTable {
  private readonly routes = new Map<string, RouteEntry>();

  add(route: Pick<RouteOptions, 'url' | 'method'>): void {
    const entry = this.routes.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method.toUpperCase());
    this.routes.set(route.url, entry);
  }

  /** The methods some route serves at `path` (no query string); empty when none does. */
  methodsAt(path: string): string[] {
    const methods = new Set<string>();
    for (const { pattern, methods: served } of this.routes.values()) if (pattern.test(path)) served.forEach((m) => methods.add(m));
    return [...methods].sort();
  }
}

/** `/v1/sessions/:id/messages` -> ^/v1/sessions/[^/]+/messages/?$ */
function patternOf(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}
