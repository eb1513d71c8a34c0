//! Property tests: whatever arrives, the interface neither panics nor
//! builds an invalid frame, and its own traffic always comes to an end.

use microip6::iface::{Config, Interface, Received};
use microip6::wire::{checksum, ip_protocol, Ipv6Address, MacAddress};
use proptest::prelude::*;

const ME: MacAddress = MacAddress([0x02, 0, 0, 0, 0, 0x42]);

/// Valid frames (see src/iface/tests.rs: NS, DAD NS, RA with prefix and
/// RDNSS, echo request, UDP to a closed port; a solicited NA from the
/// router, R, S and O set, with its TLLAO; the RA with a Reachable Time
/// and a Retrans Timer of 1 ms), starting points to mutate.
const SEEDS: [&str; 7] = [
    "3333ff00004252540012345686dd6000000000203afffe80000000000000505400fffe123456ff0200000000000000000001ff000042870072a000000000fe80000000000000000000fffe0000420101525400123456",
    "3333ff00004252540012345686dd6000000000183aff00000000000000000000000000000000ff0200000000000000000001ff00004287007ca300000000fe80000000000000000000fffe000042",
    "333300000001525400aabbcc86dd6000000000583afffe800000000000000000000000000001ff0200000000000000000000000000018600d5ea4008070800000000000000000101525400aabbcc0501000000000578030440c000015180000038400000000020010db8000100000000000000000000190300000000025820010db8000000000000000000000053",
    "02000000004252540012345686dd60000000000d3a40fe80000000000000505400fffe123456fe80000000000000000000fffe0000428000a9b01234000168656c6c6f",
    "02000000004252540012345686dd60000000000b1140fe80000000000000505400fffe123456fe80000000000000000000fffe0000429c40270f000bf825616263",
    "020000000042525400aabbcc86dd6000000000203afffe800000000000000000000000000001fe80000000000000000000fffe00004288008c11e0000000fe8000000000000000000000000000010201525400aabbcc",
    "333300000001525400aabbcc86dd6000000000583afffe800000000000000000000000000001ff0200000000000000000000000000018600d5e84008070800000001000000010101525400aabbcc0501000000000578030440c000015180000038400000000020010db8000100000000000000000000190300000000025820010db8000000000000000000000053",
];

/// Recomputes the upper-layer checksum of a frame without extension
/// headers, so that mutations reach past checksum verification.
fn fix_checksum(f: &mut [u8]) {
    if f.len() < 62 || f[12..14] != [0x86, 0xdd] {
        return;
    }
    let plen = u16::from_be_bytes([f[18], f[19]]) as usize;
    let end = (54 + plen).min(f.len());
    let (src, dst) = (
        Ipv6Address::from_bytes(&f[22..38]),
        Ipv6Address::from_bytes(&f[38..54]),
    );
    let at = match f[20] {
        58 => 56,
        17 => 60,
        _ => return,
    };
    if at + 2 > end {
        return;
    }
    f[at] = 0;
    f[at + 1] = 0;
    let c = checksum::ipv6_upper_layer(&src, &dst, f[20], &f[54..end]);
    // RFC 768: a computed 0 is sent as 0xffff for UDP (RFC 8200 8.1).
    let c = if c == 0 && f[20] == ip_protocol::UDP {
        0xffff
    } else {
        c
    };
    f[at..at + 2].copy_from_slice(&c.to_be_bytes());
}

/// A transmitted frame is well formed: Ethernet + IPv6 header, payload
/// length matching the length, valid upper-layer checksum.
fn check_frame(f: &[u8]) {
    assert!(f.len() >= 62, "frame too short: {}", f.len());
    assert_eq!(f[12..14], [0x86, 0xdd]);
    assert_eq!(f[14] >> 4, 6);
    assert_eq!(f[6..12], ME.0, "sent from our MAC");
    let plen = u16::from_be_bytes([f[18], f[19]]) as usize;
    assert_eq!(54 + plen, f.len());
    let (nh, at) = if f[20] == 0 { (f[54], 62) } else { (f[20], 54) };
    let (src, dst) = (
        Ipv6Address::from_bytes(&f[22..38]),
        Ipv6Address::from_bytes(&f[38..54]),
    );
    assert!(!src.is_multicast());
    assert_eq!(checksum::ipv6_upper_layer(&src, &dst, nh, &f[at..]), 0);
}

/// Drains the stack's traffic at `now`, then checks that nothing is left
/// due: a firmware sleeping until `poll_at` never spins.
fn settle(iface: &mut Interface, buf: &mut [u8], now: u32) -> Result<(), TestCaseError> {
    let mut count = 0;
    while let Some(n) = iface.poll_transmit(buf, now) {
        check_frame(&buf[..n]);
        count += 1;
        prop_assert!(count < 20, "poll_transmit does not settle");
    }
    if let Some(next) = iface.poll_at(now) {
        prop_assert!(
            !microip6::time::due(now, next),
            "poll_at {} at {}",
            next,
            now
        );
    }
    while iface.poll_event().is_some() {}
    Ok(())
}

