import { Injectable } from '@nestjs/common';
import { Owner } from '@/session/owner';

/** A message with role `user` just stored (never an idempotent replay, never another role). */
export interface StoredUserMessage {
  owner: Owner;
  sessionId: string;
  messageId: string;
  content: string;
}

/** Runs inside the transaction that stored the message: what it writes commits or rolls back with it. */
export type UserMessageListener = (message: StoredUserMessage) => Promise<void>;

/**
 * Where modules above this one (the profile module) hook into every stored user message,
 * without the message module knowing them: they register at start, and `MessageService`
 * awaits each listener after storing the message, in the same transaction. The registry lives
 * here, below its users, so the module graph stays one-way.
 */
@Injectable()
export class UserMessageListeners {
  private readonly listeners: UserMessageListener[] = [];

  register(listener: UserMessageListener): void {
    this.listeners.push(listener);
  }

  async notify(message: StoredUserMessage): Promise<void> {
    for (const listener of this.listeners) await listener(message);
  }
}
