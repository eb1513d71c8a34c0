//! Property: random sequences of frames in and out never lose, duplicate or
//! corrupt a frame the chip accepted into its buffer, on both model modes.
#![cfg(feature = "model")]

mod common;

use std::collections::VecDeque;

use common::*;
use enc28j60::model::{Enc28j60Model, InjectResult, ModelMode};
use enc28j60::ALL_NODES_MAC;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    /// A frame arrives: destination kind, length, payload seed.
    Inject(u8, usize, u32),
    /// The stack polls with a buffer of this size.
    Receive(usize),
    /// The stack sends a frame of this length.
    Transmit(usize, u32),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..4, 14usize..=1514, any::<u32>()).prop_map(|(d, l, s)| Op::Inject(d, l, s)),
        3 => prop_oneof![Just(1514usize), 64usize..=1514].prop_map(Op::Receive),
        2 => (14usize..=1514, any::<u32>()).prop_map(|(l, s)| Op::Transmit(l, s)),
    ]
}

/// Mirrors the driver's contract: frames come out in order; one that does
/// not fit the caller's buffer is dropped and counted; at most 8 are
/// dropped per call.
fn run(mode: ModelMode, ops: &[Op]) -> Result<(), TestCaseError> {
    let chip = match mode {
        ModelMode::Datasheet => Enc28j60Model::new(),
        ModelMode::MspSim => Enc28j60Model::mspsim(),
    };
    let (model, mut eth) = setup(chip);
    eth.set_multicast_filter(&[ALL_NODES_MAC]).unwrap();
    let mut expected: VecDeque<Vec<u8>> = VecDeque::new();
    let mut dropped = 0u16;
    let mut buf = vec![0u8; 1514];
    for op in ops {
        match *op {
            Op::Inject(kind, len, seed) => {
                let dest = match kind {
                    0 => MAC,
                    1 => [0xFF; 6],
                    2 => ALL_NODES_MAC,
                    _ => [0x02, 0x99, 0, 0, 0, 1],
                };
                let f = frame(dest, len, seed);
                let result = model.lock().inject_frame(&f);
                if result == InjectResult::Accepted {
                    let kept = if mode == ModelMode::MspSim {
                        len.min(1500)
                    } else {
                        len
                    };
                    expected.push_back(f[..kept].to_vec());
                } else if mode == ModelMode::Datasheet {
                    prop_assert!(
                        (kind == 3 && result == InjectResult::Filtered)
                            || result == InjectResult::Overflow,
                        "{result:?} for kind {kind}"
                    );
                }
            }
            Op::Receive(size) => {
                let got = eth.receive(&mut buf[..size]).unwrap();
                let mut want = None;
                for _ in 0..8 {
                    match expected.pop_front() {
                        None => break,
                        Some(f) if f.len() > size => dropped += 1,
                        Some(f) => {
                            want = Some(f);
                            break;
                        }
                    }
                }
                match (got, want) {
                    (None, None) => {}
                    (Some(len), Some(f)) => prop_assert_eq!(&buf[..len], &f[..]),
                    (got, want) => {
                        prop_assert!(false, "got {:?}, wanted {:?}", got, want.map(|f| f.len()))
                    }
                }
            }
            Op::Transmit(len, seed) => {
                let f = frame(PEER, len, seed);
                eth.transmit(&f).unwrap();
                let sent = model.lock().pop_transmitted();
                let want = if mode == ModelMode::Datasheet {
                    padded(&f)
                } else {
                    f
                };
                prop_assert_eq!(sent, Some(want));
            }
        }
    }
    // Drain: everything left comes out, in order.
    while let Some(f) = expected.pop_front() {
        let len = eth.receive(&mut buf).unwrap();
        prop_assert_eq!(len, Some(f.len()));
        prop_assert_eq!(&buf[..f.len()], &f[..]);
    }
    prop_assert_eq!(eth.receive(&mut buf).unwrap(), None);
    let counters = eth.counters();
    prop_assert_eq!(counters.rx_dropped_too_long, dropped);
    prop_assert_eq!(counters.rx_resets, 0);
    let chip = model.lock();
    prop_assert!(chip.violations().is_empty(), "{:?}", chip.violations());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn frames_survive_random_traffic_datasheet(ops in prop::collection::vec(op(), 1..120)) {
        run(ModelMode::Datasheet, &ops)?;
    }

    #[test]
    fn frames_survive_random_traffic_mspsim(ops in prop::collection::vec(op(), 1..120)) {
        run(ModelMode::MspSim, &ops)?;
    }
}
