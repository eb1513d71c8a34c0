//! Networks for the simulated board.
//!
//! - [`VirtualNet`]: an in-process Ethernet segment between the board's
//!   ENC28J60 and three simulated hosts: a router (Router Advertisements
//!   with prefix, MTU and RDNSS, periodically and in answer to Router
//!   Solicitations; it forwards packets sent to its MAC for other on-link
//!   addresses, [`NetConfig::router_forwards`]), a DNS server and an NTP
//!   server whose clock is the simulator's exact time. Path delay (each direction), jitter, loss and
//!   the seed are configurable ([`NetConfig`]).
//! - [`tap::Tap`]: a Linux TAP interface (the kernel, radvd, dnsmasq,
//!   chrony on the other side), driven in real time.
//! - [`pcap`]: a classic libpcap writer and reader.
//!
//! Every host does Neighbor Discovery (RFC 4861) for its own addresses:
//! it answers Neighbor Solicitations, learns the board's link-layer address
//! from the options of its NS/NA and resolves it with its own NS before
//! answering when it does not know it (queueing the answer, three
//! solicitations one second apart), and answers echo requests.
//!
//! Times are simulated picoseconds, the board's clock. The segment delays
//! every frame by the path delay of its direction plus a uniform jitter,
//! and drops it with the loss probability (decided per frame and
//! direction, from the seed).

pub mod dns;
pub mod packet;
pub mod pcap;
pub mod tap;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::net::Ipv6Addr;

use dns::{DnsQueryLog, DnsZone};
use packet::{Ipv6Frame, PROTO_ICMPV6, PROTO_UDP};

/// Picoseconds per second.
const PS: u64 = 1_000_000_000_000;
/// Seconds from the NTP era 0 epoch (1900) to the Unix epoch (RFC 5905).
pub const NTP_UNIX_OFFSET: u64 = 2_208_988_800;
/// RFC 4861 section 10: MAX_RA_DELAY_TIME.
const MAX_RA_DELAY_PS: u64 = PS / 2;
/// RFC 4861 section 10: MIN_DELAY_BETWEEN_RAS.
const MIN_DELAY_BETWEEN_RAS_PS: u64 = 3 * PS;
/// RFC 4861 section 10: RETRANS_TIMER and MAX_MULTICAST_SOLICIT, for the
/// hosts' own address resolution.
const RETRANS_PS: u64 = PS;
const MAX_MULTICAST_SOLICIT: u8 = 3;

/// MAC of the router.
pub const ROUTER_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x01];
/// MAC of the DNS server.
pub const DNS_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x53];
/// MAC of the NTP server.
pub const NTP_MAC: [u8; 6] = [0x02, 0, 0, 0, 0x01, 0x23];

/// Parameters of the virtual network.
#[derive(Debug, Clone, PartialEq)]
pub struct NetConfig {
    /// One-way delay from the board to the hosts, ps.
    pub delay_to_hosts_ps: u64,
    /// One-way delay from the hosts to the board, ps.
    pub delay_to_board_ps: u64,
    /// Extra delay per frame, uniform in 0..=jitter, ps.
    pub jitter_ps: u64,
    /// Probability (0-1) that a frame is lost, per frame and direction.
    pub loss: f64,
    /// Seed of the loss and jitter draws and the router's RA delays.
    pub seed: u64,
    /// True time (Unix seconds) at simulated time 0.
    pub epoch_unix_s: u64,
    /// Fraction of that second, ps (below 10^12).
    pub epoch_subsec_ps: u64,
    /// The /64 prefix advertised (host bits ignored); the servers are
    /// `prefix::1` (router), `prefix::53` (DNS) and `prefix::123` (NTP).
    pub prefix: Ipv6Addr,
    /// Interval of unsolicited Router Advertisements, ps.
    pub ra_interval_ps: u64,
    /// RA flags byte: M = 0x80, O = 0x40 (RFC 4861 4.2).
    pub ra_flags: u8,
    /// Router lifetime, seconds (0: not a default router).
    pub router_lifetime_s: u16,
    /// MTU option value (0: no MTU option).
    pub mtu: u32,
    /// Send the RDNSS option (RFC 8106) with the DNS server.
    pub rdnss: bool,
    /// Names the DNS server resolves to the NTP server (AAAA).
    pub ntp_names: Vec<String>,
    /// If set, those names are CNAMEs of this name.
    pub cname: Option<String>,
    /// NTP server stratum (1 or 2).
    pub ntp_stratum: u8,
    /// NTP server time between receive and transmit timestamps, ps.
    pub ntp_processing_ps: u64,
    /// Answer NTP requests with this Kiss-o'-Death code (RFC 5905 7.4).
    pub ntp_kiss: Option<[u8; 4]>,
    /// The router forwards packets sent to its MAC for other addresses
    /// (default; `false`: it drops them, as before forwarding existed).
    pub router_forwards: bool,
}

