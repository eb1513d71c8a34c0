//! The application on the simulator's virtual network (`proiot3_sim::net`:
//! a router sending RAs with RDNSS, a DNS server, an NTP server whose clock
//! is the simulation's exact time), with real frames both ways.

extern crate std;

use super::*;
use proiot3_sim::net::packet::{build_ipv6, parse_ipv6, parse_udp, PROTO_UDP};
use proiot3_sim::net::{NetConfig, VirtualNet, ROUTER_MAC};
use std::net::Ipv6Addr;
use std::string::{String, ToString};
use std::vec::Vec;

const PS: u64 = 1_000_000_000_000;
const MAC: MacAddress = MacAddress([2, 0, 0, 0, 0, 0x42]);
const GLOBAL: &str = "2001:db8:1::ff:fe00:42";
/// 2026-07-15T10:20:30Z (a Wednesday; CEST in Central Europe).
const EPOCH: u64 = 1_784_110_830;

/// When [`Bench::run_polling`] calls the app's `poll`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Polling {
    /// On every millisecond.
    EveryMs,
    /// As the firmware does: only when a frame came in, when `poll_in`'s
    /// wait has passed, or once a second (the display's pace).
    AsTheFirmware,
}

/// The app and the network, driven in simulated time with a 1 MHz tick
/// counter (ticks = simulated microseconds).
struct Bench {
    app: ClockApp,
    net: VirtualNet,
    t_ps: u64,
    buf: [u8; 1514],
    events: Vec<String>,
    /// Every frame the app sent, with its time.
    sent: Vec<(u64, Vec<u8>)>,
}

/// The platform's wrapping milliseconds at simulated time `t_ps`: they
/// start 5 s before the wrap, so that every run crosses it.
fn ms(t_ps: u64) -> u32 {
    (u32::MAX - 4_999).wrapping_add((t_ps / 1_000_000_000) as u32)
}

