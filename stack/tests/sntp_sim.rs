//! The SNTP client and its software clock on a simulated Ethernet link,
//! through the public API only: the client node is an `Interface` with an
//! `SntpClient`; each server is another `Interface` that answers NTP
//! requests with the true time (optionally with scripted faults). Frames
//! are real frames (Ethernet, IPv6, UDP with checksums, NDP for address
//! resolution) with configurable one-way delays and loss.
//!
//! Time is simulated: a true time in nanoseconds, and a crystal with a
//! configurable frequency error driving the client clock's 32768 Hz tick
//! counter. No assertion depends on the host's speed. The nodes' wrapping
//! `u32` millisecond clock starts a minute before it wraps (or as a test
//! chooses), so every run crosses the wrap.

use microip6::clock::softclock::SoftClock;
use microip6::iface::{Config, Interface, Received};
use microip6::sntp::{Reject, SntpClient, SyncInfo, SyncState, MAX_POLL_LOG2};
use microip6::wire::ntp::{
    LeapIndicator, Mode, NtpDuration, NtpPacket, NtpRepr, NtpShort, NtpTimestamp,
};
use microip6::wire::{checksum, Ipv6Address, MacAddress};

const BUF: usize = 600;
const HZ: u32 = 32768;
const MS: u64 = 1_000_000;
const S: u64 = 1_000_000_000;
/// 2026-11-20T00:00:00Z.
const UNIX_2026: i64 = 1_795_132_800;
/// 2036-02-07T06:28:16Z: the first second of NTP era 1.
const UNIX_ERA1: i64 = 2_085_978_496;

/// What a server does with one request.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fault {
    /// Answers correctly.
    None,
    /// Does not answer.
    Silent,
    /// The genuine reply, twice.
    Duplicate,
    /// First a reply with a wrong origin timestamp, then the genuine one.
    WrongOrigin,
    /// First the reply from port 124, then the genuine one.
    WrongPort,
    /// First the reply from another address, then the genuine one.
    WrongAddress,
    /// First the reply cut to 47 bytes, then the genuine one.
    Short,
    /// First the reply in mode 3, then the genuine one.
    Mode3,
    /// First the reply as version 5, then the genuine one.
    Version5,
    /// Only a reply with leap indicator 3.
    Leap3,
    /// Only a reply with a zero transmit timestamp.
    ZeroTransmit,
    /// Only a reply with stratum 16.
    Stratum16,
    /// Only a reply with a root dispersion of 16 s.
    RootDistance,
    /// Only a kiss-o'-death with this code.
    Kiss([u8; 4]),
}

struct Server {
    iface: Interface,
    buf: [u8; BUF],
    addr: Ipv6Address,
    /// Faults for successive requests; then `default`.
    script: Vec<Fault>,
    default: Fault,
    requests: u32,
    /// Transmit timestamp and source port of each request.
    seen: Vec<(NtpTimestamp, u16)>,
}

/// A frame on the wire: delivery time, sender node (0: the client).
struct InFlight {
    at: u64,
    from: usize,
    frame: Vec<u8>,
}

struct Sim {
    iface: Interface,
    client: SntpClient,
    buf: [u8; BUF],
    servers: Vec<Server>,
    frames: Vec<InFlight>,
    now: u64,
    /// The nodes' millisecond clock at simulation start.
    ms0: u32,
    /// True time at simulation start.
    start: NtpTimestamp,
    /// Crystal error in parts per billion, and the tick count at start.
    ppb: i64,
    tick0: u32,
    /// One-way delays client to server and server to client, ns.
    up: u64,
    down: u64,
    /// Time between the server's T2 and T3, ns.
    server_proc: u64,
    /// NTP datagrams lost, per mille, and the loss generator.
    loss_permille: u64,
    /// Every frame is delayed by up to this much more, at random (ns).
    jitter: u64,
    rng: u64,
    /// When the client sent its requests (ns).
    sent: Vec<u64>,
}

fn mac(n: u8) -> MacAddress {
    MacAddress([0x02, 0, 0, 0, 0x10, n])
}

fn iface(n: u8) -> Interface {
    let mut c = Config::new(mac(n));
    c.seed = 0x9e37_79b9 ^ n as u32;
    Interface::new(c)
}

