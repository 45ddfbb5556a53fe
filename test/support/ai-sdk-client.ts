import { DefaultChatTransport, readUIMessageStream, UIMessage, UIMessageChunk } from 'ai';

/** What one useChat request produced, read by the AI SDK's own transport and stream processing. */
export interface UiTurn {
  /** The HTTP response (its headers; the body was consumed by the transport). */
  response: Response;
  /** The chunks as the transport parsed and validated them, in order. */
  chunks: UIMessageChunk[];
  /** The assistant message as readUIMessageStream assembled it. */
  message: UIMessage | undefined;
  /** Errors reported by the stream processing (an `error` chunk becomes one). */
  errors: Error[];
}

export interface SendOptions {
  /** The messages the client believes came before (useChat resends them; Continuum must ignore them). */
  history?: UIMessage[];
  /** Send the lighter `{id, message}` body of a prepareSendMessagesRequest. */
  lastMessageOnly?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  onChunk?: (chunk: UIMessageChunk) => void;
}

export function userMessage(text: string, id = `client-${Math.random().toString(36).slice(2)}`): UIMessage {
  return { id, role: 'user', parts: [{ type: 'text', text }] };
}

/** The text of a UI message's text parts. */
export function textOf(message: UIMessage | undefined): string {
  return (message?.parts ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/**
 * A Node client of POST /v1/chat/ui built from the `ai` package: DefaultChatTransport sends
 * the request and parses the stream against the SDK's chunk schema, readUIMessageStream
 * assembles the message, exactly as useChat does in a browser.
 */
export class AiSdkClient {
  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async send(sessionId: string, text: string, options: SendOptions = {}): Promise<UiTurn> {
    const responses: Response[] = [];
    const transport = new DefaultChatTransport({
      api: `${this.baseUrl}/v1/chat/ui`,
      headers: { ...this.headers, ...options.headers },
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        responses.push(response);
        return response;
      },
      prepareSendMessagesRequest: options.lastMessageOnly ? ({ id, messages }) => ({ body: { id, message: messages[messages.length - 1] } }) : undefined,
    });
    const stream = await transport.sendMessages({
      chatId: sessionId,
      messages: [...(options.history ?? []), userMessage(text)],
      trigger: 'submit-message',
      messageId: undefined,
      abortSignal: options.signal,
    });
    return { response: responses[0], ...(await consume(stream, options.onChunk)) };
  }
}

async function consume(stream: ReadableStream<UIMessageChunk>, onChunk?: (chunk: UIMessageChunk) => void): Promise<Omit<UiTurn, 'response'>> {
  const [forChunks, forMessages] = stream.tee();
  const chunks: UIMessageChunk[] = [];
  const errors: Error[] = [];
  const collectChunks = (async () => {
    const reader = forChunks.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      chunks.push(value);
      onChunk?.(value);
    }
  })().catch((error: Error) => errors.push(error));
  let message: UIMessage | undefined;
  for await (const snapshot of readUIMessageStream({ stream: forMessages, onError: (error) => errors.push(error as Error) })) message = snapshot;
  await collectChunks;
  return { chunks, message, errors };
}
