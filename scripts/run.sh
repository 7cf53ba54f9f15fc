#!/usr/bin/env bash
# Sets up the machine, builds IP Desk and opens the desktop app on the default
# local database (~/.local/share/ipdesk/ipdesk.db, created on first start).
# Set IPDESK_DB=/path/to/file.db to open another database.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build)
cargo build --release --locked -p ipdesk-app -p ipdesk-cli
exec target/release/ipdesk-app