impl Sim {
    fn new(unix_start: i64, ppb: i64, servers: usize) -> Sim {
        let mut sim = Sim {
            iface: iface(1),
            client: SntpClient::new(SoftClock::new(HZ), 0x1234_5678),
            buf: [0; BUF],
            servers: Vec::new(),
            frames: Vec::new(),
            now: 0,
            ms0: u32::MAX - 60_000,
            start: NtpTimestamp::from_unix_nanos(unix_start, 0),
            ppb,
            // Close to the wrap, so that the counter wraps during the run.
            tick0: 0xff00_0000,
            up: 2 * MS,
            down: 2 * MS,
            server_proc: 30_000,
            loss_permille: 0,
            jitter: 0,
            rng: 0x2545_f491_4f6c_dd1d,
            sent: Vec::new(),
        };
        for i in 0..servers {
            let ifc = iface(0x20 + i as u8);
            let addr = ifc.link_local();
            let mut s = Server {
                iface: ifc,
                buf: [0; BUF],
                addr,
                script: Vec::new(),
                default: Fault::None,
                requests: 0,
                seen: Vec::new(),
            };
            s.iface.bind(123).unwrap();
            sim.servers.push(s);
        }
        let addrs: Vec<_> = sim.servers.iter().map(|s| s.addr).collect();
        sim.client.set_servers(&addrs);
        sim
    }

    fn truth(&self, t: u64) -> NtpTimestamp {
        let d = ((t as u128) << 32) / S as u128;
        self.start.wrapping_add(NtpDuration(d as i64))
    }

    fn ticks(&self, t: u64) -> u32 {
        let n = t as u128 * HZ as u128 * (1_000_000_000 + self.ppb) as u128;
        self.tick0
            .wrapping_add((n / 1_000_000_000_000_000_000) as u64 as u32)
    }

    /// The client clock minus true time now, microseconds.
    fn error_us(&self) -> i64 {
        let local = self.client.clock().peek(self.ticks(self.now));
        local.wrapping_sub(self.truth(self.now)).to_micros()
    }

    /// The nodes' wrapping millisecond clock.
    fn now_ms(&self) -> u32 {
        self.ms0.wrapping_add((self.now / MS) as u32)
    }

