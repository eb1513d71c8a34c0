//! The per-frame cost of the IPv6 node: microip6's [`Interface`] next to
//! smoltcp 0.14's `Interface`, both in a steady state, on the same frames.
//!
//! Both sides get the same link: our MAC `02:00:00:00:00:42`, the
//! link-local address `fe80::ff:fe00:42` and the global address
//! `2001:db8:1::ff:fe00:42/64`, a peer on the link (`52:54:00:12:34:56`,
//! `fe80::5054:ff:fe12:3456` and `2001:db8:1::5054:ff:fe12:3456`) whose
//! link-layer address both know (from its Neighbor Solicitations in setup),
//! a default router `fe80::1`, and UDP port [`UDP_PORT`] bound.
//!
//! One frame is handled per call ([`Microip6Node::handle`],
//! [`SmoltcpNode::handle`]) with the same copying on both sides:
//!
//! * **In**: the frame is copied once into the receive buffer (microip6:
//!   the caller's one frame buffer; smoltcp: the device's receive buffer,
//!   which the `RxToken` lends to the stack), as a driver copies it out of
//!   the Ethernet controller.
//! * **Out**: the answer is written by the stack into a buffer the driver
//!   sends from (microip6: in place in the same buffer; smoltcp: the
//!   device's transmit buffer, through the `TxToken`). Neither side copies
//!   it again; the caller gets a slice.
//! * **UDP**: the application reads the payload as a slice (microip6: the
//!   range in the frame buffer; smoltcp: `udp::Socket::recv`, which hands
//!   out the datagram from the socket's ring buffer, where `poll` copied
//!   it: that copy is part of smoltcp's design and is counted).
//!
//! smoltcp is driven as its documentation says: `Interface::poll` once per
//! frame (maintenance, ingress until the device has no frame, egress over
//! the sockets), then the application looks at its socket unless a frame
//! went out (`poll` reports a possible socket change for every frame it
//! processes, so an application cannot skip that look).
//! [`SmoltcpNode::handle_ingress_only`] is the lower bound of smoltcp's
//! API: `poll_ingress_single` alone (one frame, no maintenance, no egress).

pub mod build;

use microip6::iface::{self, AddressState, DropReason, Received};
use microip6::wire::{checksum, ip_protocol, Ipv6Address, MacAddress};
use smoltcp::iface::{Config as SmolConfig, Interface as SmolInterface, SocketHandle, SocketSet};
use smoltcp::iface::{PollIngressSingleResult, SocketStorage};
use smoltcp::phy::{Device, DeviceCapabilities, Medium, RxToken, TxToken};
use smoltcp::socket::udp;
use smoltcp::time::Instant;
use smoltcp::wire::{EthernetAddress, HardwareAddress, IpAddress, IpCidr};

/// Buffer size on both sides: a full Ethernet frame without FCS.
pub const FRAME_BUFFER: usize = 1514;
/// The bound UDP port (an SNTP client's local port).
pub const UDP_PORT: u16 = 49152;
/// The clock of the steady state, in ms: after DAD of both addresses.
pub const STEADY_MS: u32 = 30_000;

/// Our Ethernet address.
pub const ME_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x42];
/// The peer's Ethernet address.
pub const PEER_MAC: [u8; 6] = [0x52, 0x54, 0, 0x12, 0x34, 0x56];
/// The router's Ethernet address.
pub const ROUTER_MAC: [u8; 6] = [0x52, 0x54, 0, 0xaa, 0xbb, 0xcc];
/// Another host's Ethernet address (the foreign frame is for it).
pub const OTHER_MAC: [u8; 6] = [0x52, 0x54, 0, 0x99, 0x88, 0x77];

