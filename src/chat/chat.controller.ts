import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { OwnTransactions } from '@/common/database/transaction.interceptor';
import { toProblem } from '@/common/errors/problem-details';
import { ApiEventStream } from '@/common/http/api-event-stream';
import { ApiProblems } from '@/common/http/openapi';
import { Authenticated, CurrentOwner } from '@/session/authenticated';
import { Owner } from '@/session/owner';
import { ChatService } from './chat.service';
import { ChatRequestDto } from './dto/chat-request.dto';
import { ChatResponseDto } from './dto/chat-response.dto';
import { abortOnDisconnect, SseWriter } from './sse-writer';

@ApiTags('chat')
@Authenticated({ withoutDatabase: true })
@Controller('v1/chat')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Post()
  @HttpCode(200)
  @OwnTransactions()
  @ApiOperation({ summary: 'One chat turn: store the message, call the model with the context, store and return the reply' })
  @ApiProblems(409, 422, 429, 502)
  @ApiOkResponse({ type: ChatResponseDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key gets the first reply (24 h) instead of a second turn' })
  send(
    @CurrentOwner() owner: Owner | null,
    @Body() request: ChatRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<ChatResponseDto> {
    return this.chat.chat(owner, request, idempotencyKey);
  }

  @Post('stream')
  @OwnTransactions()
  @ApiOperation({
    summary: 'The same turn as server-sent events: `delta` {text}, then `done` (the /v1/chat response) or `error` (problem+json)',
  })
  @ApiProblems(409, 422, 429)
  @ApiEventStream('`delta` {text}, then `done` (the POST /v1/chat response) or `error` (problem+json)')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key gets the first reply as one `done` event' })
  async stream(
    @CurrentOwner() owner: Owner | null,
    @Body() request: ChatRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const turn = await this.chat.startTurn(owner, request, idempotencyKey);
    const disconnect = abortOnDisconnect(reply);
    const events = SseWriter.open(reply);
    // completeTurn releases the turn's lease whatever happens; nothing before it can throw.
    const result = await this.chat.completeTurn(turn, { signal: disconnect.signal, onDelta: (text) => events.send('delta', { text }) }).then(
      (done) => ({ event: 'done' as const, data: done as unknown }),
      (error: unknown) => ({ event: 'error' as const, data: toProblem(error).body as unknown }),
    );
    events.send(result.event, result.data);
    events.end();
  }
}
