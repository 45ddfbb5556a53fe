import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@/common/database/data-source-options';
import { RACES_NEED_POSTGRES } from './races';
import { adminUrl, databaseUrl } from './test-database';
import { ensureServerBuild } from './server-build';
import { ensureWebBuild } from './web-build';

/**
 * With DATABASE_URL set, the e2e tests run on that PostgreSQL server: one migrated
 * template database is made here and every test app gets its own copy of it.
 * Without it, every test app starts its own in-memory PGlite and nothing is needed here.
 */
export default async function globalSetup(): Promise<void> {
  // The browser tests drive the built page, the shutdown tests the built service: a stale
  // build would test yesterday's code.
  ensureWebBuild();
  ensureServerBuild();
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    console.log(`\nDATABASE_URL is unset: the race tests are skipped (${RACES_NEED_POSTGRES}).`);
    return;
  }
  const template = `continuum_test_tmpl_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl(serverUrl) });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(serverUrl, template), 1));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  process.env.CONTINUUM_TEST_TEMPLATE = template;
}
