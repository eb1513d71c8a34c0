//! Receive path: filter early, parse in place with the [`crate::wire`]
//! views, answer in place.

use super::output::{Ndp, IP, L4, NONCE_OPTION};
use super::tables::{self, lifetime_end, AddrSlot, NeighborState, Timed};
use super::{consts, DropReason, EventKind, Interface, Received, UdpMeta};
use crate::clock::less_than;
use crate::time;
use crate::wire::checksum::ones_add;
use crate::wire::ethernet::ethertype;
use crate::wire::icmpv6::{self, build_error_in_place, msg_type, Icmpv6Packet};
use crate::wire::ipv6::Ipv6Repr;
use crate::wire::ipv6ext::{self, ExtDrop, ExtWalk};
use crate::wire::mld::MldQuery;
use crate::wire::ndp::{self, option_type};
use crate::wire::{self, ip_protocol, Ipv6Address, MacAddress};

/// Upper bound for ReachableTime and RetransTimer from an RA (ms).
const MAX_ND_TIME_MS: u32 = 3_600_000;

/// The Reachable Time or Retrans Timer field (ms) at `at` of a Router
/// Advertisement, capped at one hour (the RFC 4861 6.2.1 maximum of
/// AdvReachableTime) so that millisecond timers stay far inside their
/// wrapping range. One copy of the 32-bit compare for both fields.
#[inline(never)]
fn nd_time_ms(ra: &[u8; 16], at: usize) -> u32 {
    let t = be_u32(ra, at);
    if less_than(MAX_ND_TIME_MS, t) {
        MAX_ND_TIME_MS
    } else {
        t
    }
}

/// The MAC address at `at` in `b`. (An array copy, not `from_bytes`:
/// inlined into the generic interface code on hosts too, where
/// `from_bytes`, not generic, is a call into the crate.)
// The 16-bit target: one shared copy of the bounds check and the copy.
#[cfg_attr(target_pointer_width = "16", inline(never))]
#[cfg_attr(not(target_pointer_width = "16"), inline)]
fn mac_at(b: &[u8], at: usize) -> MacAddress {
    MacAddress(*b[at..].first_chunk().unwrap())
}

/// The address of the link-layer address option at `at` of message `m`
/// (RFC 4861 4.6.1), if any (`at` 0: none).
#[inline]
fn lla_option(m: &[u8], at: usize) -> Option<MacAddress> {
    (at != 0).then(|| mac_at(m, at + 2))
}

/// The IPv6 address at `at` in `b` (as [`mac_at`], but inlined on the
/// 16-bit target too: one caller there).
#[inline]
fn ip_at(b: &[u8], at: usize) -> Ipv6Address {
    Ipv6Address(*b[at..].first_chunk().unwrap())
}

/// The big-endian 32-bit field at `at` of `b` (one shared copy of the
/// byte assembly, long on the 16-bit target).
#[inline(never)]
fn be_u32(b: &[u8], at: usize) -> u32 {
    // (One bounds check for the four bytes.)
    u32::from_be_bytes(*b[at..].first_chunk().unwrap())
}

impl<const N: usize, const R: usize, const D: usize> Interface<N, R, D> {
    /// Hands a received frame (`buf[..len]`) to the stack at `now_ms`.
    ///
    /// The frame is parsed in place. An answer (Neighbor Advertisement,
    /// echo reply, ICMP error) replaces it in the buffer and its length is
    /// returned as [`Received::Transmit`]; a UDP datagram to a bound port is
    /// returned as [`Received::Udp`] with its payload left in the buffer.
    // Inlined: the caller's one call site gets the link-layer filter
    // without a call (a frame for another host is dropped in a few
    // instructions).
    #[inline(always)]
    pub fn receive(&mut self, buf: &mut [u8], len: usize, now_ms: u32) -> Received {
        // Hosts: the common case (a frame in the same millisecond as the
        // last call, when `advance` has nothing to do) without the call.
        // The 16-bit target leaves the test to `advance`: smaller there.
        #[cfg(not(target_pointer_width = "16"))]
        let moved = !self.started || now_ms != self.now_ms;
        #[cfg(target_pointer_width = "16")]
        let moved = true;
        if moved {
            self.advance(now_ms);
        }
        self.counters.rx_frames = self.counters.rx_frames.wrapping_add(1);
        let len = len.min(buf.len());
        // The link-layer filter before the call: a frame for another host
        // or protocol leaves without `process`'s register saves and frame.
        if let Err(reason) = self.link_filter(&buf[..len]) {
            // Hosts: the counter in place, without the call of
            // `count_drop` and its result through memory; the 16-bit
            // target keeps the one shared copy (smaller there).
            #[cfg(not(target_pointer_width = "16"))]
            {
                let c = &mut self.counters.drops[reason as usize];
                *c = c.wrapping_add(1);
                return Received::Dropped(reason);
            }
            #[cfg(target_pointer_width = "16")]
            return self.count_drop(reason);
        }
        let r = self.process(buf, len);
        if let Received::Transmit(_) = r {
            self.counters.tx_frames = self.counters.tx_frames.wrapping_add(1);
        }
        r
    }

    /// Hands a received frame to the stack at `now_ms`, stored whole or cut:
    /// `buf[..stored]` holds the first bytes of a frame of `frame_len` bytes
    /// (a driver that reads a longer frame's start into the buffer, such as
    /// the ENC28J60's `receive_cut`), `tail_sum` is the RFC 1071
    /// one's-complement sum (not complemented) of the bytes left out, as
    /// 16-bit words aligned to the frame's even offsets (0 when none).
    ///
    /// A frame that fits (`frame_len <= stored`) is taken exactly as by
    /// [`Interface::receive`]. A cut one is taken only as a UDP datagram
    /// to a bound port right after the IPv6 header, ending with the frame
    /// (RFC 8200 3: its payload length against the frame's length; its
    /// UDP length the same, RFC 768), with a checksum (mandatory over
    /// IPv6, RFC 8200 8.1). Its checksum is
    /// verified over the stored bytes and `tail_sum`, and it is delivered
    /// as [`Received::Udp`] with a [`UdpMeta::payload`] that ends past
    /// `stored`, where the datagram ends. Any other cut frame (NDP, echo,
    /// MLD, extension headers, UDP to an unbound port...) is dropped and
    /// counted as [`DropReason::Truncated`]: shorter than its length says.
    /// No answer is built for a cut frame.
    #[inline(always)]
    pub fn receive_cut(
        &mut self,
        buf: &mut [u8],
        stored: usize,
        frame_len: usize,
        tail_sum: u16,
        now_ms: u32,
    ) -> Received {
        // (A length, not a flag: used without a branch below, so the
        // receive path is not compiled twice, once per outcome.)
        let end = if frame_len > stored {
            self.cut_to_stored(buf, stored, frame_len, tail_sum)
        } else {
            0
        };
        let mut r = self.receive(buf, stored, now_ms);
        if let Received::Udp(meta) = &mut r {
            // A cut datagram's end (it ends with the frame).
            meta.payload.end = meta.payload.end.max(end);
        }
        r
    }