fn ticks(t_ps: u64) -> u32 {
    (t_ps / 1_000_000) as u32
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

impl Bench {
    fn new(cfg: NetConfig, name: &'static str, tz: &'static str) -> Bench {
        let mut c = AppConfig::new(MAC, 0x1234_5678);
        c.ntp_server_name = name;
        c.tz = std::boxed::Box::leak(std::boxed::Box::new(Tz::parse(tz).unwrap()));
        c.tick_hz = 1_000_000;
        Bench {
            app: ClockApp::new(c),
            net: VirtualNet::new(cfg),
            t_ps: 0,
            buf: [0; 1514],
            events: Vec::new(),
            sent: Vec::new(),
        }
    }

    fn config() -> NetConfig {
        NetConfig {
            epoch_unix_s: EPOCH,
            ra_interval_ps: 4 * PS,
            ntp_names: std::vec!["ntp.test".into()],
            ..NetConfig::default()
        }
    }

    fn send(&mut self, t: u64, n: usize) {
        self.sent.push((t, self.buf[..n].to_vec()));
        self.net.send_from_board(t, self.buf[..n].to_vec());
    }

    fn deliver(&mut self, t: u64, frame: &[u8]) {
        self.buf[..frame.len()].copy_from_slice(frame);
        if let Some(n) = self
            .app
            .receive(&mut self.buf, frame.len(), ms(t), ticks(t))
        {
            self.send(t, n);
        }
    }

    /// Runs for `seconds` of simulated time in 1 ms steps, polling the
    /// app on every step.
    fn run(&mut self, seconds: u64) {
        self.run_polling(seconds, Polling::EveryMs);
    }

    /// Runs for `seconds` of simulated time in 1 ms steps, polling as
    /// `polling` says.
    fn run_polling(&mut self, seconds: u64, polling: Polling) {
        let end = self.t_ps + seconds * PS;
        let mut wake = self.t_ps;
        while self.t_ps < end {
            self.t_ps += PS / 1000;
            let t = self.t_ps;
            let mut woken = polling == Polling::EveryMs || t >= wake || t % PS == 0;
            for (at, frame) in self.net.poll(t) {
                self.deliver(at, &frame);
                woken = true;
            }
            if !woken {
                continue;
            }
            while let Some(n) = self.app.poll(&mut self.buf, ms(t), ticks(t)) {
                self.send(t, n);
            }
            self.drain_events();
            if polling == Polling::AsTheFirmware {
                wake = match self.app.poll_in(ms(t)) {
                    Some(w) => t + u64::from(w.max(1)) * (PS / 1000),
                    None => end,
                };
            }
        }
    }

    fn drain_events(&mut self) {
        while let Some(e) = self.app.poll_event() {
            let mut line = [0u8; EVENT_LINE];
            let n = self.app.event_text(&e, &mut line);
            self.events.push(text(&line[..n]));
        }
    }

    fn has_event(&self, prefix: &str) -> bool {
        self.events.iter().any(|e| e.starts_with(prefix))
    }

    fn screen(&self, which: Screen) -> Vec<String> {
        let s = self.app.render(which, ms(self.t_ps), ticks(self.t_ps));
        (0..ROWS).map(|i| text(s.line(i))).collect()
    }

    /// True time now, Unix microseconds.
    fn true_us(&self) -> i128 {
        (self.net.config().true_unix_ps(self.t_ps) / 1_000_000) as i128
    }

    fn app_us(&self) -> i128 {
        let (s, us) = self.app.utc(ticks(self.t_ps)).expect("clock set");
        s as i128 * 1_000_000 + us as i128
    }
}

#[test]
fn resolves_syncs_and_shows_the_time() {
    let mut b = Bench::new(Bench::config(), "ntp.test", "UTC0");
    assert_eq!(b.screen(Screen::Clock)[0], "--:--:--");
    assert_eq!(b.screen(Screen::Clock)[2], "no global address");
    assert_eq!(b.screen(Screen::Clock)[5], "no address");
    b.run(20);
    let e = &b.events;
    assert!(
        b.has_event("event=address_assigned addr=fe80::ff:fe00:42 scope=link dad=ok"),
        "{e:?}"
    );
    assert!(
        b.has_event(
            "event=address_assigned addr=2001:db8:1::ff:fe00:42 scope=global dad=ok prefix=2001:db8:1::/64"
        ),
        "{e:?}"
    );
    assert!(b.has_event("event=router_learned addr=fe80::1"), "{e:?}");
    assert!(
        b.has_event("event=dns_server_learned addr=2001:db8:1::53"),
        "{e:?}"
    );
    assert!(
        b.has_event("event=resolved name=ntp.test addr=2001:db8:1::123 count=1"),
        "{e:?}"
    );
    let sync = e
        .iter()
        .find(|l| l.starts_with("event=sync "))
        .expect("sync");
    // The first synchronization steps the clock from 1900 to 2026.
    assert!(
        sync.starts_with("event=sync server=2001:db8:1::123 offset_us="),
        "{sync}"
    );
    assert!(sync.ends_with(" stratum=1 step=1"), "{sync}");
    // A step of whole seconds: their count, then six zeros.
    let offset = sync
        .split(" offset_us=")
        .nth(1)
        .and_then(|v| v.split(' ').next())
        .expect("offset_us");
    assert!(offset.ends_with("000000"), "{sync}");
    assert!(offset.parse::<i64>().unwrap().abs() >= 1_000_000, "{sync}");
    // 1 ms each way; T1's random low bits (below the 1 us tick) may move
    // the rounding by 1 us.
    let delay: i64 = sync
        .split(" delay_us=")
        .nth(1)
        .and_then(|v| v.split(' ').next())
        .and_then(|v| v.parse().ok())
        .expect("delay_us");
    assert!((delay - 2000).abs() <= 1, "{sync}");
    // The virtual path is 1 ms each way and symmetric: the clock is right
    // to a few microseconds (the tick is 1 us).
    let err = b.app_us() - b.true_us();
    assert!(err.abs() <= 20, "clock error {err} us");
    // The same reading as NTP's fraction (the firmware's form): the same
    // second, and the microseconds its fraction gives.
    let t = ticks(b.t_ps);
    let (secs, us) = b.app.utc(t).unwrap();
    let (fsecs, fraction) = b.app.utc_fraction(t).unwrap();
    assert_eq!(fsecs, secs);
    assert_eq!((u64::from(fraction) * 1_000_000) >> 32, u64::from(us));

    let s = b.screen(Screen::Clock);
    let (secs, _) = b.app.utc(ticks(b.t_ps)).unwrap();
    let expect = microip6::clock::calendar::DateTime::from_unix(secs);
    assert_eq!(
        s[0],
        std::format!(
            "{:02}:{:02}:{:02}",
            expect.hour,
            expect.minute,
            expect.second
        )
    );
    assert_eq!(s[1], "Wed 2026-07-15 UTC");
    // The address is cut after a colon when it does not fit one line.
    assert_eq!(s[2..4], ["2001:db8:1::ff:fe00:", "42"]);
    assert!(
        s[4].starts_with("sync ") && s[4].ends_with("s ago s1"),
        "{s:?}"
    );
    // Offset within a microsecond, delay 2 ms plus the server's 10 us.
    assert!(
        [
            "off +0.000ms d2.0",
            "off -0.000ms d2.0",
            "off +0.001ms d2.0",
            "off -0.001ms d2.0"
        ]
        .iter()
        .any(|p| s[5].starts_with(p)),
        "{s:?}"
    );
    assert_eq!(s[6], "ntp.test");
    // Hours later, slewed and still right; the screen says how long ago.
    b.run(100);
    assert!(
        b.events
            .iter()
            .filter(|l| l.starts_with("event=sync "))
            .count()
            >= 3
    );
    let err = b.app_us() - b.true_us();
    assert!(err.abs() <= 20, "clock error {err} us");
}

#[test]
fn cname_and_time_zone() {
    let cfg = NetConfig {
        cname: Some("ntp.test".into()),
        ntp_names: std::vec!["time.test".into()],
        ..Bench::config()
    };
    // The virtual DNS server answers "time.test" with a CNAME to
    // "ntp.test" and its AAAA record.
    let mut b = Bench::new(cfg, "time.test", "CET-1CEST,M3.5.0,M10.5.0/3");
    b.run(20);
    assert!(
        b.has_event("event=resolved name=time.test addr=2001:db8:1::123"),
        "{:?}",
        b.events
    );
    assert!(b.has_event("event=sync "), "{:?}", b.events);
    let s = b.screen(Screen::Clock);
    let (secs, _) = b.app.utc(ticks(b.t_ps)).unwrap();
    let local = microip6::clock::calendar::DateTime::from_unix(secs + 7200);
    assert_eq!(
        s[0],
        std::format!("{:02}:{:02}:{:02}", local.hour, local.minute, local.second)
    );
    assert_eq!(s[1], "Wed 2026-07-15 CEST");
}

#[test]
fn lookup_failure_is_shown_and_retried() {
    // The server knows another name: NXDOMAIN.
    let mut b = Bench::new(Bench::config(), "missing.test", "UTC0");
    b.run(5);
    assert!(
        b.has_event("event=resolve_failed name=missing.test reason=nxdomain"),
        "{:?}",
        b.events
    );
    let s = b.screen(Screen::Clock);
    assert_eq!(&s[4..6], ["not synced:", "dns nxdomain"]);
    let queries = b.net.log().dns.len();
    b.run(DNS_RETRY_MS as u64 / 1000 + 1);
    assert_eq!(
        b.net.log().dns.len(),
        queries + 1,
        "one retry after DNS_RETRY_MS"
    );
}

/// `poll_in`'s waits are exact: an application polled only when they
/// end (or a frame comes in, or once a second) sends the same frames at
/// the same times and logs the same events as one polled every
/// millisecond, over runs that cross the wrap of the millisecond clock
/// (5 s in): with frames lost (DNS retransmissions, NTP timeouts) and
/// with a name the server does not know (the application's retry).
#[test]
fn sleeping_until_poll_in_misses_no_deadline() {
    let mut dns_retransmitted = false;
    // (Seed 7 loses an NTP reply, 3 and 6 a DNS query or its answer.)
    for (seed, name) in [
        (7, "ntp.test"),
        (3, "ntp.test"),
        (6, "ntp.test"),
        (3, "nx.test"),
    ] {
        // One frame in four lost, both ways (the same ones in both runs,
        // as long as the same frames go at the same times).
        let cfg = || NetConfig {
            loss: 0.25,
            seed,
            ..Bench::config()
        };
        let mut every_ms = Bench::new(cfg(), name, "UTC0");
        let mut sleeping = Bench::new(cfg(), name, "UTC0");
        every_ms.run(90);
        sleeping.run_polling(90, Polling::AsTheFirmware);
        assert_eq!(sleeping.events, every_ms.events, "{seed} {name}");
        let times = |b: &Bench| {
            b.sent
                .iter()
                .map(|(t, _)| t / (PS / 1000))
                .collect::<Vec<_>>()
        };
        assert_eq!(times(&sleeping), times(&every_ms), "{seed} {name}");
        assert!(sleeping.sent == every_ms.sent, "{seed} {name}");
        let dns_queries = every_ms
            .sent
            .iter()
            .filter(|(_, f)| {
                parse_ipv6(f)
                    .and_then(|p| parse_udp(&p))
                    .is_some_and(|u| u.dst_port == 53)
            })
            .count();
        let resolved = every_ms.has_event("event=resolved");
        dns_retransmitted |= resolved && dns_queries > 1;
        if name == "ntp.test" {
            assert!(
                every_ms.has_event("event=sync"),
                "{seed}: {:?}",
                every_ms.events
            );
        } else {
            assert!(!resolved && dns_queries > 1, "{:?}", every_ms.events);
        }
    }
    assert!(dns_retransmitted, "no run lost a DNS query");
}

/// A name the resolver refuses at once (an empty label) fails the same
/// way every time: still one attempt and one line per DNS_RETRY_MS, and
/// the application sleeps in between (no attempt on every `poll`).
#[test]
fn invalid_name_is_retried_at_the_retry_pace() {
    let mut b = Bench::new(Bench::config(), "bad..name", "UTC0");
    b.run(5);
    let failed = |b: &Bench| {
        b.events
            .iter()
            .filter(|e| *e == "event=resolve_failed name=bad..name reason=invalid_name")
            .count()
    };
    assert_eq!(failed(&b), 1, "{:?}", b.events);
    let now = ms(b.t_ps);
    let wait = b.app.poll_in(now).unwrap();
    assert!(wait > 1000, "{wait} ms");
    b.run(2 * DNS_RETRY_MS as u64 / 1000);
    assert_eq!(failed(&b), 3, "{:?}", b.events);
    assert!(b.net.log().dns.is_empty());
}

#[test]
fn kiss_of_death_is_shown() {
    let cfg = NetConfig {
        ntp_kiss: Some(*b"DENY"),
        ..Bench::config()
    };
    let mut b = Bench::new(cfg, "ntp.test", "UTC0");
    b.run(10);
    assert!(
        b.has_event("event=ntp_rejected reason=kiss_deny count=1"),
        "{:?}",
        b.events
    );
    assert!(!b.has_event("event=sync"));
    let s = b.screen(Screen::Clock);
    assert_eq!(s[0], "--:--:--");
    // The only server is retired: no NTP server left.
    assert_eq!(&s[4..6], ["not synced:", "no ntp server"]);
}

/// A datagram from the router's global address (a host that answers
/// Neighbor Solicitations) to the device.
fn datagram(src_port: u16, dst_port: u16, data: &[u8]) -> Vec<u8> {
    build_ipv6(
        ROUTER_MAC,
        [2, 0, 0, 0, 0, 0x42],
        "2001:db8:1::1".parse().unwrap(),
        GLOBAL.parse().unwrap(),
        PROTO_UDP,
        64,
        &proiot3_sim::net::packet::udp(src_port, dst_port, data),
    )
}

#[test]
fn message_is_shown_and_acknowledged() {
    let mut b = Bench::new(Bench::config(), "ntp.test", "UTC0");
    b.run(20);
    let before = b.sent.len();
    let t = b.t_ps;
    b.deliver(
        t,
        &datagram(
            40_000,
            MESSAGE_PORT,
            b"Hello\tclock, this is a long message!\n",
        ),
    );
    b.drain_events();
    assert!(
        b.has_event("event=message from=2001:db8:1::1 len=36"),
        "{:?}",
        b.events
    );
    // The acknowledgement goes out once the sender's address is resolved
    // (it is kept while the Neighbor Solicitation is answered), from port
    // 5000 to the sender's port.
    b.run(1);
    let acks: Vec<&Vec<u8>> = b.sent[before..]
        .iter()
        .map(|(_, f)| f)
        .filter(|f| {
            parse_ipv6(f)
                .and_then(|p| parse_udp(&p))
                .is_some_and(|u| u.src_port == 5000)
        })
        .collect();
    assert_eq!(acks.len(), 1);
    let p = parse_ipv6(acks[0]).unwrap();
    assert_eq!(p.dst, "2001:db8:1::1".parse::<Ipv6Addr>().unwrap());
    assert_eq!(p.src, GLOBAL.parse::<Ipv6Addr>().unwrap());
    let u = parse_udp(&p).unwrap();
    assert_eq!(
        (u.src_port, u.dst_port, u.payload),
        (5000, 40_000, &b"ACK\n"[..])
    );
    let s = b.screen(Screen::Clock);
    assert_eq!(s[2], "msg 2001:db8:1::1");
    assert_eq!(s[4], "Hello?clock, this is");
    assert_eq!(s[5], "a long message!");
    assert_eq!(b.app.counters().messages, 1);
    assert_eq!(b.app.counters().acks, 1);
    // Gone after MESSAGE_SHOW_MS.
    b.run(MESSAGE_SHOW_MS as u64 / 1000 + 1);
    assert_eq!(b.screen(Screen::Clock)[2], "2001:db8:1::ff:fe00:");
    // A button press dismisses a message instead of changing screens.
    let t = b.t_ps;
    b.deliver(t, &datagram(40_001, MESSAGE_PORT, b"x"));
    assert_eq!(b.screen(Screen::Clock)[4], "x");
    b.app.button_next(ms(t));
    assert_eq!(b.app.current_screen(), Screen::Clock);
    assert_eq!(b.screen(Screen::Clock)[2], "2001:db8:1::ff:fe00:");
    // Other ports are not messages (the stack answers port unreachable).
    b.deliver(t, &datagram(40_002, 5001, b"y"));
    assert_eq!(b.app.counters().messages, 2);
}

#[test]
fn buttons_cycle_screens() {
    let mut b = Bench::new(Bench::config(), "ntp.test", "UTC0");
    b.run(20);
    let t = ms(b.t_ps);
    let order: Vec<Screen> = (0..4)
        .map(|_| {
            let s = b.app.current_screen();
            b.app.button_next(t);
            s
        })
        .collect();
    assert_eq!(
        order,
        [
            Screen::Clock,
            Screen::Network,
            Screen::Counters,
            Screen::Clock
        ]
    );
    assert_eq!(Screen::Clock.previous(), Screen::Counters);
    let n = b.screen(Screen::Network);
    assert_eq!(
        n,
        [
            "NETWORK",
            "02:00:00:00:00:42",
            "2001:db8:1::ff:fe00:",
            "42",
            "gw fe80::1",
            "dns 2001:db8:1::53",
            "ntp 2001:db8:1::123"
        ]
    );
    let c = b.screen(Screen::Counters);
    assert_eq!(c[0], "COUNTERS");
    let ic = *b.app.iface().counters();
    assert_eq!(
        c[1],
        std::format!("rx {} tx {}", ic.rx_frames, ic.tx_frames)
    );
    assert!(c[3].starts_with("dns q1 r1 rej 0"), "{c:?}");
    assert!(
        c[4].starts_with("ntp q") && c[4].ends_with(" rej 0"),
        "{c:?}"
    );
    assert_eq!(c[6], "msg 0 ack 0");
    // Every line fits the display.
    for s in [Screen::Clock, Screen::Network, Screen::Counters] {
        for l in b.screen(s) {
            assert!(l.len() <= COLS && l.is_ascii(), "{l}");
        }
    }
}

/// A datagram `data` from the NTP server (2001:db8:1::123, port 123) to
/// the port of the client's last request.
fn from_ntp_server(b: &Bench, data: &[u8]) -> Vec<u8> {
    let port = b
        .sent
        .iter()
        .rev()
        .find_map(|(_, f)| {
            let u = parse_udp(&parse_ipv6(f)?)?;
            (u.dst_port == 123).then_some(u.src_port)
        })
        .unwrap();
    build_ipv6(
        [2, 0, 0, 0, 1, 0x23],
        MAC.0,
        "2001:db8:1::123".parse().unwrap(),
        GLOBAL.parse().unwrap(),
        PROTO_UDP,
        64,
        &proiot3_sim::net::packet::udp(123, port, data),
    )
}

#[test]
fn forged_replies_are_rejected_and_reported() {
    let mut b = Bench::new(Bench::config(), "ntp.test", "UTC0");
    b.run(20);
    // An NTP reply from the real server's address to the client's current
    // port, but with an origin timestamp that is not ours.
    let mut reply = [0u8; 48];
    reply[0] = 0x24; // LI 0, VN 4, mode 4
    reply[1] = 1;
    reply[24..32].copy_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8]);
    reply[40..48].copy_from_slice(&[0xec, 0, 0, 0, 0, 0, 0, 1]);
    let f = from_ntp_server(&b, &reply);
    let t = b.t_ps;
    b.deliver(t, &f);
    b.drain_events();
    // Outstanding request answered already, or one in flight whose origin
    // does not match: either way rejected and counted.
    let last = b.events.last().unwrap().to_string();
    assert!(
        last == "event=ntp_rejected reason=not_expected count=1"
            || last == "event=ntp_rejected reason=bad_origin count=1",
        "{last}"
    );
    assert_eq!(b.app.sntp().counters().rejected.iter().sum::<u16>(), 1);
}

