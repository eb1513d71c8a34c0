//! Building frames in the caller's buffer: the stack's own traffic
//! (`poll_transmit`), UDP (`send_udp`) and the header helpers shared with
//! the in-place answers of `receive`.

use super::tables::{self, AddrSlot, Neighbor, NeighborState};
use super::{consts, Interface, SendError};
use crate::wire::ethernet::{ethertype, EthernetFrame, EthernetRepr};
use crate::wire::icmpv6::Icmpv6Packet;
use crate::wire::ip_protocol;
use crate::wire::ipv6::{Ipv6Packet, Ipv6Repr};
use crate::wire::mld::{self, AddressRecordRepr};
use crate::wire::ndp::NdpRepr;
use crate::wire::udp::{UdpPacket, UdpRepr};
use crate::wire::{Ipv6Address, MacAddress};

/// Offset of the IPv6 header in a frame.
pub(crate) const IP: usize = 14;
/// Offset of the upper-layer header when there are no extension headers.
pub(crate) const L4: usize = 54;
/// The Nonce option type (RFC 3971 5.3.2, used by RFC 7527).
pub(crate) const NONCE_OPTION: u8 = 14;
/// Offset of a UDP payload in frames this stack builds.
pub(crate) const UDP_PAYLOAD: usize = L4 + 8;

/// Writes the Ethernet header (RFC 2464 3: EtherType 0x86DD).
#[inline(never)]
pub(crate) fn write_ethernet(buf: &mut [u8], dst: &MacAddress, src: &MacAddress) {
    let repr = EthernetRepr {
        dst_addr: *dst,
        src_addr: *src,
        ethertype: ethertype::IPV6,
    };
    repr.emit(&mut EthernetFrame::new_unchecked(&mut buf[..IP]));
}

/// Writes the fixed IPv6 header (RFC 8200 3) at offset 14; traffic class
/// and flow label zero.
#[inline(never)]
pub(crate) fn write_ipv6(
    buf: &mut [u8],
    payload_len: usize,
    next_header: u8,
    hop_limit: u8,
    src: &Ipv6Address,
    dst: &Ipv6Address,
) {
    let repr = Ipv6Repr {
        src_addr: *src,
        dst_addr: *dst,
        next_header,
        payload_len,
        hop_limit,
    };
    repr.emit(&mut Ipv6Packet::new_unchecked(&mut buf[IP..L4]));
}

impl<const N: usize, const R: usize, const D: usize> Interface<N, R, D> {
    /// Builds the stack's next frame due at `now_ms` into `buf`, if any:
    /// MLD reports (before the DAD probes they must precede, RFC 4862
    /// 5.4.2), DAD probes, Router Solicitations, address resolution and
    /// NUD probes, MLD query answers. Call it until it returns `None`.
    #[inline(never)]
    pub fn poll_transmit(&mut self, buf: &mut [u8], now_ms: u64) -> Option<usize> {
        self.advance(now_ms);
        let n = self.next_frame(buf)?;
        self.counters.tx_frames = self.counters.tx_frames.wrapping_add(1);
        Some(n)
    }

