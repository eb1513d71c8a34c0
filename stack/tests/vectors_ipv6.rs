//! Ethernet, IPv6 and extension-header views against frames built and
//! dissected by scapy (`tests/vectors/gen_ipv6.py` -> `ipv6.jsonl`).

use microip6::wire::ethernet::{ethertype, EthernetFrame, EthernetRepr, HEADER_LEN as ETH_LEN};
use microip6::wire::ipv6::{Ipv6Packet, Ipv6Repr, HEADER_LEN as IP_LEN};
use microip6::wire::ipv6ext::{
    walk, ExtDrop, ExtHeader, ExtWalk, FragmentHeader, RoutingHeader, UnknownOptionAction,
};
use microip6::wire::Error;
use serde_json::Value;

mod common;

use common::{ip as addr, mac, records, Record as Vector};

fn vectors() -> Vec<Vector> {
    records(include_str!("vectors/ipv6.jsonl"), 60)
}

fn num(v: &Value) -> u64 {
    v.as_u64().unwrap()
}

fn error(s: &str) -> Error {
    match s {
        "Truncated" => Error::Truncated,
        "BadVersion" => Error::BadVersion,
        other => panic!("unknown error {other}"),
    }
}

fn expected_walk(w: &Value) -> ExtWalk {
    match w["kind"].as_str().unwrap() {
        "upper" => ExtWalk::Upper {
            protocol: num(&w["protocol"]) as u8,
            offset: num(&w["offset"]) as usize,
            next_header_pointer: num(&w["pointer"]) as u32,
        },
        "none" => ExtWalk::NoNextHeader,
        "pp" => ExtWalk::ParamProblem {
            code: num(&w["code"]) as u8,
            pointer: num(&w["pointer"]) as u32,
        },
        "drop" => ExtWalk::Drop(match w["reason"].as_str().unwrap() {
            "Truncated" => ExtDrop::Truncated,
            "BadOption" => ExtDrop::BadOption,
            "UnknownOption" => ExtDrop::UnknownOption,
            "Fragment" => ExtDrop::Fragment,
            "TooManyHeaders" => ExtDrop::TooManyHeaders,
            r => panic!("unknown reason {r}"),
        }),
        k => panic!("unknown kind {k}"),
    }
}

#[test]
fn ethernet_fields_match_scapy() {
    let mut checked = 0;
    for t in vectors() {
        let e = &t.v["eth"];
        if e.as_str() == Some("Truncated") {
            assert_eq!(
                EthernetFrame::new_checked(&t.frame[..]).err(),
                Some(Error::Truncated),
                "{}",
                t.name
            );
            continue;
        }
        let f = EthernetFrame::new_checked(&t.frame[..]).unwrap();
        assert_eq!(f.dst_addr(), mac(e["dst"].as_str().unwrap()), "{}", t.name);
        assert_eq!(f.src_addr(), mac(e["src"].as_str().unwrap()), "{}", t.name);
        assert_eq!(f.ethertype() as u64, num(&e["type"]), "{}", t.name);
        assert_eq!(f.payload(), &t.frame[ETH_LEN..]);
        checked += 1;
    }
    assert!(checked > 50);
}

#[test]
fn ipv6_fields_match_scapy() {
    let mut checked = 0;
    for t in vectors() {
        let ip = &t.v["ipv6"];
        if ip.is_null() {
            let f = EthernetFrame::new_checked(&t.frame[..]).unwrap();
            assert_ne!(f.ethertype(), ethertype::IPV6, "{}", t.name);
            continue;
        }
        let payload = t.frame.get(ETH_LEN..).unwrap_or(&[]);
        if let Some(err) = ip.as_str() {
            assert_eq!(
                Ipv6Packet::new_checked(payload).err(),
                Some(error(err)),
                "{}",
                t.name
            );
            continue;
        }
        let p = Ipv6Packet::new_checked(payload).unwrap();
        assert_eq!(p.version() as u64, num(&ip["version"]), "{}", t.name);
        assert_eq!(p.traffic_class() as u64, num(&ip["tc"]), "{}", t.name);
        assert_eq!(p.flow_label() as u64, num(&ip["fl"]), "{}", t.name);
        assert_eq!(p.payload_len() as u64, num(&ip["plen"]), "{}", t.name);
        assert_eq!(p.next_header() as u64, num(&ip["nh"]), "{}", t.name);
        assert_eq!(p.hop_limit() as u64, num(&ip["hlim"]), "{}", t.name);
        assert_eq!(
            p.src_addr(),
            addr(ip["src"].as_str().unwrap()),
            "{}",
            t.name
        );
        assert_eq!(
            p.dst_addr(),
            addr(ip["dst"].as_str().unwrap()),
            "{}",
            t.name
        );
        // Exactly Payload Length bytes, link padding excluded.
        let plen = p.payload_len() as usize;
        assert_eq!(p.payload(), &payload[IP_LEN..IP_LEN + plen], "{}", t.name);
        assert_eq!(p.total_len(), IP_LEN + plen);
        checked += 1;
    }
    assert!(checked > 40);
}

