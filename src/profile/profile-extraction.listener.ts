import { Inject, Injectable } from '@nestjs/common';
import { StoredUserMessage } from '@/message/user-message-listeners';
import { planExtraction } from './extraction.rules';
import { ProfileExtractor } from './extraction/profile-extractor';
import { ProfileWriter } from './profile-writer.service';

/** The extractor, built once at boot from the typed config (its catalog is compiled then). */
export const PROFILE_EXTRACTOR = Symbol('PROFILE_EXTRACTOR');

/**
 * Extraction on the hot path: every stored user message is read synchronously (tens of
 * microseconds), inside the request's transaction, so the next request sees what it found.
 * A message that says nothing about its author sends no statement at all; one that does
 * costs the profile row's lock, its update, and one multi-row insert of events.
 */
@Injectable()
export class ProfileExtractionListener {
  constructor(
    @Inject(PROFILE_EXTRACTOR) private readonly extractor: ProfileExtractor,
    private readonly writer: ProfileWriter,
  ) {}

  async onUserMessage(message: StoredUserMessage): Promise<void> {
    const result = this.extractor.extract(message.content);
    if (result.facts.length === 0 && result.negations.length === 0) return;
    const origin = { sessionId: message.sessionId, messageId: message.messageId };
    await this.writer.change(message.owner.id, (current) => planExtraction(current, result, origin, new Date()), { source: 'extracted', ...origin });
  }
}
