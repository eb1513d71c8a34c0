//! A whole Ethernet frame walked through every view, as the receive path
//! does: Ethernet -> IPv6 -> extension header walk -> ICMPv6 (echo,
//! errors, each NDP message and its options, MLD reports and queries) or
//! UDP (then NTP and DNS on its payload, whatever the ports).
//!
//! Invariants: no panic; every offset a view or the walk returns lies in
//! bounds; iterators end within a bound derived from the input; what
//! parses emits and parses back equal; checksum verdicts agree with an
//! independent RFC 1071 sum (smoltcp's `wire::checksum`).
//!
//! Differential checks, only where both parsers accept the input:
//!
//! * smoltcp 0.14 (`wire`): Ethernet fields; IPv6 header fields (both
//!   accept exactly the same headers: length and version 6); for packets
//!   whose Next Header is directly ICMPv6 or UDP: ICMPv6 type, code,
//!   checksum field, echo identifier, sequence number and data; NDP
//!   target, flags and RA fields; UDP ports, length, checksum field and
//!   payload; DNS question and answer records (names label by label,
//!   type, TTL, AAAA address).
//! * etherparse 0.21: the extension header chain (upper protocol, where
//!   its header starts and where the packet ends).
//!
//! Where they legitimately disagree (not compared):
//!
//! * smoltcp's `verify_checksum` returns true under `cfg(fuzzing)`, so the
//!   verdicts are compared with smoltcp's checksum arithmetic instead, and
//!   smoltcp takes a zero UDP checksum as "none" (valid over IPv4), while
//!   over IPv6 it is mandatory (RFC 8200 8.1): microip6 refuses it.
//! * smoltcp's UDP view accepts a length field shorter than the IPv6
//!   payload; microip6 refuses it (bytes no checksum covers).
//! * smoltcp does not check the NDP code, a multicast NS/NA target or the
//!   Redirect rules (RFC 4861 7.1, 8.1); microip6 does. smoltcp keeps the
//!   LAST link-layer address / MTU option and reads any option length as
//!   an address; microip6 keeps the FIRST well-formed one (8 bytes):
//!   link-layer addresses and MTU are compared only when the message has
//!   exactly one such option, of length 1.
//! * smoltcp's ICMPv6 errors require the invoking IPv6 header to be
//!   present; microip6 accepts any invoking bytes. Extension headers in
//!   front of ICMPv6/UDP: smoltcp's interface walks them itself, not its
//!   wire module; etherparse is the reference there.
//! * DNS: smoltcp follows a compression pointer to any earlier byte than
//!   the previous pointer target (the first one anywhere in the message);
//!   microip6 only to before the run of labels holding it, and caps names
//!   at 255 bytes. smoltcp refuses records of a class other than IN and
//!   AAAA records whose RDATA is not 16 bytes. Names and records are
//!   compared while both sides read them.
//! * etherparse reads AH as an extension header (microip6: an upper
//!   layer), takes payload length 0 as "the rest of the slice" (jumbogram
//!   pending), has no header count limit, and does not look at options or
//!   Segments Left. Only the Upper/truncated outcomes are compared.
#![no_main]
use libfuzzer_sys::fuzz_target;
use microip6::wire::dns::{self, DnsPacket, Name, Section, CLASS_IN};
use microip6::wire::ethernet::{EthernetFrame, EthernetRepr, HEADER_LEN as ETH_LEN};
use microip6::wire::icmpv6::{Icmpv6Error, Icmpv6Packet, Icmpv6Repr, Message};
use microip6::wire::ip_protocol;
use microip6::wire::ipv6::{Ipv6Packet, Ipv6Repr, HEADER_LEN as IP_LEN};
use microip6::wire::ipv6ext::{walk, ExtDrop, ExtWalk, MAX_EXT_HEADERS};
use microip6::wire::mld::{MldQuery, MldQueryRepr, MldReport};
use microip6::wire::ndp::{option_type, NdpOption, NdpOptionIter, NdpPacket, NdpRepr};
use microip6::wire::ntp::{NtpPacket, NtpRepr, HEADER_LEN as NTP_LEN};
use microip6::wire::udp::{UdpPacket, UdpRepr, HEADER_LEN as UDP_LEN};
use microip6::wire::{Error, Ipv6Address};
use smoltcp::wire as sw;

