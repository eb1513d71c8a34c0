//! Neighbor Discovery messages and options (RFC 4861, RFC 8106).
//!
//! [`NdpPacket`] is a view over a whole ICMPv6 message of type 133 to 137.
//! Its checked form guarantees the fixed part of its message type is
//! present; getters for fields of other message types never panic (they
//! read zeros if the bytes are absent). [`NdpOptionIter`] walks the options
//! area. [`NdpPacket::validate`] and [`NdpPacket::validate_ip`] carry the
//! RFC 4861 6.1 / 7.1 / 8.1 receive checks, [`NdpRepr`] reads and builds
//! the messages this host sends (RS, NS, NA; RA for tests and simulators).

use super::icmpv6::{Icmpv6Packet, Message};
use super::{Error, Ipv6Address, MacAddress, Result};

/// Option types (RFC 4861 4.6, RFC 8106 5.1).
pub mod option_type {
    /// Source Link-Layer Address (RFC 4861 4.6.1).
    pub const SOURCE_LL_ADDR: u8 = 1;
    /// Target Link-Layer Address (RFC 4861 4.6.1).
    pub const TARGET_LL_ADDR: u8 = 2;
    /// Prefix Information (RFC 4861 4.6.2).
    pub const PREFIX_INFO: u8 = 3;
    /// Redirected Header (RFC 4861 4.6.3).
    pub const REDIRECTED_HEADER: u8 = 4;
    /// MTU (RFC 4861 4.6.4).
    pub const MTU: u8 = 5;
    /// Recursive DNS Server (RFC 8106 5.1).
    pub const RDNSS: u8 = 25;
}

/// The hop limit every Neighbor Discovery message is sent with and must be
/// received with (RFC 4861 6.1, 7.1, 8.1).
pub const HOP_LIMIT: u8 = 255;

/// Length of the fixed part of a message type, i.e. where its options
/// start (RFC 4861 4.1-4.5); `None` for non-NDP types.
pub fn fixed_len(t: Message) -> Option<usize> {
    Some(match t {
        Message::RouterSolicit => 8,
        Message::RouterAdvert => 16,
        Message::NeighborSolicit | Message::NeighborAdvert => 24,
        Message::Redirect => 40,
        _ => return None,
    })
}

