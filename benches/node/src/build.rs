//! Frames built byte by byte, with microip6's checksum routine: Ethernet
//! and IPv6 headers (no extension headers) around an upper layer, and
//! ICMPv6 and UDP with their checksums filled in.
//!
//! Compiled here (as `build`) and into the fuzz targets' shared node
//! (fuzz/fuzz_targets/common/node.rs, by `#[path]`): it uses nothing but
//! `microip6` and `std`.

use microip6::wire::{checksum, ip_protocol, Ipv6Address};

/// Ethernet + IPv6 header (no extension headers) around `payload`.
pub fn ipv6(
    eth_dst: [u8; 6],
    eth_src: [u8; 6],
    src: &Ipv6Address,
    dst: &Ipv6Address,
    next_header: u8,
    hop_limit: u8,
    payload: &[u8],
) -> Vec<u8> {
    let mut f = Vec::with_capacity(54 + payload.len());
    f.extend_from_slice(&eth_dst);
    f.extend_from_slice(&eth_src);
    f.extend_from_slice(&[0x86, 0xdd, 0x60, 0, 0, 0]);
    f.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    f.push(next_header);
    f.push(hop_limit);
    f.extend_from_slice(&src.0);
    f.extend_from_slice(&dst.0);
    f.extend_from_slice(payload);
    f
}

/// An ICMPv6 message (at least 4 bytes) in a frame, its checksum filled
/// in (RFC 4443 2.3).
pub fn icmp(
    eth_dst: [u8; 6],
    eth_src: [u8; 6],
    src: &Ipv6Address,
    dst: &Ipv6Address,
    hop_limit: u8,
    msg: &[u8],
) -> Vec<u8> {
    let mut m = msg.to_vec();
    m[2..4].copy_from_slice(&[0, 0]);
    let c = checksum::ipv6_upper_layer(src, dst, ip_protocol::ICMPV6, &m);
    m[2..4].copy_from_slice(&c.to_be_bytes());
    ipv6(
        eth_dst,
        eth_src,
        src,
        dst,
        ip_protocol::ICMPV6,
        hop_limit,
        &m,
    )
}

/// A UDP datagram in a frame, hop limit 64, its length and checksum
/// filled in (a computed 0 sent as 0xffff: RFC 8200 8.1).
pub fn udp(
    eth_dst: [u8; 6],
    eth_src: [u8; 6],
    src: &Ipv6Address,
    src_port: u16,
    dst: &Ipv6Address,
    dst_port: u16,
    data: &[u8],
) -> Vec<u8> {
    let mut m = Vec::with_capacity(8 + data.len());
    m.extend_from_slice(&src_port.to_be_bytes());
    m.extend_from_slice(&dst_port.to_be_bytes());
    m.extend_from_slice(&((8 + data.len()) as u16).to_be_bytes());
    m.extend_from_slice(&[0, 0]);
    m.extend_from_slice(data);
    let c = checksum::ipv6_upper_layer(src, dst, ip_protocol::UDP, &m);
    let c = if c == 0 { 0xffff } else { c };
    m[6..8].copy_from_slice(&c.to_be_bytes());
    ipv6(eth_dst, eth_src, src, dst, ip_protocol::UDP, 64, &m)
}
