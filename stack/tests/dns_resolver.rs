//! The DNS resolver driven through a real `Interface`, with replies
//! captured from dnsmasq 2.90 (`tests/dns_vectors/capture.py`: each query
//! sent with ID 0x1234 from a python socket, the reply bytes as they came
//! off the socket). The tests put the client's random ID into a captured
//! reply and wrap it in Ethernet/IPv6/UDP from the server to the client's
//! port; forged replies are the same bytes with one thing changed.
//!
//! The node learns its prefix and two DNS servers (2001:db8::53 and
//! 2001:db8::54, off-link, through the router) from a Router Advertisement
//! with an RDNSS option, as on a real link.
//!
//! Test time `now` counts milliseconds from the start; the node's wrapping
//! `u32` millisecond clock starts 10 s before it wraps, so every lookup
//! and every TTL of these tests crosses the wrap.

use microip6::dns::{Config, Failure, Reject, Resolver, State};
use microip6::iface::{self, DropReason, Interface, Received};
use microip6::wire::ndp::{NdpPacket, NdpRepr};
use microip6::wire::{checksum, ip_protocol, Ipv6Address, MacAddress};

mod common;

use common::{hx, ip, ndp_frame, router_advert, udp_frame};

// Replies of dnsmasq (server 1 of capture.py unless said otherwise).
/// ntp.test AAAA 2001:db8::123, TTL 3600.
const NTP: &str = "123485800001000100000000036e7470047465737400001c0001c00c001c000100000e10001020010db8000000000000000000000123";
/// The same, asked as NTP.Test: the question comes back in that case.
const NTP_MIXED_CASE: &str = "123485800001000100000000034e5450045465737400001c0001c00c001c000100000e10001020010db8000000000000000000000123";
/// time.test CNAME ntp.test (TTL 300), ntp.test AAAA (TTL 3600).
const TIME: &str = "1234858000010002000000000474696d65047465737400001c0001c00c000500010000012c000a036e7470047465737400c027001c000100000e10001020010db8000000000000000000000123";
/// clock.test CNAME time.test (600) CNAME ntp.test (300) AAAA (3600).
const CLOCK: &str = "12348580000100030000000005636c6f636b047465737400001c0001c00c0005000100000258000b0474696d65047465737400c028000500010000012c000a036e7470047465737400c03f001c000100000e10001020010db8000000000000000000000123";
/// pair.test: two AAAA records, TTL 120.
const PAIR: &str = "1234858000010002000000000470616972047465737400001c0001c00c001c000100000078001020010db8000000000000000000000001c00c001c000100000078001020010db8000000000000000000000002";
/// five.test: five AAAA records (2001:db8::5:2, :1, :3, :0, :4), TTL 60.
const FIVE: &str = "1234858000010005000000000466697665047465737400001c0001c00c001c00010000003c001020010db8000000000000000000050002c00c001c00010000003c001020010db8000000000000000000050001c00c001c00010000003c001020010db8000000000000000000050003c00c001c00010000003c001020010db8000000000000000000050000c00c001c00010000003c001020010db8000000000000000000050004";
/// week.test AAAA 2001:db8::7, TTL 604800 (a week).
const WEEK: &str = "123485800001000100000000047765656b047465737400001c0001c00c001c000100093a80001020010db8000000000000000000000007";
/// zero.test AAAA 2001:db8::, TTL 0.
const ZERO: &str = "123485800001000100000000047a65726f047465737400001c0001c00c001c000100000000001020010db8000000000000000000000000";
/// far.test CNAME edge.test (TTL 900), and no record for edge.test.
const FAR: &str = "12348580000100010000000003666172047465737400001c0001c00c0005000100000384000b0465646765047465737400";
/// edge.test: NOERROR, no answer (server 1 has only an A record).
const EDGE_NODATA: &str = "1234818000010000000000000465646765047465737400001c0001";
/// edge.test AAAA 2001:db8::e1, TTL 1200 (server 2).
const EDGE: &str = "1234858000010001000000000465646765047465737400001c0001c00c001c0001000004b0001020010db80000000000000000000000e1";
/// nothere.test: NXDOMAIN.
const NOTHERE: &str = "123481830001000000000000076e6f7468657265047465737400001c0001";
/// big.test: 40 AAAA records do not fit 512 bytes: TC set, 17 answers.
const BIG: &str = "12348780000100110000000003626967047465737400001c0001c00c001c000100000000001020010db8000000000000000000010002c00c001c000100000000001020010db8000000000000000000010014c00c001c000100000000001020010db800000000000000000001000ac00c001c000100000000001020010db8000000000000000000010015c00c001c000100000000001020010db8000000000000000000010005c00c001c000100000000001020010db8000000000000000000010016c00c001c000100000000001020010db800000000000000000001000bc00c001c000100000000001020010db8000000000000000000010017c00c001c000100000000001020010db8000000000000000000010001c00c001c000100000000001020010db8000000000000000000010018c00c001c000100000000001020010db800000000000000000001000cc00c001c000100000000001020010db8000000000000000000010019c00c001c000100000000001020010db8000000000000000000010006c00c001c000100000000001020010db800000000000000000001001ac00c001c000100000000001020010db800000000000000000001000dc00c001c000100000000001020010db800000000000000000001001bc00c001c000100000000001020010db8000000000000000000010003";
/// ntp.test: SERVFAIL (server 3, relaying a failing upstream).
const NTP_SERVFAIL: &str = "123481820001000000000000036e7470047465737400001c0001";
/// ntp.test: REFUSED (server 4, no records and no upstream).
const NTP_REFUSED: &str = "123481850001000000000000036e7470047465737400001c0001";

const BUF: usize = 600;
const ME: MacAddress = MacAddress([0x02, 0, 0, 0, 0, 0x01]);
const ROUTER_MAC: MacAddress = MacAddress([0x52, 0x54, 0, 0xaa, 0xbb, 0xcc]);
const LL_SERVER_MAC: MacAddress = MacAddress([0x52, 0x54, 0, 0, 0, 0x53]);

fn dns1() -> Ipv6Address {
    ip("2001:db8::53")
}