#[test]
fn drop_events_are_rate_limited() {
    let mut app = ClockApp::new(AppConfig::new(MAC, 1));
    // A datagram for another host of the prefix, to our MAC: dropped.
    let foreign = build_ipv6(
        ROUTER_MAC,
        MAC.0,
        "2001:db8:1::1".parse().unwrap(),
        "2001:db8:1::99".parse().unwrap(),
        PROTO_UDP,
        64,
        &proiot3_sim::net::packet::udp(7, 7, b"flood"),
    );
    let mut lines = Vec::new();
    // The first drop after start is reported; then one per second, with
    // the total count of the reason at the time of the line.
    for t in [0, 1, 500, 1000, 1001, 1002, 1999, 70_000, 70_001] {
        let mut buf = [0u8; 1514];
        buf[..foreign.len()].copy_from_slice(&foreign);
        assert_eq!(app.receive(&mut buf, foreign.len(), t, 0), None);
        while let Some(e) = app.poll_event() {
            if let AppEvent::Dropped(_) = e {
                let mut line = [0u8; EVENT_LINE];
                let n = app.event_text(&e, &mut line);
                lines.push((t, text(&line[..n])));
            }
        }
    }
    let line = |n| std::format!("event=drop reason=wrong_destination count={n}");
    assert_eq!(lines, [(0, line(1)), (1000, line(4)), (70_000, line(8))]);
    assert_eq!(
        app.iface().counters().dropped(DropReason::WrongDestination),
        9
    );
    // Held-back drops are not lost events.
    assert_eq!(app.counters().events_lost, 0);

    // The end of the burst (the drop at 70,001 ms): no line before
    // DROP_EVENT_MS has passed since the last one, then one trailing line
    // with the full count, at the first poll; then none.
    let mut trailing = Vec::new();
    for t in [70_500, 70_999, 71_000, 71_001, 75_000] {
        let mut buf = [0u8; 1514];
        while app.poll(&mut buf, t, 0).is_some() {}
        while let Some(e) = app.poll_event() {
            if let AppEvent::Dropped(_) = e {
                let mut line = [0u8; EVENT_LINE];
                let n = app.event_text(&e, &mut line);
                trailing.push((t, text(&line[..n])));
            }
        }
    }
    assert_eq!(trailing, [(71_000, line(9))]);

    // A drop with nothing held back after it gets no trailing line: the
    // next drop, a second later, is shown at once and only once.
    let mut buf = [0u8; 1514];
    buf[..foreign.len()].copy_from_slice(&foreign);
    assert_eq!(app.receive(&mut buf, foreign.len(), 80_000, 0), None);
    let mut after = Vec::new();
    for t in [80_000, 81_000, 90_000] {
        while app.poll(&mut buf, t, 0).is_some() {}
        while let Some(e) = app.poll_event() {
            if let AppEvent::Dropped(_) = e {
                let mut line = [0u8; EVENT_LINE];
                let n = app.event_text(&e, &mut line);
                after.push((t, text(&line[..n])));
            }
        }
    }
    assert_eq!(after, [(80_000, line(10))]);
}

