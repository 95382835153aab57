// The DuckDB peer of `make bench` (bench/run.py), through @duckdb/node-api.
//
//   node duckdb_peer.js import CSV DBFILE
//   node duckdb_peer.js query DBFILE QUERY MONTH REPEAT TARGETS_JSON
//
// Prints one JSON line: {"ms": [...], "rows": N}. Times are taken in-process
// around the operation only (node's start and the module load are not
// counted); a query's result is materialised (runAndReadAll), not printed.
'use strict';
const fs = require('fs');
const { DuckDBInstance } = require('@duckdb/node-api');
const q = require('./queries');

function nowMs() { return Number(process.hrtime.bigint()) / 1e6; }

async function importCsv(csv, dbfile) {
  for (const f of [dbfile, dbfile + '.wal']) fs.rmSync(f, { force: true });
  const db = await DuckDBInstance.create(dbfile);
  const con = await db.connect();
  const t0 = nowMs();
  // read_csv detects the types; the date format is given so that 01/02 is
  // read as day/month, as the UN writes it. CHECKPOINT makes the table
  // durable in the database file, as the SQLite COMMIT does for Bluehelmet.
  await con.run(`CREATE TABLE contribution AS SELECT * FROM read_csv('${csv}', header = true, dateformat = '%d/%m/%Y')`);
  await con.run('CHECKPOINT');
  const ms = nowMs() - t0;
  const n = await con.runAndReadAll('SELECT count(*) FROM contribution');
  console.log(JSON.stringify({ ms: [ms], rows: Number(n.getRows()[0][0]) }));
}

async function query(dbfile, name, month, repeat, targets) {
  const db = await DuckDBInstance.create(dbfile, { access_mode: 'READ_ONLY' });
  const con = await db.connect();
  const sql = q.duckdbSql(name, month, JSON.parse(targets));
  const times = [];
  let rows = 0;
  for (let i = 0; i < repeat; ++i) {
    const t0 = nowMs();
    const r = await con.runAndReadAll(sql);
    times.push(nowMs() - t0);
    rows = r.currentRowCount;
  }
  console.log(JSON.stringify({ ms: times, rows }));
}

const [cmd, ...args] = process.argv.slice(2);
(cmd === 'import' ? importCsv(args[0], args[1])
  : query(args[0], args[1], args[2], Number(args[3]), args[4]))
  .catch((e) => { console.error(`duckdb_peer: ${e.message}`); process.exit(1); });
