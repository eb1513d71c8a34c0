//! Building frames in the caller's buffer: the stack's own traffic
//! (`poll_transmit`), UDP (`send_udp`) and the header helpers shared with
//! the in-place answers of `receive`.

use super::tables::{self, AddrSlot, NeighborState};
use super::{consts, Interface, SendError};
use crate::time;
use crate::wire::checksum;
use crate::wire::icmpv6::Icmpv6Packet;
use crate::wire::ip_protocol;
use crate::wire::mld::{self, record_type};
use crate::wire::{Ipv6Address, MacAddress};

/// Offset of the IPv6 header in a frame.
pub(crate) const IP: usize = 14;
/// Offset of the upper-layer header when there are no extension headers.
pub(crate) const L4: usize = 54;
/// The Nonce option type (RFC 3971 5.3.2, used by RFC 7527).
pub(crate) const NONCE_OPTION: u8 = 14;
/// The Hop-by-Hop header in front of MLD messages: Next Header ICMPv6,
/// length 0, the Router Alert option (RFC 2711: type 5, length 2, value 0
/// for MLD) and a PadN of 2 (as `mld::emit_router_alert_hbh` writes it).
const ROUTER_ALERT_HBH: [u8; 8] = [ip_protocol::ICMPV6, 0, 5, 2, 0, 0, 1, 0];
/// `send_udp_code`'s error for `nb::Error::WouldBlock` (the others are
/// `SendError`'s discriminants, 0 to 4).
const WOULD_BLOCK: u16 = 8;
// (`send_udp` decodes the codes by these values: keep them so, and
// every one apart from WOULD_BLOCK.)
const _: () = assert!(
    SendError::TooLarge as u16 == 0
        && SendError::NoSourceAddress as u16 == 1
        && SendError::NoRoute as u16 == 2
        && SendError::BadAddress as u16 != WOULD_BLOCK
);
/// Offset of a UDP payload in frames this stack builds.
pub(crate) const UDP_PAYLOAD: usize = L4 + 8;
/// The IPv6 and UDP headers of those frames, which the link MTU must hold
/// with the payload (`max_udp_payload` and `send_udp` share the limit).
pub(crate) const UDP_HEADERS: usize = UDP_PAYLOAD - IP;

/// An ICMPv6 message the node sends itself: a Neighbor Discovery message
/// (RS, NS, NA) or an MLD report (MLDv2, MLDv1), for
/// [`Interface::build_ndp`].
pub(crate) struct Ndp<'a> {
    /// ICMPv6 type: 133, 135 or 136; 143 or 131 for MLD reports.
    pub msg_type: u8,
    /// The flags byte (R, S, O of an advertisement); in an MLDv2 report,
    /// the type of its one record.
    pub flags: u8,
    /// The Target Address (none in an RS), or the MLD report's group.
    pub target: Option<&'a Ipv6Address>,
    /// With our link-layer address option.
    pub lla: bool,
    /// With our DAD Nonce option (RFC 7527 4.1).
    pub nonce: bool,
}