/// 2025-01-01T00:00:00Z, the default start of true time.
pub const DEFAULT_EPOCH_UNIX_S: u64 = 1_735_689_600;

impl Default for NetConfig {
    fn default() -> Self {
        NetConfig {
            delay_to_hosts_ps: PS / 1000,
            delay_to_board_ps: PS / 1000,
            jitter_ps: 0,
            loss: 0.0,
            seed: 1,
            epoch_unix_s: DEFAULT_EPOCH_UNIX_S,
            epoch_subsec_ps: 0,
            prefix: Ipv6Addr::new(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0),
            ra_interval_ps: 60 * PS,
            ra_flags: 0,
            router_lifetime_s: 1800,
            mtu: 1500,
            rdnss: true,
            ntp_names: vec!["pool.ntp.org".into()],
            cname: None,
            ntp_stratum: 1,
            ntp_processing_ps: 10_000_000, // 10 us
            ntp_kiss: None,
            router_forwards: true,
        }
    }
}

impl NetConfig {
    /// Address `prefix::iid`.
    pub fn server_address(&self, iid: u16) -> Ipv6Addr {
        let mut o = self.prefix.octets();
        o[8..].fill(0);
        o[14..].copy_from_slice(&iid.to_be_bytes());
        Ipv6Addr::from(o)
    }

    /// The router's global address (`prefix::1`).
    pub fn router_address(&self) -> Ipv6Addr {
        self.server_address(1)
    }

    /// The DNS server's address (`prefix::53`).
    pub fn dns_address(&self) -> Ipv6Addr {
        self.server_address(0x53)
    }

    /// The NTP server's address (`prefix::123`).
    pub fn ntp_address(&self) -> Ipv6Addr {
        self.server_address(0x123)
    }

    /// True time at simulated time `t_ps`: picoseconds since the Unix epoch.
    pub fn true_unix_ps(&self, t_ps: u64) -> u128 {
        u128::from(self.epoch_unix_s) * u128::from(PS)
            + u128::from(self.epoch_subsec_ps)
            + u128::from(t_ps)
    }

    /// True time at `t_ps` as a 64-bit NTP timestamp (era 0, RFC 5905
    /// 6), rounded to the nearest 2^-32 s.
    pub fn ntp_timestamp(&self, t_ps: u64) -> u64 {
        unix_ps_to_ntp(self.true_unix_ps(t_ps))
    }
}

/// Unix picoseconds to a 64-bit NTP timestamp (rounded).
pub fn unix_ps_to_ntp(unix_ps: u128) -> u64 {
    let secs = (unix_ps / u128::from(PS)) as u64 + NTP_UNIX_OFFSET;
    let sub = unix_ps % u128::from(PS);
    let frac = ((sub << 32) + u128::from(PS) / 2) / u128::from(PS);
    (secs << 32).wrapping_add(frac as u64)
}

/// A 64-bit NTP timestamp (era 0) to Unix picoseconds.
pub fn ntp_to_unix_ps(ntp: u64) -> i128 {
    let secs = i128::from(ntp >> 32) - i128::from(NTP_UNIX_OFFSET);
    let frac = i128::from(ntp & 0xFFFF_FFFF);
    secs * i128::from(PS) + ((frac * i128::from(PS) + (1 << 31)) >> 32)
}

/// One NTP request the server answered (or refused), with exact times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NtpExchange {
    /// Simulated time the request left the board, ps.
    pub request_sent_ps: u64,
    /// The request's transmit timestamp: the board's clock when it sent it.
    pub client_transmit: u64,
    /// Simulated time the request reached the server, ps.
    pub server_receive_ps: u64,
    /// Simulated time the reply left the server, ps.
    pub server_transmit_ps: u64,
    /// Simulated time the reply reaches the board, ps (`None`: lost).
    pub reply_delivered_ps: Option<u64>,
    /// Kiss code sent instead of the time, if any.
    pub kiss: Option<[u8; 4]>,
}

impl NtpExchange {
    /// Error of the board's clock when it sent the request: its transmit
    /// timestamp minus true time at the moment the frame left the board, ps.
    pub fn client_error_ps(&self, cfg: &NetConfig) -> i128 {
        ntp_to_unix_ps(self.client_transmit) - cfg.true_unix_ps(self.request_sent_ps) as i128
    }
}

