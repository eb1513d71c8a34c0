//! Minimal Ethernet / IPv6 / ICMPv6 / UDP parsing and building for the
//! simulated hosts. Written independently of the firmware's stack (the
//! code under test), with only what the hosts need; every length is checked
//! before use and bad input gives `None`.

use std::net::Ipv6Addr;

/// EtherType of IPv6.
pub const ETHERTYPE_IPV6: u16 = 0x86DD;
/// IPv6 Next Header: ICMPv6.
pub const PROTO_ICMPV6: u8 = 58;
/// IPv6 Next Header: UDP.
pub const PROTO_UDP: u8 = 17;
/// Ethernet header length.
pub const ETH_LEN: usize = 14;
/// IPv6 header length.
pub const IPV6_LEN: usize = 40;

/// A parsed IPv6 packet in an Ethernet frame (no extension headers: the
/// hosts ignore packets that have any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv6Frame<'a> {
    /// Destination MAC.
    pub dst_mac: [u8; 6],
    /// Source MAC.
    pub src_mac: [u8; 6],
    /// Source address.
    pub src: Ipv6Addr,
    /// Destination address.
    pub dst: Ipv6Addr,
    /// Next Header.
    pub next_header: u8,
    /// Hop Limit.
    pub hop_limit: u8,
    /// Upper-layer payload (Payload Length bytes; Ethernet padding cut).
    pub payload: &'a [u8],
}

/// Parses an Ethernet frame carrying IPv6 (RFC 8200 section 3).
pub fn parse_ipv6(frame: &[u8]) -> Option<Ipv6Frame<'_>> {
    if frame.len() < ETH_LEN + IPV6_LEN {
        return None;
    }
    if u16::from_be_bytes([frame[12], frame[13]]) != ETHERTYPE_IPV6 {
        return None;
    }
    let ip = &frame[ETH_LEN..];
    if ip[0] >> 4 != 6 {
        return None;
    }
    let plen = usize::from(u16::from_be_bytes([ip[4], ip[5]]));
    let payload = ip.get(IPV6_LEN..IPV6_LEN + plen)?;
    Some(Ipv6Frame {
        dst_mac: frame[0..6].try_into().ok()?,
        src_mac: frame[6..12].try_into().ok()?,
        src: addr_at(ip, 8),
        dst: addr_at(ip, 24),
        next_header: ip[6],
        hop_limit: ip[7],
        payload,
    })
}

fn addr_at(b: &[u8], off: usize) -> Ipv6Addr {
    let mut a = [0u8; 16];
    a.copy_from_slice(&b[off..off + 16]);
    Ipv6Addr::from(a)
}

/// RFC 1071 one's-complement sum over the IPv6 pseudo-header (RFC 8200
/// section 8.1) and `data`; 0xFFFF-folded and complemented. A packet whose
/// checksum field is already filled in verifies when this returns 0.
pub fn upper_checksum(src: &Ipv6Addr, dst: &Ipv6Addr, next_header: u8, data: &[u8]) -> u16 {
    let mut sum: u64 = 0;
    let mut add = |bytes: &[u8]| {
        for pair in bytes.chunks(2) {
            let hi = u64::from(pair[0]) << 8;
            let lo = pair.get(1).copied().map_or(0, u64::from);
            sum += hi | lo;
        }
    };
    add(&src.octets());
    add(&dst.octets());
    add(&(data.len() as u32).to_be_bytes());
    add(&[0, 0, 0, next_header]);
    add(data);
    while sum > 0xFFFF {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    !(sum as u16)
}

/// The Ethernet multicast MAC of an IPv6 multicast address (RFC 2464
/// section 7): 33:33 and the low 32 bits.
pub fn multicast_mac(dst: &Ipv6Addr) -> [u8; 6] {
    let o = dst.octets();
    [0x33, 0x33, o[12], o[13], o[14], o[15]]
}

/// The solicited-node multicast address of `a` (RFC 4291 section 2.7.1).
pub fn solicited_node(a: &Ipv6Addr) -> Ipv6Addr {
    let o = a.octets();
    Ipv6Addr::new(
        0xff02,
        0,
        0,
        0,
        0,
        1,
        0xff00 | u16::from(o[13]),
        u16::from_be_bytes([o[14], o[15]]),
    )
}

/// Builds Ethernet + IPv6 + `payload` (an ICMPv6 message or UDP datagram
/// whose checksum field is zero) and fills in the upper-layer checksum.
pub fn build_ipv6(
    src_mac: [u8; 6],
    dst_mac: [u8; 6],
    src: Ipv6Addr,
    dst: Ipv6Addr,
    next_header: u8,
    hop_limit: u8,
    payload: &[u8],
) -> Vec<u8> {
    let mut f = Vec::with_capacity(ETH_LEN + IPV6_LEN + payload.len());
    f.extend_from_slice(&dst_mac);
    f.extend_from_slice(&src_mac);
    f.extend_from_slice(&ETHERTYPE_IPV6.to_be_bytes());
    f.extend_from_slice(&[0x60, 0, 0, 0]);
    f.extend_from_slice(&(payload.len() as u16).to_be_bytes());
    f.push(next_header);
    f.push(hop_limit);
    f.extend_from_slice(&src.octets());
    f.extend_from_slice(&dst.octets());
    let start = f.len();
    f.extend_from_slice(payload);
    // Checksum offsets: ICMPv6 bytes 2-3 (RFC 4443 2.3), UDP 6-7 (RFC 768).
    let at = match next_header {
        PROTO_ICMPV6 => 2,
        PROTO_UDP => 6,
        _ => return f,
    };
    if payload.len() < at + 2 {
        return f;
    }
    f[start + at] = 0;
    f[start + at + 1] = 0;
    let mut c = upper_checksum(&src, &dst, next_header, &f[start..]);
    if next_header == PROTO_UDP && c == 0 {
        c = 0xFFFF; // RFC 768 / RFC 8200 8.1: zero is sent as all ones
    }
    f[start + at..start + at + 2].copy_from_slice(&c.to_be_bytes());
    f
}

/// A UDP datagram: header + payload, checksum left zero for [`build_ipv6`].
pub fn udp(src_port: u16, dst_port: u16, payload: &[u8]) -> Vec<u8> {
    let mut u = Vec::with_capacity(8 + payload.len());
    u.extend_from_slice(&src_port.to_be_bytes());
    u.extend_from_slice(&dst_port.to_be_bytes());
    u.extend_from_slice(&((8 + payload.len()) as u16).to_be_bytes());
    u.extend_from_slice(&[0, 0]);
    u.extend_from_slice(payload);
    u
}

/// A parsed UDP datagram (checksum verified, RFC 8200 8.1: mandatory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Udp<'a> {
    /// Source port.
    pub src_port: u16,
    /// Destination port.
    pub dst_port: u16,
    /// Payload.
    pub payload: &'a [u8],
}

