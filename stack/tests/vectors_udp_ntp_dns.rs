//! UDP, NTP and DNS views against frames built and dissected by scapy and
//! frames captured from dnsmasq and chronyd
//! (`tests/vectors/gen_udp_ntp_dns.py` -> `udp_ntp_dns.jsonl`).
//!
//! The UDP datagram is taken at byte 14 + 40 of each frame (no extension
//! headers in these vectors), its length from the IPv6 Payload Length.

use microip6::wire::dns::{self, DnsPacket, QueryRepr, Record, Section};
use microip6::wire::ntp::{
    LeapIndicator, Mode, NtpDuration, NtpPacket, NtpRepr, NtpShort, NtpTimestamp, ReplyError,
};
use microip6::wire::udp::{UdpPacket, UdpRepr, HEADER_LEN as UDP_LEN};
use microip6::wire::{Error, Ipv6Address};
use serde_json::Value;

mod common;

use common::{ip as addr, records, Record as Vector};

impl Vector {
    fn src(&self) -> Ipv6Address {
        Ipv6Address::from_bytes(&self.frame[22..38])
    }

    fn dst(&self) -> Ipv6Address {
        Ipv6Address::from_bytes(&self.frame[38..54])
    }

    /// The IPv6 payload: what the IPv6 layer hands to UDP.
    fn udp(&self) -> &[u8] {
        let plen = u16::from_be_bytes([self.frame[18], self.frame[19]]) as usize;
        &self.frame[54..54 + plen]
    }

    fn udp_payload(&self) -> Vec<u8> {
        hex::decode(self.v["udp_payload"].as_str().unwrap()).unwrap()
    }
}

fn vectors() -> Vec<Vector> {
    records(include_str!("vectors/udp_ntp_dns.jsonl"), 60)
}

fn num(v: &Value) -> u64 {
    v.as_u64()
        .unwrap_or_else(|| panic!("not an unsigned number: {v}"))
}

fn error(s: &str) -> Error {
    match s {
        "Truncated" => Error::Truncated,
        "BadLength" => Error::BadLength,
        "BadChecksum" => Error::BadChecksum,
        "BadVersion" => Error::BadVersion,
        "BadValue" => Error::BadValue,
        "BadPointer" => Error::BadPointer,
        "NameTooLong" => Error::NameTooLong,
        other => panic!("unknown error {other}"),
    }
}

fn check_udp(v: &Vector) -> Result<(), Error> {
    let p = UdpPacket::new_checked(v.udp())?;
    p.verify_checksum(&v.src(), &v.dst())
}

#[test]
fn udp_matches_scapy_and_checksums_verify() {
    let mut ok = 0;
    for v in vectors() {
        let n = &v.name;
        assert_eq!(v.src(), addr(v.v["src"].as_str().unwrap()), "{n}");
        assert_eq!(v.dst(), addr(v.v["dst"].as_str().unwrap()), "{n}");
        let udp = v.udp();
        if let Some(s) = v.v["udp"].as_object() {
            let p = UdpPacket::new_unchecked(udp);
            assert_eq!(p.src_port() as u64, num(&s["sport"]), "{n}");
            assert_eq!(p.dst_port() as u64, num(&s["dport"]), "{n}");
            assert_eq!(p.len() as u64, num(&s["len"]), "{n}");
            assert_eq!(p.checksum() as u64, num(&s["chksum"]), "{n}");
        }
        match v.v["udp_expect"].as_str().unwrap() {
            "ok" => {
                ok += 1;
                assert_eq!(check_udp(&v), Ok(()), "{n}");
                let p = UdpPacket::new_checked(udp).unwrap();
                assert_eq!(p.payload(), &v.udp_payload()[..], "{n}");
                let repr = UdpRepr::parse(&p, &v.src(), &v.dst());
                if p.dst_port() == 0 {
                    assert_eq!(repr, Err(Error::BadValue), "{n}");
                    continue;
                }
                let repr = repr.unwrap();
                // Rebuild in place: payload first, then the header. The
                // result must be the same bytes, checksum included (scapy's
                // or the kernel's).
                let mut buf = vec![0u8; repr.buffer_len()];
                buf[UDP_LEN..].copy_from_slice(p.payload());
                repr.emit(
                    &mut UdpPacket::new_unchecked(&mut buf[..]),
                    &v.src(),
                    &v.dst(),
                )
                .unwrap();
                assert_eq!(&buf[..], udp, "{n}");
                // Truncation at every length is an error.
                for cut in 0..udp.len() {
                    assert_eq!(
                        UdpPacket::new_checked(&udp[..cut]).unwrap_err(),
                        Error::Truncated,
                        "{n} cut {cut}"
                    );
                }
            }
            e => assert_eq!(check_udp(&v), Err(error(e)), "{n}"),
        }
    }
    assert!(ok >= 54, "only {ok} valid datagrams");
}

