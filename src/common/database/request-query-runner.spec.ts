import { needsTransaction } from './request-query-runner';

describe('needsTransaction', () => {
  it.each([
    'SELECT * FROM sessions WHERE id = $1',
    '  select "m"."seq" AS "seq" FROM "messages" "m" ORDER BY "m"."seq" DESC LIMIT 51',
    'WITH page AS (SELECT id FROM messages) SELECT * FROM page',
    'SELECT updated_at, last_update_source FROM t',
  ])('lets a plain read run before BEGIN: %s', (sql) => {
    expect(needsTransaction(sql)).toBe(false);
  });

  it.each([
    'INSERT INTO sessions (owner_id) VALUES ($1)',
    'UPDATE sessions SET title = $1',
    'DELETE FROM messages WHERE seq <= $1',
    'WITH inserted AS (INSERT INTO messages VALUES (1) RETURNING *) SELECT * FROM inserted',
    'SELECT * FROM sessions WHERE id = $1 FOR UPDATE',
    'SELECT * FROM sessions WHERE id = $1 FOR NO KEY UPDATE',
    'SELECT * FROM sessions FOR SHARE',
    'SELECT * FROM sessions FOR KEY SHARE',
    'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
    'SAVEPOINT typeorm_1',
    'SET LOCAL statement_timeout = 1000',
  ])('sends BEGIN before a statement that writes or locks: %s', (sql) => {
    expect(needsTransaction(sql)).toBe(true);
  });
});
