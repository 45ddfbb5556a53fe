/**
 * The bearer token the host page hands over, kept in memory only (the host owns it).
 * Without one the page is an anonymous visitor, known by the service's httpOnly cookie.
 * The host page can pass it in three ways: `window.continuumConfig = {token}` before this
 * script, `window.continuum.signIn(token)`, or (when it frames this page from the same
 * origin) `postMessage({type: 'continuum:token', token})`.
 */
type Listener = (token: string | null) => void;

declare global {
  interface Window {
    continuumConfig?: { token?: string };
    continuum?: { signIn(token: string): void; signOut(): void };
  }
}

let current: string | null = window.continuumConfig?.token ?? null;
const listeners = new Set<Listener>();

export function getToken(): string | null {
  return current;
}

export function setToken(token: string | null): void {
  current = token && token.trim() ? token.trim() : null;
  listeners.forEach((listener) => listener(current));
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function authHeaders(): Record<string, string> {
  return current ? { Authorization: `Bearer ${current}` } : {};
}

/** The token's `sub`, for display only: the service verifies the token, the page never does. */
export function userOf(token: string | null): string | null {
  if (!token) return null;
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : 'user';
  } catch {
    return 'user';
  }
}

window.continuum = { signIn: (token) => setToken(token), signOut: () => setToken(null) };

window.addEventListener('message', (event: MessageEvent<{ type?: string; token?: string | null }>) => {
  if (event.origin !== window.location.origin || event.data?.type !== 'continuum:token') return;
  setToken(event.data.token ?? null);
});
