//! Several interfaces on a simulated Ethernet link, through the public API
//! only, with a scripted router that advertises a prefix and a DNS server
//! and answers Neighbor Solicitations. Every node uses a 600-byte buffer,
//! as the MSP430 firmware does.

use microip6::iface::{AddressState, Config, Event, Interface, Received};
use microip6::wire::ndp::{NdpPacket, NdpRepr};
use microip6::wire::{checksum, Ipv6Address, MacAddress};

mod common;

use common::{ip, ndp_frame, router_advert};

const BUF: usize = 600;

struct Host {
    iface: Interface,
    buf: [u8; BUF],
    /// (source, source port, destination port, payload) delivered.
    udp: Vec<(Ipv6Address, u16, u16, Vec<u8>)>,
    events: Vec<Event>,
}

/// A router that only does what hosts need from it: RAs and NAs.
struct Router {
    mac: MacAddress,
    ll: Ipv6Address,
    next_ra: u32,
    /// Answers NS for its address only while true.
    alive: bool,
}

impl Router {
    fn new() -> Router {
        let mac = MacAddress([0x52, 0x54, 0, 0xaa, 0xbb, 0xcc]);
        Router {
            mac,
            ll: Ipv6Address::link_local_from_mac(&mac),
            next_ra: 0,
            alive: true,
        }
    }

    /// Its RA: prefix 2001:db8:1::/64, DNS server 2001:db8::53.
    fn ra(&self) -> Vec<u8> {
        router_advert(self.mac, 1800, 600, &[ip("2001:db8::53")])
    }

    /// The router's reaction to a frame on the link.
    fn hear(&mut self, f: &[u8]) -> Option<Vec<u8>> {
        if f.len() < 62 || f[20] != 58 {
            return None;
        }
        let src = Ipv6Address::from_bytes(&f[22..38]);
        let pkt = NdpPacket::new_checked(&f[54..]).ok()?;
        match NdpRepr::parse(&pkt).ok()? {
            NdpRepr::RouterSolicit { .. } => Some(self.ra()),
            NdpRepr::NeighborSolicit { target, slla } if target == self.ll && self.alive => {
                let na = NdpRepr::NeighborAdvert {
                    router: true,
                    solicited: true,
                    override_: true,
                    target,
                    tlla: Some(self.mac),
                };
                let mac = slla.unwrap_or(MacAddress::from_bytes(&f[6..12]));
                Some(ndp_frame(mac, self.mac, self.ll, src, &na, &[]))
            }
            _ => None,
        }
    }
}

struct Link {
    hosts: Vec<Host>,
    router: Option<Router>,
    now: u32,
    /// Every frame that went over the link.
    log: Vec<Vec<u8>>,
}

impl Link {
    fn new(macs: &[MacAddress], router: bool) -> Link {
        let hosts = macs
            .iter()
            .enumerate()
            .map(|(i, mac)| {
                let mut c = Config::new(*mac);
                c.seed = 0x1000 + i as u32 * 7919;
                Host {
                    iface: Interface::new(c),
                    buf: [0; BUF],
                    udp: Vec::new(),
                    events: Vec::new(),
                }
            })
            .collect();
        Link {
            hosts,
            router: router.then(Router::new),
            now: 0,
            log: Vec::new(),
        }
    }

    /// Puts `frame`, sent by host `from` (None: the router), on the link and
    /// lets every other station react, answers included.
    fn transmit(&mut self, from: Option<usize>, frame: Vec<u8>) {
        let mut queue = vec![(from, frame)];
        while let Some((from, f)) = queue.pop() {
            self.log.push(f.clone());
            assert!(self.log.len() < 100_000, "link storm");
            for (i, h) in self.hosts.iter_mut().enumerate() {
                if Some(i) == from || f.len() > BUF {
                    continue;
                }
                h.buf[..f.len()].copy_from_slice(&f);
                match h.iface.receive(&mut h.buf, f.len(), self.now) {
                    Received::Transmit(n) => queue.push((Some(i), h.buf[..n].to_vec())),
                    Received::Udp(m) => {
                        h.udp
                            .push((m.src, m.src_port, m.dst_port, h.buf[m.payload].to_vec()));
                    }
                    _ => {}
                }
            }
            if from.is_some() {
                if let Some(r) = self.router.as_mut() {
                    if let Some(answer) = r.hear(&f) {
                        queue.push((None, answer));
                    }
                }
            }
        }
    }