    fn random(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn lost(&mut self, frame: &[u8]) -> bool {
        if self.loss_permille == 0 || frame.len() < 62 || frame[20] != 17 {
            return false;
        }
        self.random() % 1000 < self.loss_permille
    }

    /// Node `from` sends `frame` `extra` ns from now.
    fn transmit(&mut self, from: usize, frame: Vec<u8>, extra: u64) {
        if self.lost(&frame) {
            return;
        }
        let mut delay = if from == 0 { self.up } else { self.down };
        if self.jitter > 0 {
            delay += self.random() % self.jitter;
        }
        self.frames.push(InFlight {
            at: self.now + extra + delay,
            from,
            frame,
        });
    }

    fn deliver(&mut self, f: InFlight) {
        let now_ms = self.now_ms();
        let len = f.frame.len();
        if f.from != 0 {
            self.buf[..len].copy_from_slice(&f.frame);
            match self.iface.receive(&mut self.buf, len, now_ms) {
                Received::Transmit(n) => {
                    let out = self.buf[..n].to_vec();
                    self.transmit(0, out, 0);
                }
                Received::Udp(meta) => {
                    let ticks = self.ticks(self.now);
                    let payload = &self.buf[meta.payload.clone()];
                    self.client.receive(&meta, payload, now_ms, ticks);
                }
                _ => {}
            }
        }
        for i in 0..self.servers.len() {
            if i + 1 == f.from {
                continue;
            }
            let s = &mut self.servers[i];
            s.buf[..len].copy_from_slice(&f.frame);
            match s.iface.receive(&mut s.buf, len, now_ms) {
                Received::Transmit(n) => {
                    let out = s.buf[..n].to_vec();
                    self.transmit(i + 1, out, 0);
                }
                Received::Udp(meta) if meta.dst_port == 123 => self.answer(i, meta),
                _ => {}
            }
        }
    }

    /// Server `i` answers the request in its buffer.
    fn answer(&mut self, i: usize, meta: microip6::iface::UdpMeta) {
        let t2 = self.truth(self.now);
        let t3 = t2.wrapping_add(NtpDuration((self.server_proc << 32) as i64 / S as i64));
        let now_ms = self.now_ms();
        let s = &mut self.servers[i];
        let fault = s
            .script
            .get(s.requests as usize)
            .copied()
            .unwrap_or(s.default);
        s.requests += 1;
        let Ok(req) = NtpPacket::new_checked(&s.buf[meta.payload.clone()]) else {
            return;
        };
        s.seen.push((req.xmit_timestamp(), meta.src_port));
        if req.mode() != Mode::Client || fault == Fault::Silent {
            return;
        }
        let mut reply = NtpRepr {
            leap: LeapIndicator::NoWarning,
            version: req.version(),
            mode: Mode::Server,
            stratum: 1,
            poll: req.poll(),
            precision: -20,
            root_delay: NtpShort::from_micros(100),
            root_dispersion: NtpShort::from_micros(200),
            ref_id: *b"GPS\0",
            ref_timestamp: t2.wrapping_add(NtpDuration(-(10 << 32))),
            orig_timestamp: req.xmit_timestamp(),
            recv_timestamp: t2,
            xmit_timestamp: t3,
        };
        let genuine_too = match fault {
            Fault::Leap3 => {
                reply.leap = LeapIndicator::Unsynchronized;
                false
            }
            Fault::ZeroTransmit => {
                reply.xmit_timestamp = NtpTimestamp(0);
                false
            }
            Fault::Stratum16 => {
                reply.stratum = 16;
                false
            }
            Fault::RootDistance => {
                reply.root_dispersion = NtpShort::new(16, 0);
                false
            }
            Fault::Kiss(code) => {
                reply.leap = LeapIndicator::Unsynchronized;
                reply.stratum = 0;
                reply.ref_id = code;
                false
            }
            _ => true,
        };
        let off = s.iface.udp_payload_offset();
        reply
            .emit(&mut NtpPacket::new_unchecked(&mut s.buf[off..off + 48]))
            .unwrap();
        let n = match s
            .iface
            .send_udp(&mut s.buf, now_ms, 123, &meta.src, meta.src_port, 48)
        {
            Ok(n) => n,
            Err(_) => return, // the client's address not resolved: no answer
        };
        let genuine = s.buf[..n].to_vec();
        let mut forged = genuine.clone();
        let hostile = match fault {
            Fault::WrongOrigin => {
                forged[62 + 31] ^= 0x80;
                true
            }
            Fault::WrongPort => {
                forged[54..56].copy_from_slice(&124u16.to_be_bytes());
                true
            }
            Fault::WrongAddress => {
                forged[37] ^= 0x55;
                true
            }
            Fault::Short => {
                forged.truncate(62 + 47);
                forged[18..20].copy_from_slice(&55u16.to_be_bytes());
                forged[58..60].copy_from_slice(&55u16.to_be_bytes());
                true
            }
            Fault::Mode3 => {
                forged[62] = 0x23;
                true
            }
            Fault::Version5 => {
                forged[62] = 0x2c;
                true
            }
            Fault::Duplicate => true,
            _ => false,
        };
        let proc = self.server_proc;
        if hostile {
            fix_udp_checksum(&mut forged);
            self.transmit(i + 1, forged, proc);
        }
        if genuine_too || !hostile {
            self.transmit(i + 1, genuine, proc + 1000);
        }
    }

    fn poll(&mut self) {
        let now_ms = self.now_ms();
        while let Some(n) = self.iface.poll_transmit(&mut self.buf, now_ms) {
            let f = self.buf[..n].to_vec();
            self.transmit(0, f, 0);
        }
        let ticks = self.ticks(self.now);
        if let Some(n) = self
            .client
            .poll_send(&mut self.iface, &mut self.buf, now_ms, ticks)
        {
            self.sent.push(self.now);
            let f = self.buf[..n].to_vec();
            self.transmit(0, f, 0);
        }
        for i in 0..self.servers.len() {
            loop {
                let s = &mut self.servers[i];
                let Some(n) = s.iface.poll_transmit(&mut s.buf, now_ms) else {
                    break;
                };
                let f = s.buf[..n].to_vec();
                self.transmit(i + 1, f, 0);
            }
        }
    }

    /// Runs until true time `end` (ns), event by event.
    fn run_until(&mut self, end: u64) {
        while self.now < end {
            while let Some(k) = (0..self.frames.len()).find(|&k| self.frames[k].at <= self.now) {
                let f = self.frames.remove(k);
                self.deliver(f);
            }
            self.poll();
            let now_ms = self.now_ms();
            let mut next = end;
            for f in &self.frames {
                next = next.min(f.at);
            }
            // The wrapping deadlines, on the simulation's clock (whole ms).
            let base = self.now / MS;
            let at64 = |at: u32| base + microip6::time::until(now_ms, at) as u64;
            let mut deadlines = vec![
                self.iface.poll_at(now_ms).map(at64),
                self.client.poll_at(now_ms).map(at64),
            ];
            for s in self.servers.iter_mut() {
                deadlines.push(s.iface.poll_at(now_ms).map(at64));
            }
            for d in deadlines.into_iter().flatten() {
                next = next.min(d * MS);
            }
            if next <= self.now {
                next = (base + 1) * MS; // due but blocked: look again in 1 ms
            }
            self.now = next.min(end);
        }
    }

    /// Runs until the client accepted `n` replies in all, or `limit` ns.
    fn run_until_accepted(&mut self, n: u16, limit: u64) {
        while self.client.counters().accepted < n && self.now < limit {
            let t = self.now + 10 * MS;
            self.run_until(t);
        }
        assert!(self.client.counters().accepted >= n, "no sync by {limit}");
    }
}

/// Recomputes the UDP checksum of an Ethernet/IPv6/UDP frame.
fn fix_udp_checksum(f: &mut [u8]) {
    let src = Ipv6Address::from_bytes(&f[22..38]);
    let dst = Ipv6Address::from_bytes(&f[38..54]);
    f[60..62].fill(0);
    let c = checksum::ipv6_upper_layer(&src, &dst, 17, &f[54..]);
    let c = if c == 0 { 0xffff } else { c };
    f[60..62].copy_from_slice(&c.to_be_bytes());
}

#[test]
fn first_sync_within_1ms_with_symmetric_2ms_delay() {
    for ppb in [0, 50_000, -50_000] {
        let mut sim = Sim::new(UNIX_2026, ppb, 1);
        assert_eq!(sim.client.sync_state(sim.now_ms()), SyncState::NeverSynced);
        sim.run_until_accepted(1, 60 * S);
        let err = sim.error_us();
        let SyncState::Synced(info) = sim.client.sync_state(sim.now_ms()) else {
            panic!("not synced");
        };
        println!(
            "crystal {:+} ppm: first sync after {} ms, clock error {} us, measured delay {} us",
            ppb / 1000,
            sim.now / MS,
            err,
            info.delay_us
        );
        assert!(err.abs() < 1000, "{err}");
        assert_eq!(info.server, sim.servers[0].addr);
        assert_eq!(info.stratum, 1);
        // 4 ms of path plus the server's 30 µs, to a tick or two.
        assert!(
            (info.delay_us as i64 - 4000).abs() < 100,
            "{}",
            info.delay_us
        );
        assert_eq!(sim.client.counters().steps, 1);
        // The second sync slews, within 1 ms as well.
        sim.run_until_accepted(2, 60 * S);
        assert!(sim.error_us().abs() < 1000);
        assert_eq!(sim.client.counters().steps, 1);
        // Requests: mode 3 version 4; T1 (after the first sync) is the
        // clock's time with the 17 bits below a 32768 Hz tick random (RFC
        // 4330 3), from a new random port each (RFC 9109).
        sim.run_until_accepted(6, 600 * S);
        let seen = &sim.servers[0].seen;
        let noise: Vec<u64> = seen.iter().map(|(t, _)| t.0 & 0x1_ffff).collect();
        let ports: Vec<u16> = seen.iter().map(|(_, p)| *p).collect();
        for i in 0..seen.len() {
            assert!(ports[i] >= 49152);
            for j in 0..i {
                assert_ne!(noise[i], noise[j], "{noise:x?}");
                assert_ne!(ports[i], ports[j], "{ports:?}");
            }
        }
        assert!(noise.iter().any(|n| *n >= 0x1_0000) && noise.iter().any(|n| *n < 0x1_0000));
    }
}

/// Runs 24 simulated hours with a crystal `ppb` off and returns (error at
/// 24 h, worst error after the first hour, worst error over the last
/// interval) in µs, printing the figures.
fn day_run(ppb: i64, up: u64, down: u64, loss_permille: u64, jitter: u64) -> (i64, i64, Sim) {
    let mut sim = Sim::new(UNIX_2026, ppb, 1);
    sim.up = up;
    sim.down = down;
    sim.loss_permille = loss_permille;
    sim.jitter = jitter;
    sim.run_until_accepted(1, 120 * S);
    let mut worst = 0i64;
    let mut t = sim.now;
    while t < 24 * 3600 * S {
        t = (t + 10 * S).min(24 * 3600 * S);
        sim.run_until(t);
        if t >= 3600 * S {
            worst = worst.max(sim.error_us().abs());
        }
    }
    let err = sim.error_us();
    let c = *sim.client.counters();
    println!(
        "crystal {:+} ppm, delays {}/{} us + jitter {} us, loss {} permille: error at 24 h {} us, \
         worst after 1 h {} us; learned {} ppb, poll {} s, {} requests, {} accepted, {} timeouts",
        ppb / 1000,
        up / 1000,
        down / 1000,
        jitter / 1000,
        loss_permille,
        err,
        worst,
        sim.client.clock().frequency_ppb(),
        sim.client.poll_interval_s(),
        c.requests,
        c.accepted,
        c.timeouts
    );
    (err, worst, sim)
}

#[test]
fn crystal_50ppm_within_10ms_after_24h() {
    for ppb in [50_000, -50_000] {
        let (err, worst, sim) = day_run(ppb, 2 * MS, 2 * MS, 0, 0);
        assert!(err.abs() < 10_000, "{err}");
        assert!(worst < 10_000, "{worst}");
        // The loop learned the crystal's error to within 0.5 ppm...
        let learned = sim.client.clock().frequency_ppb() as i64;
        // (a crystal fast by p runs the clock fast: correction -p/(1+p)).
        assert!((learned + ppb).abs() < 500, "{learned}");
        // ...and polls at the longest interval.
        assert_eq!(sim.client.poll_interval_s(), 1 << MAX_POLL_LOG2);
        // Under 200 requests in a day (5400 at 16 s): close to one per
        // 1024 s once the loop settled.
        assert!(sim.client.counters().requests < 200);
        assert_eq!(sim.client.counters().steps, 1);
    }
}

#[test]
fn asymmetric_path_and_loss() {
    // 1 ms up, 5 ms down: every offset is off by (1 - 5) / 2 = -2 ms; the
    // clock follows the server's time within that, no worse over a day,
    // with 20 % of the NTP datagrams lost.
    let (err, worst, sim) = day_run(30_000, MS, 5 * MS, 200, 0);
    assert!((err + 2000).abs() < 1000, "{err}");
    assert!(worst < 3000, "{worst}");
    assert!(sim.client.counters().timeouts > 0);
}

#[test]
fn sync_across_the_2036_era_change() {
    // Start 10 minutes before 2036-02-07T06:28:16Z, crystal 50 ppm slow.
    let mut sim = Sim::new(UNIX_ERA1 - 600, -50_000, 1);
    sim.run_until_accepted(1, 60 * S);
    let before = sim.client.clock().peek(sim.ticks(sim.now));
    assert!(before.seconds() > 0xffff_0000, "era 0: {before:?}");
    let mut worst = 0;
    while sim.now < 3600 * S {
        let t = sim.now + 5 * S;
        sim.run_until(t);
        worst = worst.max(sim.error_us().abs());
    }
    let after = sim.client.clock().peek(sim.ticks(sim.now));
    assert!(after.seconds() < 3600, "era 1: {after:?}");
    // Era 1 time read with a 2026 pivot: an hour minus 10 minutes past.
    let unix = after.unix_secs_near(UNIX_2026);
    assert!((unix - (UNIX_ERA1 + 3000)).abs() <= 1, "{unix}");
    let c = sim.client.counters();
    println!(
        "2036 era change: worst error {} us over the hour, {} replies, {} step",
        worst, c.accepted, c.steps
    );
    assert!(worst < 1000, "{worst}");
    // Replies on both sides of the change were slewed, none stepped again.
    assert!(c.accepted >= 6);
    assert_eq!(c.steps, 1);
}

#[test]
fn hostile_replies_rejected_by_reason_then_sync() {
    let mut sim = Sim::new(UNIX_2026, 20_000, 1);
    // One fault per request; after them the server is honest again.
    sim.servers[0].script = vec![
        Fault::Leap3,
        Fault::ZeroTransmit,
        Fault::Stratum16,
        Fault::RootDistance,
        Fault::Kiss(*b"XXXX"),
        Fault::WrongOrigin,
        Fault::WrongPort,
        Fault::WrongAddress,
        Fault::Short,
        Fault::Mode3,
        Fault::Version5,
        Fault::Duplicate,
    ];
    // The first five requests get no usable reply: no sync yet.
    sim.run_until(5 * 16 * S - S);
    assert_eq!(sim.client.counters().accepted, 0);
    assert_eq!(sim.client.sync_state(sim.now_ms()), SyncState::NeverSynced);
    sim.run_until_accepted(7, 40 * 60 * S);
    let c = *sim.client.counters();
    let expect = [
        (Reject::Unsynchronized, 1),
        (Reject::ZeroTransmit, 1),
        (Reject::BadStratum, 1),
        (Reject::RootDistance, 1),
        (Reject::KissOther, 1),
        (Reject::BadOrigin, 1),
        (Reject::WrongSource, 2),
        (Reject::Truncated, 1),
        (Reject::BadMode, 1),
        (Reject::BadVersion, 1),
        (Reject::NotExpected, 1),
        (Reject::KissDeny, 0),
        (Reject::KissRate, 0),
    ];
    for (reason, n) in expect {
        assert_eq!(c.rejected(reason), n, "{reason:?}");
    }
    assert_eq!(c.rejected.iter().map(|&n| n as u32).sum::<u32>(), 12);
    // The interface saw every forged datagram arrive (checksums right).
    assert_eq!(c.timeouts, 0);
    assert!(sim.error_us().abs() < 1000, "{}", sim.error_us());
    println!("hostile: {c:?}");
}

#[test]
fn kiss_of_death_deny_rstr_retire_servers_rate_slows_down() {
    let mut sim = Sim::new(UNIX_2026, 0, 3);
    sim.servers[0].script = vec![Fault::Kiss(*b"DENY")];
    sim.servers[1].script = vec![Fault::Kiss(*b"RSTR")];
    sim.servers[2].script = vec![Fault::Kiss(*b"RATE")];
    // DENY from the first: the second is asked next, RSTR: the third.
    sim.run_until(60 * S);
    let c = *sim.client.counters();
    assert_eq!(c.rejected(Reject::KissDeny), 2);
    assert_eq!(c.rejected(Reject::KissRate), 1);
    assert_eq!(sim.servers[0].requests, 1);
    assert_eq!(sim.servers[1].requests, 1);
    assert_eq!(sim.servers[2].requests, 1);
    // RATE: the interval doubled (16 s to 32 s) and only the third server
    // is left; it is polled from now on and the clock syncs.
    assert_eq!(sim.client.server(), Some(sim.servers[2].addr));
    assert_eq!(sim.client.poll_interval_s(), 32);
    sim.run_until_accepted(1, 600 * S);
    let gaps: Vec<u64> = sim.sent.windows(2).map(|w| (w[1] - w[0]) / S).collect();
    assert_eq!(&gaps[..3], &[16, 16, 32], "{gaps:?}");
    sim.run_until(3600 * S);
    assert_eq!(sim.servers[0].requests, 1);
    assert_eq!(sim.servers[1].requests, 1);
    assert!(sim.servers[2].requests > 5);
    // A DNS refresh with the same servers keeps them retired.
    let addrs: Vec<_> = sim.servers.iter().map(|s| s.addr).collect();
    sim.client.set_servers(&addrs);
    assert_eq!(sim.client.server(), Some(sim.servers[2].addr));
}

#[test]
fn backoff_without_replies_then_failover() {
    let mut sim = Sim::new(UNIX_2026, 0, 2);
    sim.servers[0].default = Fault::Silent;
    sim.servers[1].default = Fault::Silent;
    sim.run_until(3 * 3600 * S);
    let gaps: Vec<u64> = sim.sent.windows(2).map(|w| (w[1] - w[0]) / S).collect();
    // 16 s, then doubling per unanswered request up to 1024 s (RFC 4330 10).
    assert_eq!(
        &gaps[..8],
        &[16, 32, 64, 128, 256, 512, 1024, 1024],
        "{gaps:?}"
    );
    // Two unanswered requests per server, then the other one: 0, 16 s,
    // 240, 496, 3056, 4080, 7152, 8176 to the first, the others to the
    // second.
    assert_eq!(sim.servers[0].requests, 8);
    assert_eq!(sim.servers[1].requests, 8);
    assert_eq!(sim.client.sync_state(sim.now_ms()), SyncState::NeverSynced);
    // The second server comes back: sync, and the backoff is over.
    sim.servers[1].default = Fault::None;
    sim.servers[0].default = Fault::None;
    let n = sim.client.counters().requests;
    sim.run_until_accepted(1, 5 * 3600 * S);
    assert!(sim.client.counters().requests <= n + 2);
    assert_eq!(sim.client.poll_interval_s(), 16);
}

#[test]
fn failover_to_second_server_then_lost_state() {
    let mut sim = Sim::new(UNIX_2026, 10_000, 2);
    sim.servers[0].default = Fault::Silent;
    sim.run_until_accepted(1, 600 * S);
    // Two timeouts on the first server, then the second answered.
    assert_eq!(sim.client.counters().timeouts, 2);
    let SyncState::Synced(info) = sim.client.sync_state(sim.now_ms()) else {
        panic!()
    };
    assert_eq!(info.server, sim.servers[1].addr);
    assert!(sim.error_us().abs() < 1000);
    // Both go silent for good: after an hour the state is Lost, with the
    // last sample kept, and the clock runs on its learned frequency.
    sim.run_until(1800 * S);
    sim.servers[1].default = Fault::Silent;
    let synced_at = sim.now;
    sim.run_until(synced_at + 3600 * S + 1100 * S);
    let SyncState::Lost(info) = sim.client.sync_state(sim.now_ms()) else {
        panic!("{:?}", sim.client.sync_state(sim.now_ms()))
    };
    assert!(info.since_s >= 3600);
    println!(
        "holdover: {} us off after {} s without replies",
        sim.error_us(),
        info.since_s
    );
    assert!(sim.error_us().abs() < 10_000);
}

#[test]
fn jittery_path_still_within_10ms_after_24h() {
    // 2 ms each way plus up to 3 ms of random queueing per frame, 10 %
    // loss, crystal 50 ppm fast.
    let (err, worst, sim) = day_run(50_000, 2 * MS, 2 * MS, 100, 3 * MS);
    assert!(err.abs() < 10_000, "{err}");
    assert!(worst < 10_000, "{worst}");
    assert_eq!(sim.client.counters().steps, 1);
}

#[test]
fn unreachable_server_is_skipped() {
    // The first server's address has no node behind it: address
    // resolution fails; after 10 s of it the client moves on at once.
    let mut sim = Sim::new(UNIX_2026, 0, 1);
    let ghost = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0xdead]);
    let real = sim.servers[0].addr;
    sim.client.set_servers(&[ghost]);
    sim.client.set_servers(&[ghost, real]); // the ghost stays current
    assert_eq!(sim.client.server(), Some(ghost));
    sim.run_until_accepted(1, 60 * S);
    let c = *sim.client.counters();
    assert_eq!(c.unreachable, 1);
    assert_eq!(c.timeouts, 0);
    assert_eq!(c.requests, 1); // nothing was ever sent to the ghost
    assert!(sim.now < 15 * S, "{}", sim.now);
    // Alone and unreachable: backoff instead of retrying every 250 ms.
    let mut sim = Sim::new(UNIX_2026, 0, 1);
    sim.client.set_servers(&[ghost]);
    sim.run_until(600 * S);
    let c = *sim.client.counters();
    assert_eq!(c.requests, 0);
    // Given up at 10 s, then after 32 + 10, 64 + 10, 128 + 10, 256 + 10 s.
    assert_eq!(c.unreachable, 5, "{c:?}");
}

