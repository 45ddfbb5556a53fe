import { lastMatchEnd } from './last-match';

/** "my wife's", "his", "my husband's number", "your office", "he's at": the value that follows is not the author's. */
const SOMEONE_ELSE =
  /\b(?:(?:my|our)\s{1,3}(?:(?:office|property|general|project|account|business)\s{1,3})?(?:wife|husband|partner|spouse|son|daughter|kid|child|mom|mother[-\s]in[-\s]law|father[-\s]in[-\s]law|mum|mother|dad|father|parents?|brother|sister|friend|boss|neighbou?r|landlord|tenant|colleague|co-?worker|assistant|girlfriend|boyfriend|fianc[eé]e?|roommate|realtor|agent|contractor|electrician|manager|grandma|grandpa|grandmother|grandfather|aunt|uncle|cousin|in-law|children|kids|accountant|lawyer|attorney|bookkeeper|secretary|property\s{1,3}manager|caretaker|nanny|housekeeper|handyman|plumber|installer|business\s{1,3}partner)(?:s|['’]s|s['’])?|(?:his|her|their|your|you\s{1,3}guys['’]?)\s{1,3}(?:[a-z]{1,15}\s{1,3})?(?:e-?mail|number|phone|cell|mobile|address|office|name|website|site|line|store|location|shop)|(?:he|she)\s{0,2}(?:['’]s|\s{1,3}is|\s{1,3}lives|\s{1,3}stays)\s{1,3}(?:at|in|on))\b/gi;

/** "but please use mine", "my own", "me at": the author takes the sentence back. */
const MINE = /\b(?:mine|my\s{1,3}own|me\s{1,3}at|i\s{1,3}use|my\s{1,3}(?:e-?mail|number|phone|cell|mobile|address|name)\s{0,3}(?:is|:))\b/gi;

/**
 * Whether the sentence before a value says it belongs to someone else. Only the closest cue
 * counts, so "my wife's email is x, mine is y" gives y to the author.
 */
export function belongsToSomeoneElse(before: string): boolean {
  const other = lastMatchEnd(SOMEONE_ELSE, before);
  return other >= 0 && other > lastMatchEnd(MINE, before);
}
