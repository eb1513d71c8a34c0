//! Fuzzes the ICMPv6, NDP and MLD views: the input is one ICMPv6 message.
//! Every getter is touched, option and record iterators must terminate
//! within their bounds, and every repr that parses must emit and parse
//! back to the same value with a verifying checksum.
#![no_main]
use libfuzzer_sys::fuzz_target;
use microip6::wire::icmpv6::{error_invoking_len, Icmpv6Error, Icmpv6Packet, Icmpv6Repr};
use microip6::wire::mld::{
    emit_report, AddressRecordRepr, MldQuery, MldQueryRepr, MldReport, RECORD_HEADER_LEN,
};
use microip6::wire::ndp::{NdpOption, NdpPacket, NdpRepr};
use microip6::wire::{Error, Ipv6Address};

#[path = "common/icmpv6_repr.rs"]
mod icmpv6_repr;
use icmpv6_repr::assert_emits_and_parses_back;

const SRC: Ipv6Address = Ipv6Address([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
const DST: Ipv6Address = Ipv6Address([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);

fn icmpv6(data: &[u8]) {
    let Ok(p) = Icmpv6Packet::new_checked(data) else {
        assert!(data.len() < 8);
        return;
    };
    let _ = (
        p.msg_type(),
        p.msg_code(),
        p.checksum(),
        p.echo_ident(),
        p.echo_seq_no(),
    );
    let _ = (
        p.mtu(),
        p.pointer(),
        p.message_body().len(),
        p.payload().len(),
    );
    let _ = (p.verify_checksum(&SRC, &DST), p.msg_type().is_error());
    if let Ok(r) = Icmpv6Repr::parse(&p) {
        assert_emits_and_parses_back(r, &SRC, &DST);
    }
    // Echo reply in place: verifies with swapped addresses.
    let mut m = data.to_vec();
    let mut pm = Icmpv6Packet::new_unchecked(&mut m[..]);
    pm.fill_checksum(&SRC, &DST);
    if pm.make_echo_reply().is_ok() {
        assert!(pm.verify_checksum(&DST, &SRC));
    }
    // The input as the invoking packet of an error built in place.
    let mut frame = [0u8; 1514];
    let len = data.len().min(1500);
    frame[14..14 + len].copy_from_slice(&data[..len]);
    let e = Icmpv6Error::ParamProblem(0, data.len() as u32);
    let n = e
        .build_in_place(&mut frame, 54, 14, len, &SRC, &DST)
        .unwrap();
    assert_eq!(n, 8 + error_invoking_len(len, 1514 - 62));
    let q = Icmpv6Packet::new_checked(&frame[54..54 + n]).unwrap();
    assert!(q.verify_checksum(&SRC, &DST));
    assert_eq!(Icmpv6Error::parse(&q), Ok(e));
    assert_eq!(q.payload(), &data[..n - 8]);
}

fn ndp(data: &[u8]) {
    let Ok(p) = NdpPacket::new_checked(data) else {
        return;
    };
    let _ = (p.msg_type(), p.msg_code(), p.checksum(), p.cur_hop_limit());
    let _ = (
        p.managed_flag(),
        p.other_flag(),
        p.router_lifetime(),
        p.reachable_time(),
    );
    let _ = (
        p.retrans_time(),
        p.router_flag(),
        p.solicited_flag(),
        p.override_flag(),
    );
    let _ = (p.target_addr(), p.dest_addr(), p.has_option(1));
    let opts = p.options();
    let mut count = 0;
    let mut failed = false;
    for o in p.option_iter() {
        assert!(!failed, "item after an error");
        count += 1;
        assert!(count <= opts.len() / 8 + 1);
        match o {
            Err(e) => {
                assert_eq!(e, Error::BadOption);
                failed = true;
            }
            Ok(o) => {
                let _ = o.kind();
                if let NdpOption::Rdnss(r) = o {
                    assert!(r.iter().count() >= 1);
                }
                let mut buf = vec![0u8; o.buffer_len()];
                let n = o.emit(&mut buf).unwrap();
                let back: Vec<_> = microip6::wire::ndp::NdpOptionIter::new(&buf[..n]).collect();
                assert_eq!(back, [Ok(o)]);
            }
        }
    }
    let valid = p.validate();
    let _ = p.validate_ip(255, &SRC, &DST);
    let _ = p.validate_ip(255, &Ipv6Address::UNSPECIFIED, &Ipv6Address::ALL_NODES);
    match NdpRepr::parse(&p) {
        Ok(r) => {
            assert_eq!(valid, Ok(()));
            if matches!(r, NdpRepr::Redirect { .. }) {
                return;
            }
            let mut buf = vec![0u8; r.buffer_len()];
            let n = r.emit(&mut buf, &[], &SRC, &DST).unwrap();
            assert_eq!(n, r.buffer_len());
            let q = NdpPacket::new_checked(&buf[..n]).unwrap();
            assert_eq!(NdpRepr::parse(&q), Ok(r));
            assert!(Icmpv6Packet::new_checked(&buf[..n])
                .unwrap()
                .verify_checksum(&SRC, &DST));
        }
        Err(e) => assert_eq!(valid, Err(e)),
    }
}

fn mld(data: &[u8]) {
    if let Ok(r) = MldReport::new_checked(data) {
        let mut reprs = Vec::new();
        let mut sources = Vec::new();
        let mut failed = false;
        for rec in r.records() {
            assert!(!failed, "item after an error");
            assert!(reprs.len() + 1 <= r.num_records() as usize);
            match rec {
                Ok(rec) => {
                    assert_eq!(rec.sources.len() % 16, 0);
                    assert_eq!(rec.aux_data.len() % 4, 0);
                    sources.push(rec.source_iter().collect::<Vec<_>>());
                    reprs.push((rec.record_type, rec.group));
                }
                Err(e) => {
                    assert_eq!(e, Error::Truncated);
                    failed = true;
                }
            }
        }
        if r.validate().is_ok() {
            let recs: Vec<_> = reprs
                .iter()
                .zip(&sources)
                .map(|(&(t, g), s)| AddressRecordRepr {
                    record_type: t,
                    group: g,
                    sources: s,
                })
                .collect();
            let mut buf = vec![0u8; data.len() + 8];
            let n = emit_report(&mut buf, &recs, &SRC, &DST).unwrap();
            assert!(n <= data.len());
            let back = MldReport::new_checked(&buf[..n]).unwrap();
            assert_eq!(back.records().count(), recs.len());
            for (a, b) in back.records().zip(&recs) {
                let a = a.unwrap();
                assert_eq!((a.record_type, a.group), (b.record_type, b.group));
                assert_eq!(a.source_iter().collect::<Vec<_>>(), b.sources);
                assert_eq!(a.sources.len() + RECORD_HEADER_LEN, b.buffer_len());
            }
        }
    }
    if let Ok(q) = MldQuery::new_checked(data) {
        let _ = (
            q.max_resp_code(),
            q.max_response_delay_ms(),
            q.group(),
            q.is_general(),
        );
        let _ = (q.s_flag(), q.qrv(), q.qqic(), q.qqi_secs(), q.is_v2());
        assert_eq!(q.sources().len(), 16 * q.num_sources() as usize);
        assert_eq!(q.source_iter().count(), q.num_sources() as usize);
        let r = MldQueryRepr::parse(&q).unwrap();
        let mut buf = vec![0u8; r.buffer_len()];
        let n = r.emit(&mut buf, &SRC, &DST).unwrap();
        let back = MldQuery::new_checked(&buf[..n]).unwrap();
        // Reserved bits are not carried over, so compare the reprs.
        assert_eq!(MldQueryRepr::parse(&back), Ok(r));
    }
}

fuzz_target!(|data: &[u8]| {
    icmpv6(data);
    ndp(data);
    mld(data);
});
