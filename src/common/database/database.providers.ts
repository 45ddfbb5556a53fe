import { Logger, Provider } from '@nestjs/common';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@/common/config/app-config';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedPostgres } from './embedded-postgres';
import { withRequestQueryRunners } from './request-query-runner';

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
  const url = embedded?.url ?? config.databaseUrl!;
  // PGlite serves one connection at a time; more pooled clients would only queue inside it.
  const poolSize = embedded ? 1 : config.dbPoolSize;
  return { ...dataSourceOptions(url, poolSize, config.dbTimeouts), migrationsRun: config.migrationsRun };
}

/** Builds the DataSource for `TypeOrmModule`, migrated before anyone can use it, making RequestQueryRunners. */
export async function createMigratedDataSource(options?: DataSourceOptions): Promise<DataSource> {
  const { migrationsRun, ...rest } = options!;
  if (migrationsRun) await migrateUnderLock((rest as { url: string }).url);
  return withRequestQueryRunners(new DataSource({ ...rest, migrationsRun: false } as DataSourceOptions)).initialize();
}

/**
 * Several replicas may start at once: one migrates while the others wait on a PostgreSQL
 * advisory lock, then find nothing left to run. The lock lives on a connection of its own,
 * and the migrations run on a data source of their own, without the requests' time limits
 * (a migration may rightly take minutes).
 */
async function migrateUnderLock(url: string): Promise<void> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  const migrator = new DataSource(dataSourceOptions(url, 1));
  try {
    await lock.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
  } finally {
    if (migrator.isInitialized) await migrator.destroy();
    await lock.end();
  }
}

const MIGRATION_LOCK = 'continuum:migrations';