/// A read/write view of a Neighbor Discovery message (the whole ICMPv6
/// message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NdpPacket<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> NdpPacket<T> {
    /// Wraps a buffer without checking it.
    pub const fn new_unchecked(buffer: T) -> NdpPacket<T> {
        NdpPacket { buffer }
    }

    /// Wraps a buffer after [`NdpPacket::check_len`].
    pub fn new_checked(buffer: T) -> Result<NdpPacket<T>> {
        let p = NdpPacket::new_unchecked(buffer);
        p.check_len()?;
        Ok(p)
    }

    /// `Unsupported` if the type is not 133-137; `Truncated` if the message
    /// is shorter than the fixed part of its type (the "ICMP length is 8
    /// (RS) / 16 (RA) / 24 (NS, NA) / 40 (Redirect) or more octets" checks of
    /// RFC 4861 6.1.1, 6.1.2, 7.1.1, 7.1.2, 8.1).
    pub fn check_len(&self) -> Result<()> {
        let d = self.buffer.as_ref();
        let t = Message::from(*d.first().ok_or(Error::Truncated)?);
        let min = fixed_len(t).ok_or(Error::Unsupported)?;
        if d.len() < min {
            return Err(Error::Truncated);
        }
        Ok(())
    }

    /// The wrapped buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// `N` bytes at `at`, or zeros if the message is shorter (a field of
    /// another message type).
    fn field<const N: usize>(&self, at: usize) -> [u8; N] {
        let mut a = [0u8; N];
        if let Some(s) = self.buffer.as_ref().get(at..at + N) {
            a.copy_from_slice(s);
        }
        a
    }

    fn byte(&self, at: usize) -> u8 {
        *self.buffer.as_ref().get(at).unwrap_or(&0)
    }

    fn u32_at(&self, at: usize) -> u32 {
        u32::from_be_bytes(self.field(at))
    }

    /// The message type.
    pub fn msg_type(&self) -> Message {
        Message::from(self.byte(0))
    }

    /// The ICMP code (0 for every valid NDP message).
    pub fn msg_code(&self) -> u8 {
        self.byte(1)
    }

    /// The checksum field.
    pub fn checksum(&self) -> u16 {
        u16::from_be_bytes(self.field(2))
    }

    /// RA: Cur Hop Limit (RFC 4861 4.2).
    pub fn cur_hop_limit(&self) -> u8 {
        self.byte(4)
    }

    /// RA: M flag, "managed address configuration" (RFC 4861 4.2).
    pub fn managed_flag(&self) -> bool {
        self.byte(5) & 0x80 != 0
    }

    /// RA: O flag, "other configuration" (RFC 4861 4.2).
    pub fn other_flag(&self) -> bool {
        self.byte(5) & 0x40 != 0
    }

    /// RA: Router Lifetime in seconds (RFC 4861 4.2).
    pub fn router_lifetime(&self) -> u16 {
        u16::from_be_bytes(self.field(6))
    }

    /// RA: Reachable Time in milliseconds, 0 = unspecified (RFC 4861 4.2).
    pub fn reachable_time(&self) -> u32 {
        self.u32_at(8)
    }

    /// RA: Retrans Timer in milliseconds, 0 = unspecified (RFC 4861 4.2).
    pub fn retrans_time(&self) -> u32 {
        self.u32_at(12)
    }

    /// NA: R flag, the sender is a router (RFC 4861 4.4).
    pub fn router_flag(&self) -> bool {
        self.byte(4) & 0x80 != 0
    }

    /// NA: S flag, sent in response to a solicitation (RFC 4861 4.4).
    pub fn solicited_flag(&self) -> bool {
        self.byte(4) & 0x40 != 0
    }

    /// NA: O flag, override an existing cache entry (RFC 4861 4.4).
    pub fn override_flag(&self) -> bool {
        self.byte(4) & 0x20 != 0
    }

    /// NS, NA, Redirect: Target Address (RFC 4861 4.3-4.5).
    pub fn target_addr(&self) -> Ipv6Address {
        Ipv6Address(self.field(8))
    }

    /// Redirect: Destination Address (RFC 4861 4.5).
    pub fn dest_addr(&self) -> Ipv6Address {
        Ipv6Address(self.field(24))
    }

    /// The options area (empty for a non-NDP type or a short message).
    pub fn options(&self) -> &[u8] {
        let d = self.buffer.as_ref();
        let at = fixed_len(self.msg_type()).unwrap_or(d.len());
        d.get(at..).unwrap_or(&[])
    }

    /// An iterator over the options.
    pub fn option_iter(&self) -> NdpOptionIter<'_> {
        NdpOptionIter::new(self.options())
    }

    /// True if an option of type `kind` is present (well-formed or not).
    pub fn has_option(&self, kind: u8) -> bool {
        self.raw_options().any(|o| o.first() == Some(&kind))
    }

    /// The well-formed options as raw bytes (type, length, data), up to the
    /// first malformed one: for code that reads a few kinds without
    /// building [`NdpOption`]s (smaller code on the 16-bit target).
    pub(crate) fn raw_options(&self) -> RawOptionIter<'_> {
        RawOptionIter {
            rest: self.options(),
        }
    }

    /// The message-level receive checks that depend on the packet alone
    /// (RFC 4861 6.1.1, 6.1.2, 7.1.1, 7.1.2, 8.1), on a checked view:
    /// ICMP code is 0 (`BadValue`); NS/NA Target Address is not multicast
    /// (`BadValue`); Redirect Destination is not multicast and its Target is
    /// link-local or equal to the Destination (`BadValue`); every option has
    /// a length greater than zero and lies inside the packet (`BadOption`).
    /// The length checks are [`NdpPacket::check_len`]; the checksum is
    /// checked with [`Icmpv6Packet::verify_checksum`].
    pub fn validate(&self) -> Result<()> {
        self.check_len()?;
        if self.msg_code() != 0 {
            return Err(Error::BadValue);
        }
        let target = self.target_addr();
        match self.msg_type() {
            Message::NeighborSolicit | Message::NeighborAdvert if target.is_multicast() => {
                return Err(Error::BadValue)
            }
            Message::Redirect => {
                let dest = self.dest_addr();
                if dest.is_multicast() || !(target.is_link_local() || target == dest) {
                    return Err(Error::BadValue);
                }
            }
            _ => {}
        }
        let mut rest = self.options();
        while let Some(o) = split_option(&mut rest) {
            o?;
        }
        Ok(())
    }

    /// The receive checks that need the IPv6 header (RFC 4861 6.1.1,
    /// 6.1.2, 7.1.1, 7.1.2, 8.1), all `BadValue` when they fail:
    /// hop limit is 255; RS: unspecified source means no SLLA option;
    /// RA and Redirect: source is link-local; NS: unspecified source means
    /// a solicited-node multicast destination and no SLLA option; NA:
    /// multicast destination means the S flag is clear.
    pub fn validate_ip(&self, hop_limit: u8, src: &Ipv6Address, dst: &Ipv6Address) -> Result<()> {
        let ok = hop_limit == HOP_LIMIT
            && match self.msg_type() {
                Message::RouterSolicit => {
                    !src.is_unspecified() || !self.has_option(option_type::SOURCE_LL_ADDR)
                }
                Message::RouterAdvert | Message::Redirect => src.is_link_local(),
                Message::NeighborSolicit => {
                    !src.is_unspecified()
                        || (dst.is_solicited_node_multicast()
                            && !self.has_option(option_type::SOURCE_LL_ADDR))
                }
                Message::NeighborAdvert => !dst.is_multicast() || !self.solicited_flag(),
                _ => false,
            };
        if ok {
            Ok(())
        } else {
            Err(Error::BadValue)
        }
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> NdpPacket<T> {
    /// Computes and stores the ICMPv6 checksum (RFC 4443 2.3).
    pub fn fill_checksum(&mut self, src: &Ipv6Address, dst: &Ipv6Address) {
        Icmpv6Packet::new_unchecked(self.buffer.as_mut()).fill_checksum(src, dst)
    }
}

/// The Prefix Information option (RFC 4861 4.6.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrefixInfo {
    /// Number of leading bits of `prefix` that are valid (0-128).
    pub prefix_len: u8,
    /// L flag: the prefix is on-link.
    pub on_link: bool,
    /// A flag: the prefix may be used for SLAAC (RFC 4862 5.5.3).
    pub autonomous: bool,
    /// Valid lifetime in seconds; 0xffffffff is infinity.
    pub valid_lifetime: u32,
    /// Preferred lifetime in seconds; 0xffffffff is infinity.
    pub preferred_lifetime: u32,
    /// The prefix (bits after `prefix_len` are to be ignored).
    pub prefix: Ipv6Address,
}