    /// For [`Self::receive_cut`]: if the frame is longer than the `stored`
    /// bytes of `buf` and holds a UDP datagram that can be verified cut,
    /// rewrites its headers in `buf` to describe the stored part, so that
    /// the one receive path verifies and delivers it, and returns the
    /// datagram's end in the frame (`frame_len`); else leaves the frame as
    /// it is (the receive path takes a whole one, drops a cut one: shorter
    /// than its IPv6 payload length says) and returns 0.
    ///
    /// Taken: an IPv6 frame whose Next Header is UDP (no extension
    /// headers), whose payload length ends where the frame ends (RFC 8200
    /// 3) and equals the UDP length (RFC 768; RFC 8200 8.1), with a
    /// non-zero checksum (mandatory over IPv6), to a bound port (no port
    /// unreachable is built for a cut datagram: its quote would hold
    /// bytes not stored), the UDP header stored. The IPv6 payload length
    /// and the UDP length become the stored part's (`delta` bytes less)
    /// and the checksum field absorbs what the stored part's sum lacks
    /// (an incremental update, as RFC 1624 does for a changed field): the
    /// tail's sum and `delta` twice (the pseudo-header's length and the
    /// UDP length field). The sum over the rewritten stored part is then
    /// exactly the sum over the whole datagram: it verifies if and only
    /// if the whole datagram does. The UDP header starts at an even offset
    /// of the frame (54), so the tail's words, aligned to the frame's even
    /// offsets, are the datagram's (an odd number of stored bytes leaves
    /// the last one as a word's high byte, whose low byte is the tail's
    /// first).
    #[inline(never)]
    fn cut_to_stored(
        &self,
        buf: &mut [u8],
        stored: usize,
        frame_len: usize,
        tail_sum: u16,
    ) -> usize {
        // (Called only for a frame longer than `stored`: `receive_cut`
        // tests that first.)
        let Some(h) = buf
            .get_mut(..stored)
            .and_then(|b| b.first_chunk_mut::<{ L4 + wire::udp::HEADER_LEN }>())
        else {
            return 0;
        };
        let be = |at: usize| u16::from_be_bytes([h[at], h[at + 1]]);
        let payload_len = be(IP + 4);
        let checksum = be(L4 + 6);
        let dst_port = be(L4 + 2);
        if h[12..14] != ethertype::IPV6.to_be_bytes()
            || h[IP + 6] != ip_protocol::UDP
            || L4 + payload_len as usize != frame_len
            || be(L4 + 4) != payload_len
            || checksum == 0
            || dst_port == 0
            || !self.ports.contains(&dst_port)
        {
            return 0;
        }
        let new_len = (stored - L4) as u16;
        let delta = payload_len - new_len;
        let c = ones_add(ones_add(ones_add(checksum, tail_sum), delta), delta);
        let c = wire::udp::checksum_field(c);
        h[IP + 4..IP + 6].copy_from_slice(&new_len.to_be_bytes());
        h[L4 + 4..L4 + 6].copy_from_slice(&new_len.to_be_bytes());
        h[L4 + 6..L4 + 8].copy_from_slice(&c.to_be_bytes());
        frame_len
    }

    /// True if the destination MAC `m` is ours or the Ethernet mapping
    /// (RFC 2464 7) of a group we listen to: all-nodes or the
    /// solicited-node group of ours.
    // (The frame's bytes, not a MacAddress: no copy of them.)
    fn accepts_mac(&self, m: &[u8; 6]) -> bool {
        *m == self.mac.0
            || (m[0] == 0x33
                && m[1] == 0x33
                && (m[2..6] == [0, 0, 0, 1]
                    || (m[2] == 0xff && m[3..6] == *self.group_bits() && self.any_present())))
    }

    /// The Ethernet header's checks (RFC 2464 3), read in place: link-layer
    /// destination, group source, EtherType. A frame from our own MAC
    /// passes: a board with the same MAC is exactly what DAD must detect
    /// (our own looped-back probes are told apart by their nonce, see
    /// `ndp_input`).
    #[inline]
    fn link_filter(&self, frame: &[u8]) -> Result<(), DropReason> {
        let Some(eth) = frame.first_chunk::<14>() else {
            return Err(DropReason::Truncated);
        };
        // IEEE 802.3 3.2.3: a source address is always an individual one;
        // answers go to the frame's source, never to a group.
        if !self.accepts_mac(eth.first_chunk().unwrap()) || eth[6] & 1 != 0 {
            return Err(DropReason::WrongMac);
        }
        if eth[12..] != ethertype::IPV6.to_be_bytes() {
            return Err(DropReason::NotIpv6);
        }
        Ok(())
    }

