//! UDP over IPv6 (RFC 768, RFC 8200 section 8.1).
//!
//! The view is laid over exactly the IPv6 payload (the bytes after the last
//! extension header). Over IPv6 the upper-layer length used in the checksum
//! pseudo-header is the IPv6 payload length (RFC 8200 section 8.1), so this
//! view is strict: the UDP length field must equal the slice length. A
//! shorter length field would leave bytes covered by no checksum; such
//! datagrams are refused with [`Error::BadLength`].
//!
//! Building a datagram is zero-copy: the application writes its payload at
//! offset [`HEADER_LEN`] of the buffer, then [`UdpRepr::emit`] fills the
//! header and the checksum in front of it.

use super::checksum;
use super::{ip_protocol, Error, Ipv6Address, Result};

/// Length of the UDP header.
pub const HEADER_LEN: usize = 8;

mod field {
    use core::ops::Range;
    pub const SRC_PORT: Range<usize> = 0..2;
    pub const DST_PORT: Range<usize> = 2..4;
    pub const LENGTH: Range<usize> = 4..6;
    pub const CHECKSUM: Range<usize> = 6..8;
}

/// A view of a UDP datagram (header and payload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdpPacket<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> UdpPacket<T> {
    /// Wraps a buffer without checking it.
    pub const fn new_unchecked(buffer: T) -> UdpPacket<T> {
        UdpPacket { buffer }
    }

    /// Wraps a buffer holding exactly one IPv6 payload, checking its lengths.
    pub fn new_checked(buffer: T) -> Result<UdpPacket<T>> {
        let p = Self::new_unchecked(buffer);
        p.check_len()?;
        Ok(p)
    }

    /// Checks the buffer against the header and the length field:
    /// shorter than 8 bytes or than the length field: [`Error::Truncated`];
    /// length field under 8 or under the buffer length: [`Error::BadLength`]
    /// (RFC 768 "Length"; RFC 8200 8.1: the IPv6 payload length is the
    /// upper-layer length).
    pub fn check_len(&self) -> Result<()> {
        let buf_len = self.buffer.as_ref().len();
        if buf_len < HEADER_LEN {
            return Err(Error::Truncated);
        }
        let len = self.len() as usize;
        if len < HEADER_LEN {
            Err(Error::BadLength)
        } else if len > buf_len {
            Err(Error::Truncated)
        } else if len < buf_len {
            Err(Error::BadLength)
        } else {
            Ok(())
        }
    }

    /// Gives the buffer back.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// (0 for a field past the end of a short unchecked buffer.)
    fn read_u16(&self, r: core::ops::Range<usize>) -> u16 {
        match self.buffer.as_ref().get(r) {
            Some(&[hi, lo]) => u16::from_be_bytes([hi, lo]),
            _ => 0,
        }
    }

    /// Source port (0: none, RFC 768).
    pub fn src_port(&self) -> u16 {
        self.read_u16(field::SRC_PORT)
    }

    /// Destination port.
    pub fn dst_port(&self) -> u16 {
        self.read_u16(field::DST_PORT)
    }

    /// The length field: header plus payload, in bytes.
    pub fn len(&self) -> u16 {
        self.read_u16(field::LENGTH)
    }

    /// True when the length field says there is no payload.
    pub fn is_empty(&self) -> bool {
        self.len() as usize <= HEADER_LEN
    }

    /// The checksum field.
    pub fn checksum(&self) -> u16 {
        self.read_u16(field::CHECKSUM)
    }

    /// The payload, as delimited by the length field.
    pub fn payload(&self) -> &[u8] {
        let b = self.buffer.as_ref();
        let end = (self.len() as usize).clamp(HEADER_LEN, b.len());
        &b[HEADER_LEN..end]
    }

    /// Checks the checksum over the IPv6 pseudo-header. A zero checksum
    /// field is refused: over IPv6 the UDP checksum is mandatory (RFC 8200
    /// section 8.1).
    pub fn verify_checksum(&self, src: &Ipv6Address, dst: &Ipv6Address) -> Result<()> {
        if self.checksum() == 0 {
            return Err(Error::BadChecksum);
        }
        // Clamped so that an unchecked view cannot make this panic.
        let b = self.buffer.as_ref();
        let data = &b[..(self.len() as usize).min(b.len())];
        if checksum::ipv6_upper_layer(src, dst, ip_protocol::UDP, data) == 0 {
            Ok(())
        } else {
            Err(Error::BadChecksum)
        }
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> UdpPacket<T> {
    fn write_u16(&mut self, r: core::ops::Range<usize>, v: u16) {
        self.buffer.as_mut()[r].copy_from_slice(&v.to_be_bytes());
    }

    /// Sets the source port.
    pub fn set_src_port(&mut self, v: u16) {
        self.write_u16(field::SRC_PORT, v)
    }

    /// Sets the destination port.
    pub fn set_dst_port(&mut self, v: u16) {
        self.write_u16(field::DST_PORT, v)
    }

    /// Sets the length field.
    pub fn set_len(&mut self, v: u16) {
        self.write_u16(field::LENGTH, v)
    }

    /// Sets the checksum field.
    pub fn set_checksum(&mut self, v: u16) {
        self.write_u16(field::CHECKSUM, v)
    }

    /// The payload, mutable, as delimited by the length field.
    pub fn payload_mut(&mut self) -> &mut [u8] {
        let end = (self.len() as usize).clamp(HEADER_LEN, self.buffer.as_ref().len());
        &mut self.buffer.as_mut()[HEADER_LEN..end]
    }

    /// Computes and stores the checksum over the pseudo-header and the
    /// first `len()` bytes. A computed 0 is sent as 0xffff (RFC 768; RFC
    /// 8200 8.1), since 0 would mean "no checksum".
    pub fn fill_checksum(&mut self, src: &Ipv6Address, dst: &Ipv6Address) {
        self.set_checksum(0);
        let len = (self.len() as usize).min(self.buffer.as_ref().len());
        let data = &self.buffer.as_ref()[..len];
        self.set_checksum(checksum_field(checksum::ipv6_upper_layer(
            src,
            dst,
            ip_protocol::UDP,
            data,
        )));
    }
}

/// The checksum field for the computed checksum `ck`: a computed 0 is
/// sent as 0xffff, the same one's-complement value, since a zero field
/// means "no checksum" (RFC 768; forbidden over IPv6, RFC 8200 8.1).
#[inline(always)]
pub const fn checksum_field(ck: u16) -> u16 {
    if ck == 0 {
        0xffff
    } else {
        ck
    }
}

/// The parsed header of a UDP datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UdpRepr {
    /// Source port.
    pub src_port: u16,
    /// Destination port.
    pub dst_port: u16,
    /// Payload length in bytes (header excluded).
    pub payload_len: usize,
}

