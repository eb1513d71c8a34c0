#!/bin/sh
# Builds MSP430 size probes for msp430-none-elf and prints, for each: section
# sizes, the biggest symbols, what the probe is about (app, clockapp) and the
# call sites of the helpers left unresolved (see README.md).
#   ./report.sh               minimal and full (this directory)
#   ./report.sh minimal       one probe or more: minimal | full (here),
#                             app (../msp430-size-app),
#                             clockapp (../msp430-size-clockapp)
#   TOP=40 ./report.sh        more symbols (25 by default, 30 for app, clockapp)
# ../msp430-size-app/report.sh and ../msp430-size-clockapp/report.sh run this
# script for their probe. Each probe builds in its own target/ unless
# CARGO_TARGET_DIR is set.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
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

# sections ELF NAME...: each section's size, 0 when absent.
sections() {
    elf=$1
    shift
    $SIZE -A "$elf" | awk -v want="$*" '
        { size[$1] = $2 }
        END { n = split(want, s, " ")
              for (i = 1; i <= n; i++) printf "%-8s %6d\n", s[i], size[s[i]] }'
}

# code_symbols ELF: "address size type name" of the code symbols, smallest
# first, demangled.
code_symbols() {
    $NM --size-sort -S --radix=d "$1" | awk '$3 ~ /^[tT]$/' | $FILT
}

for p in $probes; do
    # focus: an awk condition on code_symbols lines picking what the probe
    # measures, printed with its total under the title.
    title="" focus="" top=30
    case "$p" in
    minimal | full) dir="$here" top=25 ;;
    app)
        dir="$here/../msp430-size-app"
        title="DNS + SNTP (the wrappers and what only they call)"
        focus='$4 ~ /^app::(dns|sntp)_/ || $0 ~ /microip6::(sntp|dns|clock|wire::ntp|wire::dns)/'
        ;;
    clockapp)
        dir="$here/../msp430-size-clockapp"
        title="clock-app, calendar and TZ symbols"
        focus='$4 ~ /^clockapp::app_/ || $0 ~ /clock_app::|microip6::clock::(calendar|tz)/'
        ;;
    *)
        echo "unknown probe $p (minimal | full | app | clockapp)" >&2
        exit 2
        ;;
    esac
    top="${TOP:-$top}"
    target="${CARGO_TARGET_DIR:-$dir/target}"
    build() { (cd "$dir" && CARGO_TARGET_DIR="$target" cargo +nightly build --release --quiet --bin "$p" "$@"); }
    build
    elf="$target/msp430-none-elf/release/$p"
    echo "== probe $p"
    sections "$elf" .text .rodata .data .bss
    echo "-- top $top symbols (bytes)"
    code_symbols "$elf" | tail -n "$top" |
        awk '{ s = $2 + 0; $1 = ""; $2 = ""; $3 = ""; sub(/^ +/, ""); printf "%6d  %s\n", s, $0 }'
    if [ -n "$focus" ]; then
        echo "-- $title"
        code_symbols "$elf" |
            awk "$focus"' { s += $2; printf "%6d  %s\n", $2, $4 } END { printf "%6d  total\n", s }'
    fi
    echo "-- calls to unresolved helpers: __mspabi_* (not counted in .text) and abort (panics: bounds checks, unwraps)"
    $OBJDUMP -dr --no-show-raw-insn "$elf" |
        awk '/call[ \t]+#0$/ { getline; print $NF }' | sort | uniq -c | sort -rn
    if [ "$p" = clockapp ]; then
        echo "-- without the screens and the event text (--features no-text)"
        build --features no-text
        sections "$elf" .text .rodata
    fi
    echo
done