#[test]
fn polls_and_lost_state_across_the_millisecond_wrap() {
    // The millisecond clock wraps 2000 s after the start: during the
    // hour without replies that ends in the Lost state.
    let mut sim = Sim::new(UNIX_2026, 20_000, 1);
    sim.ms0 = u32::MAX - 1_999_999;
    sim.client.set_servers(&[]);
    sim.client.set_servers(&[sim.servers[0].addr]);
    // The first request goes out at once (once the link-local address is
    // usable, 1.5 s), 2000 s before the wrap.
    sim.run_until_accepted(1, 60 * S);
    assert!(sim.sent[0] < 2 * S, "{}", sim.sent[0]);
    sim.run_until(1000 * S);
    let SyncState::Synced(info) = sim.client.sync_state(sim.now_ms()) else {
        panic!()
    };
    assert!(info.since_s < 1 << 10);
    let polls_before = sim.sent.len();
    sim.servers[0].default = Fault::Silent;
    let last = *sim.sent.last().unwrap();
    // Backoff across the wrap: the request after the last answered one
    // goes one poll interval later, the next one the (adapted) interval
    // after that; it counts the first loss: 32 s, doubled per lost
    // request up to 1024 s.
    sim.run_until(last + 3 * 3600 * S);
    assert!(sim.now_ms() < 1 << 31, "the clock wrapped");
    let gaps: Vec<u64> = sim.sent[polls_before - 1..]
        .windows(2)
        .map(|w| (w[1] - w[0]) / S)
        .collect();
    assert!(gaps.len() >= 12, "{gaps:?}");
    assert_eq!(&gaps[2..8], &[32, 64, 128, 256, 512, 1024], "{gaps:?}");
    assert!(gaps[8..].iter().all(|&g| g == 1024), "{gaps:?}");
    // Lost an hour after the last accepted reply (across the wrap), and
    // the age counted in seconds since.
    let SyncState::Lost(lost) = sim.client.sync_state(sim.now_ms()) else {
        panic!("{:?}", sim.client.sync_state(sim.now_ms()))
    };
    let accepted_at = (last + 4 * MS) / S; // the reply came 4 ms later
    assert!(
        lost.since_s.abs_diff((sim.now / S - accepted_at) as u32) <= 1,
        "{} {}",
        lost.since_s,
        sim.now / S
    );
    // The server is back: synchronized again (the next poll).
    sim.servers[0].default = Fault::None;
    let n = sim.client.counters().accepted;
    sim.run_until_accepted(n + 1, sim.now + 1100 * S);
    assert!(matches!(
        sim.client.sync_state(sim.now_ms()),
        SyncState::Synced(SyncInfo { since_s: 0, .. })
    ));
    assert!(sim.error_us().abs() < 1000, "{}", sim.error_us());
}