#[test]
fn walk_matches_expected() {
    let mut checked = 0;
    for t in vectors() {
        let Some(payload) = t.frame.get(ETH_LEN..) else {
            continue;
        };
        if t.v["ipv6"].as_str() == Some("Truncated") {
            // walk re-checks the lengths it relies on.
            assert_eq!(
                walk(payload, false),
                ExtWalk::Drop(ExtDrop::Truncated),
                "{}",
                t.name
            );
        }
        let Some(w) = t.v.get("walk") else { continue };
        let p = Ipv6Packet::new_checked(payload).unwrap();
        let got = walk(payload, p.dst_addr().is_multicast());
        assert_eq!(got, expected_walk(w), "{}", t.name);
        if let ExtWalk::Upper { offset, .. } = got {
            assert!(offset <= p.total_len(), "{}", t.name);
        }
        checked += 1;
    }
    assert!(checked > 40);
}

#[test]
fn extension_header_views_match_scapy() {
    let mut headers = 0;
    let mut options = 0;
    for t in vectors() {
        let Some(exts) = t.v["exts"].as_array() else {
            continue;
        };
        for h in exts {
            let off = ETH_LEN + num(&h["offset"]) as usize;
            let buf = &t.frame[off..];
            let kind = h["kind"].as_str().unwrap();
            headers += 1;
            if kind == "fragment" {
                let f = FragmentHeader::new_checked(buf).unwrap();
                assert_eq!(f.next_header() as u64, num(&h["nh"]), "{}", t.name);
                assert_eq!(f.frag_offset() as u64, num(&h["frag_offset"]), "{}", t.name);
                assert_eq!(f.more_fragments() as u64, num(&h["m"]), "{}", t.name);
                assert_eq!(f.ident() as u64, num(&h["id"]), "{}", t.name);
                continue;
            }
            let e = ExtHeader::new_checked(buf).unwrap();
            assert_eq!(e.next_header() as u64, num(&h["nh"]), "{}", t.name);
            assert_eq!(e.header_len_field() as u64, num(&h["len"]), "{}", t.name);
            assert_eq!(e.header_len(), (num(&h["len"]) as usize + 1) * 8);
            if kind == "routing" {
                let r = RoutingHeader::new_checked(buf).unwrap();
                assert_eq!(r.next_header() as u64, num(&h["nh"]));
                assert_eq!(r.header_len(), e.header_len());
                assert_eq!(
                    r.routing_type() as u64,
                    num(&h["routing_type"]),
                    "{}",
                    t.name
                );
                assert_eq!(r.segments_left() as u64, num(&h["segleft"]), "{}", t.name);
                assert_eq!(r.data().len(), r.header_len() - 4);
                continue;
            }
            // Options, in scapy's order; one that runs past the header must
            // be reported as BadOption, and end the iteration.
            let mut ours = e.options();
            for o in h["options"].as_array().unwrap() {
                let at = num(&o["offset"]) as usize;
                let len = num(&o["len"]) as usize;
                let typ = num(&o["type"]) as u8;
                let fits = typ == 0 || at + 2 + len <= e.header_len();
                match ours.next() {
                    Some(Ok(opt)) if fits => {
                        assert_eq!(opt.offset, at, "{}", t.name);
                        assert_eq!(opt.option_type, typ, "{}", t.name);
                        assert_eq!(opt.data.len(), len, "{}", t.name);
                        assert_eq!(opt.action(), UnknownOptionAction::of(typ));
                        options += 1;
                    }
                    Some(Err(Error::BadOption)) if !fits => {
                        assert_eq!(ours.next(), None);
                        break;
                    }
                    other => panic!("{}: option at {at}: {other:?}", t.name),
                }
            }
            assert_eq!(ours.next(), None, "{}: extra options", t.name);
        }
    }
    assert!(
        headers > 30 && options > 40,
        "{headers} headers, {options} options"
    );
}

