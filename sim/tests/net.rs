//! The virtual network: Router Advertisements, Neighbor Discovery, DNS and
//! NTP answers with exact times, delay and loss; a native `microip6` node
//! (the project's stack, built for the host) as the board; the session's
//! pcap capture read back (and by tshark when installed).

use std::net::Ipv6Addr;

use microip6::clock::softclock::SoftClock;
use microip6::dns::{self, Resolver, State};
use microip6::iface::{self, Interface, Received};
use microip6::sntp::SntpClient;
use microip6::wire::{Ipv6Address, MacAddress};
use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::net::{packet, pcap, NetConfig, VirtualNet, NTP_UNIX_OFFSET, ROUTER_MAC};

const MS: u64 = PS_PER_S / 1000;
const US: u64 = PS_PER_S / 1_000_000;
const BOARD_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x42];

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn board_ll() -> Ipv6Addr {
    "fe80::ff:fe00:42".parse().unwrap()
}

fn board_global() -> Ipv6Addr {
    "2001:db8:1::ff:fe00:42".parse().unwrap()
}

/// A Router Solicitation from the board, as on the wire (RFC 4861 4.1).
fn router_solicitation() -> Vec<u8> {
    let dst: Ipv6Addr = "ff02::2".parse().unwrap();
    let mut rs = vec![133, 0, 0, 0, 0, 0, 0, 0, 1, 1];
    rs.extend_from_slice(&BOARD_MAC);
    packet::build_ipv6(
        BOARD_MAC,
        packet::multicast_mac(&dst),
        board_ll(),
        dst,
        packet::PROTO_ICMPV6,
        255,
        &rs,
    )
}

/// A UDP datagram from the board to `dst` (MAC `dst_mac`).
fn board_udp(dst_mac: [u8; 6], dst: Ipv6Addr, src_port: u16, port: u16, data: &[u8]) -> Vec<u8> {
    packet::build_ipv6(
        BOARD_MAC,
        dst_mac,
        board_global(),
        dst,
        packet::PROTO_UDP,
        64,
        &packet::udp(src_port, port, data),
    )
}

/// An ICMPv6 message `body` from the board's global address to `dst`
/// (MAC `dst_mac`).
fn board_icmpv6(dst_mac: [u8; 6], dst: Ipv6Addr, hop_limit: u8, body: &[u8]) -> Vec<u8> {
    packet::build_ipv6(
        BOARD_MAC,
        dst_mac,
        board_global(),
        dst,
        packet::PROTO_ICMPV6,
        hop_limit,
        body,
    )
}

/// The board's Neighbor Solicitation for `target` with its SLLA, to the
/// target's solicited-node group (RFC 4861 4.3); valid only with hop
/// limit 255 (7.1.1).
fn neighbor_solicitation(target: Ipv6Addr, hop_limit: u8) -> Vec<u8> {
    let sn = packet::solicited_node(&target);
    let mut ns = vec![135, 0, 0, 0, 0, 0, 0, 0];
    ns.extend_from_slice(&target.octets());
    ns.extend_from_slice(&[1, 1]);
    ns.extend_from_slice(&BOARD_MAC);
    board_icmpv6(packet::multicast_mac(&sn), sn, hop_limit, &ns)
}

/// The board's solicited, override Neighbor Advertisement for `target`
/// with its TLLA (RFC 4861 4.4), to `dst` (MAC `dst_mac`).
fn neighbor_advertisement(target: &[u8], dst_mac: [u8; 6], dst: Ipv6Addr) -> Vec<u8> {
    let mut na = vec![136, 0, 0, 0, 0x60, 0, 0, 0];
    na.extend_from_slice(target);
    na.extend_from_slice(&[2, 1]);
    na.extend_from_slice(&BOARD_MAC);
    board_icmpv6(dst_mac, dst, 255, &na)
}

/// A session of the virtual network with `cfg` and, as the board, the
/// test program tests/data/board/clock.elf on the MSPSim-mode ENC28J60
/// model (which queues frames even before the firmware enables
/// reception, so a sleeping program suffices).
fn clock_elf_session(cfg: NetConfig) -> proiot3_sim::session::Session {
    use proiot3_sim::session::{Network, Session};
    use proiot3_sim::{loader, Board, BoardConfig, EncModel};
    let image = loader::parse_elf(include_bytes!("data/board/clock.elf")).unwrap();
    let config = BoardConfig {
        enc_model: EncModel::Mspsim,
        ..BoardConfig::default()
    };
    Session::new(
        Board::new(&image, config),
        Network::Virtual(Box::new(VirtualNet::new(cfg))),
    )
}

