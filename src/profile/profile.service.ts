import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { Owner } from '@/session/owner';
import { PageQuery } from './dto/page.query';
import { ProfileEventPageDto } from './dto/profile-event.dto';
import { ProfileDto } from './dto/profile.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { decodeCursor, pageOf } from '@/common/database/keyset-cursor';
import { normalizePatch, PatchRules, planManual } from './manual-patch';
import { ProfileEventRepository } from './profile-event.repository';
import { mapEvent, mapProfile } from './profile.mapper';
import { ProfileRepository } from './profile.repository';
import { ProfileWriter } from './profile-writer.service';

const DEFAULT_EVENTS_PAGE = 50;

/** The caller's own profile: read it, edit it, read its history. */
@Injectable()
export class ProfileService {
  private readonly rules: PatchRules;

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly history: ProfileEventRepository,
    private readonly writer: ProfileWriter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rules = config.profile;
  }

  /** What is known about the owner; nulls and empty lists when nothing is (no row is created by reading). */
  async get(owner: Owner): Promise<ProfileDto> {
    return mapProfile(await this.profiles.findByOwner(owner.id));
  }

  /**
   * Sets the fields present as manual values (extraction never overwrites them); null clears
   * one. Every change is a profile_events row; an empty body changes nothing.
   */
  async update(owner: Owner, dto: UpdateProfileDto): Promise<ProfileDto> {
    const patch = normalizePatch(dto, this.rules);
    if (patch.length === 0) return this.get(owner);
    const now = new Date();
    const saved = await this.writer.change(owner.id, (current) => planManual(current, patch, now), { source: 'manual', sessionId: null, messageId: null });
    return mapProfile(saved);
  }

  /** The history of changes, newest first. */
  async events(owner: Owner, query: PageQuery): Promise<ProfileEventPageDto> {
    const limit = query.limit ?? DEFAULT_EVENTS_PAGE;
    const rows = await this.history.listNewestFirst(owner.id, query.cursor ? decodeCursor(query.cursor) : null, limit + 1);
    const page = pageOf(rows, limit);
    return { items: page.items.map(mapEvent), nextCursor: page.nextCursor };
  }
}