fn ts(v: &Value) -> NtpTimestamp {
    NtpTimestamp(num(v))
}

#[test]
fn ntp_matches_scapy() {
    let mut checked = 0;
    for v in vectors() {
        let Some(expect) = v.v["ntp_expect"].as_str() else {
            continue;
        };
        let n = &v.name;
        assert_eq!(check_udp(&v), Ok(()), "{n}");
        let payload = v.udp_payload();
        if expect == "Truncated" {
            assert_eq!(
                NtpPacket::new_checked(&payload[..]),
                Err(Error::Truncated),
                "{n}"
            );
            continue;
        }
        let p = NtpPacket::new_checked(&payload[..]).unwrap();
        let s = &v.v["ntp"];
        assert_eq!(p.leap_indicator().bits() as u64, num(&s["leap"]), "{n}");
        assert_eq!(p.version() as u64, num(&s["version"]), "{n}");
        assert_eq!(p.mode().bits() as u64, num(&s["mode"]), "{n}");
        assert_eq!(p.stratum() as u64, num(&s["stratum"]), "{n}");
        assert_eq!(p.poll() as i64, s["poll"].as_i64().unwrap(), "{n}");
        assert_eq!(
            p.precision() as i64,
            s["precision"].as_i64().unwrap(),
            "{n}"
        );
        assert_eq!(p.root_delay(), NtpShort(num(&s["delay"]) as u32), "{n}");
        assert_eq!(
            p.root_dispersion(),
            NtpShort(num(&s["dispersion"]) as u32),
            "{n}"
        );
        assert_eq!(
            p.ref_id().to_vec(),
            hex::decode(s["ref_id"].as_str().unwrap()).unwrap()
        );
        assert_eq!(p.ref_timestamp(), ts(&s["ref"]), "{n}");
        assert_eq!(p.orig_timestamp(), ts(&s["orig"]), "{n}");
        assert_eq!(p.recv_timestamp(), ts(&s["recv"]), "{n}");
        assert_eq!(p.xmit_timestamp(), ts(&s["sent"]), "{n}");
        assert_eq!(p.trailer().len() as u64, num(&s["trailer_len"]), "{n}");
        assert_eq!(p.kiss_code().is_some(), p.stratum() == 0, "{n}");
        if let Some(code) = v.v["ntp_kiss"].as_str() {
            assert_eq!(
                p.kiss_code(),
                Some(<[u8; 4]>::try_from(code.as_bytes()).unwrap())
            );
        }
        if expect != "ok" {
            assert_eq!(NtpRepr::parse(&p), Err(error(expect)), "{n}");
            continue;
        }
        let r = NtpRepr::parse(&p).unwrap();
        // Round trip: the repr emits the same 48 bytes.
        let mut out = [0u8; 48];
        r.emit(&mut NtpPacket::new_unchecked(&mut out[..])).unwrap();
        assert_eq!(&out[..], &payload[..48], "{n}");
        assert_eq!(
            NtpRepr::parse(&NtpPacket::new_checked(&out[..]).unwrap()),
            Ok(r)
        );
        // Reply checks, as a client that sent `orig` would do them.
        let check = r.check_reply(r.orig_timestamp);
        match (r.mode, v.v["ntp_kiss"].as_str()) {
            (Mode::Client, _) => assert_eq!(check, Err(ReplyError::NotServer), "{n}"),
            (_, Some(code)) => assert_eq!(
                check,
                Err(ReplyError::Kiss(code.as_bytes().try_into().unwrap())),
                "{n}"
            ),
            _ if r.leap == LeapIndicator::Unsynchronized => {
                assert_eq!(check, Err(ReplyError::Unsynchronized), "{n}")
            }
            _ => assert_eq!(check, Ok(()), "{n}"),
        }
        checked += 1;
    }
    assert!(checked >= 14, "{checked}");
}

