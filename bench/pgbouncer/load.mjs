// Through PgBouncer in transaction mode (docs/deployment.md, PgBouncer): 40 concurrent visitors
// each create a session, then append and read the history 5 times; prints what succeeded and
// each distinct failure. Steps, from the repository's root, after `npm run build`:
//   createdb -h 127.0.0.1 -U postgres continuum_pgb
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/continuum_pgb node node_modules/typeorm/cli.js migration:run -d dist/ormconfig.js
//   echo '"postgres" ""' > /tmp/continuum-pgbouncer-users.txt
//   su postgres -s /bin/sh -c 'pgbouncer -d bench/pgbouncer/pgbouncer.ini'
//   DATABASE_URL=postgresql://postgres@127.0.0.1:6433/continuum_pgb DB_MIGRATIONS_RUN=false DB_PREPARED_STATEMENTS=false \
//     MAINTENANCE_CRON=off RATE_LIMIT_REQUESTS=0 PORT=3911 node dist/src/main.js &
//   PORT=3911 node bench/pgbouncer/load.mjs
const base = `http://127.0.0.1:${process.env.PORT}`;
const VISITORS = 40;
const ROUNDS = 5;
let ok = 0;
const failures = {};

async function record(response) {
  if (response.ok) {
    ok += 1;
    return;
  }
  const key = `${response.status} ${(await response.text()).slice(0, 120)}`;
  failures[key] = (failures[key] ?? 0) + 1;
}

async function visitor() {
  const created = await fetch(`${base}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const cookie = created.headers.get('set-cookie')?.split(';')[0];
  const { id } = await created.json();
  for (let round = 0; round < ROUNDS; round++) {
    const body = JSON.stringify({ role: 'user', content: `message ${round}` });
    await record(await fetch(`${base}/v1/sessions/${id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body }));
    await record(await fetch(`${base}/v1/sessions/${id}/messages?limit=20`, { headers: { cookie } }));
  }
}

await Promise.all(Array.from({ length: VISITORS }, () => visitor()));
console.log(JSON.stringify({ ok, failures }, null, 1));
