//! Shared by the stateful targets (iface_receive, dns_resolver,
//! sntp_client): an [`Interface`] brought to a steady state on a simulated
//! link, frame builders with correct checksums, and the checks every frame
//! the node transmits must pass.
//!
//! The link: a router fe80::1 (52:54:00:aa:bb:cc) advertising
//! 2001:db8:1::/64 (on-link, autonomous), MTU 1400 and the RDNSS
//! 2001:db8::53; a peer fe80::5054:ff:fe12:3456 (52:54:00:12:34:56) that
//! answers the node's Neighbor Solicitations for it (when `peer_answers`).
#![allow(dead_code)]

use microip6::iface::{AddressState, Config, Counters, Interface, Received, MIN_BUFFER};
use microip6::wire::checksum;
use microip6::wire::ethernet::EthernetFrame;
use microip6::wire::ip_protocol;
use microip6::wire::ipv6::Ipv6Packet;
use microip6::wire::ipv6ext::{walk, ExtWalk};
use microip6::wire::ndp::NdpPacket;
use microip6::wire::udp::UdpPacket;
use microip6::wire::{Ipv6Address, MacAddress};
use std::sync::OnceLock;

/// The frame builders the node benchmarks use too.
#[path = "../../../benches/node/src/build.rs"]
pub mod build;

/// The node's MAC; its link-local address is fe80::ff:fe00:42.
pub const ME: MacAddress = MacAddress([0x02, 0, 0, 0, 0, 0x42]);
/// The peer's MAC and link-local address.
pub const PEER: MacAddress = MacAddress([0x52, 0x54, 0, 0x12, 0x34, 0x56]);
pub const PEER_LL: Ipv6Address = Ipv6Address::new([0xfe80, 0, 0, 0, 0x5054, 0xff, 0xfe12, 0x3456]);
/// The router's MAC and link-local address.
pub const RTR: MacAddress = MacAddress([0x52, 0x54, 0, 0xaa, 0xbb, 0xcc]);
pub const RTR_LL: Ipv6Address = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
/// The node's SLAAC address in the advertised prefix.
pub const ME_GLOBAL: Ipv6Address = Ipv6Address::new([0x2001, 0xdb8, 1, 0, 0, 0xff, 0xfe00, 0x42]);
/// A global peer in the prefix (on-link) and one off-link.
pub const ONLINK_PEER: Ipv6Address = Ipv6Address::new([0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x99]);
pub const OFFLINK: Ipv6Address = Ipv6Address::new([0x2001, 0xdb8, 2, 0, 0, 0, 0, 0x53]);
/// The RDNSS server of the Router Advertisement.
pub const RDNSS: Ipv6Address = Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x53]);

/// The Router Advertisement of the iface unit tests: from fe80::1 with
/// SLLAO, MTU 1400, prefix 2001:db8:1::/64 (L, A; valid 1 day, preferred
/// 4 hours), RDNSS 2001:db8::53 (600 s), router lifetime 1800 s.
pub const RA: &str = "333300000001525400aabbcc86dd6000000000583afffe800000000000000000000000000001ff0200000000000000000000000000018600d5ea4008070800000000000000000101525400aabbcc0501000000000578030440c000015180000038400000000020010db8000100000000000000000000190300000000025820010db8000000000000000000000053";

pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The Ethernet destination for an IPv6 destination (RFC 2464 7).
pub fn mac_for(dst: &Ipv6Address) -> MacAddress {
    if dst.is_multicast() {
        MacAddress::from_ipv6_multicast(dst)
    } else {
        ME
    }
}

/// An ICMPv6 frame to `dst` ([`mac_for`]); the checksum of `msg` (at
/// least 4 bytes) is filled in.
pub fn icmp(
    eth_src: MacAddress,
    src: &Ipv6Address,
    dst: &Ipv6Address,
    hop_limit: u8,
    msg: &[u8],
) -> Vec<u8> {
    build::icmp(mac_for(dst).0, eth_src.0, src, dst, hop_limit, msg)
}

/// A UDP frame to `dst` ([`mac_for`]) with a correct length and checksum.
pub fn udp(
    eth_src: MacAddress,
    src: &Ipv6Address,
    sport: u16,
    dst: &Ipv6Address,
    dport: u16,
    data: &[u8],
) -> Vec<u8> {
    build::udp(mac_for(dst).0, eth_src.0, src, sport, dst, dport, data)
}

