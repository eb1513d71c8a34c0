//! The receive paths compared by the benchmarks: the same frames read by
//! microip6's views ([`microip6_side`]) and by smoltcp's wire module
//! ([`smoltcp_side`]).
//!
//! Both sides do the same work on the same bytes: check the Ethernet
//! header and its EtherType, check the IPv6 header (lengths, version),
//! find the upper layer, verify its checksum over the IPv6 pseudo-header,
//! parse the message and read the fields a host acts on. Each function
//! returns those fields, so the tests can check that both sides read the
//! same values (and the benchmark can `black_box` them).
//!
//! Where the two libraries differ in what a parse checks, the difference
//! is noted at the function; none of them changes which layers are read or
//! which bytes are summed.

/// The benchmark frames, built by scapy (`benches/gen_frames.py`).
pub mod frames {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("not lower-case hex"),
        }
    }

    /// Decodes lower-case hex at compile time.
    const fn hex<const N: usize>(s: &str) -> [u8; N] {
        let s = s.as_bytes();
        assert!(s.len() == 2 * N);
        let mut out = [0u8; N];
        let mut i = 0;
        while i < N {
            out[i] = nibble(s[2 * i]) << 4 | nibble(s[2 * i + 1]);
            i += 1;
        }
        out
    }

    /// Neighbor Solicitation from a router for fe80::ff:fe00:42 (to its
    /// solicited-node group), with a Source Link-Layer Address option.
    pub const NEIGHBOR_SOLICIT: [u8; 86] = hex("3333ff00004252540012345686dd6000000000203afffe80000000000000505400fffe123456ff0200000000000000000001ff000042870072a000000000fe80000000000000000000fffe0000420101525400123456");
    /// ICMPv6 Echo Request (id 0x1d2c, seq 3) with 56 data bytes, as ping6 sends.
    pub const ECHO_REQUEST: [u8; 118] = hex("02000000004252540012345686dd6000000000403a3f20010db800020000000000000000000120010db800010000000000fffe0000428000108b1d2c0003000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637");
    /// NTPv4 server reply (mode 4, stratum 2) from port 123 to port 49152.
    pub const NTP_REPLY: [u8; 110] = hex("02000000004252540012345686dd600000000038113920010db800020000000000000000012320010db800010000000000fffe000042007bc0000038985c240206e90000032600000bacc0000201e875470040000000e875476480000000e8754764a0000000e8754764a0069000");
    /// DNS reply for pool.ntp.org AAAA: one question, two AAAA answers
    /// whose owner names are compression pointers to the question.
    pub const DNS_AAAA_REPLY: [u8; 148] = hex("02000000004252540012345686dd60000000005e114020010db800020000000000000000005320010db800010000000000fffe0000420035c001005ea5514a1f8180000100020000000004706f6f6c036e7470036f726700001c0001c00c001c000100000096001020010db800050000000000000000007bc00c001c000100000096001020010db800060000000000000000007b");

    /// The name queried in [`DNS_AAAA_REPLY`], as labels.
    pub const QNAME_LABELS: [&[u8]; 3] = [b"pool", b"ntp", b"org"];
    /// The same name in uncompressed wire form.
    pub const QNAME_WIRE: &[u8] = b"\x04pool\x03ntp\x03org\x00";
    /// The DNS transaction ID of [`DNS_AAAA_REPLY`].
    pub const DNS_ID: u16 = 0x4a1f;
}

/// The IPv6 header fields both sides read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpFields {
    /// Ethernet source address.
    pub src_mac: [u8; 6],
    /// IPv6 source address.
    pub src: [u8; 16],
    /// IPv6 destination address.
    pub dst: [u8; 16],
    /// Hop limit.
    pub hop_limit: u8,
}

/// What a host reads from a Neighbor Solicitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NsFields {
    /// Network layer.
    pub ip: IpFields,
    /// Target Address.
    pub target: [u8; 16],
    /// Source Link-Layer Address option.
    pub slla: Option<[u8; 6]>,
}

