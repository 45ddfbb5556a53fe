/**
 * Matches of one pattern looked at per message. A message about one person names each thing a
 * handful of times; past this the rest is noise, and the bound keeps the work on a
 * 32,000-character message full of cue words to a few milliseconds.
 */
const MAX_MATCHES = 32;

/** A message with cheap, bounded look-behind and look-ahead inside the sentence around a position. */
export class MessageText {
  constructor(readonly text: string) {}

  /** The first matches of a global pattern. */
  *matches(pattern: RegExp, limit = MAX_MATCHES): Generator<RegExpExecArray> {
    let seen = 0;
    for (const match of this.text.matchAll(pattern)) {
      if (++seen > limit) return;
      yield match as RegExpExecArray;
    }
  }

  /** Where the sentence holding `index` starts, looking back at most `max` characters. */
  sentenceStart(index: number, max = 120): number {
    const floor = Math.max(0, index - max);
    for (let i = index - 1; i >= floor; i--) {
      if (isBoundary(this.text, i)) return i + 1;
    }
    return floor;
  }

  /** Where the sentence holding `index` ends (exclusive), looking ahead at most `max` characters. */
  sentenceEnd(index: number, max = 160): number {
    const ceiling = Math.min(this.text.length, index + max);
    for (let i = index; i < ceiling; i++) {
      if (isBoundary(this.text, i)) return i;
    }
    return ceiling;
  }

  /** The sentence's text before `index`, at most `max` characters. */
  before(index: number, max = 80): string {
    return this.text.slice(this.sentenceStart(index, max), index);
  }

  /** The sentence's text from `index`, at most `max` characters. */
  after(index: number, max = 80): string {
    return this.text.slice(index, this.sentenceEnd(index, max));
  }
}

const HARD_STOPS = new Set(['\n', '!', '?', ';', '。', '！', '？']);

function isBoundary(text: string, i: number): boolean {
  const char = text[i];
  if (HARD_STOPS.has(char)) return true;
  return char === '.' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\n');
}
