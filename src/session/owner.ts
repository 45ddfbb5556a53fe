/**
 * Who is calling: a signed-in user or an anonymous visitor. Every session belongs to
 * exactly one owner id (`user:<sub>` or `visitor:<uuid>`), and every query filters by it.
 */
export interface Owner {
  id: string;
  kind: 'user' | 'visitor';
}

export const userOwner = (sub: string): Owner => ({ id: `user:${sub}`, kind: 'user' });
export const visitorOwner = (visitorId: string): Owner => ({ id: `visitor:${visitorId}`, kind: 'visitor' });

const VISITOR_ID = /^visitor:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The owner an owner id names (`user:<sub>` or `visitor:<uuid>`); null for anything else. */
export function parseOwnerId(id: string): Owner | null {
  const visitor = VISITOR_ID.exec(id);
  if (visitor) return visitorOwner(visitor[1].toLowerCase());
  const sub = id.startsWith('user:') ? id.slice('user:'.length) : '';
  return sub.length > 0 && sub.length <= 200 ? userOwner(sub) : null;
}

/** The visitor id in a `visitor:<uuid>` owner id; null for a user. */
export function visitorIdOf(owner: Owner): string | null {
  return owner.kind === 'visitor' ? owner.id.slice('visitor:'.length) : null;
}

/** The user id (`sub`) in a `user:<sub>` owner id; null for a visitor. */
export function userIdOf(owner: Owner): string | null {
  return owner.kind === 'user' ? owner.id.slice('user:'.length) : null;
}
