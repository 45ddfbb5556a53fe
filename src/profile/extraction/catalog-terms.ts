/** One kind of catalog entries (products or services) compiled once into a pattern and a lookup. */
export interface CompiledTerms {
  /** Whole words (not inside an email or a domain), case-insensitive, plural-tolerant. */
  pattern: RegExp;
  /** Terms of two or three words turned around with "for" ("charger for my electric car"), at most `limit`. */
  inverted(text: string, limit: number): TermMatch[];
  /** The canonical name of a matched text. */
  canonicalOf(matched: string): string | undefined;
}

/** A catalog term found in a message: where it starts, the text, and its canonical name (if it has one). */
export interface TermMatch {
  index: number;
  matched: string;
  canonical: string | undefined;
}

/** "charger for my electric car": a word, "for", an optional determiner, then one or two words. */
const FOR = /\bfor[ \t]{1,3}(?:(?:a|an|the|my|our|your|his|her|their)[ \t]{1,3})?(?:[a-z]{1,15}['’]s[ \t]{1,3})?([a-z0-9\u00c0-\u024f]{1,20})(?:[ \t-]{1,3}([a-z0-9\u00c0-\u024f]{1,20}))?/gi;
const HEAD = /(?:^|[^\p{L}\p{N}@._%])([\p{L}\p{N}]{1,20})[ \t]{1,3}$/u;

/**
 * Compiles `{"<canonical>": ["<synonym>", ...]}`. Each term is registered as written and, when
 * its last word looks plural, as its singular; matches may add a plural ending ("s", "es",
 * "y" -> "ies") to either, so "EV chargers", "ev charger" and "EV-chargers" all match. A term of
 * two or three words also matches turned around with "for": "electric car charger" matches
 * "charger for my electric car".
 */
export function compileTerms(entries: Record<string, string[]>): CompiledTerms {
  const canonical = new Map<string, string>();
  for (const [name, synonyms] of Object.entries(entries)) {
    for (const term of [name, ...synonyms]) {
      for (const key of keysOf(term)) if (!canonical.has(key)) canonical.set(key, name);
    }
  }
  const keys = [...canonical.keys()].sort((a, b) => b.length - a.length);
  return {
    pattern: wholeWords(keys),
    inverted: (text, limit) => invertedMatches(canonical, text, limit),
    canonicalOf: (matched) => lookup(canonical, normalise(matched)),
  };
}

/**
 * The terms as one pattern, whole words, not inside an email or a domain. The terms are grouped
 * by their first letter ("b(?:attery|ackup generator)"), and the look-behind that rules out a
 * start inside a word comes right after that letter, so most positions cost one character check.
 */
function wholeWords(keys: string[]): RegExp {
  const groups = new Map<string, string[]>();
  for (const key of keys) groups.set(key[0], [...(groups.get(key[0]) ?? []), patternOf(key).slice(escape(key[0]).length)]);
  const alternatives = [...groups].map(([letter, rests]) => {
    const first = escape(letter);
    return String.raw`${first}(?<![\p{L}\p{N}@._%]${first})(?:${rests.join('|')})`;
  });
  const source = alternatives.length ? alternatives.join('|') : '(?!)';
  return new RegExp(String.raw`(?:${source})(?![\p{L}\p{N}@]|[._%][\p{L}\p{N}])`, 'giu');
}

function normalise(text: string): string {
  return text.toLowerCase().trim().split(/[\s-]+/).filter(Boolean).join(' ');
}

/** Each "for" with a word before it: the word and the one or two after "for" looked up as a term, longest first. */
function invertedMatches(canonical: ReadonlyMap<string, string>, text: string, limit: number): TermMatch[] {
  const found: TermMatch[] = [];
  if (!/\bfor\b/i.test(text)) return found;
  let seen = 0;
  for (const match of text.matchAll(FOR)) {
    if (++seen > limit) break;
    const head = HEAD.exec(text.slice(Math.max(0, match.index - 25), match.index));
    if (!head) continue;
    const headWord = head[1].toLowerCase();
    const words = [match[1], match[2]].filter(Boolean).map((word) => word.toLowerCase());
    for (let count = words.length; count > 0; count--) {
      const canonicalName = lookupInverted(canonical, words.slice(0, count).join(' '), headWord);
      if (!canonicalName) continue;
      const index = match.index - head[0].length + head[0].indexOf(head[1]);
      found.push({ index, matched: text.slice(index, match.index + match[0].length), canonical: canonicalName });
      break;
    }
  }
  return found;
}

/** "electric cars" + "chargers": the term with either word in the singular. */
function lookupInverted(canonical: ReadonlyMap<string, string>, modifiers: string, head: string): string | undefined {
  return lookup(canonical, `${modifiers} ${head}`) ?? lookup(canonical, `${modifiers.replace(/s$/, '')} ${head}`);
}

function keysOf(term: string): string[] {
  const key = normalise(term);
  if (!key) return [];
  const singular = key.replace(/(?<=[^s]{2})s$/, '').replace(/ie$/, 'y');
  return singular !== key && !/(?:ss|us)$/.test(key) ? [key, singular] : [key];
}

/** The matched text as written, then without each plural ending it may carry. */
function lookup(canonical: ReadonlyMap<string, string>, key: string): string | undefined {
  return canonical.get(key) ?? canonical.get(key.replace(/s$/, '')) ?? canonical.get(key.replace(/es$/, '')) ?? canonical.get(key.replace(/ies$/, 'y'));
}

function patternOf(key: string): string {
  const words = key.split(' ').map(escape);
  const last = words.length - 1;
  words[last] = /[^aeiou]y$/.test(words[last]) ? `${words[last].slice(0, -1)}(?:y|ies)` : `${words[last]}(?:s|es)?`;
  return words.join(String.raw`[\s-]{1,3}`);
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
