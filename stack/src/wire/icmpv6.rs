//! ICMPv6 (RFC 4443).
//!
//! [`Icmpv6Packet`] is a view over a whole ICMPv6 message (the IPv6 payload,
//! exactly as long as the IPv6 Payload Length says). It reads the common
//! 8-byte header: type, code, checksum and the 32-bit field after them
//! (echo identifier and sequence, MTU, pointer). Neighbor Discovery and MLD
//! messages are read with the views of [`super::ndp`] and [`super::mld`].
//!
//! Errors are built in place: the invoking packet is already in the frame
//! buffer, [`Icmpv6Error::build_in_place`] moves (and truncates) it behind a
//! fresh ICMPv6 header. Echo replies are made from the request in place with
//! [`Icmpv6Packet::make_echo_reply`].

use super::checksum::{self, Checksum};
use super::{ip_protocol, Error, Ipv6Address, Result};

/// Length of the common ICMPv6 header: type, code, checksum and the first
/// 32-bit word of the message body (RFC 4443 sections 2.1, 3, 4).
pub const HEADER_LEN: usize = 8;

/// The IPv6 minimum link MTU (RFC 8200 section 5).
pub const IPV6_MIN_MTU: usize = 1280;

/// Most bytes of the invoking packet an ICMPv6 error may carry: the error's
/// IPv6 packet must not exceed the minimum MTU (RFC 4443 2.4(c)), so
/// 1280 - 40 (IPv6 header) - 8 (ICMPv6 header).
pub const ERROR_MAX_INVOKING: usize = IPV6_MIN_MTU - 40 - HEADER_LEN;

/// The raw type values of [`Message`], for code that matches on the type
/// byte itself (no conversion: less code on the 16-bit target).
pub mod msg_type {
    /// Destination Unreachable (RFC 4443 3.1).
    pub const DST_UNREACHABLE: u8 = 1;
    /// Parameter Problem (RFC 4443 3.4), the highest error type used here.
    pub const PARAM_PROBLEM: u8 = 4;
    /// Echo Request (RFC 4443 4.1).
    pub const ECHO_REQUEST: u8 = 128;
    /// Echo Reply (RFC 4443 4.2).
    pub const ECHO_REPLY: u8 = 129;
    /// Multicast Listener Query (RFC 3810 5.1).
    pub const MLD_QUERY: u8 = 130;
    /// Router Advertisement (RFC 4861 4.2).
    pub const ROUTER_ADVERT: u8 = 134;
    /// Neighbor Solicitation (RFC 4861 4.3).
    pub const NEIGHBOR_SOLICIT: u8 = 135;
    /// Neighbor Advertisement (RFC 4861 4.4).
    pub const NEIGHBOR_ADVERT: u8 = 136;
    /// Redirect (RFC 4861 4.5).
    pub const REDIRECT: u8 = 137;
}

/// ICMPv6 message types used by this stack (IANA "ICMPv6 Parameters").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    /// 1: Destination Unreachable (RFC 4443 3.1).
    DstUnreachable,
    /// 2: Packet Too Big (RFC 4443 3.2).
    PacketTooBig,
    /// 3: Time Exceeded (RFC 4443 3.3).
    TimeExceeded,
    /// 4: Parameter Problem (RFC 4443 3.4).
    ParamProblem,
    /// 128: Echo Request (RFC 4443 4.1).
    EchoRequest,
    /// 129: Echo Reply (RFC 4443 4.2).
    EchoReply,
    /// 130: Multicast Listener Query (RFC 2710 3, RFC 3810 5.1).
    MldQuery,
    /// 131: MLDv1 Multicast Listener Report (RFC 2710 3).
    MldReport,
    /// 132: MLDv1 Multicast Listener Done (RFC 2710 3).
    MldDone,
    /// 133: Router Solicitation (RFC 4861 4.1).
    RouterSolicit,
    /// 134: Router Advertisement (RFC 4861 4.2).
    RouterAdvert,
    /// 135: Neighbor Solicitation (RFC 4861 4.3).
    NeighborSolicit,
    /// 136: Neighbor Advertisement (RFC 4861 4.4).
    NeighborAdvert,
    /// 137: Redirect (RFC 4861 4.5).
    Redirect,
    /// 143: Version 2 Multicast Listener Report (RFC 3810 5.2).
    MldV2Report,
    /// Any other type value.
    Unknown(u8),
}