/// The Recursive DNS Server option (RFC 8106 5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rdnss<'a> {
    /// Lifetime in seconds; 0xffffffff is infinity, 0 withdraws.
    pub lifetime: u32,
    /// The addresses, 16 bytes each (at least one).
    pub addresses: &'a [u8],
}

impl<'a> Rdnss<'a> {
    /// The server addresses.
    pub fn iter(&self) -> impl Iterator<Item = Ipv6Address> + 'a {
        self.addresses.chunks_exact(16).map(Ipv6Address::from_bytes)
    }
}

/// One NDP option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NdpOption<'a> {
    /// Source Link-Layer Address, Ethernet (RFC 4861 4.6.1, length 1).
    SourceLinkLayerAddr(MacAddress),
    /// Target Link-Layer Address, Ethernet (RFC 4861 4.6.1, length 1).
    TargetLinkLayerAddr(MacAddress),
    /// Prefix Information (RFC 4861 4.6.2, length 4).
    PrefixInfo(PrefixInfo),
    /// MTU (RFC 4861 4.6.4, length 1).
    Mtu(u32),
    /// Recursive DNS Server (RFC 8106 5.1, length odd and >= 3).
    Rdnss(Rdnss<'a>),
    /// An option this stack does not interpret: an unknown type, the
    /// Redirected Header, or a known type whose length is not the one
    /// above. Receivers skip these (RFC 4861 4.6). `data` is the option
    /// after its type and length bytes.
    Unknown {
        /// The option type.
        kind: u8,
        /// The option bytes after type and length.
        data: &'a [u8],
    },
}

impl<'a> NdpOption<'a> {
    /// Reads one option from `opt`, which is exactly the option's bytes
    /// (at least 8, length field consistent).
    fn parse(opt: &'a [u8]) -> NdpOption<'a> {
        let u32_at =
            |at: usize| u32::from_be_bytes([opt[at], opt[at + 1], opt[at + 2], opt[at + 3]]);
        let units = opt[1];
        match (opt[0], units) {
            (option_type::SOURCE_LL_ADDR, 1) => {
                NdpOption::SourceLinkLayerAddr(MacAddress::from_bytes(&opt[2..]))
            }
            (option_type::TARGET_LL_ADDR, 1) => {
                NdpOption::TargetLinkLayerAddr(MacAddress::from_bytes(&opt[2..]))
            }
            (option_type::PREFIX_INFO, 4) => NdpOption::PrefixInfo(PrefixInfo {
                prefix_len: opt[2],
                on_link: opt[3] & 0x80 != 0,
                autonomous: opt[3] & 0x40 != 0,
                valid_lifetime: u32_at(4),
                preferred_lifetime: u32_at(8),
                prefix: Ipv6Address::from_bytes(&opt[16..]),
            }),
            (option_type::MTU, 1) => NdpOption::Mtu(u32_at(4)),
            // RFC 8106 5.1: length 3 + 2 per extra address.
            (option_type::RDNSS, u) if u >= 3 && u % 2 == 1 => NdpOption::Rdnss(Rdnss {
                lifetime: u32_at(4),
                addresses: &opt[8..],
            }),
            (kind, _) => NdpOption::Unknown {
                kind,
                data: &opt[2..],
            },
        }
    }

    /// The option type byte.
    pub fn kind(&self) -> u8 {
        match self {
            NdpOption::SourceLinkLayerAddr(_) => option_type::SOURCE_LL_ADDR,
            NdpOption::TargetLinkLayerAddr(_) => option_type::TARGET_LL_ADDR,
            NdpOption::PrefixInfo(_) => option_type::PREFIX_INFO,
            NdpOption::Mtu(_) => option_type::MTU,
            NdpOption::Rdnss(_) => option_type::RDNSS,
            NdpOption::Unknown { kind, .. } => *kind,
        }
    }

    /// Bytes [`NdpOption::emit`] writes.
    pub fn buffer_len(&self) -> usize {
        match self {
            NdpOption::PrefixInfo(_) => 32,
            NdpOption::Rdnss(r) => 8 + r.addresses.len(),
            NdpOption::Unknown { data, .. } => 2 + data.len(),
            _ => 8,
        }
    }

    /// Writes the option at the start of `buf`; returns its length.
    /// `Truncated` if `buf` is too short; `BadLength` if the option would
    /// not be a whole, non-zero number of 8-byte units, or an RDNSS would
    /// carry no address.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize> {
        let len = self.buffer_len();
        if len % 8 != 0
            || len / 8 > 255
            || matches!(self, NdpOption::Rdnss(r) if r.addresses.is_empty())
        {
            return Err(Error::BadLength);
        }
        let o = buf.get_mut(..len).ok_or(Error::Truncated)?;
        o.fill(0);
        o[0] = self.kind();
        o[1] = (len / 8) as u8;
        match self {
            NdpOption::SourceLinkLayerAddr(m) | NdpOption::TargetLinkLayerAddr(m) => {
                o[2..8].copy_from_slice(&m.0)
            }
            NdpOption::PrefixInfo(p) => {
                o[2] = p.prefix_len;
                o[3] = (p.on_link as u8) << 7 | (p.autonomous as u8) << 6;
                o[4..8].copy_from_slice(&p.valid_lifetime.to_be_bytes());
                o[8..12].copy_from_slice(&p.preferred_lifetime.to_be_bytes());
                o[16..32].copy_from_slice(&p.prefix.0);
            }
            NdpOption::Mtu(mtu) => o[4..8].copy_from_slice(&mtu.to_be_bytes()),
            NdpOption::Rdnss(r) => {
                o[4..8].copy_from_slice(&r.lifetime.to_be_bytes());
                o[8..].copy_from_slice(r.addresses);
            }
            NdpOption::Unknown { data, .. } => o[2..].copy_from_slice(data),
        }
        Ok(len)
    }
}

