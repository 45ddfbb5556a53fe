/**
 * Turns catalog words into a lookup key and a regex source: lower case, spaces or hyphens
 * between words, the last word singular in the key and plural-tolerant in the pattern
 * ("EV chargers" and "ev charger" share the key "ev charger").
 */
export function catalogKey(term: string): string {
  const words = term.toLowerCase().trim().split(/[\s-]+/).filter(Boolean);
  if (words.length) words[words.length - 1] = singular(words[words.length - 1]);
  return words.join(' ');
}

export function catalogPattern(key: string): string {
  const words = key.split(' ').map(escape);
  words[words.length - 1] = plural(words[words.length - 1]);
  return words.join(String.raw`[\s-]{1,3}`);
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is|as)$/.test(word)) return word.slice(0, -1);
  return word;
}

function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}(?:y|ies)`;
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${word}(?:es)?`;
  return `${word}s?`;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
