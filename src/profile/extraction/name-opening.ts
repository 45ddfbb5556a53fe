import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { readName } from './name-reader';

/** A greeting or a filler word ("sorry,", "oops"), with the emoji and punctuation around it. */
const GREETING =
  /[\s\p{P}\p{Extended_Pictographic}\u{FE0F}]{0,6}(?:(?:hi+|hello+|hey+|hiya|yo|greetings|good\s{1,3}(?:morning|afternoon|evening|day)|hola|buenas(?:\s{1,3}(?:tardes|noches|d[ií]as))?|bonjour|hallo|ciao|ol[aá]|oi|namaste|sorry|oops|ok|okay|yes|yeah|yep|oh|um+|so|correction|update)(?:\s{1,3}(?:there|all|team|guys))?[\s,!.:;–—\p{Extended_Pictographic}\u{FE0F}-]{0,8})?/iuy;
const THIS_IS = /(?:this\s{1,3}is|it['’]?s|it\s{1,3}is)\s{1,3}/iy;
const HERE = /\s{1,3}here\b/iy;
const AGAIN_OR_HERE = /\s{1,3}(?:again|here)\b/iy;
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
 * open a message. Returns where the name ends, or -1.
 */
export function extractOpeningName(text: string, out: FactCollector): number {
  const start = openingEnd(text);
  THIS_IS.lastIndex = start;
  const cue = THIS_IS.exec(text);
  if (!cue) return nameHere(text, start, out);
  const name = readName(text, THIS_IS.lastIndex, 'weak', isShouting(cue[0]));
  if (!name) return -1;
  AGAIN_OR_HERE.lastIndex = name.end;
  const confidence = name.lowercase ? CONFIDENCE.possible : CONFIDENCE.likely;
  if (/^this/i.test(cue[0]) || AGAIN_OR_HERE.exec(text)) out.add('customerName', name.value, confidence);
  else if (/^\s{0,2}(?:[.,!\n]|$)/.test(text.slice(name.end, name.end + 3))) out.add('customerName', name.value, CONFIDENCE.possible);
  else if (NOT_FOLLOWS.test(text.slice(name.end, name.end + 50))) out.add('customerName', name.value, CONFIDENCE.likely);
  else return -1;
  return name.end;
}

function nameHere(text: string, start: number, out: FactCollector): number {
  const name = readName(text, start, 'weak');
  if (!name) return -1;
  HERE.lastIndex = name.end;
  if (!HERE.exec(text) && !NOT_FOLLOWS.test(text.slice(name.end, name.end + 50))) return -1;
  out.add('customerName', name.value, name.lowercase ? CONFIDENCE.possible : CONFIDENCE.likely);
  return name.end;
}