    // Not inlined: on the 16-bit target the caller's `match` on the
    // result would otherwise be copied to each of the many return points
    // (hundreds of bytes); on hosts the caller (the link-layer filter and
    // its drops) keeps a small frame: a frame for another host costs 4
    // register saves instead of 6 (foreign 5.9 -> 5.2 ns, 2.9x -> 3.6x
    // smoltcp's poll in the interleaved bench), for 27 instructions more
    // on a UDP datagram (19.9 -> 20.0 ns, still 3.6x).
    /// The frame `buf[..len]` past [`Self::link_filter`].
    #[inline(never)]
    fn process(&mut self, buf: &mut [u8], len: usize) -> Received {
        // RFC 8200 3: the payload length counts what follows the header;
        // Ethernet padding beyond it is ignored.
        // The checks of `Ipv6Repr::parse` (length, then version), with the
        // header read straight into the value: fewer copies.
        // (A fixed-size view of the headers: no bounds checks below.)
        let Some(h) = buf[..len].first_chunk::<L4>() else {
            return self.count_drop(DropReason::Truncated);
        };
        let payload_len = u16::from_be_bytes([h[IP + 4], h[IP + 5]]) as usize;
        if len - L4 < payload_len {
            return self.count_drop(DropReason::Truncated);
        }
        if h[IP] >> 4 != 6 {
            return self.count_drop(DropReason::BadIpv6);
        }
        let ip = Ipv6Repr {
            src_addr: Ipv6Address(*h[IP + 8..].first_chunk().unwrap()),
            dst_addr: Ipv6Address(*h[IP + 24..].first_chunk().unwrap()),
            next_header: h[IP + 6],
            payload_len,
            hop_limit: h[IP + 7],
        };
        let end = L4 + ip.payload_len;
        let dst = &ip.dst_addr;
        // The multicast tests (RFC 4291 2.7: first byte 0xff) on the
        // header's bytes, not on `ip`'s copies: a byte of the copy read
        // alone made LLVM copy the address as that byte plus two
        // overlapping 8-byte moves, and the wide reads of the address
        // after (the address lookup, the checksum) waited for a failed
        // store-to-load forwarding: on x86-64 about a fifth of a UDP
        // datagram's time (24.3 -> 20.0 ns, interleaved bench).
        let dst_multicast = h[IP + 24] == 0xff;
        // RFC 4291 2.7: a multicast address is never a source.
        if h[IP + 8] == 0xff {
            return self.count_drop(DropReason::BadIpv6);
        }
        let mut tentative = false;
        if dst_multicast {
            if !self.listening_to(dst) {
                return self.count_drop(DropReason::WrongDestination);
            }
        } else {
            match self.our_addr(dst) {
                // (Tentative is the one state with bit 0: a mask, not a
                // compare made into a flag.)
                Some((_, slot)) => tentative = slot as u8 & AddrSlot::Tentative as u8 != 0,
                None => return self.count_drop(DropReason::WrongDestination),
            }
        }
        // The Parameter Problem's code and the drop's reason if the packet
        // is answered by one: RFC 8200 4 / RFC 4443 3.4, an unrecognized
        // Next Header (code 1, the pointer to the field that named it),
        // unless the walk finds another problem.
        let mut problem = (1, DropReason::UnknownProtocol);
        // RFC 8200 4: extension headers, in order.
        // ICMPv6 and UDP right after the fixed header (almost every frame)
        // need no walk: the lengths are checked above.
        let (proto, off, nh_ptr) = match ip.next_header {
            nh @ (ip_protocol::ICMPV6 | ip_protocol::UDP) => (nh, L4, 6),
            // (An option with action bits 11 is discarded without a report
            // in a link-layer multicast too: RFC 4443 2.4 (e.4), whose
            // exception of (e.3) is for bits 10 only.)
            _ => match ipv6ext::walk(&buf[IP..end], dst_multicast | (h[0] & 1 != 0)) {
                ExtWalk::Upper {
                    protocol,
                    offset,
                    next_header_pointer,
                } => (protocol, IP + offset, next_header_pointer as usize),
                ExtWalk::NoNextHeader => return Received::Consumed,
                ExtWalk::Drop(ExtDrop::Truncated) => return self.count_drop(DropReason::Truncated),
                ExtWalk::Drop(_) => return self.count_drop(DropReason::ExtensionHeader),
                // The walk's Parameter Problem goes the way of an unknown
                // Next Header below (one call of `icmp_error`), with its
                // code, pointer and reason; neither is sent from a
                // tentative address (RFC 4862 5.4, below). (No Next
                // Header, which the walk never hands on, stands for it.)
                // (Code 2 may answer a multicast packet: see `icmp_error`.)
                ExtWalk::ParamProblem { code, pointer } => {
                    problem = (code, DropReason::ExtensionHeader);
                    (ip_protocol::NO_NEXT_HEADER, L4, pointer as usize)
                }
            },
        };
        // RFC 4862 5.4: a tentative address only receives NS and NA (a
        // packet to it is silently discarded otherwise: no error goes
        // from that address).
        if tentative
            && !(proto == ip_protocol::ICMPV6
                && off < end
                && matches!(
                    buf[off],
                    msg_type::NEIGHBOR_SOLICIT | msg_type::NEIGHBOR_ADVERT
                ))
        {
            return self.count_drop(DropReason::WrongDestination);
        }
        match proto {
            ip_protocol::ICMPV6 => self.icmp_input(buf, off, end, &ip),
            ip_protocol::UDP => self.udp_input(buf, off, &ip),
            _ => self.icmp_error(
                buf,
                &ip,
                [msg_type::PARAM_PROBLEM, problem.0],
                nh_ptr,
                problem.1,
            ),
        }
    }

    /// [`Self::count_drop`] for a rare case, out of the hot path's way.
    // (Hosts: cold, out of line. The 16-bit target: the count_drop call
    // itself, which shares the other drops' code, 8 B smaller.)
    #[cfg_attr(not(target_pointer_width = "16"), cold, inline(never))]
    #[cfg_attr(target_pointer_width = "16", inline(always))]
    fn drop_cold(&mut self, reason: DropReason) -> Received {
        self.count_drop(reason)
    }

    /// Replaces the packet at `buf[IP..end]` with an ICMPv6 error about it
    /// (RFC 4443 2.4): as much of the invoking packet as fits the buffer
    /// and the minimum MTU (2.4 (c)), to its source, from the address it
    /// was sent to when that is ours. Suppressed (and counted under
    /// `reason`) for the cases of RFC 4443 2.4 (e) and by the rate limit.
    /// `param` is the 32-bit field after the checksum: here a Parameter
    /// Problem pointer (an offset in the packet) or 0, so a `usize` (one
    /// register rather than two on the 16-bit target, where it is passed
    /// on the stack).
    fn icmp_error(
        &mut self,
        buf: &mut [u8],
        ip: &Ipv6Repr,
        type_code: [u8; 2],
        param: usize,
        reason: DropReason,
    ) -> Received {
        let dropped = self.count_drop(reason);
        let (src, dst) = (&ip.src_addr, &ip.dst_addr);
        let end = L4 + ip.payload_len;
        // (e.3)/(e.4): not for a multicast destination, IPv6 or link-layer,
        // except a Parameter Problem code 2 (an option whose action bits
        // ask for a report, which the extension header walk already
        // limited to unicast, IPv6 and link-layer, for bits 11); (e.6):
        // not to the unspecified address (a multicast source was dropped
        // already).
        // (The exception tested first: one test of it, then the two
        // destinations.)
        let multicast_ok = type_code
            == [
                msg_type::PARAM_PROBLEM,
                ipv6ext::param_problem::UNRECOGNIZED_OPTION,
            ];
        if (!multicast_ok && (dst.is_multicast() || buf[0] & 1 != 0)) || src.is_unspecified() {
            return dropped;
        }
        // For a multicast destination, the slot of our source address.
        let mut source = None;
        if dst.is_multicast() {
            match self.select_source(src) {
                Ok(i) => source = Some(i),
                Err(_) => return dropped,
            }
        }
        if !self.take_icmp_token() {
            return self.count_drop(DropReason::RateLimited);
        }
        // (A reference into the table: no copy of the address.)
        let from = match source {
            Some(i) => &super::slot_ref(&self.addrs, i).addr,
            None => dst,
        };
        let at = (L4, IP, end - IP);
        let Ok(icmp_len) = build_error_in_place(buf, at, type_code, param as u32, from, src) else {
            return self.count_drop(DropReason::BufferTooSmall);
        };
        self.answer_headers(buf, icmp_len, from, src);
        self.counters.icmp_errors_sent = self.counters.icmp_errors_sent.wrapping_add(1);
        Received::Transmit(L4 + icmp_len)
    }