#[derive(Debug, Clone)]
enum Step {
    /// Receive seed `seed` mutated at (offset, xor) pairs, truncated to
    /// `cut` bytes, checksum fixed or not.
    Frame {
        seed: usize,
        flips: Vec<(usize, u8)>,
        cut: usize,
        fix: bool,
    },
    /// Receive raw random bytes.
    Raw(Vec<u8>),
    /// Let time pass and drain the stack's traffic.
    Wait(u32),
    /// Let time pass as a firmware sleeping until `poll_at` does: wake at
    /// each deadline on the way, drain the stack's traffic there.
    Sleep(u32),
    /// Send a datagram of this size to this seed frame's source.
    Send(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..SEEDS.len(), prop::collection::vec((0usize..200, any::<u8>()), 0..4), 0usize..300, any::<bool>())
            .prop_map(|(seed, flips, cut, fix)| Step::Frame { seed, flips, cut, fix }),
        1 => prop::collection::vec(any::<u8>(), 0..120).prop_map(Step::Raw),
        2 => (0u32..40_000).prop_map(Step::Wait),
        1 => (0u32..10_000).prop_map(Step::Sleep),
        1 => (0usize..700).prop_map(Step::Send),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_traffic_never_breaks_the_interface(
        optimistic in any::<bool>(),
        dad_transmits in 0u8..3,
        seed in any::<u32>(),
        start in any::<u32>(),
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let mut c = Config::new(ME);
        c.optimistic_dad = optimistic;
        c.dad_transmits = dad_transmits;
        c.seed = seed;
        let mut iface: Interface = Interface::new(c);
        iface.bind(5353).unwrap();
        let mut buf = [0u8; 600];
        // Any start of the wrapping millisecond clock, the wrap included.
        let mut now: u32 = start;
        for s in steps {
            match s {
                Step::Frame { seed, flips, cut, fix } => {
                    let mut f = hex::decode(SEEDS[seed]).unwrap();
                    for (at, x) in flips {
                        if at < f.len() {
                            f[at] ^= x;
                        }
                    }
                    // Keep the frame addressed to us often enough.
                    if cut < f.len() {
                        f.truncate(cut);
                    }
                    if fix {
                        fix_checksum(&mut f);
                    }
                    buf[..f.len()].copy_from_slice(&f);
                    if let Received::Transmit(n) = iface.receive(&mut buf, f.len(), now) {
                        prop_assert!(n <= buf.len());
                        check_frame(&buf[..n]);
                    }
                }
                Step::Raw(r) => {
                    buf[..r.len()].copy_from_slice(&r);
                    if let Received::Transmit(n) = iface.receive(&mut buf, r.len(), now) {
                        check_frame(&buf[..n]);
                    }
                }
                Step::Wait(ms) => {
                    now = now.wrapping_add(ms);
                    settle(&mut iface, &mut buf, now)?;
                }
                Step::Sleep(ms) => {
                    let end = now.wrapping_add(ms);
                    let mut wakes = 0;
                    loop {
                        settle(&mut iface, &mut buf, now)?;
                        match iface.poll_at(now) {
                            Some(next) if microip6::time::due(end, next) => now = next,
                            _ => break,
                        }
                        wakes += 1;
                        prop_assert!(wakes < 1000, "deadlines do not thin out");
                    }
                    now = end;
                    settle(&mut iface, &mut buf, now)?;
                }
                Step::Send(len) => {
                    let dst = Ipv6Address::new([0xfe80, 0, 0, 0, 0x5054, 0xff, 0xfe12, 0x3456]);
                    let len = len.min(buf.len() - iface.udp_payload_offset());
                    if let Ok(n) = iface.send_udp(&mut buf, now, 5353, &dst, 53, len) {
                        check_frame(&buf[..n]);
                    }
                }
            }
        }
    }
}

/// A case `arbitrary_traffic_never_breaks_the_interface` found (seed
/// 363164979, before the Sleep step and the last two frames): a DAD
/// probe from another node for our link-local address (a duplicate),
/// then an RA, then a wait to 673 ms, when an MLD report without an
/// address to report was due and its retransmission was drawn for the
/// same millisecond (RFC 3810 6.1: within (0, 1 s)). Here from deadline
/// to deadline up to 5 s, for that seed and more (the draws are the
/// generator's: 1 in 1001 drew the 0).
#[test]
fn saved_case_duplicate_link_local_then_ra() {
    for seed in (1..5000).chain([363_164_979]) {
        let mut c = Config::new(ME);
        c.seed = seed;
        let mut iface: Interface = Interface::new(c);
        let mut buf = [0u8; 600];
        for s in [1, 2] {
            let f = hex::decode(SEEDS[s]).unwrap();
            buf[..f.len()].copy_from_slice(&f);
            assert_eq!(iface.receive(&mut buf, f.len(), 0), Received::Consumed);
        }
        let mut now = 0;
        while let Some(next) = iface.poll_at(now).filter(|&at| at <= 5_000) {
            now = next;
            assert_eq!(iface.poll_transmit(&mut buf, now), None, "seed {seed}");
            let after = iface.poll_at(now).unwrap();
            assert!(
                !microip6::time::due(now, after),
                "seed {seed}: poll_at {after} at {now}"
            );
        }
    }
}
