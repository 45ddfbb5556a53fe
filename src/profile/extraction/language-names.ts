const ALIASES: Record<string, string> = {
  castellano: 'es', mandarin: 'zh', cantonese: 'zh', farsi: 'fa', tagalog: 'tl', filipino: 'tl',
  kiswahili: 'sw', brazilian: 'pt', flemish: 'nl', 'haitian creole': 'ht', creole: 'ht', kreyol: 'ht',
  'по-русски': 'ru', 'по-английски': 'en', 'по-украински': 'uk', bahasa: 'id', persian: 'fa', hebrew: 'he',
  // English as the languages that most often say they do not speak it name it.
  inglés: 'en', anglais: 'en', englisch: 'en', inglês: 'en', inglese: 'en',
};

/** Lower case without diacritics, so "Español", "español" and "espanol" meet. */
export function languageKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Language names to ISO 639-1 codes, in English and in the language itself ("Spanish",
 * "español", "espanol"), built once from the runtime's ICU data (Intl.DisplayNames) for every
 * two-letter code it knows, plus the names people use that ICU does not list.
 */
export const LANGUAGE_NAMES: ReadonlyMap<string, string> = buildNames();

function buildNames(): Map<string, string> {
  const names = new Map<string, string>();
  const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      if (Intl.getCanonicalLocales(code)[0] !== code) continue;
      const name = english.of(code);
      if (!name) continue;
      add(names, name, code);
      add(names, nativeName(code) ?? '', code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) names.set(languageKey(alias), code);
  return names;
}

function nativeName(code: string): string | undefined {
  try {
    return new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
  } catch {
    return undefined;
  }
}

function add(names: Map<string, string>, name: string, code: string): void {
  const key = languageKey(name);
  if (key && !key.includes('(') && !names.has(key)) names.set(key, code);
}
