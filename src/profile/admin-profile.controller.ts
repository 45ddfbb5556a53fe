import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@/common/http/admin-key.guard';
import { UuidParam } from '@/common/http/uuid-param';
import { EmailCollisionPageDto } from './dto/email-collision.dto';
import { MergeDto, MergeRequestDto } from './dto/merge.dto';
import { PageQuery } from './dto/page.query';
import { EmailLinkService } from './email-link.service';
import { MergeRevertService } from './merge-revert.service';
import { ProfileMergeService } from './profile-merge.service';

@ApiTags('admin')
@AdminOnly()
@Controller('v1/admin/profiles')
export class AdminProfileController {
  constructor(
    private readonly links: EmailLinkService,
    private readonly merges: ProfileMergeService,
    private readonly reverts: MergeRevertService,
  ) {}

  @Get('email-collisions')
  @ApiOperation({ summary: 'Emails found in the profiles of two owners, newest first' })
  @ApiOkResponse({ type: EmailCollisionPageDto })
  collisions(@Query() query: PageQuery): Promise<EmailCollisionPageDto> {
    return this.links.list(query);
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move an anonymous visitor’s sessions and profile into another owner (reversible)' })
  @ApiOkResponse({ type: MergeDto })
  @ApiNotFoundResponse({ description: 'An owner is unknown' })
  @ApiConflictResponse({ description: 'Two users, or a visitor a user already claimed' })
  merge(@Body() request: MergeRequestDto): Promise<MergeDto> {
    return this.merges.merge(request);
  }

  @Post('merges/:id/revert')
  @HttpCode(200)
  @ApiOperation({ summary: 'Undo a merge: move exactly what moved back' })
  @ApiOkResponse({ type: MergeDto })
  @ApiNotFoundResponse({ description: 'No such merge' })
  @ApiConflictResponse({ description: 'Already reverted, or something changed since that a revert would lose (the detail says what)' })
  revert(@UuidParam('id') id: string): Promise<MergeDto> {
    return this.reverts.revert(id);
  }
}
