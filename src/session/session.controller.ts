import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@/common/http/uuid-param';
import { Authenticated, CurrentOwner } from './authenticated';
import { CreateSessionDto } from './dto/create-session.dto';
import { ListSessionsQuery } from './dto/list-sessions.query';
import { SessionDto, SessionPageDto } from './dto/session.dto';
import { UpdateSessionDto } from './dto/update-session.dto';
import { Owner } from './owner';
import { SessionService } from './session.service';

@ApiTags('sessions')
@Authenticated()
@Controller('v1/sessions')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @Post()
  @ApiOperation({ summary: 'Start a conversation' })
  @ApiCreatedResponse({ type: SessionDto })
  create(@CurrentOwner() owner: Owner, @Body() dto: CreateSessionDto): Promise<SessionDto> {
    return this.sessions.create(owner, dto);
  }

  @Get()
  @ApiOperation({ summary: "The caller's sessions, most recently active first" })
  @ApiOkResponse({ type: SessionPageDto })
  list(@CurrentOwner() owner: Owner, @Query() query: ListSessionsQuery): Promise<SessionPageDto> {
    return this.sessions.list(owner, query);
  }

  @Get('current')
  @ApiOperation({ summary: 'Resume the most recently active session, or start one' })
  @ApiOkResponse({ type: SessionDto })
  current(@CurrentOwner() owner: Owner): Promise<SessionDto> {
    return this.sessions.resumeCurrent(owner);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One session of the caller (404 for anyone else’s)' })
  @ApiOkResponse({ type: SessionDto })
  get(@CurrentOwner() owner: Owner, @UuidParam('id') id: string): Promise<SessionDto> {
    return this.sessions.getOwned(owner, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, close or annotate a session (`title`, `isActive`, `contextData`, `metadata`); an empty body changes nothing' })
  @ApiOkResponse({ type: SessionDto })
  update(@CurrentOwner() owner: Owner, @UuidParam('id') id: string, @Body() dto: UpdateSessionDto): Promise<SessionDto> {
    return this.sessions.update(owner, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a session and all its messages' })
  @ApiNoContentResponse()
  remove(@CurrentOwner() owner: Owner, @UuidParam('id') id: string): Promise<void> {
    return this.sessions.remove(owner, id);
  }
}
