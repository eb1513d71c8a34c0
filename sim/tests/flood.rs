//! Robustness: the clock firmware on the virtual network under a flood of
//! hostile frames: the frames of the stack's test vectors
//! (stack/tests/vectors/*.jsonl, as they are and readdressed to the
//! board's MAC), the Ethernet-level fuzz corpora (fuzz/corpus/
//! {ethernet_ipv6,frame_walk}/ when present) and seeded random mutations
//! of valid frames (bytes flipped, truncated, extended), one every 2 ms
//! for 10 s of simulated time. Afterwards: no illegal instruction, no new
//! memory diagnostic (bad access), no reset (watchdog or other), lowest
//! SP within RAM top - 1 KB, the displayed time still advancing once a
//! second; and, for a firmware that talks to the network (it sent a
//! frame), an echo request from the router still answered and the shown
//! time within 1.1 s of true UTC once synced.
//!
//! Skips when the firmware ELF is not built. `FLOOD_SEED` changes the
//! mutations.

mod common;

use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::net::NetConfig;
use proiot3_sim::session::{Network, Session, RAM_TOP};
use proiot3_sim::{loader, Board, BoardConfig, Stop};

const STACK_BUDGET: u32 = 1024;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

/// Every `"hex": "..."` frame of the stack's JSONL vectors.
fn vector_frames() -> Vec<Vec<u8>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../stack/tests/vectors");
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        if e.path().extension().is_some_and(|x| x == "jsonl") {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            for part in text.split("\"hex\": \"").skip(1) {
                if let Some(f) = part.split('"').next().and_then(unhex) {
                    out.push(f);
                }
            }
        }
    }
    out
}

/// Files of the Ethernet-level fuzz corpora, if fuzzing left any.
fn corpus_frames() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for target in ["ethernet_ipv6", "frame_walk"] {
        let dir = format!("{}/../fuzz/corpus/{target}", env!("CARGO_MANIFEST_DIR"));
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                if let Ok(b) = std::fs::read(e.path()) {
                    if !b.is_empty() && b.len() <= 1518 {
                        out.push(b);
                    }
                }
            }
        }
    }
    out
}

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut f = base.to_vec();
    if f.is_empty() {
        f.push(rng.next() as u8);
    }
    match rng.below(4) {
        0 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(f.len());
                f[i] ^= 1 << rng.below(8);
            }
        }
        1 => f.truncate(14 + rng.below(f.len().saturating_sub(14).max(1))),
        2 => {
            let n = rng.below(200);
            for _ in 0..n {
                f.push(rng.next() as u8);
            }
        }
        _ => {
            // Header fields the parsers rely on: payload length, next
            // header, hop limit, ICMPv6 type/code, UDP length.
            for at in [18, 19, 20, 21, 54, 55, 58, 59] {
                if at < f.len() && rng.below(2) == 0 {
                    f[at] = rng.next() as u8;
                }
            }
        }
    }
    f
}

#[test]
fn firmware_survives_a_flood_of_hostile_frames() {
    let Some(elf) = common::firmware() else {
        eprintln!("SKIPPED: no clock-firmware ELF (cargo xtask firmware, or PROIOT3_FIRMWARE)");
        return;
    };
    let seed: u64 = std::env::var("FLOOD_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_F100D);
    let image = loader::parse_any(&elf).expect("firmware image");
    let board = Board::new(
        &image,
        BoardConfig {
            mac: Some(common::BOARD_MAC),
            ..BoardConfig::default()
        },
    );
    let mut s = Session::new(board, Session::virtual_net(NetConfig::default()));
    assert_eq!(s.run_until(5 * PS_PER_S), Stop::TimeReached);
    let diagnostics_before = s.board.chip.diagnostic_count();

    let mut pool = vector_frames();
    let from_vectors = pool.len();
    let readdressed: Vec<Vec<u8>> = pool
        .iter()
        .filter(|f| f.len() >= 14 && f[0] & 1 == 0)
        .map(|f| {
            let mut g = f.clone();
            g[..6].copy_from_slice(&common::BOARD_MAC);
            g
        })
        .collect();
    pool.extend(readdressed);
    let corpus = corpus_frames();
    let from_corpus = corpus.len();
    pool.extend(corpus);
    let bases = [
        common::neighbor_solicitation(),
        common::echo_request(1),
        common::foreign_unicast(),
    ];
    pool.extend(bases.iter().cloned());
    let mut rng = Rng(seed | 1);

    let start = s.board.now_ps();
    let end = start + 10 * PS_PER_S;
    let mut t = start;
    let mut sent = 0u64;
    while t < end {
        t += 2 * PS_PER_S / 1000;
        let stop = s.run_until(t);
        assert_eq!(stop, Stop::TimeReached, "after {sent} hostile frames");
        let f = if rng.below(2) == 0 {
            pool[rng.below(pool.len())].clone()
        } else {
            let base = if rng.below(2) == 0 {
                &bases[rng.below(bases.len())]
            } else {
                &pool[rng.below(pool.len())]
            };
            mutate(&mut rng, base)
        };
        s.inject(&f);
        sent += 1;
    }
    let shown_during = s
        .shown_times
        .iter()
        .filter(|&&(at, _)| at > start && at <= end)
        .count();

    // Then: is it still answering?
    let networked = s.frames.out > 0;
    let replies_before = match &s.net {
        Network::Virtual(v) => v.counters().echo_replies_received,
        _ => unreachable!(),
    };
    let now = s.board.now_ps();
    if let Network::Virtual(v) = &mut s.net {
        v.ping(now, common::link_local(common::BOARD_MAC), 0x0F10, 1);
    }
    assert_eq!(s.run_until(now + 3 * PS_PER_S), Stop::TimeReached);
    let Network::Virtual(v) = &s.net else {
        unreachable!()
    };
    let replies = v.counters().echo_replies_received - replies_before;
    let report = s.report();
    eprintln!(
        "{sent} hostile frames ({from_vectors} vector frames, {from_corpus} corpus files, \
         mutations; seed {seed:#x}); {} refused by the ENC28J60\n{report}\necho replies after \
         the flood: {replies}",
        s.frames.refused
    );

    assert!(
        s.board.devices().resets.is_empty(),
        "{:?}",
        s.board.devices().resets
    );
    let new_diagnostics = s.board.chip.diagnostics();
    assert_eq!(
        s.board.chip.diagnostic_count(),
        diagnostics_before,
        "memory diagnostics during the flood: {new_diagnostics:?}"
    );
    assert!(
        report.stack_bytes <= STACK_BUDGET,
        "stack {} B, budget {STACK_BUDGET} B (lowest SP {:#06x}, top {RAM_TOP:#06x})",
        report.stack_bytes,
        report.lowest_sp
    );
    // The display kept changing once a second through the flood.
    assert!(
        shown_during >= 9,
        "{shown_during} display time changes in 10 s"
    );
    let last = s.shown_times.last().expect("display read");
    assert!(
        s.board.now_ps() - last.0 < 3 * PS_PER_S / 2,
        "display stopped at {last:?}"
    );
    if networked {
        assert!(replies >= 1, "no echo reply after the flood");
        if report.clock.iter().any(|c| c.reply_delivered) {
            let d = report.display_time.expect("display time");
            assert!(d.error_ps.abs() < 1_100_000_000_000, "{d:?}");
        }
    } else {
        eprintln!(
            "the firmware sent no frame: network assertions (echo answered, synced display time) \
             inactive until it does"
        );
    }
}