fn dns2() -> Ipv6Address {
    ip("2001:db8::54")
}

fn router_ll() -> Ipv6Address {
    Ipv6Address::link_local_from_mac(&ROUTER_MAC)
}

/// The router's RA: prefix 2001:db8:1::/64 and both DNS servers.
fn ra() -> Vec<u8> {
    router_advert(ROUTER_MAC, 9000, 86_400, &[dns1(), dns2()])
}

/// A UDP datagram to us with a correct checksum.
fn udp_to(src: Ipv6Address, sport: u16, dst: Ipv6Address, dport: u16, data: &[u8]) -> Vec<u8> {
    udp_frame(ME, ROUTER_MAC, (src, sport), (dst, dport), data)
}

/// A query as it left the node.
#[derive(Debug, Clone)]
struct Query {
    at: u64,
    dst_mac: MacAddress,
    src: Ipv6Address,
    dst: Ipv6Address,
    sport: u16,
    dport: u16,
    dns: Vec<u8>,
}

impl Query {
    fn parse(at: u64, f: &[u8]) -> Query {
        assert_eq!(&f[12..14], &[0x86, 0xdd]);
        assert_eq!(f[20], ip_protocol::UDP);
        let src = Ipv6Address::from_bytes(&f[22..38]);
        let dst = Ipv6Address::from_bytes(&f[38..54]);
        let udp = &f[54..];
        let len = u16::from_be_bytes([udp[4], udp[5]]) as usize;
        assert_eq!(len, udp.len());
        assert_eq!(checksum::ipv6_upper_layer(&src, &dst, 17, udp), 0);
        Query {
            at,
            dst_mac: MacAddress::from_bytes(&f[0..6]),
            src,
            dst,
            sport: u16::from_be_bytes([udp[0], udp[1]]),
            dport: u16::from_be_bytes([udp[2], udp[3]]),
            dns: udp[8..].to_vec(),
        }
    }

    fn id(&self) -> u16 {
        u16::from_be_bytes([self.dns[0], self.dns[1]])
    }

    /// The question section (after the 12-byte header).
    fn question(&self) -> &[u8] {
        &self.dns[12..]
    }

    /// A captured reply with this query's ID.
    fn reply(&self, captured: &str) -> Vec<u8> {
        let mut r = hx(captured);
        r[0..2].copy_from_slice(&self.id().to_be_bytes());
        r
    }

    /// `dns` as a datagram from the server queried to the query's port.
    fn answer(&self, dns: &[u8]) -> Vec<u8> {
        udp_to(self.dst, 53, self.src, self.sport, dns)
    }
}

struct Net<const NAME: usize = 96, const ADDRS: usize = 4> {
    iface: Interface,
    dns: Resolver<NAME, ADDRS>,
    buf: [u8; BUF],
    now: u64,
    /// The node's millisecond clock at `now` 0.
    ms0: u32,
    /// Neighbor Solicitations sent, by target.
    ns: Vec<Ipv6Address>,
    /// Answer NS for this link-local server (not only the router's).
    ll_server: Option<Ipv6Address>,
}

impl<const NAME: usize, const ADDRS: usize> Net<NAME, ADDRS> {
    /// A node on a link without a router yet.
    fn bare(config: Config) -> Self {
        let mut c = iface::Config::new(ME);
        c.seed = 0x1357_9bdf;
        let mut net = Net {
            iface: Interface::new(c),
            dns: Resolver::new(config),
            buf: [0; BUF],
            now: 0,
            ms0: u32::MAX - 9_999,
            ns: Vec::new(),
            ll_server: None,
        };
        net.run_to(2_000);
        net
    }

    /// A node with a global address and the two RDNSS servers.
    fn new(config: Config) -> Self {
        let mut net = Self::bare(config);
        net.router_advertises();
        net
    }

    fn router_advertises(&mut self) {
        let f = ra();
        assert_eq!(self.rx(&f), Received::Consumed);
        let t = self.now + 2_000;
        self.run_to(t);
        assert!(self.iface.global_address().is_some());
        assert_eq!(
            self.iface.dns_servers().copied().collect::<Vec<_>>(),
            [dns1(), dns2()]
        );
    }

    /// The node's clock at test time `t`.
    fn ms(&self, t: u64) -> u32 {
        self.ms0.wrapping_add(t as u32)
    }

    /// The test time of the node's time `at` (within 2^31 ms of now).
    fn time_of(&self, at: u32) -> u64 {
        let d = at.wrapping_sub(self.ms(self.now)) as i32;
        self.now.checked_add_signed(d as i64).unwrap()
    }

    /// The resolver's next deadline, in test time.
    fn poll_at(&self) -> Option<u64> {
        let at = self.dns.poll_at(self.ms(self.now));
        at.map(|at| self.time_of(at))
    }

    /// The end of the answer's TTL, in test time.
    fn expires_at(&self) -> Option<u64> {
        self.dns.expires_at().map(|at| self.time_of(at))
    }

    fn is_fresh(&self, t: u64) -> bool {
        self.dns.is_fresh(self.ms(t))
    }

    fn resolve(&mut self, name: &str, t: u64) {
        self.dns.resolve(name, self.ms(t));
    }

    fn rx(&mut self, f: &[u8]) -> Received {
        self.buf[..f.len()].copy_from_slice(f);
        let now = self.ms(self.now);
        self.iface.receive(&mut self.buf, f.len(), now)
    }

    /// Delivers a frame; for a UDP datagram, what the resolver said.
    fn deliver(&mut self, f: &[u8]) -> Option<bool> {
        match self.rx(f) {
            Received::Udp(meta) => {
                let payload = self.buf[meta.payload.clone()].to_vec();
                Some(self.dns.receive(&meta, &payload, self.ms(self.now)))
            }
            _ => None,
        }
    }

