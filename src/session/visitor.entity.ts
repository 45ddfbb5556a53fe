import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An anonymous caller known by an httpOnly cookie; only the cookie's SHA-256 is stored. */
@Entity('visitors')
@Unique('uq_visitors_key_hash', ['keyHash'])
@Index('idx_visitors_last_seen', ['lastSeenAt'])
export class VisitorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'key_hash', type: 'text' })
  keyHash: string;

  /** Set when a signed-in user claimed this visitor's sessions. */
  @Column({ name: 'user_id', type: 'text', nullable: true })
  userId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;
}
