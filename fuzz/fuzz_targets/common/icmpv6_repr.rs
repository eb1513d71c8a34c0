//! Shared by the targets that parse ICMPv6 messages (icmpv6_ndp,
//! frame_walk): what parses emits and parses back equal.

use microip6::wire::icmpv6::{Icmpv6Packet, Icmpv6Repr, ERROR_MAX_INVOKING};
use microip6::wire::Ipv6Address;

/// `r` emitted from `src` to `dst` has a verifying checksum and parses
/// back to `r`, an error's invoking packet cut to [`ERROR_MAX_INVOKING`]
/// bytes (RFC 4443 2.4 (c): as much as fits the minimum MTU).
pub fn assert_emits_and_parses_back(r: Icmpv6Repr<'_>, src: &Ipv6Address, dst: &Ipv6Address) {
    let mut buf = vec![0u8; r.buffer_len()];
    let n = r.emit(&mut buf, src, dst).unwrap();
    let q = Icmpv6Packet::new_checked(&buf[..n]).unwrap();
    assert!(q.verify_checksum(src, dst));
    match (r, Icmpv6Repr::parse(&q).unwrap()) {
        (
            Icmpv6Repr::Error {
                error: a,
                invoking: x,
            },
            Icmpv6Repr::Error {
                error: b,
                invoking: y,
            },
        ) => {
            assert_eq!(a, b);
            assert_eq!(y, &x[..x.len().min(ERROR_MAX_INVOKING)]);
        }
        (a, b) => assert_eq!(a, b),
    }
}
