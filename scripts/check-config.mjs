// Warns (without failing) about wrangler.toml settings a production deployment needs.
import { readFileSync } from 'node:fs';

const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
// The [vars] table runs from its header to the next table header.
const vars = /^\[vars\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
const origin = /^\s*PUBLIC_ORIGIN\s*=\s*"([^"]*)"/m.exec(vars)?.[1]?.trim() ?? '';

if (origin === '') {
  console.warn(
    'warning: PUBLIC_ORIGIN is empty in wrangler.toml [vars]. In production printing refuses (503) until it is set ' +
      'to the origin printed in the QR codes, e.g. "https://q.example.ru".',
  );
} else if (!/^https:\/\/[^/\s]+$/.test(origin)) {
  console.warn(
    `warning: PUBLIC_ORIGIN "${origin}" should be an https origin without a path, e.g. "https://q.example.ru".`,
  );
}
