#!/bin/sh
# Builds the ClockApp probe for msp430-none-elf and prints the section
# sizes, the sizes of the firmware's entry points (src/main.rs wraps each
# ClockApp call in an app_* function), the top symbols, and the __mspabi_*
# call sites (helpers left unresolved here; the firmware links them).
#   ./report.sh          TOP=40 ./report.sh
set -eu
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
TOP="${TOP:-30}"
tool() {
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
cargo +nightly build --release --quiet
elf="$CARGO_TARGET_DIR/msp430-none-elf/release/clockapp"
$SIZE -A "$elf" | awk '$1 ~ /^\.(text|rodata|data|bss)$/ { printf "%-8s %6d\n", $1, $2 }'
echo "-- top $TOP symbols (bytes)"
$NM --size-sort -S --radix=d "$elf" | awk '$3 ~ /^[tT]$/' | tail -n "$TOP" | $FILT |
    awk '{ s = $2 + 0; $1 = ""; $2 = ""; $3 = ""; sub(/^ +/, ""); printf "%6d  %s\n", s, $0 }'
echo "-- clock-app, calendar and TZ symbols"
$NM --size-sort -S --radix=d "$elf" | awk '$3 ~ /^[tT]$/' | $FILT |
    awk '$4 ~ /^clockapp::app_/ || $0 ~ /clock_app::|microip6::clock::(calendar|tz)/ { s += $2; printf "%6d  %s\n", $2, $4 } END { printf "%6d  total\n", s }'
echo "-- __mspabi_* call sites"
$OBJDUMP -dr --no-show-raw-insn "$elf" |
    awk '/>:$/ { f = $2 } /call[ \t]+#0$/ { getline; print $NF }' | sort | uniq -c | sort -rn
echo "-- without the screens and the event text (--features no-text)"
cargo +nightly build --release --quiet --features no-text
$SIZE -A "$elf" | awk '$1 ~ /^\.(text|rodata)$/ { printf "%-8s %6d\n", $1, $2 }'