#[test]
fn event_lines() {
    let app = ClockApp::new(AppConfig::new(MAC, 1));
    let line = |e: AppEvent| {
        let mut buf = [0u8; EVENT_LINE];
        let n = app.event_text(&e, &mut buf);
        text(&buf[..n])
    };
    let a = Ipv6Address::new([0x2001, 0xdb8, 1, 0, 0, 0xff, 0xfe00, 0x42]);
    assert_eq!(
        line(AppEvent::Net(Event::AddressDuplicate(a))),
        "event=dad_failed addr=2001:db8:1::ff:fe00:42 dad=duplicate"
    );
    assert_eq!(
        line(AppEvent::ResolveFailed(Failure::Timeout)),
        "event=resolve_failed name=pool.ntp.org reason=timeout"
    );
    assert_eq!(
        line(AppEvent::DnsRejected(dns::Reject::WrongId)),
        "event=dns_rejected reason=wrong_id count=0"
    );
    assert_eq!(
        line(AppEvent::Dropped(DropReason::BadChecksum)),
        "event=drop reason=bad_checksum count=0"
    );
    // The longest line fits EVENT_LINE.
    let long = Ipv6Address::new([0xffff; 8]);
    let l = line(AppEvent::Net(Event::AddressAssigned(long)));
    assert_eq!(
        l,
        "event=address_assigned addr=ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff scope=global \
         dad=ok prefix=ffff:ffff:ffff:ffff::/64"
    );
    assert!(l.len() < EVENT_LINE);
}

