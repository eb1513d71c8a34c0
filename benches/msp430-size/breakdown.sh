#!/bin/sh
# Per-function sizes of the node. In the real build (report.sh) LTO inlines
# every function called once into `probe`, which then hides where the bytes
# go. This copies the stack crate and this probe to a scratch directory,
# marks every method of stack/src/iface `#[inline(never)]` and reports that
# build instead. Its total is a few hundred bytes above the real one (call
# overhead); the per-function figures show what each part costs.
#   ./breakdown.sh [minimal|full]      (TOP=60 by default)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scratch="${SCRATCH:-/tmp/msp430-size-breakdown}"
rm -rf "$scratch/stack" "$scratch/probe"
mkdir -p "$scratch"
cp -r "$root/stack" "$scratch/stack"
rm -rf "$scratch/stack/target"
cp -r "$here" "$scratch/probe"
rm -rf "$scratch/probe/target"
# Standalone manifests: no workspace inheritance, no dev-dependencies.
python3 - "$scratch" <<'PY'
import re, sys
scratch = sys.argv[1]
m = scratch + "/stack/Cargo.toml"
s = open(m).read()
s = s.replace("edition.workspace = true", 'edition = "2021"')
s = re.sub(r"(license|rust-version)\.workspace = true\n", "", s)
s = s[: s.index("[dev-dependencies]")] if "[dev-dependencies]" in s else s
open(m, "w").write(s)
m = scratch + "/probe/Cargo.toml"
s = open(m).read().replace('path = "../../stack"', 'path = "%s/stack"' % scratch)
open(m, "w").write(s)
for f in ("mod.rs", "input.rs", "output.rs"):
    p = scratch + "/stack/src/iface/" + f
    lines = open(p).read().split("\n")
    out = []
    for i, l in enumerate(lines):
        m = re.match(r"^(    +)(pub(\(crate\))? )?fn \w+", l)
        if m and "#[inline" not in lines[i - 1]:
            out.append(m.group(1) + "#[inline(never)]")
        out.append(l)
    open(p, "w").write("\n".join(out))
PY
cd "$scratch/probe"
CARGO_TARGET_DIR="$scratch/target" TOP="${TOP:-60}" ./report.sh "${1:-minimal}"
