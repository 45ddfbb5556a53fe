import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CountryCode, isSupportedCountry } from 'libphonenumber-js/max';
import { parseProfileCatalog, ProfileCatalog } from './profile-catalog';

/** How the extractor reads messages; built once at boot. */
export interface ProfileExtractionOptions {
  /** Region of phone numbers written without a country code (ISO 3166-1 alpha-2). */
  defaultRegion: CountryCode;
  catalog: ProfileCatalog;
}

/** The catalog shipped with the service; the build copies it next to this file. */
export const DEFAULT_CATALOG_PATH = join(__dirname, 'default-catalog.json');

type Env = Record<string, string | undefined>;

/**
 * Reads PROFILE_DEFAULT_REGION (default US) and PROFILE_CATALOG (inline JSON, or the path
 * of a JSON file; default the shipped catalog). A bad value throws an Error naming the variable.
 */
export function loadProfileExtractionOptions(env: Env = process.env): ProfileExtractionOptions {
  return { defaultRegion: readRegion(env.PROFILE_DEFAULT_REGION), catalog: readCatalog(env.PROFILE_CATALOG) };
}

function readRegion(raw: string | undefined): CountryCode {
  const region = raw?.trim().toUpperCase() || 'US';
  if (!isSupportedCountry(region)) {
    throw new Error(`PROFILE_DEFAULT_REGION must be a region libphonenumber-js knows (ISO 3166-1 alpha-2, such as US, GB, DE), got "${raw}"`);
  }
  return region;
}

function readCatalog(raw: string | undefined): ProfileCatalog {
  const value = raw?.trim();
  if (!value) return parseProfileCatalog(readJson(DEFAULT_CATALOG_PATH, `shipped catalog ${DEFAULT_CATALOG_PATH}`), `shipped catalog ${DEFAULT_CATALOG_PATH}`);
  if (value.startsWith('{')) return parseProfileCatalog(parseJson(value, 'PROFILE_CATALOG (inline JSON)'), 'PROFILE_CATALOG (inline JSON)');
  const origin = `PROFILE_CATALOG file ${value}`;
  return parseProfileCatalog(readJson(value, origin), origin);
}

function readJson(path: string, origin: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${origin} cannot be read: ${(error as Error).message}`);
  }
  return parseJson(text, origin);
}

function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${origin} is not valid JSON: ${(error as Error).message}`);
  }
}