impl From<u8> for Message {
    fn from(v: u8) -> Message {
        match v {
            1 => Message::DstUnreachable,
            2 => Message::PacketTooBig,
            3 => Message::TimeExceeded,
            4 => Message::ParamProblem,
            128 => Message::EchoRequest,
            129 => Message::EchoReply,
            130 => Message::MldQuery,
            131 => Message::MldReport,
            132 => Message::MldDone,
            133 => Message::RouterSolicit,
            134 => Message::RouterAdvert,
            135 => Message::NeighborSolicit,
            136 => Message::NeighborAdvert,
            137 => Message::Redirect,
            143 => Message::MldV2Report,
            v => Message::Unknown(v),
        }
    }
}

impl From<Message> for u8 {
    fn from(m: Message) -> u8 {
        match m {
            Message::DstUnreachable => 1,
            Message::PacketTooBig => 2,
            Message::TimeExceeded => 3,
            Message::ParamProblem => 4,
            Message::EchoRequest => 128,
            Message::EchoReply => 129,
            Message::MldQuery => 130,
            Message::MldReport => 131,
            Message::MldDone => 132,
            Message::RouterSolicit => 133,
            Message::RouterAdvert => 134,
            Message::NeighborSolicit => 135,
            Message::NeighborAdvert => 136,
            Message::Redirect => 137,
            Message::MldV2Report => 143,
            Message::Unknown(v) => v,
        }
    }
}

impl Message {
    /// True for error messages: types 0 to 127 (RFC 4443 2.1).
    pub fn is_error(self) -> bool {
        u8::from(self) & 0x80 == 0
    }
}

/// Destination Unreachable codes (RFC 4443 3.1).
pub mod dst_unreachable {
    /// 0: no route to destination.
    pub const NO_ROUTE: u8 = 0;
    /// 1: communication with destination administratively prohibited.
    pub const ADMIN_PROHIBITED: u8 = 1;
    /// 2: beyond scope of source address.
    pub const BEYOND_SCOPE: u8 = 2;
    /// 3: address unreachable.
    pub const ADDR_UNREACHABLE: u8 = 3;
    /// 4: port unreachable.
    pub const PORT_UNREACHABLE: u8 = 4;
    /// 5: source address failed ingress/egress policy.
    pub const FAILED_POLICY: u8 = 5;
    /// 6: reject route to destination.
    pub const REJECT_ROUTE: u8 = 6;
}

/// Time Exceeded codes (RFC 4443 3.3).
pub mod time_exceeded {
    /// 0: hop limit exceeded in transit.
    pub const HOP_LIMIT: u8 = 0;
    /// 1: fragment reassembly time exceeded.
    pub const REASSEMBLY: u8 = 1;
}

/// Parameter Problem codes (RFC 4443 3.4).
pub mod param_problem {
    /// 0: erroneous header field encountered.
    pub const ERRONEOUS_FIELD: u8 = 0;
    /// 1: unrecognized Next Header type encountered.
    pub const UNRECOGNIZED_NEXT_HEADER: u8 = 1;
    /// 2: unrecognized IPv6 option encountered.
    pub const UNRECOGNIZED_OPTION: u8 = 2;
}

