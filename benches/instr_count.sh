#!/bin/sh
# Instructions per frame, microip6 vs smoltcp, counted by valgrind's
# callgrind (deterministic: independent of machine load). Each figure is
# (Ir(N2) - Ir(N1)) / (N2 - N1), which cancels process start-up and the
# one-off work (for node, the setup of both nodes).
#
# Usage (from the workspace root):
#   benches/instr_count.sh        wire: per received frame, microip6-benches'
#                                 examples/instr_count.rs
#   benches/instr_count.sh node   node: per frame on each path against
#                                 smoltcp's Interface, microip6-node-benches'
#                                 examples/instr_count.rs
#                                 (benches/node/instr_count.sh runs this)
set -eu
: "${CARGO_TARGET_DIR:=target}"
suite="${1:-wire}"
case "$suite" in
wire) package=microip6-benches ;;
node) package=microip6-node-benches ;;
*)
    echo "usage: benches/instr_count.sh [wire | node]" >&2
    exit 2
    ;;
esac
cargo build --release -q -p "$package" --example instr_count
bin="$CARGO_TARGET_DIR/release/examples/instr_count"
N1=1000
N2=11000
ir() { # frame-or-path side n -> total instructions
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

wire() {
    row() { printf '%-10s %10s %10s %7s\n' "$@"; }
    row frame microip6 smoltcp ratio
    for f in ns echo ntp-udp dns; do
        m=$(per_frame "$f" microip6)
        s=$(per_frame "$f" smoltcp)
        row "$f" "$m" "$s" "$(ratio "$m" "$s")"
    done
    # No smoltcp counterpart: the DNS reply with names compared byte for
    # byte (as smoltcp compares them), and microip6 with the NTP header
    # parse; the ratios are against smoltcp's dns.
    m=$(per_frame dns-exact microip6)
    row dns-exact "$m" "$s" "$(ratio "$m" "$s")"
    # microip6 comparing the answers' owners with the question's name (same
    # verdicts as comparing with the name asked for, once the question
    # matched).
    m=$(per_frame dns-question microip6)
    row dns-qname "$m" "$s" "$(ratio "$m" "$s")"
    row ntp "$(per_frame ntp microip6)" "-" "-"
}

node() {
    row() { printf '%-8s %9s %9s %9s %10s %10s\n' "$@"; }
    row path microip6 smoltcp s-ingress "s/m" "s-ingr/m"
    for p in ns echo udp foreign; do
        m=$(per_frame "$p" microip6)
        s=$(per_frame "$p" smoltcp)
        si=$(per_frame "$p" smoltcp-ingress)
        row "$p" "$m" "$s" "$si" "$(ratio "$s" "$m")" "$(ratio "$si" "$m")"
    done
    printf '%-8s %9s\n' loop "$(per_frame echo none)"
}

"$suite"