#[path = "common/icmpv6_repr.rs"]
mod icmpv6_repr;
use icmpv6_repr::assert_emits_and_parses_back;

/// The independent checksum verdict: the RFC 1071 sum over the IPv6
/// pseudo-header and `data`, by smoltcp's arithmetic, is all ones.
fn reference_verifies(src: &Ipv6Address, dst: &Ipv6Address, nh: u8, data: &[u8]) -> bool {
    let (s, d) = (
        core::net::Ipv6Addr::from(src.0),
        core::net::Ipv6Addr::from(dst.0),
    );
    let ph = sw::checksum::pseudo_header_v6(&s, &d, sw::IpProtocol::from(nh), data.len() as u32);
    sw::checksum::combine(&[ph, sw::checksum::data(data)]) == 0xffff
}

fn ethernet(frame: &[u8]) -> Option<EthernetFrame<&[u8]>> {
    let f = EthernetFrame::new_checked(frame);
    let s = sw::EthernetFrame::new_checked(frame);
    assert_eq!(f.is_ok(), s.is_ok());
    let Ok(f) = f else {
        assert!(frame.len() < ETH_LEN);
        return None;
    };
    let s = s.unwrap();
    assert_eq!(f.dst_addr().0, s.dst_addr().0);
    assert_eq!(f.src_addr().0, s.src_addr().0);
    assert_eq!(f.ethertype(), u16::from(s.ethertype()));
    assert_eq!(f.payload(), s.payload());
    let r = EthernetRepr::parse(&f).unwrap();
    let mut b = [0u8; ETH_LEN];
    r.emit(&mut EthernetFrame::new_unchecked(&mut b[..]));
    assert_eq!(b[..], frame[..ETH_LEN]);
    Some(f)
}

/// IPv6 fixed header against smoltcp; the repr round trip.
fn ipv6(packet: &[u8]) -> Option<Ipv6Packet<&[u8]>> {
    let p = Ipv6Packet::new_checked(packet);
    let sp = sw::Ipv6Packet::new_checked(packet);
    let sr = sp.as_ref().ok().map(sw::Ipv6Repr::parse);
    assert_eq!(
        p.is_ok(),
        matches!(sr, Some(Ok(_))),
        "IPv6 acceptance differs"
    );
    let p = p.ok()?;
    let (sp, sr) = (sp.unwrap(), sr.unwrap().unwrap());
    assert_eq!(p.src_addr().0, sr.src_addr.octets());
    assert_eq!(p.dst_addr().0, sr.dst_addr.octets());
    assert_eq!(p.next_header(), u8::from(sr.next_header));
    assert_eq!(p.hop_limit(), sr.hop_limit);
    assert_eq!(p.payload_len() as usize, sr.payload_len);
    assert_eq!(p.traffic_class(), sp.traffic_class());
    assert_eq!(p.flow_label(), sp.flow_label());
    assert_eq!(p.payload(), sp.payload());
    assert_eq!(p.total_len(), IP_LEN + p.payload_len() as usize);
    assert!(p.total_len() <= packet.len());

    let r = Ipv6Repr::parse(&p).unwrap();
    let mut b = vec![0u8; r.buffer_len() + r.payload_len];
    r.emit(&mut Ipv6Packet::new_unchecked(&mut b[..]));
    assert_eq!(
        Ipv6Repr::parse(&Ipv6Packet::new_checked(&b[..]).unwrap()),
        Ok(r)
    );
    // Traffic Class and Flow Label are emitted as zero.
    assert_eq!(b[4..IP_LEN], packet[4..IP_LEN]);
    Some(p)
}