/// A read/write view of an ICMPv6 message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Icmpv6Packet<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> Icmpv6Packet<T> {
    /// Wraps a buffer without checking it.
    pub const fn new_unchecked(buffer: T) -> Icmpv6Packet<T> {
        Icmpv6Packet { buffer }
    }

    /// Wraps a buffer after [`Icmpv6Packet::check_len`].
    pub fn new_checked(buffer: T) -> Result<Icmpv6Packet<T>> {
        let p = Icmpv6Packet::new_unchecked(buffer);
        p.check_len()?;
        Ok(p)
    }

    /// Every message this stack reads has the 8-byte header (RFC 4443 2.1,
    /// 3 and 4; RFC 4861 4; RFC 3810 5); shorter ones are `Truncated`.
    pub fn check_len(&self) -> Result<()> {
        if self.buffer.as_ref().len() < HEADER_LEN {
            return Err(Error::Truncated);
        }
        Ok(())
    }

    /// The wrapped buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    fn u16_at(&self, at: usize) -> u16 {
        let d = self.buffer.as_ref();
        u16::from_be_bytes([d[at], d[at + 1]])
    }

    /// The raw type byte.
    pub fn msg_type_raw(&self) -> u8 {
        self.buffer.as_ref()[0]
    }

    /// The message type.
    pub fn msg_type(&self) -> Message {
        Message::from(self.msg_type_raw())
    }

    /// The code.
    pub fn msg_code(&self) -> u8 {
        self.buffer.as_ref()[1]
    }

    /// The checksum field.
    pub fn checksum(&self) -> u16 {
        self.u16_at(2)
    }

    /// Echo identifier (RFC 4443 4.1).
    pub fn echo_ident(&self) -> u16 {
        self.u16_at(4)
    }

    /// Echo sequence number (RFC 4443 4.1).
    pub fn echo_seq_no(&self) -> u16 {
        self.u16_at(6)
    }

    /// The 32-bit word after the checksum: MTU of a Packet Too Big (RFC 4443
    /// 3.2), pointer of a Parameter Problem (RFC 4443 3.4), unused otherwise.
    pub fn param(&self) -> u32 {
        let d = self.buffer.as_ref();
        u32::from_be_bytes([d[4], d[5], d[6], d[7]])
    }

    /// The MTU of a Packet Too Big message.
    pub fn mtu(&self) -> u32 {
        self.param()
    }

    /// The pointer of a Parameter Problem message.
    pub fn pointer(&self) -> u32 {
        self.param()
    }

    /// The message body after the checksum (bytes 4..).
    pub fn message_body(&self) -> &[u8] {
        &self.buffer.as_ref()[4..]
    }

    /// Everything after the 8-byte header: echo data, or the invoking packet
    /// of an error message.
    pub fn payload(&self) -> &[u8] {
        &self.buffer.as_ref()[HEADER_LEN..]
    }

    /// True if the checksum verifies over the IPv6 pseudo-header (RFC 4443
    /// 2.3, RFC 8200 8.1) with the given addresses.
    pub fn verify_checksum(&self, src: &Ipv6Address, dst: &Ipv6Address) -> bool {
        checksum::ipv6_upper_layer(src, dst, ip_protocol::ICMPV6, self.buffer.as_ref()) == 0
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Icmpv6Packet<T> {
    /// Sets the type byte.
    pub fn set_msg_type(&mut self, t: Message) {
        self.buffer.as_mut()[0] = t.into();
    }

    /// Sets the code.
    pub fn set_msg_code(&mut self, code: u8) {
        self.buffer.as_mut()[1] = code;
    }

    /// Sets the checksum field.
    pub fn set_checksum(&mut self, v: u16) {
        self.buffer.as_mut()[2..4].copy_from_slice(&v.to_be_bytes());
    }

    /// Sets the echo identifier.
    pub fn set_echo_ident(&mut self, v: u16) {
        self.buffer.as_mut()[4..6].copy_from_slice(&v.to_be_bytes());
    }

    /// Sets the echo sequence number.
    pub fn set_echo_seq_no(&mut self, v: u16) {
        self.buffer.as_mut()[6..8].copy_from_slice(&v.to_be_bytes());
    }

    /// Sets the 32-bit word after the checksum (MTU, pointer, or zero for
    /// "unused").
    pub fn set_param(&mut self, v: u32) {
        self.buffer.as_mut()[4..8].copy_from_slice(&v.to_be_bytes());
    }

    /// Mutable access to everything after the 8-byte header.
    pub fn payload_mut(&mut self) -> &mut [u8] {
        &mut self.buffer.as_mut()[HEADER_LEN..]
    }

    /// Computes and stores the checksum over the IPv6 pseudo-header
    /// (RFC 4443 2.3). A buffer shorter than 4 bytes is left as it is.
    pub fn fill_checksum(&mut self, src: &Ipv6Address, dst: &Ipv6Address) {
        if let [_, _, ck_hi, ck_lo, ..] = self.buffer.as_mut() {
            [*ck_hi, *ck_lo] = [0, 0];
            let c = checksum::ipv6_upper_layer(src, dst, ip_protocol::ICMPV6, self.buffer.as_ref());
            self.set_checksum(c);
        }
    }

    /// Turns an Echo Request into its Echo Reply in place (RFC 4443 4.2:
    /// identifier, sequence number and data are returned unchanged) and
    /// updates the checksum incrementally (RFC 1624 eqn. 3).
    ///
    /// The updated checksum is right when the reply's addresses are the
    /// request's, swapped. If the reply uses another source (the request
    /// went to a multicast group), call [`Icmpv6Packet::fill_checksum`]
    /// afterwards. Returns `BadValue` (and changes nothing) if the message is
    /// not an Echo Request with code 0, `Truncated` if the buffer is
    /// shorter than 4 bytes.
    // Not inlined on the 16-bit target: smaller there (measured).
    #[cfg_attr(target_pointer_width = "16", inline(never))]
    pub fn make_echo_reply(&mut self) -> Result<()> {
        // (The four bytes matched at once: no bounds check per field.)
        let [kind, code, ck_hi, ck_lo, ..] = self.buffer.as_mut() else {
            return Err(Error::Truncated);
        };
        if *kind != msg_type::ECHO_REQUEST || *code != 0 {
            return Err(Error::BadValue);
        }
        *kind = msg_type::ECHO_REPLY;
        [*ck_hi, *ck_lo] = echo_reply_checksum(u16::from_be_bytes([*ck_hi, *ck_lo])).to_be_bytes();
        Ok(())
    }
}

/// The checksum field of an Echo Reply made in place from an Echo Request
/// whose checksum field is `request_checksum` (the type byte 128 -> 129,
/// all else unchanged, addresses swapped): the incremental update of RFC
/// 1624 eqn. 3, for [`Icmpv6Packet::make_echo_reply`] and a caller that
/// has checked the type and code itself.
#[inline]
pub(crate) fn echo_reply_checksum(request_checksum: u16) -> u16 {
    // HC' = ~(~HC + ~m + m'), m = first word before (0x8000), m' =
    // after (0x8100): ~m + m' = 0x7fff + 0x8100 folds to 0x0100 (both
    // sums are congruent modulo 0xffff and never 0, so equal).
    let mut c = Checksum::new();
    c.add_u16(!request_checksum);
    c.add_u16(0x0100);
    c.finish()
}

/// An ICMPv6 error message header: what went wrong, without the invoking
/// packet.
// (The discriminants are the ICMPv6 types: the type byte is the tag.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Icmpv6Error {
    /// Destination Unreachable with its code (RFC 4443 3.1).
    DstUnreachable(u8) = 1,
    /// Packet Too Big with the next-hop MTU (RFC 4443 3.2; code 0).
    PacketTooBig(u32) = 2,
    /// Time Exceeded with its code (RFC 4443 3.3).
    TimeExceeded(u8) = 3,
    /// Parameter Problem with its code and the pointer: the offset of the
    /// faulty byte in the invoking packet (RFC 4443 3.4).
    ParamProblem(u8, u32) = 4,
}

