//! Time per frame with the sides interleaved, for a loaded machine where
//! criterion's one-side-after-the-other runs drift with the load:
//!
//! ```text
//! cargo run --release -p microip6-node-benches --example interleaved [rounds]
//! ```
//!
//! For every path, `rounds` rounds (default 300) each time a batch of
//! 2000 frames on microip6, then on smoltcp (`poll`), then on smoltcp
//! (`poll_ingress_single`). The minimum batch time of each side is its
//! cost when the machine left it alone; the median is printed too.
//! Copying and answer handling are those of the criterion benchmark.
//! A fourth batch per round times the frame copy alone (the harness's
//! floor, inside both sides' figures): the last two columns are the
//! ratios with that floor taken off both sides, the stacks' own work.

use microip6_node_benches::{check_output, Microip6Node, Output, Path, SmoltcpNode};
use std::hint::black_box;
use std::time::Instant;

const BATCH: u32 = 2000;

fn batch<F: FnMut(&[u8]) -> bool>(frame: &[u8], mut handle: F) -> f64 {
    let start = Instant::now();
    for _ in 0..BATCH {
        black_box(handle(black_box(frame)));
    }
    start.elapsed().as_nanos() as f64 / BATCH as f64
}

fn something(out: Output<'_>) -> bool {
    !matches!(black_box(out), Output::Nothing)
}

fn min_median(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    (v[0], v[v.len() / 2])
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("rounds"))
        .unwrap_or(300);
    let mut m = Microip6Node::new();
    let mut s = SmoltcpNode::new();
    let mut si = SmoltcpNode::new();
    println!("ns/frame, min (median) of {rounds} interleaved batches of {BATCH} frames");
    println!("| path | microip6 | smoltcp poll | smoltcp ingress-only | ratio poll/microip6 (min) | ratio ingress/microip6 (min) | frame copy alone | net ratio poll/microip6 | net ratio ingress/microip6 |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for path in Path::ALL {
        let frame = path.frame();
        check_output("microip6", path, &m.handle(&frame));
        check_output("smoltcp", path, &s.handle(&frame));
        check_output("smoltcp-ingress", path, &si.handle_ingress_only(&frame));
        let (mut tm, mut ts, mut tsi, mut tc) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            tm.push(batch(&frame, |f| something(m.handle(f))));
            ts.push(batch(&frame, |f| something(s.handle(f))));
            tsi.push(batch(&frame, |f| something(si.handle_ingress_only(f))));
            tc.push(batch(&frame, |f| something(m.copy_only(f))));
        }
        let (m_min, m_med) = min_median(&mut tm);
        let (s_min, s_med) = min_median(&mut ts);
        let (si_min, si_med) = min_median(&mut tsi);
        let (c_min, c_med) = min_median(&mut tc);
        println!(
            "| {} | {m_min:.1} ({m_med:.1}) | {s_min:.1} ({s_med:.1}) | {si_min:.1} ({si_med:.1}) | {:.2} | {:.2} | {c_min:.1} ({c_med:.1}) | {:.2} | {:.2} |",
            path.name(),
            s_min / m_min,
            si_min / m_min,
            (s_min - c_min) / (m_min - c_min),
            (si_min - c_min) / (m_min - c_min)
        );
    }
}
