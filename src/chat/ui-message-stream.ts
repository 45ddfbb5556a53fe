import type { UIMessageChunk } from 'ai';
import { FastifyReply } from 'fastify';
import { UiMessageMetadataDto } from './dto/ui-message.dto';
import { eventStreamClosed, startEventStream } from './sse-writer';

export type UiChunk = UIMessageChunk<UiMessageMetadataDto>;

/**
 * The AI SDK's UI message stream on a Fastify reply that Nest no longer manages: server-sent
 * events whose data are JSON chunks, closed by `[DONE]`. The chunks are typed by the `ai`
 * package's own UIMessageChunk, so a field the protocol does not document does not compile.
 * One text part per message, opened by its first delta.
 */
export class UiMessageStream {
  private textOpen = false;

  private constructor(
    private readonly reply: FastifyReply,
    private readonly textId: string,
  ) {}

  static open(reply: FastifyReply, messageId: string): UiMessageStream {
    startEventStream(reply, { 'x-vercel-ai-ui-message-stream': 'v1' });
    return new UiMessageStream(reply, `${messageId}-text`);
  }

  /** True once the client is gone or the stream ended. */
  get closed(): boolean {
    return eventStreamClosed(this.reply);
  }

  /** True once any text was sent. */
  get hasText(): boolean {
    return this.textOpen;
  }

  write(chunk: UiChunk): void {
    if (!this.closed) this.reply.raw.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }

  text(delta: string): void {
    if (delta.length === 0) return;
    if (!this.textOpen) this.write({ type: 'text-start', id: this.textId });
    this.textOpen = true;
    this.write({ type: 'text-delta', id: this.textId, delta });
  }

  /** Closes the text part, if one was opened. */
  endText(): void {
    if (this.textOpen) this.write({ type: 'text-end', id: this.textId });
  }

  end(): void {
    if (this.closed) return;
    this.reply.raw.end('data: [DONE]\n\n');
  }
}
