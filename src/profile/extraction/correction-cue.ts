/**
 * Words that present a message as a correction or an update of what was said before:
 * "actually", "I meant", "typo", "should be", "my new number", "changed", "from now on",
 * "Not 4410. It's 4140 ...", "oops", "my new #", "going forward".
 */
const CORRECTION =
  /^\s{0,3}actually\b|\b(?:(?:is|['’]s|was)\s{1,3}actually|actually,?\s{1,3}(?:my|it|it['’]?s|its|the|i|i['’]m|that|this|we|our|no)\b|correction|i\s{1,3}meant|typo|scratch\s{1,3}that|should\s{1,3}(?:be|read)|(?:wrong|incorrect)\s{1,3}(?:e-?mail|number|phone|name|address|zip|one|info|information)|(?:got|have|had)\s{1,3}(?:it|that|my\s{1,3}[a-z]{1,10})\s{1,3}wrong|mistake|misspel(?:led|t)|spelled|spelt|(?:update|change)\s{1,3}(?:my|it|the)|updated|changed(?<!(?:hasn['’]?t|has\s{1,3}not|haven['’]?t|didn['’]?t|not|never)\s{1,3}changed)|new\s{1,3}(?:[a-z]{1,12}\s{1,3})?(?:e-?mail|number|phone|cell|mobile|address|place|home|house|apartment)|new\s{1,3}one\s{0,3}(?:is|:|=)|from\s{1,3}now\s{1,3}on|instead|no\s{1,3}longer|not\s{1,3}anymore)\b|\bsorry,?\s{1,3}(?:it['’]?s|it\s{1,3}is|i\s{1,3}meant|my\s{1,3}bad)|\bnot(?<=(?:^|[.!?]\s{0,3})not)\s{1,3}[^.!?\n]{1,30}[.!—–-]\s{0,3}(?:it['’]?s|its|it\s{1,3}is)\b|\bnew\s{1,3}#|\bgoing\s{1,3}forward\b|^\W{0,3}(?:oops|whoops)\b|\bmy\s{1,3}bad\b/i;

/** Whether a message words itself as a correction. Tested once per message; linear. */
export function hasCorrectionCue(text: string): boolean {
  return CORRECTION.test(text);
}
