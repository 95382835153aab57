// Prints the DuckDB version the benchmark's @duckdb/node-api brings.
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');
const pkg = require('@duckdb/node-api/package.json');

(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const r = await con.runAndReadAll('SELECT version()');
  console.log(`${r.getRows()[0][0]} (@duckdb/node-api ${pkg.version})`);
})().catch((e) => { console.error(e.message); process.exit(1); });
