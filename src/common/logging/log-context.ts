import { ClsServiceManager } from 'nestjs-cls';

const SESSION_ID = 'continuum:log-session-id';

/** What the current request's log lines carry: its id, and the session it works on once known. */
export interface LogContext {
  requestId?: string;
  sessionId?: string;
}

export function currentLogContext(): LogContext {
  const cls = ClsServiceManager.getClsService();
  if (!cls.isActive()) return {};
  return { requestId: cls.getId(), sessionId: cls.get<string | undefined>(SESSION_ID) };
}

/** Tags the rest of the current request's log lines with the session it works on. */
export function logUnderSession(sessionId: string): void {
  const cls = ClsServiceManager.getClsService();
  if (cls.isActive()) cls.set(SESSION_ID, sessionId);
}