/// The extension header walk: bounds, and the chain against etherparse.
fn extensions(packet: &[u8], p: &Ipv6Packet<&[u8]>) -> Option<(u8, usize)> {
    let total = p.total_len();
    let w = walk(packet, p.dst_addr().is_multicast());
    let ep = etherparse::Ipv6Slice::from_slice(packet);
    match w {
        ExtWalk::Upper {
            protocol,
            offset,
            next_header_pointer,
        } => {
            assert!((IP_LEN..=total).contains(&offset));
            assert!((next_header_pointer as usize) < offset);
            assert_eq!(packet[next_header_pointer as usize], protocol);
            // etherparse: same upper protocol, same start and end.
            if let Ok(e) = &ep {
                let pl = e.payload();
                if p.payload_len() != 0 && !pl.fragmented && protocol != 51 {
                    assert_eq!(u8::from(pl.ip_number), protocol, "upper protocol differs");
                    let start = pl.payload.as_ptr() as usize - packet.as_ptr() as usize;
                    assert_eq!(start, offset, "upper-layer offset differs");
                    assert_eq!(start + pl.payload.len(), total);
                }
            }
            Some((protocol, offset))
        }
        ExtWalk::ParamProblem { code, pointer } => {
            assert!(code <= 2);
            assert!((pointer as usize) < total);
            None
        }
        ExtWalk::Drop(ExtDrop::Truncated) => {
            // A header running past the payload: etherparse refuses too.
            if p.payload_len() != 0 {
                assert!(
                    ep.is_err(),
                    "etherparse accepts a chain microip6 finds truncated"
                );
            }
            None
        }
        ExtWalk::Drop(_) | ExtWalk::NoNextHeader => None,
    }
}

fn icmpv6(msg: &[u8], src: &Ipv6Address, dst: &Ipv6Address, hop_limit: u8, direct: bool) {
    let Ok(p) = Icmpv6Packet::new_checked(msg) else {
        assert!(msg.len() < 8);
        return;
    };
    let verifies = p.verify_checksum(src, dst);
    assert_eq!(verifies, reference_verifies(src, dst, 58, msg));
    let repr = Icmpv6Repr::parse(&p);
    match repr {
        Ok(r) => {
            assert_emits_and_parses_back(r, src, dst);
            if let Icmpv6Repr::Error { error, invoking } = r {
                assert_eq!(Icmpv6Error::parse(&p), Ok(error));
                assert_eq!(invoking, p.payload());
            }
        }
        Err(e) => assert!(matches!(e, Error::BadValue | Error::Unsupported)),
    }
    // Echo reply in place keeps the checksum right.
    if verifies && p.msg_type() == Message::EchoRequest && p.msg_code() == 0 {
        let mut m = msg.to_vec();
        let mut pm = Icmpv6Packet::new_unchecked(&mut m[..]);
        pm.make_echo_reply().unwrap();
        assert!(pm.verify_checksum(dst, src));
    }
    ndp(msg, src, dst, hop_limit);
    mld(msg);
    if direct {
        icmpv6_vs_smoltcp(msg, &p, repr, src, dst);
    }
}

fn icmpv6_vs_smoltcp(
    msg: &[u8],
    p: &Icmpv6Packet<&[u8]>,
    repr: Result<Icmpv6Repr<'_>, Error>,
    src: &Ipv6Address,
    dst: &Ipv6Address,
) {
    let Ok(sp) = sw::Icmpv6Packet::new_checked(msg) else {
        return;
    };
    assert_eq!(p.msg_type_raw(), u8::from(sp.msg_type()));
    assert_eq!(p.msg_code(), sp.msg_code());
    assert_eq!(p.checksum(), sp.checksum());
    let (s, d) = (
        core::net::Ipv6Addr::from(src.0),
        core::net::Ipv6Addr::from(dst.0),
    );
    let caps = smoltcp::phy::ChecksumCapabilities::default();
    let Ok(sr) = sw::Icmpv6Repr::parse(&s, &d, &sp, &caps) else {
        return;
    };
    match (repr, sr) {
        (
            Ok(Icmpv6Repr::EchoRequest {
                ident,
                seq_no,
                data,
            }),
            sw::Icmpv6Repr::EchoRequest {
                ident: i,
                seq_no: q,
                data: x,
            },
        )
        | (
            Ok(Icmpv6Repr::EchoReply {
                ident,
                seq_no,
                data,
            }),
            sw::Icmpv6Repr::EchoReply {
                ident: i,
                seq_no: q,
                data: x,
            },
        ) => assert_eq!((ident, seq_no, data), (i, q, x)),
        (Ok(Icmpv6Repr::EchoRequest { .. } | Icmpv6Repr::EchoReply { .. }), other) => {
            panic!("smoltcp reads an echo as {other:?}")
        }
        (Ok(Icmpv6Repr::Error { error, .. }), sw::Icmpv6Repr::PktTooBig { mtu, .. }) => {
            assert_eq!(error, Icmpv6Error::PacketTooBig(mtu))
        }
        (Ok(Icmpv6Repr::Error { error, .. }), sw::Icmpv6Repr::ParamProblem { pointer, .. }) => {
            assert!(matches!(error, Icmpv6Error::ParamProblem(_, q) if q == pointer))
        }
        (_, sw::Icmpv6Repr::Ndisc(n)) => ndp_vs_smoltcp(msg, n),
        _ => {}
    }
}