/// An NS for `target` from `src` to `dst` with an optional SLLAO.
pub fn ns(
    from: MacAddress,
    src: &Ipv6Address,
    dst: &Ipv6Address,
    target: &Ipv6Address,
    sll: Option<MacAddress>,
) -> Vec<u8> {
    let mut m = vec![135, 0, 0, 0, 0, 0, 0, 0];
    m.extend_from_slice(&target.0);
    if let Some(mac) = sll {
        m.extend_from_slice(&[1, 1]);
        m.extend_from_slice(&mac.0);
    }
    icmp(from, src, dst, 255, &m)
}

/// A solicited NA (S and O set) for `target`, with TLLAO `from`.
pub fn na(from: MacAddress, target: &Ipv6Address, dst: &Ipv6Address) -> Vec<u8> {
    let mut m = vec![136, 0, 0, 0, 0x60, 0, 0, 0];
    m.extend_from_slice(&target.0);
    m.extend_from_slice(&[2, 1]);
    m.extend_from_slice(&from.0);
    icmp(from, target, dst, 255, &m)
}

/// Upper layer of a frame the node built: (protocol, IPv6 packet, offset
/// of the upper-layer header in it, source, destination, hop limit).
pub struct Sent<'a> {
    pub protocol: u8,
    pub packet: &'a [u8],
    pub offset: usize,
    pub src: Ipv6Address,
    pub dst: Ipv6Address,
    pub hop_limit: u8,
}

impl Sent<'_> {
    /// The upper-layer bytes.
    pub fn upper(&self) -> &[u8] {
        &self.packet[self.offset..]
    }
}

/// Checks that `buf[..n]`, a frame the node built (answer, own traffic or
/// UDP), is well formed, and returns its upper layer: Ethernet from our
/// MAC to the multicast mapping of a multicast destination; IPv6 version
/// 6 whose Payload Length covers exactly the rest of the frame; a source
/// that is one of the node's addresses or (DAD, RS, MLD before the
/// link-local address is assigned) unspecified; an extension header chain
/// that our own walk accepts; ICMPv6 or UDP whose checksum verifies.
pub fn check_sent<'a>(iface: &Interface, buf: &'a [u8], n: usize, what: &str) -> Sent<'a> {
    assert!(n <= buf.len(), "{what}: length {n} beyond the buffer");
    assert!(n >= 14 + 40 + 4, "{what}: {n} bytes is too short");
    let f = &buf[..n];
    let eth = EthernetFrame::new_checked(f).unwrap();
    assert_eq!(eth.src_addr(), ME, "{what}: source MAC");
    assert_eq!(eth.ethertype(), 0x86dd, "{what}: EtherType");
    let packet: &'a [u8] = &f[14..];
    let ip = Ipv6Packet::new_checked(packet)
        .unwrap_or_else(|e| panic!("{what}: IPv6 header {e:?}: {:02x?}", f));
    assert_eq!(ip.version(), 6, "{what}: version");
    assert_eq!(
        ip.total_len(),
        n - 14,
        "{what}: Payload Length vs frame length"
    );
    assert!(
        n - 14 <= iface.mtu() as usize,
        "{what}: {n} bytes over the link MTU {}",
        iface.mtu()
    );
    let src = ip.src_addr();
    let dst = ip.dst_addr();
    if dst.is_multicast() {
        assert_eq!(
            eth.dst_addr(),
            MacAddress::from_ipv6_multicast(&dst),
            "{what}: group MAC"
        );
    } else {
        assert!(
            eth.dst_addr().is_unicast(),
            "{what}: unicast IPv6 to group MAC: {:02x?}",
            f
        );
        assert!(!dst.is_unspecified(), "{what}: to the unspecified address");
    }
    assert!(!src.is_multicast(), "{what}: multicast source");
    assert!(
        src.is_unspecified()
            || src == iface.link_local()
            || iface.addresses().any(|(a, _)| a == src),
        "{what}: source {src:?} is not ours"
    );
    let (protocol, offset) = match walk(packet, dst.is_multicast()) {
        ExtWalk::Upper {
            protocol, offset, ..
        } => (protocol, offset),
        other => panic!("{what}: extension headers {other:?}: {:02x?}", f),
    };
    let upper = &packet[offset..];
    match protocol {
        ip_protocol::ICMPV6 => {
            assert!(upper.len() >= 4, "{what}: ICMPv6 too short");
            assert_eq!(
                checksum::ipv6_upper_layer(&src, &dst, protocol, upper),
                0,
                "{what}: ICMPv6 checksum: {:02x?}",
                f
            );
            let t = upper[0];
            if (133..=137).contains(&t) {
                assert_eq!(ip.hop_limit(), 255, "{what}: NDP hop limit");
                NdpPacket::new_checked(upper)
                    .and_then(|p| p.validate())
                    .unwrap_or_else(|e| panic!("{what}: NDP message {e:?}: {:02x?}", f));
            }
            if (130..=132).contains(&t) || t == 143 {
                assert_eq!(ip.hop_limit(), 1, "{what}: MLD hop limit");
                assert!(offset > 40, "{what}: MLD without the Router Alert header");
                assert!(
                    src.is_unspecified() || src.is_link_local(),
                    "{what}: MLD source"
                );
            }
            if src.is_unspecified() {
                // Only DAD probes, RS and MLD reports go from :: .
                assert!(
                    matches!(t, 133 | 135 | 143 | 131),
                    "{what}: type {t} from ::"
                );
            }
        }
        ip_protocol::UDP => {
            let u = UdpPacket::new_checked(upper)
                .unwrap_or_else(|e| panic!("{what}: UDP header {e:?}: {:02x?}", f));
            assert_eq!(u.len() as usize, upper.len(), "{what}: UDP length");
            assert_ne!(u.checksum(), 0, "{what}: UDP checksum 0 over IPv6");
            u.verify_checksum(&src, &dst)
                .unwrap_or_else(|e| panic!("{what}: UDP checksum {e:?}: {:02x?}", f));
            assert!(u.src_port() != 0 && u.dst_port() != 0, "{what}: UDP port 0");
        }
        other => panic!("{what}: sends protocol {other}"),
    }
    Sent {
        protocol,
        packet,
        offset,
        src,
        dst,
        hop_limit: ip.hop_limit(),
    }
}

