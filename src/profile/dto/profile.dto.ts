import { ApiPropertyOptional } from '@nestjs/swagger';
import { ResponseField } from '@/common/http/api-properties';
import { CONTACT_CHANNELS, CONTACT_TIMES } from '../profile-state';

export class PreferencesDto {
  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, description: 'How the customer wants to be reached' })
  contactChannel?: string;

  @ApiPropertyOptional({ enum: CONTACT_TIMES, description: 'When the customer wants to be reached' })
  contactTime?: string;

  @ApiPropertyOptional({ description: 'Preferred language, ISO 639-1', example: 'es' })
  language?: string;
}

export class FieldProvenanceDto {
  @ResponseField('extracted from a message, or set manually through PATCH', { enum: ['extracted', 'manual'] })
  source: 'extracted' | 'manual';

  @ResponseField('The session of the message it came from (null for manual values)', { type: String, nullable: true, format: 'uuid' })
  sessionId: string | null;

  @ResponseField('The message it came from (null for manual values)', { type: String, nullable: true, format: 'uuid' })
  messageId: string | null;

  @ResponseField('0.6 possible, 0.8 likely, 0.95 stated; 1 for manual values')
  confidence: number;

  @ResponseField('When the value was set', { format: 'date-time' })
  updatedAt: string;
}

/** What Continuum knows about the caller; unknown values are null, lists empty. */
export class ProfileDto {
  @ResponseField('Name', { type: String, nullable: true })
  customerName: string | null;

  @ResponseField('Email, lower-case', { type: String, nullable: true })
  email: string | null;

  @ResponseField('Phone in E.164', { type: String, nullable: true, example: '+15125550134' })
  phone: string | null;

  @ResponseField('Street and number', { type: String, nullable: true })
  addressStreet: string | null;

  @ResponseField('City', { type: String, nullable: true })
  addressCity: string | null;

  @ResponseField('US state, two-letter code', { type: String, nullable: true })
  addressState: string | null;

  @ResponseField('ZIP code (12345 or 12345-6789)', { type: String, nullable: true })
  addressZip: string | null;

  @ResponseField('Products of interest (canonical catalog names)', { type: [String] })
  productsOfInterest: string[];

  @ResponseField('Services of interest (canonical catalog names)', { type: [String] })
  servicesOfInterest: string[];

  @ResponseField('Contact preferences (only the known ones)', { type: PreferencesDto })
  preferences: PreferencesDto;

  @ResponseField('Per field (`email`, `preferences.language`, ...): where its value came from', {
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/FieldProvenanceDto' },
  })
  provenance: Record<string, FieldProvenanceDto>;

  @ResponseField('Last change; null when nothing is known yet', { type: String, nullable: true, format: 'date-time' })
  updatedAt: Date | null;
}
