'use strict';
// Serves chdb (ClickHouse as a library) through the subset of the ClickHouse HTTP
// interface that the official clients use: /ping, queries in the URL or the body,
// query parameters ({name:Type}), default_format, database, INSERT ... FORMAT with
// the data in the body, and ClickHouse-style errors with X-ClickHouse-Exception-Code.
// Only for loopback use by the local stack and tests; production runs a real server.
const http = require('http');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { Session } = require('chdb');

function parseArgs(argv) {
  const args = { host: '127.0.0.1', port: 8123, path: './chdb-data', 'readonly-user': '' };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in args)) throw new Error(`unknown option --${key}`);
    args[key] = argv[i + 1];
  }
  args.port = Number(args.port);
  return args;
}

const args = parseArgs(process.argv);
fs.mkdirSync(args.path, { recursive: true });
const uploadDir = path.join(args.path, 'http_uploads');
fs.mkdirSync(uploadDir, { recursive: true });
const session = new Session(path.resolve(args.path));
const version = session.query('SELECT version()', 'TSV').trim();

// chdb runs one statement at a time per session, and USE is session state: queue everything.
let queue = Promise.resolve();
function serialized(fn) {
  const run = queue.then(fn, fn);
  queue = run.catch(() => {});
  return run;
}

// One optional read-only user (NAME:PASSWORD) for analysts and dashboards; the default user is open
// on loopback. A real server enforces roles itself (sql/server/).
const [readonlyName, readonlyPassword] = args['readonly-user'] ? args['readonly-user'].split(/:(.*)/s) : [null, null];
const READ_STATEMENT = /^\s*(\(\s*)*(SELECT|WITH|SHOW|DESCRIBE|DESC|EXPLAIN|EXISTS)\b/i;

function credentials(req, url) {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization || '');
  if (basic) {
    const [user, password] = Buffer.from(basic[1], 'base64').toString('utf8').split(/:(.*)/s);
    return { user, password: password || '' };
  }
  return {
    user: req.headers['x-clickhouse-user'] || url.searchParams.get('user') || 'default',
    password: req.headers['x-clickhouse-key'] || url.searchParams.get('password') || '',
  };
}

const INSERT_FORMAT = /^\s*INSERT\s+INTO\s[\s\S]*?\bFORMAT\s+([A-Za-z0-9_]+)\s*;?\s*$/i;
const IS_INSERT = /^\s*INSERT\s/i;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function errorCode(message) {
  const m = /Code: (\d+)\./.exec(message);
  return m ? Number(m[1]) : 1000;
}

function sendError(res, status, message, queryId) {
  const clean = String(message).replace(/^Query failed: /, '');
  const code = errorCode(clean);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=UTF-8',
    'X-ClickHouse-Exception-Code': String(code),
    'X-ClickHouse-Query-Id': queryId,
    'X-ClickHouse-Server-Display-Name': 'chdb-local',
  });
  res.end(clean.startsWith('Code:') ? clean + '\n' : `Code: ${code}. DB::Exception: ${clean}\n`);
}

// Settings an insert may carry as URL parameters (the real server accepts any; this subset is what
// the project's clients send): they go into the rewritten INSERT ... FROM INFILE statement.
const INSERT_SETTINGS = new Set(['optimize_on_insert', 'insert_deduplicate']);

