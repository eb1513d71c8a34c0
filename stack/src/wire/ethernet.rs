//! Ethernet II frames (IEEE 802.3 / RFC 894) and the IPv6 multicast mapping (RFC 2464).
//!
//! Only the 14-byte Ethernet II header is understood: destination, source,
//! EtherType. The FCS is stripped by the controller. 802.1Q tags are not
//! parsed; a tagged frame simply reports EtherType [`ethertype::VLAN`].
//! The IPv6 multicast to MAC mapping (RFC 2464 section 7) is
//! [`MacAddress::from_ipv6_multicast`].

use super::{Error, MacAddress, Result};

/// EtherType values this stack recognises (IEEE registry).
pub mod ethertype {
    /// IPv4 (RFC 894); recognised only to be counted and dropped.
    pub const IPV4: u16 = 0x0800;
    /// ARP (RFC 826); recognised only to be counted and dropped.
    pub const ARP: u16 = 0x0806;
    /// An IEEE 802.1Q VLAN tag; tagged frames are not supported.
    pub const VLAN: u16 = 0x8100;
    /// IPv6 (RFC 2464 section 3).
    pub const IPV6: u16 = 0x86dd;
}

/// Length of the Ethernet II header: two addresses and the EtherType.
pub const HEADER_LEN: usize = 14;

mod field {
    use core::ops::Range;
    pub const DST: Range<usize> = 0..6;
    pub const SRC: Range<usize> = 6..12;
    pub const ETHERTYPE: Range<usize> = 12..14;
}

/// A view of an Ethernet II frame (header and payload, no FCS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthernetFrame<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> EthernetFrame<T> {
    /// Wraps `buffer` without checking its length.
    pub const fn new_unchecked(buffer: T) -> EthernetFrame<T> {
        EthernetFrame { buffer }
    }

    /// Wraps `buffer` after [`EthernetFrame::check_len`].
    pub fn new_checked(buffer: T) -> Result<EthernetFrame<T>> {
        let f = Self::new_unchecked(buffer);
        f.check_len()?;
        Ok(f)
    }

    /// `Err(Truncated)` if the buffer cannot hold the 14-byte header.
    pub fn check_len(&self) -> Result<()> {
        if self.buffer.as_ref().len() < HEADER_LEN {
            Err(Error::Truncated)
        } else {
            Ok(())
        }
    }

    /// The underlying buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// The destination address.
    pub fn dst_addr(&self) -> MacAddress {
        MacAddress::from_bytes(&self.buffer.as_ref()[field::DST])
    }

    /// The source address.
    pub fn src_addr(&self) -> MacAddress {
        MacAddress::from_bytes(&self.buffer.as_ref()[field::SRC])
    }

    /// The EtherType (see [`ethertype`]).
    pub fn ethertype(&self) -> u16 {
        let b = self.buffer.as_ref();
        u16::from_be_bytes([b[field::ETHERTYPE.start], b[field::ETHERTYPE.start + 1]])
    }

    /// Everything after the header (padding included: the upper layer's own
    /// length field says how much of it is real).
    pub fn payload(&self) -> &[u8] {
        &self.buffer.as_ref()[HEADER_LEN..]
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> EthernetFrame<T> {
    /// Sets the destination address.
    pub fn set_dst_addr(&mut self, addr: MacAddress) {
        self.buffer.as_mut()[field::DST].copy_from_slice(&addr.0)
    }

    /// Sets the source address.
    pub fn set_src_addr(&mut self, addr: MacAddress) {
        self.buffer.as_mut()[field::SRC].copy_from_slice(&addr.0)
    }

    /// Sets the EtherType.
    pub fn set_ethertype(&mut self, value: u16) {
        self.buffer.as_mut()[field::ETHERTYPE].copy_from_slice(&value.to_be_bytes())
    }

    /// The payload, writable.
    pub fn payload_mut(&mut self) -> &mut [u8] {
        &mut self.buffer.as_mut()[HEADER_LEN..]
    }
}

/// The fields of an Ethernet II header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EthernetRepr {
    /// Destination address.
    pub dst_addr: MacAddress,
    /// Source address.
    pub src_addr: MacAddress,
    /// EtherType (see [`ethertype`]).
    pub ethertype: u16,
}

