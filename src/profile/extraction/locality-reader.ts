import { readPlace } from './place-reader';
import { LowercaseCode, readUsState, StateRead } from './us-state-reader';

export interface Locality {
  city: string | null;
  /** The city was written in lower case. */
  lowercaseCity: boolean;
  state: string | null;
  zip: string | null;
  end: number;
}

const GAP = /[ \t]{0,3},?[ \t]{0,3}/y;
const IN = /[ \t]{0,3},?[ \t]{1,3}in[ \t]{1,3}/iy;
const ZIP = /[ \t]{0,3},?[ \t]{0,3}(\d{5}(?:-\d{4})?)(?![\d-])/y;
/** "upstate New York", "northern California": a part of a state, so no city. */
const PART_OF = /(?:upstate|downstate|(?:north|south|east|west)(?:ern)?|central|rural|coastal)[ \t]{1,3}/iy;
/** "New York state": the state, not the city. */
const STATE_WORD = /^[ \t]{1,3}state\b/i;

/**
 * Reads "City", "City, ST", "City State 12345", "ST" or "State" at `start`. After a street
 * (`afterStreet`) the city may be lower case and come after "in"; a state name on its own is a state.
 */
export function readLocality(text: string, start: number, afterStreet: boolean, lowercase = afterStreet): Locality | null {
  let at = afterStreet ? skip(IN, text, start) ?? skip(GAP, text, start) ?? start : start;
  // After a street, a city needs a comma or "in" before it, or a state after it ("Ave is not my address").
  const separated = !afterStreet || /[,\n]|\bin\b/i.test(text.slice(start, at));
  const leadingState = readUsState(text, at, afterStreet);
  const part = leadingState || afterStreet ? null : skip(PART_OF, text, at);
  const partState = part === null ? null : readUsState(text, part, false);
  if (partState) return { city: null, lowercaseCity: false, state: partState.code, zip: null, end: partState.end };
  const continues = leadingState && /^[ \t]{1,2}\p{Lu}\p{Ll}/u.test(text.slice(leadingState.end, leadingState.end + 4));
  if (leadingState && !continues && !stateAfter(text, leadingState.end, false)) {
    return withZip(text, { city: newYorkCity(text, at, leadingState), lowercaseCity: false, state: leadingState.code, zip: null, end: leadingState.end });
  }
  const place = readPlace(text, at, lowercase);
  if (!place) return null;
  at = place.end;
  const state = stateAfter(text, at, afterStreet || zipFollows(text, at) || 'at-end');
  if (!separated && !state && !/^[ \t.!]*(?:\n|$)/.test(text.slice(at, at + 4))) return null;
  const locality = { city: place.value, lowercaseCity: place.lowercase, state: state?.code ?? null, zip: null, end: state?.end ?? at };
  return withZip(text, locality, afterStreet);
}

/** "I live in New York": most who write the state's name alone mean the city; "New York state" is the state. */
function newYorkCity(text: string, start: number, state: StateRead): string | null {
  if (state.code !== 'NY' || state.abbreviated || STATE_WORD.test(text.slice(state.end, state.end + 8))) return null;
  return 'New York';
}

function stateAfter(text: string, start: number, lowercaseCode: LowercaseCode): StateRead | null {
  GAP.lastIndex = start;
  GAP.exec(text);
  if (GAP.lastIndex === start && /[\p{L}]/u.test(text[start] ?? '')) return null;
  return readUsState(text, GAP.lastIndex, lowercaseCode);
}

function zipFollows(text: string, start: number): boolean {
  const state = stateAfter(text, start, true);
  if (!state) return false;
  ZIP.lastIndex = state.end;
  return ZIP.test(text);
}

/** The ZIP after a state, or after a city that follows a street ("2810 Mesquite Trl, Round Rock 78681"). */
function withZip(text: string, locality: Locality, afterStreet = false): Locality {
  if (locality.state === null && !afterStreet) return locality;
  ZIP.lastIndex = locality.end;
  const zip = ZIP.exec(text);
  return zip ? { ...locality, zip: zip[1], end: ZIP.lastIndex } : locality;
}

function skip(pattern: RegExp, text: string, start: number): number | null {
  pattern.lastIndex = start;
  return pattern.exec(text) && pattern.lastIndex > start ? pattern.lastIndex : null;
}
