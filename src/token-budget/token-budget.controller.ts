import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@/common/http/uuid-param';
import { Authenticated, CurrentOwner } from '@/session/authenticated';
import { Owner } from '@/session/owner';
import { ContextService } from './context.service';
import { ContextDto } from './dto/context.dto';
import { ContextQuery } from './dto/context.query';
import { mapContext } from './context.mapper';

@ApiTags('context')
@Authenticated()
@Controller('v1/sessions/:id/context')
export class TokenBudgetController {
  constructor(private readonly contexts: ContextService) {}

  @Get()
  @ApiOperation({ summary: 'The model-ready context of a session under one token budget' })
  @ApiOkResponse({ type: ContextDto })
  async get(@CurrentOwner() owner: Owner, @UuidParam('id') sessionId: string, @Query() query: ContextQuery): Promise<ContextDto> {
    return mapContext(await this.contexts.buildContext(owner, sessionId, query));
  }
}
