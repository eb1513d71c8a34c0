//! IPv6 extension headers (RFC 8200 section 4): recognised, skipped or rejected as the RFC says.
//!
//! The node layer calls [`walk`] on a received packet. It follows the
//! Next Header chain from the fixed header through Hop-by-Hop Options,
//! Destination Options, Routing and Fragment headers and says what to do:
//! hand the upper-layer header at some offset to its protocol, stop (No Next
//! Header), drop silently, or answer with an ICMPv6 Parameter Problem.
//!
//! This node supports no routing types and does not reassemble fragments.
//! Every other Next Header value is reported as an upper-layer protocol;
//! the node answers Parameter Problem code 1 for those it does not handle
//! (RFC 8200 section 4), using [`ExtWalk::Upper::next_header_pointer`].

use super::{ip_protocol, Error, Result};

/// At most this many extension headers are followed before the packet is
/// dropped. RFC 8200 section 4.1 orders at most seven (Destination Options
/// may appear twice); the cap bounds work on hostile chains.
pub const MAX_EXT_HEADERS: usize = 8;

/// ICMPv6 Parameter Problem codes (RFC 4443 section 3.4).
pub mod param_problem {
    /// Erroneous header field encountered.
    pub const ERRONEOUS_HEADER_FIELD: u8 = 0;
    /// Unrecognized Next Header type encountered.
    pub const UNRECOGNIZED_NEXT_HEADER: u8 = 1;
    /// Unrecognized IPv6 option encountered.
    pub const UNRECOGNIZED_OPTION: u8 = 2;
}

/// Option types in Hop-by-Hop and Destination Options headers.
pub mod option_type {
    /// One byte of padding, no length field (RFC 8200 section 4.2).
    pub const PAD1: u8 = 0;
    /// Two or more bytes of padding (RFC 8200 section 4.2).
    pub const PADN: u8 = 1;
    /// Router Alert (RFC 2711); its action bits are 00, so it is skipped.
    pub const ROUTER_ALERT: u8 = 5;
    /// Jumbo Payload (RFC 2675); not supported, action bits 11.
    pub const JUMBO_PAYLOAD: u8 = 0xc2;
}

/// What a node that does not recognise an option must do, from the two
/// high-order bits of its type (RFC 8200 section 4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownOptionAction {
    /// 00: skip over the option and continue processing the header.
    Skip,
    /// 01: discard the packet.
    Discard,
    /// 10: discard the packet and send a Parameter Problem, code 2,
    /// pointing at the option type, whatever the destination was.
    DiscardAndReport,
    /// 11: as 10, but only if the destination was not multicast.
    DiscardAndReportIfUnicast,
}

impl UnknownOptionAction {
    /// The action encoded in `option_type`.
    pub const fn of(option_type: u8) -> UnknownOptionAction {
        match option_type >> 6 {
            0 => UnknownOptionAction::Skip,
            1 => UnknownOptionAction::Discard,
            2 => UnknownOptionAction::DiscardAndReport,
            _ => UnknownOptionAction::DiscardAndReportIfUnicast,
        }
    }
}

/// `Err(Truncated)` unless `buf` holds the whole header whose Hdr Ext Len
/// is at offset 1 (the RFC 6564 uniform format, 8-octet units not counting
/// the first 8).
fn check_ext_len(buf: &[u8]) -> Result<()> {
    if buf.len() < 2 || buf.len() < ext_header_len(buf[1]) {
        Err(Error::Truncated)
    } else {
        Ok(())
    }
}

/// Length in bytes of an extension header whose Hdr Ext Len is `field`.
const fn ext_header_len(field: u8) -> usize {
    (field as usize + 1) * 8
}

