import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { useEffect, useMemo, useState } from 'react';
import { api, ChatMessage, Page } from './api';
import { authHeaders } from './auth';
import { Composer } from './Composer';
import { problemDetail, readableError } from './errors';
import { Messages, textOf } from './Messages';

interface Props {
  sessionId: string;
  onTurnFinished(firstUserText: string | null): void;
}

/** One conversation: its newest stored page first, then useChat on top of it. */
export function ChatView({ sessionId, onTurnFinished }: Props) {
  const [history, setHistory] = useState<Page<ChatMessage> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.history(sessionId).then(setHistory, (failure: unknown) => setError(readableError(failure)));
  }, [sessionId]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!history) return <p className="muted" role="status">Loading the conversation…</p>;
  return <Conversation sessionId={sessionId} history={history} onTurnFinished={onTurnFinished} />;
}

/**
 * The transport sends just the new message (`{id, message}`): Continuum reads the history
 * from its database, so resending it would only cost bandwidth.
 */
function createTransport(): DefaultChatTransport<ChatMessage> {
  return new DefaultChatTransport<ChatMessage>({
    api: '/v1/chat/ui',
    credentials: 'same-origin',
    headers: () => authHeaders(),
    prepareSendMessagesRequest: ({ id, messages }) => ({ body: { id, message: messages[messages.length - 1] } }),
  });
}

function Conversation({ sessionId, history, onTurnFinished }: { sessionId: string; history: Page<ChatMessage>; onTurnFinished: Props['onTurnFinished'] }) {
  const transport = useMemo(createTransport, []);
  const [draft, setDraft] = useState('');
  const chat = useChat<ChatMessage>({
    id: sessionId,
    messages: history.items,
    transport,
    // Failed and stopped turns are stored too: their cost and the list's order change as well.
    onFinish: ({ messages }) => {
      const users = messages.filter((message) => message.role === 'user');
      onTurnFinished(users.length === 1 ? textOf(users[0]) : null);
    },
    onError: (error) => {
      // Refused before the stream (problem+json): nothing was stored, so the message goes back to the box.
      if (problemDetail(error.message) === null) return;
      chat.setMessages((messages) => {
        const last = messages[messages.length - 1];
        if (last?.role === 'user') setDraft(textOf(last));
        return last?.role === 'user' ? messages.slice(0, -1) : messages;
      });
    },
  });
  const busy = chat.status === 'submitted' || chat.status === 'streaming';
  return (
    <>
      <Messages sessionId={sessionId} chat={chat} initialCursor={history.nextCursor} />
      <p className="status" role="status" aria-live="polite">
        {chat.status === 'submitted' ? 'Sending…' : chat.status === 'streaming' ? 'The assistant is replying…' : ''}
      </p>
      {chat.error && (
        <p className="error" role="alert">
          {readableError(chat.error)}
        </p>
      )}
      <Composer
        draft={draft}
        onDraft={setDraft}
        busy={busy}
        onSend={(text) => {
          chat.clearError();
          void chat.sendMessage({ text });
        }}
        onStop={() => void chat.stop()}
      />
    </>
  );
}
