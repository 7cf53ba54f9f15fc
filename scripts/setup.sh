#!/usr/bin/env bash
# Installs what IP Desk needs to build, run and test on a fresh Debian/Ubuntu
# machine. Safe to run again: it installs only what is missing.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian packages: a C toolchain for bundled SQLite, and poppler-utils, which
# the PDF tests use to read back what a reader gets (pdftotext, pdffonts,
# pdftoppm).
APT_PACKAGES=(build-essential pkg-config curl ca-certificates poppler-utils)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Rust: the workspace needs rustc ≥ 1.89 (rusqlite 0.41). Use rustup's
# toolchain when present; otherwise Debian's, which may be too old.
if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "setup: no cargo found; installing Debian's rustc/cargo"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq cargo rustc >/dev/null
  fi
fi
if command -v rustup >/dev/null 2>&1; then
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt clippy || true
fi
echo "setup: $(cargo --version)"
