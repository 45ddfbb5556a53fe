/** One kind of catalog entries (products or services) compiled once into a pattern and a lookup. */
export interface CompiledTerms {
  /** Whole words (not inside an email or a domain), case-insensitive, plural-tolerant. */
  pattern: RegExp;
  /** The canonical name of a matched text. */
  canonicalOf(matched: string): string | undefined;
}

/**
 * Compiles `{"<canonical>": ["<synonym>", ...]}`. Each term is registered as written and, when
 * its last word looks plural, as its singular; matches may add a plural ending ("s", "es",
 * "y" -> "ies") to either, so "EV chargers", "ev charger" and "EV-chargers" all match.
 */
export function compileTerms(entries: Record<string, string[]>): CompiledTerms {
  const canonical = new Map<string, string>();
  for (const [name, synonyms] of Object.entries(entries)) {
    for (const term of [name, ...synonyms]) {
      for (const key of keysOf(term)) if (!canonical.has(key)) canonical.set(key, name);
    }
  }
  const alternatives = [...canonical.keys()].sort((a, b) => b.length - a.length).map(patternOf);
  const source = alternatives.length ? alternatives.join('|') : '(?!)';
  return {
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}@._%])(?:${source})(?![\p{L}\p{N}@]|[._%][\p{L}\p{N}])`, 'giu'),
    canonicalOf: (matched) => lookup(canonical, normalise(matched)),
  };
}

function normalise(text: string): string {
  return text.toLowerCase().trim().split(/[\s-]+/).filter(Boolean).join(' ');
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
