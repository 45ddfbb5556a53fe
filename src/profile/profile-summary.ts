import { ProfileValues } from './profile-state';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/**
 * The profile as one short sentence for the model's context, with only what is known:
 * "What we know about the customer: name Maria Lopez; email maria@example.com; ...".
 * Null when nothing is known.
 */
export function describeProfile(values: ProfileValues): string | null {
  const parts = [
    values.customerName && `name ${values.customerName}`,
    values.email && `email ${values.email}`,
    values.phone && `phone ${values.phone}`,
    address(values),
    values.productsOfInterest.length > 0 && `interested in products: ${values.productsOfInterest.join(', ')}`,
    values.servicesOfInterest.length > 0 && `interested in services: ${values.servicesOfInterest.join(', ')}`,
    preferences(values),
  ].filter((part): part is string => typeof part === 'string' && part.length > 0);
  return parts.length ? `What we know about the customer: ${parts.join('; ')}.` : null;
}

function address(values: ProfileValues): string | null {
  const stateZip = [values.addressState, values.addressZip].filter(Boolean).join(' ');
  const parts = [values.addressStreet, values.addressCity, stateZip].filter(Boolean);
  return parts.length ? `address ${parts.join(', ')}` : null;
}

function preferences({ preferences: p }: ProfileValues): string | null {
  const parts = [
    p.contactChannel && `contact by ${p.contactChannel}`,
    p.contactTime && `in the ${p.contactTime}`,
    p.language && `language ${languageNames.of(p.language) ?? p.language} (${p.language})`,
  ].filter(Boolean);
  return parts.length ? `prefers ${parts.join(', ')}` : null;
}