impl Icmpv6Error {
    /// The (type, code, 32-bit parameter) this error puts on the wire.
    pub fn fields(&self) -> (Message, u8, u32) {
        match *self {
            Icmpv6Error::DstUnreachable(c) => (Message::DstUnreachable, c, 0),
            Icmpv6Error::PacketTooBig(mtu) => (Message::PacketTooBig, 0, mtu),
            Icmpv6Error::TimeExceeded(c) => (Message::TimeExceeded, c, 0),
            Icmpv6Error::ParamProblem(c, p) => (Message::ParamProblem, c, p),
        }
    }

    /// Reads the error header of `packet`; `Unsupported` for a message that
    /// is not one of the four RFC 4443 errors.
    pub fn parse<T: AsRef<[u8]>>(packet: &Icmpv6Packet<T>) -> Result<Icmpv6Error> {
        let code = packet.msg_code();
        Ok(match packet.msg_type() {
            Message::DstUnreachable => Icmpv6Error::DstUnreachable(code),
            Message::PacketTooBig => Icmpv6Error::PacketTooBig(packet.mtu()),
            Message::TimeExceeded => Icmpv6Error::TimeExceeded(code),
            Message::ParamProblem => Icmpv6Error::ParamProblem(code, packet.pointer()),
            _ => return Err(Error::Unsupported),
        })
    }

    /// Writes the 8-byte error header into `buf[..8]` with a zero checksum.
    /// `Truncated` if `buf` is shorter.
    pub fn emit_header(&self, buf: &mut [u8]) -> Result<()> {
        let hdr = buf.get_mut(..HEADER_LEN).ok_or(Error::Truncated)?;
        let (t, code, param) = self.fields();
        write_error_header(hdr, [t.into(), code], param);
        Ok(())
    }

