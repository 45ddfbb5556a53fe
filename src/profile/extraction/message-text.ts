/**
 * Matches of one pattern looked at per message. A message about one person names each thing a
 * handful of times; past this the rest is noise, and the bound keeps the work on a
 * 32,000-character message full of cue words to a few milliseconds.
 */
const MAX_MATCHES = 32;

/** A message with cheap, bounded look-behind and look-ahead inside the sentence around a position. */
export class MessageText {
  constructor(readonly text: string) {}

  /**
   * The first matches of a global pattern. exec() from an explicit lastIndex, rather than
   * matchAll(), which copies the RegExp on every call: on a short message that copy was most
   * of the extractor's time. Setting lastIndex before each exec keeps it safe to use the same
   * pattern again while a caller is between two matches.
   */
  *matches(pattern: RegExp, limit = MAX_MATCHES): Generator<RegExpExecArray> {
    let from = 0;
    for (let seen = 0; seen < limit && from <= this.text.length; seen++) {
      pattern.lastIndex = from;
      const match = pattern.exec(this.text);
      if (match === null) return;
      from = match.index + Math.max(match[0].length, 1);
      yield match;
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

/** Abbreviations whose period does not end a sentence ("St. Louis", "4500 N. Oak Avenue", "Dr. Patel"). */
const ABBREVIATIONS = new Set(['st', 'ste', 'ave', 'dr', 'mr', 'mrs', 'ms', 'ft', 'mt', 'pt', 'apt', 'no', 'jr', 'sr', 'vs', 'etc', 'n', 's', 'e', 'w']);

function isBoundary(text: string, i: number): boolean {
  const char = text[i];
  if (HARD_STOPS.has(char)) return true;
  if (char !== '.' || !(i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\n')) return false;
  return !ABBREVIATIONS.has(wordBefore(text, i).toLowerCase());
}

function wordBefore(text: string, i: number): string {
  let start = i;
  while (start > 0 && i - start < 4 && /[A-Za-z]/.test(text[start - 1])) start--;
  return start > 0 && /[A-Za-z]/.test(text[start - 1]) ? '' : text.slice(start, i);
}