    /// The headers of an ICMPv6 answer of `icmp_len` bytes, in place at
    /// `L4`, to the frame in `buf`: back to its link-layer source (whose
    /// Ethernet header is still there; ICMP messages move only bytes from
    /// `L4` on).
    #[inline(never)]
    fn answer_headers(
        &self,
        buf: &mut [u8],
        icmp_len: usize,
        from: &Ipv6Address,
        to: &Ipv6Address,
    ) {
        let peer_mac = mac_at(buf, 6);
        self.write_headers(
            buf,
            Some(&peer_mac),
            icmp_len,
            ip_protocol::ICMPV6,
            self.params.hop_limit,
            from,
            to,
        );
    }

    /// UDP (RFC 768; checksum mandatory over IPv6, RFC 8200 8.1).
    // (One caller: inlined into `process`, without a second prologue.)
    #[inline(always)]
    fn udp_input(&mut self, buf: &mut [u8], off: usize, ip: &Ipv6Repr) -> Received {
        let (src, dst) = (&ip.src_addr, &ip.dst_addr);
        let end = L4 + ip.payload_len;
        // The checks of `UdpRepr::parse` on a fixed-size view of the
        // header (no bounds checks, no error value to map): the length
        // field must equal the IPv6 payload's (RFC 8200 8.1; the
        // `wire::udp` rule), then the checksum, mandatory over IPv6, then
        // destination port 0 (reserved).
        // (On the 16-bit target by `get`: the drop's branch instead of a
        // bounds check's abort; hosts keep the index, one instruction less
        // per datagram there.)
        #[cfg(target_pointer_width = "16")]
        let header = buf.get(off..end).and_then(|d| d.first_chunk());
        #[cfg(not(target_pointer_width = "16"))]
        let header = buf[off..end].first_chunk();
        let Some(h): Option<&[u8; wire::udp::HEADER_LEN]> = header else {
            return self.count_drop(DropReason::Truncated);
        };
        if u16::from_be_bytes([h[4], h[5]]) as usize != end - off {
            return self.count_drop(DropReason::Truncated);
        }
        // (A zero checksum field, RFC 8200 8.1: on the 16-bit target the
        // two bytes ORed, shorter than their word's load and test there;
        // hosts keep the word.)
        #[cfg(target_pointer_width = "16")]
        let no_checksum = h[6] | h[7] == 0;
        #[cfg(not(target_pointer_width = "16"))]
        let no_checksum = h[6..8] == [0, 0];
        if no_checksum
            || wire::checksum::ipv6_upper_layer(src, dst, ip_protocol::UDP, &buf[off..end]) != 0
        {
            return self.count_drop(DropReason::BadChecksum);
        }
        let src_port = u16::from_be_bytes([h[0], h[1]]);
        let dst_port = u16::from_be_bytes([h[2], h[3]]);
        if dst_port == 0 {
            return self.count_drop(DropReason::NoListener);
        }
        if self.ports.contains(&dst_port) {
            return self.udp_deliver(ip, src_port, dst_port, off + wire::udp::HEADER_LEN..end);
        }
        // RFC 4443 3.1: port unreachable, code 4.
        self.icmp_error(
            buf,
            ip,
            [
                msg_type::DST_UNREACHABLE,
                wire::icmpv6::dst_unreachable::PORT_UNREACHABLE,
            ],
            0,
            DropReason::NoListener,
        )
    }

    /// A datagram for bound port `dst_port`, its payload at `payload`.
    // The target: not inlined, so that the result's build (a 32-byte
    // temporary before its copy out) is not in `process`'s frame, under
    // the deepest path.
    #[cfg_attr(target_pointer_width = "16", inline(never))]
    fn udp_deliver(
        &mut self,
        ip: &Ipv6Repr,
        src_port: u16,
        dst_port: u16,
        payload: core::ops::Range<usize>,
    ) -> Received {
        self.counters.udp_delivered = self.counters.udp_delivered.wrapping_add(1);
        // (Built in the result, the addresses copied into it after: no
        // 32-byte temporary copied out.)
        let mut r = Received::Udp(UdpMeta {
            src: Ipv6Address::UNSPECIFIED,
            src_port,
            dst: Ipv6Address::UNSPECIFIED,
            dst_port,
            payload,
        });
        if let Received::Udp(m) = &mut r {
            m.src = ip.src_addr;
            m.dst = ip.dst_addr;
        }
        r
    }

    fn icmp_input(&mut self, buf: &mut [u8], off: usize, end: usize, ip: &Ipv6Repr) -> Received {
        let (src, dst) = (&ip.src_addr, &ip.dst_addr);
        let msg = match Icmpv6Packet::new_checked(&buf[off..end]) {
            Ok(p) if p.verify_checksum(src, dst) => p.msg_type_raw(),
            Ok(_) => return self.count_drop(DropReason::BadChecksum),
            Err(_) => return self.count_drop(DropReason::Truncated),
        };
        match msg {
            msg_type::ECHO_REQUEST => self.echo_reply(buf, off, end, ip),
            msg_type::ROUTER_ADVERT..=msg_type::REDIRECT => self.ndp_input(buf, off, end, ip),
            msg_type::MLD_QUERY => self.mld_query_input(&buf[off..end], src),
            // RFC 4443 2.4 (a): errors go to the upper layer; there is none
            // that uses them here (the types of RFC 4443 3).
            msg_type::DST_UNREACHABLE..=msg_type::PARAM_PROBLEM => Received::Consumed,
            // RFC 4443 2.4 (b): unknown informational messages are dropped;
            // so are RS, MLD reports and echo replies at this host.
            _ => self.count_drop(DropReason::IcmpIgnored),
        }
    }

    /// Echo reply in place (RFC 4443 4.2): same identifier, sequence and
    /// data; from the address the request was sent to, or for a multicast
    /// request from a unicast address of ours (4.2).
    fn echo_reply(&mut self, buf: &mut [u8], off: usize, end: usize, ip: &Ipv6Repr) -> Received {
        let (src, dst) = (&ip.src_addr, &ip.dst_addr);
        if src.is_unspecified() {
            return self.count_drop(DropReason::IcmpIgnored);
        }
        let icmp_len = end - off;
        // RFC 4443 4.2: the whole data or no reply; this node does not
        // fragment (RFC 8200 5), so a reply over the link MTU (a Router
        // Advertisement set it below the request's size) is not sent.
        if icmp_len + 40 > self.params.mtu as usize {
            return self.drop_cold(DropReason::IcmpIgnored);
        }
        // Extension headers of the request are not echoed.
        if off != L4 {
            buf.copy_within(off..end, L4);
        }
        let msg = &mut buf[L4..L4 + icmp_len];
        // `Icmpv6Packet::make_echo_reply` in line, without its second test
        // of the type (`icmp_input` dispatched on it): code 0 (RFC 4443
        // 4.1), then the type and the checksum's incremental update.
        // (The pattern fails only on a non-zero code: the message is 8
        // bytes or more already.)
        let [kind, 0, ck_hi, ck_lo, ..] = msg else {
            return self.count_drop(DropReason::IcmpIgnored);
        };
        *kind = msg_type::ECHO_REPLY;
        [*ck_hi, *ck_lo] =
            icmpv6::echo_reply_checksum(u16::from_be_bytes([*ck_hi, *ck_lo])).to_be_bytes();
        let mut reply = Icmpv6Packet::new_unchecked(msg);
        // For a multicast request, a unicast source address of ours.
        // (Chosen after the reply's build: every drop here counts the
        // same reason, and a dropped frame's bytes are not used, so the
        // order is free; a reference into the table, no copy of the
        // address, and no slot index kept across the build.)
        let from = if dst.is_multicast() {
            let Ok(i) = self.select_source(src) else {
                return self.count_drop(DropReason::IcmpIgnored);
            };
            let from = &super::slot_ref(&self.addrs, i).addr;
            // The incremental update assumed swapped addresses.
            reply.fill_checksum(from, src);
            from
        } else {
            dst
        };
        self.answer_headers(buf, icmp_len, from, src);
        Received::Transmit(L4 + icmp_len)
    }