    /// The interface's own traffic; NS for the router (or the link-local
    /// server) are answered.
    fn pump(&mut self) {
        let now = self.ms(self.now);
        while let Some(n) = self.iface.poll_transmit(&mut self.buf, now) {
            let f = self.buf[..n].to_vec();
            if f[20] != 58 || f[54] != 135 {
                continue;
            }
            let src = Ipv6Address::from_bytes(&f[22..38]);
            let pkt = NdpPacket::new_checked(&f[54..]).unwrap();
            let NdpRepr::NeighborSolicit { target, .. } = NdpRepr::parse(&pkt).unwrap() else {
                continue;
            };
            self.ns.push(target);
            let mac = if target == router_ll() {
                ROUTER_MAC
            } else if Some(target) == self.ll_server {
                LL_SERVER_MAC
            } else {
                continue;
            };
            if src.is_unspecified() {
                continue;
            }
            let na = NdpRepr::NeighborAdvert {
                router: mac == ROUTER_MAC,
                solicited: true,
                override_: true,
                target,
                tlla: Some(mac),
            };
            let f = ndp_frame(ME, mac, target, src, &na, &[]);
            self.rx(&f);
        }
    }

    /// One round of the main loop at the current time: the stack's
    /// traffic, then the resolver's query if one is due.
    fn poll(&mut self) -> Option<Query> {
        self.pump();
        let now = self.ms(self.now);
        let n = self.dns.poll_send(&mut self.iface, &mut self.buf, now)?;
        Some(Query::parse(self.now, &self.buf[..n]))
    }

    /// Runs the loop until `t`, waking at the deadlines the stack and the
    /// resolver give; returns the queries sent.
    fn run_to(&mut self, t: u64) -> Vec<Query> {
        let mut sent = Vec::new();
        loop {
            while let Some(q) = self.poll() {
                sent.push(q);
                assert!(sent.len() < 1000);
            }
            // The wrapping deadlines, in test time.
            let now = self.ms(self.now);
            let iface_at = self.iface.poll_at(now);
            let iface_at = iface_at.map(|at| self.now + microip6::time::until(now, at) as u64);
            let next = [self.poll_at(), iface_at]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(u64::MAX)
                .max(self.now + 1);
            if next > t {
                self.now = t;
                while let Some(q) = self.poll() {
                    sent.push(q);
                }
                return sent;
            }
            self.now = next;
        }
    }

    /// Starts resolving `name` now and returns the query sent at once.
    fn start(&mut self, name: &str) -> Query {
        self.resolve(name, self.now);
        assert_eq!(self.dns.state(), State::Resolving);
        let q = self.poll().expect("a query at once");
        assert!(self.poll().is_none(), "one query at a time");
        q
    }

    fn global(&self) -> Ipv6Address {
        *self.iface.global_address().unwrap()
    }

    fn rejected(&self, r: Reject) -> u16 {
        self.dns.counters().rejected(r)
    }
}

fn config() -> Config {
    Config::new(0x0dd5_eed5)
}

/// Wire-form question for `name` AAAA IN.
fn question(name: &str) -> Vec<u8> {
    let mut q = Vec::new();
    for l in name.split('.') {
        q.push(l.len() as u8);
        q.extend_from_slice(l.as_bytes());
    }
    q.extend_from_slice(&[0, 0, 0x1c, 0, 1]);
    q
}

#[test]
fn resolves_through_the_rdnss_server() {
    let mut net: Net = Net::new(config());
    let t0 = net.now;
    let q = net.start("ntp.test");
    // The query: from our global address and an ephemeral port to the
    // first RDNSS server's port 53, through the router; RD set, one
    // question, no EDNS.
    assert_eq!(q.dst_mac, ROUTER_MAC);
    assert_eq!((q.src, q.dst), (net.global(), dns1()));
    assert!(q.sport >= 49152);
    assert_eq!(q.dport, 53);
    assert_eq!(&q.dns[2..12], &hx("01000001000000000000")[..]);
    assert_eq!(q.question(), &question("ntp.test")[..]);
    assert_eq!(net.poll_at(), Some(t0 + 2_000));

    net.now += 30;
    assert_eq!(net.deliver(&q.answer(&q.reply(NTP))), Some(true));
    assert_eq!(net.dns.state(), State::Resolved);
    assert_eq!(net.dns.addresses(), [ip("2001:db8::123")]);
    assert_eq!(net.expires_at(), Some(t0 + 30 + 3_600_000));
    assert_eq!(net.poll_at(), None);
    let c = *net.dns.counters();
    assert_eq!((c.queries, c.replies, c.timeouts), (1, 1, 0));
    assert_eq!(c.rejections, [0; Reject::COUNT]);

    // The port is released: a second copy of the reply is not delivered.
    assert!(net.poll().is_none());
    let before = net.iface.counters().dropped(DropReason::NoListener);
    assert_eq!(net.deliver(&q.answer(&q.reply(NTP))), None);
    assert_eq!(
        net.iface.counters().dropped(DropReason::NoListener),
        before + 1
    );
    assert_eq!(net.dns.counters().replies, 1);
}

#[test]
fn question_name_is_compared_case_insensitively() {
    let mut net: Net = Net::new(config());
    let q = net.start("ntp.test");
    // A reply echoing the question as NTP.Test answers ntp.test.
    assert_eq!(net.deliver(&q.answer(&q.reply(NTP_MIXED_CASE))), Some(true));
    assert_eq!(net.dns.addresses(), [ip("2001:db8::123")]);
    // And the other way round (once the first answer's TTL is over).
    net.now += 3_600_000;
    let q = net.start("NTP.Test");
    assert_eq!(q.question(), &question("NTP.Test")[..]);
    assert_eq!(net.deliver(&q.answer(&q.reply(NTP))), Some(true));
    assert_eq!(net.dns.state(), State::Resolved);
}

#[test]
fn cname_chains_in_one_answer_are_followed() {
    let mut net: Net = Net::new(config());
    let q = net.start("time.test");
    assert_eq!(q.question(), &question("time.test")[..]);
    net.deliver(&q.answer(&q.reply(TIME)));
    assert_eq!(net.dns.addresses(), [ip("2001:db8::123")]);
    // Kept for the smallest TTL of the chain: the CNAME's 300 s.
    assert_eq!(net.expires_at(), Some(net.now + 300_000));

    let q = net.start("clock.test");
    net.deliver(&q.answer(&q.reply(CLOCK)));
    assert_eq!(net.dns.state(), State::Resolved);
    assert_eq!(net.dns.addresses(), [ip("2001:db8::123")]);
    assert_eq!(net.expires_at(), Some(net.now + 300_000));
    assert_eq!(net.dns.counters().queries, 2);
}