#[test]
fn state_is_small() {
    // The whole application state: node, resolver, NTP client with its
    // clock, TZ, screen and message.
    use core::mem::size_of;
    let size = size_of::<ClockApp>();
    let parts = size_of::<Interface>() + size_of::<dns::RdnssResolver>() + size_of::<SntpClient>();
    std::println!("ClockApp: {size} bytes, of which node, resolver and NTP client {parts}");
    // The application's own state (TZ, message, events) on a 64-bit host.
    assert!(size - parts < 340, "{size} - {parts}");
}

#[test]
fn no_dns_server_is_shown() {
    let cfg = NetConfig {
        rdnss: false,
        ..Bench::config()
    };
    let mut b = Bench::new(cfg, "ntp.test", "UTC0");
    b.run(10);
    assert!(b.app.iface().global_address().is_some());
    assert_eq!(
        &b.screen(Screen::Clock)[4..6],
        ["not synced:", "no dns server"]
    );
    assert!(b.net.log().dns.is_empty(), "no query without a server");
    assert!(!b.has_event("event=resolve"));
}

#[test]
fn two_line_text_breaks_after_the_last_colon_of_the_first_line() {
    let wrapped = |text: &[u8]| {
        let mut s = ScreenText::blank();
        s.pair(2).bytes(text);
        s.wrap(2, text.len().min(2 * COLS));
        (text_of(s.line(2)), text_of(s.line(3)))
    };
    fn text_of(b: &[u8]) -> String {
        text(b)
    }
    assert_eq!(wrapped(b"fe80::1"), ("fe80::1".into(), "".into()));
    assert_eq!(
        wrapped(b"2001:db8:1::ff:fe00:42"),
        ("2001:db8:1::ff:fe00:".into(), "42".into())
    );
    // No colon: cut at the line's end.
    assert_eq!(
        wrapped(b"abcdefghijklmnopqrstuvwxyz"),
        ("abcdefghijklmnopqrstu".into(), "vwxyz".into())
    );
    // A colon first: the rest is cut at the second line's end.
    let long = [b":".as_slice(), &[b'x'; 41]].concat();
    assert_eq!(wrapped(&long), (":".into(), "x".repeat(21)));
}

