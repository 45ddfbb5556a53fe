import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { NameRead, readName } from './name-reader';

/** A greeting or a filler word ("sorry,", "oops"), with the emoji and punctuation around it. */
const GREETING =
  /[\s\p{P}\p{Extended_Pictographic}\u{FE0F}]{0,6}(?:(?:hi+|hello+|hey+|hiya|yo|sup|wassup|howdy|greetings|good\s{1,3}(?:morning|afternoon|evening|day)|hola|buenas(?:\s{1,3}(?:tardes|noches|d[ií]as))?|bonjour|hallo|ciao|ol[aá]|oi|namaste|sorry|oops|ok|okay|yes|yeah|yep|oh|um+|so|correction|update)(?:\s{1,3}(?:there|all|team|guys))?[\s,!.:;–—\p{Extended_Pictographic}\u{FE0F}-]{0,8})?/iuy;
const THIS_IS = /(?:this\s{1,3}is|it['’]?s|it\s{1,3}is)\s{1,3}/iy;
/** The same introduction at the start of a later sentence: "following up. it's Deshawn again". */
const LATER_THIS_IS = /[.!?\n,][ \t]{0,3}(?:this\s{1,3}is|it['’]?s|its|it\s{1,3}is)\s{1,3}/gi;
/** "Sofía here", "Dana speaking". */
const LATER_WORDS = /\b(?:again|here|speaking|from|not)\b/i;
/** A later sentence that starts with a capital: "Sorry to bother. Kenji here." */
const LATER_SENTENCE = /[.!?\n][ \t]{0,3}(?=\p{Lu})/gu;
const HERE = /\s{1,3}(?:here|speaking)\b/iy;
/** "Chidi from 4B here": where the author is from, then "here". */
const FROM_HERE = /\s{1,3}from\s{1,3}[^.,!?\n]{1,30}?\s{1,3}here\b/iy;
const AGAIN_OR_HERE = /\s{1,3}(?:again|here)\b/iy;
/** "it's Joy from the Maple Ridge HOA", "this is Tran from unit 12": where the author writes from. */
const FROM = /^[ \t]{1,3}from[ \t]{1,3}(?:the\s|unit\b|apt\b|\p{Lu}|\d)/u;
/** "This is Summer, I'm the office manager", "I'm Precious, we spoke yesterday": what follows an introduction. */
const INTRO_CONTINUES =
  /^[ \t]{0,2},[ \t]{0,3}(?:(?:i['’]?m|i\s{1,3}am|we['’]?re|we\s{1,3}are)\s{1,3}(?:the|a|an|your|with|from)\b|(?:we|i)\s{1,3}(?:spoke|talked|met|emailed|called|wrote|left|submitted|signed)\b|following\s{1,3}up\b)/i;
/** "it's Jon without an h, not John": the name is set against another. */
const NOT_FOLLOWS = /^[^.!?\n]{0,40}?,\s{0,3}not\s{1,3}\p{Lu}/u;

/** Where the message's own words start, after at most a greeting ("Hi, ", "Hello there! "). */
function openingEnd(text: string): number {
  GREETING.lastIndex = 0;
  return GREETING.exec(text) ? GREETING.lastIndex : 0;
}

function isShouting(cue: string): boolean {
  return /\p{L}{2}/u.test(cue) && cue === cue.toUpperCase();
}

export function atOpening(text: string, index: number): boolean {
  return openingEnd(text) === index;
}

/**
 * "Hi, this is Maria", "it's Grace again", "Sofía here", "hey its jenna,": introductions that
 * open a message; later sentences count only with "again", "here" or "from" after the name
 * ("following up. it's Deshawn again"). Returns where the opening name ends, or -1.
 */
export function extractOpeningName(text: string, out: FactCollector): number {
  const start = openingEnd(text);
  THIS_IS.lastIndex = start;
  const cue = THIS_IS.exec(text);
  const opening = cue ? introduced(text, THIS_IS.lastIndex, cue[0], true, out) : nameHere(text, start, out);
  laterIntroductions(text, out);
  return opening;
}

function laterIntroductions(text: string, out: FactCollector): void {
  // A later introduction needs one of these words after the name; most messages have none.
  if (!LATER_WORDS.test(text)) return;
  const opening = openingEnd(text);
  let seen = 0;
  for (const cue of text.matchAll(LATER_THIS_IS)) {
    if (++seen > 8) break;
    if (cue.index >= opening) introduced(text, cue.index + cue[0].length, cue[0].slice(1).trim(), false, out);
  }
  seen = 0;
  for (const start of text.matchAll(LATER_SENTENCE)) {
    if (++seen > 8) return;
    if (start.index >= opening) nameHere(text, start.index + start[0].length, out);
  }
}

/** The name after "this is" / "it's" at `start`; at the opening a bare "It's Jamal." counts too. */
function introduced(text: string, start: number, cue: string, opening: boolean, out: FactCollector): number {
  const name = readName(text, start, 'weak', isShouting(cue)) ?? continuedName(text, start, cue);
  if (!name) return -1;
  AGAIN_OR_HERE.lastIndex = name.end;
  const rest = text.slice(name.end, name.end + 50);
  const confidence = name.lowercase ? CONFIDENCE.possible : CONFIDENCE.likely;
  if ((opening && /^this/i.test(cue)) || AGAIN_OR_HERE.exec(text) || FROM.test(rest)) out.add('customerName', name.value, confidence);
  else if (opening && /^\s{0,2}(?:[.,!\n]|$)/.test(rest)) out.add('customerName', name.value, CONFIDENCE.possible);
  else if (NOT_FOLLOWS.test(rest)) out.add('customerName', name.value, CONFIDENCE.likely);
  else return -1;
  return name.end;
}

/** A capitalised everyday word after "this is" that the words after it show to be a name: "This is Summer, I'm the office manager". */
function continuedName(text: string, start: number, cue: string): NameRead | null {
  if (!/^this/i.test(cue)) return null;
  const name = readName(text, start, 'capitalized');
  return name && !name.value.includes(' ') && INTRO_CONTINUES.test(text.slice(name.end, name.end + 40)) ? name : null;
}

function nameHere(text: string, start: number, out: FactCollector): number {
  const name = readName(text, start, 'weak');
  if (!name) return -1;
  HERE.lastIndex = name.end;
  FROM_HERE.lastIndex = name.end;
  if (!HERE.exec(text) && !FROM_HERE.exec(text) && !NOT_FOLLOWS.test(text.slice(name.end, name.end + 50))) return -1;
  out.add('customerName', name.value, name.lowercase ? CONFIDENCE.possible : CONFIDENCE.likely);
  return name.end;
}

/** "I'm Precious, we spoke yesterday": a capitalised everyday word the words after it show to be a name. */
export function continuesIntroduction(text: string, end: number): boolean {
  return INTRO_CONTINUES.test(text.slice(end, end + 40));
}
