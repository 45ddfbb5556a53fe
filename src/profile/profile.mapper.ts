import { EmailCollisionDto } from './dto/email-collision.dto';
import { ProfileEventDto } from './dto/profile-event.dto';
import { ProfileDto } from './dto/profile.dto';
import { EmailLinkRow } from './email-link.repository';
import { ProfileEventRow } from './profile-event.repository';
import { ProfileRow } from './profile.repository';
import { emptyValues, ProfileState, ProfileValues } from './profile-state';

export function toValues(row: ProfileRow): ProfileValues {
  return {
    customerName: row.customerName,
    email: row.email,
    phone: row.phone,
    addressStreet: row.addressStreet,
    addressCity: row.addressCity,
    addressState: row.addressState,
    addressZip: row.addressZip,
    productsOfInterest: row.productsOfInterest,
    servicesOfInterest: row.servicesOfInterest,
    preferences: row.preferences,
  };
}

export function toState(row: ProfileRow): ProfileState {
  return { values: toValues(row), provenance: row.provenance };
}

/** The profile as the API shows it; an owner without one gets nulls and empty lists. */
export function mapProfile(row: ProfileRow | null): ProfileDto {
  const values = row ? toValues(row) : emptyValues();
  return { ...values, preferences: { ...values.preferences }, provenance: { ...(row?.provenance ?? {}) }, updatedAt: row?.updatedAt ?? null };
}

export function mapEvent(row: Omit<ProfileEventRow, 'position'>): ProfileEventDto {
  return {
    id: row.id,
    field: row.field,
    oldValue: row.oldValue,
    newValue: row.newValue,
    source: row.source,
    sessionId: row.sessionId,
    messageId: row.messageId,
    createdAt: row.createdAt,
  };
}

export function mapEmailLink(row: Omit<EmailLinkRow, 'position'>): EmailCollisionDto {
  return {
    id: row.id,
    email: row.email,
    ownerId: row.ownerId,
    otherOwnerId: row.otherOwnerId,
    sessionId: row.sessionId,
    otherSessionId: row.otherSessionId,
    createdAt: row.createdAt,
  };
}