/// Iterator over an NDP options area.
///
/// Yields `Err(BadOption)` for an option whose length is zero or that runs
/// past the end of the area (RFC 4861 4.6, 6.1), and nothing after it; it
/// never loops, since every step consumes at least 8 bytes.
#[derive(Debug, Clone)]
pub struct NdpOptionIter<'a> {
    rest: &'a [u8],
}

impl<'a> NdpOptionIter<'a> {
    /// Iterates over `options`.
    pub fn new(options: &'a [u8]) -> NdpOptionIter<'a> {
        NdpOptionIter { rest: options }
    }
}

impl<'a> Iterator for NdpOptionIter<'a> {
    type Item = Result<NdpOption<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(split_option(&mut self.rest)?.map(NdpOption::parse))
    }
}

/// Splits the next option (its type, length and data) off `rest`:
/// `Err(BadOption)` for a zero length or one running past the end (RFC
/// 4861 4.6, 6.1), after which `rest` is empty. Every step consumes at
/// least 8 bytes, so walks end.
pub(crate) fn split_option<'a>(rest: &mut &'a [u8]) -> Option<Result<&'a [u8]>> {
    let len = match rest {
        [] => return None,
        [_, units, ..] => 8 * *units as usize,
        [_] => 0,
    };
    if len == 0 || len > rest.len() {
        *rest = &[];
        return Some(Err(Error::BadOption));
    }
    let (opt, tail) = rest.split_at(len);
    *rest = tail;
    Some(Ok(opt))
}

/// The well-formed options of a packet as raw bytes, each at least 8 long
/// (see [`NdpPacket::raw_options`]); ends at the first malformed one.
#[derive(Debug, Clone)]
pub(crate) struct RawOptionIter<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for RawOptionIter<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        split_option(&mut self.rest)?.ok()
    }
}

/// The Neighbor Discovery messages as plain values: the fixed fields and
/// the options a host acts on first. Prefix Information and RDNSS options
/// (which can repeat) are read with [`NdpPacket::option_iter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NdpRepr {
    /// Router Solicitation (RFC 4861 4.1).
    RouterSolicit {
        /// Source Link-Layer Address option.
        slla: Option<MacAddress>,
    },
    /// Router Advertisement (RFC 4861 4.2).
    RouterAdvert {
        /// Cur Hop Limit (0: unspecified).
        cur_hop_limit: u8,
        /// M flag.
        managed: bool,
        /// O flag.
        other: bool,
        /// Router Lifetime, seconds.
        router_lifetime: u16,
        /// Reachable Time, milliseconds.
        reachable_time: u32,
        /// Retrans Timer, milliseconds.
        retrans_time: u32,
        /// Source Link-Layer Address option.
        slla: Option<MacAddress>,
        /// MTU option.
        mtu: Option<u32>,
    },
    /// Neighbor Solicitation (RFC 4861 4.3).
    NeighborSolicit {
        /// Target Address.
        target: Ipv6Address,
        /// Source Link-Layer Address option (absent for DAD, RFC 4862 5.4.2).
        slla: Option<MacAddress>,
    },
    /// Neighbor Advertisement (RFC 4861 4.4).
    NeighborAdvert {
        /// R flag.
        router: bool,
        /// S flag.
        solicited: bool,
        /// O flag.
        override_: bool,
        /// Target Address.
        target: Ipv6Address,
        /// Target Link-Layer Address option.
        tlla: Option<MacAddress>,
    },
    /// Redirect (RFC 4861 4.5); parsed, never emitted.
    Redirect {
        /// Target Address: the better first hop.
        target: Ipv6Address,
        /// Destination Address: the redirected destination.
        destination: Ipv6Address,
        /// Target Link-Layer Address option.
        tlla: Option<MacAddress>,
    },
}

