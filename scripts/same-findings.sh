#!/usr/bin/env bash
# Checks that two builds of policy-lint report exactly the same thing.
#
#   scripts/same-findings.sh OLD_BIN NEW_BIN
#
# Runs both binaries with `--format json` (and `figures --format json`) on every paper of the
# shared corpora (/work/shared/corpus, /work/shared/corpus-wide/*.txt, /work/shared/seeds) and on
# the repository's samples/, one file at a time, then once on samples/ as a whole, and compares the
# standard output and the exit status byte for byte. Prints how many runs were compared and every
# one that differs; exits 1 if any differs. Performance work must leave this silent.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 OLD_BIN NEW_BIN" >&2
    exit 2
fi
old=$1
new=$2
for bin in "$old" "$new"; do
    [[ -x $bin ]] || { echo "not an executable: $bin" >&2; exit 2; }
done

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-/work/shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

files=()
for f in "$shared"/corpus/* "$shared"/corpus-wide/*.txt "$shared"/seeds/* "$repo"/samples/*; do
    # Only papers: the corpora's SOURCES.md and README.md describe them.
    case $(basename "$f") in SOURCES.md | README.md) continue ;; esac
    [[ -f $f ]] && files+=("$f")
done

compared=0
differ=0

# run NAME ARGS...: runs both binaries with ARGS and compares their output and exit status.
run() {
    local name=$1
    shift
    local rc_old=0 rc_new=0
    "$old" "$@" >"$tmp/old" 2>/dev/null || rc_old=$?
    "$new" "$@" >"$tmp/new" 2>/dev/null || rc_new=$?
    compared=$((compared + 1))
    if [[ $rc_old -ne $rc_new ]] || ! cmp -s "$tmp/old" "$tmp/new"; then
        differ=$((differ + 1))
        echo "DIFFERS: $name (exit $rc_old vs $rc_new)"
        diff "$tmp/old" "$tmp/new" | head -5 || true
    fi
}

for f in "${files[@]}"; do
    run "$f" --format json "$f"
    run "figures $f" figures --format json "$f"
done
run "$repo/samples/ (directory)" --format json "$repo/samples"

echo "$compared runs compared ($((${#files[@]})) files, each linted and its figures listed, plus samples/ as a whole); $differ differ"
[[ $differ -eq 0 ]]