/// A view of an extension header in the uniform format (RFC 6564): Next
/// Header, Hdr Ext Len, data. Hop-by-Hop Options, Destination Options and
/// Routing headers have it; the Fragment header does not (see
/// [`FragmentHeader`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtHeader<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> ExtHeader<T> {
    /// Wraps `buffer` without checking it.
    pub const fn new_unchecked(buffer: T) -> ExtHeader<T> {
        ExtHeader { buffer }
    }

    /// Wraps `buffer` after [`ExtHeader::check_len`].
    pub fn new_checked(buffer: T) -> Result<ExtHeader<T>> {
        let h = Self::new_unchecked(buffer);
        h.check_len()?;
        Ok(h)
    }

    /// `Err(Truncated)` if the buffer does not hold the whole header as its
    /// Hdr Ext Len says. The buffer may be longer (what follows).
    pub fn check_len(&self) -> Result<()> {
        check_ext_len(self.buffer.as_ref())
    }

    /// The underlying buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// The Next Header field.
    pub fn next_header(&self) -> u8 {
        self.buffer.as_ref()[0]
    }

    /// The Hdr Ext Len field: length in 8-octet units, not counting the
    /// first 8 octets.
    pub fn header_len_field(&self) -> u8 {
        self.buffer.as_ref()[1]
    }

    /// The length of the header in bytes (a multiple of 8, at least 8).
    pub fn header_len(&self) -> usize {
        ext_header_len(self.header_len_field())
    }

    /// The bytes after the two fixed fields, up to the end of the header
    /// (the options of a Hop-by-Hop or Destination Options header).
    pub fn data(&self) -> &[u8] {
        &self.buffer.as_ref()[2..self.header_len()]
    }

    /// The TLV options of a Hop-by-Hop or Destination Options header.
    pub fn options(&self) -> OptionsIter<'_> {
        OptionsIter {
            header: &self.buffer.as_ref()[..self.header_len()],
            pos: 2,
        }
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> ExtHeader<T> {
    /// Sets the Next Header field.
    pub fn set_next_header(&mut self, value: u8) {
        self.buffer.as_mut()[0] = value
    }

    /// Sets the Hdr Ext Len field (8-octet units beyond the first 8).
    pub fn set_header_len_field(&mut self, value: u8) {
        self.buffer.as_mut()[1] = value
    }

    /// The header's data, writable.
    pub fn data_mut(&mut self) -> &mut [u8] {
        let end = self.header_len();
        &mut self.buffer.as_mut()[2..end]
    }
}

/// One option of a Hop-by-Hop or Destination Options header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv6Option<'a> {
    /// Offset of the Option Type byte from the start of the extension
    /// header.
    pub offset: usize,
    /// The Option Type.
    pub option_type: u8,
    /// The Option Data (empty for Pad1).
    pub data: &'a [u8],
}

impl Ipv6Option<'_> {
    /// What to do if this option is not recognised.
    pub const fn action(&self) -> UnknownOptionAction {
        UnknownOptionAction::of(self.option_type)
    }

    /// True for Pad1 and PadN, which every node recognises.
    pub const fn is_padding(&self) -> bool {
        self.option_type == option_type::PAD1 || self.option_type == option_type::PADN
    }
}

/// Iterator over the TLV-encoded options of an extension header (RFC 8200
/// section 4.2). Yields `Err(BadOption)` once, and then ends, if an option
/// runs past the end of the header.
#[derive(Debug, Clone)]
pub struct OptionsIter<'a> {
    header: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for OptionsIter<'a> {
    type Item = Result<Ipv6Option<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        let h = self.header;
        let at = self.pos;
        let option_type = *h.get(at)?;
        // Pad1 is the one option without a length byte.
        let (data_start, data_len) = if option_type == option_type::PAD1 {
            (at + 1, 0)
        } else {
            match h.get(at + 1) {
                Some(&l) if h.len() - (at + 2) >= l as usize => (at + 2, l as usize),
                _ => {
                    self.pos = h.len();
                    return Some(Err(Error::BadOption));
                }
            }
        };
        self.pos = data_start + data_len;
        Some(Ok(Ipv6Option {
            offset: at,
            option_type,
            data: &h[data_start..self.pos],
        }))
    }
}

/// Length of a Routing header's fixed part (RFC 8200 section 4.4).
const ROUTING_FIXED_LEN: usize = 4;

