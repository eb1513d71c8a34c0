//! Building frames in the caller's buffer: the stack's own traffic
//! (`poll_transmit`), UDP (`send_udp`) and the header helpers shared with
//! the in-place answers of `receive`.

use super::tables::{self, AddrSlot, Neighbor, NeighborState};
use super::{consts, Interface, SendError};
use crate::wire::checksum::{self, Checksum};
use crate::wire::ip_protocol;
use crate::wire::{Ipv6Address, MacAddress};

/// Offset of the IPv6 header in a frame.
pub(crate) const IP: usize = 14;
/// Offset of the upper-layer header when there are no extension headers.
pub(crate) const L4: usize = 54;
/// Offset of a UDP payload in frames this stack builds.
pub(crate) const UDP_PAYLOAD: usize = L4 + 8;

/// ICMPv6 types used here (RFC 4443 2.1, RFC 4861 4, RFC 3810 5).
pub(crate) mod icmp_type {
    pub const DST_UNREACHABLE: u8 = 1;
    pub const PARAM_PROBLEM: u8 = 4;
    pub const ECHO_REQUEST: u8 = 128;
    pub const ECHO_REPLY: u8 = 129;
    pub const MLD_QUERY: u8 = 130;
    pub const ROUTER_SOLICIT: u8 = 133;
    pub const ROUTER_ADVERT: u8 = 134;
    pub const NEIGHBOR_SOLICIT: u8 = 135;
    pub const NEIGHBOR_ADVERT: u8 = 136;
    pub const REDIRECT: u8 = 137;
    pub const MLDV2_REPORT: u8 = 143;
}

/// NDP option types (RFC 4861 4.6, RFC 8106 5.1).
pub(crate) mod ndp_option {
    pub const SOURCE_LLADDR: u8 = 1;
    pub const TARGET_LLADDR: u8 = 2;
    pub const PREFIX_INFO: u8 = 3;
    pub const MTU: u8 = 5;
    pub const RDNSS: u8 = 25;
}

/// Writes the Ethernet header (RFC 2464 3: EtherType 0x86DD).
pub(crate) fn write_ethernet(buf: &mut [u8], dst: &MacAddress, src: &MacAddress) {
    buf[0..6].copy_from_slice(&dst.0);
    buf[6..12].copy_from_slice(&src.0);
    buf[12..14].copy_from_slice(&[0x86, 0xdd]);
}

/// Writes the fixed IPv6 header (RFC 8200 3) at offset 14; traffic class
/// and flow label zero.
pub(crate) fn write_ipv6(
    buf: &mut [u8],
    payload_len: usize,
    next_header: u8,
    hop_limit: u8,
    src: &Ipv6Address,
    dst: &Ipv6Address,
) {
    buf[IP..IP + 4].copy_from_slice(&[0x60, 0, 0, 0]);
    buf[IP + 4..IP + 6].copy_from_slice(&(payload_len as u16).to_be_bytes());
    buf[IP + 6] = next_header;
    buf[IP + 7] = hop_limit;
    buf[IP + 8..IP + 24].copy_from_slice(&src.0);
    buf[IP + 24..IP + 40].copy_from_slice(&dst.0);
}

/// Computes and stores the ICMPv6 checksum (RFC 4443 2.3) of the message
/// at `buf[start..start + len]`.
pub(crate) fn finish_icmp(
    buf: &mut [u8],
    start: usize,
    len: usize,
    src: &Ipv6Address,
    dst: &Ipv6Address,
) {
    buf[start + 2] = 0;
    buf[start + 3] = 0;
    let c = checksum::ipv6_upper_layer(src, dst, ip_protocol::ICMPV6, &buf[start..start + len]);
    buf[start + 2..start + 4].copy_from_slice(&c.to_be_bytes());
}

/// Writes a link-layer address option (RFC 4861 4.6.1) at `at`.
fn write_lla_option(buf: &mut [u8], at: usize, kind: u8, mac: &MacAddress) {
    buf[at] = kind;
    buf[at + 1] = 1;
    buf[at + 2..at + 8].copy_from_slice(&mac.0);
}

