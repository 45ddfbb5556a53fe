#!/usr/bin/env bash
# `npm start` with no database configured: serves on PGlite and keeps data across a restart.
set -euo pipefail
data_dir="$(mktemp -d)"
port=3917
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data_dir"' EXIT

start() {
  env -u DATABASE_URL DATA_DIR="$data_dir" PORT=$port LOG_LEVEL=warn node dist/src/main.js &
  pid=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && return
    sleep 0.5
  done
  echo "the service did not become ready" >&2
  exit 1
}

start
page=$(curl -sf "http://127.0.0.1:$port/")
[[ "$page" == *'<div id="root">'* ]] || { echo "npm start does not serve the chat page at /" >&2; exit 1; }
cookie_jar="$data_dir/cookies"
session=$(curl -sf -c "$cookie_jar" "http://127.0.0.1:$port/v1/sessions/current" | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
curl -sf -b "$cookie_jar" -H 'content-type: application/json' -d '{"role":"user","content":"survive a restart"}' \
  "http://127.0.0.1:$port/v1/sessions/$session/messages" >/dev/null
kill "$pid"; wait "$pid" 2>/dev/null || true

start
content=$(curl -sf -b "$cookie_jar" "http://127.0.0.1:$port/v1/sessions/$session/messages" | node -pe 'JSON.parse(require("fs").readFileSync(0)).items[0].content')
[ "$content" = "survive a restart" ] || { echo "lost the message across a restart: got '$content'" >&2; exit 1; }
echo "smoke: npm start served the page and the API, kept the message across a restart"