#[test]
fn records_out_of_chain_order_cost_one_more_query() {
    // Hand-built (servers send chains in order): the AAAA of ntp.test
    // before the CNAME time.test -> ntp.test that leads to it. The answer
    // is read in one pass, so ntp.test is asked for.
    let reply = "123485800001000200000000 0474696d6504746573740000 1c0001
        036e747004746573740000 1c0001 00000e10 0010 20010db8000000000000000000000123
        c00c 0005 0001 0000012c 0002 c01b";
    let reply: String = reply.split_whitespace().collect();
    let mut net: Net = Net::new(config());
    let q = net.start("time.test");
    net.deliver(&q.answer(&q.reply(&reply)));
    assert_eq!(net.dns.state(), State::Resolving);
    let q = net.poll().unwrap();
    assert_eq!(q.question(), &question("ntp.test")[..]);
    net.deliver(&q.answer(&q.reply(NTP)));
    assert_eq!(net.dns.addresses(), [ip("2001:db8::123")]);
    // Still bounded by the CNAME's TTL.
    assert_eq!(net.expires_at(), Some(net.now + 300_000));
}

#[test]
fn several_addresses_up_to_the_capacity() {
    let mut net: Net = Net::new(config());
    let q = net.start("pair.test");
    net.deliver(&q.answer(&q.reply(PAIR)));
    assert_eq!(net.dns.addresses(), [ip("2001:db8::1"), ip("2001:db8::2")]);
    assert_eq!(net.expires_at(), Some(net.now + 120_000));
    // Five records, four kept, in the order of the answer.
    let q = net.start("five.test");
    net.deliver(&q.answer(&q.reply(FIVE)));
    assert_eq!(
        net.dns.addresses(),
        [
            ip("2001:db8::5:2"),
            ip("2001:db8::5:1"),
            ip("2001:db8::5:3"),
            ip("2001:db8::5:0")
        ]
    );
    // A resolver keeping one address keeps the first.
    let mut one: Net<32, 1> = Net::new(config());
    let q = one.start("five.test");
    one.deliver(&q.answer(&q.reply(FIVE)));
    assert_eq!(one.dns.addresses(), [ip("2001:db8::5:2")]);
}

#[test]
fn cname_without_record_is_asked_again() {
    let mut net: Net = Net::new(config());
    let q1 = net.start("far.test");
    net.now += 40;
    assert_eq!(net.deliver(&q1.answer(&q1.reply(FAR))), Some(true));
    assert_eq!(net.dns.state(), State::Resolving);
    // The target is asked at once, same server, new ID and port.
    let q2 = net.poll().expect("a query for the CNAME target");
    assert_eq!(q2.question(), &question("edge.test")[..]);
    assert_eq!(q2.dst, dns1());
    assert_ne!(q2.sport, q1.sport);
    assert_ne!(q2.id(), q1.id());
    // The first query's port is closed now.
    assert_eq!(net.deliver(&q1.answer(&q1.reply(FAR))), None);
    // A reply for far.test to the new query is not the question asked.
    let mut stale = q1.reply(FAR);
    stale[0..2].copy_from_slice(&q2.id().to_be_bytes());
    assert_eq!(net.deliver(&q2.answer(&stale)), Some(true));
    assert_eq!(net.rejected(Reject::QuestionMismatch), 1);
    net.now += 40;
    assert_eq!(net.deliver(&q2.answer(&q2.reply(EDGE))), Some(true));
    assert_eq!(net.dns.state(), State::Resolved);
    assert_eq!(net.dns.addresses(), [ip("2001:db8::e1")]);
    // The CNAME's TTL (900 s) bounds the answer's (1200 s).
    assert_eq!(net.expires_at(), Some(net.now + 900_000));
    // The answer is kept under the name asked for, not the target.
    net.resolve("far.test", net.now + 1);
    assert_eq!(net.dns.state(), State::Resolved);
    assert_eq!(net.dns.counters().cache_hits, 1);

    // The target exists without an AAAA record: NODATA, final.
    net.now += 900_000;
    let q1 = net.start("far.test");
    net.deliver(&q1.answer(&q1.reply(FAR)));
    let q2 = net.poll().unwrap();
    net.deliver(&q2.answer(&q2.reply(EDGE_NODATA)));
    assert_eq!(net.dns.state(), State::Failed(Failure::NoData));
    assert_eq!(net.dns.addresses(), []);
    assert!(net.run_to(net.now + 60_000).is_empty());
}

#[test]
fn cname_requeries_are_bounded() {
    let mut c = config();
    c.max_requeries = 0;
    let mut net: Net = Net::new(c);
    let q = net.start("far.test");
    net.deliver(&q.answer(&q.reply(FAR)));
    assert_eq!(net.dns.state(), State::Failed(Failure::TooManyCnames));
    assert!(net.poll().is_none());

    // A target that does not fit the name buffer next to the name: far.test
    // takes 10 bytes, edge.test 11, the buffer 20.
    let mut small: Net<20, 1> = Net::new(config());
    let q = small.start("far.test");
    small.deliver(&q.answer(&q.reply(FAR)));
    assert_eq!(small.dns.state(), State::Failed(Failure::NameTooLong));
    assert!(small.poll().is_none());
    // With 21 bytes it fits.
    let mut fits: Net<21, 1> = Net::new(config());
    let q = fits.start("far.test");
    fits.deliver(&q.answer(&q.reply(FAR)));
    let q = fits.poll().unwrap();
    assert_eq!(q.question(), &question("edge.test")[..]);
}

#[test]
fn invalid_names_fail_at_once() {
    let mut net: Net<16, 1> = Net::new(config());
    for name in ["a..b", "", ".x", &"x".repeat(64), "fifteen-chars.x"] {
        net.resolve(name, net.now);
        assert_eq!(
            net.dns.state(),
            State::Failed(Failure::InvalidName),
            "{name}"
        );
        assert!(net.poll().is_none());
    }
    // 1 + 14 + 1 = 16 bytes: fits.
    let q = net.start("fourteen-chars.");
    assert_eq!(q.question(), &question("fourteen-chars")[..]);
}

