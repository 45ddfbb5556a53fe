import { DataSourceOptions } from 'typeorm';
import { allMigrations } from '@migrations/index';
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
    logging: ['error', 'warn', 'migration'],
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
  };
}