#[test]
fn reprs_round_trip() {
    let mut checked = 0;
    for t in vectors() {
        let Ok(f) = EthernetFrame::new_checked(&t.frame[..]) else {
            continue;
        };
        let er = EthernetRepr::parse(&f).unwrap();
        let mut buf = vec![0u8; t.frame.len()];
        let mut out = EthernetFrame::new_checked(&mut buf[..]).unwrap();
        er.emit(&mut out);
        assert_eq!(EthernetRepr::parse(&out).unwrap(), er);
        assert_eq!(buf[..ETH_LEN], t.frame[..ETH_LEN], "{}", t.name);
        if !t.v["ipv6"].is_object() {
            continue;
        }
        let p = Ipv6Packet::new_checked(f.payload()).unwrap();
        let ir = Ipv6Repr::parse(&p).unwrap();
        assert_eq!(ir.buffer_len(), IP_LEN);
        let mut buf = vec![0xa5u8; p.total_len()];
        let mut out = Ipv6Packet::new_unchecked(&mut buf[..]);
        ir.emit(&mut out);
        out.payload_mut().copy_from_slice(p.payload());
        let back = Ipv6Packet::new_checked(&buf[..]).unwrap();
        assert_eq!(Ipv6Repr::parse(&back).unwrap(), ir, "{}", t.name);
        assert_eq!((back.traffic_class(), back.flow_label()), (0, 0));
        // Byte-identical but for the Traffic Class and Flow Label.
        assert_eq!(buf[4..], f.payload()[4..p.total_len()], "{}", t.name);
        if p.traffic_class() == 0 && p.flow_label() == 0 {
            assert_eq!(buf[..4], f.payload()[..4], "{}", t.name);
        }
        checked += 1;
    }
    assert!(checked > 40);
}

/// Every prefix of every frame: the checked views accept exactly the
/// prefixes long enough for them, and the walk never reports an offset
/// past the packet.
#[test]
fn every_truncation_of_every_vector() {
    for t in vectors() {
        for n in 0..=t.frame.len() {
            let cut = &t.frame[..n];
            let f = EthernetFrame::new_checked(cut);
            assert_eq!(f.is_ok(), n >= ETH_LEN, "{} len {n}", t.name);
            let Ok(f) = f else { continue };
            let payload = f.payload();
            let w = walk(payload, false);
            match Ipv6Packet::new_checked(payload) {
                Ok(p) => {
                    assert!(payload.len() >= p.total_len());
                    assert_eq!(p.payload().len(), p.payload_len() as usize);
                    if let ExtWalk::Upper {
                        offset,
                        next_header_pointer,
                        ..
                    } = w
                    {
                        assert!(offset <= p.total_len(), "{} len {n}", t.name);
                        assert!((next_header_pointer as usize) < offset);
                    }
                    if let ExtWalk::ParamProblem { pointer, .. } = w {
                        assert!((pointer as usize) < p.total_len(), "{} len {n}", t.name);
                    }
                }
                Err(Error::Truncated) => {
                    assert_eq!(w, ExtWalk::Drop(ExtDrop::Truncated), "{} len {n}", t.name);
                    let long_enough = payload.len() >= IP_LEN
                        && payload.len() - IP_LEN
                            >= u16::from_be_bytes([payload[4], payload[5]]) as usize;
                    assert!(!long_enough, "{} len {n}", t.name);
                }
                Err(Error::BadVersion) => assert_ne!(payload[0] >> 4, 6),
                Err(e) => panic!("{} len {n}: {e:?}", t.name),
            }
        }
    }
}
