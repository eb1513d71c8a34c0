//! What the integration tests and the crate's unit tests (through
//! lib.rs's `test_common`, which includes this file) share: addresses from text, frames built around a message as
//! they appear on the wire, and the records of the vector files.

// Each test crate uses a part of this.
#![allow(dead_code)]

use microip6::wire::ndp::{NdpOption, NdpRepr, PrefixInfo, Rdnss};
use microip6::wire::{checksum, ip_protocol, Ipv6Address, MacAddress};
use serde_json::Value;
// (For `iface`'s unit tests, in a no_std crate: no std prelude there.)
use std::string::{String, ToString};
use std::vec::Vec;

/// An IPv6 address from its text form.
pub fn ip(s: &str) -> Ipv6Address {
    s.parse::<core::net::Ipv6Addr>().unwrap().into()
}

/// Bytes from hex text; whitespace between them is ignored.
pub fn hx(s: &str) -> Vec<u8> {
    hex::decode(s.split_whitespace().collect::<String>()).unwrap()
}

/// A MAC address from its text form (`52:54:00:12:34:56`).
pub fn mac(s: &str) -> MacAddress {
    let b: Vec<u8> = s
        .split(':')
        .map(|x| u8::from_str_radix(x, 16).unwrap())
        .collect();
    MacAddress::from_bytes(&b)
}

/// Ethernet + IPv6 (no extension headers) around `payload`.
pub fn frame(
    eth_dst: MacAddress,
    eth_src: MacAddress,
    src: Ipv6Address,
    dst: Ipv6Address,
    hop_limit: u8,
    next_header: u8,
    payload: &[u8],
) -> Vec<u8> {
    let mut f = Vec::new();
    f.extend_from_slice(&eth_dst.0);
    f.extend_from_slice(&eth_src.0);
    f.extend_from_slice(&[0x86, 0xdd, 0x60, 0, 0, 0]);
    f.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    f.push(next_header);
    f.push(hop_limit);
    f.extend_from_slice(&src.0);
    f.extend_from_slice(&dst.0);
    f.extend_from_slice(payload);
    f
}

/// A UDP datagram (`data` from `src` port `sport` to `dst` port `dport`)
/// with a correct checksum, in a frame with hop limit 64.
pub fn udp_frame(
    eth_dst: MacAddress,
    eth_src: MacAddress,
    (src, sport): (Ipv6Address, u16),
    (dst, dport): (Ipv6Address, u16),
    data: &[u8],
) -> Vec<u8> {
    let mut m = Vec::new();
    m.extend_from_slice(&sport.to_be_bytes());
    m.extend_from_slice(&dport.to_be_bytes());
    m.extend_from_slice(&((8 + data.len()) as u16).to_be_bytes());
    m.extend_from_slice(&[0, 0]);
    m.extend_from_slice(data);
    let c = checksum::ipv6_upper_layer(&src, &dst, ip_protocol::UDP, &m);
    // RFC 768: a computed 0 is sent as 0xffff (0 would mean "no checksum",
    // which IPv6 refuses, RFC 8200 8.1).
    let c = if c == 0 { 0xffff } else { c };
    m[6..8].copy_from_slice(&c.to_be_bytes());
    frame(eth_dst, eth_src, src, dst, 64, ip_protocol::UDP, &m)
}

/// An NDP message (`msg` with the `extra` options, its checksum filled)
/// in a frame with hop limit 255 (RFC 4861 6.1.2, 7.1.2).
pub fn ndp_frame(
    eth_dst: MacAddress,
    eth_src: MacAddress,
    src: Ipv6Address,
    dst: Ipv6Address,
    msg: &NdpRepr,
    extra: &[NdpOption],
) -> Vec<u8> {
    let mut icmp = [0u8; 256];
    let n = msg.emit(&mut icmp, extra, &src, &dst).unwrap();
    frame(eth_dst, eth_src, src, dst, 255, 58, &icmp[..n])
}

/// The Router Advertisement of a router with MAC `router_mac` (from its
/// link-local address, to all-nodes): `router_lifetime` s, its MAC, MTU
/// 1500, prefix 2001:db8:1::/64 (on-link, autonomous, valid 1 day,
/// preferred 4 h) and an RDNSS option with `servers` for `rdnss_lifetime`
/// s.
pub fn router_advert(
    router_mac: MacAddress,
    router_lifetime: u16,
    rdnss_lifetime: u32,
    servers: &[Ipv6Address],
) -> Vec<u8> {
    let ra = NdpRepr::RouterAdvert {
        cur_hop_limit: 64,
        managed: false,
        other: false,
        router_lifetime,
        reachable_time: 0,
        retrans_time: 0,
        slla: Some(router_mac),
        mtu: Some(1500),
    };
    let servers: Vec<u8> = servers.iter().flat_map(|s| s.0).collect();
    let extra = [
        NdpOption::PrefixInfo(PrefixInfo {
            prefix_len: 64,
            on_link: true,
            autonomous: true,
            valid_lifetime: 86_400,
            preferred_lifetime: 14_400,
            prefix: ip("2001:db8:1::"),
        }),
        NdpOption::Rdnss(Rdnss {
            lifetime: rdnss_lifetime,
            addresses: &servers,
        }),
    ];
    let all = Ipv6Address::ALL_NODES;
    ndp_frame(
        MacAddress::from_ipv6_multicast(&all),
        router_mac,
        Ipv6Address::link_local_from_mac(&router_mac),
        all,
        &ra,
        &extra,
    )
}

/// A record of a vector file (JSON lines): its name, its frame (field
/// `hex`) and the whole record.
pub struct Record {
    pub name: String,
    pub frame: Vec<u8>,
    pub v: Value,
}

/// The records of the vector file `jsonl`, at least `min` of them (a file
/// that lost cases fails).
pub fn records(jsonl: &str, min: usize) -> Vec<Record> {
    let all: Vec<Record> = jsonl
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            Record {
                name: v["name"].as_str().unwrap().to_string(),
                frame: hex::decode(v["hex"].as_str().unwrap()).unwrap(),
                v,
            }
        })
        .collect();
    assert!(all.len() >= min, "vector file lost cases: {}", all.len());
    all
}