/// How many options of `kind` the message has, and whether the first one
/// has length 1.
fn single_option(msg: &NdpPacket<&[u8]>, kind: u8) -> bool {
    let mut n = 0;
    let mut ok = false;
    for o in NdpOptionIter::new(msg.options()).flatten() {
        let (k, len) = match o {
            NdpOption::Unknown { kind, data } => (kind, data.len() + 2),
            o => (o.kind(), o.buffer_len()),
        };
        if k == kind {
            n += 1;
            ok = len == 8;
        }
    }
    n == 1 && ok
}

fn ndp_vs_smoltcp(msg: &[u8], s: sw::NdiscRepr<'_>) {
    let p = NdpPacket::new_checked(msg).unwrap();
    let Ok(r) = NdpRepr::parse(&p) else {
        return;
    };
    let mac = |l: Option<sw::RawHardwareAddress>| l.map(|l| l.as_bytes().to_vec());
    let ours = |m: Option<microip6::wire::MacAddress>| m.map(|m| m.0.to_vec());
    let sll = single_option(&p, option_type::SOURCE_LL_ADDR);
    let tll = single_option(&p, option_type::TARGET_LL_ADDR);
    match (r, s) {
        (NdpRepr::RouterSolicit { slla }, sw::NdiscRepr::RouterSolicit { lladdr }) => {
            if sll {
                assert_eq!(ours(slla), mac(lladdr));
            }
        }
        (
            NdpRepr::RouterAdvert {
                cur_hop_limit,
                managed,
                other,
                router_lifetime,
                reachable_time,
                retrans_time,
                slla,
                mtu,
            },
            sw::NdiscRepr::RouterAdvert {
                hop_limit,
                flags,
                router_lifetime: rl,
                reachable_time: rt,
                retrans_time: xt,
                lladdr,
                mtu: m,
                ..
            },
        ) => {
            assert_eq!(cur_hop_limit, hop_limit);
            assert_eq!(managed, flags.contains(sw::NdiscRouterFlags::MANAGED));
            assert_eq!(other, flags.contains(sw::NdiscRouterFlags::OTHER));
            assert_eq!(router_lifetime as u64, rl.secs());
            assert_eq!(reachable_time as u64, rt.total_millis());
            assert_eq!(retrans_time as u64, xt.total_millis());
            if sll {
                assert_eq!(ours(slla), mac(lladdr));
            }
            if single_option(&p, option_type::MTU) {
                assert_eq!(mtu, m);
            }
        }
        (
            NdpRepr::NeighborSolicit { target, slla },
            sw::NdiscRepr::NeighborSolicit {
                target_addr,
                lladdr,
            },
        ) => {
            assert_eq!(target.0, target_addr.octets());
            if sll {
                assert_eq!(ours(slla), mac(lladdr));
            }
        }
        (
            NdpRepr::NeighborAdvert {
                router,
                solicited,
                override_,
                target,
                tlla,
            },
            sw::NdiscRepr::NeighborAdvert {
                flags,
                target_addr,
                lladdr,
            },
        ) => {
            assert_eq!(target.0, target_addr.octets());
            assert_eq!(router, flags.contains(sw::NdiscNeighborFlags::ROUTER));
            assert_eq!(solicited, flags.contains(sw::NdiscNeighborFlags::SOLICITED));
            assert_eq!(override_, flags.contains(sw::NdiscNeighborFlags::OVERRIDE));
            if tll {
                assert_eq!(ours(tlla), mac(lladdr));
            }
        }
        (
            NdpRepr::Redirect {
                target,
                destination,
                tlla,
            },
            sw::NdiscRepr::Redirect {
                target_addr,
                dest_addr,
                lladdr,
                ..
            },
        ) => {
            assert_eq!(target.0, target_addr.octets());
            assert_eq!(destination.0, dest_addr.octets());
            if tll {
                assert_eq!(ours(tlla), mac(lladdr));
            }
        }
        (a, b) => panic!("NDP message read differently: {a:?} / {b:?}"),
    }
}

