import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CHANGE_SOURCES = ['extracted', 'manual', 'merge', 'revert'] as const;
/** Who changed a value: extraction from a message, the owner through PATCH, a merge, or a merge's revert. */
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

/** One change of one profile field, kept as history. */
@Entity('profile_events')
@Index('idx_profile_events_owner_created', ['ownerId', 'createdAt', 'id'])
@Check('chk_profile_events_source', `source IN ('extracted', 'manual', 'merge', 'revert')`)
export class ProfileEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'text' })
  ownerId: string;

  /** The API's field name (`email`, `preferences.language`, ...). */
  @Column({ type: 'text' })
  field: string;

  @Column({ name: 'old_value', type: 'jsonb', nullable: true })
  oldValue: unknown;

  @Column({ name: 'new_value', type: 'jsonb', nullable: true })
  newValue: unknown;

  @Column({ type: 'text' })
  source: ChangeSource;

  /** No foreign key: the history outlives the session (see the migration). */
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
