#!/usr/bin/env bash
# The installer as a user meets it (issue 18): installs the .deb that
# scripts/package.sh built, starts the installed app under Xvfb with a home
# directory of its own, waits for its window and its default database, then
# removes the package and checks the user's data stayed. Needs root or sudo
# (dpkg), xvfb-run and xwininfo (scripts/setup.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
deb=$(find target/release/bundle/deb -maxdepth 1 -name '*.deb' -print | head -1)
[ -n "$deb" ] || { echo "no .deb: run scripts/package.sh first" >&2; exit 1; }
package=$(dpkg-deb -f "$deb" Package)
echo "== installing $deb ($package)"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "./$deb" >/dev/null

bin=/usr/bin/ipdesk-app
[ -x "$bin" ] || { echo "the package did not install $bin" >&2; exit 1; }

echo "== the installed binary reads no dialog stand-in"
# The end-to-end tests replace the native dialogs with environment variables
# (src-tauri/src/commands/mod.rs, stand_in); a release build must not read
# them, or whoever sets the environment picks the files the app opens and
# writes. IPDESK_DB (a real option) shows the search can see such names.
[ "$(grep -a -c IPDESK_DB "$bin")" -gt 0 ] || { echo "IPDESK_DB not found in $bin: this check cannot see environment names in it" >&2; exit 1; }
for name in IPDESK_OPEN_FILE IPDESK_SAVE_DIR IPDESK_PICK_DIR; do
  if [ "$(grep -a -c "$name" "$bin")" -gt 0 ]; then
    echo "$bin reads $name: the dialog stand-ins of the end-to-end tests must be compiled out of release builds (#[cfg(debug_assertions)])" >&2
    exit 1
  fi
done
desktop=$(dpkg -L "$package" | grep '\.desktop$' | head -1)
grep -q '^Name\[zh_CN\]=知产案卷台$' "$desktop" || { echo "no Chinese name in $desktop" >&2; exit 1; }
grep -q '^Name=IP Desk$' "$desktop" || { echo "no English name in $desktop" >&2; exit 1; }
dpkg -L "$package" | grep -q '/usr/share/icons/.*\.png$' || { echo "no icon installed" >&2; exit 1; }

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
db="$home/.local/share/ipdesk/ipdesk.db"
echo "== starting the installed app"
# The app, a window check and the stop, in one X server.
HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
  XDG_CACHE_HOME="$home/.cache" DB="$db" BIN="$bin" \
  xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
    "$BIN" >"$HOME/app.log" 2>&1 &
    app=$!
    for _ in $(seq 1 120); do
      if [ -f "$DB" ] && xwininfo -root -tree | grep -q "IP Desk 知产案卷台"; then
        echo "window and database are there"
        kill "$app"; wait "$app" 2>/dev/null || true
        exit 0
      fi
      kill -0 "$app" 2>/dev/null || { echo "the app exited:"; cat "$HOME/app.log"; exit 1; }
      sleep 0.5
    done
    echo "no window or no database after 60 s:"; cat "$HOME/app.log"
    kill "$app" 2>/dev/null; exit 1
  '

echo "== removing the package"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq "$package" >/dev/null
[ ! -e "$bin" ] || { echo "$bin is still there after removal" >&2; exit 1; }
[ -f "$db" ] || { echo "the user's database went with the package" >&2; exit 1; }
echo "the package is gone and the user's database stays: $db"