/// `wrap` against its definition with `copy_within` (a `memmove`): every
/// place of the last colon of the first line (or none), every length, on
/// lines 2-3 and 5-6, with distinct bytes (a copy in the wrong direction
/// over the overlap would repeat some); the other lines untouched.
#[test]
fn wrap_moves_like_copy_within_for_every_cut() {
    for first in [2, 5] {
        for colon in (0..COLS).map(Some).chain([None]) {
            for len in 0..=2 * COLS {
                let mut s = ScreenText::blank();
                for (i, l) in s.lines.iter_mut().enumerate() {
                    l.fill(b'0' + i as u8);
                }
                let run = &mut s.lines.as_flattened_mut()[first * COLS..(first + 2) * COLS];
                for (i, b) in run.iter_mut().enumerate() {
                    *b = if i >= len {
                        b' '
                    } else if Some(i) == colon {
                        b':'
                    } else {
                        b'@' + i as u8
                    };
                }
                let mut want = s.clone();
                let run = &mut want.lines.as_flattened_mut()[first * COLS..(first + 2) * COLS];
                if len > COLS {
                    if let Some(p) = run[..COLS].iter().rposition(|&c| c == b':') {
                        let cut = p + 1;
                        run.copy_within(cut..cut + COLS, COLS);
                        run[cut..COLS].fill(b' ');
                    }
                }
                s.wrap(first, len);
                assert_eq!(s, want, "first {first} colon {colon:?} len {len}");
            }
        }
    }
}

#[test]
fn configure_in_place_starts_over() {
    let mut b = Bench::new(Bench::config(), "ntp.test", "UTC0");
    b.run(10);
    assert!(b.app.utc(ticks(b.t_ps)).is_some(), "synced before");
    assert!(b.app.iface().counters().rx_frames > 0);
    let mut c = AppConfig::new(MAC, 0x1234_5678);
    c.ntp_server_name = "other.test";
    c.tick_hz = 1_000_000;
    b.app.configure(c);
    // The state `new` gives: nothing learned, nothing counted, no events.
    assert!(b.app.utc(ticks(b.t_ps)).is_none());
    assert!(b.app.utc_fraction(ticks(b.t_ps)).is_none());
    assert!(b.app.iface().global_address().is_none());
    assert_eq!(b.app.iface().counters().rx_frames, 0);
    assert_eq!(b.app.ntp_server_name(), "other.test");
    assert!(b.app.poll_event().is_none());
    assert_eq!(b.screen(Screen::Clock)[0], "--:--:--");
    // From the all-zero state as well.
    let mut app = ClockApp::UNCONFIGURED;
    assert_eq!(app.ntp_server_name(), "");
    app.configure(c);
    assert_eq!(app.ntp_server_name(), "other.test");
    // Without the clearing, from the all-zero state: every field as `new`
    // gives it.
    let mut fresh = ClockApp::UNCONFIGURED;
    fresh.configure_unconfigured(c);
    assert_eq!(
        std::format!("{fresh:?}"),
        std::format!("{:?}", ClockApp::new(c))
    );
    assert_eq!(std::format!("{fresh:?}"), std::format!("{app:?}"));
}

