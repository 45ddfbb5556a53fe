import type { UIMessage } from 'ai';
import { authHeaders } from './auth';
import { ApiError, problemDetail } from './errors';

export interface Session {
  id: string;
  title: string | null;
  messageCount: number;
  lastActivityAt: string;
}

export interface MessageMetadata {
  sessionId?: string;
  seq?: number;
  model?: string;
  finishReason?: string;
  truncated?: boolean;
  error?: string;
  warning?: string;
  usage?: { totalTokens: number; cost: string | null };
}

export type ChatMessage = UIMessage<MessageMetadata>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UsageTotals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cost: string | null;
  unpricedRequests: number;
}

export interface Profile {
  customerName: string | null;
  email: string | null;
  phone: string | null;
  addressStreet: string | null;
  addressCity: string | null;
  addressState: string | null;
  addressZip: string | null;
  productsOfInterest: string[];
  servicesOfInterest: string[];
  preferences: { contactChannel?: string; contactTime?: string; language?: string };
}

export const HISTORY_PAGE = 20;

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = { ...authHeaders(), ...(init.body ? { 'content-type': 'application/json' } : {}) };
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(problemDetail(await response.text()) ?? `The service answered ${response.status}.`, response.status);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const api = {
  currentSession: () => request<Session>('/v1/sessions/current'),
  session: (id: string) => request<Session>(`/v1/sessions/${encodeURIComponent(id)}`),
  sessions: () => request<Page<Session>>('/v1/sessions?limit=100'),
  createSession: () => request<Session>('/v1/sessions', { method: 'POST', body: '{}' }),
  renameSession: (id: string, title: string) => request<Session>(`/v1/sessions/${id}`, { method: 'PATCH', body: JSON.stringify({ title }) }),
  deleteSession: (id: string) => request<void>(`/v1/sessions/${id}`, { method: 'DELETE' }),
  history: (id: string, before?: string) =>
    request<Page<ChatMessage>>(`/v1/sessions/${id}/ui-messages?limit=${HISTORY_PAGE}${before ? `&before=${before}` : ''}`),
  usage: (id: string) => request<{ totals: UsageTotals }>(`/v1/sessions/${id}/usage`),
  /** Null while the service has no profile module (404): the panel then stays hidden. */
  profile: () =>
    request<Profile>('/v1/profile').catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }),
};
