//! UDP view: any bytes (after 32 bytes of source/destination address) either
//! fail with a typed error or give a view whose getters stay in bounds and
//! whose valid datagrams re-emit to the same bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use microip6::wire::udp::{UdpPacket, UdpRepr, HEADER_LEN};
use microip6::wire::{Error, Ipv6Address};

fuzz_target!(|data: &[u8]| {
    if data.len() < 32 {
        return;
    }
    let src = Ipv6Address::from_bytes(&data[..16]);
    let dst = Ipv6Address::from_bytes(&data[16..32]);
    let udp = &data[32..];

    // Unchecked views of at least a header must not panic either.
    if udp.len() >= HEADER_LEN {
        let p = UdpPacket::new_unchecked(udp);
        let _ = (
            p.src_port(),
            p.dst_port(),
            p.len(),
            p.checksum(),
            p.is_empty(),
        );
        assert!(p.payload().len() <= udp.len() - HEADER_LEN);
        let _ = p.verify_checksum(&src, &dst);
        let mut copy = udp.to_vec();
        let mut m = UdpPacket::new_unchecked(&mut copy[..]);
        m.fill_checksum(&src, &dst);
        assert_ne!(m.checksum(), 0);
        let _ = m.payload_mut().len();
    }

    let p = match UdpPacket::new_checked(udp) {
        Ok(p) => p,
        Err(e) => {
            assert!(matches!(e, Error::Truncated | Error::BadLength));
            return;
        }
    };
    assert_eq!(p.len() as usize, udp.len());
    assert_eq!(p.payload().len(), udp.len() - HEADER_LEN);
    let verified = p.verify_checksum(&src, &dst);
    assert!(matches!(verified, Ok(()) | Err(Error::BadChecksum)));
    if p.checksum() == 0 {
        assert!(verified.is_err());
    }
    match UdpRepr::parse(&p, &src, &dst) {
        Ok(repr) => {
            assert!(verified.is_ok());
            assert_eq!(repr.buffer_len(), udp.len());
            // Re-emit around the same payload: identical bytes (a verifying
            // non-zero checksum is unique).
            let mut out = vec![0u8; repr.buffer_len()];
            out[HEADER_LEN..].copy_from_slice(p.payload());
            repr.emit(&mut UdpPacket::new_unchecked(&mut out[..]), &src, &dst)
                .unwrap();
            assert_eq!(&out[..], udp);
        }
        Err(e) => assert!(matches!(e, Error::BadChecksum | Error::BadValue)),
    }
});
