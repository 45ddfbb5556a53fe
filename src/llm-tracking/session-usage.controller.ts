import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@/common/http/uuid-param';
import { Authenticated, CurrentOwner } from '@/session/authenticated';
import { Owner } from '@/session/owner';
import { SessionUsageDto } from './dto/usage.dto';
import { LlmTrackingService } from './llm-tracking.service';

@ApiTags('usage')
@Authenticated()
@Controller('v1/sessions/:id/usage')
export class SessionUsageController {
  constructor(private readonly tracking: LlmTrackingService) {}

  @Get()
  @ApiOperation({
    summary: "Tokens and cost of the session's model calls, in total and per model",
    description: '`cost` sums the calls that had a price; calls of a model without a price are counted in `unpricedRequests` instead.',
  })
  @ApiOkResponse({ type: SessionUsageDto })
  @ApiNotFoundResponse({ description: 'No such session, or not the caller’s' })
  get(@CurrentOwner() owner: Owner, @UuidParam('id') sessionId: string): Promise<SessionUsageDto> {
    return this.tracking.sessionUsage(owner, sessionId);
  }
}
