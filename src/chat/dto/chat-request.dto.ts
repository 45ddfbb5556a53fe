import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** PostgreSQL text cannot hold U+0000. */
const NO_NUL = /^[^\u0000]*$/;

export class ChatRequestDto {
  @ApiPropertyOptional({ description: "The session to continue; the caller's current session when omitted", format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId?: string;

  @ApiProperty({ description: "The user's message (at most MAX_CONTENT_CHARS characters)" })
  @IsString()
  @MinLength(1, { message: 'message must not be empty' })
  @Matches(NO_NUL, { message: 'message must not contain the character U+0000' })
  message: string;

  @ApiPropertyOptional({ description: 'A model from the allow-list (LLM_MODELS); LLM_MODEL when omitted', example: 'gpt-4o-mini' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  model?: string;

  @ApiPropertyOptional({ description: 'Replaces the configured system prompt for this turn', maxLength: 8000 })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  @Matches(NO_NUL, { message: 'systemPrompt must not contain the character U+0000' })
  systemPrompt?: string;
}
