import { Injectable } from '@nestjs/common';
import { Database } from '@/common/database/database';
import { ProfileEntity } from './profile.entity';
import { ProfileState } from './profile-state';

export type ProfileRow = ProfileEntity;

/** An owner who has the email in question, and the session its value came from. */
export interface EmailHolder {
  ownerId: string;
  sessionId: string | null;
}

const COLUMNS = `owner_id, customer_name, phone, email, address_street, address_city, address_state, address_zip,
  products_of_interest, services_of_interest, preferences, provenance`;

// Raw SQL throughout: these run on the hot path of every user message that says something
// about its author, with fixed texts sent as prepared statements.
@Injectable()
export class ProfileRepository {
  constructor(private readonly db: Database) {}

  private get columns(): string {
    return this.db.selectList(ProfileEntity);
  }

  async findByOwner(ownerId: string): Promise<ProfileRow | null> {
    const { rows } = await this.db.query<ProfileRow>(`SELECT ${this.columns} FROM profiles WHERE owner_id = $1`, [ownerId]);
    return rows[0] ?? null;
  }

  /** The owner's profile, locked until the transaction ends; null when it has none. */
  async lockByOwner(ownerId: string): Promise<ProfileRow | null> {
    const { rows } = await this.db.query<ProfileRow>(`SELECT ${this.columns} FROM profiles WHERE owner_id = $1 FOR UPDATE`, [ownerId]);
    return rows[0] ?? null;
  }

  /** The profiles of several owners, locked in owner order (so two merges cannot deadlock). */
  async lockByOwners(ownerIds: string[]): Promise<ProfileRow[]> {
    const { rows } = await this.db.query<ProfileRow>(
      `SELECT ${this.columns} FROM profiles WHERE owner_id = ANY($1::text[]) ORDER BY owner_id FOR UPDATE`,
      [ownerIds],
    );
    return rows;
  }

  /** Creates the owner's profile; null when a concurrent request created it first. */
  async insert(ownerId: string, state: ProfileState): Promise<ProfileRow | null> {
    const { rows } = await this.db.query<ProfileRow>(
      `INSERT INTO profiles (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (owner_id) DO NOTHING RETURNING ${this.columns}`,
      [ownerId, ...stateParams(state)],
    );
    return rows[0] ?? null;
  }

  async update(id: string, state: ProfileState): Promise<ProfileRow> {
    const { rows } = await this.db.query<ProfileRow>(
      `UPDATE profiles SET customer_name = $2, phone = $3, email = $4, address_street = $5, address_city = $6,
         address_state = $7, address_zip = $8, products_of_interest = $9, services_of_interest = $10,
         preferences = $11, provenance = $12, updated_at = now()
       WHERE id = $1 RETURNING ${this.columns}`,
      [id, ...stateParams(state)],
    );
    return rows[0];
  }

  async deleteById(id: string): Promise<void> {
    await this.db.query(`DELETE FROM profiles WHERE id = $1`, [id]);
  }

  async deleteByOwners(ownerIds: string[]): Promise<number> {
    return (await this.db.query(`DELETE FROM profiles WHERE owner_id = ANY($1::text[])`, [ownerIds])).affected;
  }

  /** The other owners whose profile has this email. */
  async holdersOfEmail(email: string, exceptOwnerId: string): Promise<EmailHolder[]> {
    const { rows } = await this.db.query<EmailHolder>(
      `SELECT owner_id AS "ownerId", provenance #>> '{email,sessionId}' AS "sessionId" FROM profiles WHERE email = $1 AND owner_id <> $2`,
      [email, exceptOwnerId],
    );
    return rows;
  }
}

function stateParams({ values, provenance }: ProfileState): unknown[] {
  return [
    values.customerName, values.phone, values.email, values.addressStreet, values.addressCity, values.addressState,
    values.addressZip, values.productsOfInterest, values.servicesOfInterest, JSON.stringify(values.preferences),
    JSON.stringify(provenance),
  ];
}