fn run(net: &mut VirtualNet, until: u64) -> Vec<(u64, Vec<u8>)> {
    net.poll(until)
}

#[test]
fn router_answers_a_solicitation_with_the_configured_advertisement() {
    let mut net = VirtualNet::new(NetConfig::default());
    net.send_from_board(MS, router_solicitation());
    let got = run(&mut net, 2 * PS_PER_S);
    assert_eq!(got.len(), 1, "one RA within MAX_RA_DELAY_TIME");
    let (t, ra) = &got[0];
    // Sent after the RS arrived (1 ms + 1 ms path), within 500 ms, plus 1 ms back.
    assert!(*t >= 3 * MS && *t <= 503 * MS, "{t}");
    // Ethernet to all-nodes, from the router's link-local address, hop limit 255.
    assert_eq!(&ra[..14], &hex("333300000001 020000000001 86dd")[..]);
    let p = packet::parse_ipv6(ra).unwrap();
    assert_eq!(p.src, "fe80::1".parse::<Ipv6Addr>().unwrap());
    assert_eq!(p.dst, "ff02::1".parse::<Ipv6Addr>().unwrap());
    assert_eq!(p.hop_limit, 255);
    let body = packet::parse_icmpv6(&p).unwrap();
    // The checksum bytes (2-3) verified above; the rest byte for byte:
    // hop limit 64, no M/O, lifetime 1800 s; SLLA; MTU 1500; prefix
    // 2001:db8:1::/64 with L+A, valid 1 day, preferred 4 h; RDNSS ::53 for 600 s.
    let mut want = hex("8600 0000 40 00 0708 00000000 00000000
         0101 020000000001
         0501 0000 000005dc
         0304 40 c0 00015180 00003840 00000000 20010db8000100000000000000000000
         1903 0000 00000258 20010db8000100000000000000000053");
    want[2..4].copy_from_slice(&body[2..4]);
    assert_eq!(body, &want[..]);
    // The next unsolicited RA: at 30 s (half the interval), then every 60 s.
    let later = run(&mut net, 91 * PS_PER_S);
    let times: Vec<u64> = later.iter().map(|(t, _)| *t).collect();
    assert_eq!(times, vec![30 * PS_PER_S + MS, 90 * PS_PER_S + MS]);
    assert_eq!(net.counters().router_advertisements, 3);
}

#[test]
fn hosts_answer_neighbor_solicitations_and_echo() {
    let mut net = VirtualNet::new(NetConfig::default());
    let target: Ipv6Addr = "2001:db8:1::123".parse().unwrap();
    net.send_from_board(0, neighbor_solicitation(target, 255));
    let got = run(&mut net, 10 * MS);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, 2 * MS);
    let p = packet::parse_ipv6(&got[0].1).unwrap();
    assert_eq!(
        (p.src, p.dst, p.dst_mac),
        (target, board_global(), BOARD_MAC)
    );
    let na = packet::parse_icmpv6(&p).unwrap();
    // NA, S+O (not a router), target, TLLA 02:00:00:00:01:23.
    assert_eq!(na[0], 136);
    assert_eq!(na[4], 0x60);
    assert_eq!(&na[8..24], &target.octets());
    assert_eq!(&na[24..], &hex("0201 020000000123")[..]);
    // An NS with hop limit 64 is invalid (RFC 4861 7.1.1): no answer.
    net.send_from_board(20 * MS, neighbor_solicitation(target, 64));
    assert!(run(&mut net, 30 * MS).is_empty());
    // Echo to the router's global address (its MAC is ROUTER_MAC).
    let mut echo = vec![128, 0, 0, 0, 0x12, 0x34, 0, 1];
    echo.extend_from_slice(b"ping");
    let router: Ipv6Addr = "2001:db8:1::1".parse().unwrap();
    net.send_from_board(40 * MS, board_icmpv6([2, 0, 0, 0, 0, 1], router, 64, &echo));
    // The router does not know our MAC yet: it resolves it with an NS first.
    let got = run(&mut net, 50 * MS);
    assert_eq!(got.len(), 1);
    let p = packet::parse_ipv6(&got[0].1).unwrap();
    let m = packet::parse_icmpv6(&p).unwrap();
    assert_eq!(m[0], 135);
    assert_eq!(p.dst, packet::solicited_node(&board_global()));
    assert_eq!(&m[8..24], &board_global().octets());
    // Our NA (solicited, override, TLLA) releases the queued echo reply.
    let na = neighbor_advertisement(&board_global().octets(), [2, 0, 0, 0, 0, 1], p.src);
    net.send_from_board(60 * MS, na);
    let got = run(&mut net, 70 * MS);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, 62 * MS);
    let p = packet::parse_ipv6(&got[0].1).unwrap();
    assert_eq!(
        (p.src, p.dst, p.dst_mac),
        (router, board_global(), BOARD_MAC)
    );
    let m = packet::parse_icmpv6(&p).unwrap();
    assert_eq!(&m[..2], &[129, 0]);
    assert_eq!(&m[4..], &hex("1234 0001 70696e67")[..]);
    assert_eq!(net.counters().echo_replies, 1);
}

