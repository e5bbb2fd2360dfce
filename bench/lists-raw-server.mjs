// The raw side of the lists benchmark (bench/suites/lists.mjs): a bare node:http server, no
// framework, no sign-in, no validation, that answers GET /<case> by running the statements the
// API ran for that case, straight on the database (one read-only SQLite connection, as the
// server reads on; or a PostgreSQL pool of the server's size), and sending the rows with
// JSON.stringify. Loaded by the same autocannon as the API, it is the query at 32 connections.
// Usage: node bench/lists-raw-server.mjs CONFIG.json PORT (prints "ready" when listening).
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [configFile, port] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, 'utf8'));

let run;
if (config.dialect === 'sqlite') {
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(config.file, { readonly: true });
  const prepared = Object.fromEntries(Object.entries(config.cases).map(([name, statements]) => [name, statements.map((s) => ({ stmt: db.prepare(s.sql), parameters: s.parameters }))]));
  run = async (name) => prepared[name].map((p) => p.stmt.all(...p.parameters));
} else {
  const pg = (await import('pg')).default;
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize });
  // One client for the case's statements, as a request holds one.
  run = async (name) => {
    const client = await pool.connect();
    try {
      const out = [];
      for (const s of config.cases[name]) out.push((await client.query(s.sql, s.parameters)).rows);
      return out;
    } finally {
      client.release();
    }
  };
}

const server = http.createServer((req, res) => {
  const name = decodeURIComponent((req.url ?? '/').slice(1));
  if (!config.cases[name]) {
    res.writeHead(404).end();
    return;
  }
  run(name).then(
    (rows) => {
      const body = JSON.stringify({ rows });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    },
    (err) => res.writeHead(500).end(String(err)),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