impl<'a> Ndp<'a> {
    /// A Neighbor Solicitation for `target` (RFC 4861 4.3).
    pub fn solicit(target: &'a Ipv6Address, lla: bool) -> Ndp<'a> {
        Ndp {
            msg_type: 135,
            flags: 0,
            target: Some(target),
            lla,
            nonce: false,
        }
    }

    /// An MLD report (MLDv2 `msg_type` 143 with one record of type
    /// `record`, or MLDv1 131) for `group`.
    fn report(msg_type: u8, record: u8, group: &'a Ipv6Address) -> Ndp<'a> {
        Ndp {
            msg_type,
            flags: record,
            target: Some(group),
            lla: false,
            nonce: false,
        }
    }
}

/// Writes an 8-byte option (its type `kind`, length 1 and `value`) at
/// the start of `m`, if it fits.
#[cfg_attr(target_pointer_width = "16", inline(never))]
fn put_option(m: &mut [u8], kind: u8, value: &[u8; 6]) {
    if let Some([t, l, v @ ..]) = m.get_mut(..8) {
        *t = kind;
        *l = 1;
        v.copy_from_slice(value);
    }
}

impl<const N: usize, const R: usize, const D: usize> Interface<N, R, D> {
    /// Builds the stack's next frame due at `now_ms` into `buf`, if any:
    /// MLD reports (before the DAD probes they must precede, RFC 4862
    /// 5.4.2), DAD probes, Router Solicitations, address resolution and
    /// NUD probes, MLD query answers. Call it until it returns `None`.
    pub fn poll_transmit(&mut self, buf: &mut [u8], now_ms: u32) -> Option<usize> {
        self.advance(now_ms);
        let n = self.next_frame(buf)?;
        self.counters.tx_frames = self.counters.tx_frames.wrapping_add(1);
        Some(n)
    }

    fn next_frame(&mut self, buf: &mut [u8]) -> Option<usize> {
        let now = self.now_ms;
        let unsolicited = self.mld_left > 0 && time::due(now, self.mld_at);
        if unsolicited {
            self.mld_left -= 1;
            // RFC 3810 6.1: the retransmissions at intervals random in
            // (0, [Unsolicited Report Interval]): 1 to 999 ms, never in
            // this millisecond (a report due again now, after one that
            // was not built for want of an address, was announced by
            // `poll_at` with `poll_transmit` done).
            self.mld_at = self.random_time(consts::MLD_UNSOLICITED_REPORT_INTERVAL_MS - 1);
        }
        let answer = self.mld_query_pending && time::due(now, self.mld_query_at);
        if answer {
            self.mld_query_pending = false;
        }
        // The report due, as (ICMPv6 type, record type).
        let mut report = None;
        // (`|`, and the record type below by arithmetic: no branch on
        // `unsolicited` alone, which had the answer's test copied for
        // each of its values.)
        if unsolicited | answer {
            // (0, no MLDv1 querier heard, counts as expired.)
            if !tables::expired(self.now_s, self.mldv1_until) {
                // RFC 3810 8.2.1: MLDv1 reports, one per group.
                self.mldv1_pending = self.any_present();
            } else if self.any_present() {
                // An MLDv2 Report (RFC 3810 5.2) with one record, unless
                // every address went (duplicate). RFC 3810 6.1: state
                // change CHANGE_TO_EXCLUDE {}; 6.2: current state
                // MODE_IS_EXCLUDE {} in answer to a query (twice the
                // other, asserted), the change when both are due.
                const _: () =
                    assert!(record_type::CHANGE_TO_EXCLUDE == 2 * record_type::MODE_IS_EXCLUDE);
                let record = record_type::MODE_IS_EXCLUDE * (1 + unsolicited as u8);
                report = Some((143, record));
            }
        }
        if report.is_none() && self.mldv1_pending {
            self.mldv1_pending = false;
            // An MLDv1 Report (RFC 2710 3), sent to the group itself.
            report = Some((131, 0));
        }
        // The one message due, built by one call at the end (less code
        // than a call per kind): its fields, link-layer destination
        // (`None`: multicast mapping), source and destination. A buffer
        // too small for it loses it (its attempt counts, as for every
        // kind), and `None` is returned.
        let group;
        let (msg, dst_mac, src, dst) = if let Some((msg_type, record)) = report {
            // For the solicited-node group our addresses share (never
            // all-nodes, RFC 3810 6).
            group = self.addrs[0].addr.solicited_node();
            let dst = if msg_type == 143 {
                &Ipv6Address::ALL_MLDV2_ROUTERS
            } else {
                &group
            };
            let report = Ndp::report(msg_type, record, &group);
            (report, None, self.mld_source(), dst)
        } else if let Some(i) = self.dad_probe_due() {
            let target = &super::slot_ref(&self.addrs, i).addr;
            // RFC 4862 5.4.2: from ::, to the solicited-node group, no
            // SLLAO; with a Nonce option (RFC 7527 4.1, format of RFC
            // 3971 5.3.2) to tell a looped-back probe from another
            // node's.
            group = target.solicited_node();
            let ns = Ndp {
                nonce: true,
                ..Ndp::solicit(target, false)
            };
            (ns, None, &Ipv6Address::UNSPECIFIED, &group)
        } else if self.rs_left > 0 && time::due(now, self.rs_at) {
            self.rs_left -= 1;
            self.rs_at = super::after(now, consts::RTR_SOLICITATION_INTERVAL_MS);
            // RFC 4861 6.3.7: from the link-local address with SLLAO once
            // DAD passed, from :: without SLLAO before; from an optimistic
            // address without SLLAO (RFC 4429 3.3).
            // (`mld_source` is the same choice of address.)
            let rs = Ndp {
                msg_type: 133,
                flags: 0,
                target: None,
                lla: self.addrs[0].slot == AddrSlot::Assigned,
                nonce: false,
            };
            (rs, None, self.mld_source(), &Ipv6Address::ALL_ROUTERS)
        } else {
            let (i, s, multicast) = (0..N).find_map(|i| self.neighbor_probe(i))?;
            // (References into the tables, not copies: less code.)
            let n = super::neighbor_ref(&self.neighbors, i);
            let src = super::slot_ref(&self.addrs, s);
            // RFC 4429 3.3: no SLLAO from an optimistic address.
            let ns = Ndp::solicit(&n.ip, src.slot == AddrSlot::Assigned);
            if multicast {
                group = n.ip.solicited_node();
                (ns, None, &src.addr, &group)
            } else {
                (ns, Some(&n.mac), &src.addr, &n.ip)
            }
        };
        self.build_ndp(buf, &msg, dst_mac, src, dst)
    }

    /// Builds a Router Solicitation, Neighbor Solicitation or Neighbor
    /// Advertisement (RFC 4861 4.1, 4.3, 4.4; hop limit 255, 6.1 / 7.1)
    /// with our link-layer address option if `msg.lla` and, for DAD
    /// probes, our Nonce option (RFC 3971 5.3.2), or an MLD report (RFC
    /// 3810 5.2, RFC 2710 3: hop limit 1, after a Hop-by-Hop header with
    /// the Router Alert option, RFC 2711), in a frame to `dst_mac`
    /// (`None`: the multicast mapping of `dst`). `None` if the buffer is
    /// too small.
    ///
    /// One compact writer for the messages a host sends rather than the
    /// general [`crate::wire::ndp::NdpRepr::emit`] and `wire::mld`: much
    /// less code on the MSP430. The tests parse its output back with the
    /// `wire::ndp` and `wire::mld` views.
    // Hosts: inlined into each caller, where the message's length is a
    // constant (the NA answer is on the per-frame path); the 16-bit target
    // keeps one shared copy.
    #[cfg_attr(not(target_pointer_width = "16"), inline(always))]
    pub(crate) fn build_ndp(
        &self,
        buf: &mut [u8],
        msg: &Ndp,
        dst_mac: Option<&MacAddress>,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) -> Option<usize> {
        let v2 = msg.msg_type == 143;
        let mld = v2 || msg.msg_type == 131;
        let start = if mld {
            L4 + mld::ROUTER_ALERT_HBH_LEN
        } else {
            L4
        };
        // The address: after the fixed 8 bytes, in an MLDv2 report after
        // its record's 4 (RFC 3810 5.2.1).
        let addr_at = if v2 { 12 } else { 8 };
        let fixed = if msg.target.is_some() {
            addr_at + 16
        } else {
            8
        };
        let len = fixed + 8 * (msg.lla as usize + msg.nonce as usize);
        let m = buf.get_mut(start..start + len)?;
        m.fill(0);
        m[0] = msg.msg_type;
        // In an MLDv2 report, one record: its type, no aux data, no
        // sources. (A checked write: no panic path.)
        let flags_at = if v2 {
            m[7] = 1;
            8
        } else {
            4
        };
        if let Some(f) = m.get_mut(flags_at) {
            *f = msg.flags;
        }
        if let Some(t) = msg.target {
            if let Some(a) = m.get_mut(addr_at..fixed) {
                a.copy_from_slice(&t.0);
            }
        }
        // The options after the fixed part: the link-layer address
        // option first, the nonce, when there, last.
        if msg.nonce {
            put_option(&mut m[len - 8..], NONCE_OPTION, &self.dad_nonce);
        }
        if msg.lla {
            // Source (1) or, in an advertisement, Target (2) Link-Layer
            // Address option (RFC 4861 4.6.1).
            let kind = if msg.msg_type == 136 { 2 } else { 1 };
            put_option(&mut m[fixed..], kind, &self.mac.0);
        }
        Icmpv6Packet::new_unchecked(m).fill_checksum(src, dst);
        let (mut next_header, mut hop_limit) = (ip_protocol::ICMPV6, 255);
        if mld {
            buf[L4..L4 + ROUTER_ALERT_HBH.len()].copy_from_slice(&ROUTER_ALERT_HBH);
            (next_header, hop_limit) = (ip_protocol::HOP_BY_HOP, mld::HOP_LIMIT);
        }
        let payload_len = start - L4 + len;
        self.write_headers(buf, dst_mac, payload_len, next_header, hop_limit, src, dst);
        Some(start + len)
    }

    /// Writes the Ethernet header (RFC 2464 3: from our MAC to `dst_mac`,
    /// or with `None` to the multicast mapping of `dst`, RFC 2464 7) and
    /// the fixed IPv6 header (RFC 8200 3; traffic class and flow label
    /// zero). One shared writer for every frame the node builds.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub(crate) fn write_headers(
        &self,
        buf: &mut [u8],
        dst_mac: Option<&MacAddress>,
        payload_len: usize,
        next_header: u8,
        hop_limit: u8,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) {
        // The two bytes as one argument (one less passed on the stack
        // of the 16-bit target) and one store.
        let next_and_hop = u16::from_be_bytes([next_header, hop_limit]);
        self.write_headers_with(buf, dst_mac, payload_len, next_and_hop, src, dst);
    }

    /// [`Self::write_headers`] with the Next Header and Hop Limit fields
    /// as one big-endian word.
    #[inline(never)]
    fn write_headers_with(
        &self,
        buf: &mut [u8],
        dst_mac: Option<&MacAddress>,
        payload_len: usize,
        next_and_hop: u16,
        src: &Ipv6Address,
        dst: &Ipv6Address,
    ) {
        let h: &mut [u8; L4] = (&mut buf[..L4]).try_into().unwrap();
        // (Written in place: no MacAddress copy.)
        match dst_mac {
            Some(m) => h[0..6].copy_from_slice(&m.0),
            None => {
                // RFC 2464 7: 33:33 and the group's last 32 bits.
                h[0..2].copy_from_slice(&[0x33, 0x33]);
                h[2..6].copy_from_slice(&dst.0[12..]);
            }
        }
        h[6..12].copy_from_slice(&self.mac.0);
        // EtherType 0x86dd; version 6, traffic class and flow label 0,
        // then the payload length: byte stores, which LLVM merges into
        // word stores in a buffer of known alignment (the firmware's
        // static frame), where a copy from a constant was a memcpy call.
        h[12] = 0x86;
        h[13] = 0xdd;
        h[14] = 0x60;
        h[15] = 0;
        h[16..20].copy_from_slice(&u32::from(payload_len as u16).to_be_bytes());
        h[20..22].copy_from_slice(&next_and_hop.to_be_bytes());
        h[22..38].copy_from_slice(&src.0);
        h[38..54].copy_from_slice(&dst.0);
    }

    /// The source of MLD reports: the link-local address, or :: before
    /// it is valid (RFC 3810 5.2.13, RFC 3590 4).
    // Not inlined: smaller on the target (measured).
    #[inline(never)]
    fn mld_source(&self) -> &Ipv6Address {
        let ll = &self.addrs[0];
        if ll.usable() {
            &ll.addr
        } else {
            &Ipv6Address::UNSPECIFIED
        }
    }

    /// The address whose DAD probe is due now, if any (RFC 4862 5.4.2),
    /// with the probe counted and the next one (or DAD's end) armed one
    /// RetransTimer later. (Found and updated in one pass: no index
    /// multiplication to reach the entry again.)
    fn dad_probe_due(&mut self) -> Option<usize> {
        let (now, retrans) = (self.now_ms, self.params.retrans_ms);
        for (i, a) in self.addrs.iter_mut().enumerate() {
            if a.in_dad() && a.dad_left > 0 && time::due(now, a.dad_at) {
                a.dad_left -= 1;
                a.dad_at = super::after(now, retrans);
                return Some(i);
            }
        }
        None
    }

    /// The NS due for neighbor `i`, if any (RFC 4861 7.2.2 resolution,
    /// 7.3.3 PROBE), re-arming its retransmission timer: (`i`, the index
    /// of its source address, multicast).
    fn neighbor_probe(&mut self, i: usize) -> Option<(usize, usize, bool)> {
        let n = &self.neighbors[i];
        let (multicast, limit) = match n.state? {
            NeighborState::Incomplete => (true, consts::MAX_MULTICAST_SOLICIT),
            NeighborState::Probe => (false, consts::MAX_UNICAST_SOLICIT),
            _ => return None,
        };
        if n.probes >= limit || !time::due(self.now_ms, n.timer) {
            return None;
        }
        // The attempt counts even without a source address to send it
        // from, so that the entry times out instead of staying due.
        let n = &mut self.neighbors[i];
        n.probes += 1;
        n.timer = super::after(self.now_ms, self.params.retrans_ms);
        let s = self.select_source(&self.neighbors[i].ip).ok()?;
        Some((i, s, multicast))
    }

    /// Sends a UDP datagram (RFC 768, checksum per RFC 8200 8.1) whose
    /// `payload_len` bytes the caller wrote at
    /// [`Interface::udp_payload_offset`]. Returns the frame length to
    /// transmit, or `WouldBlock` while the next hop's link-layer address is
    /// being resolved (the NS goes out with the next `poll_transmit`) or
    /// while the source address is still tentative.
    // (Decoded here, inlined at the callers, from `send_udp_code`'s
    // answer in two registers: an `nb::Result<usize, SendError>` comes
    // back through memory on the 16-bit target.)
    #[inline(always)]
    pub fn send_udp(
        &mut self,
        buf: &mut [u8],
        now_ms: u32,
        src_port: u16,
        dst: &Ipv6Address,
        dst_port: u16,
        payload_len: usize,
    ) -> nb::Result<usize, SendError> {
        // (A match, not `map_err`: a closure would not be inlined.)
        match self.send_udp_code(buf, now_ms, src_port, dst, dst_port, payload_len) {
            Ok(n) => Ok(n),
            Err(WOULD_BLOCK) => Err(nb::Error::WouldBlock),
            Err(e) => Err(nb::Error::Other(match e {
                0 => SendError::TooLarge,
                1 => SendError::NoSourceAddress,
                2 => SendError::NoRoute,
                _ => SendError::BadAddress,
            })),
        }
    }

    /// [`Self::send_udp`] with its error as one word: the `SendError`'s
    /// discriminant, or [`WOULD_BLOCK`].
    #[inline(never)]
    fn send_udp_code(
        &mut self,
        buf: &mut [u8],
        now_ms: u32,
        src_port: u16,
        dst: &Ipv6Address,
        dst_port: u16,
        payload_len: usize,
    ) -> Result<usize, u16> {
        self.advance(now_ms);
        if dst.is_unspecified() || dst_port == 0 || src_port == 0 {
            return Err(SendError::BadAddress as u16);
        }
        // (`max_udp_payload`'s limits, compared without its saturating
        // subtraction: the MTU is 0 in an unconfigured interface, and its
        // limit then 0, what the `max` gives.)
        if buf.len() < UDP_PAYLOAD
            || payload_len > buf.len() - UDP_PAYLOAD
            || payload_len + UDP_HEADERS > usize::from(self.params.mtu).max(UDP_HEADERS)
        {
            return Err(SendError::TooLarge as u16);
        }
        let s = self.select_source(dst).map_err(|tentative| {
            if tentative {
                WOULD_BLOCK
            } else {
                SendError::NoSourceAddress as u16
            }
        })?;
        let optimistic = super::slot_ref(&self.addrs, s).slot == AddrSlot::Optimistic;
        // (The neighbor's index, not a copy of its link-layer address:
        // less code on the target.)
        let next_hop = self.resolve(dst, optimistic)?;
        let dst_mac = next_hop.map(|k| &super::neighbor_ref(&self.neighbors, k).mac);
        let src = &super::slot_ref(&self.addrs, s).addr;
        let udp_len = 8 + payload_len;
        let hop_limit = if dst.is_multicast() {
            1
        } else {
            self.params.hop_limit
        };
        self.write_headers(buf, dst_mac, udp_len, ip_protocol::UDP, hop_limit, src, dst);
        // The UDP header (RFC 768) written here, as `write_headers` does
        // for the IPv6 one (less code than `UdpRepr::emit`, whose size
        // checks were made above), then the checksum over the
        // pseudo-header (RFC 8200 8.1): a computed 0 is sent as 0xffff.
        let udp = &mut buf[L4..L4 + udp_len];
        udp[0..2].copy_from_slice(&src_port.to_be_bytes());
        udp[2..4].copy_from_slice(&dst_port.to_be_bytes());
        udp[4..6].copy_from_slice(&(udp_len as u16).to_be_bytes());
        udp[6..8].fill(0);
        let ck = checksum::ipv6_upper_layer(src, dst, ip_protocol::UDP, udp);
        udp[6..8].copy_from_slice(&crate::wire::udp::checksum_field(ck).to_be_bytes());
        self.counters.udp_sent = self.counters.udp_sent.wrapping_add(1);
        self.counters.tx_frames = self.counters.tx_frames.wrapping_add(1);
        Ok(L4 + udp_len)
    }

    /// The link-layer destination for `dst`: `None` for the multicast
    /// mapping (RFC 2464 7), or the neighbor cache entry of the next hop
    /// (RFC 4861 5.2: on-link destination or default router) whose
    /// link-layer address to use, starting resolution when unknown (RFC
    /// 4861 7.2.2) and the DELAY timer on a STALE entry (7.3.3).
    fn resolve(&mut self, dst: &Ipv6Address, optimistic_src: bool) -> Result<Option<usize>, u16> {
        if dst.is_multicast() {
            return Ok(None);
        }
        // (The next hop by reference, `dst` or the router's entry, not a
        // copy: the lookups are functions of the tables they read.)
        let next_hop = if self.on_link(dst) {
            dst
        } else {
            let r = super::select_router(&self.routers, &self.neighbors)
                .ok_or(SendError::NoRoute as u16)?;
            &r.addr
        };
        if optimistic_src && !super::resolved(super::neighbor_index(&self.neighbors, next_hop)) {
            // RFC 4429 3.3 (modifies RFC 4861 7.2.2): no address resolution
            // from an optimistic address; send through a default router
            // whose link-layer address is known, or wait for DAD to end.
            let via_router = self
                .select_router()
                .and_then(|r| self.neighbor_index(&r.addr));
            return if super::resolved(via_router) {
                Ok(via_router.map(|(k, _)| k))
            } else {
                Err(WOULD_BLOCK)
            };
        }
        let (i, n) =
            super::neighbor_slot(&mut self.neighbors, next_hop, self.now_ms).ok_or(WOULD_BLOCK)?;
        match n.state {
            // A new entry: resolution starts (its timer is now).
            None => {
                n.state = Some(NeighborState::Incomplete);
                Err(WOULD_BLOCK)
            }
            Some(NeighborState::Incomplete) => Err(WOULD_BLOCK),
            Some(NeighborState::Stale) => {
                n.state = Some(NeighborState::Delay);
                n.timer = super::after(self.now_ms, consts::DELAY_FIRST_PROBE_TIME_MS);
                Ok(Some(i))
            }
            Some(_) => Ok(Some(i)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iface::Config;
    use crate::wire::checksum::ipv6_upper_layer;

    use crate::test_common::hx;

    /// UDP (RFC 768, RFC 8200 8.1): a datagram whose checksum computes
    /// to 0 goes out with 0xffff, and verifies.
    #[test]
    fn udp_checksum_zero_is_sent_as_all_ones() {
        let mut i: Interface = Interface::new(Config::new(MacAddress([2, 0, 0, 0, 0, 0x42])));
        let mut buf = [0u8; 200];
        // DAD of the link-local address (with its random start delay).
        for now in (0..3000).step_by(10) {
            while i.poll_transmit(&mut buf, now).is_some() {}
        }
        // fe80:: and the modified EUI-64 of 02:00:00:00:00:42.
        let src = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0x00ff, 0xfe00, 0x0042]);
        let dst = Ipv6Address::new([0xff02, 0, 0, 0, 0, 0, 0, 0xfb]);
        let mut send = |buf: &mut [u8], data: &[u8]| {
            buf[UDP_PAYLOAD..UDP_PAYLOAD + data.len()].copy_from_slice(data);
            let n = i.send_udp(buf, 3000, 5353, &dst, 5353, data.len()).unwrap();
            buf[..n].to_vec()
        };
        let f = send(&mut buf, &[1, 2, 3, 4, 0, 0]);
        assert_eq!(&f[22..38], &src.0);
        let ck = [f[60], f[61]];
        assert_ne!(ck, [0, 0]);
        // The last payload word set to that checksum: the sum becomes
        // all ones, the checksum computed 0.
        let f = send(&mut buf, &[1, 2, 3, 4, ck[0], ck[1]]);
        assert_eq!(&f[54..62], &[0x14, 0xe9, 0x14, 0xe9, 0, 14, 0xff, 0xff]);
        assert_eq!(ipv6_upper_layer(&src, &dst, 17, &f[54..]), 0);
    }

    /// An NS with both options (no caller sends one today): the
    /// link-layer address option, then the nonce, each 8 bytes, counted
    /// in the lengths, under a checksum that verifies.
    #[test]
    fn ns_with_both_options() {
        let mut i: Interface = Interface::new(Config::new(MacAddress([2, 0, 0, 0, 0, 0x42])));
        i.dad_nonce = [0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6];
        let src = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x42]);
        let target = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
        let group = target.solicited_node();
        let ns = Ndp {
            nonce: true,
            ..Ndp::solicit(&target, true)
        };
        let mut buf = [0u8; 100];
        let n = i.build_ndp(&mut buf, &ns, None, &src, &group).unwrap();
        assert_eq!(n, 54 + 24 + 16);
        let mut want = hx(concat!(
            // Ethernet: 33:33 + the group's last 32 bits, our MAC, IPv6.
            "3333ff000001 020000000042 86dd",
            // IPv6: payload 40, ICMPv6, hop limit 255, src, dst.
            "60000000 0028 3a ff",
            "fe800000000000000000000000000042",
            "ff0200000000000000000001ff000001",
            // NS: type 135, code 0, checksum (below), reserved, target.
            "8700 0000 00000000 fe800000000000000000000000000001",
            // SLLAO (type 1, length 1), then the nonce (type 14).
            "0101 020000000042 0e01 a1a2a3a4a5a6",
        ));
        let ck = ipv6_upper_layer(&src, &group, 58, &want[54..]);
        want[56..58].copy_from_slice(&ck.to_be_bytes());
        assert_eq!(&buf[..n], &want[..]);
        assert_eq!(ipv6_upper_layer(&src, &group, 58, &buf[54..n]), 0);
        // One byte short: nothing.
        assert_eq!(
            i.build_ndp(&mut buf[..n - 1], &ns, None, &src, &group),
            None
        );
    }
}