/// Every name of the packed lists, in the enums' order: the text of the
/// event lines (parsed by the host runner's tests) and of the display.
#[test]
fn reason_names() {
    let ntp = [
        "wrong_source",
        "truncated",
        "bad_version",
        "bad_mode",
        "not_expected",
        "bad_origin",
        "kiss_deny",
        "kiss_rate",
        "kiss_other",
        "unsynchronized",
        "bad_stratum",
        "zero_transmit",
        "root_distance",
    ];
    assert_eq!(sntp::Reject::ALL.len(), ntp.len());
    for (&r, want) in sntp::Reject::ALL.iter().zip(ntp) {
        assert_eq!(ntp_reject_name(r), want);
    }
    use dns::Reject as D;
    let dns = [
        (D::WrongSource, "wrong_source"),
        (D::WrongPort, "wrong_port"),
        (D::Unexpected, "unexpected"),
        (D::Malformed, "malformed"),
        (D::WrongId, "wrong_id"),
        (D::NotResponse, "not_response"),
        (D::QuestionMismatch, "question_mismatch"),
    ];
    for (r, want) in dns {
        assert_eq!(dns_reject_name(r), want);
    }
    use Failure as F;
    let failures = [
        (F::InvalidName, "invalid_name"),
        (F::NameTooLong, "name_too_long"),
        (F::NxDomain, "nxdomain"),
        (F::NoData, "nodata"),
        (F::ServerError(2), "server_error"),
        (F::Truncated, "truncated"),
        (F::Timeout, "timeout"),
        (F::NoServer, "no_server"),
        (F::TooManyCnames, "too_many_cnames"),
    ];
    for (f, want) in failures {
        assert_eq!(failure_name(f), want);
    }
    use DropReason as R;
    let drops = [
        (R::Truncated, "truncated"),
        (R::WrongMac, "wrong_mac"),
        (R::NotIpv6, "not_ipv6"),
        (R::BadIpv6, "bad_ipv6"),
        (R::WrongDestination, "wrong_destination"),
        (R::Looped, "looped"),
        (R::BadChecksum, "bad_checksum"),
        (R::ExtensionHeader, "extension_header"),
        (R::UnknownProtocol, "unknown_protocol"),
        (R::InvalidNdp, "invalid_ndp"),
        (R::IcmpIgnored, "icmp_ignored"),
        (R::NoListener, "no_listener"),
        (R::RateLimited, "rate_limited"),
        (R::BufferTooSmall, "buffer_too_small"),
    ];
    let app = ClockApp::new(AppConfig::new(MAC, 1));
    for (r, want) in drops {
        assert_eq!(drop_name(r), want);
        let mut buf = [0u8; EVENT_LINE];
        let n = app.event_text(&AppEvent::Dropped(r), &mut buf);
        assert_eq!(
            text(&buf[..n]),
            std::format!("event=drop reason={want} count=0")
        );
    }
    // Every node event by name, with its address.
    let a = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0xff, 0xfe00, 0x42]);
    let events = [
        (
            Event::AddressAssigned(a),
            "address_assigned",
            " scope=link dad=ok",
        ),
        (Event::AddressDuplicate(a), "dad_failed", " dad=duplicate"),
        (Event::AddressExpired(a), "address_expired", ""),
        (Event::RouterLearned(a), "router_learned", ""),
        (Event::RouterLost(a), "router_lost", ""),
        (Event::DnsServerLearned(a), "dns_server_learned", ""),
        (Event::DnsServerExpired(a), "dns_server_expired", ""),
        (Event::NeighborUnreachable(a), "neighbor_unreachable", ""),
    ];
    for (e, name, rest) in events {
        let mut buf = [0u8; EVENT_LINE];
        let n = app.event_text(&AppEvent::Net(e), &mut buf);
        assert_eq!(
            text(&buf[..n]),
            std::format!("event={name} addr=fe80::ff:fe00:42{rest}")
        );
    }
}

/// A [`SyncInfo`] with the offset `offset_s` s plus `offset_us` µs (one
/// of them 0, as the stack gives them) and a 2 ms delay.
fn sync_info(offset_s: i32, offset_us: i32) -> SyncInfo {
    SyncInfo {
        offset_us,
        offset_s,
        delay_us: 2000,
        stratum: 1,
        server: Ipv6Address::UNSPECIFIED,
        since_s: 0,
    }
}

/// The sync line's offset: microseconds within ±0.5 s, whole seconds
/// beyond (a first step), in decimal microseconds either way, without
/// 64-bit arithmetic.
#[test]
fn offset_text() {
    let of = |s: i32, us: i32| {
        let mut buf = [0u8; 32];
        let mut t = TextBuf::new(&mut buf);
        write_offset_us(&mut t, &sync_info(s, us));
        let n = t.len();
        text(&buf[..n])
    };
    for (s, us) in [
        (0, 0),
        (0, -1),
        (0, 123),
        (0, -499_999),
        (0, 500_000),
        (0, -500_000),
        (1, 0),
        (-1, 0),
        (2_147, 0),
        (-2_147, 0),
        (2_148, 0),
        (-2_148, 0),
        // A first step from 1900 (modulo 2^32 s, as the stack gives it).
        (3_900_000_000u32 as i32, 0),
        (i32::MIN, 0),
        (i32::MAX, 0),
    ] {
        let want = (s as i64 * 1_000_000 + us as i64).to_string();
        assert_eq!(of(s, us), want);
    }
}

/// The sync screen's offset line: milliseconds with microsecond digits
/// up to 2147 s, beyond only the sign.
#[test]
fn offset_screen_text() {
    let of = |s: i32, us: i32| {
        let mut buf = [0u8; 40];
        let mut t = TextBuf::new(&mut buf);
        write_offset(&mut t, &sync_info(s, us));
        let n = t.len();
        text(&buf[..n])
    };
    for (s, us, want) in [
        (0, 0, "off +0.000ms d2.000ms"),
        (0, 123, "off +0.123ms d2.000ms"),
        (0, -1, "off -0.001ms d2.000ms"),
        (0, -499_999, "off -499.999ms d2.000ms"),
        (0, 500_000, "off +500.000ms d2.000ms"),
        (1, 0, "off +1000.000ms d2.000ms"),
        (-1, 0, "off -1000.000ms d2.000ms"),
        (-2, 0, "off -2000.000ms d2.000ms"),
        (2_147, 0, "off +2147000.000ms d2.000ms"),
        (-2_147, 0, "off -2147000.000ms d2.000ms"),
        (2_148, 0, "off +>2000s d2.000ms"),
        (-2_148, 0, "off ->2000s d2.000ms"),
        (i32::MAX, 0, "off +>2000s d2.000ms"),
        (i32::MIN, 0, "off ->2000s d2.000ms"),
    ] {
        assert_eq!(of(s, us), want, "{s} {us}");
    }
}

