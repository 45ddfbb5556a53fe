import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ApiProblems } from '@/common/http/openapi';
import { UuidParam } from '@/common/http/uuid-param';
import { Authenticated, CurrentOwner } from '@/session/authenticated';
import { Owner } from '@/session/owner';
import { AppendMessageDto } from './dto/append-message.dto';
import { ListMessagesQuery } from './dto/list-messages.query';
import { MessageDto, MessagePageDto } from './dto/message.dto';
import { MessageService } from './message.service';

@ApiTags('messages')
@Authenticated()
@Controller('v1/sessions/:id/messages')
export class MessageController {
  constructor(private readonly messages: MessageService) {}

  @Post()
  @ApiOperation({ summary: 'Append a message (201; 200 when an Idempotency-Key replays an earlier append)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key return the first message for 24 h' })
  @ApiCreatedResponse({ type: MessageDto })
  @ApiOkResponse({ type: MessageDto, description: 'Replay of an earlier append with the same Idempotency-Key' })
  @ApiProblems(409, 422)
  async append(
    @CurrentOwner() owner: Owner,
    @UuidParam('id') sessionId: string,
    @Body() dto: AppendMessageDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MessageDto> {
    const { message, replayed } = await this.messages.append(owner, sessionId, dto, idempotencyKey);
    reply.status(replayed ? 200 : 201);
    return message;
  }

  @Get()
  @ApiOperation({ summary: 'A page of messages in chronological order' })
  @ApiOkResponse({ type: MessagePageDto })
  list(@CurrentOwner() owner: Owner, @UuidParam('id') sessionId: string, @Query() query: ListMessagesQuery): Promise<MessagePageDto> {
    return this.messages.list(owner, sessionId, query);
  }
}
