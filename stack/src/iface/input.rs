//! Receive path: filter early, parse in place, answer in place.

use super::output::{
    build_na, finish_icmp, icmp_type, ndp_option, write_ethernet, write_ipv6, IP, L4,
};
use super::tables::{self, lifetime_end, AddrEntry, AddrSlot, Neighbor, NeighborState, Router};
use super::{consts, DropReason, Event, Interface, Received, UdpMeta};
use crate::wire::checksum;
use crate::wire::ip_protocol;
use crate::wire::{Ipv6Address, MacAddress};

/// Why the extension header walk stopped short.
enum WalkFail {
    /// Drop silently, counting this reason.
    Drop(DropReason),
    /// Drop and send a Parameter Problem (RFC 4443 3.4) with this code and
    /// pointer (offset in the invoking packet), even to a multicast
    /// destination if `multicast_ok` (RFC 4443 2.4 (e.3) exception).
    Param {
        code: u8,
        pointer: usize,
        multicast_ok: bool,
    },
}

/// Reads a big-endian `u16` at `at`.
fn be16(buf: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([buf[at], buf[at + 1]])
}

/// Reads a big-endian `u32` at `at`.
fn be32(buf: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([buf[at], buf[at + 1], buf[at + 2], buf[at + 3]])
}

/// Iterates over NDP options (RFC 4861 4.6) already checked by
/// [`ndp_options_valid`]: yields (type, whole option bytes).
struct NdpOptions<'a>(&'a [u8]);

impl<'a> Iterator for NdpOptions<'a> {
    type Item = (u8, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        if self.0.len() < 2 {
            return None;
        }
        let len = self.0[1] as usize * 8;
        if len == 0 || len > self.0.len() {
            return None;
        }
        let (opt, rest) = self.0.split_at(len);
        self.0 = rest;
        Some((opt[0], opt))
    }
}

/// RFC 4861 6.1 / 7.1: every option has a non-zero length and the options
/// end exactly at the end of the message.
fn ndp_options_valid(mut opts: &[u8]) -> bool {
    while !opts.is_empty() {
        if opts.len() < 2 {
            return false;
        }
        let len = opts[1] as usize * 8;
        if len == 0 || len > opts.len() {
            return false;
        }
        opts = &opts[len..];
    }
    true
}

/// The link-layer address carried by the first option of `kind` (source
/// or target LLA, RFC 4861 4.6.1), if it has the Ethernet length (1).
fn lla_option(opts: &[u8], kind: u8) -> Option<MacAddress> {
    NdpOptions(opts)
        .find(|(t, o)| *t == kind && o.len() == 8)
        .map(|(_, o)| MacAddress::from_bytes(&o[2..8]))
}

/// The MLDv2 Maximum Response Delay in milliseconds (RFC 3810 5.1.3).
fn mld_max_response_ms(code: u16) -> u32 {
    if code < 0x8000 {
        code as u32
    } else {
        let mant = (code & 0x0fff) as u32 | 0x1000;
        let exp = ((code >> 12) & 0x7) as u32;
        mant << (exp + 3)
    }
}

impl<const N: usize, const R: usize, const D: usize> Interface<N, R, D> {
    /// Hands a received frame (`buf[..len]`) to the stack at `now_ms`.
    ///
    /// The frame is parsed in place. An answer (Neighbor Advertisement,
    /// echo reply, ICMP error) replaces it in the buffer and its length is
    /// returned as [`Received::Transmit`]; a UDP datagram to a bound port is
    /// returned as [`Received::Udp`] with its payload left in the buffer.
    pub fn receive(&mut self, buf: &mut [u8], len: usize, now_ms: u64) -> Received {
        self.advance(now_ms);
        self.counters.rx_frames = self.counters.rx_frames.wrapping_add(1);
        let len = len.min(buf.len());
        let r = self.process(buf, len);
        if let Received::Transmit(_) = r {
            self.counters.tx_frames = self.counters.tx_frames.wrapping_add(1);
        }
        r
    }

    /// True if the Ethernet group address ending in `low` (the last four
    /// bytes after 33:33, RFC 2464 7) is one of our groups.
    fn listening_mac(&self, low: &[u8]) -> bool {
        low == [0, 0, 0, 1]
            || (low[0] == 0xff
                && self
                    .addrs
                    .iter()
                    .any(|a| a.present() && a.addr.0[13..16] == low[1..4]))
    }