    /// Builds the whole error message in `buf`, in place: the invoking
    /// packet found at `buf[invoking_at..invoking_at + invoking_len]` is
    /// moved behind an ICMPv6 header written at `buf[icmp_at..]`, cut to
    /// [`error_invoking_len`], and the checksum is filled for `src` -> `dst`.
    ///
    /// Returns the ICMPv6 message length: the message is
    /// `buf[icmp_at..icmp_at + len]`. `Truncated` if the header does not
    /// fit or the invoking range lies outside `buf`.
    pub fn build_in_place(
        &self,
        buf: &mut [u8],
        icmp_at: usize,
        invoking_at: usize,
        invoking_len: usize,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Result<usize> {
        let (t, code, param) = self.fields();
        let at = (icmp_at, invoking_at, invoking_len);
        build_error_in_place(buf, at, [t.into(), code], param, src, dst)
    }
}

/// [`Icmpv6Error::build_in_place`] from the header's fields: `type_code`
/// (the type and code bytes) and the 32-bit parameter; `at` is
/// (`icmp_at`, `invoking_at`, `invoking_len`). (For a caller that knows
/// them as constants: no match on the error there.)
pub(crate) fn build_error_in_place(
    buf: &mut [u8],
    at: (usize, usize, usize),
    type_code: [u8; 2],
    param: u32,
    src: &Ipv6Address,
    dst: &Ipv6Address,
) -> Result<usize> {
    let (icmp_at, invoking_at, invoking_len) = at;
    let invoking_end = invoking_at
        .checked_add(invoking_len)
        .ok_or(Error::Truncated)?;
    let body_at = icmp_at.checked_add(HEADER_LEN).ok_or(Error::Truncated)?;
    if invoking_end > buf.len() || body_at > buf.len() {
        return Err(Error::Truncated);
    }
    let keep = error_invoking_len(invoking_len, buf.len() - body_at);
    // memmove: the ranges may overlap (usually the invoking packet moves
    // forward by the length of the new headers).
    buf.copy_within(invoking_at..invoking_at + keep, body_at);
    // (`body_at` is 8 past `icmp_at`, in `buf`.)
    write_error_header(&mut buf[icmp_at..body_at], type_code, param);
    let len = HEADER_LEN + keep;
    let msg = &mut buf[icmp_at..icmp_at + len];
    Icmpv6Packet::new_unchecked(msg).fill_checksum(src, dst);
    Ok(len)
}

/// Writes an error message's 8-byte header into `hdr` (exactly 8 bytes):
/// the type and code bytes `type_code`, a zero checksum and the 32-bit
/// parameter (RFC 4443 3). The one copy for [`Icmpv6Error::emit_header`]
/// and [`build_error_in_place`]; inlined: the stack's code for the
/// latter as before it was shared.
#[inline(always)]
fn write_error_header(hdr: &mut [u8], type_code: [u8; 2], param: u32) {
    hdr[..2].copy_from_slice(&type_code);
    hdr[2..4].fill(0);
    hdr[4..].copy_from_slice(&param.to_be_bytes());
}

/// How many bytes of an invoking packet of `invoking_len` bytes an error
/// message carries when `room` bytes are free after its ICMPv6 header: as
/// much as possible without the error's IPv6 packet exceeding 1280 bytes
/// (RFC 4443 2.4(c)).
pub fn error_invoking_len(invoking_len: usize, room: usize) -> usize {
    invoking_len.min(room).min(ERROR_MAX_INVOKING)
}

/// The messages of RFC 4443 as plain values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icmpv6Repr<'a> {
    /// Echo Request (RFC 4443 4.1).
    EchoRequest {
        /// Identifier.
        ident: u16,
        /// Sequence number.
        seq_no: u16,
        /// Data.
        data: &'a [u8],
    },
    /// Echo Reply (RFC 4443 4.2).
    EchoReply {
        /// Identifier.
        ident: u16,
        /// Sequence number.
        seq_no: u16,
        /// Data.
        data: &'a [u8],
    },
    /// One of the error messages (RFC 4443 3).
    Error {
        /// Type, code and parameter.
        error: Icmpv6Error,
        /// As much of the invoking packet as the message carries.
        invoking: &'a [u8],
    },
}

