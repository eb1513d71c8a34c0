//! Runs N frames of one path on one side, for instruction counting with a
//! deterministic tool (the counts do not depend on machine load):
//!
//! ```text
//! cargo build --release -p microip6-node-benches --example instr_count
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     $CARGO_TARGET_DIR/release/examples/instr_count echo microip6 10000
//! ```
//!
//! Arguments: path (`ns`, `echo`, `udp`, `foreign`), side (`microip6`,
//! `smoltcp`: one `Interface::poll` per frame, `smoltcp-ingress`:
//! `poll_ingress_single`, `none`: setup of both sides and the loop
//! without any receive), iterations. `benches/node/instr_count.sh` runs
//! every pair and prints the ratios.

use microip6_node_benches::{check_output, Microip6Node, Output, Path, SmoltcpNode};
use std::hint::black_box;

fn run<F>(n: u64, path: Path, mut handle: F) -> u64
where
    F: FnMut(&[u8]) -> bool,
{
    let frame = path.frame();
    let mut answered = 0;
    for _ in 0..n {
        answered += handle(black_box(&frame)) as u64;
    }
    answered
}

/// True if the output is not `Nothing` (the foreign path counts drops).
fn something(out: Output<'_>) -> bool {
    !matches!(black_box(out), Output::Nothing)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage =
        "usage: instr_count <ns|echo|udp|foreign> <microip6|smoltcp|smoltcp-ingress|none> <n>";
    let (path, side, n) = match &args[1..] {
        [p, s, n] => (
            Path::from_name(p).expect(usage),
            s.as_str(),
            n.parse::<u64>().expect(usage),
        ),
        _ => panic!("{usage}"),
    };
    // Both sides are always set up, so that the difference between two
    // runs with different N is the per-frame work alone.
    let mut m = Microip6Node::new();
    let mut s = SmoltcpNode::new();
    let frame = path.frame();
    check_output("microip6", path, &m.handle(&frame));
    check_output("smoltcp", path, &s.handle(&frame));
    check_output("smoltcp-ingress", path, &s.handle_ingress_only(&frame));
    let answered = match side {
        "microip6" => run(n, path, |f| something(m.handle(f))),
        "smoltcp" => run(n, path, |f| something(s.handle(f))),
        "smoltcp-ingress" => run(n, path, |f| something(s.handle_ingress_only(f))),
        "none" => run(n, path, |f| black_box(f).len() > 1),
        _ => panic!("{usage}"),
    };
    let expected = if path == Path::ForeignDropped && side != "none" {
        0
    } else {
        n
    };
    assert_eq!(answered, expected, "every frame must give its output");
}
