import { Injectable } from '@nestjs/common';
import { In, IsNull, Repository } from 'typeorm';
import { Database } from '@/common/database/database';
import { ProfileMergeEntity } from './profile-merge.entity';
import { MergeRecord } from './profile-state';

export type ProfileMergeRow = ProfileMergeEntity;

@Injectable()
export class ProfileMergeRepository {
  constructor(private readonly db: Database) {}

  private get merges(): Repository<ProfileMergeEntity> {
    return this.db.repository(ProfileMergeEntity);
  }

  create(fromOwnerId: string, intoOwnerId: string, moved: MergeRecord): Promise<ProfileMergeRow> {
    return this.merges.save(this.merges.create({ fromOwnerId, intoOwnerId, moved, revertedAt: null }));
  }

  /** The merge, locked until the transaction ends (two reverts of one merge queue here). */
  lockById(id: string): Promise<ProfileMergeRow | null> {
    return this.merges.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markReverted(id: string): Promise<Date> {
    const { raw } = await this.merges
      .createQueryBuilder()
      .update()
      .set({ revertedAt: () => 'now()' })
      .where({ id })
      .returning('reverted_at')
      .execute();
    return (raw as { reverted_at: Date }[])[0].reverted_at;
  }

  /** The owners whose merges into these owners still stand: their data is now these owners'. */
  async mergedInto(ownerIds: string[]): Promise<string[]> {
    const rows = await this.merges.find({ select: { fromOwnerId: true }, where: { intoOwnerId: In(ownerIds), revertedAt: IsNull() } });
    return [...new Set(rows.map((row) => row.fromOwnerId))];
  }

  async deleteMentioning(ownerIds: string[]): Promise<number> {
    const { affected } = await this.merges
      .createQueryBuilder()
      .delete()
      .where('from_owner_id = ANY(:ids) OR into_owner_id = ANY(:ids)', { ids: ownerIds })
      .execute();
    return affected ?? 0;
  }
}