fn by_name<'a>(all: &'a [Vector], name: &str) -> &'a Vector {
    all.iter().find(|v| v.name == name).unwrap()
}

fn ntp_repr(v: &Vector) -> NtpRepr {
    let payload = v.udp_payload();
    NtpRepr::parse(&NtpPacket::new_checked(&payload[..]).unwrap()).unwrap()
}

#[test]
fn ntp_era_change_and_captured_exchange() {
    let all = vectors();
    // T1 = 0xffffffff.8 (era 0), T2 = 0x00000000.4 (era 1), T3 = T2 + 0x1000.
    let r = ntp_repr(by_name(&all, "ntp_server_era_change"));
    assert_eq!(
        r.recv_timestamp.wrapping_sub(r.orig_timestamp).to_micros(),
        750_000
    );
    assert_eq!(
        r.orig_timestamp.wrapping_sub(r.recv_timestamp).to_millis(),
        -750
    );
    let t4 = r
        .xmit_timestamp
        .wrapping_add(NtpDuration::from_micros(250_000));
    // delay = (T4 - T1) - (T3 - T2) = (1.0 + 0x1000 * 2^-32) - 0x1000 * 2^-32 = 1 s.
    assert_eq!(r.delay(t4), NtpDuration(1 << 32));
    // offset = ((T2 - T1) + (T3 - T4)) / 2 = (0.75 - 0.25) / 2 = 0.25 s.
    assert_eq!(r.offset(t4).to_micros(), 250_000);
    // Unix times on both sides of 2036-02-07T06:28:16Z.
    assert_eq!(
        r.orig_timestamp.unix_secs_near(1_790_000_000),
        2_085_978_495
    );
    assert_eq!(
        r.recv_timestamp.unix_secs_near(1_790_000_000),
        2_085_978_496
    );

    // chronyd answering a Python client over a veth pair.
    for (req, rep) in [
        ("cap_ntp_request_v4", "cap_ntp_reply_v4"),
        ("cap_ntp_request_v3", "cap_ntp_reply_v3"),
    ] {
        let q = ntp_repr(by_name(&all, req));
        let r = ntp_repr(by_name(&all, rep));
        assert_eq!(r.check_reply(q.xmit_timestamp), Ok(()), "{rep}");
        assert_eq!(r.version, q.version);
        assert_eq!(r.stratum, 8); // "local stratum 8"
        let server = r.xmit_timestamp.wrapping_sub(r.recv_timestamp).to_micros();
        assert!((0..100_000).contains(&server), "{rep}: {server}");
        // Clocks are the same machine: a small offset with T4 = T3.
        let off = r.offset(r.xmit_timestamp).to_micros();
        assert!(off.abs() < 100_000, "{rep}: {off}");
        // A request built by NtpRepr with chrony's T1 is the captured one.
        let mut out = [0u8; 48];
        NtpRepr {
            version: q.version,
            ..NtpRepr::client_request(q.xmit_timestamp)
        }
        .emit(&mut NtpPacket::new_unchecked(&mut out[..]))
        .unwrap();
        assert_eq!(&out[..], &by_name(&all, req).udp_payload()[..], "{req}");
    }
}