/// Builds a Neighbor Solicitation (RFC 4861 4.3) for `target` from `src`
/// to `dst` (link-layer `dst_mac`), with a Source Link-Layer Address option
/// if `sllao`. Returns the frame length.
pub(crate) fn build_ns(
    buf: &mut [u8],
    mac: &MacAddress,
    dst_mac: &MacAddress,
    src: &Ipv6Address,
    dst: &Ipv6Address,
    target: &Ipv6Address,
    sllao: bool,
) -> Option<usize> {
    let icmp_len = if sllao { 32 } else { 24 };
    if buf.len() < L4 + icmp_len {
        return None;
    }
    write_ethernet(buf, dst_mac, mac);
    // RFC 4861 7.1.1: NDP messages carry hop limit 255.
    write_ipv6(buf, icmp_len, ip_protocol::ICMPV6, 255, src, dst);
    buf[L4..L4 + 8].copy_from_slice(&[icmp_type::NEIGHBOR_SOLICIT, 0, 0, 0, 0, 0, 0, 0]);
    buf[L4 + 8..L4 + 24].copy_from_slice(&target.0);
    if sllao {
        write_lla_option(buf, L4 + 24, ndp_option::SOURCE_LLADDR, mac);
    }
    finish_icmp(buf, L4, icmp_len, src, dst);
    Some(L4 + icmp_len)
}

/// Builds a Neighbor Advertisement (RFC 4861 4.4) with a Target Link-Layer
/// Address option. `flags` holds R (0x80), S (0x40), O (0x20).
#[allow(clippy::too_many_arguments)]
pub(crate) fn build_na(
    buf: &mut [u8],
    mac: &MacAddress,
    dst_mac: &MacAddress,
    src: &Ipv6Address,
    dst: &Ipv6Address,
    target: &Ipv6Address,
    flags: u8,
) -> Option<usize> {
    let icmp_len = 32;
    if buf.len() < L4 + icmp_len {
        return None;
    }
    write_ethernet(buf, dst_mac, mac);
    write_ipv6(buf, icmp_len, ip_protocol::ICMPV6, 255, src, dst);
    buf[L4..L4 + 8].copy_from_slice(&[icmp_type::NEIGHBOR_ADVERT, 0, 0, 0, flags, 0, 0, 0]);
    buf[L4 + 8..L4 + 24].copy_from_slice(&target.0);
    write_lla_option(buf, L4 + 24, ndp_option::TARGET_LLADDR, mac);
    finish_icmp(buf, L4, icmp_len, src, dst);
    Some(L4 + icmp_len)
}

impl<const N: usize, const R: usize, const D: usize> Interface<N, R, D> {
    /// Builds the stack's next frame due at `now_ms` into `buf`, if any:
    /// MLD reports (before the DAD probes they must precede, RFC 4862
    /// 5.4.2), DAD probes, Router Solicitations, address resolution and
    /// NUD probes, MLD query answers. Call it until it returns `None`.
    pub fn poll_transmit(&mut self, buf: &mut [u8], now_ms: u64) -> Option<usize> {
        self.advance(now_ms);
        let n = self.next_frame(buf)?;
        self.counters.tx_frames = self.counters.tx_frames.wrapping_add(1);
        Some(n)
    }

    fn next_frame(&mut self, buf: &mut [u8]) -> Option<usize> {
        let now = self.now_ms;
        if self.mld_left > 0 && tables::due(now, self.mld_at) {
            self.mld_left -= 1;
            self.mld_at = now.wrapping_add(
                self.rng
                    .below(consts::MLD_UNSOLICITED_REPORT_INTERVAL_MS + 1),
            );
            // RFC 3810 6.1: state-change report, CHANGE_TO_EXCLUDE_MODE {}.
            if let Some(n) = self.build_mld_report(buf, 4) {
                return Some(n);
            }
        }
        if self.mld_query_pending && tables::due(now, self.mld_query_at) {
            self.mld_query_pending = false;
            // RFC 3810 6.2: current-state report, MODE_IS_EXCLUDE {}.
            if let Some(n) = self.build_mld_report(buf, 2) {
                return Some(n);
            }
        }
        for i in 0..self.addrs.len() {
            let a = self.addrs[i];
            if matches!(a.slot, AddrSlot::Tentative | AddrSlot::Optimistic)
                && a.dad_left > 0
                && tables::due(now, a.dad_at)
            {
                self.addrs[i].dad_left -= 1;
                self.addrs[i].dad_at = now.wrapping_add(self.params.retrans_ms);
                // RFC 4862 5.4.2: from ::, to the solicited-node group, no
                // SLLAO.
                let group = a.addr.solicited_node();
                return build_ns(
                    buf,
                    &self.mac,
                    &MacAddress::from_ipv6_multicast(&group),
                    &Ipv6Address::UNSPECIFIED,
                    &group,
                    &a.addr,
                    false,
                );
            }
        }
        if self.rs_left > 0 && tables::due(now, self.rs_at) {
            self.rs_left -= 1;
            self.rs_at = now.wrapping_add(consts::RTR_SOLICITATION_INTERVAL_MS);
            return self.build_rs(buf);
        }
        for i in 0..N {
            if let Some(n) = self.neighbor_probe(i, buf) {
                return Some(n);
            }
        }
        None
    }

