// Session advisory locks through PgBouncer in transaction mode (docs/deployment.md, PgBouncer):
// two clients try one key the way the maintenance job lock does (pg_try_advisory_lock, later
// pg_advisory_unlock), with other traffic between; counts the rounds where both got the lock and
// where it was still held (seen on a direct connection) after both unlocked and disconnected.
// Needs PgBouncer on 127.0.0.1:6433 as in load.mjs.
import pg from 'pg';

const POOLED = 'postgresql://postgres@127.0.0.1:6433/continuum_pgb';
const ROUNDS = 20;
const LOCK = `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got`;
const UNLOCK = `SELECT pg_advisory_unlock(hashtextextended($1, 0))`;
const HELD = `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = (hashtextextended($1, 0) & 4294967295)::bigint::oid`;

const connect = async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
};
const direct = await connect('postgresql://postgres@127.0.0.1:5432/continuum_pgb');
const others = await Promise.all([1, 2, 3].map(() => connect(POOLED)));
let bothGotTheLock = 0;
let stillHeldAfterBothClosed = 0;
for (let round = 0; round < ROUNDS; round++) {
  const [a, b] = await Promise.all([connect(POOLED), connect(POOLED)]);
  const key = `continuum:maintenance:round-${round}`;
  const first = (await a.query(LOCK, [key])).rows[0].got;
  // Other clients' statements move server connections around between a's statements.
  await Promise.all(others.map((client) => client.query('SELECT pg_sleep(0.01)')));
  const second = (await b.query(LOCK, [key])).rows[0].got;
  if (first && second) bothGotTheLock += 1;
  await a.query(UNLOCK, [key]);
  await b.query(UNLOCK, [key]);
  await Promise.all([a.end(), b.end()]);
  if ((await direct.query(HELD, [key])).rows[0].n > 0) stillHeldAfterBothClosed += 1;
}
console.log(JSON.stringify({ rounds: ROUNDS, bothGotTheLock, stillHeldAfterBothClosed }));
await Promise.all([...others, direct].map((client) => client.end()));