/// Counters of the virtual segment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NetCounters {
    /// Frames the board sent.
    pub from_board: u64,
    /// Of those, lost on the path.
    pub lost_to_hosts: u64,
    /// Frames the hosts sent towards the board.
    pub from_hosts: u64,
    /// Of those, lost on the path.
    pub lost_to_board: u64,
    /// Router Advertisements sent.
    pub router_advertisements: u64,
    /// Router Solicitations received.
    pub router_solicitations: u64,
    /// Neighbor Solicitations answered.
    pub neighbor_advertisements: u64,
    /// Neighbor Solicitations the hosts sent.
    pub neighbor_solicitations: u64,
    /// Echo requests answered.
    pub echo_replies: u64,
    /// Echo replies the hosts received (answers to [`VirtualNet::ping`]).
    pub echo_replies_received: u64,
    /// Frames the hosts could not use (not for them, bad checksum...).
    pub ignored: u64,
    /// Packets the router forwarded to another host on the segment.
    pub forwarded: u64,
}

/// What the segment logged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetLog {
    /// NTP requests, in order.
    pub ntp: Vec<NtpExchange>,
    /// DNS queries, in order, with the time they reached the server.
    pub dns: Vec<(u64, DnsQueryLog)>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    /// A frame from the board reaches the hosts; the board sent it at .0.
    ToHosts(u64, Vec<u8>),
    /// A frame reaches the board.
    ToBoard(Vec<u8>),
    /// The router's next unsolicited RA.
    RouterTick,
    /// A solicited RA is due.
    SolicitedRa,
    /// Host `i` retries resolving `addr`.
    Resolve(usize, Ipv6Addr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Router,
    Dns,
    Ntp,
}

/// A simulated host.
#[derive(Debug)]
struct Host {
    role: Role,
    mac: [u8; 6],
    link_local: Ipv6Addr,
    global: Ipv6Addr,
    neighbors: HashMap<Ipv6Addr, [u8; 6]>,
    /// Packets waiting for address resolution: (dst, next header, payload).
    waiting: Vec<(Ipv6Addr, u8, Vec<u8>)>,
    /// Frames the router forwards once `dst` is resolved (its Ethernet
    /// addresses are filled in then).
    forward_waiting: Vec<(Ipv6Addr, Vec<u8>)>,
    solicits: HashMap<Ipv6Addr, u8>,
}

impl Host {
    fn owns(&self, a: &Ipv6Addr) -> bool {
        *a == self.link_local || *a == self.global
    }

    fn listens(&self, dst_mac: &[u8; 6], dst: &Ipv6Addr) -> bool {
        let mac_ok = *dst_mac == self.mac || dst_mac[..2] == [0x33, 0x33];
        let all_nodes = *dst == Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 1);
        let all_routers = *dst == Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 2);
        let sn = *dst == packet::solicited_node(&self.link_local)
            || *dst == packet::solicited_node(&self.global);
        mac_ok && (self.owns(dst) || all_nodes || sn || (all_routers && self.role == Role::Router))
    }

    fn source_for(&self, dst: &Ipv6Addr) -> Ipv6Addr {
        if dst.is_multicast() || dst.segments()[0] & 0xffc0 == 0xfe80 {
            self.link_local
        } else {
            self.global
        }
    }
}

/// Deterministic generator (splitmix64).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

/// The in-process segment: the board on one side, the hosts on the other.
#[derive(Debug)]
pub struct VirtualNet {
    cfg: NetConfig,
    hosts: Vec<Host>,
    zone: DnsZone,
    events: BinaryHeap<Reverse<(u64, u64, Event)>>,
    seq: u64,
    rng: Rng,
    last_multicast_ra: Option<u64>,
    solicited_pending: bool,
    counters: NetCounters,
    log: NetLog,
}