/// What a host reads from an Echo Request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EchoFields {
    /// Network layer.
    pub ip: IpFields,
    /// Identifier.
    pub ident: u16,
    /// Sequence number.
    pub seq_no: u16,
    /// Data length.
    pub data_len: usize,
}

/// What a host reads from a UDP datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UdpFields<'a> {
    /// Network layer.
    pub ip: IpFields,
    /// Source port.
    pub src_port: u16,
    /// Destination port.
    pub dst_port: u16,
    /// The UDP payload.
    pub payload: &'a [u8],
}

/// At most this many AAAA answers are kept (the clock keeps one or two).
pub const MAX_AAAA: usize = 4;

/// What a resolver reads from an AAAA reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DnsFields {
    /// Source port of the reply.
    pub src_port: u16,
    /// Transaction ID.
    pub id: u16,
    /// AAAA addresses of the answers owned by the queried name.
    pub addrs: [[u8; 16]; MAX_AAAA],
    /// How many of `addrs` are set.
    pub n_addrs: usize,
}

/// The receive paths written with microip6's views.
pub mod microip6_side {
    use super::*;
    use microip6::wire::dns::{rtype, DnsPacket, Name, Section, CLASS_IN};
    use microip6::wire::ethernet::{self, ethertype, EthernetFrame};
    use microip6::wire::icmpv6::{Icmpv6Packet, Icmpv6Repr};
    use microip6::wire::ip_protocol;
    use microip6::wire::ipv6::Ipv6Packet;
    use microip6::wire::ipv6ext::{walk, ExtWalk};
    use microip6::wire::ndp::{NdpPacket, NdpRepr, HOP_LIMIT};
    use microip6::wire::ntp::{NtpPacket, NtpRepr};
    use microip6::wire::udp::{UdpPacket, UdpRepr};
    use microip6::wire::Ipv6Address;

    /// Ethernet and IPv6 checks, the extension header walk, and the
    /// upper-layer bytes if they are `protocol`.
    #[inline(always)]
    fn network(frame: &[u8], protocol: u8) -> Option<(IpFields, Ipv6Address, Ipv6Address, &[u8])> {
        let eth = EthernetFrame::new_checked(frame).ok()?;
        if eth.ethertype() != ethertype::IPV6 {
            return None;
        }
        // The view's payload borrows the view; slice the frame instead.
        let packet = &frame[ethernet::HEADER_LEN..];
        // Length and version checks.
        let ip = Ipv6Packet::new_checked(packet).ok()?;
        let (src, dst) = (ip.src_addr(), ip.dst_addr());
        let ExtWalk::Upper {
            protocol: p,
            offset,
            ..
        } = walk(packet, dst.is_multicast())
        else {
            return None;
        };
        if p != protocol {
            return None;
        }
        let fields = IpFields {
            src_mac: eth.src_addr().0,
            src: src.0,
            dst: dst.0,
            hop_limit: ip.hop_limit(),
        };
        Some((fields, src, dst, &packet[offset..ip.total_len()]))
    }

    /// Neighbor Solicitation: checksum, RFC 4861 7.1.1 message checks
    /// (code, target not multicast, option lengths), hop limit 255.
    pub fn neighbor_solicit(frame: &[u8]) -> Option<NsFields> {
        let (ip, src, dst, msg) = network(frame, ip_protocol::ICMPV6)?;
        if !Icmpv6Packet::new_checked(msg)
            .ok()?
            .verify_checksum(&src, &dst)
        {
            return None;
        }
        if ip.hop_limit != HOP_LIMIT {
            return None;
        }
        let ndp = NdpPacket::new_checked(msg).ok()?;
        match NdpRepr::parse(&ndp).ok()? {
            NdpRepr::NeighborSolicit { target, slla } => Some(NsFields {
                ip,
                target: target.0,
                slla: slla.map(|m| m.0),
            }),
            _ => None,
        }
    }

