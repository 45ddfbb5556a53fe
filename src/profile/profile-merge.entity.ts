import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MergeRecord } from './profile-state';

/** An admin's merge of an anonymous visitor into another owner, with what moved, so it can be undone. */
@Entity('profile_merges')
@Index('idx_profile_merges_from', ['fromOwnerId'])
@Index('idx_profile_merges_into', ['intoOwnerId'])
@Check('chk_profile_merges_owners', 'from_owner_id <> into_owner_id')
export class ProfileMergeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'from_owner_id', type: 'text' })
  fromOwnerId: string;

  @Column({ name: 'into_owner_id', type: 'text' })
  intoOwnerId: string;

  @Column({ type: 'jsonb' })
  moved: MergeRecord;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'reverted_at', type: 'timestamptz', nullable: true })
  revertedAt: Date | null;
}
