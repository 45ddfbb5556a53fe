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
const STRONG = 'street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|dr|ct|pl|pkwy|hwy|ter|terr|cir|trl|expy|fwy|broadway';
/** Street types that are also common words ("on the way"): need a capital or an address cue. */
const WEAK = 'drive|court|place|way|parkway|highway|terrace|circle|trail|loop|square|sq|row|path|walk|run|pike|cove|crossing|plaza|alley|bend|ridge';
const UNIT = String.raw`(?:,?\s{1,3}(?:#|(?:apt|apartment|unit|suite|ste|fl|floor|bldg)(?![\p{L}]))\.?\s{0,3}#?[\p{L}\p{N}-]{1,6}(?![\p{L}\p{N}]))`;
const STREET = new RegExp(
  String.raw`${HOUSE}\s{1,3}(?:${WORD}\s{1,3}){0,3}?(${STRONG}|${WEAK})\.?(?![\p{L}\p{N}])(?:\s{1,3}${DIRECTION}(?![\p{L}\p{N}]))?${UNIT}?`,
  'giu',
);
/** After a house number: the rest of a street name ("12| Oak Street", "7| Maple Drive"); weak types need their capital. */
const STREET_REST = new RegExp(String.raw`^\s{1,3}(?:${DIRECTION}\s{1,3})?(?:${WORD}\s{1,3}){0,3}?(?:${STRONG})\.?(?![\p{L}\p{N}])`, 'iu');
const CAPITALISED_STREET_REST = new RegExp(
  String.raw`^\s{1,3}(?:${WORD}\s{1,3}){0,3}?(?:${WEAK.split('|').map((type) => type[0].toUpperCase() + type.slice(1)).join('|')})(?![\p{L}\p{N}])`,
  'u',
);
const PO_BOX = /\b(?:p\.?\s?o\.?\s{0,2}box|post\s{1,3}office\s{1,3}box)\s{0,3}#?(\d{1,6})\b/gi;
/** Rural routes and highway contract routes: "RR 2 Box 145", "Rural Route 3, Box 12", "HC 1 Box 9". */
const RURAL_ROUTE = /\b(?:(rr|r\.r\.|rural\s{1,3}route)|(hc|star\s{1,3}route))\s{0,3}#?(\d{1,4}),?\s{1,3}box\s{0,3}#?(\d{1,6})\b/gi;
/** A numbered road: "850 County Road 12", "12 Highway 61 N", "4 State Route 9", "300 FM 1960". */
const NUMBERED_ROAD = new RegExp(
  String.raw`${HOUSE}\s{1,3}(?:(?:county|state|us|u\.s\.|farm\s{1,3}to\s{1,3}market)\s{1,3})?(?:road|rd|route|rte|highway|hwy|cr|sr|fm)\s{1,3}\d{1,4}[a-z]?(?![\p{L}\p{N}])(?:\s{1,3}${DIRECTION}(?![\p{L}\p{N}]))?${UNIT}?`,
  'giu',
);
/** A ZIP right after a street, without a city: "6120 Lima Rd, 46818". */
/** "1600 Pennsylvania Ave is not my address", "... isn't mine". */
const NOT_MINE_AFTER = /^[\s,]{0,3}(?:(?:is|was)\s{1,3}not|isn['’]?t|wasn['’]?t)\s{1,3}(?:my\s{1,3}(?:address|house|home|place)|mine)\b/i;
const BARE_ZIP = /^[ \t]{0,3},?[ \t]{0,3}(\d{5}(?:-\d{4})?)(?![\d-])/;
/** "that's my old address", "the address you have is wrong": the stored street is disowned. */
const DISOWNED =
  /\b(?:(?:that|this|it)['’]?s|(?:that|this|it)\s{1,3}is|thats|its)\s{1,3}(?:not\s{1,3}my|my\s{1,3}(?:old|previous|former))\s{1,3}address\b|\b(?:that|the|this)\s{1,3}address(?:\s{1,3}(?:you\s{1,3}have(?:\s{1,3}for\s{1,3}me)?|on\s{1,3}file))?\s{1,3}(?:is|was)\s{1,3}(?:old|wrong|incorrect|outdated)\b|\bwrong\s{1,3}address\b|\baddress\s{1,3}(?:you\s{1,3}have|on\s{1,3}file)(?:\s{1,3}for\s{1,3}me)?\s{1,3}is\s{1,3}(?:my\s{1,3})?(?:wrong|old|incorrect|outdated|previous)\b/i;
/** An address cue: a street right after it may lack a street type ("I live at 1811 Calle Real"). */
const CUE =
  /\b(?:address|live\s{1,3}at|living\s{1,3}at|located\s{1,3}at|(?:we|i)['’]?(?:re|m)\s{1,3}at|(?:property|house|home|place)\s{1,3}is(?:\s{1,3}at)?|moved\s{1,3}(?:in)?to|ship\s{1,3}(?:it\s{1,3})?to|street\s{1,3}is)\s{0,3}(?:is\s{1,3}|:\s{0,3}|-\s{0,3})?$/i;
const CUE_AT = new RegExp(CUE.source.replace(/\$$/, ''), 'gi');
const CUED_STREET = new RegExp(String.raw`${HOUSE}(?:\s{1,3}${WORD}){1,4}?(?=\s{0,3}(?:,|\n|$|\s{1,3}in\s))`, 'iuy');
const WEAK_TYPE = new RegExp(`^(?:${WEAK})$`, 'i');
const FUNCTION_WORDS = new Set('the a an and or of in on at to for from with by my your our is are was be it this that i we you they there here per each than then more less about into over under not'.split(' '));
/** "4112 not 4121 Lakeshore Dr": the house number corrected, the street named once. */
const NUMBER_FOR_NUMBER = /^(\d{1,6}[a-z]?)[ \t]{0,3},?[ \t]{1,3}not[ \t]{1,3}(\d{1,6}[a-z]?)[ \t]{1,3}(\S.*)$/iu;

/** True when `text`, right after a number, goes on as a street name: the number was a house number ("at 12 Oak Street"). */
export function continuesAsStreet(text: string): boolean {
  return STREET_REST.test(text) || CAPITALISED_STREET_REST.test(text);
}

/** What one street candidate became: a street, a disowned street ("..., not 91 Fenwick St"), or nothing. */
type Read = 'added' | 'negated' | null;

/** Street lines ("123 Main St", "4500 N. Oak Avenue, Apt 5B", "PO Box 442"), then the city, state and ZIP after them. */
export class StreetExtractor {
  extract(message: MessageText, out: FactCollector): void {
    const read = /\d/.test(message.text) ? this.streets(message, out) : [];
    if (DISOWNED.test(message.text) && !read.includes('negated')) out.negate('addressStreet', null, CONFIDENCE.likely);
  }

  private streets(message: MessageText, out: FactCollector): Read[] {
    const read: Read[] = [];
    for (const match of message.matches(NUMBERED_ROAD)) read.push(this.consider(message, match.index, match[0], false, out));
    for (const match of message.matches(STREET)) read.push(this.consider(message, match.index, match[0], weak(match[1]), out));
    for (const match of message.matches(PO_BOX)) read.push(this.consider(message, match.index, `PO Box ${match[1]}`, false, out, match[0].length));
    for (const match of message.matches(RURAL_ROUTE)) read.push(this.consider(message, match.index, ruralRoute(match), false, out, match[0].length));
    if (!read.some(Boolean)) this.cuedStreet(message, out, read);
    return read;
  }

  private consider(message: MessageText, index: number, raw: string, weakType: boolean, out: FactCollector, length = raw.length): Read {
    const before = message.before(index, 60);
    if (belongsToSomeoneElse(before)) return null;
    const cued = CUE.test(before);
    const corrected = NUMBER_FOR_NUMBER.exec(raw);
    if (corrected) return this.numberCorrected(corrected, out);
    const words = raw.split(/\s+/).slice(1, -1);
    if (words.some((word) => FUNCTION_WORDS.has(word.toLowerCase()))) return null;
    if (weakType && !cued && !/\s\p{Lu}[\p{L}.]*\.?$/u.test(raw.replace(/,?\s{1,3}(?:apt|apartment|unit|suite|ste|#|fl|floor|bldg)\b.*$/iu, ''))) return null;
    if (disownedBefore(before) || NOT_MINE_AFTER.test(message.after(index + length, 40))) {
      out.negate('addressStreet', normaliseStreet(raw), CONFIDENCE.stated);
      return 'negated';
    }
    const locality = readLocality(message.text, index + length, true);
    const zip = locality ? null : BARE_ZIP.exec(message.text.slice(index + length, index + length + 16));
    const confidence = cued || locality?.zip || zip ? CONFIDENCE.stated : CONFIDENCE.likely;
    out.add('addressStreet', normaliseStreet(raw), confidence);
    if (locality) addLocality(locality, confidence, out);
    if (zip) out.add('addressZip', zip[1], CONFIDENCE.stated);
    return 'added';
  }

  private numberCorrected([, right, wrong, street]: RegExpExecArray, out: FactCollector): Read {
    out.add('addressStreet', normaliseStreet(`${right} ${street}`), CONFIDENCE.likely);
    out.negate('addressStreet', normaliseStreet(`${wrong} ${street}`), CONFIDENCE.likely);
    return 'added';
  }

  private cuedStreet(message: MessageText, out: FactCollector, read: Read[]): void {
    for (const cue of message.matches(CUE_AT)) {
      const start = cue.index + cue[0].length;
      CUED_STREET.lastIndex = start;
      const street = CUED_STREET.exec(message.text);
      if (street) read.push(this.consider(message, start, street[0], false, out));
    }
  }
}

function ruralRoute(match: RegExpExecArray): string {
  return `${match[1] ? 'RR' : 'HC'} ${match[3]} Box ${match[4]}`;
}

function weak(type: string): boolean {
  return WEAK_TYPE.test(type);
}

function addLocality(locality: Locality, confidence: number, out: FactCollector): void {
  if (locality.city) out.add('addressCity', locality.city, locality.lowercaseCity && confidence < CONFIDENCE.stated ? CONFIDENCE.possible : confidence);
  if (locality.state) out.add('addressState', locality.state, confidence);
  if (locality.zip) out.add('addressZip', locality.zip, CONFIDENCE.stated);
}

/**
 * Collapses spaces, drops a final period; an all-lower-case street gets capitals ("123 main st" ->
 * "123 Main St"), an all-capital one loses them but for directions ("1402 BAYOU RD NE" -> "1402 Bayou Rd NE").
 */
function normaliseStreet(raw: string): string {
  const street = raw.replace(/\s+/g, ' ').replace(/\.$/, '').trim();
  const lower = !/\p{Lu}/u.test(street);
  if (!lower && /\p{Ll}/u.test(street)) return street;
  return street.replace(/(^|[\s#])(\p{L}+|\d+\p{L}{1,2})(?=[\s,.]|$)/gu, (_, sep: string, word: string) => sep + capitalise(word, lower));
}

function capitalise(word: string, lower: boolean): string {
  if (/^\d/.test(word)) return /^\d+(?:st|nd|rd|th)$/i.test(word) ? word.toLowerCase() : word.toUpperCase();
  if (!lower && /^(?:[NSEW]|[NS][EW]|PO|RR|HC|US|FM|CR|SR)$/.test(word)) return word;
  if (/^[ns][ew]$/.test(word)) return word.toUpperCase();
  return word[0].toUpperCase() + word.slice(1).toLowerCase();
}
