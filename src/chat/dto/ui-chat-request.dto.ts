import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const UI_CHAT_TRIGGERS = ['submit-message', 'regenerate-message'] as const;
export type UiChatTrigger = (typeof UI_CHAT_TRIGGERS)[number];

/**
 * The body the AI SDK's useChat sends (`{id, messages, trigger, messageId}`), or the lighter
 * `{id, message}` of a prepareSendMessagesRequest. Only the newest user message is read:
 * the history always comes from Continuum, never from what the client resends. The
 * messages are checked where they are read (ui-message.mapper), not field by field here.
 */
export class UiChatRequestDto {
  @ApiProperty({ description: "The Continuum session id (useChat's chat id)", format: 'uuid' })
  @IsUUID('all', { message: 'id must be a Continuum session id (a UUID)' })
  id: string;

  @ApiPropertyOptional({
    description: "The conversation as the client holds it (useChat's default body); only the last message is read",
    type: 'array',
    items: { type: 'object' },
  })
  @IsOptional()
  @IsArray({ message: 'messages must be an array of UI messages' })
  @IsObject({ each: true, message: 'each of messages must be a UI message object' })
  messages?: Record<string, unknown>[];

  @ApiPropertyOptional({ description: 'Just the new user message, `{id, role: "user", parts: [{type: "text", text}]}`', type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject({ message: 'message must be a UI message object' })
  message?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'What useChat asks for; `regenerate-message` is refused (replies are never replaced)', enum: UI_CHAT_TRIGGERS })
  @IsOptional()
  @IsIn(UI_CHAT_TRIGGERS, { message: `trigger must be one of ${UI_CHAT_TRIGGERS.join(', ')}` })
  trigger?: UiChatTrigger;

  @ApiPropertyOptional({ description: 'Sent by useChat to regenerate or edit an earlier message: refused' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  messageId?: string;

  @ApiPropertyOptional({ description: 'A model from the allow-list (LLM_MODELS); LLM_MODEL when omitted', example: 'continuum-offline' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  model?: string;
}
