/**
 * What the business sells, by canonical name with the words customers use for it:
 * `{"products": {"solar panels": ["solar panel", "solar"]}, "services": {...}}`.
 * Extracted interests are canonical names.
 */
export interface ProfileCatalog {
  products: Record<string, string[]>;
  services: Record<string, string[]>;
}

const KINDS = ['products', 'services'] as const;

/** Checks a parsed catalog; anything else throws an Error whose message starts with `origin`. */
export function parseProfileCatalog(content: unknown, origin: string): ProfileCatalog {
  const fail = (what: string): never => {
    throw new Error(`${origin}: ${what}`);
  };
  if (!isObject(content)) return fail('must be a JSON object { "products": {...}, "services": {...} }');
  const extra = Object.keys(content).filter((key) => !(KINDS as readonly string[]).includes(key));
  if (extra.length) fail(`unknown key "${extra[0]}" (expected products and services)`);
  const catalog = { products: {}, services: {} } as ProfileCatalog;
  for (const kind of KINDS) catalog[kind] = parseKind(content[kind], (what) => fail(`${kind}${what}`));
  return catalog;
}

function parseKind(entries: unknown, fail: (what: string) => never): Record<string, string[]> {
  if (!isObject(entries)) return fail(' must be an object of { "<canonical name>": ["<synonym>", ...] }');
  const parsed: Record<string, string[]> = {};
  for (const [name, synonyms] of Object.entries(entries)) {
    if (!name.trim()) fail(' has an empty canonical name');
    if (!Array.isArray(synonyms) || synonyms.some((synonym) => typeof synonym !== 'string' || !synonym.trim())) {
      fail(`["${name}"] must be an array of non-empty strings`);
    }
    parsed[name] = (synonyms as string[]).map((synonym) => synonym.trim());
  }
  return parsed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
