/**
 * Cues shared by the email and phone extractors, read in the sentence around a candidate value.
 * Every pattern is bounded, so each test costs at most a few dozen steps per character.
 */
export const VALUE_CUES = {
  /** "not a@x.com", "I don't use a@x.com anymore", "no longer have 555-...". */
  negatedBefore: /(?:\bnot|(?:\bno\s{1,3}longer|\bdon['’]?t|\bdo\s{1,3}not|\bstop(?:ped)?)\s{1,3}(?:use|using|check|checking|have|own)(?:\s{1,3}the)?)\s{0,3}$/i,
  /** "a@x.com isn't mine", "(555-...) doesn't work anymore", "... is wrong". */
  negatedAfter:
    /^[\s)\]"'”]{0,3}(?:(?:is|was)\s{1,3}not|isn['’]?t|wasn['’]?t)\s{1,3}(?:mine|my|me|valid|active|correct|right|working)\b|^[\s)\]"'”]{0,3}(?:(?:is|was)\s{1,3})?(?:wrong|incorrect|disconnected|no\s{1,3}longer\s{1,3}(?:works?|valid|active|mine|in\s{1,3}service)|doesn['’]?t\s{1,3}work|does\s{1,3}not\s{1,3}work|not\s{1,3}in\s{1,3}service)\b/i,
  /** "my old email was ...": history, neither current nor disowned. */
  old: /\b(?:old|previous|former|prior|used\s{1,3}to\s{1,3}be)\b/gi,
  /** "the new one is ...", "actually ...", "should be ...", "update it to ...". */
  preferred: /\b(?:new|now|instead|correct|correct\s{1,3}one|updated?|change\s{1,3}it\s{1,3}to|should\s{1,3}be|actually|from\s{1,3}now\s{1,3}on|use)\b/gi,
  preferredAfter: /^[^.!?\n]{0,20}?\b(?:from\s{1,3}now\s{1,3}on|instead)\b/i,
} as const;

/** End of the last match of a global pattern in `text`, or -1. */
export function lastCueEnd(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let end = -1;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) end = match.index + match[0].length;
  return end;
}