impl NdpRepr {
    /// Reads a message after [`NdpPacket::validate`]. The first SLLA / TLLA
    /// / MTU option of the kind the message uses is taken, others ignored.
    pub fn parse<T: AsRef<[u8]>>(packet: &NdpPacket<T>) -> Result<NdpRepr> {
        packet.validate()?;
        let (mut sll, mut tll, mut mtu) = (None, None, None);
        for o in packet.option_iter().flatten() {
            match o {
                NdpOption::SourceLinkLayerAddr(m) => sll = sll.or(Some(m)),
                NdpOption::TargetLinkLayerAddr(m) => tll = tll.or(Some(m)),
                NdpOption::Mtu(m) => mtu = mtu.or(Some(m)),
                _ => {}
            }
        }
        let target = packet.target_addr();
        Ok(match packet.msg_type() {
            Message::RouterSolicit => NdpRepr::RouterSolicit { slla: sll },
            Message::RouterAdvert => NdpRepr::RouterAdvert {
                cur_hop_limit: packet.cur_hop_limit(),
                managed: packet.managed_flag(),
                other: packet.other_flag(),
                router_lifetime: packet.router_lifetime(),
                reachable_time: packet.reachable_time(),
                retrans_time: packet.retrans_time(),
                slla: sll,
                mtu,
            },
            Message::NeighborSolicit => NdpRepr::NeighborSolicit { target, slla: sll },
            Message::NeighborAdvert => NdpRepr::NeighborAdvert {
                router: packet.router_flag(),
                solicited: packet.solicited_flag(),
                override_: packet.override_flag(),
                target,
                tlla: tll,
            },
            _ => NdpRepr::Redirect {
                target,
                destination: packet.dest_addr(),
                tlla: tll,
            },
        })
    }

    fn msg_type(&self) -> Message {
        match self {
            NdpRepr::RouterSolicit { .. } => Message::RouterSolicit,
            NdpRepr::RouterAdvert { .. } => Message::RouterAdvert,
            NdpRepr::NeighborSolicit { .. } => Message::NeighborSolicit,
            NdpRepr::NeighborAdvert { .. } => Message::NeighborAdvert,
            NdpRepr::Redirect { .. } => Message::Redirect,
        }
    }

    /// The options this repr carries itself.
    fn own_options(&self) -> [Option<NdpOption<'static>>; 2] {
        match *self {
            NdpRepr::RouterSolicit { slla } | NdpRepr::NeighborSolicit { slla, .. } => {
                [slla.map(NdpOption::SourceLinkLayerAddr), None]
            }
            NdpRepr::RouterAdvert { slla, mtu, .. } => [
                slla.map(NdpOption::SourceLinkLayerAddr),
                mtu.map(NdpOption::Mtu),
            ],
            NdpRepr::NeighborAdvert { tlla, .. } | NdpRepr::Redirect { tlla, .. } => {
                [tlla.map(NdpOption::TargetLinkLayerAddr), None]
            }
        }
    }

    /// Bytes [`NdpRepr::emit`] writes without extra options.
    pub fn buffer_len(&self) -> usize {
        let fixed = fixed_len(self.msg_type()).unwrap_or(0);
        fixed + self.own_options().iter().flatten().count() * 8
    }