fn ndp(msg: &[u8], src: &Ipv6Address, dst: &Ipv6Address, hop_limit: u8) {
    let Ok(p) = NdpPacket::new_checked(msg) else {
        return;
    };
    let opts = p.options();
    assert!(opts.len() <= msg.len());
    let mut count = 0;
    let mut failed = false;
    for o in p.option_iter() {
        assert!(!failed, "option after an error");
        count += 1;
        assert!(count <= opts.len() / 8 + 1, "options iterator does not end");
        match o {
            Err(e) => {
                assert_eq!(e, Error::BadOption);
                failed = true;
            }
            Ok(o) => {
                let mut buf = vec![0u8; o.buffer_len()];
                if let Ok(n) = o.emit(&mut buf) {
                    let back: Vec<_> = NdpOptionIter::new(&buf[..n]).collect();
                    assert_eq!(back, [Ok(o)]);
                }
            }
        }
    }
    let _ = p.validate_ip(hop_limit, src, dst);
    match NdpRepr::parse(&p) {
        Ok(r) => {
            assert_eq!(p.validate(), Ok(()));
            if matches!(r, NdpRepr::Redirect { .. }) {
                return;
            }
            let mut buf = vec![0u8; r.buffer_len()];
            let n = r.emit(&mut buf, &[], src, dst).unwrap();
            let q = NdpPacket::new_checked(&buf[..n]).unwrap();
            assert_eq!(NdpRepr::parse(&q), Ok(r));
            assert!(Icmpv6Packet::new_checked(&buf[..n])
                .unwrap()
                .verify_checksum(src, dst));
        }
        Err(e) => assert_eq!(p.validate(), Err(e)),
    }
}

fn mld(msg: &[u8]) {
    if let Ok(r) = MldReport::new_checked(msg) {
        let mut n = 0usize;
        for rec in r.records() {
            n += 1;
            assert!(n <= r.num_records() as usize);
            if let Ok(rec) = rec {
                assert_eq!(rec.sources.len() % 16, 0);
                assert_eq!(rec.source_iter().count(), rec.sources.len() / 16);
                assert!(rec.sources.len() + rec.aux_data.len() <= msg.len());
            }
        }
    }
    if let Ok(q) = MldQuery::new_checked(msg) {
        assert_eq!(q.sources().len(), 16 * q.num_sources() as usize);
        assert_eq!(q.source_iter().count(), q.num_sources() as usize);
        let _ = (q.max_response_delay_ms(), q.qqi_secs(), q.is_general());
        let r = MldQueryRepr::parse(&q).unwrap();
        let mut buf = vec![0u8; r.buffer_len()];
        let n = r
            .emit(&mut buf, &Ipv6Address::UNSPECIFIED, &Ipv6Address::ALL_NODES)
            .unwrap();
        assert_eq!(
            MldQueryRepr::parse(&MldQuery::new_checked(&buf[..n]).unwrap()),
            Ok(r)
        );
    }
}