/// Sends a DNS query for `name`/`qtype` and returns the reply payload.
fn dns_query(net: &mut VirtualNet, at: u64, id: u16, name: &str, qtype: u16) -> Vec<u8> {
    dns_query_via(net, at, id, name, qtype, proiot3_sim::net::DNS_MAC)
}

/// A DNS query from the board's global address sent to `dst_mac` (the
/// DNS host's, or the router's to be forwarded); answers the hosts' NS
/// for the board and returns the reply's UDP payload.
fn dns_query_via(
    net: &mut VirtualNet,
    at: u64,
    id: u16,
    name: &str,
    qtype: u16,
    dst_mac: [u8; 6],
) -> Vec<u8> {
    let mut q = id.to_be_bytes().to_vec();
    q.extend_from_slice(&hex("0100 0001 0000 0000 0000"));
    q.extend_from_slice(&proiot3_sim::net::dns::encode_name(name));
    q.extend_from_slice(&qtype.to_be_bytes());
    q.extend_from_slice(&[0, 1]);
    // The board's NS taught nothing: the server learns our MAC from an NS
    // it sends; answer it so that the reply can go out.
    let dns_ip = net.config().dns_address();
    net.send_from_board(at, board_udp(dst_mac, dns_ip, 40000, 53, &q));
    let mut reply = None;
    let mut t = at;
    while reply.is_none() && t < at + PS_PER_S {
        t += MS;
        for (_, f) in run(net, t) {
            let p = packet::parse_ipv6(&f).unwrap();
            if p.next_header == packet::PROTO_ICMPV6 {
                let m = packet::parse_icmpv6(&p).unwrap();
                assert_eq!(m[0], 135, "only NS expected");
                net.send_from_board(t, neighbor_advertisement(&m[8..24], p.src_mac, p.src));
            } else {
                let u = packet::parse_udp(&p).unwrap();
                assert_eq!((p.src, u.src_port, u.dst_port), (dns_ip, 53, 40000));
                reply = Some(u.payload.to_vec());
            }
        }
    }
    reply.expect("a DNS reply")
}

