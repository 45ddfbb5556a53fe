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
  context: SessionContext;
  lease: SessionLease;
  idempotency: TurnIdempotency | null;
}

/** A retry of a turn that already completed under the same Idempotency-Key. */
export interface ReplayedTurn {
  kind: 'replay';
  response: ChatResponseDto;
}

export type Turn = PreparedTurn | ReplayedTurn;