    fn process(&mut self, buf: &mut [u8], len: usize) -> Received {
        // Cheap filters first: link-layer destination, loop, EtherType.
        if len < IP {
            return self.count_drop(DropReason::Truncated);
        }
        if buf[0..6] != self.mac.0
            && !(buf[0] == 0x33 && buf[1] == 0x33 && self.listening_mac(&buf[2..6]))
        {
            return self.count_drop(DropReason::WrongMac);
        }
        if buf[6..12] == self.mac.0 {
            return self.count_drop(DropReason::Looped);
        }
        if buf[12..14] != [0x86, 0xdd] {
            return self.count_drop(DropReason::NotIpv6);
        }
        if len < L4 {
            return self.count_drop(DropReason::Truncated);
        }
        if buf[IP] >> 4 != 6 {
            return self.count_drop(DropReason::BadIpv6);
        }
        // RFC 8200 3: the payload length counts what follows the header;
        // Ethernet padding beyond it is ignored. Jumbograms are not spoken.
        let end = L4 + be16(buf, IP + 4) as usize;
        if end > len {
            return self.count_drop(DropReason::Truncated);
        }
        let src = Ipv6Address::from_bytes(&buf[IP + 8..IP + 24]);
        let dst = Ipv6Address::from_bytes(&buf[IP + 24..IP + 40]);
        // RFC 4291 2.7: a multicast address is never a source.
        if src.is_multicast() {
            return self.count_drop(DropReason::BadIpv6);
        }
        let mut tentative = false;
        if dst.is_multicast() {
            if !self.listening_to(&dst) {
                return self.count_drop(DropReason::WrongDestination);
            }
        } else {
            match self.our_addr(&dst) {
                Some(i) => tentative = self.addrs[i].slot == AddrSlot::Tentative,
                None => return self.count_drop(DropReason::WrongDestination),
            }
        }
        let (proto, off, nh_ptr) = match walk_extension_headers(buf, end) {
            Ok(x) => x,
            Err(WalkFail::Drop(reason)) => return self.count_drop(reason),
            Err(WalkFail::Param {
                code,
                pointer,
                multicast_ok,
            }) => {
                return self.icmp_error(
                    buf,
                    end,
                    icmp_type::PARAM_PROBLEM,
                    code,
                    pointer as u32,
                    multicast_ok,
                    DropReason::ExtensionHeader,
                )
            }
        };
        // RFC 4862 5.4: a tentative address only receives NS and NA.
        if tentative
            && !(proto == ip_protocol::ICMPV6
                && off < end
                && matches!(
                    buf[off],
                    icmp_type::NEIGHBOR_SOLICIT | icmp_type::NEIGHBOR_ADVERT
                ))
        {
            return self.count_drop(DropReason::WrongDestination);
        }
        match proto {
            ip_protocol::ICMPV6 => self.icmp_input(buf, off, end, &src, &dst),
            ip_protocol::UDP => self.udp_input(buf, off, end, &src, &dst),
            ip_protocol::NO_NEXT_HEADER => Received::Consumed,
            // RFC 8200 4 / RFC 4443 3.4: unrecognized Next Header, code 1,
            // pointer to the field that named it.
            _ => self.icmp_error(
                buf,
                end,
                icmp_type::PARAM_PROBLEM,
                1,
                nh_ptr as u32,
                false,
                DropReason::UnknownProtocol,
            ),
        }
    }

    /// Takes one token of the ICMP error rate limiter (RFC 4443 2.4 (f)):
    /// a bucket of `icmp_error_burst` tokens refilled one per
    /// `icmp_error_interval_ms`.
    fn take_icmp_token(&mut self) -> bool {
        let now = self.now_ms;
        let interval = self.icmp_interval_ms as u32;
        if self.icmp_tokens >= self.icmp_burst || interval == 0 {
            self.icmp_tokens = self.icmp_burst;
            self.icmp_refill_at = now;
        } else {
            let add = now.wrapping_sub(self.icmp_refill_at) / interval;
            if add > 0 {
                let room = (self.icmp_burst - self.icmp_tokens) as u32;
                self.icmp_tokens += add.min(room) as u8;
                self.icmp_refill_at = self.icmp_refill_at.wrapping_add(add * interval);
            }
        }
        if self.icmp_tokens == 0 {
            return false;
        }
        self.icmp_tokens -= 1;
        true
    }

