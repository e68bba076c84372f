#!/usr/bin/env bash
# Remakes docs/search.png and docs/question.png: `vraagbaak serve` on the bundled corpus,
# photographed by headless Chromium (Debian: apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/vraagbaak
port=7399
$bin serve --addr 127.0.0.1:$port 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
id=$(curl -sf "http://127.0.0.1:$port/api/search?q=beroepsgeheim&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["doc_id"])')
shot() {
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --lang=nl \
    --window-size=1280,"$3" --screenshot="$1" "$2" 2>/dev/null
}
shot docs/search.png "http://127.0.0.1:$port/?q=beroepsgeheim+LIVC&minister=demir" 1100
shot docs/question.png "http://127.0.0.1:$port/q/$id" 1500
echo "wrote docs/search.png docs/question.png"