    /// Echo Request: checksum, then the echo fields.
    pub fn echo_request(frame: &[u8]) -> Option<EchoFields> {
        let (ip, src, dst, msg) = network(frame, ip_protocol::ICMPV6)?;
        let icmp = Icmpv6Packet::new_checked(msg).ok()?;
        if !icmp.verify_checksum(&src, &dst) {
            return None;
        }
        match Icmpv6Repr::parse(&icmp).ok()? {
            Icmpv6Repr::EchoRequest {
                ident,
                seq_no,
                data,
            } => Some(EchoFields {
                ip,
                ident,
                seq_no,
                data_len: data.len(),
            }),
            _ => None,
        }
    }

    /// UDP: lengths, checksum (mandatory over IPv6), ports, payload.
    pub fn udp(frame: &[u8]) -> Option<UdpFields<'_>> {
        let (ip, src, dst, dgram) = network(frame, ip_protocol::UDP)?;
        let udp = UdpPacket::new_checked(dgram).ok()?;
        let repr = UdpRepr::parse(&udp, &src, &dst).ok()?;
        Some(UdpFields {
            ip,
            src_port: repr.src_port,
            dst_port: repr.dst_port,
            payload: &dgram[8..],
        })
    }

    /// [`udp`] then the NTP header (smoltcp has no NTP parser: this has no
    /// counterpart on the other side).
    pub fn ntp_reply(frame: &[u8]) -> Option<(UdpFields<'_>, NtpRepr)> {
        let u = udp(frame)?;
        let ntp = NtpRepr::parse(&NtpPacket::new_checked(u.payload).ok()?).ok()?;
        Some((u, ntp))
    }

    /// [`udp`] then the DNS reply, read as smoltcp's DNS socket reads one:
    /// a response to a standard query with one question of type AAAA and
    /// class IN whose name is the one asked for; then every answer: its
    /// owner name compared with the name asked for, AAAA data kept.
    pub fn dns_aaaa_reply(frame: &[u8]) -> Option<DnsFields> {
        dns_reply_with(frame, |n| n.eq_labels(&frames::QNAME_LABELS), false)
    }

    /// [`dns_aaaa_reply`] with names compared byte for byte, as smoltcp
    /// compares them (RFC 4343 asks for ASCII case-insensitive equality,
    /// which `Name::eq_labels` does): the DNS parsing work alone, for
    /// comparison.
    pub fn dns_aaaa_reply_exact_names(frame: &[u8]) -> Option<DnsFields> {
        dns_reply_with(
            frame,
            |n| n.labels().eq(frames::QNAME_LABELS.iter().copied()),
            false,
        )
    }

    /// [`dns_aaaa_reply`] with each answer's owner compared with the
    /// question's name (`Name == Name`, ASCII case-insensitive) once the
    /// question was found to be the name asked for: the same verdicts
    /// (equality is transitive), and an owner written as a pointer to the
    /// question, as servers write them, is equal without reading labels.
    pub fn dns_aaaa_reply_question_name(frame: &[u8]) -> Option<DnsFields> {
        dns_reply_with(frame, |n| n.eq_labels(&frames::QNAME_LABELS), true)
    }

    #[inline(always)]
    fn dns_reply_with(
        frame: &[u8],
        is_qname: impl Fn(&Name<'_>) -> bool,
        owner_vs_question: bool,
    ) -> Option<DnsFields> {
        let u = udp(frame)?;
        let dns = DnsPacket::new_checked(u.payload).ok()?;
        if dns.opcode() != 0 || !dns.is_response() || dns.question_count() != 1 {
            return None;
        }
        let mut questions = dns.questions();
        let q = questions.next()?.ok()?;
        if q.qtype != rtype::AAAA || q.qclass != CLASS_IN || !is_qname(&q.name) {
            return None;
        }
        let mut out = DnsFields {
            src_port: u.src_port,
            id: dns.id(),
            addrs: [[0; 16]; MAX_AAAA],
            n_addrs: 0,
        };
        // The records go on from the end of the question (as smoltcp's
        // `DnsQuestion::parse` gives the rest), not from a second reading.
        for rec in questions.into_records() {
            let rec = rec.ok()?;
            if rec.section != Section::Answer {
                break;
            }
            if rec.class != CLASS_IN {
                return None;
            }
            let ours = if owner_vs_question {
                rec.name == q.name
            } else {
                is_qname(&rec.name)
            };
            if !ours {
                continue;
            }
            if rec.rtype == rtype::AAAA && out.n_addrs < MAX_AAAA {
                out.addrs[out.n_addrs] = rec.aaaa().ok()?.0;
                out.n_addrs += 1;
            }
        }
        Some(out)
    }
}