fn udp(dgram: &[u8], src: &Ipv6Address, dst: &Ipv6Address, direct: bool) {
    let u = UdpPacket::new_checked(dgram);
    let s = sw::UdpPacket::new_checked(dgram);
    if u.is_ok() {
        // smoltcp is laxer (a length field under the slice length).
        assert!(s.is_ok(), "smoltcp refuses a datagram microip6 accepts");
    }
    let Ok(u) = u else {
        return;
    };
    assert_eq!(u.len() as usize, dgram.len());
    let payload = u.payload();
    assert_eq!(payload.len(), dgram.len() - UDP_LEN);
    let reference = reference_verifies(src, dst, 17, dgram);
    let verifies = u.verify_checksum(src, dst);
    assert_eq!(verifies.is_ok(), reference && u.checksum() != 0);
    if direct {
        let s = s.unwrap();
        assert_eq!(
            (u.src_port(), u.dst_port(), u.len(), u.checksum()),
            (s.src_port(), s.dst_port(), s.len(), s.checksum())
        );
        assert_eq!(payload, s.payload());
    }
    match UdpRepr::parse(&u, src, dst) {
        Ok(r) => {
            assert!(verifies.is_ok() && r.dst_port != 0);
            let mut buf = dgram.to_vec();
            buf[..UDP_LEN].fill(0);
            r.emit(&mut UdpPacket::new_unchecked(&mut buf[..]), src, dst)
                .unwrap();
            assert_eq!(
                UdpRepr::parse(&UdpPacket::new_checked(&buf[..]).unwrap(), src, dst),
                Ok(r)
            );
            // Same checksum unless the one's-complement zero changed form.
            if u.checksum() != 0xffff {
                assert_eq!(buf, dgram);
            }
        }
        Err(e) => assert!(matches!(e, Error::BadChecksum | Error::BadValue)),
    }
    ntp(payload);
    dns(payload);
}

fn ntp(payload: &[u8]) {
    let Ok(p) = NtpPacket::new_checked(payload) else {
        assert!(payload.len() < NTP_LEN);
        return;
    };
    assert_eq!(p.trailer().len(), payload.len() - NTP_LEN);
    if let Ok(r) = NtpRepr::parse(&p) {
        let mut b = [0u8; NTP_LEN];
        r.emit(&mut NtpPacket::new_unchecked(&mut b[..])).unwrap();
        assert_eq!(
            NtpRepr::parse(&NtpPacket::new_checked(&b[..]).unwrap()),
            Ok(r)
        );
        assert_eq!(b[..], payload[..NTP_LEN]);
        let _ = (
            r.kiss_code(),
            r.offset(r.xmit_timestamp),
            r.delay(r.xmit_timestamp),
        );
    }
}

/// Every label of a name, bounded; its length matches `wire_len`.
fn labels_of<'a>(name: &Name<'a>) -> Vec<&'a [u8]> {
    let mut sum = 1;
    let mut out = Vec::new();
    for l in name.labels() {
        assert!((1..=63).contains(&l.len()));
        sum += 1 + l.len();
        out.push(l);
        assert!(out.len() <= 127, "labels iterator does not end");
    }
    assert_eq!(sum, name.wire_len());
    assert!(name.wire_len() <= dns::MAX_NAME_LEN);
    let mut w = [0u8; dns::MAX_NAME_LEN];
    assert_eq!(name.copy_wire(&mut w), Ok(name.wire_len()));
    out
}

/// smoltcp's labels of a name, or None if smoltcp fails on it.
fn smoltcp_labels<'a>(p: &'a sw::DnsPacket<&'a [u8]>, name: &'a [u8]) -> Option<Vec<&'a [u8]>> {
    let mut v = Vec::new();
    for l in p.parse_name(name) {
        v.push(l.ok()?);
        if v.len() > 300 {
            return None;
        }
    }
    Some(v)
}

