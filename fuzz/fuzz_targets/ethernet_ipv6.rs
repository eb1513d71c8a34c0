//! Ethernet -> IPv6 -> extension header walk on arbitrary bytes: no panic,
//! every getter of a checked view in bounds, walk results in bounds, and
//! emit(parse(x)) parses back equal.
#![no_main]
use libfuzzer_sys::fuzz_target;
use microip6::wire::ethernet::{EthernetFrame, EthernetRepr, HEADER_LEN as ETH_LEN};
use microip6::wire::ip_protocol;
use microip6::wire::ipv6::{Ipv6Packet, Ipv6Repr, HEADER_LEN as IP_LEN};
use microip6::wire::ipv6ext::{
    walk, ExtHeader, ExtWalk, FragmentHeader, RoutingHeader, MAX_EXT_HEADERS,
};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the multicast flag; the rest is the frame.
    let Some((&flags, frame)) = data.split_first() else {
        return;
    };
    let Ok(f) = EthernetFrame::new_checked(frame) else {
        assert!(frame.len() < ETH_LEN);
        return;
    };
    let er = EthernetRepr::parse(&f).unwrap();
    assert_eq!(
        (er.dst_addr, er.src_addr, er.ethertype),
        (f.dst_addr(), f.src_addr(), f.ethertype())
    );
    let mut eb = [0u8; ETH_LEN];
    er.emit(&mut EthernetFrame::new_unchecked(&mut eb[..]));
    assert_eq!(eb[..], frame[..ETH_LEN]);

    // Whatever the EtherType says, try the payload as IPv6.
    let payload = f.payload();
    let multicast = flags & 1 != 0;
    let w = walk(payload, multicast);
    let p = match Ipv6Packet::new_checked(payload) {
        Ok(p) => p,
        Err(_) => {
            let r = Ipv6Repr::parse(&Ipv6Packet::new_unchecked(payload));
            assert!(r.is_err());
            return;
        }
    };
    let _ = (
        p.traffic_class(),
        p.flow_label(),
        p.hop_limit(),
        p.src_addr(),
        p.dst_addr(),
    );
    let total = p.total_len();
    assert!(total <= payload.len());
    assert_eq!(p.payload().len(), p.payload_len() as usize);

    // Repr round trip: emit(parse(x)) re-parses equal, same header bytes
    // but for Traffic Class and Flow Label (emitted as zero).
    let r = Ipv6Repr::parse(&p).unwrap();
    assert_eq!(r.next_header, p.next_header());
    let mut buf = [0u8; IP_LEN];
    let mut q = Ipv6Packet::new_unchecked(&mut buf[..]);
    r.emit(&mut q);
    q.set_payload_len(0);
    let mut r0 = r;
    r0.payload_len = 0;
    assert_eq!(
        Ipv6Repr::parse(&Ipv6Packet::new_checked(&buf[..]).unwrap()),
        Ok(r0)
    );
    assert_eq!(buf[6..], payload[6..IP_LEN]);

    match w {
        ExtWalk::Upper {
            protocol,
            offset,
            next_header_pointer,
        } => {
            assert!(offset >= IP_LEN && offset <= total);
            let ptr = next_header_pointer as usize;
            assert!(ptr < offset);
            assert_eq!(payload[ptr], protocol);
            assert!(!matches!(
                protocol,
                ip_protocol::HOP_BY_HOP
                    | ip_protocol::ROUTING
                    | ip_protocol::FRAGMENT
                    | ip_protocol::DESTINATION_OPTIONS
                    | ip_protocol::NO_NEXT_HEADER
            ));
            // Walk the chain again with the views: every header in bounds.
            let mut nh = p.next_header();
            let mut at = IP_LEN;
            let mut n = 0;
            while at < offset {
                let hdr = &payload[at..total];
                let len = if nh == ip_protocol::FRAGMENT {
                    let fh = FragmentHeader::new_checked(hdr).unwrap();
                    assert!(fh.is_atomic());
                    let _ = (fh.frag_offset(), fh.more_fragments(), fh.ident());
                    nh = fh.next_header();
                    8
                } else {
                    let eh = ExtHeader::new_checked(hdr).unwrap();
                    if nh == ip_protocol::ROUTING {
                        let rh = RoutingHeader::new_checked(hdr).unwrap();
                        assert_eq!(rh.segments_left(), 0);
                        let _ = (rh.routing_type(), rh.data());
                    } else {
                        for o in eh.options() {
                            let o = o.unwrap();
                            assert!(
                                o.offset + 2 + o.data.len() <= eh.header_len()
                                    || o.option_type == 0
                            );
                        }
                    }
                    let _ = eh.data();
                    nh = eh.next_header();
                    eh.header_len()
                };
                at += len;
                n += 1;
            }
            assert_eq!((at, nh), (offset, protocol));
            assert!(n <= MAX_EXT_HEADERS);
        }
        ExtWalk::ParamProblem { code, pointer } => {
            assert!(code <= 2);
            assert!((pointer as usize) < total);
        }
        ExtWalk::NoNextHeader | ExtWalk::Drop(_) => {}
    }
});
