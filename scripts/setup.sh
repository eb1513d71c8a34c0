#!/usr/bin/env bash
# Installs everything the build and the test suite need on a fresh machine.
# Idempotent: each step is skipped when its result is already there.
set -euo pipefail

log() { printf 'setup: %s\n' "$*"; }

# Debian packages: real peers for the integration tests (radvd, dnsmasq,
# chrony), the reference MSP430 simulator (mspdebug), TI's headers
# (msp430mcu), llvm-mc for assembling CPU test programs, capture tools.
APT_PACKAGES=(radvd dnsmasq-base chrony mspdebug msp430mcu llvm-14 tshark tcpdump
              iproute2 iputils-ping ndisc6 python3 tzdata)
missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then
        log "apt-get install ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        log "not root: cannot install ${missing[*]} (tests that need them will skip)"
    fi
fi

# Rust: stable components for the host workspace, nightly with rust-src for
# the MSP430 firmware (-Z build-std=core) and for cargo-fuzz.
rustup component add clippy rustfmt >/dev/null 2>&1 || true
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
# (clippy and rustfmt too: the lint and format stages run them on the
# nightly-only workspaces and for the msp430-none-elf target.)
for component in rust-src clippy rustfmt; do
    rustup component list --toolchain nightly --installed | grep -q "^$component" \
        || rustup component add "$component" --toolchain nightly
done
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
log "ready"