impl<'a> Icmpv6Repr<'a> {
    /// Reads an RFC 4443 message. `BadValue` for echo messages with a code
    /// other than 0 (RFC 4443 4.1), `Unsupported` for other types (NDP and
    /// MLD have their own modules).
    pub fn parse<T: AsRef<[u8]> + ?Sized>(packet: &Icmpv6Packet<&'a T>) -> Result<Icmpv6Repr<'a>> {
        packet.check_len()?;
        let whole: &'a [u8] = packet.buffer.as_ref();
        let data = &whole[HEADER_LEN..];
        let (ident, seq_no) = (packet.echo_ident(), packet.echo_seq_no());
        match packet.msg_type() {
            Message::EchoRequest | Message::EchoReply if packet.msg_code() != 0 => {
                Err(Error::BadValue)
            }
            Message::EchoRequest => Ok(Icmpv6Repr::EchoRequest {
                ident,
                seq_no,
                data,
            }),
            Message::EchoReply => Ok(Icmpv6Repr::EchoReply {
                ident,
                seq_no,
                data,
            }),
            _ => Ok(Icmpv6Repr::Error {
                error: Icmpv6Error::parse(packet)?,
                invoking: data,
            }),
        }
    }

    /// Bytes [`Icmpv6Repr::emit`] writes.
    pub fn buffer_len(&self) -> usize {
        HEADER_LEN
            + match self {
                Icmpv6Repr::EchoRequest { data, .. } | Icmpv6Repr::EchoReply { data, .. } => {
                    data.len()
                }
                Icmpv6Repr::Error { invoking, .. } => invoking.len().min(ERROR_MAX_INVOKING),
            }
    }

    /// Writes the message into `buf[..buffer_len()]` (an error's invoking
    /// packet cut to RFC 4443 2.4(c)) and fills the checksum. Returns the
    /// length written; `Truncated` if `buf` is too short.
    pub fn emit(&self, buf: &mut [u8], src: &Ipv6Address, dst: &Ipv6Address) -> Result<usize> {
        let len = self.buffer_len();
        let msg = buf.get_mut(..len).ok_or(Error::Truncated)?;
        let (body, mut p) = match *self {
            Icmpv6Repr::EchoRequest {
                ident,
                seq_no,
                data,
            }
            | Icmpv6Repr::EchoReply {
                ident,
                seq_no,
                data,
            } => {
                let mut p = Icmpv6Packet::new_unchecked(msg);
                let t = match self {
                    Icmpv6Repr::EchoRequest { .. } => Message::EchoRequest,
                    _ => Message::EchoReply,
                };
                p.set_msg_type(t);
                p.set_msg_code(0);
                p.set_echo_ident(ident);
                p.set_echo_seq_no(seq_no);
                (data, p)
            }
            Icmpv6Repr::Error { error, invoking } => {
                error.emit_header(msg)?;
                (invoking, Icmpv6Packet::new_unchecked(msg))
            }
        };
        let n = len - HEADER_LEN;
        p.payload_mut().copy_from_slice(&body[..n]);
        p.fill_checksum(src, dst);
        Ok(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    fn ll(last: u16) -> Ipv6Address {
        Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, last])
    }

    // Echo request fe80::1 -> fe80::2, id 0x1234, seq 1, "hi"; checksum
    // 0x0818 as computed by scapy.
    const ECHO_REQ: [u8; 10] = [0x80, 0x00, 0x08, 0x18, 0x12, 0x34, 0x00, 0x01, b'h', b'i'];

    #[test]
    fn echo_request_from_the_wire() {
        let p = Icmpv6Packet::new_checked(&ECHO_REQ[..]).unwrap();
        assert_eq!(p.msg_type(), Message::EchoRequest);
        assert_eq!(p.msg_code(), 0);
        assert_eq!(p.checksum(), 0x0818);
        assert_eq!(p.echo_ident(), 0x1234);
        assert_eq!(p.echo_seq_no(), 1);
        assert_eq!(p.payload(), b"hi");
        assert!(p.verify_checksum(&ll(1), &ll(2)));
        assert!(!p.verify_checksum(&ll(1), &ll(3)));
        assert_eq!(
            Icmpv6Repr::parse(&p).unwrap(),
            Icmpv6Repr::EchoRequest {
                ident: 0x1234,
                seq_no: 1,
                data: b"hi"
            }
        );
    }

    #[test]
    fn echo_reply_in_place_verifies() {
        let mut buf = ECHO_REQ;
        let mut p = Icmpv6Packet::new_unchecked(&mut buf[..]);
        p.make_echo_reply().unwrap();
        assert_eq!(p.msg_type(), Message::EchoReply);
        assert!(p.verify_checksum(&ll(2), &ll(1)));
        // A reply is not turned into anything again.
        assert_eq!(p.make_echo_reply(), Err(Error::BadValue));
        // Same result as building the reply from scratch.
        let mut fresh = [0u8; 10];
        Icmpv6Repr::EchoReply {
            ident: 0x1234,
            seq_no: 1,
            data: b"hi",
        }
        .emit(&mut fresh, &ll(2), &ll(1))
        .unwrap();
        assert_eq!(fresh, buf);
    }

    #[test]
    fn echo_reply_incremental_checksum_for_many_payloads() {
        // Covers checksum values near 0x0000/0xffff, where a naive
        // incremental update (RFC 1141) goes wrong.
        let (src, dst) = (ll(7), Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 9]));
        for i in 0..3000u32 {
            let mut msg = [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
            msg[4..8].copy_from_slice(&i.wrapping_mul(0x9e37_79b9).to_be_bytes());
            msg[8..12].copy_from_slice(&i.to_be_bytes());
            let mut p = Icmpv6Packet::new_unchecked(&mut msg[..]);
            p.fill_checksum(&src, &dst);
            p.make_echo_reply().unwrap();
            assert!(p.verify_checksum(&dst, &src), "i={i}");
        }
    }