/// The counter checks every receive result shares: one more frame
/// received; an answer, a delivered datagram, a drop each counted where
/// the result says; a drop transmits nothing.
fn check_counted(before: &Counters, after: &Counters, r: &Received, what: &str) {
    counters_grew(before, after, what);
    assert_eq!(
        after.rx_frames,
        before.rx_frames.wrapping_add(1),
        "rx_frames"
    );
    match r {
        Received::Transmit(_) => {
            assert_eq!(
                after.tx_frames,
                before.tx_frames.wrapping_add(1),
                "tx_frames"
            )
        }
        Received::Udp(_) => assert_eq!(
            after.udp_delivered,
            before.udp_delivered.wrapping_add(1),
            "udp_delivered"
        ),
        Received::Dropped(reason) => {
            assert!(
                after.dropped(*reason) > before.dropped(*reason),
                "drop {reason:?} not counted"
            );
            assert_eq!(after.tx_frames, before.tx_frames, "a drop transmitted");
        }
        Received::Consumed => {}
    }
}

/// Every counter is at least what it was (none can wrap within one input:
/// fewer than 2^16 frames).
pub fn counters_grew(before: &Counters, after: &Counters, what: &str) {
    let pairs = [
        (before.rx_frames, after.rx_frames, "rx_frames"),
        (before.tx_frames, after.tx_frames, "tx_frames"),
        (before.udp_delivered, after.udp_delivered, "udp_delivered"),
        (before.udp_sent, after.udp_sent, "udp_sent"),
        (
            before.icmp_errors_sent,
            after.icmp_errors_sent,
            "icmp_errors_sent",
        ),
        (before.events_lost, after.events_lost, "events_lost"),
    ];
    for (b, a, name) in pairs {
        assert!(a >= b, "{what}: counter {name} went from {b} to {a}");
    }
    for (i, (b, a)) in before.drops.iter().zip(after.drops.iter()).enumerate() {
        assert!(a >= b, "{what}: drop counter {i} went from {b} to {a}");
    }
}

/// The node, its frame buffer and the clock.
#[derive(Clone)]
pub struct Node {
    pub iface: Interface,
    pub buf: Vec<u8>,
    pub now: u64,
    /// Answer the node's Neighbor Solicitations for the peer.
    pub peer_answers: bool,
}

/// Where the steady state starts: a minute before the stack's wrapping
/// `u32` milliseconds wrap (the stack sees the low 32 bits of `now`), so
/// that runs cross the wrap.
const START_MS: u64 = (1 << 32) - 60_000;

