/** One kind of catalog entries (products or services) compiled once into a pattern and a lookup. */
export interface CompiledTerms {
  /** Whole words (not inside an email or a domain), case-insensitive, plural-tolerant. */
  pattern: RegExp;
  /** The canonical name of a matched text. */
  canonicalOf(matched: string): string | undefined;
}

/** "a charger for my electric car": the head noun, "for", an optional determiner, then its modifiers. */
const INVERTED = /^(\S+) for (?:(?:a|an|the|my|our|your|his|her|their) )?(.+)$/;

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
  // Longest first, the turned-around forms among them: an alternation takes the first that matches.
  const keys = [...canonical.keys()];
  const forms = keys.map((key) => ({ length: key.length, source: patternOf(key) }));
  for (const key of keys) if (/^\S+(?: \S+){1,2}$/.test(key)) forms.push({ length: key.length + 5, source: invertedPatternOf(key) });
  const alternatives = [...new Set(forms.sort((a, b) => b.length - a.length).map((form) => form.source))];
  const source = alternatives.length ? alternatives.join('|') : '(?!)';
  return {
    pattern: new RegExp(String.raw`(?<![\p{L}\p{N}@._%])(?:${source})(?![\p{L}\p{N}@]|[._%][\p{L}\p{N}])`, 'giu'),
    canonicalOf: (matched) => {
      const key = normalise(matched);
      return lookup(canonical, key) ?? lookup(canonical, key.replace(/s (\S+)$/, ' $1'));
    },
  };
}

function normalise(text: string): string {
  const key = text.toLowerCase().trim().split(/[\s-]+/).filter(Boolean).join(' ');
  const inverted = INVERTED.exec(key);
  return inverted ? `${inverted[2]} ${inverted[1]}` : key;
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

/** "charger for (my) electric car(s)": the last word of the term first, the others after "for". */
function invertedPatternOf(key: string): string {
  const words = key.split(' ');
  const head = escape(words[words.length - 1]);
  const modifiers = patternOf(words.slice(0, -1).join(' '));
  return String.raw`${head}(?:s|es)?\s{1,3}for\s{1,3}(?:(?:a|an|the|my|our|your|his|her|their)\s{1,3})?${modifiers}`;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
