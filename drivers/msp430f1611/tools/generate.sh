#!/bin/sh
# Regenerates the msp430f1611 PAC: SVD from the tables in make_svd.py, checks
# it against TI's header, then svd2rust (msp430 target) + form + rustfmt.
# Needs: python3, svd2rust 0.37 and form 0.13 (`cargo install svd2rust form`),
# /usr/msp430/include/msp430f1611.h (Debian msp430mcu) for the check.
set -eu
cd "$(dirname "$0")/.."
python3 tools/make_svd.py > msp430f1611.svd
python3 tools/check_svd.py msp430f1611.svd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
svd2rust --target msp430 -i "$PWD/msp430f1611.svd" -o "$tmp" >/dev/null 2>&1
rm -rf src
mkdir src
form -i "$tmp/lib.rs" -o src >/dev/null 2>&1
cp "$tmp/device.x" "$tmp/build.rs" .
rustfmt --edition 2021 src/lib.rs build.rs
echo "generated src/ with $(svd2rust --version)"
