import type { UseChatHelpers } from '@ai-sdk/react';
import { RefObject, useRef, useState } from 'react';
import { api, ChatMessage } from './api';
import { readableError } from './errors';

export interface OlderMessages {
  /** True while older stored messages remain. */
  more: boolean;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Where the reader was, from the bottom, before the last page was put on top (then cleared). */
  takeScrollAnchor(): number | null;
}

/** The next older page of the conversation, put in front of useChat's messages. */
export function useOlderMessages(sessionId: string, chat: UseChatHelpers<ChatMessage>, initialCursor: string | null, list: RefObject<HTMLElement | null>): OlderMessages {
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Refs, not state: a scroll and a click in the same tick must not load one page twice.
  const inFlight = useRef(false);
  const anchor = useRef<number | null>(null);

  const load = async () => {
    if (!cursor || inFlight.current || !list.current) return;
    inFlight.current = true;
    setLoading(true);
    try {
      const page = await api.history(sessionId, cursor);
      const element = list.current;
      anchor.current = element ? element.scrollHeight - element.scrollTop : null;
      chat.setMessages((messages) => [...page.items, ...messages]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(readableError(failure));
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  };

  const takeScrollAnchor = () => {
    const value = anchor.current;
    anchor.current = null;
    return value;
  };

  return { more: cursor !== null, loading, error, load, takeScrollAnchor };
}