impl Node {
    /// A node after start (link-local address assigned), the Router
    /// Advertisement (SLAAC address assigned, router and RDNSS known), an
    /// NS from the peer (its entry STALE) and ports 53, 123 and 5000 bound.
    /// Built once, cloned for every input.
    pub fn steady() -> Node {
        static STEADY: OnceLock<Node> = OnceLock::new();
        STEADY
            .get_or_init(|| {
                let mut config = Config::new(ME);
                config.seed = 0x5eed_f022;
                let mut node = Node {
                    iface: Interface::new(config),
                    buf: vec![0; 1514],
                    now: START_MS,
                    peer_answers: true,
                };
                node.run_for(3_000);
                assert_eq!(
                    node.iface.address_state(&node.iface.link_local()),
                    Some(AddressState::Preferred)
                );
                let ra = hex(RA);
                assert_eq!(node.deliver(&ra), Received::Consumed);
                node.run_for(3_000);
                assert_eq!(
                    node.iface.address_state(&ME_GLOBAL),
                    Some(AddressState::Preferred)
                );
                assert_eq!(node.iface.default_router(), Some(&RTR_LL));
                let ns = ns(
                    PEER,
                    &PEER_LL,
                    &node.iface.link_local().solicited_node(),
                    &node.iface.link_local(),
                    Some(PEER),
                );
                assert!(matches!(node.deliver(&ns), Received::Transmit(_)));
                for port in [53, 123, 5000] {
                    node.iface.bind(port).unwrap();
                }
                while node.iface.poll_event().is_some() {}
                node
            })
            .clone()
    }

    /// Delivers `f` (cut to the buffer) to `receive` and checks what comes
    /// back: an answer is well formed, a datagram lies inside the frame,
    /// the counters move as the result says. A transmitted answer is
    /// followed by the node's own traffic (drained and checked).
    pub fn deliver(&mut self, f: &[u8]) -> Received {
        let len = f.len().min(self.buf.len());
        self.buf[..len].copy_from_slice(&f[..len]);
        let before = *self.iface.counters();
        let now = self.ms();
        let r = self.iface.receive(&mut self.buf, len, now);
        check_counted(&before, self.iface.counters(), &r, "receive");
        match &r {
            Received::Transmit(n) => {
                let s = check_sent(&self.iface, &self.buf, *n, "answer");
                if s.protocol == ip_protocol::ICMPV6 {
                    // An answer to a frame never goes to a multicast group
                    // but for DAD (NA to all-nodes) and MLD.
                    let t = s.upper()[0];
                    if s.dst.is_multicast() {
                        assert!(matches!(t, 136 | 143 | 131), "answer type {t} to a group");
                    }
                }
            }
            Received::Udp(meta) => {
                assert!(meta.payload.start <= meta.payload.end && meta.payload.end <= len);
                // (RFC 4291 2.7: never from a group. The unspecified
                // source is not excluded by RFC 4291 2.5.2.)
                assert!(!meta.src.is_multicast());
                assert!(meta.dst_port != 0);
            }
            Received::Dropped(_) | Received::Consumed => {}
        }
        r
    }