    /// A Router Solicitation (RFC 4861 4.1, 6.3.7) to all-routers: from the
    /// link-local address with SLLAO once DAD passed; from :: without
    /// SLLAO before (RFC 4861 6.3.7), and without SLLAO from an optimistic
    /// address (RFC 4429 3.3).
    fn build_rs(&mut self, buf: &mut [u8]) -> Option<usize> {
        let ll = self.addrs[0];
        let (src, sllao) = match ll.slot {
            AddrSlot::Assigned => (ll.addr, true),
            AddrSlot::Optimistic => (ll.addr, false),
            _ => (Ipv6Address::UNSPECIFIED, false),
        };
        let icmp_len = if sllao { 16 } else { 8 };
        if buf.len() < L4 + icmp_len {
            return None;
        }
        let dst = Ipv6Address::ALL_ROUTERS;
        write_ethernet(buf, &MacAddress::from_ipv6_multicast(&dst), &self.mac);
        write_ipv6(buf, icmp_len, ip_protocol::ICMPV6, 255, &src, &dst);
        buf[L4..L4 + 8].copy_from_slice(&[icmp_type::ROUTER_SOLICIT, 0, 0, 0, 0, 0, 0, 0]);
        if sllao {
            write_lla_option(buf, L4 + 8, ndp_option::SOURCE_LLADDR, &self.mac);
        }
        finish_icmp(buf, L4, icmp_len, &src, &dst);
        Some(L4 + icmp_len)
    }

    /// An MLDv2 Report (RFC 3810 5.2) listing the solicited-node groups of
    /// our addresses (never all-nodes, RFC 3810 6), from the link-local
    /// address or :: before it is valid (RFC 3810 5.2.13), hop limit 1,
    /// with a Hop-by-Hop Router Alert (RFC 2711, value 0 = MLD).
    fn build_mld_report(&mut self, buf: &mut [u8], record_type: u8) -> Option<usize> {
        let mut groups = [Ipv6Address::UNSPECIFIED; super::MAX_ADDRESSES];
        let mut count = 0;
        for a in self.addrs.iter().filter(|a| a.present()) {
            let g = a.addr.solicited_node();
            if !groups[..count].contains(&g) {
                groups[count] = g;
                count += 1;
            }
        }
        let ll = self.addrs[0];
        let src = if ll.usable() {
            ll.addr
        } else {
            Ipv6Address::UNSPECIFIED
        };
        let icmp_len = 8 + 20 * count;
        let hbh = 8;
        let start = L4 + hbh;
        if buf.len() < start + icmp_len {
            return None;
        }
        let dst = Ipv6Address::ALL_MLDV2_ROUTERS;
        write_ethernet(buf, &MacAddress::from_ipv6_multicast(&dst), &self.mac);
        write_ipv6(buf, hbh + icmp_len, ip_protocol::HOP_BY_HOP, 1, &src, &dst);
        // Hop-by-Hop: next ICMPv6, length 0 (8 bytes), Router Alert option
        // (type 5, len 2, value 0), PadN of 2.
        buf[L4..L4 + 8].copy_from_slice(&[ip_protocol::ICMPV6, 0, 5, 2, 0, 0, 1, 0]);
        buf[start..start + 8].copy_from_slice(&[
            icmp_type::MLDV2_REPORT,
            0,
            0,
            0,
            0,
            0,
            0,
            count as u8,
        ]);
        for (k, g) in groups[..count].iter().enumerate() {
            let r = start + 8 + 20 * k;
            buf[r..r + 4].copy_from_slice(&[record_type, 0, 0, 0]);
            buf[r + 4..r + 20].copy_from_slice(&g.0);
        }
        finish_icmp(buf, start, icmp_len, &src, &dst);
        Some(start + icmp_len)
    }

    /// The NS due for neighbor `i`, if any (RFC 4861 7.2.2 resolution,
    /// 7.3.3 PROBE), re-arming its retransmission timer.
    fn neighbor_probe(&mut self, i: usize, buf: &mut [u8]) -> Option<usize> {
        let n: Neighbor = self.neighbors[i];
        let (multicast, limit) = match n.state? {
            NeighborState::Incomplete => (true, consts::MAX_MULTICAST_SOLICIT),
            NeighborState::Probe => (false, consts::MAX_UNICAST_SOLICIT),
            _ => return None,
        };
        if n.probes >= limit || !tables::due(self.now_ms, n.timer) {
            return None;
        }
        let src = self.select_source(&n.ip).ok()?;
        // RFC 4429 3.3: no SLLAO from an optimistic address.
        let sllao = self
            .addrs
            .iter()
            .any(|a| a.addr == src && a.slot == AddrSlot::Assigned);
        self.neighbors[i].probes += 1;
        self.neighbors[i].timer = self.now_ms.wrapping_add(self.params.retrans_ms);
        if multicast {
            let group = n.ip.solicited_node();
            build_ns(
                buf,
                &self.mac,
                &MacAddress::from_ipv6_multicast(&group),
                &src,
                &group,
                &n.ip,
                sllao,
            )
        } else {
            build_ns(buf, &self.mac, &n.mac, &src, &n.ip, &n.ip, sllao)
        }
    }