/// Our link-local address (modified EUI-64 of [`ME_MAC`]).
pub const ME_LL: [u16; 8] = [0xfe80, 0, 0, 0, 0, 0xff, 0xfe00, 0x42];
/// Our global address (SLAAC in 2001:db8:1::/64).
pub const ME_GLOBAL: [u16; 8] = [0x2001, 0xdb8, 1, 0, 0, 0xff, 0xfe00, 0x42];
/// The peer's link-local address.
pub const PEER_LL: [u16; 8] = [0xfe80, 0, 0, 0, 0x5054, 0xff, 0xfe12, 0x3456];
/// The peer's global address (on-link).
pub const PEER_GLOBAL: [u16; 8] = [0x2001, 0xdb8, 1, 0, 0x5054, 0xff, 0xfe12, 0x3456];
/// The router's link-local address.
pub const ROUTER_LL: [u16; 8] = [0xfe80, 0, 0, 0, 0, 0, 0, 1];
/// The foreign frame's destination (another host on the link).
pub const OTHER_GLOBAL: [u16; 8] = [0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x99];

/// The data of the echo request: 56 bytes, as `ping` sends by default.
pub const ECHO_DATA: [u8; 56] = {
    let mut d = [0u8; 56];
    let mut i = 0;
    while i < 56 {
        d[i] = i as u8;
        i += 1;
    }
    d
};

/// The UDP payload: a 48-byte NTPv4 server reply (mode 4, stratum 2).
pub const NTP_REPLY: [u8; 48] = [
    0x24, 0x02, 0x06, 0xe9, 0x00, 0x00, 0x03, 0x26, 0x00, 0x00, 0x0b, 0xac, 0xc0, 0x00, 0x02, 0x01,
    0xe8, 0x75, 0x47, 0x00, 0x40, 0x00, 0x00, 0x00, 0xe8, 0x75, 0x47, 0x64, 0x80, 0x00, 0x00, 0x00,
    0xe8, 0x75, 0x47, 0x64, 0xa0, 0x00, 0x00, 0x00, 0xe8, 0x75, 0x47, 0x64, 0xa0, 0x06, 0x90, 0x00,
];

/// The four paths measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// Neighbor Solicitation for our link-local address, from the peer's
    /// link-local address to our solicited-node group, with SLLA:
    /// answered with a solicited Neighbor Advertisement.
    NeighborSolicit,
    /// ICMPv6 Echo Request (56 data bytes) from the peer's global address
    /// to ours: answered with an Echo Reply.
    EchoRequest,
    /// UDP datagram (48-byte NTP reply) from the peer's port 123 to our
    /// bound port: delivered to the application.
    UdpDelivered,
    /// A 100-byte frame for another host's unicast MAC: dropped.
    ForeignDropped,
}

impl Path {
    /// Every path, in report order.
    pub const ALL: [Path; 4] = [
        Path::NeighborSolicit,
        Path::EchoRequest,
        Path::UdpDelivered,
        Path::ForeignDropped,
    ];

    /// Short name for reports and command lines.
    pub fn name(self) -> &'static str {
        match self {
            Path::NeighborSolicit => "ns",
            Path::EchoRequest => "echo",
            Path::UdpDelivered => "udp",
            Path::ForeignDropped => "foreign",
        }
    }

    /// The path called `name` ([`Path::name`]).
    pub fn from_name(name: &str) -> Option<Path> {
        Path::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The frame of this path, as it appears on the wire.
    pub fn frame(self) -> Vec<u8> {
        match self {
            Path::NeighborSolicit => frames::neighbor_solicit(&ip(PEER_LL), &ip(ME_LL)),
            Path::EchoRequest => frames::echo_request(),
            Path::UdpDelivered => frames::udp_to_bound_port(),
            Path::ForeignDropped => frames::foreign(),
        }
    }
}

/// A microip6 address from its groups.
pub fn ip(groups: [u16; 8]) -> Ipv6Address {
    Ipv6Address::new(groups)
}

/// Frames built by hand, byte by byte, with microip6's checksum routine
/// (checked against smoltcp's parser in the tests: both stacks accept them).
pub mod frames {
    use super::*;

    use crate::build::{icmp, udp};