/// A view of a Routing header (RFC 8200 section 4.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingHeader<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> RoutingHeader<T> {
    /// Offset of the Routing Type field within the header: where a
    /// Parameter Problem for an unrecognised type points.
    pub const ROUTING_TYPE_OFFSET: usize = 2;

    /// Wraps `buffer` without checking it.
    pub const fn new_unchecked(buffer: T) -> RoutingHeader<T> {
        RoutingHeader { buffer }
    }

    /// Wraps `buffer` after [`RoutingHeader::check_len`].
    pub fn new_checked(buffer: T) -> Result<RoutingHeader<T>> {
        let h = Self::new_unchecked(buffer);
        h.check_len()?;
        Ok(h)
    }

    /// `Err(Truncated)` if the buffer does not hold the whole header (at
    /// least 8 bytes, so the four fixed fields are always there).
    pub fn check_len(&self) -> Result<()> {
        check_ext_len(self.buffer.as_ref())
    }

    /// The underlying buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// The Next Header field.
    pub fn next_header(&self) -> u8 {
        self.buffer.as_ref()[0]
    }

    /// The length of the header in bytes.
    pub fn header_len(&self) -> usize {
        ext_header_len(self.buffer.as_ref()[1])
    }

    /// The Routing Type.
    pub fn routing_type(&self) -> u8 {
        self.buffer.as_ref()[Self::ROUTING_TYPE_OFFSET]
    }

    /// Segments Left: route segments still to visit.
    pub fn segments_left(&self) -> u8 {
        self.buffer.as_ref()[3]
    }

    /// The type-specific data.
    pub fn data(&self) -> &[u8] {
        &self.buffer.as_ref()[ROUTING_FIXED_LEN..self.header_len()]
    }
}

/// Length of the Fragment header (RFC 8200 section 4.5).
pub const FRAGMENT_HEADER_LEN: usize = 8;

/// A view of a Fragment header (RFC 8200 section 4.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FragmentHeader<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> FragmentHeader<T> {
    /// Wraps `buffer` without checking it.
    pub const fn new_unchecked(buffer: T) -> FragmentHeader<T> {
        FragmentHeader { buffer }
    }

    /// Wraps `buffer` after [`FragmentHeader::check_len`].
    pub fn new_checked(buffer: T) -> Result<FragmentHeader<T>> {
        let h = Self::new_unchecked(buffer);
        h.check_len()?;
        Ok(h)
    }

    /// `Err(Truncated)` if the buffer is shorter than 8 bytes.
    pub fn check_len(&self) -> Result<()> {
        if self.buffer.as_ref().len() < FRAGMENT_HEADER_LEN {
            Err(Error::Truncated)
        } else {
            Ok(())
        }
    }

    /// The underlying buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// The Next Header field.
    pub fn next_header(&self) -> u8 {
        self.buffer.as_ref()[0]
    }

    fn offset_flags(&self) -> u16 {
        let b = self.buffer.as_ref();
        u16::from_be_bytes([b[2], b[3]])
    }

    /// The Fragment Offset, in 8-octet units.
    pub fn frag_offset(&self) -> u16 {
        self.offset_flags() >> 3
    }

    /// The M flag: more fragments follow.
    pub fn more_fragments(&self) -> bool {
        self.offset_flags() & 1 != 0
    }

    /// The Identification.
    pub fn ident(&self) -> u32 {
        let b = self.buffer.as_ref();
        u32::from_be_bytes([b[4], b[5], b[6], b[7]])
    }

    /// True for an atomic fragment (offset 0, M clear): the whole packet,
    /// processed in isolation (RFC 6946 section 4).
    pub fn is_atomic(&self) -> bool {
        self.offset_flags() & 0xfff9 == 0
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> FragmentHeader<T> {
    /// Sets the Next Header field.
    pub fn set_next_header(&mut self, value: u8) {
        self.buffer.as_mut()[0] = value
    }

    /// Sets Reserved to 0, the Fragment Offset (8-octet units, 13 bits)
    /// and the M flag; the two reserved bits are cleared.
    pub fn set_offset_and_flag(&mut self, offset: u16, more: bool) {
        let b = self.buffer.as_mut();
        b[1] = 0;
        b[2..4].copy_from_slice(&(offset << 3 | more as u16).to_be_bytes())
    }

    /// Sets the Identification.
    pub fn set_ident(&mut self, value: u32) {
        self.buffer.as_mut()[4..8].copy_from_slice(&value.to_be_bytes())
    }
}

/// Why [`walk`] drops a packet without an ICMPv6 error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtDrop {
    /// A header runs past the Payload Length (or the packet is shorter
    /// than its fixed header says).
    Truncated,
    /// An option runs past the end of its header.
    BadOption,
    /// An unrecognised option whose action bits say discard silently (01,
    /// or 11 with a multicast destination).
    UnknownOption,
    /// A (non-atomic) fragment: this stack does not reassemble.
    Fragment,
    /// More than [`MAX_EXT_HEADERS`] extension headers.
    TooManyHeaders,
}