    #[inline(never)]
    fn next_frame(&mut self, buf: &mut [u8]) -> Option<usize> {
        let now = self.now_ms;
        let unsolicited = self.mld_left > 0 && tables::due(now, self.mld_at);
        if unsolicited {
            self.mld_left -= 1;
            self.mld_at = now.wrapping_add(
                self.rng
                    .below(consts::MLD_UNSOLICITED_REPORT_INTERVAL_MS + 1),
            );
        }
        let answer = self.mld_query_pending && tables::due(now, self.mld_query_at);
        if answer {
            self.mld_query_pending = false;
        }
        if unsolicited || answer {
            if self.mldv1_until != 0 && !tables::expired(self.now_s, self.mldv1_until) {
                // RFC 3810 8.2.1: MLDv1 reports, one per group.
                self.mldv1_pending = self.distinct_groups();
            } else if let Some(n) = self.build_mld_report(
                buf,
                // RFC 3810 6.1: state change CHANGE_TO_EXCLUDE {}; 6.2:
                // current state MODE_IS_EXCLUDE {} in answer to a query.
                if unsolicited {
                    AddressRecordRepr::join
                } else {
                    AddressRecordRepr::is_exclude
                },
            ) {
                return Some(n);
            }
        }
        if self.mldv1_pending != 0 {
            let i = self.mldv1_pending.trailing_zeros() as usize;
            self.mldv1_pending &= !(1 << i);
            let group = self.addrs[i].addr.solicited_node();
            if let Some(n) = self.build_mldv1_report(buf, &group) {
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
                // SLLAO; with a Nonce option (RFC 7527 4.1, format of RFC
                // 3971 5.3.2) to tell a looped-back probe from another
                // node's.
                let group = a.addr.solicited_node();
                let ns = NdpRepr::NeighborSolicit {
                    target: a.addr,
                    slla: None,
                };
                let nonce = self.dad_nonce;
                let mac = MacAddress::from_ipv6_multicast(&group);
                let unspecified = Ipv6Address::UNSPECIFIED;
                return self.build_ndp(buf, &ns, Some(&nonce), &mac, &unspecified, &group);
            }
        }
        if self.rs_left > 0 && tables::due(now, self.rs_at) {
            self.rs_left -= 1;
            self.rs_at = now.wrapping_add(consts::RTR_SOLICITATION_INTERVAL_MS);
            // RFC 4861 6.3.7: from the link-local address with SLLAO once
            // DAD passed, from :: without SLLAO before; from an optimistic
            // address without SLLAO (RFC 4429 3.3).
            let ll = self.addrs[0];
            let (src, slla) = match ll.slot {
                AddrSlot::Assigned => (ll.addr, Some(self.mac)),
                AddrSlot::Optimistic => (ll.addr, None),
                _ => (Ipv6Address::UNSPECIFIED, None),
            };
            let dst = Ipv6Address::ALL_ROUTERS;
            let mac = MacAddress::from_ipv6_multicast(&dst);
            return self.build_ndp(
                buf,
                &NdpRepr::RouterSolicit { slla },
                None,
                &mac,
                &src,
                &dst,
            );
        }
        for i in 0..N {
            if let Some(n) = self.neighbor_probe(i, buf) {
                return Some(n);
            }
        }
        None
    }