/// The board's first query goes from an optimistic address, which may not
/// resolve (RFC 4429 3.3), to the default router's MAC: the router
/// forwards it to the DNS host, whose answer comes back directly.
#[test]
fn router_forwards_a_query_sent_to_its_mac_to_the_dns_host() {
    let mut net = VirtualNet::new(NetConfig::default());
    let r = dns_query_via(&mut net, 0, 0x1234, "pool.ntp.org", 28, ROUTER_MAC);
    assert_eq!(&r[..4], &hex("1234 8180")[..]);
    assert_eq!(
        &r[r.len() - 16..],
        &hex("20010db8000100000000000000000123")[..]
    );
    assert_eq!(net.counters().forwarded, 1);
    assert_eq!(net.log().dns.len(), 1);

    // Hop limit 1 is not forwarded (RFC 8200 3), nor a link-local
    // destination (RFC 4291 2.5.6).
    let mut net = VirtualNet::new(NetConfig::default());
    let dns_ip = net.config().dns_address();
    let mut f = board_udp(ROUTER_MAC, dns_ip, 40000, 53, b"x");
    f[14 + 7] = 1;
    net.send_from_board(0, f);
    let ll: Ipv6Addr = "fe80::53".parse().unwrap();
    net.send_from_board(0, board_udp(ROUTER_MAC, ll, 40000, 53, b"x"));
    assert!(run(&mut net, PS_PER_S).is_empty());
    assert_eq!(net.counters().forwarded, 0);
    assert_eq!(net.counters().ignored, 2);
    assert!(net.log().dns.is_empty());

    // `router_forwards: false` (`--router no-forward`): dropped.
    let mut net = VirtualNet::new(NetConfig {
        router_forwards: false,
        ..NetConfig::default()
    });
    net.send_from_board(0, board_udp(ROUTER_MAC, dns_ip, 40000, 53, b"x"));
    assert!(run(&mut net, PS_PER_S).is_empty());
    assert_eq!(net.counters().forwarded, 0);
    assert_eq!(net.counters().ignored, 1);
    assert!(net.log().dns.is_empty());
}

/// A packet for an on-link address no host owns (here the board's own)
/// is held while the router resolves it, then forwarded with the router's
/// MAC as source and the hop limit one less.
#[test]
fn router_resolves_then_forwards_to_the_board() {
    let mut net = VirtualNet::new(NetConfig::default());
    let sent = board_udp(ROUTER_MAC, board_global(), 40000, 7, b"hello");
    net.send_from_board(0, sent.clone());
    let frames = run(&mut net, 10 * MS);
    assert_eq!(frames.len(), 1);
    let p = packet::parse_ipv6(&frames[0].1).unwrap();
    let m = packet::parse_icmpv6(&p).unwrap();
    assert_eq!((m[0], &m[8..24]), (135, &board_global().octets()[..]));
    let na = neighbor_advertisement(&board_global().octets(), ROUTER_MAC, p.src);
    net.send_from_board(10 * MS, na);
    let frames = run(&mut net, 20 * MS);
    assert_eq!(frames.len(), 1);
    let got = &frames[0].1;
    let mut want = sent.clone();
    want[0..6].copy_from_slice(&BOARD_MAC);
    want[6..12].copy_from_slice(&ROUTER_MAC);
    want[14 + 7] = 63;
    assert_eq!(got, &want);
    assert_eq!(net.counters().forwarded, 1);
}

#[test]
fn dns_answers_aaaa_cname_nxdomain_and_nodata() {
    let mut net = VirtualNet::new(NetConfig::default());
    let q = "pool.ntp.org";
    let r = dns_query(&mut net, 0, 0xBEEF, "Pool.NTP.org", 28);
    // id, QR RD RA, NOERROR, 1 question, 1 answer; question; AAAA via a
    // pointer to the question name, TTL 300, 2001:db8:1::123.
    let mut want = hex("beef 8180 0001 0001 0000 0000");
    want.extend_from_slice(&proiot3_sim::net::dns::encode_name(q));
    want.extend_from_slice(&hex(
        "001c 0001  c00c 001c 0001 0000012c 0010 20010db8000100000000000000000123",
    ));
    assert_eq!(r, want);
    // Cross-check with the stack's DNS view.
    let pkt = microip6::wire::dns::DnsPacket::new_checked(&r[..]).unwrap();
    let rec = pkt.resolve(28).unwrap().unwrap();
    assert_eq!(rec.rdata, &hex("20010db8000100000000000000000123")[..]);

    let r = dns_query(&mut net, 2 * PS_PER_S, 7, "unknown.example", 28);
    assert_eq!(&r[..12], &hex("0007 8183 0001 0000 0000 0000")[..]); // NXDOMAIN
    let r = dns_query(&mut net, 4 * PS_PER_S, 8, q, 1);
    assert_eq!(&r[..12], &hex("0008 8180 0001 0000 0000 0000")[..]); // NODATA for A

    let cfg = NetConfig {
        cname: Some("ntp1.sim.example".into()),
        ..NetConfig::default()
    };
    let mut net = VirtualNet::new(cfg);
    let r = dns_query(&mut net, 0, 9, q, 28);
    let mut want = hex("0009 8180 0001 0002 0000 0000");
    want.extend_from_slice(&proiot3_sim::net::dns::encode_name(q));
    want.extend_from_slice(&hex("001c 0001  c00c 0005 0001 0000012c 0012"));
    want.extend_from_slice(&proiot3_sim::net::dns::encode_name("ntp1.sim.example"));
    // AAAA owned by the CNAME target (pointer to offset 12+18+12 = 42).
    want.extend_from_slice(&hex(
        "c02a 001c 0001 0000012c 0010 20010db8000100000000000000000123",
    ));
    assert_eq!(r, want);
    let pkt = microip6::wire::dns::DnsPacket::new_checked(&r[..]).unwrap();
    let rec = pkt.resolve(28).unwrap().unwrap();
    assert_eq!(rec.rdata, &hex("20010db8000100000000000000000123")[..]);
    assert_eq!(net.log().dns.len(), 1);
    assert_eq!(net.log().dns[0].1.name, "pool.ntp.org");
}