    /// Neighbor Discovery messages: the receive checks of RFC 4861 6.1.2,
    /// 7.1.1, 7.1.2 and 8.1 (hop limit 255, code 0, lengths, option lengths,
    /// source and target rules) on every message, then the handler.
    ///
    /// The checks of `NdpPacket::validate` and `validate_ip`, done here in
    /// the same single pass over the options that reads them: less code
    /// and time on the target (the wire tests cover both forms).
    fn ndp_input(&mut self, buf: &mut [u8], off: usize, end: usize, ip: &Ipv6Repr) -> Received {
        let (src, dst) = (&ip.src_addr, &ip.dst_addr);
        let m = &buf[off..end];
        let kind = m[0];
        // Only NS, NA, RA and Redirect come here: 16 bytes for an RA,
        // 24 for NS and NA, 40 for a Redirect (the message lengths of
        // 6.1.2, 7.1.1, 7.1.2, 8.1), then the options.
        let fixed = match kind {
            msg_type::ROUTER_ADVERT => 16,
            msg_type::REDIRECT => 40,
            _ => 24,
        };
        if ip.hop_limit != ndp::HOP_LIMIT || m.len() < fixed || m[1] != 0 {
            return self.count_drop(DropReason::InvalidNdp);
        }
        let head = &m[..fixed];
        // The options a host acts on, in one pass over the raw bytes (as
        // `NdpRepr::parse` does, the first of each kind counts; an option of
        // the wrong length is unknown, RFC 4861 4.6); every option must
        // have a non-zero length inside the message (4.6, 6.1).
        // Options are remembered by their offset in the message (0: none;
        // options start at 16 or later), read when used: less copying.
        let mut slla_at = 0;
        let mut any_slla = false;
        let mut tlla_at = 0;
        let mut mtu_at = 0;
        let mut own_nonce = false;
        // (The walk of `ndp::split_option` over the bytes left, `rest`:
        // each step inside it, so no bounds check; an option's offset in
        // the message is what precedes `rest`.)
        let mut rest = &m[fixed..];
        while let [t, units, ..] = *rest {
            let len = 8 * units as usize;
            if len == 0 || len > rest.len() {
                break;
            }
            let at = m.len() - rest.len();
            any_slla |= t == option_type::SOURCE_LL_ADDR;
            if len == 8 {
                let first = |seen: usize| if seen == 0 { at } else { seen };
                match t {
                    option_type::SOURCE_LL_ADDR => slla_at = first(slla_at),
                    option_type::TARGET_LL_ADDR => tlla_at = first(tlla_at),
                    option_type::MTU => mtu_at = first(mtu_at),
                    // RFC 7527 4.2: a DAD probe carrying our nonce is our own.
                    NONCE_OPTION => own_nonce |= rest[2..8] == self.dad_nonce,
                    _ => {}
                }
            }
            rest = &rest[len..];
        }
        // (Stopped early: a zero length or one past the end.)
        if !rest.is_empty() {
            return self.count_drop(DropReason::InvalidNdp);
        }
        if kind == msg_type::ROUTER_ADVERT {
            // 6.1.2: from a link-local source.
            if !src.is_link_local() {
                return self.count_drop(DropReason::InvalidNdp);
            }
            return self.ra_input(m, src, slla_at, mtu_at);
        }
        // NS, NA, Redirect: the Target Address, never multicast (7.1.1,
        // 7.1.2; 8.1: link-local or the Destination itself). Checked on
        // the bytes in place: no copies in this (big) frame.
        let target = head[8..24].first_chunk::<16>().unwrap();
        let flags = head[4];
        let valid = target[0] != 0xff
            && match kind {
                // 7.1.1: from :: only to a solicited-node group, without
                // SLLAO.
                msg_type::NEIGHBOR_SOLICIT => {
                    if !src.is_unspecified() {
                        true
                    } else if !dst.is_solicited_node_multicast() || any_slla {
                        false
                    } else if own_nonce {
                        // RFC 7527 4.2: a valid DAD probe carrying our
                        // nonce is our own, looped back. (Here, where the
                        // source is known to be ::, not tested again.)
                        return self.count_drop(DropReason::Looped);
                    } else {
                        true
                    }
                }
                // 7.1.2: S clear when sent to a group.
                msg_type::NEIGHBOR_ADVERT => !dst.is_multicast() || flags & 0x40 == 0,
                // 8.1: from a link-local source; Destination not multicast.
                _ => {
                    let dest = &head[24..40];
                    src.is_link_local()
                        && dest[0] != 0xff
                        && (Ipv6Address(*target).is_link_local() || *dest == *target)
                }
            };
        if !valid {
            return self.count_drop(DropReason::InvalidNdp);
        }
        self.neighbor_message(buf, off, src, slla_at, tlla_at)
    }

