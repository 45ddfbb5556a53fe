/** The profile fields the extractor fills, named as the profile's API names them. */
export type ProfileField =
  | 'customerName'
  | 'email'
  | 'phone'
  | 'addressStreet'
  | 'addressCity'
  | 'addressState'
  | 'addressZip'
  | 'productsOfInterest'
  | 'servicesOfInterest'
  | 'preferences.contactChannel'
  | 'preferences.contactTime'
  | 'preferences.language';

export type ListField = Extract<ProfileField, 'productsOfInterest' | 'servicesOfInterest'>;

export const PROFILE_FIELDS: readonly ProfileField[] = [
  'customerName',
  'email',
  'phone',
  'addressStreet',
  'addressCity',
  'addressState',
  'addressZip',
  'productsOfInterest',
  'servicesOfInterest',
  'preferences.contactChannel',
  'preferences.contactTime',
  'preferences.language',
];

export function isListField(field: ProfileField): field is ListField {
  return field === 'productsOfInterest' || field === 'servicesOfInterest';
}
