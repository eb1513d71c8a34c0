#!/bin/sh
# Instructions per frame on each path, microip6 vs smoltcp's Interface,
# counted by valgrind's callgrind (deterministic: independent of machine
# load). Each figure is (Ir(N2) - Ir(N1)) / (N2 - N1), which cancels
# process start-up and the setup of both nodes.
#
# Usage: benches/node/instr_count.sh   (from the workspace root)
set -eu
: "${CARGO_TARGET_DIR:=target}"
cargo build --release -q -p microip6-node-benches --example instr_count
bin="$CARGO_TARGET_DIR/release/examples/instr_count"
N1=1000
N2=11000
ir() { # path side n -> total instructions
    out=$(mktemp)
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$1" "$2" "$3" 2>/dev/null
    sed -n 's/^summary: \([0-9]*\).*/\1/p; s/^totals: \([0-9]*\).*/\1/p' "$out" | head -n 1
    rm -f "$out"
}
per_frame() {
    a=$(ir "$1" "$2" $N1)
    b=$(ir "$1" "$2" $N2)
    echo $(((b - a) / (N2 - N1)))
}
ratio() { echo "scale=2; $1 / $2" | bc; }
printf '%-8s %9s %9s %9s %10s %10s\n' path microip6 smoltcp s-ingress "s/m" "s-ingr/m"
for p in ns echo udp foreign; do
    m=$(per_frame "$p" microip6)
    s=$(per_frame "$p" smoltcp)
    si=$(per_frame "$p" smoltcp-ingress)
    printf '%-8s %9s %9s %9s %10s %10s\n' "$p" "$m" "$s" "$si" "$(ratio "$s" "$m")" "$(ratio "$si" "$m")"
done
printf '%-8s %9s\n' loop "$(per_frame echo none)"
