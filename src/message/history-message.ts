import { MessageRole } from './message.entity';

/** A stored message as a model context needs it, with the token count computed when it was written. */
export interface HistoryMessage {
  id: string;
  seq: number;
  role: MessageRole;
  content: string;
  toolCalls: unknown[] | null;
  toolCallId: string | null;
  tokenCount: number;
}
