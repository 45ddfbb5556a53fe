/** Kept out of the list below whatever it says: in a name pattern these are names. */
const NAMES_THAT_ARE_WORDS = new Set(['june', 'may', 'april', 'august', 'will', 'hope', 'rose', 'grant', 'bill', 'mark']);

/**
 * Words that follow "I'm", "this is", "call me" or a closing like "Thanks," without being a
 * name ("I'm Interested", "This is Urgent", "call me back", "thanks again"). Names that are
 * also words (Hope, Will, Rose, Grant, Bill, Mark, June, Summer) are deliberately absent:
 * in a name pattern they are names.
 */
export const NOT_A_NAME: ReadonlySet<string> = new Set(
  `a an the this that these those it its it's i me my mine we us our you your he she they them his her their
  and or but so if then than as at in on of to for from with by about into over under after before near
  not no nor never yes yeah yep ok okay sure fine good great well just only also too very really so quite
  still already even again now here there today tomorrow tonight yesterday later soon asap anytime
  whenever sometime sometimes always directly instead immediately personally during between bye goodbye anyone someone somebody nobody noone everything nothing something often maybe perhaps please thanks thank thx ty cheers hi hello hey
  dear all everyone everybody guys folks team sir madam mate bro dude man buddy friend friends
  back home away out off up down around available free busy ready done back new old first last next
  interested looking trying calling writing asking wondering thinking planning hoping going getting
  having being using moving working living coming leaving paying buying renting selling building
  running waiting checking following reaching considering curious confused frustrated annoyed upset
  disappointed tired sick worried concerned unhappy happy glad excited sorry afraid scared angry mad
  pleased satisfied unsure uncertain aware certain positive sorry sad late early unable able
  retired married single divorced widowed pregnant employed unemployed located based stuck lost
  calling contacting emailing texting messaging replying responding following
  homeowner renter owner tenant customer client member resident landlord teacher nurse doctor
  engineer student veteran senior contractor electrician realtor agent manager
  american canadian mexican british english spanish french german italian chinese japanese korean
  indian russian brazilian portuguese irish scottish australian filipino vietnamese african european
  asian latino latina hispanic catholic christian jewish muslim
  urgent ridiculous unacceptable crazy insane amazing awesome terrible horrible great perfect weird
  strange important serious frustrating annoying confusing expensive cheap correct wrong right
  what who why how when where which whatever whoever however
  call text email phone number address name message
  monday tuesday wednesday thursday friday saturday sunday weekend weekends weekday weekdays
  morning mornings afternoon afternoons evening evenings night nights noon midnight
  january february march april may june july august september october november december
  sure regards best sincerely appreciate appreciated much more lot lots bunch again anyway
  fyi btw lol omg pls plz thx tks tx ps re fwd question questions quick
  i'm im i've ive i'll ill i'd we're we've we'll you're you've they're he's she's let's don't can't won't
  gracias merci danke grazie obrigado obrigada saludos ciao adios adiós namaste salaam shukran arigato
  tysm thnx thnks thks lmao lmfao smh tbh imo idk nvm brb ttyl xoxo xo haha hahaha hehe
  cancelling canceling cancelled canceled unsubscribe stop`
    .split(/\s+/)
    .filter(Boolean)
    .filter((word) => !NAMES_THAT_ARE_WORDS.has(word)),
);
