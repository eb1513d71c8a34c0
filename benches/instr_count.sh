#!/bin/sh
# Instructions per received frame, microip6 vs smoltcp, counted by
# valgrind's callgrind (deterministic: independent of machine load).
# Each figure is (Ir(N2) - Ir(N1)) / (N2 - N1), which cancels process
# start-up and the one-off work.
#
# Usage: benches/instr_count.sh   (from the workspace root)
set -eu
: "${CARGO_TARGET_DIR:=target}"
cargo build --release -q -p microip6-benches --example instr_count
bin="$CARGO_TARGET_DIR/release/examples/instr_count"
N1=1000
N2=11000
ir() { # frame side n -> total instructions
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
printf '%-10s %10s %10s %7s\n' frame microip6 smoltcp ratio
for f in ns echo ntp-udp dns; do
    m=$(per_frame "$f" microip6)
    s=$(per_frame "$f" smoltcp)
    printf '%-10s %10s %10s %7s\n' "$f" "$m" "$s" "$(echo "scale=2; $m / $s" | bc)"
done
# No smoltcp counterpart: the DNS reply with names compared byte for byte
# (as smoltcp compares them), and microip6 with the NTP header parse.
m=$(per_frame dns-exact microip6)
printf '%-10s %10s %10s %7s\n' dns-exact "$m" "$s" "$(echo "scale=2; $m / $s" | bc)"
# microip6 comparing the answers' owners with the question's name (same
# verdicts as comparing with the name asked for, once the question matched).
m=$(per_frame dns-question microip6)
printf '%-10s %10s %10s %7s\n' dns-qname "$m" "$s" "$(echo "scale=2; $m / $s" | bc)"
printf '%-10s %10s %10s %7s\n' ntp "$(per_frame ntp microip6)" "-" "-"
