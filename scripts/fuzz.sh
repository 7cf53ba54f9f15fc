#!/usr/bin/env bash
# Runs the cargo-fuzz targets of fuzz/ (issue 15) on the stable toolchain:
# `--sanitizer none`, because AddressSanitizer needs nightly and the core
# forbids unsafe code, so a bug shows as a panic, which libFuzzer catches
# without a sanitizer. Too long for CI: CI replays the saved corpus and every
# crash as ordinary tests (crates/ipdesk-core/tests/it/fuzz_corpus.rs).
#
#   bash scripts/fuzz.sh [TARGET|all] [SECONDS]    (default: all 240)
#
# New inputs go to fuzz/corpus/<target>/ (minimise with `cargo fuzz cmin`
# before committing); a crash is written to fuzz/artifacts/<target>/ — copy
# it to fuzz/regressions/<target>/ so the replay test keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

target="${1:-all}"
seconds="${2:-240}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

cd fuzz
if [ "$target" = all ]; then
  targets=$(cargo fuzz list)
else
  targets="$target"
fi
crashed=()
for t in $targets; do
  mkdir -p "corpus/$t"
  echo "== $t (${seconds}s)"
  # Seeds (fuzz/seeds/<target>/) are read but new inputs go to corpus/.
  seeds=()
  [ -d "seeds/$t" ] && seeds=("seeds/$t")
  nice cargo fuzz run "$t" --sanitizer none -a "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$seconds" -print_final_stats=1 || crashed+=("$t")
done
# A crash stops that target only; the others still run.
if [ ${#crashed[@]} -gt 0 ]; then
  echo "crashed: ${crashed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
