#!/usr/bin/env bash
# Installs what IP Desk needs to build, run and test on a fresh Debian/Ubuntu
# machine. Safe to run again: it installs only what is missing.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian packages:
# - build-essential, pkg-config: bundled SQLite and the -sys crates;
# - the WebKitGTK stack Tauri 2 builds against on Linux;
# - poppler-utils: the PDF tests read back what a reader gets (pdftotext,
#   pdffonts, pdfinfo, pdftoppm);
# - xvfb, xauth, webkit2gtk-driver: the end-to-end tests run the real window
#   under Xvfb and drive it over WebDriver (WebKitWebDriver);
# - fonts-noto-cjk: the window's Chinese text (PDFs embed their own fonts,
#   but the webview uses the system's; a bare Debian has no CJK font);
# - dbus-daemon: a second launch finds the running app over the session
#   bus (single instance); the end-to-end test starts a bus of its own;
# - x11-utils: xwininfo, with which the installer test sees the window.
APT_PACKAGES=(
  build-essential pkg-config curl ca-certificates file fonts-noto-cjk
  libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  poppler-utils xvfb xauth webkit2gtk-driver dbus-daemon x11-utils
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Node: the UI build (Vite 7) needs Node 20 or newer.
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node $(node --version) is too old for the UI build; install Node 20 or newer (e.g. from your distribution's backports) and run again" >&2
  exit 1
fi

# Rust: the workspace needs rustc ≥ 1.89 (rusqlite 0.41, Tauri 2). Use
# rustup's toolchain when present; otherwise Debian's, which may be too old.
if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "setup: no cargo found; installing Debian's rustc/cargo"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq cargo rustc >/dev/null
  fi
fi
if command -v rustup >/dev/null 2>&1; then
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add rustfmt clippy || true
fi

# tauri-driver: the WebDriver bridge between the tests and the app window.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: cargo install tauri-driver"
  cargo install tauri-driver --locked --quiet
fi
echo "setup: $(cargo --version), node $(node --version), $(tauri-driver --version 2>/dev/null || echo tauri-driver)"