/// Runs in steps of 0.1 ms until the client sent `n` requests in all: the
/// last one is then outstanding, still on its way to the server (2 ms).
fn run_until_sent(sim: &mut Sim, n: usize) {
    while sim.sent.len() < n {
        let t = sim.now + MS / 10;
        sim.run_until(t);
    }
}

#[test]
fn server_list_replaced_while_a_request_is_outstanding() {
    let mut sim = Sim::new(UNIX_2026, 0, 3);
    let [a, b, c] = [0, 1, 2].map(|i| sim.servers[i].addr);
    // The first request goes to a (slot 0); a DNS refresh moves a to
    // slot 1 before the reply: the reply is still the one expected (RFC
    // 5905 8: from the server asked, with our T1) and accepted, and a
    // stays the polled server.
    run_until_sent(&mut sim, 1);
    assert_eq!(sim.servers[0].requests, 0);
    sim.client.set_servers(&[c, a, b]);
    assert_eq!(sim.client.server(), Some(a));
    sim.run_until(sim.now + 10 * MS);
    assert_eq!(sim.servers[0].requests, 1);
    assert_eq!(sim.client.counters().accepted, 1);
    run_until_sent(&mut sim, 2);
    assert_eq!(sim.servers[0].requests, 1);
    // The second request, to a, is outstanding when a leaves the list:
    // its reply is refused (not from the polled server, b now) and
    // nothing is expected any more, so the next poll counts no timeout
    // and asks b, the first listed.
    sim.client.set_servers(&[b, c]);
    assert_eq!(sim.client.server(), Some(b));
    sim.run_until(sim.now + 10 * MS);
    let n = *sim.client.counters();
    assert_eq!((n.accepted, n.rejected(Reject::WrongSource)), (1, 1));
    assert_eq!(sim.servers[0].requests, 2); // a answered it
    run_until_sent(&mut sim, 3);
    assert_eq!(sim.servers[1].requests, 0);
    // b moves to slot 1 and c takes its old slot 0 while b's request is
    // outstanding: b's reply is accepted at its new slot.
    sim.client.set_servers(&[c, b]);
    sim.run_until(sim.now + 10 * MS);
    assert_eq!(sim.servers[1].requests, 1);
    let n = *sim.client.counters();
    assert_eq!((n.accepted, n.timeouts, n.requests), (2, 0, 3));
    assert_eq!(n.rejected.iter().map(|&r| r as u32).sum::<u32>(), 1);
    // The next request goes to b again.
    run_until_sent(&mut sim, 4);
    sim.run_until(sim.now + 10 * MS);
    assert_eq!(sim.servers[1].requests, 2);
    assert_eq!(sim.servers[2].requests, 0);
    assert_eq!(sim.client.counters().accepted, 3);
}