    /// Builds the message at the start of `buf`: the fixed part, its own
    /// link-layer address / MTU options, then `extra` options (Prefix
    /// Information, RDNSS...), and fills the checksum for `src` -> `dst`.
    /// Returns the message length. `Truncated` if `buf` is too short,
    /// `Unsupported` for a Redirect (a host never sends one, RFC 4861 8).
    pub fn emit(
        &self,
        buf: &mut [u8],
        extra: &[NdpOption],
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Result<usize> {
        let fixed = fixed_len(self.msg_type()).unwrap_or(0);
        let hdr = buf.get_mut(..fixed).ok_or(Error::Truncated)?;
        hdr.fill(0);
        hdr[0] = self.msg_type().into();
        match *self {
            NdpRepr::RouterSolicit { .. } => {}
            NdpRepr::RouterAdvert {
                cur_hop_limit,
                managed,
                other,
                router_lifetime,
                reachable_time,
                retrans_time,
                ..
            } => {
                hdr[4] = cur_hop_limit;
                hdr[5] = (managed as u8) << 7 | (other as u8) << 6;
                hdr[6..8].copy_from_slice(&router_lifetime.to_be_bytes());
                hdr[8..12].copy_from_slice(&reachable_time.to_be_bytes());
                hdr[12..16].copy_from_slice(&retrans_time.to_be_bytes());
            }
            NdpRepr::NeighborSolicit { target, .. } => hdr[8..24].copy_from_slice(&target.0),
            NdpRepr::NeighborAdvert {
                router,
                solicited,
                override_,
                target,
                ..
            } => {
                hdr[4] = (router as u8) << 7 | (solicited as u8) << 6 | (override_ as u8) << 5;
                hdr[8..24].copy_from_slice(&target.0);
            }
            NdpRepr::Redirect { .. } => return Err(Error::Unsupported),
        }
        let mut len = fixed;
        for o in self.own_options().iter().flatten().chain(extra.iter()) {
            len += o.emit(&mut buf[len..])?;
        }
        Icmpv6Packet::new_unchecked(&mut buf[..len]).fill_checksum(src, dst);
        Ok(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    use crate::test_common::{hx as unhex, ip as addr};

    const MAC: MacAddress = MacAddress([0x02, 0, 0, 0, 0, 0x42]);

    // Neighbor Solicitation fe80::ff:fe00:42 -> ff02::1:ff00:1 for
    // fe80::1 with SLLA 02:00:00:00:00:42, laid out per RFC 4861 4.3 and
    // 4.6.1 (checksum zero here, filled by the test; the scapy vectors in
    // tests/vectors_icmpv6.rs check checksums against an independent tool).
    fn ns_wire() -> Vec<u8> {
        unhex(
            "8700 0000 00000000 fe80 0000 0000 0000 0000 0000 0000 0001
             0101 0200 0000 0042",
        )
    }

    #[test]
    fn neighbor_solicitation_fields_and_checks() {
        let mut ns = ns_wire();
        let (src, dst) = (addr("fe80::ff:fe00:42"), addr("ff02::1:ff00:1"));
        NdpPacket::new_unchecked(&mut ns[..]).fill_checksum(&src, &dst);
        let p = NdpPacket::new_checked(&ns[..]).unwrap();
        assert_eq!(p.msg_type(), Message::NeighborSolicit);
        assert_eq!(p.target_addr(), addr("fe80::1"));
        assert_eq!(p.options().len(), 8);
        assert!(p.has_option(option_type::SOURCE_LL_ADDR));
        assert!(!p.has_option(option_type::TARGET_LL_ADDR));
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(p.validate_ip(255, &src, &dst), Ok(()));
        assert_eq!(p.validate_ip(254, &src, &dst), Err(Error::BadValue));
        // RFC 4861 7.1.1: unspecified source must not carry an SLLA.
        let unspec = Ipv6Address::UNSPECIFIED;
        assert_eq!(p.validate_ip(255, &unspec, &dst), Err(Error::BadValue));
        assert_eq!(
            NdpRepr::parse(&p).unwrap(),
            NdpRepr::NeighborSolicit {
                target: addr("fe80::1"),
                slla: Some(MAC)
            }
        );
        // DAD form: no option, unspecified source, solicited-node dst.
        let p = NdpPacket::new_checked(&ns[..24]).unwrap();
        assert_eq!(p.validate_ip(255, &unspec, &dst), Ok(()));
        assert_eq!(
            p.validate_ip(255, &unspec, &Ipv6Address::ALL_NODES),
            Err(Error::BadValue)
        );
        // Code not 0, multicast target.
        let mut bad = ns.clone();
        bad[1] = 1;
        assert_eq!(
            NdpPacket::new_checked(&bad[..]).unwrap().validate(),
            Err(Error::BadValue)
        );
        let mut bad = ns.clone();
        bad[8] = 0xff;
        assert_eq!(
            NdpPacket::new_checked(&bad[..]).unwrap().validate(),
            Err(Error::BadValue)
        );
    }

    #[test]
    fn truncated_at_every_length() {
        let ns = ns_wire();
        for n in 0..24 {
            assert_eq!(
                NdpPacket::new_checked(&ns[..n]).err(),
                Some(Error::Truncated),
                "{n}"
            );
        }
        // 25..31: the options area is cut inside the SLLA option.
        for n in 25..32 {
            let p = NdpPacket::new_checked(&ns[..n]).unwrap();
            assert_eq!(p.validate(), Err(Error::BadOption), "{n}");
            assert!(NdpRepr::parse(&p).is_err());
        }
        let ra = [134u8, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(
            NdpPacket::new_checked(&ra[..]).err(),
            Some(Error::Truncated)
        );
        let echo = [128u8, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(
            NdpPacket::new_checked(&echo[..]).err(),
            Some(Error::Unsupported)
        );
        // Getters of a view of another type never panic.
        let rs = NdpPacket::new_checked(&[133u8, 0, 0, 0, 0, 0, 0, 0][..]).unwrap();
        assert_eq!(rs.target_addr(), Ipv6Address::UNSPECIFIED);
        assert_eq!(rs.dest_addr(), Ipv6Address::UNSPECIFIED);
        assert_eq!(rs.retrans_time(), 0);
        let short = NdpPacket::new_unchecked(&[][..]);
        assert_eq!(short.options(), &[] as &[u8]);
        assert_eq!(short.msg_code(), 0);
    }

    #[test]
    fn option_iterator_bad_inputs() {
        // Zero-length option followed by a valid one: error, then nothing.
        let opts = unhex("0100 0000 0000 0000 0101 0200 0000 0042");
        let v: Vec<_> = NdpOptionIter::new(&opts).collect();
        assert_eq!(v, [Err(Error::BadOption)]);
        // Option longer than the area.
        let opts = unhex("0101 0200 0000 0042 0502 0000 0000 05dc");
        let v: Vec<_> = NdpOptionIter::new(&opts).collect();
        assert_eq!(
            v,
            [
                Ok(NdpOption::SourceLinkLayerAddr(MAC)),
                Err(Error::BadOption)
            ]
        );
        // A lone byte.
        let v: Vec<_> = NdpOptionIter::new(&[1]).collect();
        assert_eq!(v, [Err(Error::BadOption)]);
        // Unknown and malformed known options are yielded as Unknown.
        let opts = unhex(
            "fe01 0102 0304 0506 1901 0000 0000 0000 0102 0000 0000 0000 0000 0000 0000 0000",
        );
        let v: Vec<_> = NdpOptionIter::new(&opts).collect();
        assert_eq!(
            v,
            [
                Ok(NdpOption::Unknown {
                    kind: 0xfe,
                    data: &[1, 2, 3, 4, 5, 6]
                }),
                Ok(NdpOption::Unknown {
                    kind: 25,
                    data: &[0; 6]
                }),
                Ok(NdpOption::Unknown {
                    kind: 1,
                    data: &[0; 14]
                }),
            ]
        );
        // RDNSS of even length 4 is malformed too.
        let mut rd = std::vec![0u8; 32];
        rd[0] = 25;
        rd[1] = 4;
        assert!(matches!(
            NdpOptionIter::new(&rd).next(),
            Some(Ok(NdpOption::Unknown { kind: 25, .. }))
        ));
        // 255 options of 8 bytes: the iterator ends after exactly 255.
        let many: Vec<u8> = (0..255).flat_map(|_| [0xfe, 1, 0, 0, 0, 0, 0, 0]).collect();
        assert_eq!(NdpOptionIter::new(&many).count(), 255);
    }

    #[test]
    fn router_advertisement_with_options() {
        let (src, dst) = (addr("fe80::1"), Ipv6Address::ALL_NODES);
        let servers = [addr("2001:db8::53"), addr("2001:db8::5353")];
        let mut sbytes = [0u8; 32];
        sbytes[..16].copy_from_slice(&servers[0].0);
        sbytes[16..].copy_from_slice(&servers[1].0);
        let pi = PrefixInfo {
            prefix_len: 64,
            on_link: true,
            autonomous: true,
            valid_lifetime: 86400,
            preferred_lifetime: 14400,
            prefix: addr("2001:db8:1::"),
        };
        let repr = NdpRepr::RouterAdvert {
            cur_hop_limit: 64,
            managed: false,
            other: true,
            router_lifetime: 1800,
            reachable_time: 30000,
            retrans_time: 1000,
            slla: Some(MAC),
            mtu: Some(1500),
        };
        let extra = [
            NdpOption::PrefixInfo(pi),
            NdpOption::Rdnss(Rdnss {
                lifetime: 600,
                addresses: &sbytes,
            }),
        ];
        let mut buf = [0u8; 200];
        let n = repr.emit(&mut buf, &extra, &src, &dst).unwrap();
        assert_eq!(n, 16 + 8 + 8 + 32 + 40);
        assert_eq!(repr.buffer_len(), 32);
        let p = NdpPacket::new_checked(&buf[..n]).unwrap();
        assert!(Icmpv6Packet::new_checked(&buf[..n])
            .unwrap()
            .verify_checksum(&src, &dst));
        assert_eq!(NdpRepr::parse(&p).unwrap(), repr);
        assert_eq!(p.validate_ip(255, &src, &dst), Ok(()));
        assert_eq!(
            p.validate_ip(255, &addr("2001:db8::1"), &dst),
            Err(Error::BadValue)
        );
        let opts: Vec<_> = p.option_iter().map(|o| o.unwrap()).collect();
        assert_eq!(opts.len(), 4);
        assert_eq!(opts[2], extra[0]);
        assert_eq!(opts[3], extra[1]);
        match opts[3] {
            NdpOption::Rdnss(r) => assert_eq!(r.iter().collect::<Vec<_>>(), servers),
            _ => unreachable!(),
        }
        // Options re-emit to the same bytes.
        let mut again = [0u8; 100];
        let mut at = 0;
        for o in &opts {
            at += o.emit(&mut again[at..]).unwrap();
        }
        assert_eq!(&again[..at], p.options());
        // Prefix bytes on the wire: 03 04 40 c0 00015180 00003840 0..
        assert_eq!(&buf[32..44], &unhex("0304 40c0 0001 5180 0000 3840")[..]);
    }

    #[test]
    fn emitted_reprs_round_trip() {
        let (src, dst) = (addr("fe80::ff:fe00:42"), addr("fe80::1"));
        let reprs = [
            NdpRepr::RouterSolicit { slla: Some(MAC) },
            NdpRepr::RouterSolicit { slla: None },
            NdpRepr::NeighborSolicit {
                target: addr("2001:db8::7"),
                slla: None,
            },
            NdpRepr::NeighborSolicit {
                target: dst,
                slla: Some(MAC),
            },
            NdpRepr::NeighborAdvert {
                router: false,
                solicited: true,
                override_: true,
                target: src,
                tlla: Some(MAC),
            },
            NdpRepr::NeighborAdvert {
                router: true,
                solicited: false,
                override_: false,
                target: src,
                tlla: None,
            },
        ];
        for r in reprs {
            let mut buf = [0xaau8; 64];
            let n = r.emit(&mut buf, &[], &src, &dst).unwrap();
            assert_eq!(n, r.buffer_len());
            assert!(Icmpv6Packet::new_checked(&buf[..n])
                .unwrap()
                .verify_checksum(&src, &dst));
            let p = NdpPacket::new_checked(&buf[..n]).unwrap();
            assert_eq!(NdpRepr::parse(&p), Ok(r));
            for short in 0..n {
                assert_eq!(
                    r.emit(&mut buf[..short], &[], &src, &dst),
                    Err(Error::Truncated)
                );
            }
        }
        let redirect = NdpRepr::Redirect {
            target: src,
            destination: dst,
            tlla: None,
        };
        assert_eq!(
            redirect.emit(&mut [0u8; 64], &[], &src, &dst),
            Err(Error::Unsupported)
        );
        // Options that cannot be encoded are refused.
        let odd = NdpOption::Unknown {
            kind: 9,
            data: &[1, 2, 3],
        };
        assert_eq!(odd.emit(&mut [0u8; 16]), Err(Error::BadLength));
        let empty = NdpOption::Rdnss(Rdnss {
            lifetime: 1,
            addresses: &[],
        });
        assert_eq!(empty.emit(&mut [0u8; 16]), Err(Error::BadLength));
    }

    #[test]
    fn neighbor_advert_and_redirect_checks() {
        let (src, tgt) = (addr("fe80::2"), addr("fe80::2"));
        let na = NdpRepr::NeighborAdvert {
            router: false,
            solicited: true,
            override_: false,
            target: tgt,
            tlla: Some(MAC),
        };
        let mut buf = [0u8; 32];
        let n = na
            .emit(&mut buf, &[], &src, &Ipv6Address::ALL_NODES)
            .unwrap();
        let p = NdpPacket::new_checked(&buf[..n]).unwrap();
        // RFC 4861 7.1.2: S flag with a multicast destination is invalid.
        assert_eq!(
            p.validate_ip(255, &src, &Ipv6Address::ALL_NODES),
            Err(Error::BadValue)
        );
        assert_eq!(p.validate_ip(255, &src, &addr("fe80::1")), Ok(()));

        // Redirect: target fe80::9 for destination 2001:db8::1, from a
        // link-local router (RFC 4861 8.1).
        let mut r = [0u8; 40];
        r[0] = 137;
        r[8..24].copy_from_slice(&addr("fe80::9").0);
        r[24..40].copy_from_slice(&addr("2001:db8::1").0);
        let p = NdpPacket::new_checked(&r[..]).unwrap();
        assert_eq!(
            NdpRepr::parse(&p),
            Ok(NdpRepr::Redirect {
                target: addr("fe80::9"),
                destination: addr("2001:db8::1"),
                tlla: None
            })
        );
        assert_eq!(p.validate_ip(255, &addr("fe80::1"), &src), Ok(()));
        assert_eq!(
            p.validate_ip(255, &addr("2001:db8::2"), &src),
            Err(Error::BadValue)
        );
        // Global target different from the destination: invalid.
        r[8..24].copy_from_slice(&addr("2001:db8::9").0);
        assert_eq!(
            NdpPacket::new_checked(&r[..]).unwrap().validate(),
            Err(Error::BadValue)
        );
        // Target equal to the destination (on-link): valid.
        r[8..24].copy_from_slice(&addr("2001:db8::1").0);
        assert_eq!(NdpPacket::new_checked(&r[..]).unwrap().validate(), Ok(()));
        // Multicast destination: invalid.
        r[24] = 0xff;
        assert_eq!(
            NdpPacket::new_checked(&r[..]).unwrap().validate(),
            Err(Error::BadValue)
        );
        // RS from the unspecified address with an SLLA: invalid (6.1.1).
        let rs = NdpRepr::RouterSolicit { slla: Some(MAC) };
        let n = rs
            .emit(&mut buf, &[], &src, &Ipv6Address::ALL_ROUTERS)
            .unwrap();
        let p = NdpPacket::new_checked(&buf[..n]).unwrap();
        let u = Ipv6Address::UNSPECIFIED;
        assert_eq!(
            p.validate_ip(255, &u, &Ipv6Address::ALL_ROUTERS),
            Err(Error::BadValue)
        );
        assert_eq!(p.validate_ip(255, &src, &Ipv6Address::ALL_ROUTERS), Ok(()));
    }
}