    #[test]
    fn echo_reply_checksum_is_rfc1624_eqn3_for_every_value() {
        // HC' = ~(~HC + ~m + m') with m = 0x8000, m' = 0x8100, word by
        // word, against the folded constant of `make_echo_reply`.
        for hc in 0..=0xffffu16 {
            let mut c = Checksum::new();
            c.add_u16(!hc);
            c.add_u16(!0x8000);
            c.add_u16(0x8100);
            let mut msg = [0x80, 0, 0, 0, 0, 1, 0, 2];
            msg[2..4].copy_from_slice(&hc.to_be_bytes());
            let mut p = Icmpv6Packet::new_unchecked(&mut msg[..]);
            p.make_echo_reply().unwrap();
            assert_eq!(p.checksum(), c.finish(), "hc={hc:#06x}");
        }
    }

    #[test]
    fn short_buffers_are_left_alone() {
        let mut short = [0x80u8, 0, 0x12];
        let mut p = Icmpv6Packet::new_unchecked(&mut short[..]);
        assert_eq!(p.make_echo_reply(), Err(Error::Truncated));
        p.fill_checksum(&ll(1), &ll(2));
        assert_eq!(short, [0x80, 0, 0x12]);
    }

    #[test]
    fn short_and_bad_messages() {
        for n in 0..HEADER_LEN {
            assert_eq!(
                Icmpv6Packet::new_checked(&ECHO_REQ[..n]).err(),
                Some(Error::Truncated)
            );
        }
        let mut bad = ECHO_REQ;
        bad[1] = 1;
        let p = Icmpv6Packet::new_checked(&bad[..]).unwrap();
        assert_eq!(Icmpv6Repr::parse(&p), Err(Error::BadValue));
        let ns = [135u8, 0, 0, 0, 0, 0, 0, 0];
        let p = Icmpv6Packet::new_checked(&ns[..]).unwrap();
        assert_eq!(Icmpv6Repr::parse(&p), Err(Error::Unsupported));
        assert!(!Message::from(135).is_error());
        assert!(Message::from(100).is_error());
        for t in 0..=255u8 {
            assert_eq!(u8::from(Message::from(t)), t);
        }
    }

    #[test]
    fn packet_too_big_from_the_wire() {
        // Packet Too Big, MTU 1280, from fe80::1 to fe80::2 carrying the
        // first 8 bytes of an IPv6 header; checksum computed by hand with
        // the reference sum in checksum.rs tests (and by scapy in the
        // vector tests).
        let mut msg = [
            0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x60, 0, 0, 0, 0, 0x08, 0x11, 0x40,
        ];
        let mut p = Icmpv6Packet::new_unchecked(&mut msg[..]);
        p.fill_checksum(&ll(1), &ll(2));
        let p = Icmpv6Packet::new_checked(&msg[..]).unwrap();
        assert_eq!(p.mtu(), 1280);
        assert!(p.verify_checksum(&ll(1), &ll(2)));
        assert_eq!(
            Icmpv6Repr::parse(&p).unwrap(),
            Icmpv6Repr::Error {
                error: Icmpv6Error::PacketTooBig(1280),
                invoking: &[0x60, 0, 0, 0, 0, 0x08, 0x11, 0x40]
            }
        );
    }

