#!/usr/bin/env bash
# The whole test suite: what README calls "the test command" and what CI runs.
#
#   scripts/test-all.sh            everything
#   FUZZ_SECONDS=5 scripts/test-all.sh    shorter fuzz runs
#
# Stages: setup, format, lint, firmware (build, size report, ABI helpers and
# boot on a simulated CPU), host tests, short fuzz runs of every target.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-30}
stage() { printf '\n=== %s ===\n' "$*"; }

stage "setup"
scripts/setup.sh

# Crates outside the root workspace, each its own cargo workspace.
OWN_WORKSPACES=(fuzz drivers/proiot3 examples/clock-firmware)

stage "format (cargo fmt --check)"
cargo fmt --all --check
for ws in "${OWN_WORKSPACES[@]}"; do (cd "$ws" && cargo fmt --all --check); done

stage "lint (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --all-features -- -D warnings
(cd drivers/proiot3 && cargo clippy --all-targets -- -D warnings)
(cd examples/clock-firmware && cargo clippy --release -- -D warnings)
# The portable crates as the firmware builds them (16-bit usize: lints such
# as absurd_extreme_comparisons fire only there; the firmware's clippy above
# compiles its path dependencies without linting them).
cargo +nightly clippy -p microip6 -p enc28j60 -p clock-app --release \
    --target msp430-none-elf -Z build-std=core -- -D warnings

stage "firmware (msp430-none-elf): build, size, ABI helpers, boot"
cargo xtask firmware
cargo xtask abi-test
cargo xtask boot-test
# The stack-only size probes (benches/msp430-size*, own workspaces) must keep
# building as the API changes; their figures are for reading, not checked.
benches/msp430-size/report.sh minimal full app clockapp >/dev/null
(cd drivers/proiot3 && cargo test)

stage "host tests (cargo test)"
mkdir -p target
cargo test --workspace --all-features 2>&1 | tee target/test-all-cargo-test.log

stage "fuzz: ${FUZZ_SECONDS}s per target"
(
    # Corpora start from the frames of stack/tests/vectors (idempotent).
    fuzz/seed-corpus.sh
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
# One closing line for the whole suite: the cargo test totals.
awk '/^test result:/ { p += $4; f += $6 } END { printf "%d passed, %d failed\n", p, f }' \
    target/test-all-cargo-test.log
