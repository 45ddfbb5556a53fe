import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { readName } from './name-reader';

const GREETING =
  /[\s\p{P}]{0,3}(?:(?:hi|hello|hey|hiya|yo|greetings|good\s{1,3}(?:morning|afternoon|evening|day)|hola|buenas(?:\s{1,3}(?:tardes|noches|d[ií]as))?|bonjour|hallo|ciao|ol[aá])(?:\s{1,3}(?:there|all|team|guys))?[\s,!.:;–—-]{0,4})?/iuy;
const THIS_IS = /(?:this\s{1,3}is|it['’]?s|it\s{1,3}is)\s{1,3}/iy;
const HERE = /\s{1,3}here\b/iy;
const AGAIN_OR_HERE = /\s{1,3}(?:again|here)\b/iy;

/** Where the message's own words start, after at most a greeting ("Hi, ", "Hello there! "). */
function openingEnd(text: string): number {
  GREETING.lastIndex = 0;
  return GREETING.exec(text) ? GREETING.lastIndex : 0;
}

export function atOpening(text: string, index: number): boolean {
  return openingEnd(text) === index;
}

/** "Hi, this is Maria", "it's Grace again", "Sofía here": introductions that open a message. */
export function extractOpeningName(text: string, out: FactCollector): void {
  const start = openingEnd(text);
  THIS_IS.lastIndex = start;
  const cue = THIS_IS.exec(text);
  if (cue) {
    const name = readName(text, THIS_IS.lastIndex, 'capitalized');
    if (!name) return;
    AGAIN_OR_HERE.lastIndex = name.end;
    if (/^this/i.test(cue[0]) || AGAIN_OR_HERE.exec(text)) out.add('customerName', name.value, CONFIDENCE.likely);
    else if (/^\s{0,2}(?:[.!\n]|$)/.test(text.slice(name.end, name.end + 3))) out.add('customerName', name.value, CONFIDENCE.possible);
    return;
  }
  const name = readName(text, start, 'capitalized');
  if (!name) return;
  HERE.lastIndex = name.end;
  if (HERE.exec(text)) out.add('customerName', name.value, CONFIDENCE.likely);
}