/// Parses and verifies the UDP datagram of `p`.
pub fn parse_udp<'a>(p: &Ipv6Frame<'a>) -> Option<Udp<'a>> {
    let d = p.payload;
    if p.next_header != PROTO_UDP || d.len() < 8 {
        return None;
    }
    let len = usize::from(u16::from_be_bytes([d[4], d[5]]));
    if len < 8 || len > d.len() || u16::from_be_bytes([d[6], d[7]]) == 0 {
        return None;
    }
    if upper_checksum(&p.src, &p.dst, PROTO_UDP, &d[..len]) != 0 {
        return None;
    }
    Some(Udp {
        src_port: u16::from_be_bytes([d[0], d[1]]),
        dst_port: u16::from_be_bytes([d[2], d[3]]),
        payload: &d[8..len],
    })
}

/// Verifies the ICMPv6 checksum of `p` and returns the message.
pub fn parse_icmpv6<'a>(p: &Ipv6Frame<'a>) -> Option<&'a [u8]> {
    if p.next_header != PROTO_ICMPV6 || p.payload.len() < 4 {
        return None;
    }
    if upper_checksum(&p.src, &p.dst, PROTO_ICMPV6, p.payload) != 0 {
        return None;
    }
    Some(p.payload)
}

/// NDP options (RFC 4861 section 4.6) after `fixed` bytes of `msg`:
/// (type, whole option including type and length bytes). `None` if an
/// option has length 0 or overruns the message (RFC 4861 6.1.1/7.1.1:
/// the message is then invalid).
pub fn ndp_options(msg: &[u8], fixed: usize) -> Option<Vec<(u8, &[u8])>> {
    let mut out = Vec::new();
    let mut rest = msg.get(fixed..)?;
    while !rest.is_empty() {
        if rest.len() < 2 || rest[1] == 0 {
            return None;
        }
        let len = usize::from(rest[1]) * 8;
        let opt = rest.get(..len)?;
        out.push((opt[0], opt));
        rest = &rest[len..];
    }
    Some(out)
}

/// The link-layer address in a Source/Target Link-Layer Address option.
pub fn lla_option(options: &[(u8, &[u8])], kind: u8) -> Option<[u8; 6]> {
    options
        .iter()
        .find(|(t, o)| *t == kind && o.len() >= 8)
        .map(|(_, o)| o[2..8].try_into().unwrap_or([0; 6]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_of_built_frame_verifies() {
        let src: Ipv6Addr = "fe80::1".parse().unwrap();
        let dst: Ipv6Addr = "ff02::1".parse().unwrap();
        let f = build_ipv6(
            [2, 0, 0, 0, 0, 1],
            multicast_mac(&dst),
            src,
            dst,
            PROTO_UDP,
            255,
            &udp(1, 2, b"abc"),
        );
        let p = parse_ipv6(&f).unwrap();
        assert_eq!(p.dst_mac, [0x33, 0x33, 0, 0, 0, 1]);
        let u = parse_udp(&p).unwrap();
        assert_eq!((u.src_port, u.dst_port, u.payload), (1, 2, &b"abc"[..]));
        // A flipped payload bit fails verification.
        let mut bad = f.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert!(parse_udp(&parse_ipv6(&bad).unwrap()).is_none());
    }

    #[test]
    fn solicited_node_and_options() {
        let a: Ipv6Addr = "2001:db8:1::123".parse().unwrap();
        assert_eq!(
            solicited_node(&a),
            "ff02::1:ff00:123".parse::<Ipv6Addr>().unwrap()
        );
        let msg = [0u8, 0, 0, 0, 1, 1, 2, 0, 0, 0, 0, 5];
        let o = ndp_options(&msg, 4).unwrap();
        assert_eq!(lla_option(&o, 1), Some([2, 0, 0, 0, 0, 5]));
        assert!(ndp_options(&[0, 0, 0, 0, 1, 0], 4).is_none());
        assert!(ndp_options(&[0, 0, 0, 0, 1, 2, 0, 0], 4).is_none());
    }
}
