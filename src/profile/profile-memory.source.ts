import { Injectable } from '@nestjs/common';
import { Owner } from '@/session/owner';
import { MemoryItem } from '@/token-budget/context-assembler';
import { MemorySource } from '@/token-budget/memory-source';
import { toValues } from './profile.mapper';
import { ProfileRepository } from './profile.repository';
import { describeProfile } from './profile-summary';

/** Memory item ids of profile blocks start with this, so manifests show where a block came from. */
export const PROFILE_MEMORY_PREFIX = 'profile:';

/**
 * The profile as a memory source of the token budget: one short "What we know about the
 * customer" item, listed in the context manifest as `profile:<profile id>`; nothing while
 * nothing is known.
 */
@Injectable()
export class ProfileMemorySource implements MemorySource {
  constructor(private readonly profiles: ProfileRepository) {}

  async memoryFor(owner: Owner): Promise<MemoryItem[]> {
    const row = await this.profiles.findByOwner(owner.id);
    const text = row && describeProfile(toValues(row));
    return text ? [{ id: PROFILE_MEMORY_PREFIX + row!.id, text }] : [];
  }
}