    /// Replaces the packet at `buf[IP..end]` with an ICMPv6 error about it
    /// (RFC 4443 2.4): as much of the invoking packet as fits the buffer
    /// and the minimum MTU (2.4 (c)), to its source, from the address it
    /// was sent to when that is ours. Suppressed (and counted under
    /// `reason`) for the cases of RFC 4443 2.4 (e) and by the rate limit.
    #[allow(clippy::too_many_arguments)]
    fn icmp_error(
        &mut self,
        buf: &mut [u8],
        end: usize,
        typ: u8,
        code: u8,
        param: u32,
        multicast_ok: bool,
        reason: DropReason,
    ) -> Received {
        let dropped = self.count_drop(reason);
        let src = Ipv6Address::from_bytes(&buf[IP + 8..IP + 24]);
        let dst = Ipv6Address::from_bytes(&buf[IP + 24..IP + 40]);
        // (e.3)/(e.4): not for a multicast destination, IPv6 or link-layer,
        // except the Parameter Problem code 2 exception; (e.6): not to
        // the unspecified address (a multicast source was dropped already).
        let to_multicast = dst.is_multicast() || buf[0] & 1 != 0;
        if (to_multicast && !multicast_ok) || src.is_unspecified() {
            return dropped;
        }
        let from = if dst.is_multicast() {
            match self.select_source(&src) {
                Ok(a) => a,
                Err(_) => return dropped,
            }
        } else {
            dst
        };
        if buf.len() < L4 + 8 {
            return self.count_drop(DropReason::BufferTooSmall);
        }
        if !self.take_icmp_token() {
            return self.count_drop(DropReason::RateLimited);
        }
        let max = (consts::MIN_MTU as usize - 48).min(buf.len() - (L4 + 8));
        let quoted = (end - IP).min(max);
        let peer_mac = MacAddress::from_bytes(&buf[6..12]);
        buf.copy_within(IP..IP + quoted, L4 + 8);
        let icmp_len = 8 + quoted;
        write_ethernet(buf, &peer_mac, &self.mac);
        write_ipv6(
            buf,
            icmp_len,
            ip_protocol::ICMPV6,
            self.params.hop_limit,
            &from,
            &src,
        );
        buf[L4] = typ;
        buf[L4 + 1] = code;
        buf[L4 + 4..L4 + 8].copy_from_slice(&param.to_be_bytes());
        finish_icmp(buf, L4, icmp_len, &from, &src);
        self.counters.icmp_errors_sent = self.counters.icmp_errors_sent.wrapping_add(1);
        Received::Transmit(L4 + icmp_len)
    }

