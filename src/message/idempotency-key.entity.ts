import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SessionEntity } from '@/session/session.entity';

/** A client's retry key for an append: the first response is replayed for 24 hours. */
@Entity('idempotency_keys')
@Index('idx_idempotency_keys_created', ['createdAt'])
@Index('idx_idempotency_keys_session', ['sessionId'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'owner_id', type: 'text' })
  ownerId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_idempotency_keys_session' })
  session?: SessionEntity;

  /** The response first sent, kept whole so a replay survives pruning of the message. */
  @Column({ type: 'jsonb' })
  response: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
