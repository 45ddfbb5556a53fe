import { MessageDto } from '@/message/dto/message.dto';
import { Owner } from '@/session/owner';
import { SessionContext } from '@/token-budget/context.service';
import { SessionLease } from './session-lease.service';

/** A turn whose user message is committed and whose context is assembled: the model is next. */
export interface PreparedTurn {
  owner: Owner;
  model: string;
  sessionId: string;
  userMessage: MessageDto;
  context: SessionContext;
  lease: SessionLease;
}

/**
 * A turn answered without the database (it is unreachable): no history, nothing stored.
 */
export interface UnrecordedTurn {
  model: string;
  sessionId: string | null;
  message: string;
  systemPrompt: string;
}

export type Turn = ({ recorded: true } & PreparedTurn) | ({ recorded: false } & UnrecordedTurn);