    /// A valid NS, NA or Redirect at `buf[off..]` (checked by `ndp_input`),
    /// from `src`, with its first Source and Target Link-Layer Address
    /// options at `slla_at` and `tlla_at` of the message (0: none).
    // The target: not inlined, so that its copies of the addresses
    // (target, link-layer addresses, the answer's fields) are not in
    // `process`'s frame, under the deepest path (an RA's options).
    #[cfg_attr(target_pointer_width = "16", inline(never))]
    fn neighbor_message(
        &mut self,
        buf: &mut [u8],
        off: usize,
        src: &Ipv6Address,
        slla_at: usize,
        tlla_at: usize,
    ) -> Received {
        // (One copy of the reads and of the lookup of the target among
        // our addresses for the three messages.)
        let m = &buf[off..];
        // The 16-bit target: one length test for the 24 bytes of the type,
        // the flags and the target (`ndp_input` checked the length
        // already: never taken) instead of a bounds check each; hosts
        // read the flags on the NA path only (an NS, answered on every
        // frame, needs none).
        #[cfg(target_pointer_width = "16")]
        let Some(head) = m.first_chunk::<24>() else {
            return Received::Consumed;
        };
        #[cfg(target_pointer_width = "16")]
        let (kind, flags, target) = (head[0], head[4], ip_at(head, 8));
        #[cfg(not(target_pointer_width = "16"))]
        let (kind, target) = (m[0], ip_at(m, 8));
        if kind != msg_type::REDIRECT {
            if let Some((i, slot)) = self.our_addr(&target) {
                // RFC 4862 5.4.3: an NS from :: for an address in DAD
                // (someone else runs DAD for it); 5.4.4: an NA for it
                // (the address is in use by another node): duplicate.
                if slot.in_dad() && (kind == msg_type::NEIGHBOR_ADVERT || src.is_unspecified()) {
                    self.dad_failed(i);
                    return Received::Consumed;
                }
                // An NA for an assigned address of ours: a conflict that
                // RFC 4861 7.2.5 leaves to the administrator; ignored.
                // RFC 4862 5.4.3: other solicitations for a tentative
                // address are silently discarded.
                if kind == msg_type::NEIGHBOR_ADVERT || slot == AddrSlot::Tentative {
                    return Received::Consumed;
                }
                return self.ns_input(buf, off, src, slla_at, &target, slot);
            }
            if kind == msg_type::NEIGHBOR_SOLICIT {
                return self.count_drop(DropReason::WrongDestination);
            }
        }
        let tlla = lla_option(m, tlla_at);
        if kind == msg_type::NEIGHBOR_ADVERT {
            #[cfg(not(target_pointer_width = "16"))]
            let flags = m[4];
            return self.na_input(
                &target,
                tlla,
                flags & 0x80 != 0,
                flags & 0x40 != 0,
                flags & 0x20 != 0,
            );
        }
        // 8.3: the target is a better first hop unless it is the
        // destination itself.
        self.redirect_input(src, &target, m[24..40] != target.0, tlla)
    }

    /// A valid Neighbor Solicitation for our address `target` in state
    /// `slot` (assigned or optimistic; RFC 4861 7.2.3 processing, 7.2.4
    /// answer). The message is at `buf[off..]`, its first Source
    /// Link-Layer Address option at `slla_at` of it (0: none).
    #[inline(always)]
    fn ns_input(
        &mut self,
        buf: &mut [u8],
        off: usize,
        src: &Ipv6Address,
        slla_at: usize,
        target: &Ipv6Address,
        slot: AddrSlot,
    ) -> Received {
        // 7.2.4: to the solicitor's link-layer address, from its option
        // or else the frame's source.
        // (The 16-bit target: the option's address offset, or the frame's
        // source at 6, by a mask rather than a branch, which LLVM had
        // split into two calls of `mac_at`.)
        #[cfg(target_pointer_width = "16")]
        let at =
            6 + ((off + slla_at).wrapping_sub(4) & 0usize.wrapping_sub((slla_at != 0) as usize));
        #[cfg(not(target_pointer_width = "16"))]
        let at = if slla_at != 0 { off + slla_at + 2 } else { 6 };
        let to_mac = mac_at(buf, at);
        // (Tested once: the call's result is not known to stay the same
        // across `neighbor_learned`.)
        let dad = src.is_unspecified();
        if !dad && slla_at != 0 {
            // 7.2.3: record the solicitor's address, STALE if new or changed.
            self.neighbor_learned(src, to_mac, false);
        }
        // 7.2.4: S set unless answering DAD (then to all-nodes); O set,
        // except for an optimistic address (RFC 4429 3.3).
        let (to, to_mac, solicited) = if dad {
            (&Ipv6Address::ALL_NODES, None, false)
        } else {
            (src, Some(&to_mac), true)
        };
        let na = Ndp {
            msg_type: 136,
            flags: (solicited as u8) << 6 | ((slot != AddrSlot::Optimistic) as u8) << 5,
            target: Some(target),
            lla: true,
            nonce: false,
        };
        match self.build_ndp(buf, &na, to_mac, target, to) {
            Some(n) => Received::Transmit(n),
            None => self.count_drop(DropReason::BufferTooSmall),
        }
    }

    /// A valid Neighbor Advertisement for a target not ours (RFC 4861
    /// 7.2.5).
    fn na_input(
        &mut self,
        target: &Ipv6Address,
        tlla: Option<MacAddress>,
        router: bool,
        solicited: bool,
        override_: bool,
    ) -> Received {
        let Some((i, _)) = self.neighbor_index(target) else {
            // 7.2.5: no entry, nothing to do.
            return Received::Consumed;
        };
        let n = super::neighbor_mut(&mut self.neighbors, i);
        let was_router = n.is_router;
        // RFC 4861 7.2.5: an INCOMPLETE entry takes the TLLA whatever the O flag says
        // and becomes REACHABLE (solicited) or STALE; without a TLLA the
        // NA is of no use to it.
        let incomplete = n.state == Some(NeighborState::Incomplete);
        if incomplete && tlla.is_none() {
            return Received::Consumed;
        }
        let differs = incomplete || tlla.is_some_and(|m| m != n.mac);
        if !override_ && !incomplete && differs {
            if n.state == Some(NeighborState::Reachable) {
                n.state = Some(NeighborState::Stale);
            }
            return Received::Consumed;
        }
        if let Some(mac) = tlla {
            n.mac = mac;
        }
        if solicited || incomplete {
            n.probes = 0;
            n.stamp = self.now_ms;
        }
        if solicited {
            n.state = Some(NeighborState::Reachable);
            n.timer = super::after(self.now_ms, self.params.reachable_ms);
        } else if differs {
            n.state = Some(NeighborState::Stale);
        }
        n.is_router = router;
        let reachable = n.state == Some(NeighborState::Reachable);
        // 7.2.5: a router that stops being one leaves the router list
        // (its entry updated to lifetime 0, which frees it).
        if was_router && !router {
            self.list_update(false, target, 0);
        } else if reachable {
            if let Some(r) = self.router_entry(target) {
                r.extra = 0;
            }
        }
        Received::Consumed
    }

