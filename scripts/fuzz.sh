#!/usr/bin/env bash
# Fuzz each target in turn, one job:  scripts/fuzz.sh [seconds-per-target, default 60] [target…]
#
#   scripts/fuzz.sh 450        # the four targets, 30 minutes in all
#
# Stable Rust is enough; cargo-fuzz is not needed. The targets link libFuzzer (the libfuzzer-sys
# crate compiles it with the system C++ compiler) and are instrumented with LLVM's
# SanitizerCoverage, which `-C passes=sancov-module` and `-C llvm-args` turn on with a stable
# compiler: cargo-fuzz's own flags, less AddressSanitizer (nightly-only, and not needed for safe
# Rust). Debug assertions and overflow checks are on.
#
# Targets and their inputs:
#   pipeline      any bytes, up to 4 MB, through every rule and every output format
#   long_line     a short text repeated into one line of up to 4 MB (or CR-only lines)
#   sample_edits  edits of the samples, optionally on one line, CR-only, or repeated (≤ 4 KB)
#   config        policy-lint.toml text
# Seeds come from samples/ and tests/fixtures/ (made at run time, never committed). Corpora grow
# in fuzz/corpus/<target>/, crashes land in fuzz/artifacts/<target>/: turn each into a test in
# tests/integration/hostile.rs or tests/integration/regressions.rs before fixing it. libFuzzer runs in fork mode with one
# job, so a crash is recorded and the run goes on.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pipeline long_line sample_edits config)

host=$(rustc -vV | sed -n 's/^host: //p')
# An explicit --target keeps these flags off build scripts and proc-macros, as cargo-fuzz does.
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo build --release --quiet --manifest-path fuzz/Cargo.toml --target "$host" --target-dir target/fuzz --bins
bin="target/fuzz/$host/release"

paper=samples/legco-fintech-2020.zh.txt
seed() { # target name < bytes
  mkdir -p "fuzz/corpus/$1"
  cat > "fuzz/corpus/$1/seed-$2"
}
for target in "${targets[@]}"; do
  case "$target" in
    pipeline)
      for f in samples/*.txt tests/fixtures/*/*.txt; do seed pipeline "$(echo "$f" | tr / _)" < "$f"; done
      # The commissioning paper as a PDF extraction gives it: one line, four times over (130 KB).
      for _ in 1 2 3 4; do tr '\n' ' ' < "$paper"; done | seed pipeline one-line
      tr '\n' '\r' < "$paper" | seed pipeline cr-only ;;
    long_line)
      { printf '\000\200\000'; head -c 4000 "$paper"; } | seed long_line 128k-joined
      { printf '\001\000\002'; head -c 2000 "$paper"; } | seed long_line 256k-cr
      { printf '\020\000\000'; cat samples/planted-budget-sheet.en.txt; } | seed long_line 4m-english ;;
    sample_edits)
      printf '\000' | seed sample_edits as-is
      printf '\064' | seed sample_edits one-line-4x
      printf '\010' | seed sample_edits cr-only
      printf '\001' | seed sample_edits budget-sheet
      printf '\002' | seed sample_edits digital-payments
      # An edit: at 7 × 0x0c80 = byte 22,400, delete 4 bytes, insert "61 %" .
      printf '\004\014\200\004\00461 %%' | seed sample_edits one-line-edit ;;
    config)
      printf '[percent-change]\nlevel = "warning"\ntolerance = 0.1\n[lint]\nselect = ["numbering"]\n' | seed config toml ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  case "$target" in
    pipeline) max_len=4194304 timeout=300 ;;
    long_line) max_len=65536 timeout=300 ;;
    *) max_len=4096 timeout=60 ;;
  esac
  mkdir -p "fuzz/artifacts/$target"
  echo "== $target, ${secs}s, -max_len=$max_len"
  "$bin/$target" "fuzz/corpus/$target" -max_total_time="$secs" -max_len="$max_len" -len_control=0 \
    -timeout="$timeout" -rss_limit_mb=4096 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="fuzz/artifacts/$target/" > "fuzz/artifacts/$target.log" 2>&1 || true
  grep -E "^#[0-9]+: cov|INFO: fuzzed for|crashes|timeouts|ooms|==ERROR|panicked" "fuzz/artifacts/$target.log" | tail -4 || true
done
echo
found=$(find fuzz/artifacts -mindepth 2 -type f 2>/dev/null | wc -l)
echo "artifacts: $found (in fuzz/artifacts/<target>/; logs in fuzz/artifacts/<target>.log)"
