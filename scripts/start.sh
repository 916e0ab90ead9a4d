#!/usr/bin/env bash
# Serves the app locally: applies migrations to a local D1, seeds the demo data, runs wrangler dev.
# PORT and PERSIST_DIR may be set to run several copies side by side (tests, benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."

export CLOUDFLARE_CF_FETCH_ENABLED=false   # no request.cf lookups over the internet
export WRANGLER_SEND_METRICS=false
export CI=${CI:-true}                       # answer wrangler's confirmation prompts
PORT=${PORT:-8787}
PERSIST_DIR=${PERSIST_DIR:-.wrangler/state}

wrangler d1 migrations apply DB --local --persist-to "$PERSIST_DIR" >/dev/null
mkdir -p .wrangler
node scripts/seed-demo.mjs > .wrangler/demo-seed.sql
wrangler d1 execute DB --local --persist-to "$PERSIST_DIR" --file .wrangler/demo-seed.sql >/dev/null
echo "Demo data ready: sign in at http://127.0.0.1:${PORT}/admin as demo@example.com / demo; API token: demo-token"

exec wrangler dev --ip 127.0.0.1 --port "$PORT" --persist-to "$PERSIST_DIR" \
  --var APP_ENV:development --var APP_SECRET:local-development-secret \
  --show-interactive-dev-session=false "$@"