    /// A valid Router Advertisement (RFC 4861 6.3.4 processing; RFC 4862
    /// 5.5.3 SLAAC; RFC 8106 5.1 RDNSS).
    /// `m` is the checked message: its fixed part (RFC 4861 4.2), then
    /// the options, with the first Source Link-Layer Address and MTU
    /// options at `slla_at` and `mtu_at` (0: none).
    fn ra_input(&mut self, m: &[u8], src: &Ipv6Address, slla_at: usize, mtu_at: usize) -> Received {
        let Some(ra) = m.first_chunk::<16>() else {
            return Received::Consumed;
        };
        if self.our_addr(src).is_some() {
            return self.count_drop(DropReason::Looped);
        }
        // (Each field read where it is used: fewer values kept across
        // the calls.)
        let cur_hop_limit = ra[4];
        if cur_hop_limit != 0 {
            self.params.hop_limit = cur_hop_limit;
        }
        // 6.3.4: a new BaseReachableTime gets a new random ReachableTime
        // (6.3.2: uniformly in 0.5..1.5 times the base).
        // Both are capped (`nd_time_ms`).
        // 6.3.4: a new random ReachableTime when the base changes "and at
        // least every few hours": here at every RA that carries one.
        let reachable_time = nd_time_ms(ra, 8);
        if reachable_time != 0 {
            self.params.base_reachable_ms = reachable_time;
            self.randomize_reachable_time();
        }
        let retrans_time = nd_time_ms(ra, 12);
        if retrans_time != 0 {
            self.params.retrans_ms = retrans_time;
        }
        let router_lifetime = u16::from_be_bytes([ra[6], ra[7]]);
        self.router_update(src, router_lifetime as u32);
        // 6.3.4: record the router's link-layer address, IsRouter set
        // (creating the entry); without one, an existing entry's IsRouter
        // is set (whatever the router lifetime: a router that is not a
        // default router is still a router). One search either way.
        if slla_at != 0 {
            self.neighbor_learned(src, mac_at(m, slla_at + 2), true);
        } else if let Some((i, _)) = self.neighbor_index(src) {
            super::neighbor_mut(&mut self.neighbors, i).is_router = true;
        }
        // 6.3.4: MTU between the IPv6 minimum and the link's maximum.
        // (An MTU above 65535 is out of range: only the low half is
        // compared once the high one is zero.)
        if mtu_at != 0 {
            let mtu = be_u32(m, mtu_at + 4);
            if mtu >> 16 == 0 && (consts::MIN_MTU..=consts::ETHERNET_MTU).contains(&(mtu as u16)) {
                self.params.mtu = mtu as u16;
            }
        }
        // The options after the 16-byte RA, over the bytes left as in
        // `ndp_input` (which has checked that every one has a non-zero
        // length inside the message, 6.1.2; the walk stops at a bad one
        // all the same): no bounds checks.
        let mut rest = &m[16..];
        while let [t, units, ..] = *rest {
            let len = 8 * units as usize;
            if len == 0 || len > rest.len() {
                break;
            }
            let (o, next) = rest.split_at(len);
            if t == option_type::PREFIX_INFO {
                if let Ok(p) = <&[u8; 32]>::try_from(o) {
                    self.prefix_info(p);
                }
            }
            // RFC 8106 5.1: length 3 + 2 per address.
            if t == option_type::RDNSS && len >= 24 && len % 16 == 8 {
                let lifetime = be_u32(o, 4);
                // (By offset: no chunk iterator.)
                let mut a = 8;
                while let Some(addr) = o.get(a..a + 16) {
                    self.dns_update(&Ipv6Address::from_bytes(addr), lifetime);
                    a += 16;
                }
            }
            rest = next;
        }
        Received::Consumed
    }

    /// A Prefix Information option (RFC 4861 4.6.2): on-link (6.3.4) and
    /// autonomous address configuration (RFC 4862 5.5.3).
    // Not inlined: smaller on the target (measured).
    #[inline(never)]
    fn prefix_info(&mut self, o: &[u8; 32]) {
        // The fields of RFC 4861 4.6.2 (as `wire::ndp::PrefixInfo`).
        let prefix_len = o[2];
        let prefix = Ipv6Address::from_bytes(&o[16..]);
        let valid = be_u32(o, 4);
        // 6.3.4 and RFC 4862 5.5.3 (b): the link-local prefix is ignored.
        if prefix.is_link_local() || prefix_len > 128 {
            return;
        }
        // L flag.
        if o[3] & 0x80 != 0 {
            self.on_link_update(&prefix, prefix_len, valid);
        }
        // A flag.
        if o[3] & 0x40 != 0 {
            let preferred = be_u32(o, 8);
            self.slaac(&prefix, prefix_len, valid, preferred);
        }
    }

    /// A valid Redirect (RFC 4861 8.1: also from a router we use, checked
    /// here). Without a destination cache the only effect is the Target
    /// Link-Layer Address recorded (8.3), as a router's unless the target
    /// is the destination itself (`target_is_router`).
    fn redirect_input(
        &mut self,
        src: &Ipv6Address,
        target: &Ipv6Address,
        target_is_router: bool,
        tlla: Option<MacAddress>,
    ) -> Received {
        if self.router_entry(src).is_none() {
            return self.count_drop(DropReason::InvalidNdp);
        }
        if let Some(mac) = tlla {
            self.neighbor_learned(target, mac, target_is_router);
        }
        Received::Consumed
    }

    /// An MLD query (RFC 3810 5.1, MLDv1 RFC 2710 3.6): a general query or
    /// one for a group of ours schedules a report after a random delay of up
    /// to the Maximum Response Delay (RFC 3810 6.2).
    fn mld_query_input(&mut self, msg: &[u8], src: &Ipv6Address) -> Received {
        // RFC 3810 5.1.14: queries come from a link-local source; 8.1:
        // lengths 25 to 27 are ignored.
        let q = match MldQuery::new_checked(msg) {
            Ok(q) if src.is_link_local() => q,
            _ => return self.count_drop(DropReason::InvalidNdp),
        };
        if !q.is_v2() {
            // RFC 3810 8.2.1: an MLDv1 querier is present; answer in MLDv1.
            // (The second count starts at 0: it never comes near a wrap.)
            self.mldv1_until = super::after(self.now_s, consts::MLD_OLDER_QUERIER_TIMEOUT_S);
        }
        let group = q.group();
        if !group.is_unspecified() && !self.listening_to(&group) {
            return Received::Consumed;
        }
        let max_ms = q.max_response_delay_ms();
        let at = self.random_time(max_ms);
        if !self.mld_query_pending || time::due(self.mld_query_at, at) {
            self.mld_query_at = at;
        }
        self.mld_query_pending = true;
        Received::Consumed
    }