    /// Neighbor Solicitation (RFC 4861 4.3) from the peer's address `src`
    /// for our address `target`, to its solicited-node group, hop limit
    /// 255, with the peer's Source Link-Layer Address option: 86 bytes.
    pub fn neighbor_solicit(src: &Ipv6Address, target: &Ipv6Address) -> Vec<u8> {
        let group = target.solicited_node();
        let mut m = vec![135, 0, 0, 0, 0, 0, 0, 0];
        m.extend_from_slice(&target.0);
        m.extend_from_slice(&[1, 1]);
        m.extend_from_slice(&PEER_MAC);
        let eth_dst = MacAddress::from_ipv6_multicast(&group).0;
        icmp(eth_dst, PEER_MAC, src, &group, 255, &m)
    }

    /// Echo Request (RFC 4443 4.1), identifier 0x1d2c, sequence 3, 56 data
    /// bytes, from the peer's global address to ours: 118 bytes.
    pub fn echo_request() -> Vec<u8> {
        let mut m = vec![128, 0, 0, 0, 0x1d, 0x2c, 0, 3];
        m.extend_from_slice(&ECHO_DATA);
        icmp(ME_MAC, PEER_MAC, &ip(PEER_GLOBAL), &ip(ME_GLOBAL), 64, &m)
    }

    /// The NTP reply from the peer's port 123 to our bound port: 110 bytes.
    pub fn udp_to_bound_port() -> Vec<u8> {
        udp(
            ME_MAC,
            PEER_MAC,
            &ip(PEER_GLOBAL),
            123,
            &ip(ME_GLOBAL),
            UDP_PORT,
            &NTP_REPLY,
        )
    }

    /// A 100-byte UDP frame from the peer to another host on the link
    /// (its unicast MAC, its address): 38 bytes of payload.
    pub fn foreign() -> Vec<u8> {
        udp(
            OTHER_MAC,
            PEER_MAC,
            &ip(PEER_GLOBAL),
            40000,
            &ip(OTHER_GLOBAL),
            5000,
            &[0x5a; 38],
        )
    }

    /// Router Advertisement from `fe80::1` to all-nodes (RFC 4861 4.2):
    /// router lifetime 1800 s, SLLA, Prefix Information 2001:db8:1::/64
    /// with L and A, valid 86400 s, preferred 14400 s.
    pub fn router_advert() -> Vec<u8> {
        let mut m = vec![134, 0, 0, 0, 64, 0];
        m.extend_from_slice(&1800u16.to_be_bytes());
        m.extend_from_slice(&[0; 8]);
        m.extend_from_slice(&[1, 1]);
        m.extend_from_slice(&ROUTER_MAC);
        m.extend_from_slice(&[3, 4, 64, 0xc0]);
        m.extend_from_slice(&86_400u32.to_be_bytes());
        m.extend_from_slice(&14_400u32.to_be_bytes());
        m.extend_from_slice(&[0; 4]);
        m.extend_from_slice(&ip([0x2001, 0xdb8, 1, 0, 0, 0, 0, 0]).0);
        let all_nodes = Ipv6Address::ALL_NODES;
        let eth_dst = MacAddress::from_ipv6_multicast(&all_nodes).0;
        icmp(eth_dst, ROUTER_MAC, &ip(ROUTER_LL), &all_nodes, 255, &m)
    }
}

