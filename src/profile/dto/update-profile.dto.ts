import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsISO6391, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { NoNulCharacter } from '@/common/http/api-properties';
import { CONTACT_CHANNELS, CONTACT_TIMES } from '../profile-state';

/** An optional text field of a PATCH: null clears it, an empty string is refused. */
const OptionalText = (description: string, maxLength: number): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: `${description}; null clears it`, type: String, nullable: true, maxLength }),
    IsOptional(),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty (send null to clear it)' }),
    MaxLength(maxLength),
    NoNulCharacter(),
  );

const OptionalNames = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: `${description} (canonical catalog names); null or [] clears the list`, type: [String], nullable: true }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    MaxLength(200, { each: true }),
  );

export class PreferencesPatchDto {
  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, nullable: true, description: 'How to reach the customer; null clears it' })
  @IsOptional()
  @IsIn(CONTACT_CHANNELS)
  contactChannel?: (typeof CONTACT_CHANNELS)[number] | null;

  @ApiPropertyOptional({ enum: CONTACT_TIMES, nullable: true, description: 'When to reach the customer; null clears it' })
  @IsOptional()
  @IsIn(CONTACT_TIMES)
  contactTime?: (typeof CONTACT_TIMES)[number] | null;

  @ApiPropertyOptional({ description: 'Preferred language, ISO 639-1 (e.g. es); null clears it', type: String, nullable: true, example: 'es' })
  @IsOptional()
  @IsISO6391({ message: 'language must be an ISO 639-1 code such as en or es' })
  language?: string | null;
}

/** Any subset of the profile: the fields present are set as manual values (null clears one). */
export class UpdateProfileDto {
  @OptionalText('The customer’s name', 200)
  customerName?: string | null;

  @ApiPropertyOptional({ description: 'Email (stored lower-case); null clears it', type: String, nullable: true, maxLength: 254 })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @OptionalText('Phone number, stored in E.164; without a country code PROFILE_DEFAULT_REGION applies', 40)
  phone?: string | null;

  @OptionalText('Street and number', 200)
  addressStreet?: string | null;

  @OptionalText('City', 100)
  addressCity?: string | null;

  @OptionalText('US state: two-letter code or name (stored as the code)', 40)
  addressState?: string | null;

  @ApiPropertyOptional({ description: 'ZIP code: 5 digits or ZIP+4; null clears it', type: String, nullable: true, example: '78701' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{5}(?:-?\d{4})?$/, { message: 'addressZip must be 5 digits or ZIP+4 (12345-6789)' })
  addressZip?: string | null;

  @OptionalNames('Products the customer is interested in')
  productsOfInterest?: string[] | null;

  @OptionalNames('Services the customer is interested in')
  servicesOfInterest?: string[] | null;

  @ApiPropertyOptional({ type: PreferencesPatchDto, nullable: true, description: 'Only the keys present change; null clears all three' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PreferencesPatchDto)
  preferences?: PreferencesPatchDto | null;
}