/// The outcome of [`walk`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtWalk {
    /// Hand the packet to upper-layer `protocol`, whose header starts at
    /// `offset` from the start of the IPv6 packet and ends at 40 + Payload
    /// Length (`offset` never exceeds that end).
    Upper {
        /// The Next Header value naming the upper-layer protocol.
        protocol: u8,
        /// Offset of the upper-layer header from the IPv6 header's start.
        offset: usize,
        /// Offset of the Next Header field that holds `protocol`: the
        /// pointer of a Parameter Problem code 1 if the node does not
        /// handle that protocol (RFC 8200 section 4).
        next_header_pointer: u32,
    },
    /// Next Header 59: nothing follows; the packet is consumed silently
    /// (RFC 8200 section 4.7).
    NoNextHeader,
    /// Drop the packet silently.
    Drop(ExtDrop),
    /// Drop the packet and send an ICMPv6 Parameter Problem (RFC 4443
    /// section 3.4) with this code and pointer (an offset from the start of
    /// the IPv6 packet).
    ParamProblem {
        /// The Parameter Problem code (see [`param_problem`]).
        code: u8,
        /// Offset of the offending byte in the invoking packet.
        pointer: u32,
    },
}

/// True for the extension headers this walk recognises (RFC 8200 4).
fn is_extension_header(next_header: u8) -> bool {
    matches!(
        next_header,
        ip_protocol::HOP_BY_HOP
            | ip_protocol::ROUTING
            | ip_protocol::FRAGMENT
            | ip_protocol::DESTINATION_OPTIONS
    )
}

/// Follows the extension header chain of `packet` (a whole IPv6 packet,
/// fixed header included, e.g. the buffer of a checked
/// [`super::ipv6::Ipv6Packet`]; bytes after 40 + Payload Length are
/// ignored). `dst_is_multicast` is whether its destination address is
/// multicast (for options with action bits 11).
///
/// Never reads out of bounds, and stops after [`MAX_EXT_HEADERS`] headers.
pub fn walk(packet: &[u8], dst_is_multicast: bool) -> ExtWalk {
    use super::ipv6::HEADER_LEN;
    if packet.len() < HEADER_LEN
        || packet.len() - HEADER_LEN < u16::from_be_bytes([packet[4], packet[5]]) as usize
    {
        return ExtWalk::Drop(ExtDrop::Truncated);
    }
    let end = HEADER_LEN + u16::from_be_bytes([packet[4], packet[5]]) as usize;
    let packet = &packet[..end];
    let mut next_header = packet[6];
    let mut nh_pointer = 6usize;
    let mut offset = HEADER_LEN;
    // Most packets have no extension header: on hosts, their verdict
    // before the loop's set-up (speed; on the target the loop's first
    // round gives the same verdict with less code).
    #[cfg(not(target_pointer_width = "16"))]
    if !is_extension_header(next_header) {
        return end_of_chain(next_header, offset, nh_pointer);
    }
    // (An exclusive range: RangeInclusive's exhausted flag is more code.)
    for index in 0..MAX_EXT_HEADERS + 1 {
        if !is_extension_header(next_header) {
            return end_of_chain(next_header, offset, nh_pointer);
        }
        // RFC 8200 4.1/4.3: Hop-by-Hop only directly after the fixed header;
        // elsewhere it is an unrecognised Next Header (code 1).
        if next_header == ip_protocol::HOP_BY_HOP && index != 0 {
            return param_problem_at(param_problem::UNRECOGNIZED_NEXT_HEADER, nh_pointer);
        }
        if index == MAX_EXT_HEADERS {
            return ExtWalk::Drop(ExtDrop::TooManyHeaders);
        }
        // Every one of these headers is at least 8 bytes: the Fragment
        // header exactly (RFC 8200 4.5), the others (Hdr Ext Len + 1) * 8
        // (RFC 8200 4.3, 4.4, 4.6; RFC 6564).
        // (`get`: `offset` never passes the end, but a failed test drops
        // rather than panics.)
        let Some(hdr) = packet.get(offset..) else {
            return ExtWalk::Drop(ExtDrop::Truncated);
        };
        let len = match (next_header, hdr.get(1)) {
            (_, None) => return ExtWalk::Drop(ExtDrop::Truncated),
            (ip_protocol::FRAGMENT, _) => FRAGMENT_HEADER_LEN,
            (_, Some(&field)) => ext_header_len(field),
        };
        let Some(hdr) = hdr.get(..len) else {
            return ExtWalk::Drop(ExtDrop::Truncated);
        };
        match next_header {
            ip_protocol::FRAGMENT => {
                // RFC 8200 4.5: no reassembly here, so only an atomic
                // fragment (RFC 6946) can be processed.
                if !FragmentHeader::new_unchecked(hdr).is_atomic() {
                    return ExtWalk::Drop(ExtDrop::Fragment);
                }
            }
            ip_protocol::ROUTING => {
                // RFC 8200 4.4: with Segments Left 0 the header is ignored;
                // otherwise this node, supporting no routing type, reports
                // the Routing Type field (code 0).
                if RoutingHeader::new_unchecked(hdr).segments_left() != 0 {
                    return param_problem_at(
                        param_problem::ERRONEOUS_HEADER_FIELD,
                        offset + RoutingHeader::<&[u8]>::ROUTING_TYPE_OFFSET,
                    );
                }
            }
            _ => {
                if let Some(verdict) = check_options(hdr, offset, dst_is_multicast) {
                    return verdict;
                }
            }
        }
        nh_pointer = offset;
        next_header = hdr[0];
        offset += len;
    }
    // The loop always returns by its last round.
    ExtWalk::Drop(ExtDrop::TooManyHeaders)
}

