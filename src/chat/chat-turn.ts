import { MessageDto } from '@/message/dto/message.dto';
import { Owner } from '@/session/owner';
import { SessionContext } from '@/token-budget/context.service';
import { ChatResponseDto } from './dto/chat-response.dto';
import { SessionLease } from './session-lease.service';

/** A client's Idempotency-Key for the turn, with the hash of the request it came with. */
export interface TurnIdempotency {
  key: string;
  requestHash: string;
}

/** A turn whose user message is committed and whose context is assembled: the model is next. */
export interface PreparedTurn {
  kind: 'recorded';
  owner: Owner;
  model: string;
  sessionId: string;
  userMessage: MessageDto;
  /** The id the reply will be stored under, known before the model speaks (streams announce it). */
  assistantMessageId: string;
  context: SessionContext;
  lease: SessionLease;
  idempotency: TurnIdempotency | null;
}

/** A turn answered without the database (it is unreachable): no history, nothing stored. */
export interface UnrecordedTurn {
  kind: 'unrecorded';
  model: string;
  sessionId: string | null;
  message: string;
  systemPrompt: string;
}

/** A retry of a turn that already completed under the same Idempotency-Key. */
export interface ReplayedTurn {
  kind: 'replay';
  response: ChatResponseDto;
}

export type Turn = PreparedTurn | UnrecordedTurn | ReplayedTurn;