#[test]
fn ntp_server_stamps_exact_true_time_over_an_asymmetric_path() {
    let cfg = NetConfig {
        delay_to_hosts_ps: 2 * MS,
        delay_to_board_ps: 3 * MS + 250 * US,
        epoch_unix_s: 1_800_000_000,
        epoch_subsec_ps: 123_456_789,
        ..NetConfig::default()
    };
    let mut net = VirtualNet::new(cfg.clone());
    // Teach the NTP server our MAC (NS with SLLA) first.
    let target = cfg.ntp_address();
    net.send_from_board(0, neighbor_solicitation(target, 255));
    assert_eq!(run(&mut net, 10 * MS).len(), 1); // the NA

    // Client request: LI 0, VN 4, mode 3, transmit timestamp T1.
    let mut req = vec![0u8; 48];
    req[0] = 0x23;
    req[2] = 6;
    let t1: u64 = 0xEB4C_0000_1234_5678;
    req[40..].copy_from_slice(&t1.to_be_bytes());
    let sent = 1_234_567_890_123; // 1.23 s
    net.send_from_board(
        sent,
        board_udp(proiot3_sim::net::NTP_MAC, target, 50123, 123, &req),
    );
    let got = run(&mut net, 2 * PS_PER_S);
    assert_eq!(got.len(), 1);
    let (arrival, f) = &got[0];
    let t2_at = sent + 2 * MS;
    let t3_at = t2_at + 10 * US; // processing time
    assert_eq!(*arrival, t3_at + 3 * MS + 250 * US);
    let p = packet::parse_ipv6(f).unwrap();
    let u = packet::parse_udp(&p).unwrap();
    assert_eq!((u.src_port, u.dst_port), (123, 50123));
    let r = u.payload;
    assert_eq!(&r[..4], &[0x24, 1, 6, 0xEC]); // VN 4 mode 4, stratum 1, poll 6, precision -20
    assert_eq!(&r[12..16], b"SIM\0");
    assert_eq!(&r[24..32], &t1.to_be_bytes()); // origin = client's transmit
                                               // T2/T3: Unix 1_800_000_000 s + 123_456_789 ps + the simulated time,
                                               // computed here independently: seconds since 1900, 2^-32 s fractions.
    let ntp = |t_ps: u64| -> u64 {
        let total_ps = 123_456_789u128 + u128::from(t_ps);
        let secs = 1_800_000_000u128 + u128::from(NTP_UNIX_OFFSET) + total_ps / 1_000_000_000_000;
        let frac = ((total_ps % 1_000_000_000_000) << 32) as f64 / 1e12;
        ((secs as u64) << 32) + frac.round() as u64
    };
    let t2 = u64::from_be_bytes(r[32..40].try_into().unwrap());
    let t3 = u64::from_be_bytes(r[40..48].try_into().unwrap());
    assert_eq!(t2, ntp(t2_at));
    assert_eq!(t3, ntp(t3_at));
    assert_eq!(t2, cfg.ntp_timestamp(t2_at));
    let x = &net.log().ntp[0];
    assert_eq!((x.request_sent_ps, x.server_receive_ps), (sent, t2_at));
    assert_eq!(x.client_transmit, t1);
    // A mode-4 packet (not a request) gets no answer.
    req[0] = 0x24;
    net.send_from_board(
        3 * PS_PER_S,
        board_udp(proiot3_sim::net::NTP_MAC, target, 50123, 123, &req),
    );
    assert!(run(&mut net, 4 * PS_PER_S).is_empty());
}

