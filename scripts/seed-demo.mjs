// Prints SQL that seeds the local demo: location "demo", owner demo@example.com / demo,
// API token "demo-token". Run only against a local D1 (scripts/start.sh); idempotent.
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { demoActivitySql } from './demo-activity.mjs';

const now = Date.now();
const q = (value) => (value === null ? 'NULL' : `'${String(value).replace(/'/g, "''")}'`);

const salt = randomBytes(16);
const iterations = 100_000;
const hash = pbkdf2Sync('demo', salt, iterations, 32, 'sha256').toString('hex');
const passwordHash = `pbkdf2-sha256$${iterations}$${salt.toString('hex')}$${hash}`;
const tokenHash = createHash('sha256').update('demo-token').digest('hex');

const sql = [
  `INSERT OR IGNORE INTO users (id, email, name, role, password_hash, password_changed_at, created_at)
   VALUES ('demo-owner', 'demo@example.com', 'Демо Владелец', 'owner', ${q(passwordHash)}, ${now}, ${now});`,
  `INSERT OR IGNORE INTO api_tokens (id, name, token_hash, role, created_by, created_at)
   VALUES ('demo-token', 'Demo CRM', ${q(tokenHash)}, 'owner', 'demo-owner', ${now});`,
  `INSERT OR IGNORE INTO locations (slug, name, address, created_at)
   VALUES ('demo', 'Пекарня «Колобок»', 'Москва, ул. Пекарская, 7', ${now});`,
  `INSERT INTO review_links (location_id, platform, url, is_primary, position)
   SELECT id, 'yandex_maps', 'https://yandex.ru/maps/org/kolobok/1234567890/reviews/?add-review=true', 1, 0
     FROM locations WHERE slug = 'demo' AND NOT EXISTS (SELECT 1 FROM review_links r WHERE r.location_id = locations.id);`,
];
sql.push(...demoActivitySql(now));
process.stdout.write(sql.join('\n') + '\n');
