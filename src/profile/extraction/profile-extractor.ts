import { CatalogMatcher } from './catalog-matcher';
import { ContactChannelExtractor } from './contact-channel-extractor';
import { ContactTimeExtractor } from './contact-time-extractor';
import { hasCorrectionCue } from './correction-cue';
import { EmailExtractor } from './email-extractor';
import { ExtractionResult } from './extraction-result';
import { FactCollector } from './fact-collector';
import { LanguageExtractor } from './language-extractor';
import { LocalityExtractor } from './locality-extractor';
import { MessageText } from './message-text';
import { NameExtractor } from './name-extractor';
import { PhoneExtractor } from './phone-extractor';
import { ProfileExtractionOptions } from './profile-extraction-options';
import { QuotedAnswerExtractor } from './quoted-answer-extractor';
import { StreetExtractor } from './street-extractor';

interface FieldExtractor {
  extract(message: MessageText, out: FactCollector): void;
}

/**
 * Reads what one user message says about its author: name, email, phone, address parts,
 * products and services of interest, and contact preferences, with what it disowns.
 * Pure and synchronous; build one per process (the catalog is compiled in the constructor)
 * and call `extract` on every user message. Every pattern is linear in the message length.
 */
export class ProfileExtractor {
  private readonly extractors: FieldExtractor[];

  constructor(options: ProfileExtractionOptions) {
    this.extractors = [
      new NameExtractor(),
      new EmailExtractor(),
      new PhoneExtractor(options.defaultRegion),
      new StreetExtractor(),
      new LocalityExtractor(),
      new CatalogMatcher(options.catalog),
      new ContactChannelExtractor(),
      new ContactTimeExtractor(),
      new LanguageExtractor(),
      new QuotedAnswerExtractor(),
    ];
  }

  /** The candidate facts of one message; nothing found is an empty result, never a cleared field. */
  extract(text: string): ExtractionResult {
    const message = new MessageText(text);
    const out = new FactCollector();
    for (const extractor of this.extractors) extractor.extract(message, out);
    return out.result(hasCorrectionCue(text));
  }
}