#[test]
fn loss_and_jitter_follow_the_configuration_and_the_seed() {
    let cfg = NetConfig {
        loss: 0.3,
        jitter_ps: 500 * US,
        ra_interval_ps: 0,
        seed: 42,
        ..NetConfig::default()
    };
    let draw = |cfg: &NetConfig| {
        let mut net = VirtualNet::new(cfg.clone());
        let target = cfg.router_address();
        let mut delays = Vec::new();
        for i in 0..400u64 {
            let t = i * 10 * MS;
            let mut echo = vec![128, 0, 0, 0, 0, 1];
            echo.extend_from_slice(&(i as u16).to_be_bytes());
            // Echo to the router's link-local address, hop limit 255 NS not
            // needed: to all-nodes, answered straight to our source MAC.
            let dst: Ipv6Addr = "ff02::1".parse().unwrap();
            let f = packet::build_ipv6(
                BOARD_MAC,
                packet::multicast_mac(&dst),
                board_ll(),
                dst,
                packet::PROTO_ICMPV6,
                64,
                &echo,
            );
            let _ = target;
            net.send_from_board(t, f);
            for (at, _) in net.poll(t + 10 * MS - 1) {
                delays.push(at - t);
            }
        }
        (delays, net.counters())
    };
    let (delays, c) = draw(&cfg);
    // Three hosts answer every echo to all-nodes that got through.
    let arrived = 400 - c.lost_to_hosts;
    assert_eq!(c.from_hosts, 3 * arrived);
    assert_eq!(delays.len() as u64, c.from_hosts - c.lost_to_board);
    let lost = c.lost_to_hosts + c.lost_to_board;
    let sent = 400 + c.from_hosts;
    let rate = lost as f64 / sent as f64;
    assert!((0.25..0.35).contains(&rate), "loss {rate}");
    // Each delay: 1 ms + 1 ms path plus up to 0.5 ms jitter each way.
    assert!(delays.iter().all(|d| (2 * MS..=3 * MS).contains(d)));
    assert!(delays.iter().any(|d| *d > 2 * MS + 500 * US));
    // Same seed, same draws; another seed, other draws.
    assert_eq!(draw(&cfg).0, delays);
    let other = NetConfig { seed: 43, ..cfg };
    assert_ne!(draw(&other).0, delays);
}

/// The project's stack, run natively as the board: SLAAC from the RA, the
/// DNS server from RDNSS, the NTP server's address through a CNAME, then
/// SNTP; the server log gives the node's clock error at each request
/// exactly.
fn native_node(cfg: NetConfig, drift_ppm: f64, seconds: u64) -> (VirtualNet, SntpClient, u32) {
    let mut net = VirtualNet::new(cfg);
    let mut c = iface::Config::new(MacAddress(BOARD_MAC));
    c.seed = 0x1234_5678;
    let mut node: Interface = Interface::new(c);
    let mut resolver: Resolver = Resolver::new(dns::Config::new(0x5eed));
    let mut sntp = SntpClient::new(SoftClock::new(32768), 0xc0ffee);
    let mut buf = [0u8; 1514];
    let ticks_at = |t: u64| -> u32 {
        let hz = 32768.0 * (1.0 + drift_ppm * 1e-6);
        ((t as f64 / PS_PER_S as f64) * hz) as u64 as u32
    };
    let mut t = 0u64;
    let end = seconds * PS_PER_S;
    let mut asked = false;
    while t < end {
        // The node's wrapping millisecond clock, from 3 s before its wrap.
        let now_ms = (u32::MAX - 2_999).wrapping_add((t / MS) as u32);
        let ticks = ticks_at(t);
        for (_, f) in net.poll(t) {
            buf[..f.len()].copy_from_slice(&f);
            match node.receive(&mut buf, f.len(), now_ms) {
                Received::Transmit(n) => net.send_from_board(t, buf[..n].to_vec()),
                Received::Udp(meta) => {
                    let payload = buf[meta.payload.clone()].to_vec();
                    if !resolver.receive(&meta, &payload, now_ms) {
                        sntp.receive(&meta, &payload, now_ms, ticks);
                    }
                }
                _ => {}
            }
        }
        while let Some(n) = node.poll_transmit(&mut buf, now_ms) {
            net.send_from_board(t, buf[..n].to_vec());
        }
        if !asked && node.dns_servers().next().is_some() && node.global_address().is_some() {
            resolver.resolve("pool.ntp.org", now_ms);
            asked = true;
        }
        if resolver.state() == State::Resolved && sntp.server().is_none() {
            let servers: Vec<Ipv6Address> = resolver.addresses().to_vec();
            sntp.set_servers(&servers);
        }
        if let Some(n) = resolver.poll_send(&mut node, &mut buf, now_ms) {
            net.send_from_board(t, buf[..n].to_vec());
        }
        if let Some(n) = sntp.poll_send(&mut node, &mut buf, now_ms, ticks) {
            net.send_from_board(t, buf[..n].to_vec());
        }
        // Next: the next frame arrival, or the next millisecond.
        let next_ms = (t / MS + 1) * MS;
        t = net
            .next_event_ps()
            .map_or(next_ms, |e| e.min(next_ms))
            .max(t + 1);
    }
    let ticks = ticks_at(end);
    (net, sntp, ticks)
}

