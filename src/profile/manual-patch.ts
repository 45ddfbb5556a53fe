import { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { FieldError, ProblemException } from '@/common/errors/problem.exception';
import { ProfileCatalog } from './extraction/profile-catalog';
import { US_STATES } from './extraction/us-states';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { ProfileDraft, ProfilePlan } from './profile-draft';
import { FieldProvenance, FieldValue, ProfileField, ProfileState, sameValue } from './profile-state';

/** The fields a PATCH sets, normalized: null (or an empty list) clears one. */
export type ManualPatch = [ProfileField, FieldValue][];

export interface PatchRules {
  defaultRegion: CountryCode;
  catalog: ProfileCatalog;
}

const STATE_CODES = new Set(US_STATES.values());

/** A value a PATCH may not store, and why. */
class Invalid {
  readonly error: FieldError;

  constructor(field: ProfileField, message: string) {
    this.error = { field, messages: [message] };
  }
}
const TEXT_FIELDS = ['customerName', 'addressStreet', 'addressCity'] as const;

/**
 * The PATCH body as stored values: email lower-case, phone in E.164, state as its code, ZIP
 * as 12345 or 12345-6789, interests as canonical catalog names. 400 naming every bad field.
 */
export function normalizePatch(dto: UpdateProfileDto, rules: PatchRules): ManualPatch {
  const patch: ManualPatch = [];
  const errors: FieldError[] = [];
  const put = (field: ProfileField, value: FieldValue | Invalid): void => {
    if (value instanceof Invalid) errors.push(value.error);
    else patch.push([field, value]);
  };
  for (const field of TEXT_FIELDS) if (dto[field] !== undefined) put(field, dto[field] === null ? null : toText(field, dto[field]!));
  if (dto.email !== undefined) put('email', dto.email?.toLowerCase() ?? null);
  if (dto.phone !== undefined) put('phone', dto.phone === null ? null : toE164(dto.phone, rules.defaultRegion));
  if (dto.addressState !== undefined) put('addressState', dto.addressState === null ? null : toStateCode(dto.addressState));
  if (dto.addressZip !== undefined) put('addressZip', dto.addressZip === null ? null : toZip(dto.addressZip));
  if (dto.productsOfInterest !== undefined) put('productsOfInterest', toCanonical('productsOfInterest', dto.productsOfInterest, rules.catalog.products));
  if (dto.servicesOfInterest !== undefined) put('servicesOfInterest', toCanonical('servicesOfInterest', dto.servicesOfInterest, rules.catalog.services));
  if (dto.preferences !== undefined) patch.push(...preferencesPatch(dto.preferences));
  if (errors.length) throw ProblemException.badRequest('validation', errors.map((error) => error.messages.join('; ')).join('; '), errors);
  return patch;
}

/** Sets every field of the patch as manual; a value equal to the stored one only becomes manual. */
export function planManual(current: ProfileState, patch: ManualPatch, now: Date): ProfilePlan {
  const draft = new ProfileDraft(current);
  const provenance: FieldProvenance = { source: 'manual', sessionId: null, messageId: null, confidence: 1, updatedAt: now.toISOString() };
  for (const [field, value] of patch) {
    const cleared = value === null || (Array.isArray(value) && value.length === 0);
    if (cleared) draft.set(field, Array.isArray(draft.get(field)) ? [] : null, undefined);
    else if (!sameValue(draft.get(field), value)) draft.set(field, value, provenance);
    else if (draft.provenanceOf(field)?.source !== 'manual') draft.setProvenance(field, provenance);
  }
  return draft.plan();
}

function preferencesPatch(preferences: UpdateProfileDto['preferences']): ManualPatch {
  const keys = ['contactChannel', 'contactTime', 'language'] as const;
  return keys
    .filter((key) => preferences === null || preferences![key] !== undefined)
    .map((key) => [`preferences.${key}` as ProfileField, preferences === null ? null : (preferences![key] ?? null)]);
}

function toText(field: ProfileField, raw: string): string | Invalid {
  return raw.trim() || new Invalid(field, `${field} must not be blank (send null to clear it)`);
}

function toE164(raw: string, region: CountryCode): string | Invalid {
  const parsed = parsePhoneNumberFromString(raw, region);
  if (parsed?.isValid()) return parsed.number;
  return new Invalid('phone', `phone must be a valid phone number (with its country code, or one of region ${region})`);
}

function toStateCode(raw: string): string | Invalid {
  const text = raw.trim();
  const code = STATE_CODES.has(text.toUpperCase()) ? text.toUpperCase() : US_STATES.get(text.toLowerCase().replace(/\s+/g, ' '));
  return code ?? new Invalid('addressState', 'addressState must be a US state: its two-letter code or its name');
}

function toZip(raw: string): string {
  const digits = raw.replace('-', '');
  return digits.length === 9 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits;
}

function toCanonical(field: ProfileField, names: string[] | null, entries: Record<string, string[]>): string[] | Invalid {
  if (names === null) return [];
  const canonical = Object.keys(entries);
  const byKey = new Map(canonical.map((name) => [name.toLowerCase(), name]));
  const unknown = names.filter((name) => !byKey.has(name.trim().toLowerCase()));
  if (unknown.length) return new Invalid(field, `${field} must hold catalog names (${canonical.join(', ')}); unknown: ${unknown.join(', ')}`);
  return [...new Set(names.map((name) => byKey.get(name.trim().toLowerCase())!))];
}
