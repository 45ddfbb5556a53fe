import { useSyncExternalStore } from 'react';
import { getToken, subscribe } from './auth';

/** The host page's bearer token, re-rendering when it changes. */
export function useToken(): string | null {
  return useSyncExternalStore(subscribe, getToken);
}
