import { startTestApp, TestApp } from './support/test-app';

/**
 * The entities are the schema's description: after every migration has run, TypeORM finds
 * nothing to change (what `typeorm migration:generate --check` reports). An entity changed
 * without a migration, or a migration the entities do not describe, fails here.
 */
describe('schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('matches the entities exactly once the migrations have run', async () => {
    const diff = await t.dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('has no migration left to run', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
  });
});
