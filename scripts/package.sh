#!/usr/bin/env bash
# Builds the installable package of this OS into target/release/bundle/:
# on Debian/Ubuntu a .deb (target/release/bundle/deb/). The Tauri CLI is the
# UI's pinned dev dependency (@tauri-apps/cli in ui/package-lock.json: the
# official prebuilt binary, installed by `npm ci`), so no second toolchain
# is compiled. On Windows and macOS see README.md ("Installers").
#
# IPDESK_SKIP_SETUP=1 skips setup.sh and the UI build (scripts/test.sh has
# done both just before).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${IPDESK_SKIP_SETUP:-}" != 1 ]; then
  bash scripts/setup.sh
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build)
fi
export PATH="$HOME/.cargo/bin:$PATH"

case "$(uname -s)" in
  Linux) bundles=deb ;;
  Darwin) bundles=app,dmg ;;
  *) bundles=nsis,msi ;;
esac
(cd src-tauri && ../ui/node_modules/.bin/tauri build --ci --bundles "$bundles" -- --locked)
find target/release/bundle -maxdepth 2 -type f \( -name '*.deb' -o -name '*.dmg' -o -name '*.exe' -o -name '*.msi' \) -print
