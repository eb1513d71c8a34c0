//! Wall time of every frame pair on a busy machine: short batches of each
//! side, interleaved (smoltcp, microip6, smoltcp, ...), so that both see
//! the same load; prints, per frame, the median time per frame of each side
//! and the median of the per-round ratios, with their quartiles.
//!
//! ```text
//! cargo run --release -p microip6-benches --example interleaved [rounds]
//! ```
//!
//! Criterion's separate runs of one side then the other are skewed by load
//! that changes between them; the paired ratio is not.

use microip6_benches::frames::*;
use microip6_benches::{microip6_side as m, smoltcp_side as s};
use std::hint::black_box;
use std::time::Instant;

type Side = fn(&[u8]) -> bool;

/// Nanoseconds per call of `f` over a batch of `n` calls.
fn batch(f: Side, frame: &[u8], n: u32) -> f64 {
    let t = Instant::now();
    for _ in 0..n {
        black_box(f(black_box(frame)));
    }
    t.elapsed().as_nanos() as f64 / n as f64
}

fn quartiles(mut v: Vec<f64>) -> [f64; 3] {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    [at(0.25), at(0.5), at(0.75)]
}

/// One frame and the sides that read it; the first side is the reference
/// (smoltcp) the ratios are taken to.
struct Pair {
    name: &'static str,
    frame: &'static [u8],
    sides: &'static [(&'static str, Side)],
}

const PAIRS: [Pair; 4] = [
    Pair {
        name: "neighbor_solicit",
        frame: &NEIGHBOR_SOLICIT,
        sides: &[
            ("smoltcp", |f| s::neighbor_solicit(f).is_some()),
            ("microip6", |f| m::neighbor_solicit(f).is_some()),
        ],
    },
    Pair {
        name: "echo_request",
        frame: &ECHO_REQUEST,
        sides: &[
            ("smoltcp", |f| s::echo_request(f).is_some()),
            ("microip6", |f| m::echo_request(f).is_some()),
        ],
    },
    Pair {
        name: "ntp_reply_udp",
        frame: &NTP_REPLY,
        sides: &[
            ("smoltcp", |f| s::udp(f).is_some()),
            ("microip6", |f| m::udp(f).is_some()),
        ],
    },
    Pair {
        name: "dns_aaaa_reply",
        frame: &DNS_AAAA_REPLY,
        sides: &[
            ("smoltcp", |f| s::dns_aaaa_reply(f).is_some()),
            ("microip6", |f| m::dns_aaaa_reply(f).is_some()),
            ("microip6-exact-names", |f| {
                m::dns_aaaa_reply_exact_names(f).is_some()
            }),
            ("microip6-question-name", |f| {
                m::dns_aaaa_reply_question_name(f).is_some()
            }),
            // The UDP layers below alone, same frame.
            ("smoltcp-udp-only", |f| s::udp(f).is_some()),
            ("microip6-udp-only", |f| m::udp(f).is_some()),
        ],
    },
];

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("rounds"))
        .unwrap_or(5000);
    println!("{rounds} rounds of 200 frames per side, interleaved");
    println!(
        "{:<24} {:>8} {:>8} {:>26} {:>8}",
        "frame / side", "ns med", "ns p5", "ratio to smoltcp q1/med/q3", "p5 ratio"
    );
    for pair in &PAIRS {
        run(pair, rounds);
    }
}

fn run(pair: &Pair, rounds: usize) {
    let (frame, sides) = (pair.frame, pair.sides);
    for (_, f) in sides {
        assert!(f(frame), "{}: a side refused the frame", pair.name);
        batch(*f, frame, 20_000); // warm-up
    }
    let mut times = vec![Vec::with_capacity(rounds); sides.len()];
    for _ in 0..rounds {
        for (i, (_, f)) in sides.iter().enumerate() {
            times[i].push(batch(*f, frame, 200));
        }
    }
    // The fastest batches are the least disturbed by other processes:
    // the 5th percentile is reported besides the median.
    let p5 = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v[v.len() / 20]
    };
    println!("{}", pair.name);
    let base_p5 = p5(&times[0]);
    for (i, (name, _)) in sides.iter().enumerate() {
        let ratios: Vec<f64> = times[i].iter().zip(&times[0]).map(|(a, b)| a / b).collect();
        let [_, med, _] = quartiles(times[i].clone());
        let [r1, rm, r3] = quartiles(ratios);
        let fast = p5(&times[i]);
        println!(
            "  {name:<22} {med:>8.1} {fast:>8.1} {r1:>10.3} {rm:>7.3} {r3:>7.3} {:>8.3}",
            fast / base_p5
        );
    }
}