fn section(s: &str) -> Section {
    match s {
        "answer" => Section::Answer,
        "authority" => Section::Authority,
        "additional" => Section::Additional,
        other => panic!("{other}"),
    }
}

fn name_text(name: &dns::Name<'_>) -> String {
    let mut buf = [0u8; 255];
    let len = name.copy_dotted(&mut buf).unwrap();
    // copy_wire agrees with wire_len and the label count.
    let mut wire = [0u8; 255];
    assert_eq!(name.copy_wire(&mut wire), Ok(name.wire_len()));
    assert_eq!(wire[name.wire_len() - 1], 0);
    String::from_utf8(buf[..len].to_vec()).unwrap()
}

fn check_record(n: &str, rec: &Record<'_>, s: &Value) {
    assert_eq!(rec.section, section(s["section"].as_str().unwrap()), "{n}");
    let name = s["name"].as_str().unwrap();
    assert_eq!(name_text(&rec.name), name, "{n}");
    assert!(rec.name.eq_dotted(&name.to_uppercase()), "{n}");
    assert_eq!(rec.rtype as u64, num(&s["type"]), "{n}");
    assert_eq!(rec.class as u64, num(&s["class"]), "{n}");
    assert_eq!(rec.ttl as u64, num(&s["ttl"]), "{n}");
    assert_eq!(rec.rdata.len() as u64, num(&s["rdlen"]), "{n}");
    match rec.rtype {
        dns::rtype::AAAA => {
            assert_eq!(rec.aaaa(), Ok(addr(s["addr"].as_str().unwrap())), "{n}");
            assert_eq!(rec.a(), Err(Error::BadValue), "{n}");
        }
        dns::rtype::A => {
            let a: std::net::Ipv4Addr = s["addr"].as_str().unwrap().parse().unwrap();
            assert_eq!(rec.a(), Ok(a.octets()), "{n}");
        }
        dns::rtype::CNAME => {
            let target = rec.cname().unwrap();
            assert_eq!(name_text(&target), s["target"].as_str().unwrap(), "{n}");
        }
        _ => assert_eq!(rec.cname(), Err(Error::BadValue), "{n}"),
    }
}

