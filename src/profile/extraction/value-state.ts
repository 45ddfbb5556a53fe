import { lastMatchEnd } from './last-match';

/**
 * What the sentence around an email or a phone number says of it: the author's current value,
 * the one they now prefer ("the new one is"), an old one ("my old email was"), or one they disown.
 */
export type ValueState = 'current' | 'preferred' | 'old' | 'negated';

/** "not a@x.com", "I don't use a@x.com anymore", "no longer have 555-...". */
const NEGATED_BEFORE =
  /(?:\bnot|(?:\bno\s{1,3}longer|\bdon['’]?t|\bdo\s{1,3}not|\bstop(?:ped)?)\s{1,3}(?:use|using|check|checking|have|own)(?:\s{1,3}the)?|(?:\bno\s{1,3}longer|\bdon['’]?t|\bdo\s{1,3}not|\bused\s{1,3}to)\s{1,3}(?:live|living|stay|reside)\s{1,3}(?:at|in)|\bmoved\s{1,3}(?:out\s{1,3}of|away\s{1,3}from|from))\s{0,3}$/i;
/** "a@x.com isn't mine", "(555-...) doesn't work anymore", "... is wrong". */
const NEGATED_AFTER =
  /^[\s)\]"'”]{0,3}(?:(?:is|was)\s{1,3}not|isn['’]?t|wasn['’]?t)\s{1,3}(?:mine|my|me|valid|active|correct|right|working)\b|^[\s)\]"'”]{0,3}(?:(?:is|was)\s{1,3})?(?:wrong|incorrect|disconnected|no\s{1,3}longer\s{1,3}(?:works?|valid|active|mine|in\s{1,3}service)|doesn['’]?t\s{1,3}work|does\s{1,3}not\s{1,3}work|not\s{1,3}in\s{1,3}service)\b/i;
const OLD = /\b(?:old|previous|former|prior|used\s{1,3}to\s{1,3}be)\b/gi;
const PREFERRED = /\b(?:new|now|instead|correct|correct\s{1,3}one|updated?|change\s{1,3}it\s{1,3}to|should\s{1,3}be|actually|from\s{1,3}now\s{1,3}on|use)\b/gi;
const PREFERRED_AFTER = /^[^.!?\n]{0,20}?\b(?:from\s{1,3}now\s{1,3}on|instead)\b/i;

/** The state of a value from the sentence before and after it; the cue closest to the value wins. */
export function valueState(before: string, after: string): ValueState {
  if (disownedBefore(before) || NEGATED_AFTER.test(after)) return 'negated';
  const preferred = Math.max(lastMatchEnd(PREFERRED, before), PREFERRED_AFTER.test(after) ? before.length : -1);
  const old = lastMatchEnd(OLD, before);
  if (old > preferred) return 'old';
  return preferred >= 0 ? 'preferred' : 'current';
}

/** Whether the words right before a value disown it ("..., not 91 Fenwick St"). */
export function disownedBefore(before: string): boolean {
  return NEGATED_BEFORE.test(before);
}