/// The clock screen's age and milliseconds.
#[test]
fn age_and_ms_text() {
    let w = |f: &dyn Fn(&mut TextBuf)| {
        let mut buf = [0u8; 32];
        let mut t = TextBuf::new(&mut buf);
        f(&mut t);
        let n = t.len();
        text(&buf[..n])
    };
    for (s, want) in [
        (0, "0s"),
        (119, "119s"),
        (120, "2m"),
        (7_199, "119m"),
        (7_200, "2h"),
        (172_799, "47h"),
        (172_800, "2d"),
        (u32::MAX, "49710d"),
    ] {
        assert_eq!(w(&|t| write_age(t, s)), want);
    }
    assert_eq!(w(&|t| write_ms(t, 0)), "0.000ms");
    assert_eq!(w(&|t| write_ms(t, 1_234_567)), "1234.567ms");
}

impl Bench {
    /// Delivers `frame` as a driver's cut receive gives a frame longer
    /// than a `stored`-byte buffer: its first bytes, its length and the
    /// RFC 1071 sum of the rest (words at the frame's even offsets).
    fn deliver_cut(&mut self, t: u64, frame: &[u8], stored: usize) {
        let mut sum: u32 = 0;
        for (i, &b) in frame.iter().enumerate().skip(stored) {
            sum += if i % 2 == 0 {
                u32::from(b) << 8
            } else {
                u32::from(b)
            };
        }
        while sum > 0xffff {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        self.buf[..stored].copy_from_slice(&frame[..stored]);
        if let Some(n) = self.app.receive_cut(
            &mut self.buf[..stored],
            stored,
            frame.len(),
            sum as u16,
            ms(t),
            ticks(t),
        ) {
            self.send(t, n);
        }
    }
}

#[test]
fn cut_datagrams_reach_the_message_service_but_never_the_ntp_client() {
    let mut b = Bench::new(Bench::config(), "ntp.test", "UTC0");
    b.run(20);
    assert!(b.has_event("event=sync"), "{:?}", b.events);
    let t = b.t_ps;
    // A 400-byte datagram from the NTP server's port 123 to the client's
    // port, cut at 350 bytes: not the client's (no rejection counted).
    let mut reply = [0u8; 400];
    reply[0] = 0x24;
    let f = from_ntp_server(&b, &reply);
    let sntp = *b.app.sntp().counters();
    let udp = b.app.iface().counters().udp_delivered;
    b.deliver_cut(t, &f, 350);
    b.drain_events();
    assert_eq!(b.app.iface().counters().udp_delivered, udp + 1);
    assert_eq!(*b.app.sntp().counters(), sntp);
    assert!(!b.has_event("event=ntp_rejected"), "{:?}", b.events);
    // A 500-byte message cut at 350: its first characters are shown.
    let text: Vec<u8> = (0..500u32).map(|i| b'a' + (i % 26) as u8).collect();
    b.deliver_cut(t, &datagram(40_000, MESSAGE_PORT, &text), 350);
    b.drain_events();
    assert!(
        b.has_event("event=message from=2001:db8:1::1 len=42"),
        "{:?}",
        b.events
    );
    let s = b.screen(Screen::Clock);
    assert_eq!(s[4], "abcdefghijklmnopqrstu", "{s:?}");
    assert_eq!(s[5], "vwxyzabcdefghijklmnop");
    assert_eq!(b.app.counters().messages, 1);
}

/// The name is looked up again at the answer's TTL end, but not sooner
/// than DNS_REFRESH_MS after the answer: the virtual server's TTL (300 s)
/// is shorter, so the second query follows the first by DNS_REFRESH_MS
/// (and the round trip, 2 ms).
#[test]
fn lookup_is_refreshed_after_the_refresh_time() {
    assert!(u64::from(proiot3_sim::net::dns::TTL) * 1000 < u64::from(DNS_REFRESH_MS));
    let mut b = Bench::new(Bench::config(), "ntp.test", "UTC0");
    b.run(DNS_REFRESH_MS as u64 / 1000 + 30);
    let times: Vec<u64> = b.net.log().dns.iter().map(|(t, _)| *t).collect();
    assert_eq!(times.len(), 2, "{:?}", b.net.log().dns);
    let gap_ms = (times[1] - times[0]) / (PS / 1000);
    let refresh = u64::from(DNS_REFRESH_MS);
    assert!((refresh..=refresh + 5).contains(&gap_ms), "{gap_ms} ms");
}

/// Every weekday's name on the clock screen's date line, as the stack's
/// `Weekday` names them (0 = Sunday).
#[test]
fn weekday_names_of_the_date_line() {
    use microip6::clock::calendar::Weekday;
    for d in 0..7u16 {
        let mut s = ScreenText::blank();
        fill(&mut s, b"\x02 \x01", &[d, 5]);
        let want = std::format!("{} 05", Weekday::from_number(d.into()).short_name());
        assert_eq!(text(s.line(0)), want);
    }
}
