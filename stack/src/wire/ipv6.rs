//! The IPv6 fixed header (RFC 8200 section 3).
//!
//! ```text
//!  0                   1                   2                   3
//! |Version| Traffic Class |           Flow Label                  |
//! |         Payload Length        |  Next Header  |   Hop Limit   |
//! |                     Source Address (128 bits)                 |
//! |                  Destination Address (128 bits)               |
//! ```
//!
//! Jumbograms (RFC 2675) are not supported: a Payload Length of zero is an
//! empty payload, whatever the Next Header says.

use super::{Error, Ipv6Address, Result};

/// Length of the fixed IPv6 header.
pub const HEADER_LEN: usize = 40;

/// The minimum link MTU every IPv6 link must support (RFC 8200 section 5).
pub const MIN_MTU: usize = 1280;

mod field {
    use core::ops::Range;
    pub const VER_TC_FLOW: Range<usize> = 0..4;
    pub const PAYLOAD_LEN: Range<usize> = 4..6;
    pub const NEXT_HEADER: usize = 6;
    pub const HOP_LIMIT: usize = 7;
    pub const SRC_ADDR: Range<usize> = 8..24;
    pub const DST_ADDR: Range<usize> = 24..40;
}

/// A view of an IPv6 packet: the fixed header and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv6Packet<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> Ipv6Packet<T> {
    /// Wraps `buffer` without checking it.
    pub const fn new_unchecked(buffer: T) -> Ipv6Packet<T> {
        Ipv6Packet { buffer }
    }

    /// Wraps `buffer` after [`Ipv6Packet::check_len`], and checks that the
    /// version is 6 (`Err(BadVersion)` otherwise).
    pub fn new_checked(buffer: T) -> Result<Ipv6Packet<T>> {
        let p = Self::new_unchecked(buffer);
        p.check_len()?;
        if p.version() != 6 {
            return Err(Error::BadVersion);
        }
        Ok(p)
    }

    /// `Err(Truncated)` if the buffer is shorter than the fixed header plus
    /// the Payload Length. A longer buffer is fine (Ethernet pads short
    /// frames to 60 bytes); [`Ipv6Packet::payload`] ignores the excess.
    pub fn check_len(&self) -> Result<()> {
        let len = self.buffer.as_ref().len();
        // Compare by subtraction: 40 + 65535 overflows a 16-bit usize.
        if len < HEADER_LEN || len - HEADER_LEN < self.payload_len() as usize {
            Err(Error::Truncated)
        } else {
            Ok(())
        }
    }

    /// The underlying buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    fn word0(&self) -> u32 {
        let b = self.buffer.as_ref();
        u32::from_be_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The Version field (6 for a checked view).
    pub fn version(&self) -> u8 {
        self.buffer.as_ref()[0] >> 4
    }

    /// The Traffic Class (DSCP and ECN bits).
    pub fn traffic_class(&self) -> u8 {
        (self.word0() >> 20) as u8
    }

    /// The 20-bit Flow Label (RFC 6437).
    pub fn flow_label(&self) -> u32 {
        self.word0() & 0x000f_ffff
    }

    /// The Payload Length: bytes after the fixed header, extension headers
    /// included.
    pub fn payload_len(&self) -> u16 {
        let b = self.buffer.as_ref();
        u16::from_be_bytes([b[field::PAYLOAD_LEN.start], b[field::PAYLOAD_LEN.start + 1]])
    }

    /// The Next Header value (an extension header or upper-layer protocol,
    /// see [`super::ip_protocol`]).
    pub fn next_header(&self) -> u8 {
        self.buffer.as_ref()[field::NEXT_HEADER]
    }

    /// The Hop Limit.
    pub fn hop_limit(&self) -> u8 {
        self.buffer.as_ref()[field::HOP_LIMIT]
    }

    /// The source address.
    pub fn src_addr(&self) -> Ipv6Address {
        Ipv6Address::from_bytes(&self.buffer.as_ref()[field::SRC_ADDR])
    }

    /// The destination address.
    pub fn dst_addr(&self) -> Ipv6Address {
        Ipv6Address::from_bytes(&self.buffer.as_ref()[field::DST_ADDR])
    }

    /// Length of the packet by its header: 40 + Payload Length.
    pub fn total_len(&self) -> usize {
        HEADER_LEN + self.payload_len() as usize
    }

    /// Exactly Payload Length bytes after the fixed header (link padding
    /// excluded).
    pub fn payload(&self) -> &[u8] {
        let end = self.total_len();
        &self.buffer.as_ref()[HEADER_LEN..end]
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Ipv6Packet<T> {
    fn set_word0(&mut self, value: u32) {
        self.buffer.as_mut()[field::VER_TC_FLOW].copy_from_slice(&value.to_be_bytes())
    }

    /// Sets the Version field (low four bits of `value`).
    pub fn set_version(&mut self, value: u8) {
        let b = &mut self.buffer.as_mut()[0];
        *b = (*b & 0x0f) | (value << 4);
    }

    /// Sets the Traffic Class.
    pub fn set_traffic_class(&mut self, value: u8) {
        let w = (self.word0() & 0xf00f_ffff) | (value as u32) << 20;
        self.set_word0(w)
    }

    /// Sets the Flow Label (low 20 bits of `value`).
    pub fn set_flow_label(&mut self, value: u32) {
        let w = (self.word0() & 0xfff0_0000) | (value & 0x000f_ffff);
        self.set_word0(w)
    }

    /// Sets the Payload Length.
    pub fn set_payload_len(&mut self, value: u16) {
        self.buffer.as_mut()[field::PAYLOAD_LEN].copy_from_slice(&value.to_be_bytes())
    }

    /// Sets the Next Header.
    pub fn set_next_header(&mut self, value: u8) {
        self.buffer.as_mut()[field::NEXT_HEADER] = value
    }

    /// Sets the Hop Limit.
    pub fn set_hop_limit(&mut self, value: u8) {
        self.buffer.as_mut()[field::HOP_LIMIT] = value
    }

    /// Sets the source address.
    pub fn set_src_addr(&mut self, addr: Ipv6Address) {
        self.buffer.as_mut()[field::SRC_ADDR].copy_from_slice(&addr.0)
    }

    /// Sets the destination address.
    pub fn set_dst_addr(&mut self, addr: Ipv6Address) {
        self.buffer.as_mut()[field::DST_ADDR].copy_from_slice(&addr.0)
    }

    /// The payload (Payload Length bytes), writable.
    pub fn payload_mut(&mut self) -> &mut [u8] {
        let end = self.total_len();
        &mut self.buffer.as_mut()[HEADER_LEN..end]
    }
}

/// The fields of an IPv6 fixed header this stack uses. Emitting writes a
/// Traffic Class and Flow Label of zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv6Repr {
    /// Source address.
    pub src_addr: Ipv6Address,
    /// Destination address.
    pub dst_addr: Ipv6Address,
    /// Next Header (first extension header or upper-layer protocol).
    pub next_header: u8,
    /// Payload Length: bytes after the fixed header (at most 65535).
    pub payload_len: usize,
    /// Hop Limit.
    pub hop_limit: u8,
}

