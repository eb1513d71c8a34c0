//! Shared by the firmware-level tests: the firmware ELF and frames
//! addressed to the board.
#![allow(dead_code)]

pub mod mspdebug;

use std::net::Ipv6Addr;
use std::path::PathBuf;

use proiot3_sim::net::packet;

/// The board's MAC in these tests (programmed into information memory).
pub const BOARD_MAC: [u8; 6] = [0x02, 0x50, 0x10, 0x07, 0x00, 0x01];
/// The router's MAC on the virtual network.
pub const ROUTER_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x01];

/// The clock firmware ELF: `$PROIOT3_FIRMWARE`, else
/// `<target>/firmware/msp430-none-elf/release/clock-firmware` under
/// `$CARGO_TARGET_DIR` or the repository's `target/`.
pub fn firmware() -> Option<Vec<u8>> {
    let mut candidates = Vec::new();
    if let Some(p) = std::env::var_os("PROIOT3_FIRMWARE") {
        candidates.push(PathBuf::from(p));
    }
    let rel = "firmware/msp430-none-elf/release/clock-firmware";
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        candidates.push(PathBuf::from(t).join(rel));
    }
    candidates.push(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../target")
            .join(rel),
    );
    candidates.into_iter().find_map(|p| std::fs::read(p).ok())
}

/// fe80:: + modified EUI-64 of `mac` (RFC 4291 appendix A).
pub fn link_local(mac: [u8; 6]) -> Ipv6Addr {
    let mut o = [0u8; 16];
    o[0] = 0xfe;
    o[1] = 0x80;
    o[8..11].copy_from_slice(&[mac[0] ^ 2, mac[1], mac[2]]);
    o[11] = 0xff;
    o[12] = 0xfe;
    o[13..16].copy_from_slice(&mac[3..6]);
    Ipv6Addr::from(o)
}

/// A Neighbor Solicitation from the router for the board's link-local
/// address (RFC 4861 4.3), to its solicited-node group.
pub fn neighbor_solicitation() -> Vec<u8> {
    let target = link_local(BOARD_MAC);
    let mut ns = vec![135, 0, 0, 0, 0, 0, 0, 0];
    ns.extend_from_slice(&target.octets());
    ns.extend_from_slice(&[1, 1]);
    ns.extend_from_slice(&ROUTER_MAC);
    let dst = packet::solicited_node(&target);
    packet::build_ipv6(
        ROUTER_MAC,
        packet::multicast_mac(&dst),
        "fe80::1".parse().unwrap(),
        dst,
        58,
        255,
        &ns,
    )
}

/// An echo request from the router to the board's link-local address.
pub fn echo_request(seq: u16) -> Vec<u8> {
    let mut m = vec![128, 0, 0, 0, 0x12, 0x34];
    m.extend_from_slice(&seq.to_be_bytes());
    m.extend_from_slice(&[0x5A; 56]);
    packet::build_ipv6(
        ROUTER_MAC,
        BOARD_MAC,
        "fe80::1".parse().unwrap(),
        link_local(BOARD_MAC),
        58,
        64,
        &m,
    )
}

/// A UDP datagram to the board's MAC but another host's address: the
/// stack must drop it.
pub fn foreign_unicast() -> Vec<u8> {
    let u = packet::udp(40000, 9, &[0xEE; 32]);
    packet::build_ipv6(
        ROUTER_MAC,
        BOARD_MAC,
        "2001:db8:1::1".parse().unwrap(),
        "2001:db8:1::dead".parse().unwrap(),
        17,
        64,
        &u,
    )
}
