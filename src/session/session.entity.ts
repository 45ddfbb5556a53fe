import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('sessions')
@Index('idx_sessions_owner_activity', ['ownerId', 'lastActivityAt', 'id'])
@Index('idx_sessions_last_activity', ['lastActivityAt'])
@Check('sessions_message_count_check', 'message_count >= 0')
@Check('sessions_last_seq_check', 'last_seq >= 0')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `user:<sub>` or `visitor:<visitor id>`. */
  @Column({ name: 'owner_id', type: 'text' })
  ownerId: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ name: 'context_data', type: 'jsonb', default: () => "'{}'" })
  contextData: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount: number;

  /** The seq of the newest message ever appended; the next message gets lastSeq + 1. */
  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;
}