    /// Delivers `f` as a driver's cut receive gives a frame longer than
    /// its buffer (the ENC28J60's `receive_cut`) to `receive_cut`: the
    /// first `stored` bytes (at most the buffer's and the frame's length)
    /// in the buffer, the frame's length and the RFC 1071 sum of the rest,
    /// computed here from `f` (words aligned to the frame's even offsets).
    /// Checks what comes back as `deliver` does, and: a datagram delivered
    /// cut (its payload past the stored bytes) is UDP right after the IPv6
    /// header, ends where the frame ends and its checksum verifies over
    /// the whole frame; an answer is only built from a frame whose IPv6
    /// packet is all stored.
    pub fn deliver_cut(&mut self, f: &[u8], stored: usize) -> Received {
        let stored = stored.min(self.buf.len()).min(f.len());
        self.buf[..stored].copy_from_slice(&f[..stored]);
        let mut sum: u64 = 0;
        for (i, &b) in f.iter().enumerate().skip(stored) {
            sum += if i % 2 == 0 {
                (b as u64) << 8
            } else {
                b as u64
            };
        }
        while sum > 0xffff {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        let before = *self.iface.counters();
        let now = self.ms();
        let r = self
            .iface
            .receive_cut(&mut self.buf, stored, f.len(), sum as u16, now);
        check_counted(&before, self.iface.counters(), &r, "receive_cut");
        // The IPv6 packet's end by its header (the stack checked it).
        let ip_end = (f.len() >= 54).then(|| 54 + u16::from_be_bytes([f[18], f[19]]) as usize);
        match &r {
            Received::Transmit(n) => {
                assert!(
                    ip_end.is_some_and(|e| e <= stored),
                    "answer to a cut packet"
                );
                check_sent(&self.iface, &self.buf, *n, "answer to receive_cut");
            }
            Received::Udp(meta) => {
                assert!(meta.payload.start <= meta.payload.end && meta.payload.end <= f.len());
                assert!(meta.payload.start <= stored);
                assert!(!meta.src.is_multicast());
                assert!(meta.dst_port != 0);
                if meta.payload.end > stored {
                    assert_eq!(f[20], ip_protocol::UDP, "cut, not UDP");
                    assert_eq!(ip_end, Some(f.len()), "cut datagram not ending the frame");
                    assert_eq!(meta.payload, 62..f.len());
                    let src = Ipv6Address(f[22..38].try_into().unwrap());
                    let dst = Ipv6Address(f[38..54].try_into().unwrap());
                    assert_eq!(
                        checksum::ipv6_upper_layer(&src, &dst, ip_protocol::UDP, &f[54..]),
                        0,
                        "cut datagram delivered with a bad checksum"
                    );
                }
            }
            Received::Dropped(_) | Received::Consumed => {}
        }
        r
    }

    /// Runs `poll_transmit` until it has nothing more, checking every
    /// frame; then `poll_at` must be in the future (a deadline at or before
    /// now after the drain would make the caller's loop spin). Frames the
    /// link answers (the peer's NA to an NS for it) are delivered back.
    pub fn drain(&mut self) {
        let mut replies: Vec<Vec<u8>> = Vec::new();
        for round in 0.. {
            assert!(round < 8, "the node keeps answering its own traffic");
            let mut sent = 0;
            loop {
                let before = *self.iface.counters();
                let now = self.ms();
                let Some(n) = self.iface.poll_transmit(&mut self.buf, now) else {
                    counters_grew(&before, self.iface.counters(), "poll_transmit");
                    break;
                };
                let after = *self.iface.counters();
                counters_grew(&before, &after, "poll_transmit");
                assert_eq!(
                    after.tx_frames,
                    before.tx_frames.wrapping_add(1),
                    "tx_frames"
                );
                let s = check_sent(&self.iface, &self.buf, n, "poll_transmit");
                assert_eq!(s.protocol, ip_protocol::ICMPV6, "own traffic is ICMPv6");
                if self.peer_answers && s.upper()[0] == 135 && s.upper().len() >= 24 {
                    let target = Ipv6Address::from_bytes(&s.upper()[8..24]);
                    if target == PEER_LL && !s.src.is_unspecified() {
                        replies.push(na(PEER, &PEER_LL, &s.src));
                    }
                }
                sent += 1;
                assert!(sent <= 32, "poll_transmit does not settle at {}", self.now);
            }
            if let Some(at) = self.iface_at() {
                assert!(
                    at > self.now,
                    "busy loop: poll_at {at} <= now {} after poll_transmit drained",
                    self.now
                );
            }
            if replies.is_empty() {
                return;
            }
            for r in core::mem::take(&mut replies) {
                self.deliver(&r);
            }
        }
    }

    /// Advances the clock to `to` (not backwards), stopping at each
    /// deadline `poll_at` reports on the way and draining there.
    pub fn run_to(&mut self, to: u64) {
        self.drain();
        let mut steps = 0;
        while let Some(at) = self.iface_at() {
            if at > to {
                break;
            }
            assert!(at > self.now, "poll_at does not move forward");
            self.now = at;
            self.drain();
            steps += 1;
            assert!(steps < 10_000, "too many deadlines before {to}");
        }
        self.now = self.now.max(to);
        self.drain();
    }

    /// The interface's next deadline on this 64-bit clock (the stack sees
    /// its low 32 bits, wrapping: `microip6::time`).
    pub fn iface_at(&mut self) -> Option<u64> {
        let at = self.iface.poll_at(self.ms())?;
        Some(self.at64(at))
    }

    /// The stack's clock now: the low 32 bits of `now`.
    pub fn ms(&self) -> u32 {
        self.now as u32
    }

    /// A deadline of the stack (wrapping ms) on this 64-bit clock: now
    /// when it is due.
    pub fn at64(&self, at: u32) -> u64 {
        self.now + microip6::time::until(self.ms(), at) as u64
    }

    pub fn run_for(&mut self, ms: u64) {
        self.run_to(self.now + ms);
    }

    /// Sets the buffer length (at least MIN_BUFFER, at most 1514).
    pub fn set_buffer_len(&mut self, len: usize) {
        self.buf.resize(len.clamp(MIN_BUFFER, 1514), 0);
    }
}