    /// Sends a UDP datagram (RFC 768, checksum per RFC 8200 8.1) whose
    /// `payload_len` bytes the caller wrote at
    /// [`Interface::udp_payload_offset`]. Returns the frame length to
    /// transmit, or `WouldBlock` while the next hop's link-layer address is
    /// being resolved (the NS goes out with the next `poll_transmit`) or
    /// while the source address is still tentative.
    pub fn send_udp(
        &mut self,
        buf: &mut [u8],
        now_ms: u64,
        src_port: u16,
        dst: Ipv6Address,
        dst_port: u16,
        payload_len: usize,
    ) -> nb::Result<usize, SendError> {
        self.advance(now_ms);
        if dst.is_unspecified() || dst_port == 0 || src_port == 0 {
            return Err(nb::Error::Other(SendError::BadAddress));
        }
        if payload_len > self.max_udp_payload(buf.len()) {
            return Err(nb::Error::Other(SendError::TooLarge));
        }
        let src = self.select_source(&dst).map_err(|tentative| {
            if tentative {
                nb::Error::WouldBlock
            } else {
                nb::Error::Other(SendError::NoSourceAddress)
            }
        })?;
        let dst_mac = self.resolve(&dst)?;
        let udp_len = 8 + payload_len;
        write_ethernet(buf, &dst_mac, &self.mac);
        write_ipv6(
            buf,
            udp_len,
            ip_protocol::UDP,
            if dst.is_multicast() {
                1
            } else {
                self.params.hop_limit
            },
            &src,
            &dst,
        );
        buf[L4..L4 + 2].copy_from_slice(&src_port.to_be_bytes());
        buf[L4 + 2..L4 + 4].copy_from_slice(&dst_port.to_be_bytes());
        buf[L4 + 4..L4 + 6].copy_from_slice(&(udp_len as u16).to_be_bytes());
        buf[L4 + 6..L4 + 8].copy_from_slice(&[0, 0]);
        let mut c = Checksum::ipv6_pseudo_header(&src, &dst, ip_protocol::UDP, udp_len as u32);
        c.add_bytes(&buf[L4..L4 + udp_len]);
        // RFC 768 / RFC 8200 8.1: a computed zero is sent as 0xffff.
        let sum = match c.finish() {
            0 => 0xffff,
            s => s,
        };
        buf[L4 + 6..L4 + 8].copy_from_slice(&sum.to_be_bytes());
        self.counters.udp_sent = self.counters.udp_sent.wrapping_add(1);
        self.counters.tx_frames = self.counters.tx_frames.wrapping_add(1);
        Ok(L4 + udp_len)
    }

    /// The link-layer destination for `dst`: the multicast mapping (RFC
    /// 2464 7), or the next hop's (RFC 4861 5.2: on-link destination or
    /// default router) from the neighbor cache, starting resolution when
    /// unknown (RFC 4861 7.2.2) and the DELAY timer on a STALE entry (7.3.3).
    fn resolve(&mut self, dst: &Ipv6Address) -> nb::Result<MacAddress, SendError> {
        if dst.is_multicast() {
            return Ok(MacAddress::from_ipv6_multicast(dst));
        }
        let next_hop = if self.on_link(dst) {
            *dst
        } else {
            self.select_router()
                .ok_or(nb::Error::Other(SendError::NoRoute))?
        };
        let now = self.now_ms;
        let i = self.neighbor_slot(&next_hop).ok_or(nb::Error::WouldBlock)?;
        let n = &mut self.neighbors[i];
        match n.state {
            None => {
                *n = Neighbor {
                    ip: next_hop,
                    state: Some(NeighborState::Incomplete),
                    timer: now,
                    stamp: now,
                    ..Neighbor::FREE
                };
                Err(nb::Error::WouldBlock)
            }
            Some(NeighborState::Incomplete) => Err(nb::Error::WouldBlock),
            Some(NeighborState::Stale) => {
                n.state = Some(NeighborState::Delay);
                n.timer = now.wrapping_add(consts::DELAY_FIRST_PROBE_TIME_MS);
                Ok(n.mac)
            }
            Some(_) => Ok(n.mac),
        }
    }
}
