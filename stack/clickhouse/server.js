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
  const args = { host: '127.0.0.1', port: 8123, path: './chdb-data' };
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

// Users come from the environment, never from the command line (ps shows it to every local user):
// the admin user "default" with PULSE_CLICKHOUSE_PASSWORD (empty unless set), and the read-only
// analyst PULSE_ANALYST_USER / PULSE_ANALYST_PASSWORD for dashboards. A real server enforces
// roles itself (sql/server/); this front enforces the same for the analyst here.
const adminPassword = process.env.PULSE_CLICKHOUSE_PASSWORD || '';
const readonlyName = process.env.PULSE_ANALYST_USER || 'analyst';
const readonlyPassword = process.env.PULSE_ANALYST_PASSWORD || 'analyst';

// What the analyst may run, as a server with readonly = 2 and the grants of sql/server/ would
// allow: one reading statement, and only the tables granted there. The text is checked first (one
// statement, no output to files); then the engine's own parser says what the statement reads
// (EXPLAIN QUERY TREE for a query, EXPLAIN AST for DESCRIBE and EXISTS), so that quoting,
// comments, aliases, CTEs, merge(), view() and dictionaries cannot hide a table.
const READ_STATEMENT = /^\s*(\(\s*)*(SELECT|WITH|SHOW|DESCRIBE|DESC|EXPLAIN|EXISTS)\b/i;
const SHOW_ALLOWED = /^\s*SHOW\s+(TABLES|DATABASES)\s*;?\s*$/i;
const EXPLAIN_PREFIX = /^\s*EXPLAIN(\s+(AST|SYNTAX|QUERY\s+TREE|PLAN|PIPELINE|ESTIMATE))?(\s+\w+\s*=\s*\w+(\s*,\s*\w+\s*=\s*\w+)*)?\s+/i;
const GRANTED = new Set(
  [...fs.readFileSync(path.join(__dirname, '..', '..', 'sql', 'server', '010_analyst.sql'), 'utf8')
    .matchAll(/^GRANT SELECT ON pulse\.(\w+) TO pulse_analyst;$/gm)].map((m) => m[1]));
const TABLE_FUNCTIONS_ALLOWED = new Set(['numbers', 'numbers_mt', 'zeros', 'zeros_mt']);

// The catalog a BI tool browses (JDBC's DatabaseMetaData reads system.tables, system.columns and
// system.databases). A real server shows a user only the objects it holds a grant on; here the
// analyst's references to those three tables are pointed at views that keep the granted objects
// of the statement's database, and the parsed check below allows nothing else of system but
// these views, system.one and the two catalogs without data (types and functions).
const CATALOG = 'analyst_catalog';
const CATALOG_TABLES = ['tables', 'columns', 'databases'];
const SYSTEM_READABLE = new Set(['one', 'data_type_families', 'functions']);
const grantedList = [...GRANTED].map((name) => `'${name}'`).join(', ');
session.query(`CREATE DATABASE IF NOT EXISTS ${CATALOG}`);
session.query(`CREATE OR REPLACE VIEW ${CATALOG}.tables AS SELECT * FROM system.tables
  WHERE database = currentDatabase() AND name IN (${grantedList})`);
session.query(`CREATE OR REPLACE VIEW ${CATALOG}.columns AS SELECT * FROM system.columns
  WHERE database = currentDatabase() AND table IN (${grantedList})`);
session.query(`CREATE OR REPLACE VIEW ${CATALOG}.databases AS SELECT * FROM system.databases
  WHERE name = currentDatabase()`);

const SYSTEM_CATALOG = new RegExp(
  `(\\b|\`)system\`?\\s*\\.\\s*\`?(${CATALOG_TABLES.join('|')})\\b\`?`, 'gi');
const QUOTED = /('(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.)*")/;

// The analyst's statement with system.tables, .columns and .databases read from the catalog
// views; literals are left as they are. A reference in a form this misses stays on system and is
// refused by the parsed check.
function throughCatalog(sql) {
  const show = SHOW_ALLOWED.exec(code(sql));
  if (show) return `SELECT name FROM ${CATALOG}.${show[1].toLowerCase()} ORDER BY name`;
  return sql.split(QUOTED)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(SYSTEM_CATALOG, `${CATALOG}.$2`)))
    .join('');
}
// Dictionaries read outside the grants; the text check names them too, because EXPLAIN fails on an
// unknown dictionary before it could say so.
const DICTIONARY_FUNCTIONS = 'dict\\w*|joinGet\\w*';
const FUNCTIONS_REFUSED = new RegExp(`^(${DICTIONARY_FUNCTIONS}|getMacro|hasColumnInTable|file|url)$`, 'i');
const DICTIONARY_CALL = new RegExp(`\\b(${DICTIONARY_FUNCTIONS})\\s*\\(`, 'i');

// Literals and comments cannot change what a statement does: blank them before the text checks.
function code(sql) {
  return sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, "''")
    .replace(/--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
}