fn dns(msg: &[u8]) {
    let Ok(p) = DnsPacket::new_checked(msg) else {
        assert!(msg.len() < dns::HEADER_LEN);
        return;
    };
    let sp = sw::DnsPacket::new_checked(msg).unwrap();
    assert_eq!(p.id(), sp.transaction_id());
    // smoltcp's flags leave out the opcode and rcode fields.
    assert_eq!(sw::DnsFlags::from_bits_truncate(p.flags()), sp.flags());
    assert_eq!(p.opcode(), u8::from(sp.opcode()));
    assert_eq!(p.rcode(), u8::from(sp.rcode()));
    assert_eq!(
        (p.question_count(), p.answer_count()),
        (sp.question_count(), sp.answer_record_count())
    );
    let mut questions = Vec::new();
    for (i, q) in p.questions().enumerate() {
        assert!(i < p.question_count() as usize);
        match q {
            Ok(q) => questions.push((labels_of(&q.name), q.qtype, q.qclass, q.name.offset())),
            Err(_) => break,
        }
    }
    let mut n = 0usize;
    let mut answers = Vec::new();
    for rec in p.records() {
        n += 1;
        assert!(n <= 3 * 0xffff, "records iterator does not end");
        let Ok(rec) = rec else { break };
        let labels = labels_of(&rec.name);
        let start = rec.rdata.as_ptr() as usize - msg.as_ptr() as usize;
        assert!(start + rec.rdata.len() <= msg.len());
        let aaaa = rec.aaaa();
        assert_eq!(
            aaaa.is_ok(),
            rec.rtype == dns::rtype::AAAA && rec.rdata.len() == 16
        );
        if let Ok(c) = rec.cname() {
            labels_of(&c);
        }
        if rec.section == Section::Answer {
            answers.push((labels, rec.rtype, rec.class, rec.ttl, rec.rdata));
        }
    }
    if let Ok(Some(r)) = p.resolve(dns::rtype::AAAA) {
        assert_eq!(r.section, Section::Answer);
        assert_eq!(r.rtype, dns::rtype::AAAA);
    }

    // smoltcp: the first question (its socket reads only one), then the
    // answers, compared while both read them.
    let Some((qlabels, qtype, qclass, _)) = questions.first() else {
        return;
    };
    if p.question_count() != 1 {
        return;
    }
    let Ok((mut rest, sq)) = sw::DnsQuestion::parse(sp.payload()) else {
        return;
    };
    assert_eq!(
        *qclass, CLASS_IN,
        "smoltcp accepts a question of another class"
    );
    assert_eq!(*qtype, u16::from(sq.type_));
    if let Some(l) = smoltcp_labels(&sp, sq.name) {
        assert_eq!(*qlabels, l, "question name differs");
    }
    for (labels, rtype, class, ttl, rdata) in &answers {
        let Ok((next, sr)) = sw::DnsRecord::parse(rest) else {
            break;
        };
        rest = next;
        assert_eq!(*class, CLASS_IN);
        assert_eq!(*ttl, sr.ttl);
        if let Some(l) = smoltcp_labels(&sp, sr.name) {
            assert_eq!(*labels, l, "record name differs");
        }
        match sr.data {
            sw::DnsRecordData::Aaaa(a) => {
                assert_eq!(*rtype, dns::rtype::AAAA);
                assert_eq!(*rdata, &a.octets()[..]);
            }
            sw::DnsRecordData::Cname(d) => {
                assert_eq!(*rtype, dns::rtype::CNAME);
                assert_eq!(rdata, &d);
            }
            sw::DnsRecordData::Other(t, d) => {
                assert_eq!(*rtype, u16::from(t));
                assert_eq!(rdata, &d);
            }
        }
    }
}

fuzz_target!(|frame: &[u8]| {
    if ethernet(frame).is_none() {
        return;
    }
    // Whatever the EtherType says, the payload goes through IPv6.
    let packet = &frame[ETH_LEN..];
    let Some(p) = ipv6(packet) else {
        return;
    };
    let (src, dst, hop_limit) = (p.src_addr(), p.dst_addr(), p.hop_limit());
    let Some((protocol, offset)) = extensions(packet, &p) else {
        return;
    };
    // At most MAX_EXT_HEADERS headers of at most 2048 bytes each.
    assert!(offset - IP_LEN <= MAX_EXT_HEADERS * 2048);
    let upper = &packet[offset..p.total_len()];
    // "direct": no extension header, so smoltcp's wire views see the same
    // upper-layer bytes.
    let direct = offset == IP_LEN;
    match protocol {
        ip_protocol::ICMPV6 => icmpv6(upper, &src, &dst, hop_limit, direct),
        ip_protocol::UDP => udp(upper, &src, &dst, direct),
        _ => {}
    }
});