impl Ipv6Repr {
    /// Reads the header of `packet`, checking its length and version.
    pub fn parse<T: AsRef<[u8]>>(packet: &Ipv6Packet<T>) -> Result<Ipv6Repr> {
        packet.check_len()?;
        if packet.version() != 6 {
            return Err(Error::BadVersion);
        }
        Ok(Ipv6Repr {
            src_addr: packet.src_addr(),
            dst_addr: packet.dst_addr(),
            next_header: packet.next_header(),
            payload_len: packet.payload_len() as usize,
            hop_limit: packet.hop_limit(),
        })
    }

    /// Length of the header this emits (40).
    pub const fn buffer_len(&self) -> usize {
        HEADER_LEN
    }

    /// Writes the fixed header into the first 40 bytes of `packet`'s buffer
    /// (which must hold them). The payload is left alone.
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, packet: &mut Ipv6Packet<T>) {
        // Version 6, Traffic Class 0, Flow Label 0.
        packet.set_word0(0x6000_0000);
        packet.set_payload_len(self.payload_len as u16);
        packet.set_next_header(self.next_header);
        packet.set_hop_limit(self.hop_limit);
        packet.set_src_addr(self.src_addr);
        packet.set_dst_addr(self.dst_addr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::ip_protocol;
    use std::vec::Vec;

    /// An ICMPv6 echo request fe80::1 -> fe80::2 (hop limit 64, traffic
    /// class 0xb8, flow label 0x12345, 10-byte payload), as on the wire,
    /// followed by 4 bytes of link padding.
    const ECHO: &str = "6b812345000a3a40\
                        fe800000000000000000000000000001\
                        fe800000000000000000000000000002\
                        80000818123400016869\
                        00000000";

    fn bytes(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    #[test]
    fn parses_fields_from_the_wire() {
        let b = bytes(ECHO);
        let p = Ipv6Packet::new_checked(&b[..]).unwrap();
        assert_eq!(p.version(), 6);
        assert_eq!(p.traffic_class(), 0xb8);
        assert_eq!(p.flow_label(), 0x12345);
        assert_eq!(p.payload_len(), 10);
        assert_eq!(p.next_header(), ip_protocol::ICMPV6);
        assert_eq!(p.hop_limit(), 64);
        assert_eq!(
            p.src_addr(),
            Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 1])
        );
        assert_eq!(
            p.dst_addr(),
            Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 2])
        );
        // Padding is not payload.
        assert_eq!(p.total_len(), 50);
        assert_eq!(p.payload(), &b[40..50]);
        assert_eq!(p.payload()[8..], *b"hi");
    }

    #[test]
    fn setters_touch_only_their_bits() {
        let mut b = bytes(ECHO);
        let mut p = Ipv6Packet::new_checked(&mut b[..]).unwrap();
        p.set_traffic_class(0x01);
        assert_eq!(
            (p.version(), p.traffic_class(), p.flow_label()),
            (6, 1, 0x12345)
        );
        p.set_flow_label(0xfffff);
        assert_eq!(
            (p.version(), p.traffic_class(), p.flow_label()),
            (6, 1, 0xfffff)
        );
        p.set_flow_label(0x1_00001); // bit 20 must not leak into the class
        assert_eq!((p.traffic_class(), p.flow_label()), (1, 1));
        p.set_version(4);
        assert_eq!((p.version(), p.traffic_class(), p.flow_label()), (4, 1, 1));
        p.set_hop_limit(255);
        p.set_next_header(ip_protocol::UDP);
        p.payload_mut()[0] = 0x42;
        assert_eq!(&b[..8], &[0x40, 0x10, 0x00, 0x01, 0x00, 0x0a, 17, 255]);
        assert_eq!(b[40], 0x42);
    }

    #[test]
    fn truncated_at_every_length() {
        let b = bytes(ECHO);
        for n in 0..50 {
            assert_eq!(
                Ipv6Packet::new_checked(&b[..n]).err(),
                Some(Error::Truncated),
                "len {n}"
            );
            assert_eq!(
                Ipv6Repr::parse(&Ipv6Packet::new_unchecked(&b[..n])),
                Err(Error::Truncated)
            );
        }
        for n in 50..=b.len() {
            assert!(Ipv6Packet::new_checked(&b[..n]).is_ok(), "len {n}");
        }
    }

    #[test]
    fn payload_length_past_the_buffer() {
        let mut b = bytes(ECHO);
        b[4] = 0xff;
        b[5] = 0xff;
        assert_eq!(
            Ipv6Packet::new_checked(&b[..]).err(),
            Some(Error::Truncated)
        );
        b[4] = 0;
        b[5] = 15; // 40 + 15 > 54
        assert_eq!(
            Ipv6Packet::new_checked(&b[..]).err(),
            Some(Error::Truncated)
        );
        b[5] = 14; // exactly the buffer
        assert_eq!(Ipv6Packet::new_checked(&b[..]).unwrap().payload().len(), 14);
        b[5] = 0; // empty payload, even with Next Header 58
        let p = Ipv6Packet::new_checked(&b[..]).unwrap();
        assert!(p.payload().is_empty());
    }

    #[test]
    fn wrong_version() {
        let mut b = bytes(ECHO);
        for v in [0u8, 4, 5, 7, 15] {
            b[0] = (v << 4) | (b[0] & 0x0f);
            assert_eq!(
                Ipv6Packet::new_checked(&b[..]).err(),
                Some(Error::BadVersion)
            );
            assert_eq!(
                Ipv6Repr::parse(&Ipv6Packet::new_unchecked(&b[..])),
                Err(Error::BadVersion)
            );
        }
        // Length is checked first: a short IPv4 header is Truncated.
        assert_eq!(
            Ipv6Packet::new_checked(&bytes("4500001c")[..]).err(),
            Some(Error::Truncated)
        );
    }

    #[test]
    fn emit_round_trip() {
        let repr = Ipv6Repr {
            src_addr: Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x42]),
            dst_addr: Ipv6Address::ALL_NODES,
            next_header: ip_protocol::UDP,
            payload_len: 3,
            hop_limit: 255,
        };
        let mut b = [0xffu8; 43];
        let mut p = Ipv6Packet::new_unchecked(&mut b[..]);
        repr.emit(&mut p);
        p.payload_mut().copy_from_slice(b"abc");
        let p = Ipv6Packet::new_checked(&b[..]).unwrap();
        assert_eq!(Ipv6Repr::parse(&p).unwrap(), repr);
        assert_eq!((p.traffic_class(), p.flow_label()), (0, 0));
        assert_eq!(repr.buffer_len(), 40);
        // Version 6, class 0, label 0, length 3, UDP, hop limit 255.
        assert_eq!(hex::encode(&b[..8]), "60000000000311ff");
    }
}