    /// Takes one token of the ICMP error rate limiter (RFC 4443 2.4 (f)):
    /// a bucket of `icmp_error_burst` tokens refilled one per
    /// `icmp_error_interval_ms`.
    ///
    /// Known limit: the refill counts the time since `icmp_refill_at` on
    /// the wrapping 32-bit millisecond clock. When an error left the
    /// bucket below full and the next one comes k * 2^32 ms + x later
    /// (k >= 1: an idle of 49.7 days or more), the difference reads x:
    /// the bucket gains x / interval tokens, not all of them, and if it
    /// was empty and x is below one interval, that error is suppressed
    /// (the following ones are limited as usual: no lasting effect). Not
    /// fixed, for its bytes: `advance` filling the bucket once the high
    /// halves of `now` and `icmp_refill_at` differ by 0x100 or more
    /// (2^24 ms, longer than the longest refill, 255 tokens of 65,535 ms)
    /// took 16 B of flash, the full 32-bit difference 30 B (A/B at
    /// de1d757: 28,992 -> 29,008 / 29,022 B).
    fn take_icmp_token(&mut self) -> bool {
        let now = self.now_ms;
        let interval = self.icmp_interval_ms as u32;
        let burst = self.icmp_burst;
        let (mut tokens, mut refill_at) = (self.icmp_tokens, self.icmp_refill_at);
        // One token per whole interval since `refill_at`, which moves on
        // by the intervals counted, up to a full bucket: a loop of at most
        // `icmp_error_burst` (a u8) turns, no 32-bit division and
        // multiplication (calls on the 16-bit target). (Interval 0: the
        // bucket fills at once.)
        while tokens < burst && !less_than(now.wrapping_sub(refill_at), interval) {
            tokens += 1;
            refill_at = refill_at.wrapping_add(interval);
        }
        // A full bucket gains nothing more from time (the part of an
        // interval since the last token is dropped, as in a continuous
        // bucket capped at its size): its refill counts from now.
        if tokens >= burst {
            tokens = burst;
            refill_at = now;
        }
        // (One token less when there is one: the flag subtracted.)
        let take = tokens != 0;
        self.icmp_tokens = tokens - take as u8;
        self.icmp_refill_at = refill_at;
        take
    }

    /// DAD found a duplicate (RFC 4862 5.4.5): the address is not used.
    fn dad_failed(&mut self, i: usize) {
        let a = super::slot_mut(&mut self.addrs, i);
        a.slot = AddrSlot::Duplicate;
        a.dad_left = 0;
        let a = &a.addr;
        super::queue_event(
            &mut self.events,
            &mut self.counters.events_lost,
            EventKind::AddressDuplicate,
            a,
        );
    }

    /// Records `mac` for neighbor `ip` (RFC 4861 7.2.3, 6.3.4): a new entry
    /// is STALE; an existing one changes to STALE only if the address
    /// differs (an INCOMPLETE one always takes it).
    // Hosts: inlined (the NS answer path records the solicitor on every
    // frame); the 16-bit target keeps one copy for its three callers.
    #[cfg_attr(not(target_pointer_width = "16"), inline(always))]
    fn neighbor_learned(&mut self, ip: &Ipv6Address, mac: MacAddress, is_router: bool) {
        let Some((_, n)) = self.neighbor_slot(ip) else {
            return;
        };
        // (A new entry has no state and a cleared address.)
        if n.state.is_none_or(|s| s == NeighborState::Incomplete) || n.mac != mac {
            n.mac = mac;
            n.state = Some(NeighborState::Stale);
            n.probes = 0;
        }
        n.is_router |= is_router;
    }

    /// Default Router List maintenance (RFC 4861 6.3.4). A router that
    /// advertises a non-zero lifetime also ends our solicitations (6.3.7).
    fn router_update(&mut self, ip: &Ipv6Address, lifetime: u32) {
        self.list_update(false, ip, lifetime);
        if lifetime != 0 {
            self.rs_left = 0;
        }
    }

    /// Prefix List update (RFC 4861 6.3.4 "on-link" rules).
    /// The prefix is kept as advertised: only its first `len` bits are
    /// ever compared (no masking code needed).
    fn on_link_update(&mut self, prefix: &Ipv6Address, len: u8, valid: u32) {
        // The prefix's entry, else a free one; valid lifetime 0 frees it
        // (`until` 0 marks a free entry).
        let until = tables::entry_end(self.now_s, valid);
        let e = match self
            .prefixes
            .iter_mut()
            .find(|p| p.used() && p.extra == len && prefix.matches_prefix(&p.addr, len))
        {
            Some(e) => e,
            None => match tables::free_slot(&mut self.prefixes) {
                Some(e) => e,
                None => return,
            },
        };
        *e = Timed {
            addr: *prefix,
            until,
            extra: len,
        };
    }

    /// Stateless address autoconfiguration (RFC 4862 5.5.3).
    fn slaac(&mut self, prefix: &Ipv6Address, len: u8, valid: u32, preferred: u32) {
        // (c) preferred over valid: ignore. (d) prefix + 64-bit interface
        // identifier must make 128 bits. RFC 4862 5.4.5: once the EUI-64
        // link-local address proved duplicate, so is its interface
        // identifier: no more addresses from it (nor from an unconfigured
        // interface's, which has none).
        if less_than(valid, preferred) || len != 64 || !self.addrs[0].present() {
            return;
        }
        // The interface identifier is the link-local address's (the
        // modified EUI-64 of the MAC, RFC 4291 App. A).
        let mut addr = self.addrs[0].addr;
        addr.0[..8].copy_from_slice(&prefix.0[..8]);
        let now_s = self.now_s;
        let preferred_until = lifetime_end(now_s, preferred);
        // The entry and its new valid lifetime; one copy of the valid
        // end's computation and store for a known and a new address.
        let (a, valid) = 'entry: {
            if let Some(a) = self
                .addrs
                .iter_mut()
                // (A free entry holds `::`, never such an address: the
                // interface identifier is not zero.)
                .find(|a| a.addr == addr)
            {
                if a.slot == AddrSlot::Duplicate {
                    return;
                }
                // (e) preferred lifetime: reset to the advertised value.
                a.preferred_until = preferred_until;
                // (e) valid lifetime, the "two-hour rule" against spoofed
                // short lifetimes (an infinite remaining lifetime counts as
                // more than two hours, as INFINITE - now does).
                // (A present address's valid end is after now: `expire` ran.)
                let remaining = a.valid_until.wrapping_sub(now_s);
                let valid = if less_than(consts::TWO_HOURS_S, valid) || less_than(remaining, valid)
                {
                    valid
                } else if less_than(consts::TWO_HOURS_S, remaining) {
                    consts::TWO_HOURS_S
                } else {
                    // Keep the current valid lifetime.
                    return;
                };
                break 'entry (a, valid);
            }
            // (d) a new prefix with a non-zero valid lifetime: form an address.
            if valid == 0 {
                return;
            }
            // (An index loop over the constant range: no bounds checks.)
            for i in 0..super::MAX_ADDRESSES {
                if self.addrs[i].slot == AddrSlot::Free {
                    // A free entry is all zero (`AddrEntry::FREE`);
                    // `begin_dad` sets the DAD fields (and reads none of
                    // the lifetimes, set after it).
                    self.begin_dad(i);
                    let a = &mut self.addrs[i];
                    a.addr = addr;
                    a.preferred_until = preferred_until;
                    break 'entry (a, valid);
                }
            }
            return;
        };
        a.valid_until = lifetime_end(now_s, valid);
    }

    /// RDNSS list update (RFC 8106 5.3.1): lifetime 0 removes; a new server
    /// when the list is full replaces the one expiring first.
    fn dns_update(&mut self, addr: &Ipv6Address, lifetime: u32) {
        if !addr.is_unicast() {
            return;
        }
        self.list_update(true, addr, lifetime);
    }
}