function textRefusal(sql) {
  const text = code(sql);
  if (!READ_STATEMENT.test(text)) return 'only SELECT, WITH, SHOW TABLES, DESCRIBE, EXPLAIN and EXISTS are allowed';
  if (/;\s*\S/.test(text)) return 'one statement per query';
  if (/\bINTO\s+OUTFILE\b/i.test(text)) return 'INTO OUTFILE is not allowed';
  // SHOW TABLES and SHOW DATABASES arrive here as queries of the catalog (throughCatalog)
  if (/^\s*SHOW\b/i.test(text)) return 'of SHOW, only SHOW TABLES and SHOW DATABASES are allowed';
  const system = /\bsystem\s*\.\s*`?(\w+)/gi;
  for (const m of text.matchAll(system)) {
    if (!SYSTEM_READABLE.has(m[1].toLowerCase())) return `no SELECT grant on system.${m[1]}`;
  }
  if (DICTIONARY_CALL.test(text)) return 'dictionaries are not granted';
  return null;
}

function tableRefusal(name, database) {
  const [db, table] = name.includes('.') ? name.split(/\.(.*)/s) : [database, name];
  if (db === 'system' && SYSTEM_READABLE.has(table)) return null;
  if (db === CATALOG && CATALOG_TABLES.includes(table)) return null;
  if (db === database && GRANTED.has(table)) return null;
  return `no SELECT grant on ${db}.${table}: query the kpi_* views`;
}

// Runs inside the engine's queue, in the statement's database.
function parsedRefusal(sql, params, database) {
  const text = code(sql);
  const explain = (kind, statement) => {
    const query = `EXPLAIN ${kind} ${statement}`;
    return Object.keys(params).length > 0 ? session.queryBind(query, params, 'TSVRaw') : session.query(query, 'TSVRaw');
  };
  if (/^\s*(DESCRIBE|DESC|EXISTS)\b/i.test(text)) {
    for (const line of explain('AST', sql).split('\n')) {
      const m = /^\s*(TableIdentifier|Identifier|ExistsTableQuery)\s+(\S+)/.exec(line);
      if (m) { const refusal = tableRefusal(m[2], database); if (refusal) return refusal; }
      if (/^\s*Function\s/.test(line)) return 'DESCRIBE of a table function is not allowed';
    }
    return null;
  }
  const query = /^\s*EXPLAIN\b/i.test(text) ? sql.replace(EXPLAIN_PREFIX, '') : sql;
  for (const line of explain('QUERY TREE', query).split('\n')) {
    let m = /table_name: ([^,\s]+)/.exec(line);
    if (m) { const refusal = tableRefusal(m[1], database); if (refusal) return refusal; }
    m = /table_function_name: (\w+)/.exec(line);
    if (m && !TABLE_FUNCTIONS_ALLOWED.has(m[1])) return `table function ${m[1]}() is not allowed`;
    m = /function_name: (\w+)/.exec(line);
    if (m && FUNCTIONS_REFUSED.test(m[1])) return `${m[1]}() is not allowed`;
  }
  return null;
}

// A web page in the developer's browser must not reach the engine: only loopback Host names
// (no DNS rebinding) and no cross-origin requests.
const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i;
function foreignRequest(req) {
  if (!LOOPBACK_HOST.test(req.headers.host || '')) return `Host ${JSON.stringify(req.headers.host || '')} is not a loopback address`;
  if (req.headers.origin !== undefined) return `cross-origin request from ${JSON.stringify(req.headers.origin)}`;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none' && site !== 'same-origin') return `cross-site request (${site})`;
  return null;
}

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

function safeEqual(a, b) {
  const x = Buffer.from(String(a)), y = Buffer.from(String(b));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
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

class Refused extends Error {}

async function execute(sql, body, params, database, format, settings, readonly) {
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
      const refusal = readonly ? parsedRefusal(sql, params, database) : null;
      if (refusal) throw new Refused(refusal);
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
    const foreign = foreignRequest(req);
    if (foreign) {
      sendError(res, 403, `Code: 497. DB::Exception: ${foreign}: this engine serves loopback clients only. (ACCESS_DENIED)`, queryId);
      return;
    }
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
    const known = (user === 'default' && safeEqual(password, adminPassword))
      || (user === readonlyName && safeEqual(password, readonlyPassword));
    if (!known) {
      sendError(res, 403, `Code: 516. DB::Exception: ${user}: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)`, queryId);
      return;
    }
    if (user !== 'default') {
      sql = throughCatalog(sql);
      const refusal = data.length > 0 ? 'no data may be sent' : textRefusal(sql);
      if (refusal) {
        sendError(res, 403, `Code: 164. DB::Exception: ${user}: Cannot execute query in readonly mode: ${refusal}. (READONLY)`, queryId);
        return;
      }
    }
    try {
      const result = await execute(sql, data, params, database, format, settings, user !== 'default');
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
      if (e instanceof Refused) {
        sendError(res, 403, `Code: 497. DB::Exception: ${user}: Not enough privileges: ${e.message}. (ACCESS_DENIED)`, queryId);
      } else {
        sendError(res, 500, e.message || String(e), queryId);
      }
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