#[test]
fn nxdomain_is_final() {
    let mut net: Net = Net::new(config());
    let q = net.start("nothere.test");
    assert_eq!(net.deliver(&q.answer(&q.reply(NOTHERE))), Some(true));
    assert_eq!(net.dns.state(), State::Failed(Failure::NxDomain));
    assert_eq!(net.poll_at(), None);
    // No other server is asked, ever.
    assert!(net.run_to(net.now + 60_000).is_empty());
    assert_eq!(net.dns.counters().queries, 1);
    // Not kept: asking again sends a query.
    net.start("nothere.test");
}

#[test]
fn servfail_and_refused_move_to_the_next_server() {
    for (captured, rcode) in [(NTP_SERVFAIL, 2u8), (NTP_REFUSED, 5)] {
        let mut net: Net = Net::new(config());
        let q1 = net.start("ntp.test");
        assert_eq!(q1.dst, dns1());
        net.now += 25;
        assert_eq!(net.deliver(&q1.answer(&q1.reply(captured))), Some(true));
        assert_eq!(net.dns.state(), State::Resolving);
        // The next server at once, with a new ID and port.
        let q2 = net.poll().expect("a query to the second server");
        assert_eq!(q2.at, net.now);
        assert_eq!(q2.dst, dns2());
        assert_eq!(q2.question(), q1.question());
        assert_ne!(q2.sport, q1.sport);
        assert_eq!(net.dns.counters().server_errors, 1);
        net.deliver(&q2.answer(&q2.reply(NTP)));
        assert_eq!(net.dns.state(), State::Resolved);

        // Both servers fail: the lookup fails with the last RCODE.
        net.now += 3_600_000;
        let q1 = net.start("ntp.test");
        net.deliver(&q1.answer(&q1.reply(captured)));
        let q2 = net.poll().unwrap();
        net.deliver(&q2.answer(&q2.reply(captured)));
        assert!(net.poll().is_none());
        assert_eq!(net.dns.state(), State::Failed(Failure::ServerError(rcode)));
        assert_eq!(net.dns.counters().server_errors, 3);
    }
}

#[test]
fn truncated_reply_is_reported_not_read() {
    let mut net: Net = Net::new(config());
    let q = net.start("big.test");
    assert_eq!(net.deliver(&q.answer(&q.reply(BIG))), Some(true));
    assert_eq!(net.dns.state(), State::Failed(Failure::Truncated));
    assert_eq!(net.dns.addresses(), []);
    assert_eq!(net.dns.counters().truncated, 1);
    assert!(net.run_to(net.now + 60_000).is_empty());
}

#[test]
fn retransmissions_back_off_then_next_server_then_fail() {
    let mut net: Net = Net::new(config());
    let t0 = net.now;
    let first = net.start("ntp.test");
    let mut queries = vec![first];
    queries.extend(net.run_to(t0 + 40_000));
    // 2, 4 and 8 s per server (RFC 1035 7.2), then the next server.
    let times: Vec<u64> = queries.iter().map(|q| q.at - t0).collect();
    assert_eq!(times, [0, 2_000, 6_000, 14_000, 16_000, 20_000]);
    let servers: Vec<Ipv6Address> = queries.iter().map(|q| q.dst).collect();
    assert_eq!(servers, [dns1(), dns1(), dns1(), dns2(), dns2(), dns2()]);
    // Every query has its own ID and port (RFC 5452 9.2).
    for (i, a) in queries.iter().enumerate() {
        assert_eq!(a.question(), &question("ntp.test")[..]);
        for b in &queries[i + 1..] {
            assert_ne!(a.sport, b.sport);
            assert_ne!(a.id(), b.id());
        }
    }
    // The last one timed out at 28 s.
    assert_eq!(net.dns.state(), State::Failed(Failure::Timeout));
    assert_eq!(net.dns.counters().timeouts, 6);
    // A late reply to the first query finds its port closed.
    assert_eq!(
        net.deliver(&queries[0].answer(&queries[0].reply(NTP))),
        None
    );
    assert_eq!(net.dns.state(), State::Failed(Failure::Timeout));
}

#[test]
fn reply_to_a_retransmission_is_accepted_only_on_its_port() {
    let mut net: Net = Net::new(config());
    let t0 = net.now;
    let q1 = net.start("ntp.test");
    let q2 = net.run_to(t0 + 2_000).pop().unwrap();
    // The reply to the first query comes late: its port is closed.
    assert_eq!(net.deliver(&q1.answer(&q1.reply(NTP))), None);
    // With the first ID on the second port: wrong ID.
    let mut old_id = q1.reply(NTP);
    old_id[0..2].copy_from_slice(&q1.id().to_be_bytes());
    assert_eq!(net.deliver(&q2.answer(&old_id)), Some(true));
    assert_eq!(net.rejected(Reject::WrongId), 1);
    assert_eq!(net.deliver(&q2.answer(&q2.reply(NTP))), Some(true));
    assert_eq!(net.dns.state(), State::Resolved);
}

#[test]
fn overall_timeout_bounds_the_lookup() {
    let mut c = config();
    c.overall_timeout_ms = 5_000;
    let mut net: Net = Net::new(c);
    let t0 = net.now;
    net.start("ntp.test");
    let more = net.run_to(t0 + 4_999);
    assert_eq!(more.len(), 1);
    assert_eq!(more[0].at, t0 + 2_000);
    assert_eq!(net.poll_at(), Some(t0 + 5_000));
    assert_eq!(net.dns.state(), State::Resolving);
    assert!(net.run_to(t0 + 5_000).is_empty());
    assert_eq!(net.dns.state(), State::Failed(Failure::Timeout));
    assert_eq!(net.poll_at(), None);
}