/// What one frame produced, as the driver and the application see it.
#[derive(Debug, PartialEq, Eq)]
pub enum Output<'a> {
    /// A frame to transmit.
    Transmit(&'a [u8]),
    /// A UDP payload read by the application.
    Udp(&'a [u8]),
    /// Nothing (dropped or consumed).
    Nothing,
}

/// microip6's node: the interface and its one frame buffer.
pub struct Microip6Node {
    iface: iface::Interface,
    buf: [u8; FRAME_BUFFER],
    now_ms: u32,
}

impl Microip6Node {
    /// A node in the steady state: link-local and global address assigned
    /// (DAD run to completion by advancing the clock), the router and the
    /// peer in the neighbor cache, [`UDP_PORT`] bound, clock at
    /// [`STEADY_MS`].
    pub fn new() -> Microip6Node {
        let mut config = iface::Config::new(MacAddress(ME_MAC));
        config.seed = 0x1234_5678;
        let mut node = Microip6Node {
            iface: iface::Interface::new(config),
            buf: [0; FRAME_BUFFER],
            now_ms: 0,
        };
        node.iface.bind(UDP_PORT).expect("bind");
        node.run_to(2_500);
        assert_eq!(
            node.iface.address_state(&ip(ME_LL)),
            Some(AddressState::Preferred)
        );
        let ra = frames::router_advert();
        assert_eq!(node.receive(&ra), Received::Consumed);
        node.run_to(STEADY_MS);
        assert_eq!(
            node.iface.address_state(&ip(ME_GLOBAL)),
            Some(AddressState::Preferred)
        );
        // The peer announces itself for both of its addresses.
        for (src, target) in [(PEER_LL, ME_LL), (PEER_GLOBAL, ME_GLOBAL)] {
            let ns = frames::neighbor_solicit(&ip(src), &ip(target));
            assert!(matches!(node.receive(&ns), Received::Transmit(86)));
        }
        while node.iface.poll_event().is_some() {}
        // Steady: nothing left to send at this time.
        assert_eq!(node.iface.poll_transmit(&mut node.buf, node.now_ms), None);
        node
    }

    fn receive(&mut self, frame: &[u8]) -> Received {
        self.buf[..frame.len()].copy_from_slice(frame);
        self.iface.receive(&mut self.buf, frame.len(), self.now_ms)
    }

    /// Advances the clock to `t`, sending (discarding) the node's own
    /// frames at every deadline on the way.
    fn run_to(&mut self, t: u32) {
        loop {
            while self
                .iface
                .poll_transmit(&mut self.buf, self.now_ms)
                .is_some()
            {}
            match self.iface.poll_at(self.now_ms) {
                Some(next) if next > self.now_ms && next <= t => self.now_ms = next,
                _ => break,
            }
        }
        self.now_ms = t;
        while self
            .iface
            .poll_transmit(&mut self.buf, self.now_ms)
            .is_some()
        {}
    }

    /// One frame: copied into the buffer, received, the answer or the UDP
    /// payload taken in place.
    #[inline(never)]
    pub fn handle(&mut self, frame: &[u8]) -> Output<'_> {
        self.buf[..frame.len()].copy_from_slice(frame);
        match self.iface.receive(&mut self.buf, frame.len(), self.now_ms) {
            Received::Transmit(n) => Output::Transmit(&self.buf[..n]),
            Received::Udp(meta) => Output::Udp(&self.buf[meta.payload]),
            Received::Dropped(_) | Received::Consumed => Output::Nothing,
        }
    }

    /// The harness's floor: only the driver's copy of the frame into the
    /// buffer (the first step of [`Self::handle`], and of smoltcp's side,
    /// which copies into its device buffer), with a look at the result so
    /// the copy is not optimized away; no stack.
    #[inline(never)]
    pub fn copy_only(&mut self, frame: &[u8]) -> Output<'_> {
        self.buf[..frame.len()].copy_from_slice(frame);
        // (Never true for the benchmark's frames: ours start with a
        // unicast MAC or 33:33.)
        if self.buf[0] == 0xff {
            Output::Transmit(&self.buf[..1])
        } else {
            Output::Nothing
        }
    }

    /// The drop counter for `reason` (to check the foreign path).
    pub fn dropped(&self, reason: DropReason) -> u16 {
        self.iface.counters().dropped(reason)
    }
}

impl Default for Microip6Node {
    fn default() -> Self {
        Microip6Node::new()
    }
}

/// A loopback-like smoltcp device: one frame in (copied into its receive
/// buffer by [`FrameDevice::load`]), the frames smoltcp transmits written
/// into its transmit buffer (the last one kept, all counted).
pub struct FrameDevice {
    rx: [u8; FRAME_BUFFER],
    rx_len: usize,
    rx_pending: bool,
    tx: [u8; FRAME_BUFFER],
    tx_len: usize,
    tx_count: usize,
}

impl FrameDevice {
    fn new() -> FrameDevice {
        FrameDevice {
            rx: [0; FRAME_BUFFER],
            rx_len: 0,
            rx_pending: false,
            tx: [0; FRAME_BUFFER],
            tx_len: 0,
            tx_count: 0,
        }
    }

