#!/usr/bin/env python3
"""Where the firmware's flash goes, by source file, function and line.

Every instruction of the ELF's code is attributed to the innermost frame of
its inline chain that lies in this repository (so code inlined from `core`,
such as a u64 `wrapping_sub`, counts for the line of ours that used it).

    scripts/size-by-source.py [ELF] [LINES]

ELF defaults to the release firmware (`cargo xtask firmware`); LINES is how
many source lines to list (default 40). Needs llvm-objdump and
llvm-symbolizer (Debian: llvm-14).
"""
import collections
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + "/"


def tool(name):
    for candidate in (name + "-14", name):
        if shutil.which(candidate):
            return candidate
    sys.exit(f"size-by-source: {name} not found (apt install llvm-14)")


def main():
    target = os.environ.get("CARGO_TARGET_DIR", ROOT + "target")
    elf = sys.argv[1] if len(sys.argv) > 1 else \
        f"{target}/firmware/msp430-none-elf/release/clock-firmware"
    nlines = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    dump = subprocess.run([tool("llvm-objdump"), "-d", elf],
                          capture_output=True, text=True, check=True).stdout
    insns = []
    for line in dump.splitlines():
        m = re.match(r"^\s+([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)", line)
        if m:
            insns.append((int(m.group(1), 16), len(m.group(2).split())))
    query = "\n".join(hex(a) for a, _ in insns)
    out = subprocess.run([tool("llvm-symbolizer"), "--obj=" + elf, "--inlining",
                          "--functions=linkage", "--demangle"],
                         input=query, capture_output=True, text=True, check=True).stdout
    blocks = out.strip("\n").split("\n\n")
    by_file, by_fn, by_line = (collections.Counter() for _ in range(3))
    for (_, size), block in zip(insns, blocks):
        lines = block.split("\n")
        frames = [(lines[i], lines[i + 1]) for i in range(0, len(lines) - 1, 2)]
        pick = next((f for f in frames if ROOT in f[1]), frames[0] if frames else ("?", "?"))
        func, loc = pick[0], pick[1].replace(ROOT, "")
        parts = loc.split(":")
        by_file[parts[0]] += size
        by_fn[func[:100]] += size
        by_line[":".join(parts[:2])] += size
    print(f"{sum(by_file.values())} bytes of code in {elf}")
    print("--- by source file")
    for k, v in by_file.most_common(40):
        print(f"{v:7} {k}")
    print("--- by function (with what was inlined into it from core)")
    for k, v in by_fn.most_common(60):
        print(f"{v:7} {k}")
    print("--- by line")
    for k, v in by_line.most_common(nlines):
        print(f"{v:7} {k}")


main()
