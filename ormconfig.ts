import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/common/config/app-config';
import { dataSourceOptions } from './src/common/database/data-source-options';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:run`). It needs DATABASE_URL:
 * the embedded database migrates itself when the service starts.
 */
const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error('DATABASE_URL is required for the migration CLI; the embedded database migrates on start');
}
export default new DataSource(dataSourceOptions(config.databaseUrl, 1));