    /// The driver copies a received frame into the device buffer.
    fn load(&mut self, frame: &[u8]) {
        self.rx[..frame.len()].copy_from_slice(frame);
        self.rx_len = frame.len();
        self.rx_pending = true;
        self.tx_count = 0;
    }
}

/// The receive token: lends the device's receive buffer.
pub struct FrameRx<'a>(&'a [u8]);

impl RxToken for FrameRx<'_> {
    fn consume<R, F>(self, f: F) -> R
    where
        F: FnOnce(&[u8]) -> R,
    {
        f(self.0)
    }
}

/// The transmit token: lends the device's transmit buffer.
pub struct FrameTx<'a> {
    buf: &'a mut [u8; FRAME_BUFFER],
    len: &'a mut usize,
    count: &'a mut usize,
}

impl TxToken for FrameTx<'_> {
    fn consume<R, F>(self, len: usize, f: F) -> R
    where
        F: FnOnce(&mut [u8]) -> R,
    {
        let r = f(&mut self.buf[..len]);
        *self.len = len;
        *self.count += 1;
        r
    }
}

impl Device for FrameDevice {
    type RxToken<'a>
        = FrameRx<'a>
    where
        Self: 'a;
    type TxToken<'a>
        = FrameTx<'a>
    where
        Self: 'a;

    fn receive(&mut self, _now: Instant) -> Option<(FrameRx<'_>, FrameTx<'_>)> {
        if !self.rx_pending {
            return None;
        }
        self.rx_pending = false;
        Some((
            FrameRx(&self.rx[..self.rx_len]),
            FrameTx {
                buf: &mut self.tx,
                len: &mut self.tx_len,
                count: &mut self.tx_count,
            },
        ))
    }

    fn transmit(&mut self, _now: Instant) -> Option<FrameTx<'_>> {
        Some(FrameTx {
            buf: &mut self.tx,
            len: &mut self.tx_len,
            count: &mut self.tx_count,
        })
    }

    fn capabilities(&self) -> DeviceCapabilities {
        let mut caps = DeviceCapabilities::default();
        caps.medium = Medium::Ethernet;
        // For Ethernet smoltcp counts the Ethernet header in the MTU.
        caps.max_transmission_unit = FRAME_BUFFER;
        // Checksums computed and verified in software, as microip6 does.
        caps
    }
}

/// smoltcp's node: interface, device, one UDP socket bound to [`UDP_PORT`].
pub struct SmoltcpNode {
    iface: SmolInterface,
    device: FrameDevice,
    sockets: SocketSet<'static>,
    udp: SocketHandle,
    now: Instant,
}

/// A smoltcp address from its groups.
pub fn smol_ip(g: [u16; 8]) -> smoltcp::wire::Ipv6Address {
    smoltcp::wire::Ipv6Address::new(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7])
}

