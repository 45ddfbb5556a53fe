import { isListField, PROFILE_FIELDS, ProfileField } from './extraction/profile-field';

export { PROFILE_FIELDS, isListField };
export type { ProfileField };

export const CONTACT_CHANNELS = ['email', 'phone', 'sms'] as const;
export const CONTACT_TIMES = ['morning', 'afternoon', 'evening'] as const;

export interface ContactPreferences {
  contactChannel?: string;
  contactTime?: string;
  /** ISO 639-1. */
  language?: string;
}

/** The values of a profile; unknown values are null, lists empty. */
export interface ProfileValues {
  customerName: string | null;
  email: string | null;
  phone: string | null;
  addressStreet: string | null;
  addressCity: string | null;
  addressState: string | null;
  addressZip: string | null;
  productsOfInterest: string[];
  servicesOfInterest: string[];
  preferences: ContactPreferences;
}

export type ProvenanceSource = 'extracted' | 'manual';

/** Where a field's current value came from. */
export interface FieldProvenance {
  source: ProvenanceSource;
  sessionId: string | null;
  messageId: string | null;
  confidence: number;
  /** ISO 8601; the newer of two values wins a merge between equals. */
  updatedAt: string;
}

export type ProvenanceMap = Partial<Record<ProfileField, FieldProvenance>>;

export interface ProfileState {
  values: ProfileValues;
  provenance: ProvenanceMap;
}

export type FieldValue = string | string[] | null;

export interface FieldChange {
  field: ProfileField;
  oldValue: FieldValue;
  newValue: FieldValue;
}

/** What an admin merge moved, kept in profile_merges.moved so that a revert can move it back. */
export interface MergeRecord {
  sessionIds: string[];
  /** The visitor's profile as it was (null: it had none). */
  from: ProfileState | null;
  /** The target's profile before the merge (null: it had none). */
  intoBefore: ProfileState | null;
  /** The target's fields the merge changed. */
  changes: FieldChange[];
}

export function emptyValues(): ProfileValues {
  return {
    customerName: null,
    email: null,
    phone: null,
    addressStreet: null,
    addressCity: null,
    addressState: null,
    addressZip: null,
    productsOfInterest: [],
    servicesOfInterest: [],
    preferences: {},
  };
}

export function emptyState(): ProfileState {
  return { values: emptyValues(), provenance: {} };
}

const PREFERENCE_PREFIX = 'preferences.';

/** A field's value: a string or null, or a list for products and services. */
export function readField(values: ProfileValues, field: ProfileField): FieldValue {
  if (field.startsWith(PREFERENCE_PREFIX)) return values.preferences[preferenceKey(field)] ?? null;
  return values[field as keyof Omit<ProfileValues, 'preferences'>];
}

/** A copy of `values` with one field set (null clears it). */
export function writeField(values: ProfileValues, field: ProfileField, value: FieldValue): ProfileValues {
  if (!field.startsWith(PREFERENCE_PREFIX)) return { ...values, [field]: value };
  const preferences = { ...values.preferences };
  if (value === null) delete preferences[preferenceKey(field)];
  else preferences[preferenceKey(field)] = value as string;
  return { ...values, preferences };
}

/** True when nothing is known. */
export function hasNoValues(values: ProfileValues): boolean {
  return PROFILE_FIELDS.every((field) => isBlank(readField(values, field)));
}

export function isBlank(value: FieldValue): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return a === b;
}

function preferenceKey(field: ProfileField): keyof ContactPreferences {
  return field.slice(PREFERENCE_PREFIX.length) as keyof ContactPreferences;
}
