import { useCallback, useEffect, useRef, useState } from 'react';
import { api, Session } from './api';
import { readableError } from './errors';

const TITLE_CHARS = 60;

function sessionFromHash(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('session');
}

export interface Sessions {
  sessions: Session[];
  currentId: string | null;
  error: string | null;
  select(id: string): void;
  create(): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** After a turn: the list's order changed, and a first message names an untitled conversation. */
  turnFinished(id: string, firstUserText: string | null): Promise<void>;
  clearError(): void;
}

/**
 * The visitor's conversations. On load, and whenever the identity changes, it resumes the
 * conversation in the address (#session=...) if the caller may see it, else the caller's
 * current one (GET /v1/sessions/current: the cookie's, or the user's).
 */
export function useSessions(token: string | null): Sessions {
  const [sessions, setSessions] = useState<Session[]>([]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<string | null>(null);

  const select = useCallback((id: string) => {
    current.current = id;
    setCurrentId(id);
    window.history.replaceState(null, '', `#session=${id}`);
  }, []);

  const refresh = useCallback(async () => setSessions((await api.sessions()).items), []);

  const guard = useCallback(async (work: () => Promise<void>) => {
    try {
      setError(null);
      await work();
    } catch (failure) {
      setError(readableError(failure));
    }
  }, []);

  useEffect(() => {
    void guard(async () => {
      const wanted = current.current ?? sessionFromHash();
      const session = (wanted ? await api.session(wanted).catch(() => null) : null) ?? (await api.currentSession());
      select(session.id);
      await refresh();
    });
  }, [token, guard, refresh, select]);

  const create = () =>
    guard(async () => {
      select((await api.createSession()).id);
      await refresh();
    });

  const rename = (id: string, title: string) =>
    guard(async () => {
      await api.renameSession(id, title.trim().slice(0, 200));
      await refresh();
    });

  const remove = (id: string) =>
    guard(async () => {
      await api.deleteSession(id);
      const rest = (await api.sessions()).items;
      if (id === current.current) select((rest[0] ?? (await api.currentSession())).id);
      setSessions(rest.length ? rest : (await api.sessions()).items);
    });

  const turnFinished = (id: string, firstUserText: string | null) =>
    guard(async () => {
      const untitled = sessions.find((session) => session.id === id)?.title == null;
      if (firstUserText && untitled) await api.renameSession(id, titleFrom(firstUserText));
      await refresh();
    });

  return { sessions, currentId, error, select, create, rename, remove, turnFinished, clearError: () => setError(null) };
}

function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line;
}
