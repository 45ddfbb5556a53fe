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
