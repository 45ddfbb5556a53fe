import { isEnglishWord } from './word-lists';

/** Runs of letters; a run is checked when it has 5 to 20 letters and is not part of an email, a handle or a number. */
const RUN = /\p{L}+/gu;
const GLUE = /[\p{N}@._'’-]/u;
/** Tokens looked at per message: a message about one person has far fewer words to check. */
const MAX_TOKENS = 2000;
/** What comes before a word that starts a sentence: nothing, or an end mark not after a title ("Mr."). */
const SENTENCE_START = /(?:^\s{0,3}|(?<!\b(?:mr|mrs|ms|dr|st|jr|sr))[.!?\n]\s{0,3})$/i;

/**
 * Corrects words one edit (a letter left out, added, changed or two swapped) away from a word of
 * the catalog: "batery", "pannels", "heter", "genrator". Words of everyday English are never
 * changed ("polar" is not "solar", "theater" is not "heater"), nor are names ("Mr. Patel" is not a
 * panel, "Los Angeles" no "paneles"). Symmetric deletion: each catalog
 * word and each of its one-letter deletions is indexed once; a message word is looked up with its
 * own deletions, so the cost is a few set look-ups per unknown word.
 */
export class CatalogSpeller {
  private readonly words = new Set<string>();
  private readonly byDeletion = new Map<string, string>();

  constructor(terms: Iterable<string>) {
    for (const term of terms) {
      for (const word of term.toLowerCase().split(/[^\p{L}]+/u)) if (word.length >= 5) this.index(word);
    }
  }

  /** The text with its misspelled catalog words corrected, or null when there is none. */
  correct(text: string): string | null {
    let seen = 0;
    let corrected: string | null = null;
    let copied = 0;
    for (const run of text.matchAll(RUN)) {
      if (++seen > MAX_TOKENS) break;
      const token = run[0];
      const end = run.index + token.length;
      if (token.length < 5 || token.length > 20 || GLUE.test(text[run.index - 1] ?? '') || GLUE.test(text[end] ?? '')) continue;
      const fixed = this.fix(token.toLowerCase());
      if (!fixed || isProperNoun(text, run.index, token)) continue;
      corrected = (corrected ?? '') + text.slice(copied, run.index) + fixed;
      copied = end;
    }
    return corrected === null ? null : corrected + text.slice(copied);
  }

  private index(word: string): void {
    for (const form of [word, `${word}s`, word.replace(/y$/, 'ies')]) {
      this.words.add(form);
      for (const deleted of deletions(form)) if (!this.byDeletion.has(deleted)) this.byDeletion.set(deleted, form);
    }
  }

  private fix(token: string): string | null {
    if (this.words.has(token) || isEnglishWord(token)) return null;
    const inserted = this.byDeletion.get(token);
    if (inserted) return inserted;
    for (const deleted of deletions(token)) {
      const match = this.words.has(deleted) ? deleted : this.byDeletion.get(deleted);
      if (match) return match;
    }
    return null;
  }
}

/** A capitalised word inside a sentence is a name ("Mr. Patel", "Los Angeles"), not a misspelling. */
function isProperNoun(text: string, index: number, token: string): boolean {
  if (token[0] === token[0].toLowerCase()) return false;
  return !SENTENCE_START.test(text.slice(Math.max(0, index - 8), index));
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
