import { DataSourceOptions } from 'typeorm';
import { allMigrations } from '@migrations/index';
import { DatabaseLogger } from './database-logger';
import { allEntities } from './entities';

/** The one description of how Continuum reaches PostgreSQL: used by the app, the CLI and the tests. */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: allEntities,
    migrations: allMigrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    installExtensions: false,
    logger: new DatabaseLogger(),
    logging: ['error', 'warn', 'migration'],
    maxQueryExecutionTime: 1_000,
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
  };
}
