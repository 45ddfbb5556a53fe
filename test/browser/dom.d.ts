/** What the page adds to window (web/src/auth.ts), for functions the tests run inside the page. */
interface Window {
  continuumConfig?: { token?: string };
  continuum?: { signIn(token: string): void; signOut(): void };
}