impl SmoltcpNode {
    /// A node in the steady state: both addresses assigned, the default
    /// route through `fe80::1`, the peer in the neighbor cache (learned
    /// from its Neighbor Solicitations, as on the microip6 side), the UDP
    /// socket bound with 4 datagram slots and 1 KiB of payload buffer.
    /// Storage is leaked (static, as on a microcontroller).
    pub fn new() -> SmoltcpNode {
        let mut device = FrameDevice::new();
        let mut config = SmolConfig::new(HardwareAddress::Ethernet(EthernetAddress(ME_MAC)));
        config.random_seed = 0x1234_5678;
        let now = Instant::from_millis(STEADY_MS as i64);
        let mut iface = SmolInterface::new(config, &mut device, now);
        iface.update_ip_addrs(|addrs| {
            for a in [ME_LL, ME_GLOBAL] {
                addrs
                    .push(IpCidr::new(IpAddress::Ipv6(smol_ip(a)), 64))
                    .expect("address slots");
            }
        });
        iface
            .routes_mut()
            .add_default_ipv6_route(smol_ip(ROUTER_LL))
            .expect("route");
        let storage: &'static mut [SocketStorage<'static>] =
            Box::leak(Box::new([SocketStorage::EMPTY]));
        let mut sockets = SocketSet::new(storage);
        let buffer = || {
            udp::PacketBuffer::new(
                Box::leak(Box::new([udp::PacketMetadata::EMPTY; 4])) as &mut [_],
                Box::leak(Box::new([0u8; 1024])) as &mut [_],
            )
        };
        let mut socket = udp::Socket::new(buffer(), buffer());
        socket.bind(UDP_PORT).expect("bind");
        let udp = sockets.add(socket);
        let mut node = SmoltcpNode {
            iface,
            device,
            sockets,
            udp,
            now,
        };
        for (src, target) in [(PEER_LL, ME_LL), (PEER_GLOBAL, ME_GLOBAL)] {
            let ns = frames::neighbor_solicit(&ip(src), &ip(target));
            match node.handle(&ns) {
                Output::Transmit(na) => assert_eq!(na.len(), 86),
                other => panic!("no NA in setup: {other:?}"),
            }
        }
        node
    }

    /// One frame: copied into the device, one `Interface::poll`; the frame
    /// transmitted, else what the application reads from its socket.
    #[inline(never)]
    pub fn handle(&mut self, frame: &[u8]) -> Output<'_> {
        self.device.load(frame);
        self.iface
            .poll(self.now, &mut self.device, &mut self.sockets);
        self.output()
    }

    /// As [`SmoltcpNode::handle`] with `poll_ingress_single` instead of
    /// `poll`: the least smoltcp's API lets an application do per frame.
    #[inline(never)]
    pub fn handle_ingress_only(&mut self, frame: &[u8]) -> Output<'_> {
        self.device.load(frame);
        let r = self
            .iface
            .poll_ingress_single(self.now, &mut self.device, &mut self.sockets);
        debug_assert_ne!(r, PollIngressSingleResult::None);
        self.output()
    }

    fn output(&mut self) -> Output<'_> {
        if self.device.tx_count > 0 {
            return Output::Transmit(&self.device.tx[..self.device.tx_len]);
        }
        match self.sockets.get_mut::<udp::Socket>(self.udp).recv() {
            Ok((payload, _meta)) => Output::Udp(payload),
            Err(_) => Output::Nothing,
        }
    }

    /// Frames transmitted during the last call.
    pub fn transmitted(&self) -> usize {
        self.device.tx_count
    }
}

impl Default for SmoltcpNode {
    fn default() -> Self {
        SmoltcpNode::new()
    }
}

