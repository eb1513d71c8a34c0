//! DNS view: any message either fails with a typed error or iterates to an
//! end; every name is bounded (<= 255 bytes, <= 127 labels), copies out,
//! compares equal to its own copies, and re-parses from its wire form.
#![no_main]
use libfuzzer_sys::fuzz_target;
use microip6::wire::dns::{self, DnsPacket, Name, QueryRepr, HEADER_LEN, MAX_NAME_LEN};
use microip6::wire::Error;

fn typed(e: Error) -> bool {
    matches!(
        e,
        Error::Truncated
            | Error::BadValue
            | Error::BadPointer
            | Error::NameTooLong
            | Error::BadLength
    )
}

fn check_name(name: &Name<'_>) {
    let n = name.wire_len();
    assert!((1..=MAX_NAME_LEN).contains(&n));
    let mut sum = 1;
    let mut count = 0;
    for label in name.labels() {
        assert!((1..=63).contains(&label.len()));
        sum += 1 + label.len();
        count += 1;
        assert!(count <= 127);
    }
    assert_eq!(sum, n);
    assert_eq!(name.is_root(), count == 0);
    assert!(*name == *name);

    // Wire form, re-parsed inside a one-question message, is the same name.
    let mut msg = [0u8; HEADER_LEN + MAX_NAME_LEN + 4];
    msg[5] = 1; // QDCOUNT 1
    assert_eq!(name.copy_wire(&mut msg[HEADER_LEN..]), Ok(n));
    assert_eq!(
        name.copy_wire(&mut [0u8; MAX_NAME_LEN][..n - 1]),
        Err(Error::Truncated)
    );
    let m = DnsPacket::new_checked(&msg[..HEADER_LEN + n + 4]).unwrap();
    let q = m.questions().next().unwrap().unwrap();
    assert!(q.name == *name);

    // Dotted text: compares equal when no label holds a dot.
    let mut text = [0u8; MAX_NAME_LEN];
    let len = name.copy_dotted(&mut text).unwrap();
    if let Ok(s) = core::str::from_utf8(&text[..len]) {
        if count == 0 || name.labels().all(|l| !l.contains(&b'.')) {
            assert!(name.eq_dotted(s));
            if count > 0 {
                let query = QueryRepr {
                    id: 7,
                    name: s,
                    qtype: dns::rtype::AAAA,
                };
                let mut out = [0u8; 512];
                let qlen = query
                    .emit(&mut DnsPacket::new_unchecked(&mut out[..]))
                    .unwrap();
                assert_eq!(qlen, HEADER_LEN + n + 4);
                let back = DnsPacket::new_checked(&out[..qlen]).unwrap();
                assert!(back.questions().next().unwrap().unwrap().name == *name);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let p = match DnsPacket::new_checked(data) {
        Ok(p) => p,
        Err(e) => {
            assert!(data.len() < HEADER_LEN && e == Error::Truncated);
            return;
        }
    };
    let _ = (
        p.id(),
        p.flags(),
        p.is_response(),
        p.opcode(),
        p.is_authoritative(),
    );
    let _ = (
        p.is_truncated(),
        p.recursion_desired(),
        p.recursion_available(),
        p.z(),
        p.rcode(),
    );

    let mut seen = 0usize;
    let mut failed = false;
    for q in p.questions() {
        assert!(!failed, "item after an error");
        seen += 1;
        assert!(seen <= p.question_count() as usize);
        match q {
            Ok(q) => {
                check_name(&q.name);
                assert!(q.name.offset() < data.len());
            }
            Err(e) => {
                assert!(typed(e));
                failed = true;
            }
        }
    }
    let total =
        p.answer_count() as usize + p.authority_count() as usize + p.additional_count() as usize;
    let mut seen = 0usize;
    let mut failed = false;
    for r in p.records() {
        assert!(!failed, "item after an error");
        seen += 1;
        assert!(seen <= total.max(1));
        match r {
            Ok(r) => {
                check_name(&r.name);
                let _ = (r.ttl_secs(), r.a(), r.aaaa());
                if let Ok(target) = r.cname() {
                    check_name(&target);
                }
            }
            Err(e) => {
                assert!(typed(e));
                failed = true;
            }
        }
    }
    for t in [dns::rtype::AAAA, dns::rtype::A] {
        match p.resolve(t) {
            Ok(Some(r)) => assert_eq!(r.rtype, t),
            Ok(None) => {}
            Err(e) => assert!(typed(e)),
        }
    }
});
