#!/bin/sh
# One-time setup for building and testing the MSP430 firmware on a fresh
# machine (Debian/Ubuntu with rustup). Idempotent.
#
# - Rust nightly with rust-src: msp430-none-elf is a tier-3 target built with
#   -Z build-std=core (examples/clock-firmware/rust-toolchain.toml asks rustup
#   for the same thing on first use; this just does it up front).
# - mspdebug (its simulator runs `cargo xtask abi-test` / `boot-test`) and
#   msp430mcu (TI's msp430f1611.h, the reference for `cargo xtask check-svd`).
# Nothing else is needed: linking uses the toolchain's own rust-lld
# (examples/clock-firmware/tools/rust-lld-gnu), no msp430-elf-gcc.
set -eu

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! rustup component list --toolchain nightly --installed | grep -q '^rust-src'; then
    rustup component add rust-src --toolchain nightly
fi

missing=""
command -v mspdebug >/dev/null 2>&1 || missing="$missing mspdebug"
[ -f /usr/msp430/include/msp430f1611.h ] || missing="$missing msp430mcu"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get install -y $missing
    else
        sudo apt-get install -y $missing
    fi
fi

echo "firmware toolchain ready: cargo xtask firmware | abi-test | boot-test | check-svd"