/// The verdict for the first Next Header that is not an extension
/// header, found in the field at `nh_pointer`, its header at `offset`.
#[inline(always)]
fn end_of_chain(next_header: u8, offset: usize, nh_pointer: usize) -> ExtWalk {
    if next_header == ip_protocol::NO_NEXT_HEADER {
        ExtWalk::NoNextHeader
    } else {
        ExtWalk::Upper {
            protocol: next_header,
            offset,
            next_header_pointer: nh_pointer as u32,
        }
    }
}

/// Applies RFC 8200 4.2 to the options of a Hop-by-Hop or Destination
/// Options header `h` (whole) at `offset`: `None` to go on, or the verdict. Only the
/// padding options are recognised. (The walk of [`OptionsIter`], by
/// positions: less code on the target.)
fn check_options(h: &[u8], offset: usize, dst_is_multicast: bool) -> Option<ExtWalk> {
    let mut at = 2;
    while let Some(&option_type) = h.get(at) {
        // Pad1 is the one option without a length byte.
        if option_type == option_type::PAD1 {
            at += 1;
            continue;
        }
        let next = match h.get(at + 1) {
            Some(&l) if h.len() - (at + 2) >= l as usize => at + 2 + l as usize,
            _ => return Some(ExtWalk::Drop(ExtDrop::BadOption)),
        };
        // The action bits of `UnknownOptionAction::of` (the two high
        // bits), tested as ranges of the type (masked values became a
        // shift and a jump table on the 16-bit target): 00 skip, 01
        // discard, 10 discard and report, 11 report unless the
        // destination was multicast. PadN (type 1) is in the skip range.
        if option_type < 0x40 {
            at = next;
            continue;
        }
        if option_type < 0x80 || (option_type >= 0xc0 && dst_is_multicast) {
            return Some(ExtWalk::Drop(ExtDrop::UnknownOption));
        }
        return Some(param_problem_at(
            param_problem::UNRECOGNIZED_OPTION,
            offset + at,
        ));
    }
    None
}

