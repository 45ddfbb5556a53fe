import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ResponseField } from '@/common/http/api-properties';
import { UsageRecordDto } from '@/llm-tracking/dto/usage-record.dto';
import { MessageDto } from '@/message/dto/message.dto';
import { SessionDto } from '@/session/dto/session.dto';
import { ProfileEventDto } from './profile-event.dto';
import { ProfileDto } from './profile.dto';

export const EXPORT_FORMATS = ['json', 'ndjson'] as const;

export class ExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json', description: 'json: one document; ndjson: one object per line (`type`: export, profile, profileEvent, session, message, usage, end), streamed' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: (typeof EXPORT_FORMATS)[number];
}

export class ExportedEventDto extends ProfileEventDto {
  @ResponseField('The owner id it was recorded under')
  ownerId: string;
}

export class ExportedProfileDto extends ProfileDto {
  @ResponseField('Every change, oldest first', { type: [ExportedEventDto] })
  events: ExportedEventDto[];
}

export class OtherProfileDto extends ProfileDto {
  @ResponseField('The owner id it belongs to (a visitor merged into the caller that spoke again)')
  ownerId: string;
}

export class ExportedSessionDto extends SessionDto {
  @ResponseField('Its messages, oldest first', { type: [MessageDto] })
  messages: MessageDto[];
}

/** Everything Continuum stores about the caller. */
export class PersonalDataExportDto {
  @ResponseField('When the snapshot was taken', { format: 'date-time' })
  exportedAt: string;

  @ResponseField('The caller')
  ownerId: string;

  @ApiProperty({ description: 'Every owner id whose data this is: the caller, visitors it claimed at logins, visitors merged into it', type: [String] })
  ownerIds: string[];

  @ResponseField('The caller’s profile with provenance, and the history of its changes', { type: ExportedProfileDto })
  profile: ExportedProfileDto;

  @ResponseField('Profiles of the other owner ids, if any', { type: [OtherProfileDto] })
  otherProfiles: OtherProfileDto[];

  @ResponseField('Sessions with their messages, oldest first', { type: [ExportedSessionDto] })
  sessions: ExportedSessionDto[];

  @ResponseField('Every model call: metadata, tokens, cost, and the request as sent (the caller’s own prompts, sanitized)', { type: [UsageRecordDto] })
  usage: UsageRecordDto[];
}
