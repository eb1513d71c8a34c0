#!/bin/sh
# Builds the size probes for msp430-none-elf and prints, for each: section
# sizes, the 25 biggest symbols and the call sites of the __mspabi_* helpers
# (left unresolved here; see README.md).
#   ./report.sh            both probes
#   ./report.sh minimal    one probe (full | minimal)
#   TOP=40 ./report.sh     more symbols
set -eu
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
TOP="${TOP:-25}"
probes="${*:-minimal full}"

tool() {
    # llvm-size-14 and friends on Debian; plain names elsewhere.
    for t in "$1-14" "$1" "llvm-$1"; do
        if command -v "$t" >/dev/null 2>&1; then echo "$t"; return; fi
    done
    echo "missing tool $1" >&2
    exit 1
}
SIZE=$(tool llvm-size)
NM=$(tool llvm-nm)
OBJDUMP=$(tool llvm-objdump)
FILT=$(tool llvm-cxxfilt)

for p in $probes; do
    cargo +nightly build --release --quiet --bin "$p"
    elf="$CARGO_TARGET_DIR/msp430-none-elf/release/$p"
    echo "== probe $p"
    $SIZE -A "$elf" | awk '
        { size[$1] = $2 }
        END { n = split(".text .rodata .data .bss", s, " ")
              for (i = 1; i <= n; i++) printf "%-8s %6d\n", s[i], size[s[i]] }'
    echo "-- top $TOP symbols (bytes)"
    $NM --size-sort -S --radix=d "$elf" | awk '$3 ~ /^[tT]$/' | tail -n "$TOP" | $FILT |
        awk '{ s = $2 + 0; $1 = ""; $2 = ""; $3 = ""; sub(/^ +/, ""); printf "%6d  %s\n", s, $0 }'
    echo "-- calls to unresolved helpers: __mspabi_* (not counted in .text) and abort (panics: bounds checks, unwraps)"
    $OBJDUMP -dr --no-show-raw-insn "$elf" |
        awk '/call[ \t]+#0$/ { getline; print $NF }' | sort | uniq -c | sort -rn
    echo
done
