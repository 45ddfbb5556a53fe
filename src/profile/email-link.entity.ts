import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An email that turned up in the profiles of two owners (someone who cleared their cookies,
 * or logged in elsewhere): `ownerId` got it after `otherOwnerId` had it. Recorded once per pair.
 */
@Entity('email_links')
@Unique('uq_email_links_email_owners', ['email', 'ownerId', 'otherOwnerId'])
@Index('idx_email_links_created', ['createdAt', 'id'])
@Index('idx_email_links_owner', ['ownerId'])
@Index('idx_email_links_other_owner', ['otherOwnerId'])
export class EmailLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'owner_id', type: 'text' })
  ownerId: string;

  @Column({ name: 'other_owner_id', type: 'text' })
  otherOwnerId: string;

  /** The session the new value came from; null when it was set through the API. */
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  /** The session the other owner's value came from, if it came from one. */
  @Column({ name: 'other_session_id', type: 'uuid', nullable: true })
  otherSessionId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