#[test]
fn waits_for_a_server_then_gives_up() {
    // No router yet: no server. The lookup waits for one...
    let mut net: Net = Net::bare(config());
    let t0 = net.now;
    net.resolve("ntp.test", t0);
    assert!(net.run_to(t0 + 3_000).is_empty());
    assert_eq!(net.dns.state(), State::Resolving);
    // ...and uses it as soon as the RA brings one and the global address
    // to send from has passed DAD.
    let f = ra();
    net.rx(&f);
    let q = net.run_to(net.now + 3_000);
    assert_eq!(q.len(), 1);
    assert_eq!((q[0].src, q[0].dst), (net.global(), dns1()));
    // The reply is awaited a whole interval from the transmission.
    assert_eq!(net.poll_at(), Some(q[0].at + 2_000));

    let mut net: Net = Net::bare(config());
    let t0 = net.now;
    net.resolve("ntp.test", t0);
    assert!(net.run_to(t0 + 30_000).is_empty());
    assert_eq!(net.dns.state(), State::Failed(Failure::NoServer));
}

#[test]
fn configured_server_first_and_would_block_while_resolving() {
    let server = ip("fe80::53");
    let mut c = config();
    c.servers[1] = server;
    let mut net: Net = Net::new(c);
    net.ll_server = Some(server);
    let t0 = net.now;
    net.ns.clear();
    net.resolve("ntp.test", t0);
    // The configured, on-link server comes first; its link-layer address
    // is unknown: the send would block and the interface solicits it.
    net.pump();
    let now = net.ms(net.now);
    assert!(net
        .dns
        .poll_send(&mut net.iface, &mut net.buf, now)
        .is_none());
    assert_eq!(net.poll_at(), Some(t0 + 250));
    assert!(net.ns.is_empty());
    let q = net.run_to(t0 + 1_000);
    assert_eq!(net.ns, [server]);
    // The NA came back: the query went out at the next try.
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].at, t0 + 250);
    assert_eq!((q[0].dst, q[0].dst_mac), (server, LL_SERVER_MAC));
    assert_eq!(q[0].src, net.iface.link_local());
    assert_eq!(net.poll_at(), Some(t0 + 250 + 2_000));
    net.deliver(&udp_to(server, 53, q[0].src, q[0].sport, &q[0].reply(NTP)));
    assert_eq!(net.dns.state(), State::Resolved);
}

#[test]
fn unreachable_server_is_skipped_after_its_query_time() {
    // A configured on-link server that never answers NS: the query never
    // leaves, and after the query's time the next one is tried, and so on
    // to the RDNSS servers.
    let mut c = config();
    c.servers[0] = ip("fe80::dead");
    c.tries_per_server = 1;
    let mut net: Net = Net::new(c);
    let t0 = net.now;
    net.resolve("ntp.test", t0);
    let q = net.run_to(t0 + 2_000);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].at, t0 + 2_000);
    assert_eq!(q[0].dst, dns1());
    assert!(net.ns.contains(&ip("fe80::dead")));
    // Not sent, so not counted as a timeout.
    assert_eq!(net.dns.counters().timeouts, 0);
    assert_eq!(net.dns.counters().queries, 1);
}

#[test]
fn answers_are_kept_for_their_ttl() {
    let mut net: Net = Net::new(config());
    let q = net.start("ntp.test");
    net.deliver(&q.answer(&q.reply(NTP)));
    let t = net.now;
    assert_eq!(net.expires_at(), Some(t + 3_600_000));
    // Within the TTL: no query, same answer (names compare without case).
    for name in ["ntp.test", "NTP.TEST.", "Ntp.Test"] {
        net.resolve(name, t + 3_599_999);
        assert_eq!(net.dns.state(), State::Resolved);
        assert!(net.is_fresh(t + 3_599_999));
    }
    net.now = t + 3_599_999;
    assert!(net.poll().is_none());
    assert_eq!(net.dns.counters().cache_hits, 3);
    // Another name is asked; asking for it again while its lookup is under
    // way changes nothing.
    let q1 = net.start("time.test");
    net.resolve("TIME.test", net.now + 10);
    net.now += 10;
    assert!(net.poll().is_none());
    assert_eq!(net.poll_at(), Some(q1.at + 2_000));
    // And a third name abandons it.
    let q = net.start("ntp.test");
    assert_eq!(net.deliver(&q1.answer(&q1.reply(TIME))), None);
    net.deliver(&q.answer(&q.reply(NTP)));
    // At the end of the TTL it is asked again.
    let t = net.now;
    net.now = t + 3_600_000;
    assert!(!net.is_fresh(net.now));
    net.start("ntp.test");
    assert_eq!(net.dns.counters().queries, 4);
}

#[test]
fn ttl_zero_is_not_kept_and_long_ttls_are_capped() {
    let mut net: Net = Net::new(config());
    let q = net.start("zero.test");
    net.deliver(&q.answer(&q.reply(ZERO)));
    // Used once...
    assert_eq!(net.dns.state(), State::Resolved);
    assert_eq!(net.dns.addresses(), [ip("2001:db8::")]);
    assert_eq!(net.expires_at(), Some(net.now));
    assert!(!net.is_fresh(net.now));
    // ...but asked again even at the same instant.
    net.start("zero.test");

    // A week is capped at the default day.
    let q = net.start("week.test");
    net.deliver(&q.answer(&q.reply(WEEK)));
    assert_eq!(net.expires_at(), Some(net.now + 86_400_000));
    // And at a configured cap.
    let mut c = config();
    c.max_ttl_s = 600;
    let mut net: Net = Net::new(c);
    let q = net.start("week.test");
    net.deliver(&q.answer(&q.reply(WEEK)));
    assert_eq!(net.expires_at(), Some(net.now + 600_000));
    let q = net.start("time.test");
    net.deliver(&q.answer(&q.reply(TIME)));
    assert_eq!(net.expires_at(), Some(net.now + 300_000));
}