impl UdpRepr {
    /// Parses a checked view and verifies its checksum. Destination port 0
    /// is refused with [`Error::BadValue`] (it is reserved; only the source
    /// port may be omitted, RFC 768).
    pub fn parse<T: AsRef<[u8]>>(
        packet: &UdpPacket<T>,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Result<UdpRepr> {
        packet.check_len()?;
        packet.verify_checksum(src, dst)?;
        if packet.dst_port() == 0 {
            return Err(Error::BadValue);
        }
        Ok(UdpRepr {
            src_port: packet.src_port(),
            dst_port: packet.dst_port(),
            payload_len: packet.len() as usize - HEADER_LEN,
        })
    }

    /// Bytes of header plus payload (`payload_len` must leave room for the
    /// header in a `usize`; [`UdpRepr::emit`] checks it).
    pub const fn buffer_len(&self) -> usize {
        HEADER_LEN + self.payload_len
    }

    /// Writes the header in front of a payload already placed at
    /// `[HEADER_LEN..HEADER_LEN + payload_len]` of the view's buffer, then
    /// the checksum. The buffer must be at least [`UdpRepr::buffer_len`]
    /// long ([`Error::Truncated`] otherwise) and the datagram must fit the
    /// 16-bit length field ([`Error::BadLength`]). Bytes after
    /// `buffer_len()` are not covered; slice the buffer to `buffer_len()`
    /// before handing it to IPv6.
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(
        &self,
        packet: &mut UdpPacket<T>,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Result<()> {
        // Checked before adding: usize is 16 bits on the MSP430.
        if self.payload_len > u16::MAX as usize - HEADER_LEN {
            return Err(Error::BadLength);
        }
        let len = self.buffer_len();
        if packet.buffer.as_ref().len() < len {
            return Err(Error::Truncated);
        }
        packet.set_src_port(self.src_port);
        packet.set_dst_port(self.dst_port);
        packet.set_len(len as u16);
        packet.fill_checksum(src, dst);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::checksum::ipv6_upper_layer;

    fn addr(g: [u16; 8]) -> Ipv6Address {
        Ipv6Address::new(g)
    }

    // Linux, a Python socket bound to [::1]:46500 sending "hello\n" to port
    // 9999, captured with tcpdump on lo (IPv6 payload only). Loopback leaves
    // the checksum to "hardware" (CHECKSUM_PARTIAL: the field held only the
    // pseudo-header sum 0x0021), so the field below is the full checksum,
    // 0xdf40, computed by a separate Python one's-complement sum.
    const LO_HELLO: [u8; 14] = [
        0xb5, 0xa4, 0x27, 0x0f, 0x00, 0x0e, 0xdf, 0x40, b'h', b'e', b'l', b'l', b'o', b'\n',
    ];

    #[test]
    fn short_unchecked_view_reads_zero_past_its_end() {
        // Three bytes: the source port, then nothing (no panic).
        let p = UdpPacket::new_unchecked(&[0x12u8, 0x34, 0x56][..]);
        assert_eq!(p.src_port(), 0x1234);
        assert_eq!((p.dst_port(), p.len(), p.checksum()), (0, 0, 0));
        assert_eq!(p.check_len(), Err(Error::Truncated));
    }

    #[test]
    fn parse_loopback_datagram() {
        let lo = Ipv6Address::LOOPBACK;
        let p = UdpPacket::new_checked(&LO_HELLO[..]).unwrap();
        assert_eq!(p.src_port(), 46500);
        assert_eq!(p.dst_port(), 9999);
        assert_eq!(p.len(), 14);
        assert_eq!(p.payload(), b"hello\n");
        // The checksum field is whatever makes the sum verify; recompute it
        // independently over the pseudo-header.
        let mut zeroed = LO_HELLO;
        zeroed[6] = 0;
        zeroed[7] = 0;
        assert_eq!(ipv6_upper_layer(&lo, &lo, 17, &zeroed), p.checksum());
        assert_eq!(p.verify_checksum(&lo, &lo), Ok(()));
        let r = UdpRepr::parse(&p, &lo, &lo).unwrap();
        assert_eq!(
            r,
            UdpRepr {
                src_port: 46500,
                dst_port: 9999,
                payload_len: 6
            }
        );
        // Another address pair changes the pseudo-header.
        let other = addr([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(p.verify_checksum(&other, &lo), Err(Error::BadChecksum));
    }

    #[test]
    fn lengths() {
        assert_eq!(
            UdpPacket::new_checked(&LO_HELLO[..7]).unwrap_err(),
            Error::Truncated
        );
        for n in 8..LO_HELLO.len() {
            assert_eq!(
                UdpPacket::new_checked(&LO_HELLO[..n]).unwrap_err(),
                Error::Truncated,
                "n={n}"
            );
        }
        let mut longer = [0u8; 15];
        longer[..14].copy_from_slice(&LO_HELLO);
        assert_eq!(
            UdpPacket::new_checked(&longer[..]).unwrap_err(),
            Error::BadLength
        );
        let mut small = LO_HELLO;
        small[4..6].copy_from_slice(&7u16.to_be_bytes());
        assert_eq!(
            UdpPacket::new_checked(&small[..]).unwrap_err(),
            Error::BadLength
        );
        // Header only: length 8 is valid and has an empty payload.
        let empty = [0, 1, 0, 2, 0, 8, 0, 0];
        let p = UdpPacket::new_checked(&empty[..]).unwrap();
        assert!(p.is_empty());
        assert_eq!(p.payload(), b"");
    }

    #[test]
    fn zero_checksum_is_refused() {
        let lo = Ipv6Address::LOOPBACK;
        let mut d = LO_HELLO;
        d[6] = 0;
        d[7] = 0;
        let p = UdpPacket::new_checked(&d[..]).unwrap();
        assert_eq!(p.verify_checksum(&lo, &lo), Err(Error::BadChecksum));
        assert_eq!(UdpRepr::parse(&p, &lo, &lo), Err(Error::BadChecksum));
    }

    #[test]
    fn corrupted_byte_is_detected() {
        let lo = Ipv6Address::LOOPBACK;
        for i in 0..LO_HELLO.len() {
            if (4..6).contains(&i) {
                continue; // length changes are length errors
            }
            let mut d = LO_HELLO;
            d[i] ^= 0x10;
            let p = UdpPacket::new_checked(&d[..]).unwrap();
            assert_eq!(
                p.verify_checksum(&lo, &lo),
                Err(Error::BadChecksum),
                "i={i}"
            );
        }
    }

    #[test]
    fn emit_in_place_round_trip() {
        let src = addr([0xfe80, 0, 0, 0, 0x200, 0, 0, 0x42]);
        let dst = addr([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x123]);
        let mut buf = [0xaau8; 64];
        buf[HEADER_LEN..HEADER_LEN + 5].copy_from_slice(b"query");
        let repr = UdpRepr {
            src_port: 50000,
            dst_port: 123,
            payload_len: 5,
        };
        let mut p = UdpPacket::new_unchecked(&mut buf[..]);
        repr.emit(&mut p, &src, &dst).unwrap();
        let n = repr.buffer_len();
        let p = UdpPacket::new_checked(&buf[..n]).unwrap();
        assert_eq!(p.payload(), b"query");
        assert_eq!(UdpRepr::parse(&p, &src, &dst), Ok(repr));
        assert_eq!(ipv6_upper_layer(&src, &dst, 17, &buf[..n]), 0);

        let mut tiny = [0u8; 12];
        let mut p = UdpPacket::new_unchecked(&mut tiny[..]);
        assert_eq!(repr.emit(&mut p, &src, &dst), Err(Error::Truncated));
        let huge = UdpRepr {
            payload_len: 65_528,
            ..repr
        };
        assert_eq!(huge.emit(&mut p, &src, &dst), Err(Error::BadLength));
    }

    #[test]
    fn computed_zero_is_sent_as_ffff() {
        // Pick the payload word so that the sum without it is ~x; then the
        // checksum comes out 0 and must be transmitted as 0xffff.
        let src = Ipv6Address::LOOPBACK;
        let dst = Ipv6Address::LOOPBACK;
        let mut buf = [0u8; 10];
        let repr = UdpRepr {
            src_port: 1,
            dst_port: 2,
            payload_len: 2,
        };
        let mut p = UdpPacket::new_unchecked(&mut buf[..]);
        repr.emit(&mut p, &src, &dst).unwrap();
        let ck = p.checksum();
        // Putting the checksum value in the payload makes the total sum
        // (with checksum field 0) equal to 0xffff, so the computed value is 0.
        p.payload_mut().copy_from_slice(&ck.to_be_bytes());
        p.fill_checksum(&src, &dst);
        assert_eq!(p.checksum(), 0xffff);
        assert_eq!(p.verify_checksum(&src, &dst), Ok(()));
    }

    #[test]
    fn destination_port_zero_is_refused() {
        let lo = Ipv6Address::LOOPBACK;
        let mut buf = [0u8; 8];
        let repr = UdpRepr {
            src_port: 7,
            dst_port: 0,
            payload_len: 0,
        };
        let mut p = UdpPacket::new_unchecked(&mut buf[..]);
        repr.emit(&mut p, &lo, &lo).unwrap();
        let p = UdpPacket::new_checked(&buf[..]).unwrap();
        assert_eq!(p.verify_checksum(&lo, &lo), Ok(()));
        assert_eq!(UdpRepr::parse(&p, &lo, &lo), Err(Error::BadValue));
    }
}
