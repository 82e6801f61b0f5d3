#!/usr/bin/env bash
# Run every fuzz target for a while: scripts/fuzz.sh [seconds-per-target, default 60]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz wants a nightly compiler for its
# sanitizer flags; on a stable toolchain RUSTC_BOOTSTRAP=1 lets it through. Corpora are seeded
# from samples/ and tests/fixtures/; crashes land in fuzz/artifacts/<target>/ — turn each into a
# regression test (tests/hostile.rs) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
export RUSTC_BOOTSTRAP=1
for target in pipeline sample_edits config; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    pipeline) cp samples/*.txt tests/fixtures/*/*.txt "$corpus"/ 2>/dev/null || true ;;
    config) printf '[percent-change]\nlevel = "warning"\ntolerance = 0.1\n[lint]\nselect = ["numbering"]\n' > "$corpus/seed.toml" ;;
  esac
  echo "== $target, ${secs}s"
  # A crash ends that target's run, not the script: every target gets its turn.
  cargo fuzz run "$target" "$corpus" -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 2>&1 \
    | grep -E "^(#[0-9]+.*(DONE|pulse)|Done|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)" | tail -5 || true
done
echo
found=$(find fuzz/artifacts -type f 2>/dev/null | wc -l)
echo "crash artifacts: $found (in fuzz/artifacts/; copy each into tests/regressions/ before fixing it)"
