//! Parsing and checksum verification of typical frames: microip6's views
//! next to smoltcp's wire module, same bytes, same run.
//!
//! `cargo bench -p microip6-benches -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use microip6_benches::frames::*;
use microip6_benches::{microip6_side as m, smoltcp_side as s};
use std::hint::black_box;

/// One benchmark group per frame: each side reads the frame and its result
/// is kept opaque to the optimiser.
macro_rules! pair {
    ($c:expr, $name:literal, $frame:expr, $m:path, $s:path) => {{
        let frame: &[u8] = &$frame;
        assert_eq!($m(frame), $s(frame), "both sides must read the same fields");
        assert!($m(frame).is_some());
        let mut g = $c.benchmark_group($name);
        g.throughput(Throughput::Elements(1));
        g.bench_function("microip6", |b| b.iter(|| black_box($m(black_box(frame)))));
        g.bench_function("smoltcp", |b| b.iter(|| black_box($s(black_box(frame)))));
        g.finish();
    }};
}

fn wire(c: &mut Criterion) {
    pair!(
        c,
        "neighbor_solicit",
        NEIGHBOR_SOLICIT,
        m::neighbor_solicit,
        s::neighbor_solicit
    );
    pair!(
        c,
        "echo_request",
        ECHO_REQUEST,
        m::echo_request,
        s::echo_request
    );
    // smoltcp has no NTP parser: the pair stops at UDP; the NTP header
    // parse is measured on its own for microip6.
    pair!(c, "ntp_reply_udp", NTP_REPLY, m::udp, s::udp);
    let frame: &[u8] = &NTP_REPLY;
    assert!(m::ntp_reply(frame).is_some());
    c.benchmark_group("ntp_reply_udp")
        .bench_function("microip6+ntp", |b| {
            b.iter(|| black_box(m::ntp_reply(black_box(frame))))
        });
    pair!(
        c,
        "dns_aaaa_reply",
        DNS_AAAA_REPLY,
        m::dns_aaaa_reply,
        s::dns_aaaa_reply
    );
    // The same with names compared byte for byte, as smoltcp does.
    let frame: &[u8] = &DNS_AAAA_REPLY;
    assert!(m::dns_aaaa_reply_exact_names(frame).is_some());
    assert!(m::dns_aaaa_reply_question_name(frame).is_some());
    let mut g = c.benchmark_group("dns_aaaa_reply");
    g.bench_function("microip6-exact-names", |b| {
        b.iter(|| black_box(m::dns_aaaa_reply_exact_names(black_box(frame))))
    });
    // The answers' owners compared with the question's name.
    g.bench_function("microip6-question-name", |b| {
        b.iter(|| black_box(m::dns_aaaa_reply_question_name(black_box(frame))))
    });
    g.finish();
}

criterion_group!(benches, wire);
criterion_main!(benches);
