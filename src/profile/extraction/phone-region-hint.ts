import { CountryCode } from 'libphonenumber-js/max';

const HINTS: Record<string, CountryCode> = {
  uk: 'GB', 'u.k': 'GB', britain: 'GB', british: 'GB', england: 'GB', london: 'GB', scotland: 'GB', wales: 'GB',
  germany: 'DE', german: 'DE', deutschland: 'DE', france: 'FR', french: 'FR', india: 'IN', indian: 'IN',
  spain: 'ES', spanish: 'ES', mexico: 'MX', mexican: 'MX', canada: 'CA', canadian: 'CA', australia: 'AU',
  australian: 'AU', aussie: 'AU', ireland: 'IE', irish: 'IE', italy: 'IT', italian: 'IT', brazil: 'BR', brazilian: 'BR',
  netherlands: 'NL', dutch: 'NL', philippines: 'PH', japan: 'JP', china: 'CN', us: 'US', usa: 'US', 'u.s': 'US',
};
const HINT = new RegExp(`\\b(${Object.keys(HINTS).map((word) => word.replace('.', '\\.')).join('|')})\\b`, 'gi');

/** The country a sentence names near a number written without its country code ("my UK number", "(India)"). */
export function regionHint(sentence: string): CountryCode | null {
  HINT.lastIndex = 0;
  const match = HINT.exec(sentence);
  if (!match) return null;
  const word = match[1].toLowerCase();
  // "us" is a country only when written US.
  if (word === 'us' && match[1] !== 'US') return null;
  return HINTS[word] ?? null;
}