fn param_problem_at(code: u8, pointer: usize) -> ExtWalk {
    ExtWalk::ParamProblem {
        code,
        pointer: pointer as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    /// Fixed header fe80::1 -> ff02::1, hop limit 1, followed by `rest`
    /// (Payload Length = rest.len()).
    fn packet(next_header: u8, rest: &str) -> Vec<u8> {
        let rest = hex::decode(rest).unwrap();
        let mut p = hex::decode(
            "6000000000000001fe800000000000000000000000000001ff020000000000000000000000000001",
        )
        .unwrap();
        p[4..6].copy_from_slice(&(rest.len() as u16).to_be_bytes());
        p[6] = next_header;
        p.extend_from_slice(&rest);
        p
    }

    fn upper(protocol: u8, offset: usize, next_header_pointer: u32) -> ExtWalk {
        ExtWalk::Upper {
            protocol,
            offset,
            next_header_pointer,
        }
    }

    fn pp(code: u8, pointer: u32) -> ExtWalk {
        ExtWalk::ParamProblem { code, pointer }
    }

    #[test]
    fn no_extension_headers() {
        let p = packet(17, "abcd0035000800ff");
        assert_eq!(walk(&p, false), upper(17, 40, 6));
        assert_eq!(walk(&packet(59, ""), true), ExtWalk::NoNextHeader);
        // An unknown protocol is the node's business.
        assert_eq!(walk(&packet(6, ""), false), upper(6, 40, 6));
    }

    #[test]
    fn mld_report_hop_by_hop_router_alert() {
        // Linux MLDv2 report: HbH with Router Alert (MLD) + PadN, then ICMPv6.
        let p = packet(
            0,
            "3a00050200000100 8f00000000000000"
                .replace(' ', "")
                .as_str(),
        );
        assert_eq!(walk(&p, true), upper(58, 48, 40));
        let eh = ExtHeader::new_checked(&p[40..]).unwrap();
        let opts: Vec<_> = eh.options().map(|o| o.unwrap()).collect();
        assert_eq!(opts.len(), 2);
        assert_eq!((opts[0].offset, opts[0].option_type), (2, 5));
        assert_eq!(opts[0].data, &[0, 0]);
        assert_eq!((opts[1].offset, opts[1].option_type), (6, 1));
        assert!(opts[1].data.is_empty() && opts[1].is_padding());
    }

    #[test]
    fn option_actions() {
        // DestOpt: Pad1, Pad1, then an unknown option of each class at
        // offset 4 of the header (packet offset 44), then PadN to 16 bytes.
        // (Each class's first and last types too: the action is the two
        // high bits, RFC 8200 4.2.)
        let skip = upper(17, 56, 40);
        let drop = ExtWalk::Drop(ExtDrop::UnknownOption);
        for (otype, uni, multi) in [
            (0x1e, skip, skip),
            (0x02, skip, skip),
            (0x3f, skip, skip),
            (0x5e, drop, drop),
            (0x40, drop, drop),
            (0x7f, drop, drop),
            (0x9e, pp(2, 44), pp(2, 44)),
            (0x80, pp(2, 44), pp(2, 44)),
            (0xbf, pp(2, 44), pp(2, 44)),
            (0xde, pp(2, 44), drop),
            (0xc0, pp(2, 44), drop),
            (0xff, pp(2, 44), drop),
        ] {
            let hdr =
                std::format!("1101 0000 {otype:02x}02abcd 0106 000000000000").replace(' ', "");
            let p = packet(60, &hdr);
            assert_eq!(walk(&p, false), uni, "type {otype:#x} unicast");
            assert_eq!(walk(&p, true), multi, "type {otype:#x} multicast");
        }
        assert_eq!(
            UnknownOptionAction::of(option_type::JUMBO_PAYLOAD),
            UnknownOptionAction::DiscardAndReportIfUnicast
        );
    }

    #[test]
    fn bad_options() {
        // PadN claiming 6 data bytes where 5 remain.
        assert_eq!(
            walk(&packet(0, "3a00010600000000"), false),
            ExtWalk::Drop(ExtDrop::BadOption)
        );
        // A type byte as the last byte of the header, no room for length.
        assert_eq!(
            walk(&packet(0, "3a00010300000001"), false),
            ExtWalk::Drop(ExtDrop::BadOption)
        );
        // The same last byte as Pad1 is fine.
        assert_eq!(
            walk(&packet(0, "3a00010300000000"), false),
            upper(58, 48, 40)
        );
        let eh = ExtHeader::new_checked(&[0x3au8, 0, 1, 6, 0, 0, 0, 0][..]).unwrap();
        let mut it = eh.options();
        assert_eq!(it.next(), Some(Err(Error::BadOption)));
        assert_eq!(it.next(), None);
    }

    #[test]
    fn hop_by_hop_not_first() {
        // DestOpt (PadN) then HbH: pointer at the DestOpt's Next Header.
        let p = packet(
            60,
            "0000010400000000 3a00010400000000"
                .replace(' ', "")
                .as_str(),
        );
        assert_eq!(walk(&p, false), pp(1, 40));
    }

    #[test]
    fn routing_header() {
        // Type 0 with one address, Segments Left 0: ignored.
        let addr = "20010db8000000000000000000000001";
        let p = packet(43, &std::format!("3a02000000000000{addr}"));
        assert_eq!(walk(&p, false), upper(58, 64, 40));
        let rh = RoutingHeader::new_checked(&p[40..]).unwrap();
        assert_eq!(
            (rh.routing_type(), rh.segments_left(), rh.header_len()),
            (0, 0, 24)
        );
        assert_eq!(rh.data().len(), 20);
        // Segments Left 1, type 4 (SRH): Routing Type at 42.
        let p = packet(43, &std::format!("3a02040100000000{addr}"));
        assert_eq!(walk(&p, false), pp(0, 42));
    }

    #[test]
    fn fragments() {
        // Atomic fragment: offset 0, M 0 (RFC 6946).
        assert_eq!(
            walk(&packet(44, "1100000012345678"), false),
            upper(17, 48, 40)
        );
        // First fragment (M=1), later fragment (offset 185).
        assert_eq!(
            walk(&packet(44, "1100000112345678"), false),
            ExtWalk::Drop(ExtDrop::Fragment)
        );
        assert_eq!(
            walk(&packet(44, "110005c812345678"), false),
            ExtWalk::Drop(ExtDrop::Fragment)
        );
        let b = hex::decode("110005c912345678").unwrap();
        let f = FragmentHeader::new_checked(&b[..]).unwrap();
        assert_eq!(
            (
                f.next_header(),
                f.frag_offset(),
                f.more_fragments(),
                f.ident()
            ),
            (17, 185, true, 0x12345678)
        );
        let mut out = [0xffu8; 8];
        let mut g = FragmentHeader::new_unchecked(&mut out[..]);
        g.set_next_header(17);
        g.set_offset_and_flag(185, true);
        g.set_ident(0x12345678);
        assert_eq!(out, b[..]);
    }

    #[test]
    fn truncated_headers() {
        // HbH (16 bytes) -> atomic Fragment -> DestOpt -> ICMPv6.
        let chain = "2c01010c000000000000000000000000 3c00000012345678 3a00010400000000";
        let full = packet(0, chain.replace(' ', "").as_str());
        assert_eq!(walk(&full, false), upper(58, 72, 64));
        // A Payload Length that ends anywhere inside the chain: the header
        // it cuts is truncated, even with the bytes present as padding.
        for pl in 0..32u16 {
            let mut p = full.clone();
            p[4..6].copy_from_slice(&pl.to_be_bytes());
            assert_eq!(
                walk(&p, false),
                ExtWalk::Drop(ExtDrop::Truncated),
                "payload length {pl}"
            );
        }
        // A buffer shorter than the fixed header says.
        for n in 0..full.len() {
            assert_eq!(
                walk(&full[..n], false),
                ExtWalk::Drop(ExtDrop::Truncated),
                "len {n}"
            );
        }
    }

    #[test]
    fn header_count_is_capped() {
        // Eight Destination Options headers pass, nine do not.
        for (n, expect) in [
            (8usize, upper(17, 40 + 64, 40 + 56)),
            (9, ExtWalk::Drop(ExtDrop::TooManyHeaders)),
        ] {
            let mut rest = std::string::String::new();
            for i in 0..n {
                rest += if i + 1 == n {
                    "1100010400000000"
                } else {
                    "3c00010400000000"
                };
            }
            assert_eq!(walk(&packet(60, &rest), false), expect, "{n} headers");
        }
    }

    #[test]
    fn ext_header_view() {
        let b = hex::decode("3a01010c000000000000000000000000ffff").unwrap();
        let h = ExtHeader::new_checked(&b[..]).unwrap();
        assert_eq!(
            (h.next_header(), h.header_len_field(), h.header_len()),
            (58, 1, 16)
        );
        assert_eq!(h.data().len(), 14);
        assert_eq!(h.options().count(), 1);
        for n in 0..16 {
            assert_eq!(
                ExtHeader::new_checked(&b[..n]).err(),
                Some(Error::Truncated)
            );
        }
        let mut m = b.clone();
        let mut h = ExtHeader::new_checked(&mut m[..]).unwrap();
        h.set_next_header(17);
        h.set_header_len_field(0);
        h.data_mut().copy_from_slice(&[1, 4, 0, 0, 0, 0]);
        assert_eq!(hex::encode(&m[..8]), "1100010400000000");
    }
}
