//! Per-frame cost of the node's common paths: microip6's `Interface` next
//! to smoltcp's, same frames, same run. See the crate docs and README.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use microip6_node_benches::{check_output, Microip6Node, Path, SmoltcpNode};
use std::hint::black_box;

fn paths(c: &mut Criterion) {
    let mut m = Microip6Node::new();
    let mut s = SmoltcpNode::new();
    let mut s_ingress = SmoltcpNode::new();
    for path in Path::ALL {
        let frame = path.frame();
        // Not a no-op: every side produces the expected answer, payload or
        // drop on this frame in this state (and again on a second frame).
        for _ in 0..2 {
            check_output("microip6", path, &m.handle(&frame));
            check_output("smoltcp", path, &s.handle(&frame));
            check_output(
                "smoltcp-ingress",
                path,
                &s_ingress.handle_ingress_only(&frame),
            );
        }
        let mut group = c.benchmark_group(path.name());
        group.throughput(Throughput::Elements(1));
        group.bench_function("microip6", |b| {
            b.iter(|| {
                black_box(m.handle(black_box(&frame)));
            })
        });
        group.bench_function("smoltcp-poll", |b| {
            b.iter(|| {
                black_box(s.handle(black_box(&frame)));
            })
        });
        group.bench_function("smoltcp-ingress", |b| {
            b.iter(|| {
                black_box(s_ingress.handle_ingress_only(black_box(&frame)));
            })
        });
        group.finish();
    }
}

criterion_group!(benches, paths);
criterion_main!(benches);
