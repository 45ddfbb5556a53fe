import { CONFIDENCE } from './confidence';
import { FactCollector } from './fact-collector';
import { Locality, readLocality } from './locality-reader';
import { MessageText } from './message-text';
import { belongsToSomeoneElse } from './third-party';
import { readUsState } from './us-state-reader';
import { US_STATES } from './us-states';

/** Where someone lives: "I live in", "based in", "city is"; lower-case places allowed after these. */
const RESIDES = /\b(?:live|living|reside|residing)\s{1,3}in\s{1,3}|\b(?:located|based|situated)\s{1,3}in\s{1,3}|\b(?:home|house|property)\s{1,3}is\s{1,3}in\s{1,3}|\b(?:city|town)\s{1,3}of\s{1,3}/gi;
const CITY_IS = /\b(?:city|town)\s{0,3}(?:is|:|=|-)\s{0,3}/gi;
/** "I'm in Boston", "we're in Raleigh NC", "moved to Denver": capitals only. */
const IS_IN = /\b(?:i\s{0,2}['’]?m|i\s{1,3}am|we\s{0,2}['’]?re|we\s{1,3}are)\s{1,3}in\s{1,3}|\bmoved\s{1,3}to\s{1,3}/gi;
/** "while I'm in London", "when we're in Denver": a stay, not a home. */
const TEMPORARY = /\b(?:while|when|whenever|until|till|if|once)\s{1,3}$/i;
const STATE_IS = /\bstate\s{0,3}(?:is|:|=|-)\s{0,3}(?:in\s{1,3})?/gi;
const ZIP = /\b(?:zip|zipcode|zip\s{0,2}code|postal\s{1,2}code|postcode)(?:\s{0,3}(?:is|:|=|-|#|['’]s))?(?:\s{1,3}(?:is|actually)){0,3}\s{0,3}(\d{5}(?:-\d{4})?)(?![\d-])/gi;
const NOT_ZIP = /^\s{0,3},?\s{0,3}(?:and\s{1,3})?not\s{1,3}(\d{5}(?:-\d{4})?)(?![\d-])/;
const TITLE_NAMES = [...US_STATES.keys()].map((name) => name.replace(/\b(?!of\b)\p{L}/gu, (letter) => letter.toUpperCase()));
/** A state written as its capitalised name or upper-case code, anywhere ("Plano, TX", "Portland, Oregon"). */
const STATE_MENTION = new RegExp(
  String.raw`(?<![\p{L}])(?:${[...TITLE_NAMES, ...US_STATES.values()].sort((a, b) => b.length - a.length).join('|')})(?![\p{L}])`,
  'gu',
);
const CITY_BEFORE = /(?:^|[^\p{L}'’.-])((?:\p{Lu}[\p{L}\p{M}'’.-]{0,24}[ \t]{1,2}){0,2}\p{Lu}[\p{L}\p{M}'’.-]{0,24})([ \t]{0,2},[ \t]{0,2}|[ \t]{1,2})$/u;

/** City, state and ZIP outside a street line: "I live in Austin", "Plano, TX", "the zip is 78701". */
export class LocalityExtractor {
  extract(message: MessageText, out: FactCollector): void {
    this.afterCue(message, RESIDES, true, CONFIDENCE.likely, out);
    this.afterCue(message, CITY_IS, true, CONFIDENCE.stated, out);
    this.afterCue(message, IS_IN, false, CONFIDENCE.likely, out);
    this.stateMentions(message, out);
    this.stateIs(message, out);
    this.zips(message, out);
  }

  private afterCue(message: MessageText, cue: RegExp, lowercase: boolean, confidence: number, out: FactCollector): void {
    for (const match of message.matches(cue)) {
      const before = message.before(match.index, 40);
      if (belongsToSomeoneElse(before) || TEMPORARY.test(before)) continue;
      const locality = readLocality(message.text, match.index + match[0].length, false, lowercase);
      if (locality) add(locality, confidence, out);
    }
  }

  /** "Plano, TX", "Brooklyn NY 11215", "Tucson, AZ": a capitalised city right before a state. */
  private stateMentions(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(STATE_MENTION)) {
      const before = message.before(match.index, 50);
      const city = CITY_BEFORE.exec(before);
      if (!city || belongsToSomeoneElse(before)) continue;
      const locality = readLocality(message.text, match.index - city[0].length + city[0].indexOf(city[1]), false, false);
      if (!locality?.city || !locality.state || (!city[2].includes(',') && !locality.zip)) continue;
      add(locality, locality.zip ? CONFIDENCE.stated : CONFIDENCE.likely, out);
    }
  }

  private stateIs(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(STATE_IS)) {
      const state = readUsState(message.text, match.index + match[0].length, true);
      if (state) out.add('addressState', state.code, CONFIDENCE.stated);
    }
  }

  private zips(message: MessageText, out: FactCollector): void {
    for (const match of message.matches(ZIP)) {
      if (belongsToSomeoneElse(message.before(match.index, 40))) continue;
      out.add('addressZip', match[1], CONFIDENCE.stated);
      const end = match.index + match[0].length;
      const not = NOT_ZIP.exec(message.text.slice(end, end + 30));
      if (not) out.negate('addressZip', not[1], CONFIDENCE.stated);
    }
  }
}

function add(locality: Locality, confidence: number, out: FactCollector): void {
  if (locality.city) out.add('addressCity', locality.city, locality.lowercaseCity ? CONFIDENCE.possible : confidence);
  if (locality.state) out.add('addressState', locality.state, confidence);
  if (locality.zip) out.add('addressZip', locality.zip, CONFIDENCE.stated);
}
