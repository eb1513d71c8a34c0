#!/usr/bin/env python3
"""Table of the last `cargo bench -p microip6-node-benches` run: median ns
per frame, frames per second and the smoltcp/microip6 ratio per path.

Usage: benches/node/summary.py   (reads $CARGO_TARGET_DIR/criterion)
"""
import json
import os
import sys

root = os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "criterion")
sides = ["microip6", "smoltcp-poll", "smoltcp-ingress"]


def median_ns(path, side):
    f = os.path.join(root, path, side, "new", "estimates.json")
    with open(f) as fh:
        return json.load(fh)["median"]["point_estimate"]


def fps(ns):
    return f"{1e3 / ns:.2f} M"


print("| path | microip6 ns (fps) | smoltcp poll ns (fps) | smoltcp ingress-only ns (fps) "
      "| ratio poll/microip6 | ratio ingress/microip6 |")
print("|---|---|---|---|---|---|")
for path in ["ns", "echo", "udp", "foreign"]:
    try:
        m, s, si = (median_ns(path, side) for side in sides)
    except OSError as e:
        sys.exit(f"missing result: {e}")
    print(f"| {path} | {m:.1f} ({fps(m)}) | {s:.1f} ({fps(s)}) | {si:.1f} ({fps(si)}) "
          f"| {s / m:.2f} | {si / m:.2f} |")
