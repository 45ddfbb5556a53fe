import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { OwnTransactions } from '@/common/database/transaction.interceptor';
import { UuidParam } from '@/common/http/uuid-param';
import { ApiEventStream } from '@/common/http/api-event-stream';
import { ApiProblems } from '@/common/http/openapi';
import { Authenticated, CurrentOwner } from '@/session/authenticated';
import { Owner } from '@/session/owner';
import { UiChatRequestDto } from './dto/ui-chat-request.dto';
import { UiMessagePageDto } from './dto/ui-message.dto';
import { UiMessagesQuery } from './dto/ui-messages.query';
import { UiChatService } from './ui-chat.service';

/** The routes the Vercel AI SDK's useChat talks to without adapter code. */
@ApiTags('ai-sdk')
@Controller('v1')
export class ChatUiController {
  constructor(private readonly uiChat: UiChatService) {}

  @Post('chat/ui')
  @Authenticated({ withoutDatabase: true })
  @OwnTransactions()
  @ApiOperation({
    summary: "A chat turn as the AI SDK's UI message stream (useChat's transport)",
    description:
      'Body: what useChat sends, `{id, messages, trigger}` or `{id, message}`; `id` is the session. Only the newest user message is read; ' +
      'history comes from Continuum. Answers `start` (the stored reply id), `text-start`/`text-delta`/`text-end`, then `finish` ' +
      '(metadata: seq, model, usage and cost) or `error` (a sentence), then `[DONE]`. Refusals are problem+json before the stream.',
  })
  @ApiProblems(409, 422, 429)
  @ApiEventStream("the AI SDK's UI message stream: `start`, `text-start`/`text-delta`/`text-end`, `finish` or `error`, then `[DONE]`")
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key gets the first reply instead of a second turn' })
  stream(
    @CurrentOwner() owner: Owner | null,
    @Body() body: UiChatRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.uiChat.stream(owner, body, idempotencyKey, reply);
  }

  @Get('sessions/:id/ui-messages')
  @Authenticated()
  @ApiOperation({ summary: "The stored history as the AI SDK's UI messages (useChat's initial `messages`), oldest first" })
  @ApiOkResponse({ type: UiMessagePageDto })
  history(@CurrentOwner() owner: Owner, @UuidParam('id') sessionId: string, @Query() query: UiMessagesQuery): Promise<UiMessagePageDto> {
    return this.uiChat.history(owner, sessionId, query);
  }
}