    /// Builds a Router Solicitation, Neighbor Solicitation or Neighbor
    /// Advertisement (RFC 4861 4.1, 4.3, 4.4; hop limit 255, 6.1 / 7.1)
    /// with its link-layer address option and, for DAD probes, a Nonce
    /// option (RFC 3971 5.3.2), in a frame to `dst_mac`. `None` for other
    /// messages or if the buffer is too small.
    ///
    /// A compact writer for the three messages a host sends rather than
    /// the general [`NdpRepr::emit`]: about 1 KB less code on the MSP430.
    /// The tests parse its output back with the `wire::ndp` views.
    #[inline(never)]
    pub(crate) fn build_ndp(
        &self,
        buf: &mut [u8],
        msg: &NdpRepr,
        nonce: Option<&[u8; 6]>,
        dst_mac: &MacAddress,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Option<usize> {
        let (typ, flags, target, lla) = match *msg {
            NdpRepr::RouterSolicit { slla } => (133, 0, None, slla.map(|m| (1, m))),
            NdpRepr::NeighborSolicit { target, slla } => {
                (135, 0, Some(target), slla.map(|m| (1, m)))
            }
            NdpRepr::NeighborAdvert {
                router,
                solicited,
                override_,
                target,
                tlla,
            } => (
                136,
                (router as u8) << 7 | (solicited as u8) << 6 | (override_ as u8) << 5,
                Some(target),
                tlla.map(|m| (2, m)),
            ),
            _ => return None,
        };
        let fixed = if target.is_some() { 24 } else { 8 };
        let len = fixed + 8 * (lla.is_some() as usize + nonce.is_some() as usize);
        let m = buf.get_mut(L4..L4 + len)?;
        m.fill(0);
        m[0] = typ;
        m[4] = flags;
        if let Some(t) = target {
            m[8..24].copy_from_slice(&t.0);
        }
        let mut at = fixed;
        if let Some((kind, mac)) = lla {
            m[at] = kind;
            m[at + 1] = 1;
            m[at + 2..at + 8].copy_from_slice(&mac.0);
            at += 8;
        }
        if let Some(n) = nonce {
            m[at] = NONCE_OPTION;
            m[at + 1] = 1;
            m[at + 2..at + 8].copy_from_slice(n);
        }
        Icmpv6Packet::new_unchecked(m).fill_checksum(src, dst);
        write_ethernet(buf, dst_mac, &self.mac);
        write_ipv6(buf, len, ip_protocol::ICMPV6, 255, src, dst);
        Some(L4 + len)
    }

    /// An MLDv2 Report (RFC 3810 5.2) with one `record` per solicited-node
    /// group of our addresses (never all-nodes, RFC 3810 6), from the
    /// link-local address or :: before it is valid (RFC 3810 5.2.13), hop
    /// limit 1, with a Hop-by-Hop Router Alert (RFC 2711).
    #[inline(never)]
    fn build_mld_report(
        &mut self,
        buf: &mut [u8],
        record: fn(Ipv6Address) -> AddressRecordRepr<'static>,
    ) -> Option<usize> {
        let mut records = [record(Ipv6Address::UNSPECIFIED); super::MAX_ADDRESSES];
        let mut count = 0;
        for a in self.addrs.iter().filter(|a| a.present()) {
            let g = a.addr.solicited_node();
            if !records[..count].iter().any(|r| r.group == g) {
                records[count] = record(g);
                count += 1;
            }
        }
        if count == 0 {
            // Every address went (duplicate): nothing to report.
            return None;
        }
        let ll = self.addrs[0];
        let src = if ll.usable() {
            ll.addr
        } else {
            Ipv6Address::UNSPECIFIED
        };
        let dst = Ipv6Address::ALL_MLDV2_ROUTERS;
        let start = L4 + mld::ROUTER_ALERT_HBH_LEN;
        mld::emit_router_alert_hbh(buf.get_mut(L4..)?, ip_protocol::ICMPV6).ok()?;
        let len = mld::emit_report(buf.get_mut(start..)?, &records[..count], &src, &dst).ok()?;
        write_ethernet(buf, &MacAddress::from_ipv6_multicast(&dst), &self.mac);
        write_ipv6(
            buf,
            mld::ROUTER_ALERT_HBH_LEN + len,
            ip_protocol::HOP_BY_HOP,
            mld::HOP_LIMIT,
            &src,
            &dst,
        );
        Some(start + len)
    }

    /// Address slots whose solicited-node groups are distinct (one bit per
    /// slot, the first slot of each group).
    #[inline(never)]
    fn distinct_groups(&self) -> u8 {
        let mut mask = 0u8;
        for (i, a) in self.addrs.iter().enumerate() {
            let g = a.addr.solicited_node();
            let seen = self.addrs[..i]
                .iter()
                .enumerate()
                .any(|(j, b)| mask & (1 << j) != 0 && b.addr.solicited_node() == g);
            if a.present() && !seen {
                mask |= 1 << i;
            }
        }
        mask
    }

    /// An MLDv1 Report (RFC 2710 3, type 131) for `group`, sent to the
    /// group itself with hop limit 1 and the Router Alert option, from the
    /// link-local address or :: before it is valid (RFC 3590 4).
    #[inline(never)]
    fn build_mldv1_report(&mut self, buf: &mut [u8], group: &Ipv6Address) -> Option<usize> {
        const LEN: usize = 24;
        let start = L4 + mld::ROUTER_ALERT_HBH_LEN;
        let msg = buf.get_mut(start..start + LEN)?;
        msg.fill(0);
        msg[0] = 131;
        msg[8..24].copy_from_slice(&group.0);
        let ll = self.addrs[0];
        let src = if ll.usable() {
            ll.addr
        } else {
            Ipv6Address::UNSPECIFIED
        };
        Icmpv6Packet::new_unchecked(msg).fill_checksum(&src, group);
        mld::emit_router_alert_hbh(&mut buf[L4..], ip_protocol::ICMPV6).ok()?;
        write_ethernet(buf, &MacAddress::from_ipv6_multicast(group), &self.mac);
        write_ipv6(
            buf,
            mld::ROUTER_ALERT_HBH_LEN + LEN,
            ip_protocol::HOP_BY_HOP,
            mld::HOP_LIMIT,
            &src,
            group,
        );
        Some(start + LEN)
    }

    /// The NS due for neighbor `i`, if any (RFC 4861 7.2.2 resolution,
    /// 7.3.3 PROBE), re-arming its retransmission timer.
    #[inline(never)]
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
        // The attempt counts even without a source address to send it
        // from, so that the entry times out instead of staying due.
        self.neighbors[i].probes += 1;
        self.neighbors[i].timer = self.now_ms.wrapping_add(self.params.retrans_ms);
        let src = self.select_source(&n.ip).ok()?;
        // RFC 4429 3.3: no SLLAO from an optimistic address.
        let assigned = self
            .addrs
            .iter()
            .any(|a| a.addr == src && a.slot == AddrSlot::Assigned);
        let ns = NdpRepr::NeighborSolicit {
            target: n.ip,
            slla: if assigned { Some(self.mac) } else { None },
        };
        if multicast {
            let group = n.ip.solicited_node();
            let mac = MacAddress::from_ipv6_multicast(&group);
            self.build_ndp(buf, &ns, None, &mac, &src, &group)
        } else {
            self.build_ndp(buf, &ns, None, &n.mac, &src, &n.ip)
        }
    }