    fn udp_input(
        &mut self,
        buf: &mut [u8],
        off: usize,
        end: usize,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Received {
        if end - off < 8 {
            return self.count_drop(DropReason::Truncated);
        }
        let udp_len = be16(buf, off + 4) as usize;
        if udp_len < 8 || udp_len > end - off {
            return self.count_drop(DropReason::Truncated);
        }
        // RFC 8200 8.1: a zero UDP checksum is invalid over IPv6.
        if be16(buf, off + 6) == 0
            || checksum::ipv6_upper_layer(src, dst, ip_protocol::UDP, &buf[off..off + udp_len]) != 0
        {
            return self.count_drop(DropReason::BadChecksum);
        }
        let dst_port = be16(buf, off + 2);
        if self.ports.contains(&dst_port) {
            self.counters.udp_delivered = self.counters.udp_delivered.wrapping_add(1);
            return Received::Udp(UdpMeta {
                src: *src,
                src_port: be16(buf, off),
                dst: *dst,
                dst_port,
                payload: off + 8..off + udp_len,
            });
        }
        // RFC 4443 3.1: port unreachable, code 4.
        self.icmp_error(
            buf,
            end,
            icmp_type::DST_UNREACHABLE,
            4,
            0,
            false,
            DropReason::NoListener,
        )
    }

    fn icmp_input(
        &mut self,
        buf: &mut [u8],
        off: usize,
        end: usize,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Received {
        if end - off < 4 {
            return self.count_drop(DropReason::Truncated);
        }
        if checksum::ipv6_upper_layer(src, dst, ip_protocol::ICMPV6, &buf[off..end]) != 0 {
            return self.count_drop(DropReason::BadChecksum);
        }
        let hop_limit = buf[IP + 7];
        let typ = buf[off];
        let code = buf[off + 1];
        // RFC 4861 6.1 / 7.1 / 8.1: ND messages arrive with hop limit 255
        // (not forwarded: from on-link) and code 0.
        if matches!(typ, icmp_type::ROUTER_ADVERT..=icmp_type::REDIRECT)
            && (hop_limit != 255 || code != 0)
        {
            return self.count_drop(DropReason::InvalidNdp);
        }
        match typ {
            icmp_type::ECHO_REQUEST => self.echo_reply(buf, off, end, src, dst),
            icmp_type::NEIGHBOR_SOLICIT => self.ns_input(buf, off, end, src, dst),
            icmp_type::NEIGHBOR_ADVERT => self.na_input(buf, off, end, dst),
            icmp_type::ROUTER_ADVERT => self.ra_input(buf, off, end, src),
            icmp_type::REDIRECT => self.redirect_input(buf, off, end, src),
            icmp_type::MLD_QUERY => self.mld_query_input(buf, off, end, src),
            // RFC 4443 2.4 (a): errors go to the upper layer; there is none
            // that uses them here.
            icmp_type::DST_UNREACHABLE..=icmp_type::PARAM_PROBLEM => Received::Consumed,
            // RFC 4443 2.4 (b): unknown informational messages are dropped;
            // so are RS, MLD reports and echo replies at this host.
            _ => self.count_drop(DropReason::IcmpIgnored),
        }
    }

    /// Echo reply in place (RFC 4443 4.2): same identifier, sequence and
    /// data; from the address the request was sent to, or for a multicast
    /// request from a unicast address of ours (4.2).
    fn echo_reply(
        &mut self,
        buf: &mut [u8],
        off: usize,
        end: usize,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Received {
        if end - off < 8 {
            return self.count_drop(DropReason::Truncated);
        }
        if src.is_unspecified() {
            return self.count_drop(DropReason::IcmpIgnored);
        }
        let from = if dst.is_multicast() {
            match self.select_source(src) {
                Ok(a) => a,
                Err(_) => return self.count_drop(DropReason::IcmpIgnored),
            }
        } else {
            *dst
        };
        let icmp_len = end - off;
        // Extension headers of the request are not echoed.
        buf.copy_within(off..end, L4);
        let peer_mac = MacAddress::from_bytes(&buf[6..12]);
        write_ethernet(buf, &peer_mac, &self.mac);
        write_ipv6(
            buf,
            icmp_len,
            ip_protocol::ICMPV6,
            self.params.hop_limit,
            &from,
            src,
        );
        buf[L4] = icmp_type::ECHO_REPLY;
        finish_icmp(buf, L4, icmp_len, &from, src);
        Received::Transmit(L4 + icmp_len)
    }

    /// A Neighbor Solicitation (RFC 4861 7.1.1 validation, 7.2.3
    /// processing, 7.2.4 answer; RFC 4862 5.4.3 during DAD).
    fn ns_input(
        &mut self,
        buf: &mut [u8],
        off: usize,
        end: usize,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Received {
        if end - off < 24 {
            return self.count_drop(DropReason::InvalidNdp);
        }
        let target = Ipv6Address::from_bytes(&buf[off + 8..off + 24]);
        let opts = &buf[off + 24..end];
        if target.is_multicast() || !ndp_options_valid(opts) {
            return self.count_drop(DropReason::InvalidNdp);
        }
        let sllao = lla_option(opts, ndp_option::SOURCE_LLADDR);
        // 7.1.1: from :: only to a solicited-node group and without SLLAO.
        if src.is_unspecified() && (!dst.is_solicited_node_multicast() || sllao.is_some()) {
            return self.count_drop(DropReason::InvalidNdp);
        }
        let Some(i) = self.our_addr(&target) else {
            return self.count_drop(DropReason::WrongDestination);
        };
        let slot = self.addrs[i].slot;
        if src.is_unspecified() && matches!(slot, AddrSlot::Tentative | AddrSlot::Optimistic) {
            // RFC 4862 5.4.3: someone else runs DAD for it: duplicate.
            self.dad_failed(i);
            return Received::Consumed;
        }
        if slot == AddrSlot::Tentative {
            // RFC 4862 5.4.3: other solicitations for a tentative address
            // are silently discarded.
            return Received::Consumed;
        }
        if let (false, Some(mac)) = (src.is_unspecified(), sllao) {
            // 7.2.3: record the solicitor's address, STALE if new or changed.
            self.neighbor_learned(src, mac, false);
        }
        // 7.2.4: S set unless answering DAD (then to all-nodes); O set,
        // except for an optimistic address (RFC 4429 3.3).
        let (to, to_mac, mut flags) = if src.is_unspecified() {
            (
                Ipv6Address::ALL_NODES,
                MacAddress::from_ipv6_multicast(&Ipv6Address::ALL_NODES),
                0u8,
            )
        } else {
            let mac = sllao.unwrap_or_else(|| MacAddress::from_bytes(&buf[6..12]));
            (*src, mac, 0x40)
        };
        if slot != AddrSlot::Optimistic {
            flags |= 0x20;
        }
        match build_na(buf, &self.mac, &to_mac, &target, &to, &target, flags) {
            Some(n) => Received::Transmit(n),
            None => self.count_drop(DropReason::BufferTooSmall),
        }
    }

    /// DAD found a duplicate (RFC 4862 5.4.5): the address is not used.
    fn dad_failed(&mut self, i: usize) {
        let a = self.addrs[i].addr;
        self.addrs[i].slot = AddrSlot::Duplicate;
        self.addrs[i].dad_left = 0;
        self.push_event(Event::AddressDuplicate(a));
    }

    /// Records `mac` for neighbor `ip` (RFC 4861 7.2.3, 6.3.4): a new entry
    /// is STALE; an existing one changes to STALE only if the address
    /// differs (an INCOMPLETE one always takes it).
    fn neighbor_learned(&mut self, ip: &Ipv6Address, mac: MacAddress, is_router: bool) {
        let now = self.now_ms;
        let Some(i) = self.neighbor_slot(ip) else {
            return;
        };
        let n = &mut self.neighbors[i];
        match n.state {
            None => {
                *n = Neighbor {
                    ip: *ip,
                    mac,
                    state: Some(NeighborState::Stale),
                    probes: 0,
                    is_router,
                    timer: now,
                    stamp: now,
                };
            }
            Some(state) => {
                if state == NeighborState::Incomplete || n.mac != mac {
                    n.mac = mac;
                    n.state = Some(NeighborState::Stale);
                    n.probes = 0;
                }
                n.is_router |= is_router;
            }
        }
    }

    /// A Neighbor Advertisement (RFC 4861 7.1.2 validation, 7.2.5
    /// processing; RFC 4862 5.4.4 during DAD).
    fn na_input(&mut self, buf: &[u8], off: usize, end: usize, dst: &Ipv6Address) -> Received {
        if end - off < 24 {
            return self.count_drop(DropReason::InvalidNdp);
        }
        let flags = buf[off + 4];
        let (router, solicited, override_) =
            (flags & 0x80 != 0, flags & 0x40 != 0, flags & 0x20 != 0);
        let target = Ipv6Address::from_bytes(&buf[off + 8..off + 24]);
        let opts = &buf[off + 24..end];
        // 7.1.2: target not multicast; S clear when sent to multicast.
        if target.is_multicast() || (dst.is_multicast() && solicited) || !ndp_options_valid(opts) {
            return self.count_drop(DropReason::InvalidNdp);
        }
        let tlla = lla_option(opts, ndp_option::TARGET_LLADDR);
        if let Some(i) = self.our_addr(&target) {
            if matches!(
                self.addrs[i].slot,
                AddrSlot::Tentative | AddrSlot::Optimistic
            ) {
                // RFC 4862 5.4.4: the address is in use by another node.
                self.dad_failed(i);
            }
            // An NA for an assigned address of ours: a conflict that
            // 7.2.5 leaves to the administrator; ignored.
            return Received::Consumed;
        }
        let Some(i) = self
            .neighbors
            .iter()
            .position(|n| n.state.is_some() && n.ip == target)
        else {
            // 7.2.5: no entry, nothing to do.
            return Received::Consumed;
        };
        let now = self.now_ms;
        let reachable_until = now.wrapping_add(self.params.reachable_ms);
        let n = &mut self.neighbors[i];
        let was_router = n.is_router;
        if n.state == Some(NeighborState::Incomplete) {
            let Some(mac) = tlla else {
                return Received::Consumed;
            };
            n.mac = mac;
            n.probes = 0;
            n.stamp = now;
            if solicited {
                n.state = Some(NeighborState::Reachable);
                n.timer = reachable_until;
            } else {
                n.state = Some(NeighborState::Stale);
            }
            n.is_router = router;
        } else {
            let differs = tlla.is_some_and(|m| m != n.mac);
            if !override_ && differs {
                if n.state == Some(NeighborState::Reachable) {
                    n.state = Some(NeighborState::Stale);
                }
                return Received::Consumed;
            }
            if let Some(mac) = tlla {
                n.mac = mac;
            }
            if solicited {
                n.state = Some(NeighborState::Reachable);
                n.timer = reachable_until;
                n.probes = 0;
                n.stamp = now;
            } else if differs {
                n.state = Some(NeighborState::Stale);
            }
            n.is_router = router;
        }
        let reachable = n.state == Some(NeighborState::Reachable);
        // 7.2.5: a router that stops being one leaves the router list.
        if was_router && !router {
            self.remove_router(&target);
        } else if reachable {
            for r in self.routers.iter_mut() {
                if r.used() && r.ip == target {
                    r.unreachable = false;
                }
            }
        }
        Received::Consumed
    }

    fn remove_router(&mut self, ip: &Ipv6Address) {
        for i in 0..R {
            if self.routers[i].used() && self.routers[i].ip == *ip {
                self.routers[i] = Router::FREE;
                self.push_event(Event::RouterLost(*ip));
            }
        }
    }

    /// A Router Advertisement (RFC 4861 6.1.2 validation, 6.3.4
    /// processing; RFC 4862 5.5.3 SLAAC; RFC 8106 5.1 RDNSS).
    fn ra_input(&mut self, buf: &[u8], off: usize, end: usize, src: &Ipv6Address) -> Received {
        // 6.1.2: from a link-local address, at least 16 bytes.
        if !src.is_link_local() || end - off < 16 {
            return self.count_drop(DropReason::InvalidNdp);
        }
        let opts = &buf[off + 16..end];
        if !ndp_options_valid(opts) {
            return self.count_drop(DropReason::InvalidNdp);
        }
        if self.our_addr(src).is_some() {
            return self.count_drop(DropReason::Looped);
        }
        let cur_hop_limit = buf[off + 4];
        let router_lifetime = be16(buf, off + 6) as u32;
        let reachable = be32(buf, off + 8);
        let retrans = be32(buf, off + 12);
        if cur_hop_limit != 0 {
            self.params.hop_limit = cur_hop_limit;
        }
        // 6.3.4: a new BaseReachableTime gets a new random ReachableTime
        // (6.3.2: uniformly in 0.5..1.5 times the base).
        if reachable != 0 && reachable != self.params.base_reachable_ms {
            self.params.base_reachable_ms = reachable;
            self.params.reachable_ms = reachable / 2 + self.rng.below(reachable);
        }
        if retrans != 0 {
            self.params.retrans_ms = retrans;
        }
        self.router_update(src, router_lifetime);
        for (typ, opt) in NdpOptions(opts) {
            match typ {
                ndp_option::SOURCE_LLADDR if opt.len() == 8 => {
                    // 6.3.4: record it, IsRouter set.
                    self.neighbor_learned(src, MacAddress::from_bytes(&opt[2..8]), true);
                }
                ndp_option::MTU if opt.len() == 8 => {
                    let mtu = be32(opt, 4);
                    if (consts::MIN_MTU as u32..=consts::ETHERNET_MTU as u32).contains(&mtu) {
                        self.params.mtu = mtu as u16;
                    }
                }
                ndp_option::PREFIX_INFO if opt.len() == 32 => self.prefix_info(opt),
                ndp_option::RDNSS if opt.len() >= 24 && (opt.len() - 8) % 16 == 0 => {
                    let lifetime = be32(opt, 4);
                    for a in opt[8..].chunks_exact(16) {
                        self.dns_update(&Ipv6Address::from_bytes(a), lifetime);
                    }
                }
                _ => {}
            }
        }
        if let Some(n) = self
            .neighbors
            .iter_mut()
            .find(|n| n.state.is_some() && n.ip == *src)
        {
            n.is_router = router_lifetime != 0 || n.is_router;
        }
        Received::Consumed
    }

    /// Default Router List maintenance (RFC 4861 6.3.4). A router that
    /// advertises a non-zero lifetime also ends our solicitations (6.3.7).
    fn router_update(&mut self, ip: &Ipv6Address, lifetime: u32) {
        let until = lifetime_end(self.now_s, lifetime).max(1);
        if let Some(r) = self.routers.iter_mut().find(|r| r.used() && r.ip == *ip) {
            if lifetime == 0 {
                self.remove_router(ip);
            } else {
                r.until = until;
                r.unreachable = false;
            }
        } else if lifetime != 0 {
            if let Some(r) = self.routers.iter_mut().find(|r| !r.used()) {
                *r = Router {
                    ip: *ip,
                    until,
                    unreachable: false,
                };
                self.push_event(Event::RouterLearned(*ip));
            }
        }
        if lifetime != 0 {
            self.rs_left = 0;
        }
    }

    /// A Prefix Information option (RFC 4861 4.6.2): on-link (6.3.4) and
    /// autonomous address configuration (RFC 4862 5.5.3).
    fn prefix_info(&mut self, opt: &[u8]) {
        let len = opt[2];
        let flags = opt[3];
        let valid = be32(opt, 4);
        let preferred = be32(opt, 8);
        let prefix = Ipv6Address::from_bytes(&opt[16..32]);
        // 6.3.4 and RFC 4862 5.5.3 (b): the link-local prefix is ignored.
        if prefix.is_link_local() || len > 128 {
            return;
        }
        if flags & 0x80 != 0 {
            self.on_link_update(&prefix.prefix(len), len, valid);
        }
        if flags & 0x40 != 0 {
            self.slaac(&prefix, len, valid, preferred);
        }
    }

    /// Prefix List update (RFC 4861 6.3.4 "on-link" rules).
    fn on_link_update(&mut self, prefix: &Ipv6Address, len: u8, valid: u32) {
        let now_s = self.now_s;
        let existing = self
            .prefixes
            .iter_mut()
            .find(|p| p.until != 0 && p.len == len && p.prefix == *prefix);
        match existing {
            Some(p) if valid == 0 => *p = super::tables::Prefix::FREE,
            Some(p) => p.until = lifetime_end(now_s, valid).max(1),
            None if valid != 0 => {
                if let Some(p) = self.prefixes.iter_mut().find(|p| p.until == 0) {
                    p.prefix = *prefix;
                    p.len = len;
                    p.until = lifetime_end(now_s, valid).max(1);
                }
            }
            None => {}
        }
    }

    /// Stateless address autoconfiguration (RFC 4862 5.5.3).
    fn slaac(&mut self, prefix: &Ipv6Address, len: u8, valid: u32, preferred: u32) {
        // (c) preferred over valid: ignore. (d) prefix + 64-bit interface
        // identifier must make 128 bits.
        if preferred > valid || len != 64 {
            return;
        }
        let iid = Ipv6Address::eui64_interface_id(&self.mac);
        let addr = Ipv6Address::from_prefix_and_iid(prefix, &iid);
        let now_s = self.now_s;
        if let Some(i) = self
            .addrs
            .iter()
            .position(|a| a.slot != AddrSlot::Free && a.addr == addr)
        {
            let a = &mut self.addrs[i];
            if a.slot == AddrSlot::Duplicate {
                return;
            }
            // (e) preferred lifetime: reset to the advertised value.
            a.preferred_until = lifetime_end(now_s, preferred);
            // (e) valid lifetime, the "two-hour rule" against spoofed
            // short lifetimes.
            let remaining = if a.valid_until == tables::INFINITE {
                tables::INFINITE
            } else {
                a.valid_until.saturating_sub(now_s)
            };
            if valid > consts::TWO_HOURS_S || valid > remaining {
                a.valid_until = lifetime_end(now_s, valid);
            } else if remaining <= consts::TWO_HOURS_S {
                // Keep the current valid lifetime.
            } else {
                a.valid_until = now_s + consts::TWO_HOURS_S;
            }
            return;
        }
        // (d) a new prefix with a non-zero valid lifetime: form an address.
        if valid == 0 {
            return;
        }
        if let Some(i) = self.addrs.iter().position(|a| a.slot == AddrSlot::Free) {
            self.addrs[i] = AddrEntry {
                preferred_until: lifetime_end(now_s, preferred),
                valid_until: lifetime_end(now_s, valid),
                ..AddrEntry::FREE
            };
            self.begin_dad(i, addr);
        }
    }

    /// RDNSS list update (RFC 8106 5.3.1): lifetime 0 removes; a new server
    /// when the list is full replaces the one expiring first.
    fn dns_update(&mut self, addr: &Ipv6Address, lifetime: u32) {
        if !addr.is_unicast() {
            return;
        }
        let until = lifetime_end(self.now_s, lifetime).max(1);
        if let Some(i) = self
            .dns
            .iter()
            .position(|d| d.until != 0 && d.addr == *addr)
        {
            if lifetime == 0 {
                self.dns[i] = super::tables::DnsServer::FREE;
                self.push_event(Event::DnsServerExpired(*addr));
            } else {
                self.dns[i].until = until;
            }
            return;
        }
        if lifetime == 0 || D == 0 {
            return;
        }
        let slot = match self.dns.iter().position(|d| d.until == 0) {
            Some(i) => i,
            None => {
                let (i, soonest) = self
                    .dns
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, d)| d.until)
                    .map(|(i, d)| (i, d.until))
                    .unwrap_or((0, 0));
                if soonest >= until {
                    return;
                }
                i
            }
        };
        self.dns[slot] = super::tables::DnsServer { addr: *addr, until };
        self.push_event(Event::DnsServerLearned(*addr));
    }

    /// A Redirect (RFC 4861 8.1 validation). Without a destination cache
    /// the only effect is the Target Link-Layer Address recorded (8.3).
    fn redirect_input(
        &mut self,
        buf: &[u8],
        off: usize,
        end: usize,
        src: &Ipv6Address,
    ) -> Received {
        if !src.is_link_local() || end - off < 40 {
            return self.count_drop(DropReason::InvalidNdp);
        }
        let target = Ipv6Address::from_bytes(&buf[off + 8..off + 24]);
        let dest = Ipv6Address::from_bytes(&buf[off + 24..off + 40]);
        let opts = &buf[off + 40..end];
        // 8.1: destination not multicast; target link-local or the
        // destination itself; sent by a router we use.
        if dest.is_multicast()
            || !(target.is_link_local() || target == dest)
            || !ndp_options_valid(opts)
            || !self.routers.iter().any(|r| r.used() && r.ip == *src)
        {
            return self.count_drop(DropReason::InvalidNdp);
        }
        if let Some(mac) = lla_option(opts, ndp_option::TARGET_LLADDR) {
            self.neighbor_learned(&target, mac, target != dest);
        }
        Received::Consumed
    }

    /// An MLD query (RFC 3810 5.1, MLDv1 RFC 2710 3.6): a general query or
    /// one for a group of ours schedules a report after a random delay of up
    /// to the Maximum Response Delay (RFC 3810 6.2).
    fn mld_query_input(
        &mut self,
        buf: &[u8],
        off: usize,
        end: usize,
        src: &Ipv6Address,
    ) -> Received {
        let len = end - off;
        // RFC 3810 5.1.14: queries come from a link-local source.
        if !src.is_link_local() || !(len == 24 || len >= 28) {
            return self.count_drop(DropReason::InvalidNdp);
        }
        let group = Ipv6Address::from_bytes(&buf[off + 8..off + 24]);
        if !group.is_unspecified() && !self.listening_to(&group) {
            return Received::Consumed;
        }
        let code = be16(buf, off + 4);
        let max_ms = if len == 24 {
            code as u32
        } else {
            mld_max_response_ms(code)
        };
        let at = self.now_ms.wrapping_add(self.rng.below(max_ms + 1));
        if !self.mld_query_pending || tables::due(self.mld_query_at, at) {
            self.mld_query_at = at;
        }
        self.mld_query_pending = true;
        Received::Consumed
    }
}

/// Walks the extension headers of the packet `buf[IP..end]` (RFC 8200 4):
/// Hop-by-Hop (first only), Destination Options, Routing with Segments Left
/// 0, atomic fragments (RFC 6946). Returns the upper-layer protocol, its
/// offset and the offset (from the IPv6 header) of the field naming it.
fn walk_extension_headers(buf: &[u8], end: usize) -> Result<(u8, usize, usize), WalkFail> {
    let mut nh = buf[IP + 6];
    let mut nh_ptr = 6;
    let mut off = L4;
    loop {
        match nh {
            ip_protocol::HOP_BY_HOP
            | ip_protocol::DESTINATION_OPTIONS
            | ip_protocol::ROUTING
            | ip_protocol::FRAGMENT => {}
            _ => return Ok((nh, off, nh_ptr)),
        }
        // RFC 8200 4.1: Hop-by-Hop only right after the IPv6 header.
        if nh == ip_protocol::HOP_BY_HOP && off != L4 {
            return Err(WalkFail::Param {
                code: 1,
                pointer: nh_ptr,
                multicast_ok: false,
            });
        }
        if end - off < 8 {
            return Err(WalkFail::Drop(DropReason::Truncated));
        }
        let hdr_len = if nh == ip_protocol::FRAGMENT {
            8
        } else {
            (buf[off + 1] as usize + 1) * 8
        };
        if hdr_len > end - off {
            return Err(WalkFail::Drop(DropReason::Truncated));
        }
        match nh {
            ip_protocol::ROUTING => {
                // RFC 8200 4.4: no routing type is handled by this host;
                // with Segments Left non-zero: code 0, pointer to the type.
                if buf[off + 3] != 0 {
                    return Err(WalkFail::Param {
                        code: 0,
                        pointer: off + 2 - IP,
                        multicast_ok: false,
                    });
                }
            }
            ip_protocol::FRAGMENT => {
                // No reassembly in one buffer; atomic fragments (offset 0,
                // M clear) are processed (RFC 6946 4).
                if be16(buf, off + 2) & 0xfff9 != 0 {
                    return Err(WalkFail::Drop(DropReason::ExtensionHeader));
                }
            }
            _ => tlv_options(buf, off + 2, off + hdr_len)?,
        }
        nh_ptr = off - IP;
        nh = buf[off];
        off += hdr_len;
    }
}

/// The TLV options of a Hop-by-Hop or Destination Options header (RFC 8200
/// 4.2): Pad1, PadN and Router Alert are known; others act by the two high
/// bits of their type.
fn tlv_options(buf: &[u8], mut p: usize, end: usize) -> Result<(), WalkFail> {
    while p < end {
        let typ = buf[p];
        if typ == 0 {
            p += 1;
            continue;
        }
        if end - p < 2 || buf[p + 1] as usize > end - p - 2 {
            return Err(WalkFail::Drop(DropReason::ExtensionHeader));
        }
        match typ {
            1 | 5 => {}
            _ => match typ >> 6 {
                0 => {}
                1 => return Err(WalkFail::Drop(DropReason::ExtensionHeader)),
                // 10: Parameter Problem code 2 even to multicast; 11: only
                // to unicast.
                action => {
                    return Err(WalkFail::Param {
                        code: 2,
                        pointer: p - IP,
                        multicast_ok: action == 2,
                    })
                }
            },
        }
        p += 2 + buf[p + 1] as usize;
    }
    Ok(())
}