impl EthernetRepr {
    /// Reads the header of `frame`.
    pub fn parse<T: AsRef<[u8]>>(frame: &EthernetFrame<T>) -> Result<EthernetRepr> {
        frame.check_len()?;
        Ok(EthernetRepr {
            dst_addr: frame.dst_addr(),
            src_addr: frame.src_addr(),
            ethertype: frame.ethertype(),
        })
    }

    /// Length of the header this emits.
    pub const fn header_len(&self) -> usize {
        HEADER_LEN
    }

    /// Length of the buffer [`EthernetRepr::emit`] needs (the header).
    pub const fn buffer_len(&self) -> usize {
        HEADER_LEN
    }

    /// Writes the header into `frame`, whose buffer must hold at least
    /// [`HEADER_LEN`] bytes (as [`EthernetFrame::new_checked`] ensures).
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, frame: &mut EthernetFrame<T>) {
        frame.set_dst_addr(self.dst_addr);
        frame.set_src_addr(self.src_addr);
        frame.set_ethertype(self.ethertype);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    /// A Linux router advertisement's first bytes as captured by tcpdump:
    /// 33:33:00:00:00:01 <- 52:54:00:12:34:56, IPv6, then the IPv6 header start.
    const RA_START: [u8; 18] = [
        0x33, 0x33, 0x00, 0x00, 0x00, 0x01, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x86, 0xdd, 0x60,
        0x00, 0x00, 0x00,
    ];

    #[test]
    fn parses_captured_header() {
        let f = EthernetFrame::new_checked(&RA_START[..]).unwrap();
        assert_eq!(f.dst_addr(), MacAddress([0x33, 0x33, 0, 0, 0, 1]));
        assert!(f.dst_addr().is_multicast());
        assert_eq!(
            f.src_addr(),
            MacAddress([0x52, 0x54, 0x00, 0x12, 0x34, 0x56])
        );
        assert_eq!(f.ethertype(), ethertype::IPV6);
        assert_eq!(f.payload(), &[0x60, 0, 0, 0]);
        let r = EthernetRepr::parse(&f).unwrap();
        assert_eq!(r.ethertype, 0x86dd);
        assert_eq!(r.dst_addr, f.dst_addr());
        assert_eq!(r.src_addr, f.src_addr());
    }

    #[test]
    fn vlan_tag_reports_8100() {
        // ff:ff:ff:ff:ff:ff <- 00:11:22:33:44:55, 802.1Q VID 5, then ARP.
        let frame = hex_bytes("ffffffffffff001122334455810000050806");
        let f = EthernetFrame::new_checked(&frame[..]).unwrap();
        assert_eq!(f.ethertype(), ethertype::VLAN);
        assert_eq!(f.payload(), &[0x00, 0x05, 0x08, 0x06]);
        assert!(f.dst_addr().is_broadcast());
    }

    #[test]
    fn truncated_at_every_length() {
        for n in 0..HEADER_LEN {
            assert_eq!(
                EthernetFrame::new_checked(&RA_START[..n]).err(),
                Some(Error::Truncated),
                "len {n}"
            );
            assert_eq!(
                EthernetRepr::parse(&EthernetFrame::new_unchecked(&RA_START[..n])),
                Err(Error::Truncated)
            );
        }
        let f = EthernetFrame::new_checked(&RA_START[..HEADER_LEN]).unwrap();
        assert!(f.payload().is_empty());
    }

    #[test]
    fn emit_round_trip_and_bytes() {
        let repr = EthernetRepr {
            dst_addr: MacAddress::from_ipv6_multicast(&crate::wire::Ipv6Address::ALL_ROUTERS),
            src_addr: MacAddress([0x02, 0, 0, 0, 0, 0x42]),
            ethertype: ethertype::IPV6,
        };
        let mut buf = [0xaau8; 20];
        let mut f = EthernetFrame::new_checked(&mut buf[..]).unwrap();
        repr.emit(&mut f);
        f.payload_mut()[0] = 0x60;
        assert_eq!(EthernetRepr::parse(&f).unwrap(), repr);
        assert_eq!(f.into_inner().len(), 20);
        // dst 33:33:00:00:00:02, src 02:00:00:00:00:42, IPv6.
        assert_eq!(&buf[..15], &hex_bytes("33330000000202000000004286dd60")[..]);
        assert_eq!(&buf[15..], &[0xaa; 5]);
    }

    fn hex_bytes(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }
}
