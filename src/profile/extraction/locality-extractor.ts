import { CONFIDENCE } from './confidence';
import { hasCorrectionCue } from './correction-cue';
import { FactCollector } from './fact-collector';
import { Locality, readLocality } from './locality-reader';
import { MessageText } from './message-text';
import { readPlace } from './place-reader';
import { belongsToSomeoneElse } from './third-party';
import { readUsState } from './us-state-reader';
import { US_STATES } from './us-states';

/** Where someone lives: "I live in", "based in", "city is"; lower-case places allowed after these. */
const RESIDES = /\b(?:live|living|reside|residing)\s{1,3}in\s{1,3}|\b(?:located|based|situated)\s{1,3}in\s{1,3}|\b(?:home|house|property)\s{1,3}is\s{1,3}in\s{1,3}|\b(?:city|town)\s{1,3}of\s{1,3}|\b(?:vivo|resido|moro)\s{1,3}(?:en|em|no|na)\s{1,3}|\bj['’]habite\s{1,3}(?:à|a|en)\s{1,3}|\bich\s{1,3}wohne\s{1,3}in\s{1,3}/gi;
const CITY_IS = /\b(?:city|town)\s{0,3}(?:is|:|=|-)\s{0,3}/gi;
/** "I'm in Boston", "we're in Raleigh NC", "moved to Denver", "solar for my house in Lahore": capitals only. */
const IS_IN =
  /\b(?:i\s{0,2}['’]?m|i\s{1,3}am|we\s{0,2}['’]?re|we\s{1,3}are)\s{1,3}(?:(?:over|out|down|up|back)\s{1,3})?in\s{1,3}|\b(?:my|our)\s{1,3}(?:house|home|place)\s{1,3}in\s{1,3}|\bmoved\s{1,3}to\s{1,3}|\b(?:live|living|i\s{0,2}['’]?m|i\s{1,3}am|we\s{0,2}['’]?re|we\s{1,3}are)\s{1,3}(?:on|in)\s{1,3}the\s{1,3}(?:north|south|east|west|north\s?east|north\s?west|south\s?east|south\s?west)(?:ern)?\s{1,3}(?:side|part|end)\s{1,3}of\s{1,3}/gi;
/** "while I'm in London", "when we're in Denver": a stay, not a home. */
const TEMPORARY = /\b(?:while|when|whenever|until|till|if|once)\s{1,3}$/i;
/** "I'm in London for work this month", "we're in Denver visiting": a stay, not a home. */
const TEMPORARY_AFTER =
  /^[ \t,]{0,3}(?:for\s{1,3}(?:work|business|a\s{1,3}(?:few|couple|week|month|conference|visit|trip|wedding)|the\s{1,3}(?:week|weekend|month|summer|winter|holidays?))|this\s{1,3}(?:week|weekend|month)|on\s{1,3}(?:vacation|holiday|business|a\s{1,3}trip)|visiting|until|till|right\s{1,3}now)\b/i;
/** "we're in the Dallas area", "I live in the Tampa Bay area": a metro area, stored as its city. */
const IN_THE_AREA = /\b(?:i\s{0,2}['’]?m|i\s{1,3}am|we\s{0,2}['’]?re|we\s{1,3}are|live|living|located|based)\s{1,3}(?:in|near)\s{1,3}the\s{1,3}(?=[A-Z])/gi;
const AREA = /^[ \t]{1,3}(?:area|metro(?:\s{1,3}area)?|region|suburbs)\b/;
/** A residence cue followed by a ZIP alone: "we're in 27612". */
const ZIP_AT = /(\d{5}(?:-\d{4})?)(?![\d-])/y;
/** A city right after a ZIP, ending the clause: "zip 98103 seattle", "zip 60614, chicago". */
const CITY_AFTER_ZIP = /[ \t]{0,3},?[ \t]{0,3}/y;
const CLAUSE_END = /^[ \t]{0,3}(?:[,.!?;\n]|$)/;
/** Where a comma- or line-separated item of a terse message starts ("jenna, 512 555 0199, austin tx"). */
const ITEM = /(?:^|[,;\n])[ \t]{0,3}(?=\p{L})/gu;
/** The item's last word before the next comma, period or line, when it may end a state ("tx", "texas", "york"). */
const ITEM_LAST_WORD = /^[^,.;!?\n]{0,40}?([A-Za-z]+)[ \t]{0,3}(?:[,.;!?\n]|$)/;
const STATE_LAST_WORDS = new Set([...US_STATES.values()].map((code) => code.toLowerCase()).concat([...US_STATES.keys()].map((name) => name.split(' ').pop() as string)));
/** "from Edison NJ", "in Sugar Land TX": a city and a state without a comma after one of these. */
const FROM_OR_IN = /\b(?:from|in)\s{1,3}$/i;
const STATE_IS = /\bstate\s{0,3}(?:is|:|=|-)\s{0,3}(?:in\s{1,3})?/gi;
const ZIP = /\b(?:zip|zipcode|zip\s{0,2}code|postal\s{1,2}code|postcode)(?:\s{0,3}(?:is|:|=|-|#|\?|['’]s))?(?:\s{1,3}(?:is|actually)){0,3}\s{0,3}(\d{5}(?:-\d{4})?)(?![\d-])/gi;
const NOT_ZIP = /^\s{0,3},?\s{0,3}(?:and\s{1,3})?not\s{1,3}(\d{5}(?:-\d{4})?)(?![\d-])/;
/** "I meant 78746 not 78764", "60647* (not 60674)", "it's 33139 (you have 33193)": a ZIP corrected without the word zip. */
const ZIP_FOR_ZIP =
  /\b(\d{5})\*?[ \t]{0,3}\(?[ \t]{0,3},?[ \t]{0,3}(?:and[ \t]{1,3})?(?:not|instead[ \t]{1,3}of|rather[ \t]{1,3}than|you[ \t]{1,3}have(?:[ \t]{1,3}it[ \t]{1,3}as)?)[ \t]{1,3}(\d{5})(?![\p{N}.,-])/giu;
const TITLE_NAMES = [...US_STATES.keys()].map((name) => name.replace(/\b(?!of\b)\p{L}/gu, (letter) => letter.toUpperCase()));
/** A state written as its capitalised name or upper-case code, anywhere ("Plano, TX", "Portland, Oregon"). */
const STATE_MENTION = new RegExp(
  String.raw`(?<![\p{L}])(?:${[...TITLE_NAMES, ...US_STATES.values()].sort((a, b) => b.length - a.length).join('|')})(?![\p{L}])`,
  'gu',
);
const CITY_BEFORE =
  /(?:^|[^\p{L}'’.-])((?:\p{Lu}[\p{L}\p{M}'’.-]{0,24}[ \t]{1,2}(?:(?:of|or|de|del|la|on|upon)[ \t]{1,2})?){0,2}\p{Lu}[\p{L}\p{M}'’.-]{0,24})([ \t]{0,2},[ \t]{0,2}|[ \t]{1,2})$/u;
/** "Do you guys go out as far as Lake Havasu City, AZ?", "Sugar Land, TX, do you cover that?": a place asked about. */
const COVERAGE =
  /\b(?:cover|covers|covered|coverage|serve|serves|service\s{1,3}(?:area|that|there|it)|(?:your|the)\s{1,3}(?:service\s{1,3})?(?:area|range|territory|zone)|too\s{1,3}far|as\s{1,3}far\s{1,3}as|come\s{1,3}out\s{1,3}to|travel\s{1,3}to|(?:do|does|can|will)\s{1,3}(?:you|y['’]all|your\s{1,3}\w{1,12})(?:\s{1,3}guys)?\s{1,3}(?:go|come|work|install|service|operate))\b/i;
/** ", not Santa Rosa CA": a place the author says is not theirs, right after theirs. */
const NOT_THERE = /[ \t]{0,3},?[ \t]{0,3}not[ \t]{1,3}/iy;

/** City, state and ZIP outside a street line: "I live in Austin", "Plano, TX", "the zip is 78701". */
export class LocalityExtractor {
  extract(message: MessageText, out: FactCollector): void {
    this.afterCue(message, RESIDES, true, CONFIDENCE.likely, out);
    this.afterCue(message, CITY_IS, true, CONFIDENCE.stated, out);
    this.afterCue(message, IS_IN, 'with-state', CONFIDENCE.likely, out);
    this.stateMentions(message, out);
    this.items(message, out);
    this.areas(message, out);
    this.stateIs(message, out);
    this.zips(message, out);
    if (hasCorrectionCue(message.text)) this.zipForZip(message, out);
  }

  /** `lowercase`: a lower-case city counts; 'with-state' only when a state follows it ("we're in winston-salem nc"). */
  private afterCue(message: MessageText, cue: RegExp, lowercase: boolean | 'with-state', confidence: number, out: FactCollector): void {
    for (const match of message.matches(cue)) {
      const before = message.before(match.index, 40);
      if (belongsToSomeoneElse(before) || TEMPORARY.test(before)) continue;
      const start = match.index + match[0].length;
      const locality = readLocality(message.text, start, false, lowercase !== false);
      if (!locality) {
        this.zipAt(message.text, start, out);
      } else if ((lowercase !== 'with-state' || !locality.lowercaseCity || locality.state) && !TEMPORARY_AFTER.test(message.text.slice(locality.end, locality.end + 30))) {
        add(locality, confidence, out);
        this.notThere(message.text, locality, out);
      }
    }
  }

  /** "I'm in Santa Rosa Beach, FL, not Santa Rosa CA": the other place is disowned. */
  private notThere(text: string, home: Locality, out: FactCollector): void {
    NOT_THERE.lastIndex = home.end;
    if (!NOT_THERE.exec(text)) return;
    const other = readLocality(text, NOT_THERE.lastIndex, false, false);
    if (other?.city && other.city !== home.city) out.negate('addressCity', other.city, CONFIDENCE.likely);
    if (other?.state && other.state !== home.state) out.negate('addressState', other.state, CONFIDENCE.likely);
  }

  private zipAt(text: string, start: number, out: FactCollector): void {
    ZIP_AT.lastIndex = start;
    const zip = ZIP_AT.exec(text);
    if (zip) out.add('addressZip', zip[1], CONFIDENCE.likely);
  }

  /** "Plano, TX", "Brooklyn NY 11215", "Tucson, AZ": a capitalised city right before a state. */
  private stateMentions(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(STATE_MENTION)) {
      const before = message.before(match.index, 50);
      const city = CITY_BEFORE.exec(before);
      if (!city || belongsToSomeoneElse(before)) continue;
      const cityStart = match.index - city[0].length + city[0].indexOf(city[1]);
      const locality = readLocality(message.text, cityStart, false, false);
      if (!locality?.city || !locality.state) continue;
      if (!city[2].includes(',') && !locality.zip && !FROM_OR_IN.test(message.before(cityStart, 12))) continue;
      if ((!locality.zip && askedAbout(message, cityStart)) || anotherCity(locality, out)) continue;
      add(locality, locality.zip ? CONFIDENCE.stated : CONFIDENCE.likely, out);
    }
  }

  /** An item that is nothing but a city and its state: "..., austin tx", "\nPlano, Texas". */
  private items(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(ITEM)) {
      const start = match.index + match[0].length;
      const last = ITEM_LAST_WORD.exec(message.text.slice(start, start + 48));
      if (!last || !STATE_LAST_WORDS.has(last[1].toLowerCase())) continue;
      const locality = readLocality(message.text, start, false, true);
      if (!locality?.city || !locality.state || !CLAUSE_END.test(message.text.slice(locality.end, locality.end + 4))) continue;
      if (belongsToSomeoneElse(message.before(start, 40)) || (!locality.zip && askedAbout(message, start))) continue;
      add(locality, locality.lowercaseCity ? CONFIDENCE.possible : CONFIDENCE.likely, out);
    }
  }

  private areas(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(IN_THE_AREA)) {
      const place = readPlace(message.text, match.index + match[0].length, false);
      if (place && AREA.test(message.text.slice(place.end, place.end + 16)) && !belongsToSomeoneElse(message.before(match.index, 40))) {
        out.add('addressCity', place.value, CONFIDENCE.likely);
      }
    }
  }

  private stateIs(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(STATE_IS)) {
      const state = readUsState(message.text, match.index + match[0].length, true);
      if (state) out.add('addressState', state.code, CONFIDENCE.stated);
    }
  }

  private cityAfterZip(text: string, end: number, out: FactCollector): void {
    const city = cityAfterZipOf(text, end);
    if (city) out.add('addressCity', city, CONFIDENCE.possible);
  }

  private zipForZip(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(ZIP_FOR_ZIP, 4)) {
      if (/[$#.,/-]/.test(message.text[match.index - 1] ?? '') || belongsToSomeoneElse(message.before(match.index, 40)) || out.has('addressZip')) continue;
      out.add('addressZip', match[1], CONFIDENCE.likely);
      out.negate('addressZip', match[2], CONFIDENCE.likely);
    }
  }

  private zips(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(ZIP)) {
      if (belongsToSomeoneElse(message.before(match.index, 40))) continue;
      out.add('addressZip', match[1], CONFIDENCE.stated);
      const end = match.index + match[0].length;
      this.cityAfterZip(message.text, end, out);
      const not = NOT_ZIP.exec(message.text.slice(end, end + 30));
      if (not) out.negate('addressZip', not[1], CONFIDENCE.stated);
    }
  }
}

/** "Our church is in Lafayette, LA but I live in Breaux Bridge": a place other than the home already read. */
function anotherCity(locality: Locality, out: FactCollector): boolean {
  const home = out.valueOf('addressCity');
  return home !== undefined && locality.city !== null && locality.city !== home;
}

/** Whether the sentence around a place asks about coverage ("do you cover that?", "in your service area?"). */
function askedAbout(message: MessageText, index: number): boolean {
  const sentence = message.before(index, 80) + message.after(index, 80);
  return COVERAGE.test(sentence) && message.text.includes('?');
}

function cityAfterZipOf(text: string, end: number): string | null {
  CITY_AFTER_ZIP.lastIndex = end;
  if (!CITY_AFTER_ZIP.exec(text) || CITY_AFTER_ZIP.lastIndex === end) return null;
  const place = readPlace(text, CITY_AFTER_ZIP.lastIndex, true);
  return place && CLAUSE_END.test(text.slice(place.end, place.end + 4)) ? place.value : null;
}

function add(locality: Locality, confidence: number, out: FactCollector): void {
  if (locality.city) out.add('addressCity', locality.city, locality.lowercaseCity ? CONFIDENCE.possible : confidence);
  if (locality.state) out.add('addressState', locality.state, confidence);
  if (locality.zip) out.add('addressZip', locality.zip, CONFIDENCE.stated);
}
