import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NoNulCharacter } from '@/common/http/api-properties';

export class ChatRequestDto {
  @ApiPropertyOptional({ description: "The session to continue; the caller's current session when omitted", format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string;

  @ApiProperty({ description: "The user's message (at most MAX_CONTENT_CHARS characters)" })
  @IsString()
  @MinLength(1, { message: 'message must not be empty' })
  @NoNulCharacter()
  message: string;

  @ApiPropertyOptional({ description: 'A model from the allow-list (LLM_MODELS); LLM_MODEL when omitted', example: 'continuum-offline' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  model?: string;

  @ApiPropertyOptional({ description: 'Replaces the configured system prompt for this turn', maxLength: 8000 })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  @NoNulCharacter()
  systemPrompt?: string;
}
