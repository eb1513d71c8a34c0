//! Runs N receives of one frame type on one side, for instruction counting
//! with a deterministic tool (the counts do not depend on machine load):
//!
//! ```text
//! cargo build --release -p microip6-benches --example instr_count
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/instr_count ns microip6 100000
//! ```
//!
//! `benches/instr_count.sh` runs every pair and prints the ratios.
//! Arguments: frame (`ns`, `echo`, `ntp-udp`, `ntp`, `dns`, `dns-exact`: microip6
//! with byte-for-byte name comparison, `dns-question`: microip6 comparing the
//! answers' owners with the question's name), side
//! (`microip6`, `smoltcp`, `none`: the loop alone), iterations.

use microip6_benches::frames::*;
use microip6_benches::{microip6_side as m, smoltcp_side as s};
use std::hint::black_box;

/// Calls `$f` on the frame `$n` times; counts the successes.
macro_rules! run {
    ($n:expr, $frame:expr, $f:expr) => {{
        let frame: &[u8] = &$frame;
        let mut ok = 0u64;
        for _ in 0..$n {
            ok += black_box($f(black_box(frame))).is_some() as u64;
        }
        ok
    }};
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: instr_count <ns|echo|ntp-udp|ntp|dns|dns-exact|dns-question> <microip6|smoltcp|none> <iterations>";
    let (frame, side, n) = match &args[1..] {
        [f, s, n] => (f.as_str(), s.as_str(), n.parse::<u64>().expect(usage)),
        _ => panic!("{usage}"),
    };
    let ok = match (frame, side) {
        (_, "none") => run!(n, ECHO_REQUEST, |f: &[u8]| Some(f.len())),
        ("ns", "microip6") => run!(n, NEIGHBOR_SOLICIT, m::neighbor_solicit),
        ("ns", "smoltcp") => run!(n, NEIGHBOR_SOLICIT, s::neighbor_solicit),
        ("echo", "microip6") => run!(n, ECHO_REQUEST, m::echo_request),
        ("echo", "smoltcp") => run!(n, ECHO_REQUEST, s::echo_request),
        ("ntp-udp", "microip6") => run!(n, NTP_REPLY, m::udp),
        ("ntp-udp", "smoltcp") => run!(n, NTP_REPLY, s::udp),
        ("ntp", "microip6") => run!(n, NTP_REPLY, m::ntp_reply),
        ("dns", "microip6") => run!(n, DNS_AAAA_REPLY, m::dns_aaaa_reply),
        ("dns-question", "microip6") => run!(n, DNS_AAAA_REPLY, m::dns_aaaa_reply_question_name),
        ("dns-exact", "microip6") => run!(n, DNS_AAAA_REPLY, m::dns_aaaa_reply_exact_names),
        ("dns", "smoltcp") => run!(n, DNS_AAAA_REPLY, s::dns_aaaa_reply),
        _ => panic!("{usage}"),
    };
    assert_eq!(ok, n, "every receive must succeed");
}