#[test]
fn forged_replies_are_rejected_and_counted() {
    let mut net: Net = Net::new(config());
    let q = net.start("ntp.test");
    let good = q.reply(NTP);
    let forged = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut r = good.clone();
        f(&mut r);
        r
    };
    let mut expect = [0u16; Reject::COUNT];
    let mut check = |net: &mut Net, frame: Vec<u8>, reason: Reject| {
        assert_eq!(net.deliver(&frame), Some(true), "{reason:?}");
        expect[reason as usize] += 1;
        assert_eq!(net.dns.counters().rejections, expect, "{reason:?}");
        assert_eq!(net.dns.state(), State::Resolving, "{reason:?}");
    };
    let me = q.src;

    // Wrong ID (each of the 16 bits).
    for bit in 0..16 {
        let id = q.id() ^ (1 << bit);
        let r = forged(&|r| r[0..2].copy_from_slice(&id.to_be_bytes()));
        check(&mut net, q.answer(&r), Reject::WrongId);
    }
    // From another port than 53, from the other server, from a stranger.
    check(
        &mut net,
        udp_to(dns1(), 5353, me, q.sport, &good),
        Reject::WrongPort,
    );
    check(
        &mut net,
        udp_to(dns2(), 53, me, q.sport, &good),
        Reject::WrongSource,
    );
    check(
        &mut net,
        udp_to(ip("2001:db8:bad::53"), 53, me, q.sport, &good),
        Reject::WrongSource,
    );
    // QR clear.
    check(
        &mut net,
        q.answer(&forged(&|r| r[2] &= 0x7f)),
        Reject::NotResponse,
    );
    // Another question: name, type (A), class (CH), count, opcode.
    check(&mut net, q.answer(&q.reply(TIME)), Reject::QuestionMismatch);
    let qtype_at = 12 + 10;
    check(
        &mut net,
        q.answer(&forged(&|r| r[qtype_at + 1] = 1)),
        Reject::QuestionMismatch,
    );
    check(
        &mut net,
        q.answer(&forged(&|r| r[qtype_at + 3] = 3)),
        Reject::QuestionMismatch,
    );
    check(
        &mut net,
        q.answer(&forged(&|r| r[5] = 2)),
        Reject::QuestionMismatch,
    );
    check(
        &mut net,
        q.answer(&forged(&|r| r[2] |= 0x10)), // opcode 2 (STATUS)
        Reject::QuestionMismatch,
    );
    check(
        &mut net,
        q.answer(&forged(&|r| r[12 + 1] = b'm')), // "mtp.test"
        Reject::QuestionMismatch,
    );
    // The answer's owner is a pointer to itself (offset 26): a loop.
    check(
        &mut net,
        q.answer(&forged(&|r| r[26..28].copy_from_slice(&[0xc0, 26]))),
        Reject::Malformed,
    );
    // A pointer forwards (to the AAAA record's own type field).
    check(
        &mut net,
        q.answer(&forged(&|r| r[26..28].copy_from_slice(&[0xc0, 28]))),
        Reject::Malformed,
    );
    // A question name that is a pointer loop.
    check(
        &mut net,
        q.answer(&hx("0000818000010000000000000161c00c001c0001")),
        Reject::WrongId,
    );
    let mut looped = hx("0000818000010000000000000161c00c001c0001");
    looped[0..2].copy_from_slice(&q.id().to_be_bytes());
    check(&mut net, q.answer(&looped), Reject::Malformed);
    // Cut inside the AAAA RDATA, and shorter than a header.
    check(
        &mut net,
        q.answer(&good[..good.len() - 1]),
        Reject::Malformed,
    );
    check(&mut net, q.answer(&good[..11]), Reject::Malformed);
    // AAAA with RDLENGTH 4 (an A record's size), its bytes kept in the message.
    let mut short = good.clone();
    let rdlen_at = 26 + 10;
    short[rdlen_at + 1] = 4;
    check(&mut net, q.answer(&short), Reject::Malformed);

    // To another port: the interface does not deliver it at all.
    assert_eq!(
        net.deliver(&udp_to(dns1(), 53, me, q.sport ^ 1, &good)),
        None
    );
    // A datagram to another bound port is someone else's.
    net.iface.bind(123).unwrap();
    assert_eq!(
        net.deliver(&udp_to(dns1(), 53, me, 123, &good)),
        Some(false)
    );
    assert_eq!(net.dns.counters().rejections, expect);

    // After all that the genuine reply is still accepted.
    assert_eq!(net.deliver(&q.answer(&good)), Some(true));
    assert_eq!(net.dns.state(), State::Resolved);
    assert_eq!(net.dns.addresses(), [ip("2001:db8::123")]);
    assert_eq!(net.dns.counters().queries, 1);
    assert_eq!(net.dns.counters().replies, 1);
    let total: u16 = expect.iter().sum();
    assert_eq!(total, 33);
}

#[test]
fn forged_cname_in_a_genuine_looking_reply_cannot_loop() {
    // A reply (right ID, port, source, question) whose answer is a CNAME
    // loop ntp.test -> ntp.test: followed a bounded number of times, asked
    // again a bounded number of times, then the lookup fails.
    let mut net: Net = Net::new(config());
    let mut q = net.start("ntp.test");
    let looped = "123485800001000100000000036e7470047465737400001c0001c00c00050001000000780002c00c";
    for _ in 0..3 {
        net.deliver(&q.answer(&q.reply(looped)));
        assert_eq!(net.dns.state(), State::Resolving);
        q = net.poll().unwrap();
        assert_eq!(q.question(), &question("ntp.test")[..]);
    }
    net.deliver(&q.answer(&q.reply(looped)));
    assert_eq!(net.dns.state(), State::Failed(Failure::TooManyCnames));
}

