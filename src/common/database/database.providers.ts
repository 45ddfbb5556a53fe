import { Logger, Provider } from '@nestjs/common';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';

/** Null when DATABASE_URL points at a real server. */
export const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');

const logger = new Logger('Database');

export const embeddedPostgresProvider: Provider = {
  provide: EMBEDDED_POSTGRES,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<EmbeddedPostgres | null> => {
    if (config.databaseUrl) return null;
    const dataDir = config.dataDir === ':memory:' ? null : resolve(config.dataDir);
    logger.log(`DATABASE_URL is unset: starting embedded PostgreSQL (PGlite) in ${dataDir ?? 'memory'}`);
    return EmbeddedPostgres.start(dataDir);
  },
};

/** The DataSource's options from the typed config: the embedded database's address, or DATABASE_URL. */
export function appDataSourceOptions(config: AppConfig, embedded: EmbeddedPostgres | null): DataSourceOptions {
  // PGlite serves one connection at a time; more pooled clients would only queue inside it.
  const options = embedded ? dataSourceOptions(embedded.url, 1) : dataSourceOptions(config.databaseUrl!, config.dbPoolSize);
  return { ...options, migrationsRun: config.migrationsRun };
}

/**
 * Builds the DataSource for `TypeOrmModule`, migrating it before anyone can use it. Several
 * replicas may start at once: one migrates while the others wait on a PostgreSQL advisory
 * lock, then find nothing left to run. The lock lives on a connection of its own, outside the
 * pool the migrations use.
 */
export async function createMigratedDataSource(options?: DataSourceOptions): Promise<DataSource> {
  const { migrationsRun, ...rest } = options!;
  const dataSource = await new DataSource({ ...rest, migrationsRun: false } as DataSourceOptions).initialize();
  if (migrationsRun) await migrateUnderLock(dataSource, (rest as { url: string }).url);
  return dataSource;
}

async function migrateUnderLock(dataSource: DataSource, url: string): Promise<void> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.end();
  }
}

const MIGRATION_LOCK = 'continuum:migrations';
