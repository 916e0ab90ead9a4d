// Reads the parts of wrangler.toml that `npm run deploy` decides on: the Worker's name, the D1
// binding, the queues and [vars]. A small reader for the TOML this project writes (tables, arrays
// of tables, `key = "string" | number | boolean | ["strings"]`, comments), because loading
// wrangler's own config reader takes about ten seconds here.
import { readFileSync } from 'node:fs';

/**
 * @param {string} text the TOML source
 * @returns {Record<string, unknown>} top-level keys, tables as objects, arrays of tables as arrays
 */
export function parseToml(text) {
  /** @type {Record<string, any>} */
  const root = {};
  let current = root;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = stripComment(lines[i]).trim();
    if (line === '') continue;
    const arrayTable = /^\[\[\s*([\w.-]+)\s*\]\]$/.exec(line);
    const table = /^\[\s*([\w.-]+)\s*\]$/.exec(line);
    if (arrayTable) {
      const path = arrayTable[1].split('.');
      const parent = walk(root, path.slice(0, -1));
      const key = path[path.length - 1];
      parent[key] ??= [];
      current = {};
      parent[key].push(current);
    } else if (table) {
      current = walk(root, table[1].split('.'));
    } else {
      const pair = /^([\w-]+)\s*=\s*(.+)$/.exec(line);
      if (!pair) throw new Error(`wrangler.toml line ${i + 1}: cannot read "${lines[i].trim()}"`);
      current[pair[1]] = parseValue(pair[2], i + 1);
    }
  }
  return root;
}

/** @param {string} line */
function stripComment(line) {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

/** @param {Record<string, any>} root @param {string[]} path */
function walk(root, path) {
  let node = root;
  for (const key of path) {
    node[key] ??= {};
    node = Array.isArray(node[key]) ? node[key][node[key].length - 1] : node[key];
  }
  return node;
}

/** @param {string} raw @param {number} lineNo */
function parseValue(raw, lineNo) {
  const value = raw.trim();
  if (value.startsWith('"')) return JSON.parse(value);
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value.startsWith('[') && value.endsWith(']')) {
    const inner = value.slice(1, -1).trim();
    if (inner === '') return [];
    return inner
      .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .map((item) => parseValue(item, lineNo));
  }
  throw new Error(`wrangler.toml line ${lineNo}: unsupported value ${value}`);
}

/**
 * What the deploy needs to know from wrangler.toml.
 * @param {string} [path]
 */
export function readDeployConfig(path = 'wrangler.toml') {
  const toml = /** @type {any} */ (parseToml(readFileSync(path, 'utf8')));
  const db = (toml.d1_databases ?? []).find((/** @type {any} */ d) => d.binding === 'DB');
  if (!db) throw new Error('wrangler.toml has no [[d1_databases]] entry with binding = "DB"');
  const producers = (toml.queues?.producers ?? []).map((/** @type {any} */ p) => String(p.queue));
  const consumers = (toml.queues?.consumers ?? []).map((/** @type {any} */ c) => String(c.queue));
  return {
    name: String(toml.name),
    database: {
      name: db.database_name ? String(db.database_name) : '',
      id: db.database_id ? String(db.database_id) : '',
    },
    producerQueues: producers,
    consumerQueues: consumers,
    vars: /** @type {Record<string, string>} */ (toml.vars ?? {}),
  };
}
