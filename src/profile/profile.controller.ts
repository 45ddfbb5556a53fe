import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentOwner } from '@/session/authenticated';
import { Owner } from '@/session/owner';
import { PageQuery } from './dto/page.query';
import { ProfileEventPageDto } from './dto/profile-event.dto';
import { FieldProvenanceDto, ProfileDto } from './dto/profile.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { ProfileService } from './profile.service';

@ApiTags('profile')
@ApiExtraModels(FieldProvenanceDto)
@Authenticated()
@Controller('v1/profile')
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @ApiOperation({ summary: 'What Continuum knows about the caller, with where each value came from (200 even when nothing is known)' })
  @ApiOkResponse({ type: ProfileDto })
  get(@CurrentOwner() owner: Owner): Promise<ProfileDto> {
    return this.profiles.get(owner);
  }

  @Patch()
  @ApiOperation({ summary: 'Set any of the fields as manual values (never overwritten by extraction); null clears one' })
  @ApiOkResponse({ type: ProfileDto })
  update(@CurrentOwner() owner: Owner, @Body() dto: UpdateProfileDto): Promise<ProfileDto> {
    return this.profiles.update(owner, dto);
  }

  @Get('events')
  @ApiOperation({ summary: 'The history of changes to the caller’s profile, newest first' })
  @ApiOkResponse({ type: ProfileEventPageDto })
  events(@CurrentOwner() owner: Owner, @Query() query: PageQuery): Promise<ProfileEventPageDto> {
    return this.profiles.events(owner, query);
  }
}