#[test]
fn dns_matches_scapy() {
    let mut checked = 0;
    for v in vectors() {
        let Some(expect) = v.v["dns_expect"].as_object() else {
            continue;
        };
        let n = &v.name;
        assert_eq!(check_udp(&v), Ok(()), "{n}");
        let payload = v.udp_payload();
        let exp_error = expect["error"].as_str().map(error);
        let p = match DnsPacket::new_checked(&payload[..]) {
            Ok(p) => p,
            Err(e) => {
                assert_eq!(Some(e), exp_error, "{n}");
                continue;
            }
        };
        // Every question and record, and the first error wherever it is.
        let questions: Vec<_> = p.questions().collect();
        let records: Vec<_> = p.records().collect();
        let q_ok: Vec<_> = questions.iter().filter_map(|q| q.ok()).collect();
        let r_ok: Vec<_> = records.iter().filter_map(|r| r.ok()).collect();
        let first_error = questions
            .iter()
            .filter_map(|q| q.as_ref().err())
            .chain(records.iter().filter_map(|r| r.as_ref().err()))
            .next()
            .copied();
        assert_eq!(first_error, exp_error, "{n}");
        assert_eq!(q_ok.len() as u64, num(&expect["questions"]), "{n}");
        assert_eq!(r_ok.len() as u64, num(&expect["records"]), "{n}");
        // Errors end the iteration: nothing follows an Err.
        for items in [
            questions.iter().map(|q| q.is_err()).collect::<Vec<_>>(),
            records.iter().map(|r| r.is_err()).collect(),
        ] {
            if let Some(i) = items.iter().position(|&e| e) {
                assert_eq!(i, items.len() - 1, "{n}");
            }
        }
        if exp_error.is_none() {
            let want = expect["resolve_aaaa"].as_str().map(addr);
            let got = p
                .resolve(dns::rtype::AAAA)
                .unwrap()
                .map(|r| r.aaaa().unwrap());
            assert_eq!(got, want, "{n}");
        }
        checked += 1;
        let Some(s) = v.v["dns"].as_object() else {
            continue;
        };
        assert_eq!(p.id() as u64, num(&s["id"]), "{n}");
        assert_eq!(p.is_response() as u64, num(&s["qr"]), "{n}");
        assert_eq!(p.opcode() as u64, num(&s["opcode"]), "{n}");
        assert_eq!(p.is_authoritative() as u64, num(&s["aa"]), "{n}");
        assert_eq!(p.is_truncated() as u64, num(&s["tc"]), "{n}");
        assert_eq!(p.recursion_desired() as u64, num(&s["rd"]), "{n}");
        assert_eq!(p.recursion_available() as u64, num(&s["ra"]), "{n}");
        assert_eq!(p.z() as u64, num(&s["z"]), "{n}");
        assert_eq!(p.rcode() as u64, num(&s["rcode"]), "{n}");
        assert_eq!(p.question_count() as u64, num(&s["qdcount"]), "{n}");
        assert_eq!(p.answer_count() as u64, num(&s["ancount"]), "{n}");
        assert_eq!(p.authority_count() as u64, num(&s["nscount"]), "{n}");
        assert_eq!(p.additional_count() as u64, num(&s["arcount"]), "{n}");
        let qd = s["qd"].as_array().unwrap();
        assert_eq!(q_ok.len(), qd.len(), "{n}");
        for (q, sq) in q_ok.iter().zip(qd) {
            let name = sq["name"].as_str().unwrap();
            assert_eq!(name_text(&q.name), name, "{n}");
            assert!(q.name.eq_dotted(&name.to_lowercase()), "{n}");
            assert!(!q.name.eq_dotted(&format!("x{name}")), "{n}");
            assert_eq!(q.qtype as u64, num(&sq["qtype"]), "{n}");
            assert_eq!(q.qclass as u64, num(&sq["qclass"]), "{n}");
        }
        let rr = s["rr"].as_array().unwrap();
        assert_eq!(r_ok.len(), rr.len(), "{n}");
        for (rec, sr) in r_ok.iter().zip(rr) {
            check_record(n, rec, sr);
        }
        // A query for the same question: queries emit the same bytes as
        // scapy / the Python client; replies answer it.
        if let [q] = &q_ok[..] {
            let text = name_text(&q.name);
            let query = QueryRepr {
                id: p.id(),
                name: &text,
                qtype: q.qtype,
            };
            if p.is_response() {
                assert!(query.is_answered_by(&p), "{n}");
                assert!(
                    !QueryRepr {
                        id: p.id() ^ 1,
                        ..query
                    }
                    .is_answered_by(&p),
                    "{n}"
                );
                assert!(
                    !QueryRepr {
                        qtype: q.qtype ^ 1,
                        ..query
                    }
                    .is_answered_by(&p),
                    "{n}"
                );
            } else {
                let mut buf = [0u8; 512];
                let len = query
                    .emit(&mut DnsPacket::new_unchecked(&mut buf[..]))
                    .unwrap();
                assert_eq!(&buf[..len], &payload[..], "{n}");
                assert!(!query.is_answered_by(&p), "{n}");
            }
        }
        // Every prefix of a well-formed message ends in Truncated.
        if exp_error.is_none() {
            for cut in 0..payload.len() {
                let Ok(t) = DnsPacket::new_checked(&payload[..cut]) else {
                    assert!(cut < dns::HEADER_LEN);
                    continue;
                };
                let q_err = t.questions().find_map(|q| q.err());
                let r_err = t.records().find_map(|r| r.err());
                assert_eq!(q_err.or(r_err), Some(Error::Truncated), "{n} cut {cut}");
            }
        }
    }
    assert!(checked >= 29, "{checked}");
}
