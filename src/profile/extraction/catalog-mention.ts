import { lastMatch, lastMatchEnd } from './last-match';

/** What a catalog word in a message is: wanted, turned down, or neither (someone else's, done, past, another thing). */
export type Mention = 'interest' | 'negated' | null;

/** What the sentence around one catalog word says, and the message-wide facts the rules need. */
export interface MentionContext {
  /** The matched text, as written. */
  word: string;
  /** The sentence before the word (at most 80 characters) and after it (at most 40). */
  before: string;
  after: string;
  isProduct: boolean;
  /** The message is about a problem or asks a question, so an owned product is still of interest. */
  problem: boolean;
}

/** A negation whose scope runs on to the catalog word unless something below resets it. */
const NEGATION =
  /\b(?:no\s{1,3}longer|not(?!\s{1,3}(?:sure|certain|only|just|yet|too|quite|that|bad))|no(?!\s{0,3}[,.!?])(?!\s{1,3}(?:idea|clue|problem|worries|rush|hurry|pressure|matter|doubt|way)\b)|never|neither|nor|without|except|(?:don['’]?t|dont|do\s{1,3}not|doesn['’]?t|does\s{1,3}not|didn['’]?t|won['’]?t|will\s{1,3}not|wouldn['’]?t|would\s{1,3}not)(?:\s{1,3}[a-z]{1,12}){0,2}?\s{1,3}(?:want|need|like|care\s{1,3}(?:for|about)|require|plan\s{1,3}(?:on|to))|(?:can['’]?t|cannot|couldn['’]?t)(?:\s{1,3}[a-z]{1,12})?\s{1,3}(?:do|have|get|afford|use|go\s{1,3}with)|rather\s{1,3}not|instead\s{1,3}of|forget(?:\s{1,3}about)?|decided\s{1,3}against|changed\s{1,3}(?:my|our)\s{1,3}minds?\s{1,3}(?:about|on)|hold(?:ing)?\s{1,3}off\s{1,3}on|pass(?:ing)?\s{1,3}on|skip(?:ping)?|drop(?:ping)?|scratch|rather\s{1,3}than|other\s{1,3}than|cancel(?:led|ling|ed)?|remove\s{1,3}(?:me\s{1,3})?from|opt\s{1,3}out\s{1,3}of|unsubscribe(?:\s{1,3}me)?\s{1,3}from|don['’]?t\s{1,3}bother(?:\s{1,3}with)?|(?:we['’]?re|i['’]?m|we\s{1,3}are|i\s{1,3}am)\s{1,3}(?:good|all\s{1,3}set|set)\s{1,3}on|(?:we['’]?re|i['’]?m|we\s{1,3}are|i\s{1,3}am)\s{1,3}all\s{1,3}set\s{1,3}with)\b/gi;
/** What ends a negation's scope: a sentence end, a contrast ("but", "just"), or a new wish after a comma or a new subject. */
const RESET =
  /[.!?;\n]|\b(?:but|however|though|although|just|only|instead|rather|yet|so|because|since|actually|yes|ok|okay|sure|maybe|also|definitely|please|pls|plz)\b|(?:,|\band\b|\b(?:i|we)\b)[^.!?;\n]{0,30}?\b(?:want|wants|need|needs|like|add|get|interested|looking|love|prefer)\b/i;
/** "battery no", "thermostat: no", "X isn't needed", "X, not doing it", "the EV charger off the order". */
const NEGATED_AFTER =
  /^\s{0,3}[:=-]?\s{0,3}(?:,\s{0,3})?(?:no|nope)\s{0,3}(?:[.!?,;]|$)|^[\s,]{0,3}(?:(?:is|are)\s{1,3})?(?:off\s{1,3}the\s{1,3}table|not\s{1,3}(?:doing\s{1,3}it|happening|for\s{1,3}(?:me|us)|interested))\b|^\s{1,3}(?:(?:is|are)\s{1,3}not|isn['’]?t|aren['’]?t)\s{1,3}(?:needed|necessary|wanted|required|for\s{1,3}(?:me|us)|an\s{1,3}option)|^\s{0,3},?\s{0,3}no\s{1,3}thanks?\b|^\s{1,3}(?:off|out)\s{1,3}(?:of\s{1,3})?(?:the|my|our)\s{1,3}(?:order|quote|estimate|proposal|contract|list|plan|project|invoice)\b/i;
/** "remove the battery from my quote": a removal verb before the word and the order after it. */
const REMOVED_BEFORE = /\b(?:remove|take|drop|delete|cut)\b[^.!?\n]{0,20}$/i;
const FROM_THE_ORDER = /^\s{1,3}from\s{1,3}(?:the|my|our)\s{1,3}(?:order|quote|estimate|proposal|contract|list|plan|project|invoice)\b/i;
/** "I can't install anything": a catalog verb right after the author's "can't". */
const CANNOT_RIGHT_BEFORE = /\b(?:i|we)\s{1,3}(?:really\s{1,3})?(?:can['’]?t|cannot|couldn['’]?t|won['’]?t\s{1,3}be\s{1,3}able\s{1,3}to)\s{1,3}(?:really\s{1,3}|even\s{1,3}|actually\s{1,3})?$/i;
/** "a tech who didn't even fix anything", "never installed": a complaint about the past, neither wanted nor refused. */
const NOT_DONE_RIGHT_BEFORE = /\b(?:didn['’]?t|did\s{1,3}not|never)\s{1,3}(?:even\s{1,3}|actually\s{1,3}|really\s{1,3}|properly\s{1,3})?$/i;
const ALREADY_HAVE =
  /\b(?:already|currently)\s{1,3}(?:have|has|own|got)\b|\bwe\s{1,3}have\s{1,3}(?:an?\s{1,3})?(?:existing|old)\b|\b(?:sold|got\s{1,3}rid\s{1,3}of|gave\s{1,3}away)\b/gi;
/** "my neighbor got a Powerwall", "his solar panels": someone else's, not an interest. */
const OTHERS_HAVE =
  /\b(?:(?:neighbou?rs?|friends?|co-?workers?|colleagues?|brother|sister|cousin|boss|he|she)\s{1,3}(?:just\s{1,3}|recently\s{1,3}|already\s{1,3})?(?:got|has|had|bought|installed|put\s{1,3}in|owns)(?!\s{1,3}to\b)|(?:neighbou?r|friend|co-?worker|colleague|brother|sister|cousin|boss)['’]s?(?:\s{1,3}(?:new|old|brand\s{1,3}new))?\s{0,3}$)/gi;
/**
 * "My sister lives there and wants solar", "my coworker Jim is looking at heat pumps", "my brother
 * in Tulsa just got solar": a relative outside the household or an acquaintance wants or has it.
 * (A spouse's or a parent's wish is the household's: the author is arranging it.)
 */
const OTHERS_WANT =
  /\b(?:sister|brother|cousin|friend|buddy|pal|neighbou?r|co-?worker|colleague|boss|aunt|uncle|grand(?:ma|pa|mother|father|parents?)|niece|nephew|client|in-laws?)s?\b([^.!?\n]{0,40}?)\b(?:wants?|wanted|is\s{1,3}(?:looking|interested|thinking|considering|getting|asking)|was\s{1,3}(?:looking|interested|thinking|asking)|(?:just\s{1,3}|recently\s{1,3}|already\s{1,3})?(?:got|has|had|bought|installed|put\s{1,3}in|owns|loves?))\b/gi;
const FIRST_PERSON = /\b(?:i|we|i['’]m|we['’]re|me|us)\b/i;
/** "We bought a water heater from you in 2021", "I paid 1,299 for the thermostat install": a past purchase. */
const PAST_PURCHASE = /\b(?:bought|purchased|paid(?:\s{1,3}[$\d][\d,.]{0,12})?\s{1,3}for)\b(?:\s{1,3}[\p{L}\p{N}'’-]{1,20}){0,3}\s{1,3}$/iu;
/** "the thermostat you put in last fall": done by the company. */
const DONE_BY_YOU_AFTER =
  /^\s{0,3}(?:\([^)\n]{0,30}\)\s{0,3})?(?:(?:that|which)\s{1,3})?(?:you|you\s{1,3}guys|y['’]all|your\s{1,3}(?:team|crew|company|guys))\s{1,3}(?:installed|put\s{1,3}in|sold\s{1,3}(?:me|us)|set\s{1,3}up|did|performed|finished|completed|(sent))\b/i;
/** "a generator installed by you guys": bought from the company already. */
const INSTALLED_BY_YOU_AFTER = /^\s{1,3}(?:installed|put\s{1,3}in|set\s{1,3}up)\s{1,3}by\s{1,3}(?:you|y['’]all|your\s{1,3}(?:team|crew|company|guys))\b/i;
/** "solar from another company": owned, and bought elsewhere. */
const FROM_ELSEWHERE_AFTER =
  /^\s{1,3}(?:from|by|through|with)\s{1,3}(?:another|a\s{1,3}different|the\s{1,3}other|other|a\s{1,3}previous|the\s{1,3}previous)\s{1,3}(?:company|installer|contractor|provider)\b/i;
/** "the water heater you installed", "was repaired": a service already done, not one wanted. */
const DONE = /\b(?:you|you\s{1,3}guys|they|was|were|been|had|already|previously|recently)\s{1,3}$/i;
/** "my husband fixed it", "the tech repaired it": a past-tense service word after someone who did it. */
const DONE_BY_SOMEONE = /\b(?:i|we|he|she|they|who|husband|wife|someone|somebody|guy|tech|technician|electrician|plumber|contractor|company|installer)\s{1,3}(?:already\s{1,3}|just\s{1,3}|finally\s{1,3})?$/i;
/** "we had a generator installed", "got it fixed": a past-tense service word after "had" or "got" and its object. */
const HAD_IT_DONE = /\b(?:had|got)\s{1,3}(?:[\p{L}'’-]{1,20}\s{1,3}){0,4}$/iu;
/** "installed by you guys": done by the company. */
const BY_YOU_AFTER = /^\s{1,3}by\s{1,3}(?:you|y['’]all|your\s{1,3}(?:team|crew|company|guys))\b/i;
/** "(who thinks he can fix everything)": a service someone else can do. */
const OTHERS_DO = /\b(?:he|she|they|husband|wife|brother|sister|son|dad|father|friend|neighbou?r)\s{1,3}(?:can|could|will|would|is\s{1,3}going\s{1,3}to|tried\s{1,3}to|wants\s{1,3}to)\s{1,3}$/i;
/** "fix the website", "install the app", "audit my bill": a service word about no equipment. */
const NO_EQUIPMENT_AFTER =
  /^\s{1,3}(?:(?:the|my|your|our|this|that|a|an)\s{1,3})?(?:website|web\s?site|site|app|portal|page|bill|billing|account|login|log-in|password|link|invoice|statement|charge|payment|typo|spelling|name|e-?mail|number|profile|mistake)s?\b/i;
/** "I want my AC fixed", "need it repaired": a past participle is a wish only after a wish. */
const WISHED_BEFORE = /\b(?:want|wants|wanted|need|needs|needed|get|got|getting|have|having|like|would\s{1,3}like)\s{1,3}(?:[\p{L}'’-]{1,15}\s{1,3}){0,3}$/iu;
/** "fixed income", "a fixed rate": the adjective, not the repair. */
const ADJECTIVE_AFTER = /^\s{1,3}(?:income|rates?|prices?|costs?|fees?|amounts?|terms?|budget|schedule|point|charges?|monthly|payments?)\b/i;
/** "200 amp panel", "breaker panel", "panel upgrade": the electrical panel, not solar panels. */
const ELECTRICAL_BEFORE =
  /(?:\b(?:electrical|electric|breaker|fuse|main|sub|service|circuit|control|meter|siding|fence|door|wall|drywall|ceiling|wood|metal|glass|acoustic|insulated|insulation|amps?)|\d{2,3}\s{0,2}a)[\s-]{1,3}$/i;
/** "We love the panels": owned and liked, not wanted. */
const OWNED_AND_LIKED = /\b(?:love|loving|enjoy|enjoying|(?:happy|satisfied|pleased|thrilled)\s{1,3}with)\s{1,3}(?:the|our|my)\s{1,3}(?:new\s{1,3})?$/i;
/** "a dent the installer put in my door": what a person sent by the company did. */
const PERSON_DID_AFTER = /^\s{1,3}(?:crew\s{1,3}|guys?\s{1,3})?(?:put|left|made|broke|damaged|scratched|dented|cracked|drilled|ruined|dropped|forgot)\b/i;
const ELECTRICAL_AFTER = /^[\s-]{1,3}(?:upgrades?|box|board|swap|replacement|breakers?|capacity|space)\b/i;

/** What one catalog word means in its sentence. */
export function mentionOf(context: MentionContext): Mention {
  const { word, before, after } = context;
  if (isAnotherThing(word, before, after, context.isProduct) || NOT_DONE_RIGHT_BEFORE.test(before)) return null;
  if (inScope(NEGATION, before) || CANNOT_RIGHT_BEFORE.test(before) || NEGATED_AFTER.test(after)) return 'negated';
  if (REMOVED_BEFORE.test(before) && FROM_THE_ORDER.test(after)) return 'negated';
  if (inScope(OTHERS_HAVE, before) || othersWant(before)) return null;
  if ((PAST_PURCHASE.test(before) || OWNED_AND_LIKED.test(before)) && !context.problem) return null;
  if (context.isProduct) return isOwned(before, after, context.problem) ? null : 'interest';
  return isDone(word, before, after) ? null : 'interest';
}

function isAnotherThing(word: string, before: string, after: string, isProduct: boolean): boolean {
  if (/^panels?$/i.test(word)) return ELECTRICAL_BEFORE.test(before) || ELECTRICAL_AFTER.test(after);
  if (/^(?:fixed|repaired)$/i.test(word)) return ADJECTIVE_AFTER.test(after) || !WISHED_BEFORE.test(before);
  return !isProduct && NO_EQUIPMENT_AFTER.test(after);
}

/** Owned already: "we already have", bought elsewhere, or put in by the company with nothing wrong now. */
function isOwned(before: string, after: string, problem: boolean): boolean {
  if (inScope(ALREADY_HAVE, before) || FROM_ELSEWHERE_AFTER.test(after)) return true;
  return !problem && (DONE_BY_YOU_AFTER.test(after) || INSTALLED_BY_YOU_AFTER.test(after));
}

function isDone(word: string, before: string, after: string): boolean {
  if (OTHERS_DO.test(before) || (/ers?$/i.test(word) && PERSON_DID_AFTER.test(after))) return true;
  const done = DONE_BY_YOU_AFTER.exec(after);
  if (done) return !done[1] || /ers?$/i.test(word);
  return /ed$/i.test(word) && (DONE.test(before) || DONE_BY_SOMEONE.test(before) || HAD_IT_DONE.test(before) || BY_YOU_AFTER.test(after));
}

function othersWant(before: string): boolean {
  const match = lastMatch(OTHERS_WANT, before);
  return match !== null && !FIRST_PERSON.test(match[1]) && !RESET.test(before.slice(match.index + match[0].length));
}

/** Whether the last match of `cue` in `before` still applies at its end (nothing resets it in between). */
function inScope(cue: RegExp, before: string): boolean {
  const end = lastMatchEnd(cue, before);
  return end >= 0 && !RESET.test(before.slice(end));
}