/// The same receive paths written with smoltcp's wire module, as its
/// interface and sockets use it.
pub mod smoltcp_side {
    use super::*;
    use smoltcp::phy::ChecksumCapabilities;
    use smoltcp::wire::{
        DnsOpcode, DnsPacket, DnsQueryType, DnsQuestion, DnsRecord, DnsRecordData, EthernetFrame,
        EthernetProtocol, Icmpv6Packet, Icmpv6Repr, IpAddress, IpProtocol, Ipv6Packet, Ipv6Repr,
        NdiscRepr, UdpPacket, UdpRepr,
    };

    /// Ethernet and IPv6 checks; the upper-layer bytes if the Next Header
    /// is `protocol` (smoltcp's interface reads extension headers one by
    /// one in the same match; these frames have none).
    #[inline(always)]
    fn network(frame: &[u8], protocol: IpProtocol) -> Option<(IpFields, Ipv6Repr, &[u8])> {
        let eth = EthernetFrame::new_checked(frame).ok()?;
        if eth.ethertype() != EthernetProtocol::Ipv6 {
            return None;
        }
        let ip = Ipv6Packet::new_checked(eth.payload()).ok()?;
        // Length and version checks.
        let repr = Ipv6Repr::parse(&ip).ok()?;
        if repr.next_header != protocol {
            return None;
        }
        let fields = IpFields {
            src_mac: eth.src_addr().0,
            src: repr.src_addr.octets(),
            dst: repr.dst_addr.octets(),
            hop_limit: repr.hop_limit,
        };
        Some((fields, repr, ip.payload()))
    }

    /// Neighbor Solicitation: checksum and NDISC parse (the options
    /// walk), hop limit 255 (smoltcp's interface checks it). smoltcp does
    /// not check the code or that the target is not multicast.
    pub fn neighbor_solicit(frame: &[u8]) -> Option<NsFields> {
        let (ip, repr, msg) = network(frame, IpProtocol::Icmpv6)?;
        let icmp = Icmpv6Packet::new_checked(msg).ok()?;
        let caps = ChecksumCapabilities::default();
        let parsed = Icmpv6Repr::parse(&repr.src_addr, &repr.dst_addr, &icmp, &caps).ok()?;
        if ip.hop_limit != 255 {
            return None;
        }
        match parsed {
            Icmpv6Repr::Ndisc(NdiscRepr::NeighborSolicit {
                target_addr,
                lladdr,
            }) => Some(NsFields {
                ip,
                target: target_addr.octets(),
                slla: match lladdr {
                    Some(l) => Some(l.as_bytes().try_into().ok()?),
                    None => None,
                },
            }),
            _ => None,
        }
    }

    /// Echo Request: checksum, then the echo fields.
    pub fn echo_request(frame: &[u8]) -> Option<EchoFields> {
        let (ip, repr, msg) = network(frame, IpProtocol::Icmpv6)?;
        let icmp = Icmpv6Packet::new_checked(msg).ok()?;
        let caps = ChecksumCapabilities::default();
        match Icmpv6Repr::parse(&repr.src_addr, &repr.dst_addr, &icmp, &caps).ok()? {
            Icmpv6Repr::EchoRequest {
                ident,
                seq_no,
                data,
            } => Some(EchoFields {
                ip,
                ident,
                seq_no,
                data_len: data.len(),
            }),
            _ => None,
        }
    }

