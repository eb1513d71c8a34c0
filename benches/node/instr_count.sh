#!/bin/sh
# Instructions per frame on each path, microip6 vs smoltcp's Interface
# (callgrind): the shared script's node suite.
#
# Usage: benches/node/instr_count.sh   (from the workspace root; the same as
# benches/instr_count.sh node)
exec sh "$(dirname "$0")/../instr_count.sh" node