    /// Runs the link until `t`, 10 ms at a time.
    fn run_to(&mut self, t: u32) {
        while self.now < t {
            if let Some(r) = self.router.as_mut() {
                if self.now >= r.next_ra {
                    r.next_ra = self.now + 30_000;
                    let ra = r.ra();
                    self.transmit(None, ra);
                }
            }
            for i in 0..self.hosts.len() {
                loop {
                    let h = &mut self.hosts[i];
                    let Some(n) = h.iface.poll_transmit(&mut h.buf, self.now) else {
                        break;
                    };
                    let f = h.buf[..n].to_vec();
                    self.transmit(Some(i), f);
                }
                let h = &mut self.hosts[i];
                while let Some(e) = h.iface.poll_event() {
                    h.events.push(e);
                }
            }
            self.now += 10;
        }
    }

    /// Sends UDP from host `i`, retrying every 10 ms of link time until the
    /// next hop is resolved; returns the number of attempts.
    fn send(
        &mut self,
        i: usize,
        src_port: u16,
        dst: Ipv6Address,
        dst_port: u16,
        data: &[u8],
    ) -> usize {
        for attempt in 1..=500 {
            let h = &mut self.hosts[i];
            let off = h.iface.udp_payload_offset();
            h.buf[off..off + data.len()].copy_from_slice(data);
            match h
                .iface
                .send_udp(&mut h.buf, self.now, src_port, &dst, dst_port, data.len())
            {
                Ok(n) => {
                    let f = h.buf[..n].to_vec();
                    self.transmit(Some(i), f);
                    return attempt;
                }
                Err(nb::Error::WouldBlock) => {
                    let t = self.now + 10;
                    self.run_to(t);
                }
                Err(nb::Error::Other(e)) => panic!("send failed: {e:?}"),
            }
        }
        panic!("next hop never resolved");
    }

    fn global(&self, i: usize) -> Ipv6Address {
        self.hosts[i]
            .iface
            .addresses()
            .find(|(a, s)| !a.is_link_local() && *s == AddressState::Preferred)
            .map(|(a, _)| a)
            .expect("a preferred global address")
    }
}

fn mac(last: u8) -> MacAddress {
    MacAddress([0x02, 0, 0, 0, 0, last])
}

#[test]
fn hosts_autoconfigure_and_exchange_udp_through_resolution() {
    let mut link = Link::new(&[mac(1), mac(2)], true);
    link.run_to(5_000);
    for h in &link.hosts {
        assert_eq!(
            h.iface.dns_servers().copied().collect::<Vec<_>>(),
            [ip("2001:db8::53")]
        );
        assert_eq!(
            h.iface.default_router(),
            Some(&link.router.as_ref().unwrap().ll)
        );
        assert!(h
            .events
            .iter()
            .any(|e| matches!(e, Event::AddressAssigned(a) if !a.is_link_local())));
    }
    let (a, b) = (link.global(0), link.global(1));
    assert_eq!(a, ip("2001:db8:1::ff:fe00:1"));
    assert_eq!(b, ip("2001:db8:1::ff:fe00:2"));
    link.hosts[1].iface.bind(9).unwrap();
    link.hosts[0].iface.bind(7).unwrap();
    // On-link (L flag): resolved directly, NS then NA, then sent.
    let attempts = link.send(0, 7, b, 9, b"hello");
    assert!(attempts >= 2, "first try must wait for resolution");
    assert_eq!(link.hosts[1].udp, [(a, 7, 9, b"hello".to_vec())]);
    // B learned A from the NS's SLLAO: its answer goes out at once.
    assert_eq!(link.send(1, 9, a, 7, b"world"), 1);
    assert_eq!(link.hosts[0].udp, [(b, 9, 7, b"world".to_vec())]);
    // Every frame on the link has a valid upper-layer checksum.
    for f in &link.log {
        let (src, dst) = (
            Ipv6Address::from_bytes(&f[22..38]),
            Ipv6Address::from_bytes(&f[38..54]),
        );
        let (nh, at) = if f[20] == 0 { (f[54], 62) } else { (f[20], 54) };
        let plen = u16::from_be_bytes([f[18], f[19]]) as usize;
        assert_eq!(
            checksum::ipv6_upper_layer(&src, &dst, nh, &f[at..54 + plen]),
            0
        );
    }
}

