import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalJsonObject } from '@/common/http/api-properties';

export class CreateSessionDto {
  /** Title shown in the frontend. */
  @ApiPropertyOptional({ description: 'Title shown in the frontend', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @OptionalJsonObject('Application context for this conversation')
  contextData?: Record<string, unknown>;

  @OptionalJsonObject('Free-form metadata')
  metadata?: Record<string, unknown>;
}