#[test]
fn native_stack_node_configures_resolves_and_synchronises() {
    let cfg = NetConfig {
        cname: Some("ntp1.sim.example".into()),
        delay_to_hosts_ps: 2 * MS,
        delay_to_board_ps: 2 * MS,
        ..NetConfig::default()
    };
    let (net, mut sntp, ticks) = native_node(cfg.clone(), 0.0, 40);
    let log = net.log();
    assert_eq!(log.dns.len(), 1, "{:?}", log.dns);
    assert_eq!(log.dns[0].1.answers, 2); // CNAME + AAAA
    assert!(log.ntp.len() >= 2, "{:?}", log.ntp);
    assert!(net.counters().router_solicitations >= 1);
    // Before the first sync the clock is not set; after it, a symmetric
    // path leaves only the 32768 Hz tick resolution and the processing
    // time (10 us): within 50 us of true time at every later request.
    for x in &log.ntp {
        eprintln!(
            "NTP request at {:.6} s: clock error {} ps",
            x.request_sent_ps as f64 / PS_PER_S as f64,
            x.client_error_ps(&cfg)
        );
    }
    for x in &log.ntp[1..] {
        let err = x.client_error_ps(&cfg);
        assert!(
            err.abs() < 50_000_000,
            "error {err} ps at {}",
            x.request_sent_ps
        );
    }
    let now = sntp.now(ticks).0;
    let err_ps = proiot3_sim::net::ntp_to_unix_ps(now) - cfg.true_unix_ps(40 * PS_PER_S) as i128;
    assert!(err_ps.abs() < 50_000_000, "{err_ps}");
}

#[test]
fn asymmetric_path_shifts_the_clock_by_half_the_difference() {
    // 1 ms up, 5 ms down: NTP sees offset (1 - 5) / 2 = -2 ms too low.
    let cfg = NetConfig {
        delay_to_hosts_ps: MS,
        delay_to_board_ps: 5 * MS,
        ..NetConfig::default()
    };
    let (net, _, _) = native_node(cfg.clone(), 0.0, 40);
    let log = &net.log().ntp;
    assert!(log.len() >= 2);
    for x in &log[1..] {
        let err = x.client_error_ps(&cfg) as f64 / 1e9;
        eprintln!("asymmetric path: clock error {err:+.6} ms");
        assert!((err + 2.0).abs() < 0.05, "error {err} ms");
    }
}

