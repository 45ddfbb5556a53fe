import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ContactPreferences, ProvenanceMap } from './profile-state';

/** What one owner (a user or an anonymous visitor) told about themselves, across their sessions. */
@Entity('profiles')
@Unique('uq_profiles_owner', ['ownerId'])
@Index('idx_profiles_email', ['email'], { where: 'email IS NOT NULL' })
@Check('chk_profiles_email_lower', 'email = lower(email)')
export class ProfileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'text' })
  ownerId: string;

  @Column({ name: 'customer_name', type: 'text', nullable: true })
  customerName: string | null;

  /** E.164. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** Lower case. */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ name: 'address_street', type: 'text', nullable: true })
  addressStreet: string | null;

  @Column({ name: 'address_city', type: 'text', nullable: true })
  addressCity: string | null;

  /** USPS two-letter code. */
  @Column({ name: 'address_state', type: 'text', nullable: true })
  addressState: string | null;

  @Column({ name: 'address_zip', type: 'text', nullable: true })
  addressZip: string | null;

  /** Canonical catalog names. */
  @Column({ name: 'products_of_interest', type: 'text', array: true, default: () => "'{}'" })
  productsOfInterest: string[];

  @Column({ name: 'services_of_interest', type: 'text', array: true, default: () => "'{}'" })
  servicesOfInterest: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  preferences: ContactPreferences;

  /** Per field: where its value came from (source, session, message, confidence, when). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  provenance: ProvenanceMap;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