    #[test]
    fn error_built_in_place_is_cut_to_1280() {
        // A 1500-byte frame buffer holding Ethernet (14) + a 1486-byte
        // invoking IPv6 packet at offset 14. The error goes at offset 54
        // (after new Ethernet + IPv6 headers).
        let mut buf: Vec<u8> = (0..1500u32).map(|i| (i * 7) as u8).collect();
        let orig = buf.clone();
        let err = Icmpv6Error::DstUnreachable(dst_unreachable::PORT_UNREACHABLE);
        let n = err
            .build_in_place(&mut buf, 54, 14, 1486, &ll(2), &ll(1))
            .unwrap();
        assert_eq!(n, 1280 - 40);
        assert_eq!(40 + n, IPV6_MIN_MTU);
        let p = Icmpv6Packet::new_checked(&buf[54..54 + n]).unwrap();
        assert!(p.verify_checksum(&ll(2), &ll(1)));
        assert_eq!(p.msg_type(), Message::DstUnreachable);
        assert_eq!(p.msg_code(), 4);
        assert_eq!(p.param(), 0);
        assert_eq!(p.payload(), &orig[14..14 + ERROR_MAX_INVOKING]);

        // A short invoking packet is carried whole.
        let mut buf = orig.clone();
        let err = Icmpv6Error::ParamProblem(param_problem::UNRECOGNIZED_NEXT_HEADER, 6);
        let n = err
            .build_in_place(&mut buf, 54, 14, 100, &ll(2), &ll(1))
            .unwrap();
        assert_eq!(n, 108);
        let p = Icmpv6Packet::new_checked(&buf[54..54 + n]).unwrap();
        assert_eq!(p.pointer(), 6);
        assert_eq!(p.payload(), &orig[14..114]);
        assert_eq!(Icmpv6Error::parse(&p), Ok(err));

        // Buffer room limits too: only 20 bytes after the header.
        let mut small = orig[..82].to_vec();
        let n = Icmpv6Error::TimeExceeded(0)
            .build_in_place(&mut small, 54, 14, 68, &ll(2), &ll(1))
            .unwrap();
        assert_eq!(n, 8 + 20);
        assert_eq!(&small[62..82], &orig[14..34]);

        // Out-of-range requests are refused, not panics.
        let mut b = [0u8; 60];
        assert_eq!(
            err.build_in_place(&mut b, 0, 50, 20, &ll(2), &ll(1)),
            Err(Error::Truncated)
        );
        assert_eq!(
            err.build_in_place(&mut b, 55, 0, 20, &ll(2), &ll(1)),
            Err(Error::Truncated)
        );
        assert_eq!(
            err.build_in_place(&mut b, 0, usize::MAX, 2, &ll(2), &ll(1)),
            Err(Error::Truncated)
        );
        assert_eq!(error_invoking_len(5000, 5000), ERROR_MAX_INVOKING);
        assert_eq!(error_invoking_len(10, 5000), 10);
        assert_eq!(error_invoking_len(100, 30), 30);
    }

    #[test]
    fn repr_round_trips() {
        let invoking: Vec<u8> = (0..2000u32).map(|i| i as u8).collect();
        let reprs = [
            Icmpv6Repr::EchoRequest {
                ident: 1,
                seq_no: 0xffff,
                data: b"abc",
            },
            Icmpv6Repr::EchoReply {
                ident: 0xbeef,
                seq_no: 0,
                data: b"",
            },
            Icmpv6Repr::Error {
                error: Icmpv6Error::TimeExceeded(time_exceeded::REASSEMBLY),
                invoking: &invoking[..48],
            },
            Icmpv6Repr::Error {
                error: Icmpv6Error::ParamProblem(2, 0x1_0000),
                invoking: &invoking[..1],
            },
            Icmpv6Repr::Error {
                error: Icmpv6Error::PacketTooBig(1500),
                invoking: &invoking[..1232],
            },
        ];
        for r in reprs {
            let mut buf = [0u8; 1300];
            let n = r.emit(&mut buf, &ll(1), &ll(2)).unwrap();
            assert_eq!(n, r.buffer_len());
            let p = Icmpv6Packet::new_checked(&buf[..n]).unwrap();
            assert!(p.verify_checksum(&ll(1), &ll(2)));
            assert_eq!(Icmpv6Repr::parse(&p).unwrap(), r);
            assert_eq!(
                r.emit(&mut buf[..n - 1], &ll(1), &ll(2)),
                Err(Error::Truncated)
            );
        }
        // An oversized invoking packet is cut on emit.
        let r = Icmpv6Repr::Error {
            error: Icmpv6Error::DstUnreachable(0),
            invoking: &invoking,
        };
        let mut buf = [0u8; 1300];
        assert_eq!(r.emit(&mut buf, &ll(1), &ll(2)), Ok(1240));
    }
}