/// Checks that `out` is what `path` must produce (a Neighbor Advertisement
/// for our link-local address to the peer, an echo reply with the same
/// identifier, sequence and data, the UDP payload, nothing); panics with
/// `side` otherwise. Used by the benchmark's setup so that it cannot
/// measure a no-op.
pub fn check_output(side: &str, path: Path, out: &Output<'_>) {
    let answer = |out: &Output<'_>| match out {
        Output::Transmit(f) => f.to_vec(),
        other => panic!("{side} {}: expected an answer, got {other:?}", path.name()),
    };
    let icmp_ok = |f: &[u8]| {
        let (src, dst) = (
            Ipv6Address::from_bytes(&f[22..38]),
            Ipv6Address::from_bytes(&f[38..54]),
        );
        f[20] == ip_protocol::ICMPV6
            && checksum::ipv6_upper_layer(&src, &dst, ip_protocol::ICMPV6, &f[54..]) == 0
    };
    match path {
        Path::NeighborSolicit => {
            let f = answer(out);
            assert_eq!(f.len(), 86, "{side}: NA length");
            assert_eq!(f[..6], PEER_MAC, "{side}: NA to the peer's MAC");
            assert_eq!(f[6..12], ME_MAC, "{side}: NA from our MAC");
            assert_eq!(f[21], 255, "{side}: NA hop limit");
            assert_eq!(f[22..38], ip(ME_LL).0, "{side}: NA source");
            assert_eq!(f[38..54], ip(PEER_LL).0, "{side}: NA destination");
            assert_eq!(f[54], 136, "{side}: NA type");
            assert_ne!(f[58] & 0x40, 0, "{side}: NA solicited flag");
            assert_eq!(f[62..78], ip(ME_LL).0, "{side}: NA target");
            assert_eq!(f[78..80], [2, 1], "{side}: TLLA option");
            assert_eq!(f[80..86], ME_MAC, "{side}: TLLA");
            assert!(icmp_ok(&f), "{side}: NA checksum");
        }
        Path::EchoRequest => {
            let f = answer(out);
            assert_eq!(f.len(), 118, "{side}: echo reply length");
            assert_eq!(f[..6], PEER_MAC, "{side}: reply to the peer's MAC");
            assert_eq!(f[22..38], ip(ME_GLOBAL).0, "{side}: reply source");
            assert_eq!(f[38..54], ip(PEER_GLOBAL).0, "{side}: reply destination");
            assert_eq!(f[54..56], [129, 0], "{side}: echo reply type");
            assert_eq!(f[58..62], [0x1d, 0x2c, 0, 3], "{side}: ident, seq");
            assert_eq!(f[62..], ECHO_DATA, "{side}: echo data");
            assert!(icmp_ok(&f), "{side}: echo reply checksum");
        }
        Path::UdpDelivered => match out {
            Output::Udp(p) => assert_eq!(*p, &NTP_REPLY[..], "{side}: UDP payload"),
            other => panic!("{side} udp: expected a datagram, got {other:?}"),
        },
        Path::ForeignDropped => assert_eq!(*out, Output::Nothing, "{side}: foreign frame"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_have_the_documented_sizes() {
        assert_eq!(Path::NeighborSolicit.frame().len(), 86);
        assert_eq!(Path::EchoRequest.frame().len(), 118);
        assert_eq!(Path::UdpDelivered.frame().len(), 110);
        assert_eq!(Path::ForeignDropped.frame().len(), 100);
    }

    #[test]
    fn both_sides_produce_the_expected_output_on_every_path() {
        let mut m = Microip6Node::new();
        let mut s = SmoltcpNode::new();
        for path in Path::ALL {
            let frame = path.frame();
            // Twice: the second call sees the state the first one left.
            for _ in 0..2 {
                check_output("microip6", path, &m.handle(&frame));
                check_output("smoltcp", path, &s.handle(&frame));
                assert!(s.transmitted() <= 1);
                check_output("smoltcp-ingress", path, &s.handle_ingress_only(&frame));
            }
        }
        assert_eq!(m.dropped(DropReason::WrongMac), 2);
    }

    #[test]
    fn the_answers_are_the_same_bytes_on_both_sides() {
        // NA and echo reply: same addresses, flags, options and data;
        // smoltcp leaves the Override flag clear and uses hop limit 64 for
        // the echo reply, microip6 sets O (RFC 4861 7.2.4) and uses its
        // current hop limit (64 too).
        let mut m = Microip6Node::new();
        let mut s = SmoltcpNode::new();
        for path in [Path::NeighborSolicit, Path::EchoRequest] {
            let frame = path.frame();
            let a = match m.handle(&frame) {
                Output::Transmit(f) => f.to_vec(),
                _ => unreachable!(),
            };
            let b = match s.handle(&frame) {
                Output::Transmit(f) => f.to_vec(),
                _ => unreachable!(),
            };
            if path == Path::EchoRequest {
                assert_eq!(a, b);
            } else {
                // Bytes 56..58: the checksum, which covers the flags.
                assert_eq!(a[..56], b[..56]);
                assert_eq!(a[58] & !0x20, b[58]);
                assert_eq!(a[59..], b[59..]);
            }
        }
    }

    #[test]
    fn a_corrupted_frame_is_refused_by_both() {
        let mut m = Microip6Node::new();
        let mut s = SmoltcpNode::new();
        for path in [Path::NeighborSolicit, Path::EchoRequest, Path::UdpDelivered] {
            let mut frame = path.frame();
            *frame.last_mut().unwrap() ^= 0x01;
            assert_eq!(m.handle(&frame), Output::Nothing, "{path:?}");
            assert_eq!(s.handle(&frame), Output::Nothing, "{path:?}");
        }
    }
}