#[test]
fn off_link_traffic_goes_to_the_router_mac() {
    let mut link = Link::new(&[mac(1)], true);
    link.run_to(5_000);
    let before = link.log.len();
    link.send(0, 7, ip("2001:db8:99::1"), 9, b"far");
    let sent = link.log[before..].iter().find(|f| f[20] == 17).unwrap();
    assert_eq!(sent[0..6], link.router.as_ref().unwrap().mac.0);
    assert_eq!(Ipv6Address::from_bytes(&sent[38..54]), ip("2001:db8:99::1"));
}

#[test]
fn closed_port_answered_with_port_unreachable_on_the_link() {
    let mut link = Link::new(&[mac(1), mac(2)], false);
    link.run_to(3_000);
    let b = link.hosts[1].iface.link_local();
    link.send(0, 7, b, 9999, b"anyone?");
    assert_eq!(link.hosts[1].iface.counters().icmp_errors_sent, 1);
    let err = link
        .log
        .iter()
        .rev()
        .find(|f| f[20] == 58 && f[54] == 1)
        .unwrap();
    assert_eq!(err[55], 4);
    assert_eq!(err[0..6], mac(1).0);
}

#[test]
fn twin_board_with_the_same_mac_sees_the_duplicate() {
    // The board whose probe goes first keeps the address (RFC 4862 5.4.3:
    // the other one hears that probe while its own address is tentative).
    let mut link = Link::new(&[mac(7), mac(7)], false);
    link.run_to(3_000);
    let ll = Ipv6Address::link_local_from_mac(&mac(7));
    let mut states: Vec<_> = link
        .hosts
        .iter()
        .map(|h| h.iface.address_state(&ll).unwrap())
        .collect();
    states.sort_by_key(|s| *s == AddressState::Duplicate);
    assert_eq!(states, [AddressState::Preferred, AddressState::Duplicate]);
    let loser = link
        .hosts
        .iter()
        .find(|h| h.iface.address_state(&ll) == Some(AddressState::Duplicate))
        .unwrap();
    assert_eq!(loser.events, [Event::AddressDuplicate(ll)]);
    // Only one DAD probe went over the link.
    let probes = link
        .log
        .iter()
        .filter(|f| f[20] == 58 && f[54] == 135 && f[22..38] == [0; 16])
        .count();
    assert_eq!(probes, 1);
}

#[test]
fn router_that_stops_answering_is_dropped_by_nud() {
    let mut link = Link::new(&[mac(1)], true);
    link.run_to(5_000);
    link.send(0, 7, ip("2001:db8:99::1"), 9, b"x");
    link.router.as_mut().unwrap().alive = false;
    // Let the entry go STALE (ReachableTime at most 45 s), then send: DELAY,
    // PROBE, three unanswered probes, entry gone.
    link.run_to(60_000);
    link.send(0, 7, ip("2001:db8:99::1"), 9, b"x");
    link.run_to(70_000);
    let r = link.router.as_ref().unwrap().ll;
    assert!(link.hosts[0]
        .events
        .contains(&Event::NeighborUnreachable(r)));
}