async function execute(sql, body, params, database, format, settings) {
  if (!IDENTIFIER.test(database)) throw new Error(`Code: 81. DB::Exception: Database ${database} is not a valid name. (UNKNOWN_DATABASE)`);
  let statement = sql;
  let upload = null;
  if (body.length > 0) {
    const insert = INSERT_FORMAT.exec(sql);
    if (insert) {
      upload = path.join(uploadDir, crypto.randomUUID());
      fs.writeFileSync(upload, body);
      const clause = Object.keys(settings).length === 0 ? ''
        : ' SETTINGS ' + Object.entries(settings).map(([k, v]) => `${k} = ${Number(v)}`).join(', ');
      statement = sql.replace(/\bFORMAT\s+[A-Za-z0-9_]+\s*;?\s*$/i, `FROM INFILE '${upload}'${clause} FORMAT ${insert[1]}`);
    } else {
      statement = sql.length > 0 ? sql + '\n' + body.toString('utf8') : body.toString('utf8');
    }
  }
  try {
    return await serialized(async () => {
      session.query(`USE ${database}`);
      const opts = { format };
      return Object.keys(params).length > 0
        ? await session.queryBindAsync(statement, params, opts)
        : await session.queryAsync(statement, opts);
    });
  } finally {
    if (upload) fs.rm(upload, () => {});
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const url = new URL(req.url, 'http://localhost');
    const queryId = url.searchParams.get('query_id') || crypto.randomUUID();
    if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' });
      res.end('Ok.\n');
      return;
    }
    if (url.pathname !== '/') {
      sendError(res, 404, `Code: 1000. DB::Exception: no handler for ${url.pathname}`, queryId);
      return;
    }
    const body = Buffer.concat(chunks);
    const params = {};
    const settings = {};
    for (const [k, v] of url.searchParams) {
      if (k.startsWith('param_')) params[k.slice(6)] = v;
      else if (INSERT_SETTINGS.has(k) && /^[0-9]+$/.test(v)) settings[k] = v;
    }
    const database = url.searchParams.get('database') || req.headers['x-clickhouse-database'] || 'default';
    const format = url.searchParams.get('default_format') || req.headers['x-clickhouse-format'] || 'TabSeparated';
    let sql = url.searchParams.get('query') || '';
    let data = body;
    if (sql.length === 0) { sql = body.toString('utf8'); data = Buffer.alloc(0); }
    if (sql.trim().length === 0) {
      sendError(res, 400, 'Code: 62. DB::Exception: Empty query. (SYNTAX_ERROR)', queryId);
      return;
    }
    const { user, password } = credentials(req, url);
    if (user !== 'default') {
      if (user !== readonlyName || password !== readonlyPassword) {
        sendError(res, 403, `Code: 516. DB::Exception: ${user}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)`, queryId);
        return;
      }
      if (!READ_STATEMENT.test(sql) || data.length > 0) {
        sendError(res, 403, `Code: 164. DB::Exception: ${user}: Cannot execute query in readonly mode. (READONLY)`, queryId);
        return;
      }
    }
    try {
      const result = await execute(sql, data, params, database, format, settings);
      const bytes = Buffer.from(result.bytes());
      const written = IS_INSERT.test(sql) ? result.rowsRead : 0;
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'X-ClickHouse-Query-Id': queryId,
        'X-ClickHouse-Format': format,
        'X-ClickHouse-Timezone': 'UTC',
        'X-ClickHouse-Server-Display-Name': 'chdb-local',
        'X-ClickHouse-Summary': JSON.stringify({
          read_rows: String(result.rowsRead || 0), read_bytes: String(result.bytesRead || 0),
          written_rows: String(written), written_bytes: '0', total_rows_to_read: '0',
          result_rows: '0', result_bytes: String(bytes.length), elapsed_ns: String(Math.round((result.elapsed || 0) * 1e9)),
        }),
        'Content-Length': bytes.length,
      });
      res.end(bytes);
    } catch (e) {
      sendError(res, 500, e.message || String(e), queryId);
    }
  });
});

server.on('error', (e) => {
  if (e.code === 'EADDRINUSE') console.error(`port ${args.port} on ${args.host} is already in use: set PULSE_CLICKHOUSE_PORT to a free port`);
  else console.error(`clickhouse server failed: ${e.message}`);
  process.exit(2);
});
server.listen(args.port, args.host, () => {
  console.log(`chdb ${version} serving the ClickHouse HTTP interface on http://${args.host}:${args.port}/ (data: ${path.resolve(args.path)})`);
});
function shutdown() { server.close(); queue.finally(() => { session.close(); process.exit(0); }); }
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
