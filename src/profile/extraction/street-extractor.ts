import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { Locality, readLocality } from './locality-reader';
import { MessageText } from './message-text';
import { belongsToSomeoneElse } from './third-party';
import { disownedBefore } from './value-state';

const HOUSE = String.raw`(?<![\p{L}\p{N}#$€£.,/-])\d{1,6}(?:-\d{1,4})?[a-z]?`;
const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}'’.-]{0,24}`;
const DIRECTION = String.raw`(?:[NSEW]\.?|north|south|east|west|[NS]\.?[EW]\.?)`;
/** Street types that are rarely anything else. */
const STRONG = 'street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|dr|ct|pl|pkwy|hwy|ter|terr|cir|trl|expy|fwy';
/** Street types that are also common words ("on the way"): need a capital or an address cue. */
const WEAK = 'drive|court|place|way|parkway|highway|terrace|circle|trail|loop|square|sq|row|path|walk|run|pike|cove|crossing|plaza|alley|bend|ridge';
const UNIT = String.raw`(?:,?\s{1,3}(?:apt|apartment|unit|suite|ste|#|fl|floor|bldg)\.?\s{0,3}#?[\p{L}\p{N}-]{1,6}(?![\p{L}\p{N}]))`;
const STREET = new RegExp(
  String.raw`${HOUSE}\s{1,3}(?:${WORD}\s{1,3}){0,3}?(${STRONG}|${WEAK})\.?(?![\p{L}\p{N}])(?:\s{1,3}${DIRECTION}(?![\p{L}\p{N}]))?${UNIT}?`,
  'giu',
);
const PO_BOX = /\b(?:p\.?\s?o\.?\s{0,2}box|post\s{1,3}office\s{1,3}box)\s{0,3}#?(\d{1,6})\b/gi;
/** An address cue: a street right after it may lack a street type ("I live at 1811 Calle Real"). */
const CUE =
  /\b(?:address|live\s{1,3}at|living\s{1,3}at|located\s{1,3}at|(?:we|i)['’]?(?:re|m)\s{1,3}at|(?:property|house|home|place)\s{1,3}is(?:\s{1,3}at)?|moved\s{1,3}(?:in)?to|ship\s{1,3}(?:it\s{1,3})?to|street\s{1,3}is)\s{0,3}(?:is\s{1,3}|:\s{0,3}|-\s{0,3})?$/i;
const CUE_AT = new RegExp(CUE.source.replace(/\$$/, ''), 'gi');
const CUED_STREET = new RegExp(String.raw`${HOUSE}(?:\s{1,3}${WORD}){1,4}?(?=\s{0,3}(?:,|\n|$|\s{1,3}in\s))`, 'iuy');
const WEAK_TYPE = new RegExp(`^(?:${WEAK})$`, 'i');
const FUNCTION_WORDS = new Set('the a an and or of in on at to for from with by my your our is are was be it this that i we you they there here per each than then more less about into over under'.split(' '));

/** Street lines ("123 Main St", "4500 N. Oak Avenue, Apt 5B", "PO Box 442"), then the city, state and ZIP after them. */
export class StreetExtractor {
  extract(message: MessageText, out: FactCollector): void {
    if (!/\d/.test(message.text)) return;
    let found = false;
    for (const match of message.matches(STREET)) found = this.consider(message, match.index, match[0], weak(match[1]), out) || found;
    for (const match of message.matches(PO_BOX)) found = this.consider(message, match.index, `PO Box ${match[1]}`, false, out, match[0].length) || found;
    if (!found) this.cuedStreet(message, out);
  }

  private consider(message: MessageText, index: number, raw: string, weakType: boolean, out: FactCollector, length = raw.length): boolean {
    const before = message.before(index, 60);
    if (belongsToSomeoneElse(before)) return false;
    const cued = CUE.test(before);
    const words = raw.split(/\s+/).slice(1, -1);
    if (words.some((word) => FUNCTION_WORDS.has(word.toLowerCase()))) return false;
    if (weakType && !cued && !/\s\p{Lu}[\p{L}.]*\.?$/u.test(raw.replace(/,?\s{1,3}(?:apt|apartment|unit|suite|ste|#|fl|floor|bldg)\b.*$/iu, ''))) return false;
    if (disownedBefore(before)) {
      out.negate('addressStreet', normaliseStreet(raw), CONFIDENCE.stated);
      return true;
    }
    const locality = readLocality(message.text, index + length, true);
    const confidence = cued || locality?.zip ? CONFIDENCE.stated : CONFIDENCE.likely;
    out.add('addressStreet', normaliseStreet(raw), confidence);
    if (locality) addLocality(locality, confidence, out);
    return true;
  }

  private cuedStreet(message: MessageText, out: FactCollector): void {
    for (const cue of message.matches(CUE_AT)) {
      const start = cue.index + cue[0].length;
      CUED_STREET.lastIndex = start;
      const street = CUED_STREET.exec(message.text);
      if (street) this.consider(message, start, street[0], false, out);
    }
  }
}

function weak(type: string): boolean {
  return WEAK_TYPE.test(type);
}

function addLocality(locality: Locality, confidence: number, out: FactCollector): void {
  if (locality.city) out.add('addressCity', locality.city, locality.lowercaseCity && confidence < CONFIDENCE.stated ? CONFIDENCE.possible : confidence);
  if (locality.state) out.add('addressState', locality.state, confidence);
  if (locality.zip) out.add('addressZip', locality.zip, CONFIDENCE.stated);
}

/** Collapses spaces, drops a final period; an all-lower-case street gets capitals ("123 main st" -> "123 Main St"). */
function normaliseStreet(raw: string): string {
  const street = raw.replace(/\s+/g, ' ').replace(/\.$/, '').trim();
  if (/\p{Lu}/u.test(street)) return street;
  return street.replace(/(^|\s)(\p{L}+|\d+[a-z])(?=\s|,|$)/gu, (_, sep: string, word: string) => sep + (/^\d/.test(word) ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1)));
}