    /// Sends a UDP datagram (RFC 768, checksum per RFC 8200 8.1) whose
    /// `payload_len` bytes the caller wrote at
    /// [`Interface::udp_payload_offset`]. Returns the frame length to
    /// transmit, or `WouldBlock` while the next hop's link-layer address is
    /// being resolved (the NS goes out with the next `poll_transmit`) or
    /// while the source address is still tentative.
    #[inline(never)]
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
        if buf.len() < UDP_PAYLOAD || payload_len > self.max_udp_payload(buf.len()) {
            return Err(nb::Error::Other(SendError::TooLarge));
        }
        let src = self.select_source(&dst).map_err(|tentative| {
            if tentative {
                nb::Error::WouldBlock
            } else {
                nb::Error::Other(SendError::NoSourceAddress)
            }
        })?;
        let optimistic = self
            .addrs
            .iter()
            .any(|a| a.addr == src && a.slot == AddrSlot::Optimistic);
        let dst_mac = self.resolve(&dst, optimistic)?;
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
        let udp = UdpRepr {
            src_port,
            dst_port,
            payload_len,
        };
        let mut packet = UdpPacket::new_unchecked(&mut buf[L4..L4 + udp_len]);
        // Sizes were checked above: this cannot fail.
        if udp.emit(&mut packet, &src, &dst).is_err() {
            return Err(nb::Error::Other(SendError::TooLarge));
        }
        self.counters.udp_sent = self.counters.udp_sent.wrapping_add(1);
        self.counters.tx_frames = self.counters.tx_frames.wrapping_add(1);
        Ok(L4 + udp_len)
    }

    /// The link-layer destination for `dst`: the multicast mapping (RFC
    /// 2464 7), or the next hop's (RFC 4861 5.2: on-link destination or
    /// default router) from the neighbor cache, starting resolution when
    /// unknown (RFC 4861 7.2.2) and the DELAY timer on a STALE entry (7.3.3).
    #[inline(never)]
    fn resolve(
        &mut self,
        dst: &Ipv6Address,
        optimistic_src: bool,
    ) -> nb::Result<MacAddress, SendError> {
        if dst.is_multicast() {
            return Ok(MacAddress::from_ipv6_multicast(dst));
        }
        let next_hop = if self.on_link(dst) {
            *dst
        } else {
            self.select_router()
                .ok_or(nb::Error::Other(SendError::NoRoute))?
        };
        let known = |s: &Option<(NeighborState, MacAddress)>| matches!(s, Some((state, _)) if *state != NeighborState::Incomplete);
        if optimistic_src && !known(&self.neighbor(&next_hop)) {
            // RFC 4429 3.3 (modifies RFC 4861 7.2.2): no address resolution
            // from an optimistic address; send through a default router
            // whose link-layer address is known, or wait for DAD to end.
            let via_router = self.select_router().map(|r| self.neighbor(&r));
            return match via_router {
                Some(Some((state, mac))) if state != NeighborState::Incomplete => Ok(mac),
                _ => Err(nb::Error::WouldBlock),
            };
        }
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
