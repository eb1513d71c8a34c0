#!/usr/bin/env bash
# The whole test suite: what README calls "the test command" and what CI runs.
#
#   scripts/test-all.sh            everything
#   FUZZ_SECONDS=5 scripts/test-all.sh    shorter fuzz runs
#
# Stages: setup, format, lint, host tests, short fuzz runs of every target.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-30}
stage() { printf '\n=== %s ===\n' "$*"; }

stage "setup"
scripts/setup.sh

stage "format (cargo fmt --check)"
cargo fmt --all --check
(cd fuzz && cargo fmt --all --check)

stage "lint (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

stage "host tests (cargo test)"
cargo test --workspace --all-features

stage "fuzz: ${FUZZ_SECONDS}s per target"
(
    cd fuzz
    for target in $(cargo +nightly fuzz list); do
        mkdir -p "corpus/$target"
        log="target/fuzz-$target.log"
        mkdir -p target
        if ! cargo +nightly fuzz run "$target" "corpus/$target" -- \
            -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 >"$log" 2>&1; then
            tail -n 60 "$log"
            echo "fuzz target $target FAILED"
            exit 1
        fi
        echo "fuzz target $target: $(grep -o 'number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') executions, no crash"
    done
)

stage "all stages passed"