/// Captured replies and the names they answer, for the property tests.
const SEEDS: [(&str, &str); 8] = [
    ("ntp.test", NTP),
    ("time.test", TIME),
    ("clock.test", CLOCK),
    ("five.test", FIVE),
    ("far.test", FAR),
    ("nothere.test", NOTHERE),
    ("big.test", BIG),
    ("ntp.test", NTP_SERVFAIL),
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// A reply with the right ID, port and source but any other bytes
    /// changed or cut never panics; if rejected, it leaves no trace: the
    /// genuine reply afterwards gives the same outcome as on its own.
    #[test]
    fn mutated_replies_never_panic_and_rejections_leave_no_trace(
        seed in 0..SEEDS.len(),
        edits in proptest::collection::vec((proptest::prelude::any::<u16>(), proptest::prelude::any::<u8>()), 0..6),
        cut in proptest::option::of(proptest::prelude::any::<u16>()),
    ) {
        let (name, captured) = SEEDS[seed];
        // The outcome of the genuine reply alone.
        let mut clean: Net = Net::new(config());
        let q = clean.start(name);
        clean.deliver(&q.answer(&q.reply(captured)));
        let expected = (clean.dns.state(), clean.dns.addresses().to_vec());

        let mut net: Net = Net::new(config());
        let q = net.start(name);
        let mut r = q.reply(captured);
        for (at, v) in edits {
            let i = 2 + at as usize % (r.len() - 2);
            r[i] = v;
        }
        if let Some(c) = cut {
            r.truncate(c as usize % (r.len() + 1));
        }
        proptest::prop_assert_eq!(net.deliver(&q.answer(&r)), Some(true));
        let rejected: u16 = net.dns.counters().rejections.iter().sum();
        let state = net.dns.state();
        proptest::prop_assert!(net.dns.addresses().len() <= 4);
        proptest::prop_assert_eq!(state == State::Resolved, !net.dns.addresses().is_empty());
        if rejected == 1 {
            proptest::prop_assert_eq!(state, State::Resolving);
            proptest::prop_assert_eq!(net.deliver(&q.answer(&q.reply(captured))), Some(true));
            proptest::prop_assert_eq!((net.dns.state(), net.dns.addresses().to_vec()), expected);
        } else {
            proptest::prop_assert_eq!(rejected, 0);
            proptest::prop_assert_eq!(net.dns.counters().replies, 1);
        }
        // Whatever happened, the lookup ends.
        net.run_to(net.now + 31_000);
        proptest::prop_assert!(net.dns.state() != State::Resolving);
    }

    /// Any bytes at all from the server to the query's port.
    #[test]
    fn arbitrary_payloads_never_panic(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
        let mut net: Net = Net::new(config());
        let q = net.start("ntp.test");
        proptest::prop_assert_eq!(net.deliver(&q.answer(&data)), Some(true));
        net.run_to(net.now + 31_000);
        proptest::prop_assert!(net.dns.state() != State::Resolving);
    }
}

#[test]
fn expiry_and_refresh_across_the_millisecond_wrap() {
    let mut net: Net = Net::new(config());
    let q = net.start("ntp.test");
    net.deliver(&q.answer(&q.reply(NTP)));
    let t = net.now;
    // Answered 6 s before the node's clock wraps: kept for the TTL on
    // the other side of the wrap.
    assert!(net.ms(t) > u32::MAX - 10_000, "{}", net.ms(t));
    assert_eq!(
        net.dns.expires_at(),
        Some(net.ms(t).wrapping_add(3_600_000))
    );
    assert!(net.dns.expires_at().unwrap() < 3_600_000);
    assert!(net.is_fresh(t + 3_599_999));
    assert!(!net.is_fresh(t + 3_600_000));
    // The refresh at the end of the TTL asks again.
    net.now = t + 3_600_000;
    let q = net.start("ntp.test");
    net.deliver(&q.answer(&q.reply(NTP)));
    assert_eq!(net.dns.counters().queries, 2);
    // Not refreshed for 100 days, polled once a day: never fresh again
    // (the clock wraps twice more).
    let t = net.now;
    for day in 1..=100u64 {
        net.now = t + day * 86_400_000;
        assert!(net.poll().is_none());
        assert!(!net.is_fresh(net.now), "day {day}");
        assert!(!net.is_fresh(net.now + 1_000_000), "day {day}");
    }
    // 2^32 ms after the answer the clock reads as then: still expired.
    assert!(!net.is_fresh(t + (1 << 32) + 1000));
    // (The RA's servers expired meanwhile: the router advertises again.)
    net.router_advertises();
    net.start("ntp.test");
    assert_eq!(net.dns.counters().queries, 3);
}

#[test]
fn ttls_beyond_24_days_are_capped_under_2_pow_31_ms() {
    // week.test with the largest TTL (2^31 - 1 s, RFC 2181 8), no cap of
    // our own: kept 2,147,483 s (24.8 days), the longest wait of the
    // wrapping millisecond clock.
    let mut c = config();
    c.max_ttl_s = u32::MAX;
    let mut net: Net = Net::new(c);
    let longest = WEEK.replace("00093a80", "7fffffff");
    let q = net.start("week.test");
    net.deliver(&q.answer(&q.reply(&longest)));
    assert_eq!(net.dns.addresses(), [ip("2001:db8::7")]);
    let t = net.now;
    assert_eq!(net.expires_at(), Some(t + 2_147_483_000));
    // Polled every hour until then: fresh, then expired for good.
    let mut hours = 0;
    while net.now + 3_600_000 < t + 2_147_483_000 {
        net.now += 3_600_000;
        hours += 1;
        assert!(net.poll().is_none());
        assert!(net.is_fresh(net.now), "hour {hours}");
    }
    assert_eq!(hours, 596);
    assert!(net.is_fresh(t + 2_147_482_999));
    for day in 0..60 {
        net.now = t + 2_147_483_000 + day * 86_400_000;
        assert!(net.poll().is_none());
        assert!(!net.is_fresh(net.now), "day {day}");
    }
}

/// The proptest case that found the harness writing a computed UDP
/// checksum of 0 as 0 (the node rightly drops it, RFC 8200 8.1): these
/// three edits of FIVE's reply make the datagram's sum come out 0.
#[test]
fn a_reply_whose_udp_checksum_computes_to_zero_is_delivered() {
    let (name, captured) = SEEDS[3];
    let mut net: Net = Net::new(config());
    let q = net.start(name);
    let mut r = q.reply(captured);
    for (at, v) in [(2520u16, 106u8), (50504, 196), (1456, 24)] {
        let i = 2 + at as usize % (r.len() - 2);
        r[i] = v;
    }
    let f = q.answer(&r);
    assert_eq!(&f[60..62], &[0xff, 0xff]);
    assert_eq!(net.deliver(&f), Some(true));
}
