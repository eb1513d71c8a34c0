#!/bin/sh
# Rebuilds the board test programs: assemble with llvm-mc (Debian llvm-14),
# link with rust-lld at 0x4000 (vectors at 0xFFE0), keep the ELF.
set -e
cd "$(dirname "$0")"
LLD=$(find "$HOME/.rustup/toolchains" -name rust-lld -path '*x86_64*' | head -n 1)
for s in *.s; do
    n=${s%.s}
    llvm-mc -triple=msp430 -filetype=obj -o "/tmp/$n.o" "$s"
    "$LLD" -flavor gnu -n -T board.ld -o "$n.elf" "/tmp/$n.o"
done