#[test]
fn session_captures_frames_both_ways_in_pcap() {
    let mut s = clock_elf_session(NetConfig {
        ra_interval_ps: 4 * PS_PER_S,
        ..NetConfig::default()
    });
    let path = std::env::temp_dir().join(format!("proiot3-sim-net-{}.pcap", std::process::id()));
    s.capture(path.to_str().unwrap()).unwrap();
    // Unsolicited RAs at 2 s and 6 s (+1 ms path).
    s.run_until(7 * PS_PER_S);
    assert_eq!(s.frames.delivered, 2);
    assert_eq!(s.frames.refused, 0);
    assert_eq!(s.finish_capture().unwrap(), 2);
    let data = std::fs::read(&path).unwrap();
    let frames = pcap::read(&data).unwrap();
    let base = proiot3_sim::net::DEFAULT_EPOCH_UNIX_S * 1_000_000;
    assert_eq!(
        frames.iter().map(|(us, _)| us - base).collect::<Vec<_>>(),
        vec![2_001_000, 6_001_000]
    );
    assert_eq!(frames[0].1[..6], [0x33, 0x33, 0, 0, 0, 1]);
    // tshark (Debian package) reads the file as Ethernet/IPv6/ICMPv6.
    match std::process::Command::new("tshark")
        .args(["-r", path.to_str().unwrap(), "-T", "fields"])
        .args([
            "-e",
            "frame.time_epoch",
            "-e",
            "ipv6.src",
            "-e",
            "icmpv6.type",
        ])
        .output()
    {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), 2, "{text}");
            for (line, t) in lines.iter().zip(["1735689602.001", "1735689606.001"]) {
                let fields: Vec<&str> = line.split('\t').collect();
                assert!(fields[0].starts_with(t), "{line}");
                assert_eq!(&fields[1..], &["fe80::1", "134"], "{line}");
            }
        }
        Ok(out) => panic!("tshark failed: {}", String::from_utf8_lossy(&out.stderr)),
        Err(_) => eprintln!("tshark not installed: pcap checked by the reader only"),
    }
    let _ = std::fs::remove_file(path);
}

/// The report's clock lines: the board's clock error at each NTP request
/// (from the request's transmit timestamp), the displayed time after the
/// reply and at the end (from `Session::shown_times`, filled here by hand
/// as the display reader would).
#[test]
fn report_gives_clock_error_at_each_request_and_on_the_display() {
    use proiot3_sim::session::Network;
    let cfg = NetConfig {
        ra_interval_ps: 0,
        ..NetConfig::default()
    };
    let ntp_ip = cfg.ntp_address();
    let true_ntp = |t: u64| cfg.ntp_timestamp(t);
    let mut s = clock_elf_session(cfg.clone());
    let Network::Virtual(net) = &mut s.net else {
        unreachable!()
    };
    // Teach the server our MAC, then a request whose transmit timestamp
    // is 3 ms behind true time when it leaves at 0.5 s.
    net.send_from_board(0, neighbor_solicitation(ntp_ip, 255));
    let mut req = vec![0u8; 48];
    req[0] = 0x23;
    let sent = PS_PER_S / 2;
    req[40..].copy_from_slice(&true_ntp(sent - 3 * MS).to_be_bytes());
    net.send_from_board(
        sent,
        board_udp(proiot3_sim::net::NTP_MAC, ntp_ip, 40123, 123, &req),
    );
    s.run_until(PS_PER_S);
    // NA at 2 ms, NTP reply at 0.5 s + 1 ms + 10 us + 1 ms.
    assert_eq!(s.frames.delivered, 2);
    s.shown_times.push((PS_PER_S / 5, 0)); // 00:00:00 shown at 0.2 s
    s.shown_times.push((PS_PER_S + 4 * MS, 1)); // 00:00:01 at 1.004 s
    let r = s.report();
    assert_eq!(r.clock.len(), 1);
    let c = r.clock[0];
    assert!((c.error_ps + 3_000_000_000).abs() < 200, "{}", c.error_ps); // 2^-32 s rounding
    assert_eq!(c.display_after, Some((PS_PER_S + 4 * MS, -4_000_000_000)));
    let d = r.display_time.unwrap();
    assert_eq!((d.shown, d.error_ps, d.changes), (1, -4_000_000_000, 2));
    assert_eq!(d.max_abs_error_ps, 200_000_000_000);
    let text = r.to_string();
    assert!(
        text.contains(
            "clock at NTP request     0.500000 s: -3.000000 ms; \
             display after the reply (1.004000 s): -4.000 ms"
        ),
        "{text}"
    );
    assert!(
        text.contains("display clock    shows 00:00:01 since 1.004000 s: -4.000 ms vs true UTC"),
        "{text}"
    );
}
