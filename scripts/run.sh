#!/usr/bin/env bash
# Sets up the machine, builds IP Desk and opens the default local database
# (~/.local/share/ipdesk/ipdesk.db), creating it on first use. Until the
# desktop shell lands this is the command line: it prints the ledger and the
# fees due in the next 90 days. Extra arguments are passed to `ipdesk`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --locked -p ipdesk-cli
bin=target/release/ipdesk

if [ "$#" -gt 0 ]; then
  exec "$bin" "$@"
fi
"$bin" init
"$bin" patent list
"$bin" fees forecast --months 3
echo
echo "更多命令：$bin --help"