impl VirtualNet {
    /// The segment at simulated time 0; the first unsolicited RA goes out
    /// after half the RA interval.
    pub fn new(cfg: NetConfig) -> Self {
        let host = |role, mac: [u8; 6], iid: u16| Host {
            role,
            mac,
            link_local: Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, iid),
            global: cfg.server_address(iid),
            neighbors: HashMap::new(),
            waiting: Vec::new(),
            forward_waiting: Vec::new(),
            solicits: HashMap::new(),
        };
        let hosts = vec![
            host(Role::Router, ROUTER_MAC, 1),
            host(Role::Dns, DNS_MAC, 0x53),
            host(Role::Ntp, NTP_MAC, 0x123),
        ];
        let ntp = cfg.ntp_address();
        let zone = DnsZone {
            names: cfg.ntp_names.iter().map(|n| (n.clone(), ntp)).collect(),
            cname: cfg.cname.clone(),
        };
        let mut net = VirtualNet {
            rng: Rng(cfg.seed),
            hosts,
            zone,
            events: BinaryHeap::new(),
            seq: 0,
            last_multicast_ra: None,
            solicited_pending: false,
            counters: NetCounters::default(),
            log: NetLog::default(),
            cfg,
        };
        if net.cfg.ra_interval_ps > 0 {
            let first = net.cfg.ra_interval_ps / 2;
            net.schedule(first, Event::RouterTick);
        }
        net
    }

    /// The configuration.
    pub fn config(&self) -> &NetConfig {
        &self.cfg
    }

    /// Counters so far.
    pub fn counters(&self) -> NetCounters {
        self.counters
    }

    /// NTP and DNS log.
    pub fn log(&self) -> &NetLog {
        &self.log
    }

    fn schedule(&mut self, t: u64, e: Event) {
        self.seq += 1;
        self.events.push(Reverse((t, self.seq, e)));
    }

    fn path(&mut self, delay: u64) -> Option<u64> {
        if self.cfg.loss > 0.0 && self.rng.unit() < self.cfg.loss {
            return None;
        }
        let jitter = if self.cfg.jitter_ps > 0 {
            self.rng.below(self.cfg.jitter_ps + 1)
        } else {
            0
        };
        Some(delay + jitter)
    }

    /// A frame the board sent at `t_ps` (Ethernet, no CRC).
    pub fn send_from_board(&mut self, t_ps: u64, frame: Vec<u8>) {
        self.counters.from_board += 1;
        match self.path(self.cfg.delay_to_hosts_ps) {
            Some(d) => self.schedule(t_ps + d, Event::ToHosts(t_ps, frame)),
            None => self.counters.lost_to_hosts += 1,
        }
    }

    /// The router sends an echo request (RFC 4443 4.1) to `dst` at `t_ps`
    /// (from fe80::1 to a link-local `dst`, else from its global address),
    /// resolving `dst` first if it has not learned its MAC; the answers
    /// count in [`NetCounters::echo_replies_received`].
    pub fn ping(&mut self, t_ps: u64, dst: Ipv6Addr, ident: u16, seq: u16) {
        let mut m = vec![128, 0, 0, 0];
        m.extend_from_slice(&ident.to_be_bytes());
        m.extend_from_slice(&seq.to_be_bytes());
        m.extend_from_slice(b"proiot3-sim ping");
        self.host_send(t_ps, 0, dst, PROTO_ICMPV6, m);
    }

    /// Time of the next thing that happens on the segment, ps.
    pub fn next_event_ps(&self) -> Option<u64> {
        self.events.peek().map(|Reverse((t, _, _))| *t)
    }

    /// Runs the segment up to `now_ps` and returns the frames that reach
    /// the board by then, each with its arrival time, in order.
    pub fn poll(&mut self, now_ps: u64) -> Vec<(u64, Vec<u8>)> {
        let mut out = Vec::new();
        while let Some(Reverse((t, _, _))) = self.events.peek() {
            if *t > now_ps {
                break;
            }
            let Some(Reverse((t, _, e))) = self.events.pop() else {
                break;
            };
            match e {
                Event::ToBoard(f) => out.push((t, f)),
                Event::ToHosts(sent, f) => self.hosts_receive(t, sent, &f),
                Event::RouterTick => {
                    self.send_ra(t);
                    let next = t + self.cfg.ra_interval_ps;
                    self.schedule(next, Event::RouterTick);
                }
                Event::SolicitedRa => {
                    self.solicited_pending = false;
                    self.send_ra(t);
                }
                Event::Resolve(i, addr) => self.resolve_retry(t, i, addr),
            }
        }
        out
    }

    /// A frame from host `i` leaves at `t`.
    fn host_emit(&mut self, t: u64, frame: Vec<u8>) {
        self.counters.from_hosts += 1;
        match self.path(self.cfg.delay_to_board_ps) {
            Some(d) => self.schedule(t + d, Event::ToBoard(frame)),
            None => self.counters.lost_to_board += 1,
        }
    }

    /// Sends `payload` from host `i` to `dst`, resolving the MAC first if
    /// needed (RFC 4861 7.2.2).
    fn host_send(&mut self, t: u64, i: usize, dst: Ipv6Addr, nh: u8, payload: Vec<u8>) -> bool {
        let h = &self.hosts[i];
        let src = h.source_for(&dst);
        let mac = if dst.is_multicast() {
            Some(packet::multicast_mac(&dst))
        } else {
            h.neighbors.get(&dst).copied()
        };
        match mac {
            Some(m) => {
                let f = packet::build_ipv6(h.mac, m, src, dst, nh, 255, &payload);
                self.host_emit(t, f);
                true
            }
            None => {
                let h = &mut self.hosts[i];
                h.waiting.push((dst, nh, payload));
                if let std::collections::hash_map::Entry::Vacant(e) = h.solicits.entry(dst) {
                    e.insert(0);
                    self.resolve_retry(t, i, dst);
                }
                false
            }
        }
    }

    fn resolve_retry(&mut self, t: u64, i: usize, target: Ipv6Addr) {
        let h = &mut self.hosts[i];
        let Some(n) = h.solicits.get_mut(&target) else {
            return; // resolved meanwhile
        };
        if *n >= MAX_MULTICAST_SOLICIT {
            h.solicits.remove(&target);
            h.waiting.retain(|(d, _, _)| *d != target);
            h.forward_waiting.retain(|(d, _)| *d != target);
            return;
        }
        *n += 1;
        // RFC 4861 4.3: NS to the solicited-node group with our SLLA.
        let mut ns = vec![135, 0, 0, 0, 0, 0, 0, 0];
        ns.extend_from_slice(&target.octets());
        ns.extend_from_slice(&[1, 1]);
        ns.extend_from_slice(&h.mac);
        let dst = packet::solicited_node(&target);
        let src = h.source_for(&target);
        let f = packet::build_ipv6(
            h.mac,
            packet::multicast_mac(&dst),
            src,
            dst,
            PROTO_ICMPV6,
            255,
            &ns,
        );
        self.counters.neighbor_solicitations += 1;
        self.host_emit(t, f);
        self.schedule(t + RETRANS_PS, Event::Resolve(i, target));
    }

    fn learn(&mut self, t: u64, i: usize, ip: Ipv6Addr, mac: [u8; 6]) {
        if ip.is_unspecified() || ip.is_multicast() || mac[0] & 1 != 0 {
            return;
        }
        let h = &mut self.hosts[i];
        h.neighbors.insert(ip, mac);
        h.solicits.remove(&ip);
        let (ready, rest): (Vec<_>, Vec<_>) = h.waiting.drain(..).partition(|(d, _, _)| *d == ip);
        h.waiting = rest;
        for (dst, nh, mut p) in ready {
            let at = self.restamp_ntp_reply(t, nh, &mut p);
            self.host_send(at, i, dst, nh, p);
        }
        let h = &mut self.hosts[i];
        let (ready, rest): (Vec<_>, Vec<_>) =
            h.forward_waiting.drain(..).partition(|(d, _)| *d == ip);
        h.forward_waiting = rest;
        for (_, mut f) in ready {
            f[0..6].copy_from_slice(&mac);
            self.host_emit(t, f);
        }
    }

    fn send_ra(&mut self, t: u64) {
        let c = &self.cfg;
        // RFC 4861 4.2: Router Advertisement.
        let mut ra = vec![134, 0, 0, 0, 64, c.ra_flags];
        ra.extend_from_slice(&c.router_lifetime_s.to_be_bytes());
        ra.extend_from_slice(&[0; 8]); // reachable time, retrans timer
        ra.extend_from_slice(&[1, 1]);
        ra.extend_from_slice(&ROUTER_MAC);
        if c.mtu > 0 {
            ra.extend_from_slice(&[5, 1, 0, 0]);
            ra.extend_from_slice(&c.mtu.to_be_bytes());
        }
        // RFC 4861 4.6.2: Prefix Information, L and A set.
        ra.extend_from_slice(&[3, 4, 64, 0xC0]);
        ra.extend_from_slice(&86_400u32.to_be_bytes());
        ra.extend_from_slice(&14_400u32.to_be_bytes());
        ra.extend_from_slice(&[0; 4]);
        let mut p = c.prefix.octets();
        p[8..].fill(0);
        ra.extend_from_slice(&p);
        if c.rdnss {
            // RFC 8106 5.1: RDNSS, one address (length 3).
            ra.extend_from_slice(&[25, 3, 0, 0]);
            let lifetime = (3 * c.ra_interval_ps / PS).max(600) as u32;
            ra.extend_from_slice(&lifetime.to_be_bytes());
            ra.extend_from_slice(&c.dns_address().octets());
        }
        self.counters.router_advertisements += 1;
        self.last_multicast_ra = Some(t);
        self.host_send(
            t,
            0,
            Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 1),
            PROTO_ICMPV6,
            ra,
        );
    }

    fn hosts_receive(&mut self, t: u64, sent: u64, frame: &[u8]) {
        let Some(p) = packet::parse_ipv6(frame) else {
            self.counters.ignored += 1;
            return;
        };
        if p.dst_mac == ROUTER_MAC && !p.dst.is_multicast() && !self.hosts[0].owns(&p.dst) {
            if !self.cfg.router_forwards {
                self.counters.ignored += 1;
                return;
            }
            self.forward(t, sent, frame, &p);
            return;
        }
        let mut used = false;
        for i in 0..self.hosts.len() {
            if self.hosts[i].listens(&p.dst_mac, &p.dst) {
                used |= self.host_receive(t, sent, i, &p);
            }
        }
        if !used {
            self.counters.ignored += 1;
        }
    }

    /// The router forwards a packet sent to its MAC for another address
    /// (RFC 8200 3, RFC 4861 8.2): e.g. the board's first DNS query, sent
    /// from an optimistic address, which may not do address resolution
    /// and so goes to the default router (RFC 4429 3.3). Only on-link
    /// destinations are reachable (the segment has no uplink); link-local
    /// source or destination is never forwarded (RFC 4291 2.5.6); hop
    /// limit <= 1 is dropped (RFC 8200 3; no Time Exceeded is sent). The
    /// frame goes out with the router's MAC as source and the hop limit
    /// one less; a host gets it at once (the router knows their MACs),
    /// the board after the router resolved it with its own NS (the frame
    /// is held meanwhile, dropped after three unanswered solicitations).
    /// No Redirect is sent.
    fn forward(&mut self, t: u64, sent: u64, frame: &[u8], p: &Ipv6Frame<'_>) {
        let link_local = |a: &Ipv6Addr| a.segments()[0] & 0xffc0 == 0xfe80;
        let prefix = self.cfg.prefix.octets();
        let on_link = p.dst.octets()[..8] == prefix[..8];
        if link_local(&p.src) || link_local(&p.dst) || !on_link || p.hop_limit <= 1 {
            self.counters.ignored += 1;
            return;
        }
        let mut f = frame.to_vec();
        f[6..12].copy_from_slice(&ROUTER_MAC);
        f[packet::ETH_LEN + 7] -= 1;
        self.counters.forwarded += 1;
        if let Some(host) = self.hosts.iter().position(|h| h.owns(&p.dst)) {
            f[0..6].copy_from_slice(&self.hosts[host].mac);
            // The hosts share the router's side of the segment: no path
            // delay, and the NTP log keeps the time it left the board.
            self.hosts_receive(t, sent, &f);
            return;
        }
        match self.hosts[0].neighbors.get(&p.dst).copied() {
            Some(mac) => {
                f[0..6].copy_from_slice(&mac);
                self.host_emit(t, f);
            }
            None => {
                let h = &mut self.hosts[0];
                h.forward_waiting.push((p.dst, f));
                if let std::collections::hash_map::Entry::Vacant(e) = h.solicits.entry(p.dst) {
                    e.insert(0);
                    self.resolve_retry(t, 0, p.dst);
                }
            }
        }
    }

    fn host_receive(&mut self, t: u64, sent: u64, i: usize, p: &Ipv6Frame<'_>) -> bool {
        match p.next_header {
            PROTO_ICMPV6 => self.host_icmp(t, i, p),
            PROTO_UDP => self.host_udp(t, sent, i, p),
            _ => false,
        }
    }

    fn host_icmp(&mut self, t: u64, i: usize, p: &Ipv6Frame<'_>) -> bool {
        let Some(m) = packet::parse_icmpv6(p) else {
            return false;
        };
        let ndp = p.hop_limit == 255 && m[1] == 0;
        match m[0] {
            // Echo request (RFC 4443 4.1) to one of our addresses or all-nodes.
            128 => {
                let mut reply = m.to_vec();
                reply[0] = 129;
                self.counters.echo_replies += 1;
                let dst = p.src;
                if p.dst.is_multicast() {
                    let src = self.hosts[i].source_for(&dst);
                    let h = &self.hosts[i];
                    let mac = h.neighbors.get(&dst).copied().unwrap_or(p.src_mac);
                    let f = packet::build_ipv6(h.mac, mac, src, dst, PROTO_ICMPV6, 64, &reply);
                    self.host_emit(t, f);
                } else {
                    self.host_send(t, i, dst, PROTO_ICMPV6, reply);
                }
                true
            }
            // Echo reply (RFC 4443 4.2): an answer to `ping`.
            129 if !p.dst.is_multicast() && self.hosts[i].owns(&p.dst) => {
                self.counters.echo_replies_received += 1;
                true
            }
            // Router Solicitation (RFC 4861 6.1.1, 6.2.6).
            133 if ndp && self.hosts[i].role == Role::Router && m.len() >= 8 => {
                let Some(opts) = packet::ndp_options(m, 8) else {
                    return false;
                };
                let slla = packet::lla_option(&opts, 1);
                if p.src.is_unspecified() && slla.is_some() {
                    return false;
                }
                if let Some(mac) = slla {
                    self.learn(t, i, p.src, mac);
                }
                self.counters.router_solicitations += 1;
                if !self.solicited_pending {
                    self.solicited_pending = true;
                    let mut at = t + self.rng.below(MAX_RA_DELAY_PS);
                    if let Some(last) = self.last_multicast_ra {
                        at = at.max(last + MIN_DELAY_BETWEEN_RAS_PS);
                    }
                    self.schedule(at, Event::SolicitedRa);
                }
                true
            }
            // Neighbor Solicitation (RFC 4861 7.1.1, 7.2.3).
            135 if ndp && m.len() >= 24 => {
                let target = Ipv6Addr::from(<[u8; 16]>::try_from(&m[8..24]).unwrap_or([0; 16]));
                let Some(opts) = packet::ndp_options(m, 24) else {
                    return false;
                };
                let slla = packet::lla_option(&opts, 1);
                let dad = p.src.is_unspecified();
                if target.is_multicast() || (dad && slla.is_some()) || !self.hosts[i].owns(&target)
                {
                    return false;
                }
                if let (Some(mac), false) = (slla, dad) {
                    self.learn(t, i, p.src, mac);
                }
                let h = &self.hosts[i];
                let mut flags = 0x20; // O
                if h.role == Role::Router {
                    flags |= 0x80;
                }
                let dst = if dad {
                    Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 1)
                } else {
                    flags |= 0x40; // S
                    p.src
                };
                let mut na = vec![136, 0, 0, 0, flags, 0, 0, 0];
                na.extend_from_slice(&target.octets());
                na.extend_from_slice(&[2, 1]);
                na.extend_from_slice(&h.mac);
                let dst_mac = if dad {
                    packet::multicast_mac(&dst)
                } else {
                    slla.unwrap_or(p.src_mac)
                };
                let f = packet::build_ipv6(h.mac, dst_mac, target, dst, PROTO_ICMPV6, 255, &na);
                self.counters.neighbor_advertisements += 1;
                self.host_emit(t, f);
                true
            }
            // Neighbor Advertisement (RFC 4861 7.1.2, 7.2.5).
            136 if ndp && m.len() >= 24 => {
                let target = Ipv6Addr::from(<[u8; 16]>::try_from(&m[8..24]).unwrap_or([0; 16]));
                let Some(opts) = packet::ndp_options(m, 24) else {
                    return false;
                };
                if let Some(mac) = packet::lla_option(&opts, 2) {
                    let known = self.hosts[i].neighbors.contains_key(&target)
                        || self.hosts[i].solicits.contains_key(&target);
                    if known {
                        self.learn(t, i, target, mac);
                    }
                }
                true
            }
            _ => false,
        }
    }

    fn host_udp(&mut self, t: u64, sent: u64, i: usize, p: &Ipv6Frame<'_>) -> bool {
        let Some(u) = packet::parse_udp(p) else {
            return false;
        };
        if p.dst.is_multicast() || !self.hosts[i].owns(&p.dst) {
            return false;
        }
        let role = self.hosts[i].role;
        let reply = match (role, u.dst_port) {
            (Role::Dns, 53) => {
                let Some((r, log)) = self.zone.answer(u.payload) else {
                    return false;
                };
                self.log.dns.push((t, log));
                (t, r)
            }
            (Role::Ntp, 123) => match self.ntp_answer(t, sent, u.payload) {
                Some(r) => r,
                None => return false,
            },
            _ => return false, // the hosts send no port unreachables
        };
        let (at, payload) = reply;
        let datagram = packet::udp(u.dst_port, u.src_port, &payload);
        self.host_send(at, i, p.src, PROTO_UDP, datagram);
        true
    }

    /// An NTP reply that waited for address resolution leaves now: like a
    /// server that stamps its transmit timestamp as the reply goes out
    /// (RFC 5905 8: T3 is the time the reply left), it gets the departure
    /// time, and the exchange log follows. Returns when the datagram
    /// leaves: `t` plus the server's processing time for an NTP reply,
    /// else `t`.
    fn restamp_ntp_reply(&mut self, t: u64, nh: u8, datagram: &mut [u8]) -> u64 {
        if nh != PROTO_UDP || datagram.len() < 8 + 48 || datagram[0..2] != 123u16.to_be_bytes() {
            return t;
        }
        let origin = u64::from_be_bytes(datagram[8 + 24..8 + 32].try_into().unwrap_or_default());
        let depart = t + self.cfg.ntp_processing_ps;
        if datagram[8] & 7 == 4 && datagram[9] != 0 {
            let stamp = self.cfg.ntp_timestamp(depart);
            datagram[8 + 40..8 + 48].copy_from_slice(&stamp.to_be_bytes());
        }
        if let Some(x) = self.undelivered_exchange(origin) {
            x.server_transmit_ps = depart;
        }
        depart
    }

    /// The NTP server (RFC 5905 section 7.3, 8): answers a mode-3 request
    /// with its exact time; returns the departure time and the reply.
    fn ntp_answer(&mut self, t: u64, sent: u64, req: &[u8]) -> Option<(u64, Vec<u8>)> {
        if req.len() < 48 {
            return None;
        }
        let version = (req[0] >> 3) & 7;
        let mode = req[0] & 7;
        if mode != 3 || !(1..=4).contains(&version) {
            return None;
        }
        let c = &self.cfg;
        let depart = t + c.ntp_processing_ps;
        let client_transmit = u64::from_be_bytes(req[40..48].try_into().ok()?);
        let mut r = vec![0u8; 48];
        r[0] = (version << 3) | 4;
        let kiss = c.ntp_kiss;
        match kiss {
            Some(code) => {
                // RFC 5905 7.4: stratum 0, the code as reference id.
                r[0] = (3 << 6) | (version << 3) | 4;
                r[12..16].copy_from_slice(&code);
            }
            None => {
                r[1] = c.ntp_stratum.clamp(1, 15);
                let refid: [u8; 4] = if r[1] == 1 { *b"SIM\0" } else { [192, 0, 2, 1] };
                r[12..16].copy_from_slice(&refid);
            }
        }
        r[2] = req[2].clamp(4, 17); // poll: echo the client's
        r[3] = (-20i8) as u8; // precision ~1 us
        if r[1] > 1 {
            r[4..8].copy_from_slice(&0x0000_0100u32.to_be_bytes()); // ~3.9 ms
        }
        r[8..12].copy_from_slice(&0x0000_0010u32.to_be_bytes()); // ~244 us
        if kiss.is_none() {
            let reference = t - t % (16 * PS);
            r[16..24].copy_from_slice(&c.ntp_timestamp(reference).to_be_bytes());
            r[32..40].copy_from_slice(&c.ntp_timestamp(t).to_be_bytes());
            r[40..48].copy_from_slice(&c.ntp_timestamp(depart).to_be_bytes());
        }
        r[24..32].copy_from_slice(&req[40..48]);
        let exchange = NtpExchange {
            request_sent_ps: sent,
            client_transmit,
            server_receive_ps: t,
            server_transmit_ps: depart,
            reply_delivered_ps: None,
            kiss,
        };
        self.log.ntp.push(exchange);
        Some((depart, r))
    }

    /// The latest logged NTP exchange for the request with transmit
    /// timestamp `origin` whose reply has not reached the board yet.
    fn undelivered_exchange(&mut self, origin: u64) -> Option<&mut NtpExchange> {
        self.log
            .ntp
            .iter_mut()
            .rev()
            .find(|x| x.client_transmit == origin && x.reply_delivered_ps.is_none())
    }

    /// Records when the reply to the last NTP exchange reached the board
    /// (called by the runner; the segment itself only knows it was sent).
    pub fn note_delivery(&mut self, t_ps: u64, frame: &[u8]) {
        let Some(p) = packet::parse_ipv6(frame) else {
            return;
        };
        if p.src != self.cfg.ntp_address()
            && p.src != Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0x123)
        {
            return;
        }
        let Some(u) = packet::parse_udp(&p) else {
            return;
        };
        if u.src_port != 123 || u.payload.len() < 48 {
            return;
        }
        let origin = u64::from_be_bytes(u.payload[24..32].try_into().unwrap_or([0; 8]));
        if let Some(x) = self.undelivered_exchange(origin) {
            x.reply_delivered_ps = Some(t_ps);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ntp_timestamp_conversions() {
        let cfg = NetConfig::default();
        // 2025-01-01T00:00:00Z is NTP second 3_944_678_400.
        assert_eq!(cfg.ntp_timestamp(0), 3_944_678_400u64 << 32);
        // Half a second: 0x8000_0000 fraction.
        assert_eq!(cfg.ntp_timestamp(PS / 2) & 0xFFFF_FFFF, 0x8000_0000);
        let back = ntp_to_unix_ps(cfg.ntp_timestamp(123_456_789_012_345));
        let want = cfg.true_unix_ps(123_456_789_012_345) as i128;
        assert!((back - want).abs() <= 117, "{back} {want}"); // half of 2^-32 s
    }
}
