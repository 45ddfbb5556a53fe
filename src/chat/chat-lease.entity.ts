import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A chat turn's claim on its session: at most one turn per session runs at a time. */
@Entity('chat_leases')
export class ChatLeaseEntity {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ type: 'uuid' })
  holder: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