    /// UDP: lengths, checksum, ports, payload. smoltcp accepts a zero
    /// checksum and a length field shorter than the IPv6 payload; microip6
    /// refuses both over IPv6 (RFC 8200 8.1). The frames here have
    /// neither.
    pub fn udp(frame: &[u8]) -> Option<UdpFields<'_>> {
        let (ip, repr, dgram) = network(frame, IpProtocol::Udp)?;
        let udp = UdpPacket::new_checked(dgram).ok()?;
        let caps = ChecksumCapabilities::default();
        let (src, dst) = (
            IpAddress::Ipv6(repr.src_addr),
            IpAddress::Ipv6(repr.dst_addr),
        );
        let r = UdpRepr::parse(&udp, &src, &dst, &caps).ok()?;
        Some(UdpFields {
            ip,
            src_port: r.src_port,
            dst_port: r.dst_port,
            payload: udp.payload(),
        })
    }

    /// Label-by-label name comparison, as smoltcp's DNS socket does it.
    fn eq_names<'a>(
        mut a: impl Iterator<Item = smoltcp::wire::Result<&'a [u8]>>,
        mut b: impl Iterator<Item = smoltcp::wire::Result<&'a [u8]>>,
    ) -> Option<bool> {
        loop {
            match (a.next(), b.next()) {
                (Some(Err(_)), _) | (_, Some(Err(_))) => return None,
                (None, None) => return Some(true),
                (None, _) | (_, None) => return Some(false),
                (Some(Ok(x)), Some(Ok(y))) => {
                    if x != y {
                        return Some(false);
                    }
                }
            }
        }
    }

    /// [`udp`] then the DNS reply, read as smoltcp's DNS socket
    /// (`socket::dns::Socket::process`) reads one.
    pub fn dns_aaaa_reply(frame: &[u8]) -> Option<DnsFields> {
        let u = udp(frame)?;
        let p = DnsPacket::new_checked(u.payload).ok()?;
        if p.opcode() != DnsOpcode::Query
            || !p.flags().contains(smoltcp::wire::DnsFlags::RESPONSE)
            || p.question_count() != 1
        {
            return None;
        }
        let (mut rest, q): (&[u8], DnsQuestion) = DnsQuestion::parse(p.payload()).ok()?;
        if q.type_ != DnsQueryType::Aaaa
            || !eq_names(p.parse_name(q.name), p.parse_name(frames::QNAME_WIRE))?
        {
            return None;
        }
        let mut out = DnsFields {
            src_port: u.src_port,
            id: p.transaction_id(),
            addrs: [[0; 16]; MAX_AAAA],
            n_addrs: 0,
        };
        for _ in 0..p.answer_record_count() {
            let (next, r): (&[u8], DnsRecord) = DnsRecord::parse(rest).ok()?;
            rest = next;
            if !eq_names(p.parse_name(r.name), p.parse_name(frames::QNAME_WIRE))? {
                continue;
            }
            if let DnsRecordData::Aaaa(a) = r.data {
                if out.n_addrs < MAX_AAAA {
                    out.addrs[out.n_addrs] = a.octets();
                    out.n_addrs += 1;
                }
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::frames::*;
    use super::*;

    fn ip(src_last: [u8; 2], dst: [u8; 16], hop_limit: u8, src_prefix: [u8; 6]) -> IpFields {
        let mut src = [0u8; 16];
        src[..6].copy_from_slice(&src_prefix);
        src[14..].copy_from_slice(&src_last);
        IpFields {
            src_mac: [0x52, 0x54, 0x00, 0x12, 0x34, 0x56],
            src,
            dst,
            hop_limit,
        }
    }

    const HOST_GUA: [u8; 16] = [
        0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0xff, 0xfe, 0, 0, 0x42,
    ];
    const DB8_2: [u8; 6] = [0x20, 0x01, 0x0d, 0xb8, 0, 2];

    #[test]
    fn neighbor_solicit_both_sides_read_the_same() {
        let a = microip6_side::neighbor_solicit(&NEIGHBOR_SOLICIT).unwrap();
        let b = smoltcp_side::neighbor_solicit(&NEIGHBOR_SOLICIT).unwrap();
        assert_eq!(a, b);
        let mut target = [0u8; 16];
        target[..2].copy_from_slice(&[0xfe, 0x80]);
        target[11..].copy_from_slice(&[0xff, 0xfe, 0, 0, 0x42]);
        assert_eq!(a.target, target);
        assert_eq!(a.slla, Some([0x52, 0x54, 0x00, 0x12, 0x34, 0x56]));
        assert_eq!(a.ip.hop_limit, 255);
    }

    #[test]
    fn echo_both_sides_read_the_same() {
        let a = microip6_side::echo_request(&ECHO_REQUEST).unwrap();
        assert_eq!(a, smoltcp_side::echo_request(&ECHO_REQUEST).unwrap());
        assert_eq!(
            a,
            EchoFields {
                ip: ip([0, 1], HOST_GUA, 63, DB8_2),
                ident: 0x1d2c,
                seq_no: 3,
                data_len: 56
            }
        );
    }

    #[test]
    fn ntp_udp_both_sides_read_the_same() {
        let a = microip6_side::udp(&NTP_REPLY).unwrap();
        assert_eq!(a, smoltcp_side::udp(&NTP_REPLY).unwrap());
        assert_eq!((a.src_port, a.dst_port, a.payload.len()), (123, 49152, 48));
        assert_eq!(a.ip, ip([1, 0x23], HOST_GUA, 57, DB8_2));
        let (_, ntp) = microip6_side::ntp_reply(&NTP_REPLY).unwrap();
        assert_eq!((ntp.stratum, ntp.version), (2, 4));
        assert_eq!(ntp.xmit_timestamp.seconds(), 3_900_000_100);
    }

    #[test]
    fn dns_both_sides_read_the_same() {
        let a = microip6_side::dns_aaaa_reply(&DNS_AAAA_REPLY).unwrap();
        assert_eq!(a, smoltcp_side::dns_aaaa_reply(&DNS_AAAA_REPLY).unwrap());
        let exact = microip6_side::dns_aaaa_reply_exact_names(&DNS_AAAA_REPLY);
        assert_eq!(exact, Some(a));
        assert_eq!((a.id, a.src_port, a.n_addrs), (DNS_ID, 53, 2));
        assert_eq!(a.addrs[0][..6], [0x20, 0x01, 0x0d, 0xb8, 0, 5]);
        assert_eq!(a.addrs[1][..6], [0x20, 0x01, 0x0d, 0xb8, 0, 6]);
        assert_eq!(a.addrs[1][15], 0x7b);
    }

    #[test]
    fn both_sides_refuse_a_flipped_bit() {
        // Flip one bit in the last byte of every frame: the upper-layer
        // checksum no longer verifies on either side.
        let mut ns = NEIGHBOR_SOLICIT;
        *ns.last_mut().unwrap() ^= 1;
        assert_eq!(microip6_side::neighbor_solicit(&ns), None);
        assert_eq!(smoltcp_side::neighbor_solicit(&ns), None);
        let mut e = ECHO_REQUEST;
        *e.last_mut().unwrap() ^= 1;
        assert_eq!(microip6_side::echo_request(&e), None);
        assert_eq!(smoltcp_side::echo_request(&e), None);
        let mut n = NTP_REPLY;
        *n.last_mut().unwrap() ^= 1;
        assert_eq!(microip6_side::udp(&n), None);
        assert_eq!(smoltcp_side::udp(&n), None);
        let mut d = DNS_AAAA_REPLY;
        *d.last_mut().unwrap() ^= 1;
        assert_eq!(microip6_side::dns_aaaa_reply(&d), None);
        assert_eq!(smoltcp_side::dns_aaaa_reply(&d), None);
    }
}
