import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { IfPresent, NoNulCharacter, OptionalJsonObject } from '@/common/http/api-properties';
import { MaxJsonSize } from '@/common/http/json-size';
import { OpaqueJson } from '@/common/http/opaque-json';
import { MESSAGE_ROLES, MessageRole } from '../message.entity';

const INT32_MAX = 2_147_483_647;

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** An assistant message that only calls tools may have empty content. */
function isToolCallRequest(dto: AppendMessageDto): boolean {
  return dto.role === 'assistant' && Array.isArray(dto.toolCalls) && dto.toolCalls.length > 0;
}

export class AppendMessageDto {
  @ApiProperty({ enum: MESSAGE_ROLES, description: 'Who wrote the message' })
  @IsIn(MESSAGE_ROLES, { message: `role must be one of ${MESSAGE_ROLES.join(', ')}` })
  role: MessageRole;

  @ApiProperty({ description: 'The text (at most MAX_CONTENT_CHARS characters; may be empty only for an assistant message with toolCalls)' })
  @IsString()
  @ValidateBy({
    name: 'contentPresent',
    validator: {
      validate: (content: unknown, args) => content !== '' || isToolCallRequest(args?.object as AppendMessageDto),
      defaultMessage: () => 'content must not be empty',
    },
  })
  @NoNulCharacter()
  content: string;

  @OptionalJsonObject('Citations, document ids, scores: anything the frontend needs back')
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Names or descriptions of the tools the assistant used', type: 'array', items: {} })
  @OpaqueJson()
  @IsOptional()
  @IsArray()
  @MaxJsonSize()
  toolsUsed?: unknown[];

  @ApiPropertyOptional({ description: 'Tool calls an assistant message makes (OpenAI format)', type: 'array', items: { type: 'object' } })
  @OpaqueJson()
  @IsOptional()
  @IsArray()
  @ValidateBy({
    name: 'eachJsonObject',
    // One plain loop: class-validator's `each` costs far more per item on a 64 KB array.
    validator: { validate: (calls: unknown[]) => calls.every(isJsonObject), defaultMessage: () => 'each toolCalls item must be a JSON object' },
  })
  @MaxJsonSize()
  toolCalls?: Record<string, unknown>[];

  @ApiPropertyOptional({ description: 'For a tool message: the id of the call it answers', maxLength: 200 })
  @ValidateIf((dto: AppendMessageDto) => dto.role === 'tool' || dto.toolCallId !== undefined)
  @IsString({ message: 'toolCallId is required for a tool message and must be a string' })
  @MinLength(1)
  @MaxLength(200)
  toolCallId?: string;

  @ApiPropertyOptional({ description: 'Tokens of the content, if the client counted them', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT32_MAX)
  tokenCount?: number;

  @ApiPropertyOptional({ description: 'How long producing the message took', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT32_MAX)
  processingTimeMs?: number;

  @ApiPropertyOptional({ description: 'True when producing the message failed' })
  @IfPresent()
  @IsBoolean()
  hasError?: boolean;

  @ApiPropertyOptional({ description: 'What failed', maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @NoNulCharacter()
  errorMessage?: string;
}
