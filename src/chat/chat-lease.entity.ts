import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SessionEntity } from '@/session/session.entity';

/** A chat turn's claim on its session: at most one turn per session runs at a time. */
@Entity('chat_leases')
export class ChatLeaseEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_chat_leases_session' })
  session?: SessionEntity;

  @Column({ type: 'uuid' })
  holder: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
