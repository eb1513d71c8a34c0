//! The SNTP client as a state machine: a request is sent (through a
//! steady-state interface) to the configured server, then fuzzer-chosen
//! datagrams arrive at its port from that server and port or from others:
//! raw bytes, or a server reply to the request (our origin timestamp,
//! fuzzer-chosen header fields and timestamps, Kiss-o'-Death codes) with
//! fuzzer bytes written over a part. Clock advances (of the millisecond
//! clock and, independently, of the tick counter), `poll_send` calls and
//! server list changes are mixed in.
//!
//! Checked: no panic (the fuzz build has overflow checks on); `receive`
//! changes nothing for a datagram to another port, and only the
//! rejection counter for one from another source or port; every datagram
//! to our port gets exactly one verdict (accepted or one rejection
//! reason); an accepted reply makes the state `Synced` with that server
//! and a delay of at most about a second; counters never go down; the
//! poll interval stays within 16..=1024 s; requests are well-formed
//! frames; and at the end, the genuine reply to the request outstanding
//! (or, once due, the next one) is still accepted while a server is usable.
#![no_main]
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use microip6::clock::softclock::SoftClock;
use microip6::iface::UdpMeta;
use microip6::sntp::{Counters, Reject, SntpClient, SyncState};
use microip6::wire::ip_protocol;
use microip6::wire::Ipv6Address;

#[path = "common/node.rs"]
mod common;
use common::*;

const HZ: u32 = 32768;
const SERVER2: Ipv6Address = Ipv6Address::new([0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x123]);

/// The request most recently sent: server, source port, its T1.
#[derive(Clone, Copy)]
struct Request {
    server: Ipv6Address,
    port: u16,
    t1: u64,
}

struct Run {
    node: Node,
    sntp: SntpClient,
    /// Tick counter (wrapping), advanced with the clock plus fuzzer drift.
    ticks: u32,
    last: Option<Request>,
    /// The server list changed since the last request.
    servers_changed: bool,
}

fn counters_grew(before: &Counters, after: &Counters) {
    let pairs = [
        (before.requests, after.requests),
        (before.accepted, after.accepted),
        (before.timeouts, after.timeouts),
        (before.steps, after.steps),
        (before.unreachable, after.unreachable),
    ];
    for (b, a) in pairs {
        assert!(a >= b, "client counter went from {b} to {a}");
    }
    for (b, a) in before.rejected.iter().zip(after.rejected.iter()) {
        assert!(a >= b, "rejection counter went from {b} to {a}");
    }
}

fn total_rejected(c: &Counters) -> u32 {
    c.rejected.iter().map(|&x| x as u32).sum()
}

impl Run {
    fn advance(&mut self, ms: u64, drift_ticks: i16) {
        self.node.now += ms;
        let ticks = (ms * HZ as u64 / 1000) as u32;
        self.ticks = self
            .ticks
            .wrapping_add(ticks)
            .wrapping_add(drift_ticks as i32 as u32);
    }

    fn check(&mut self) {
        let s = self.sntp.poll_interval_s();
        assert!((16..=1024).contains(&s), "poll interval {s}");
        match self.sntp.sync_state(self.node.ms()) {
            SyncState::NeverSynced => assert!(self.sntp.counters().accepted == 0),
            SyncState::Synced(i) | SyncState::Lost(i) => {
                assert!(i.delay_us <= 1_000_001, "delay {}", i.delay_us);
                assert!(i.stratum >= 1 && i.stratum <= 15);
            }
        }
        let _ = self.sntp.now(self.ticks);
    }

    fn poll_send(&mut self) {
        self.node.drain();
        let before = *self.sntp.counters();
        let now = self.node.ms();
        let sent = self
            .sntp
            .poll_send(&mut self.node.iface, &mut self.node.buf, now, self.ticks);
        counters_grew(&before, self.sntp.counters());
        if let Some(n) = sent {
            assert_eq!(self.sntp.counters().requests, before.requests + 1);
            let s = check_sent(&self.node.iface, &self.node.buf, n, "sntp request");
            assert_eq!(s.protocol, ip_protocol::UDP);
            let u = s.upper();
            assert_eq!(u.len(), 8 + 48);
            assert_eq!(u16::from_be_bytes([u[2], u[3]]), 123);
            let ntp = &u[8..];
            assert_eq!(ntp[0], 0x23, "LI 0, VN 4, mode 3");
            assert!(ntp[1..40].iter().all(|&b| b == 0), "only T1 set");
            let t1 = u64::from_be_bytes(ntp[40..48].try_into().unwrap());
            assert_ne!(t1, 0);
            self.last = Some(Request {
                server: s.dst,
                port: u16::from_be_bytes([u[0], u[1]]),
                t1,
            });
            self.servers_changed = false;
            // The next request is scheduled in the future.
            let at = self.sntp.poll_at(self.node.ms()).unwrap();
            assert!(self.node.at64(at) > self.node.now);
        }
        self.node.drain();
        self.check();
    }

    fn receive(&mut self, meta: &UdpMeta, payload: &[u8]) -> bool {
        let before = *self.sntp.counters();
        let before_sync = self.sntp.sync_state(self.node.ms());
        let before_poll = self.sntp.poll_at(self.node.ms());
        let ours = self.sntp.receive(meta, payload, self.node.ms(), self.ticks);
        let after = *self.sntp.counters();
        counters_grew(&before, &after);
        if !ours {
            assert_eq!(after, before, "a datagram for another port was counted");
            assert_eq!(self.sntp.sync_state(self.node.ms()), before_sync);
        } else {
            let verdicts = total_rejected(&after) - total_rejected(&before)
                + (after.accepted - before.accepted) as u32;
            assert_eq!(verdicts, 1, "one datagram, one verdict");
            if meta.src_port != 123 {
                assert_eq!(
                    after.rejected(Reject::WrongSource),
                    before.rejected(Reject::WrongSource) + 1
                );
            }
            if after.rejected(Reject::WrongSource) != before.rejected(Reject::WrongSource) {
                assert_eq!(self.sntp.sync_state(self.node.ms()), before_sync);
                assert_eq!(self.sntp.poll_at(self.node.ms()), before_poll);
            }
            if after.accepted != before.accepted {
                match self.sntp.sync_state(self.node.ms()) {
                    SyncState::Synced(i) => {
                        assert_eq!(i.server, meta.src);
                        assert_eq!(i.since_s, 0);
                    }
                    other => panic!("accepted, but {other:?}"),
                }
                assert!(self.sntp.clock().is_set());
            }
        }
        self.check();
        ours
    }
}

/// A server reply to `r`: stratum 2, small root distance, T2 = T1 + `d2`,
/// T3 = T2 + `d3` (2^-32 s).
fn reply(r: &Request, d2: u64, d3: u64) -> Vec<u8> {
    let mut m = vec![0u8; 48];
    m[0] = 0x24; // LI 0, VN 4, mode 4
    m[1] = 2;
    m[2] = 6;
    m[3] = 0xec;
    m[4..8].copy_from_slice(&0x0000_0100u32.to_be_bytes()); // root delay
    m[8..12].copy_from_slice(&0x0000_0200u32.to_be_bytes()); // dispersion
    m[12..16].copy_from_slice(&[192, 0, 2, 1]);
    let t2 = r.t1.wrapping_add(d2);
    m[16..24].copy_from_slice(&t2.wrapping_sub(1 << 32).to_be_bytes());
    m[24..32].copy_from_slice(&r.t1.to_be_bytes());
    m[32..40].copy_from_slice(&t2.to_be_bytes());
    m[40..48].copy_from_slice(&t2.wrapping_add(d3).to_be_bytes());
    m
}

fn server(u: &mut Unstructured) -> Result<Ipv6Address> {
    Ok(match u.int_in_range(0u8..=4)? {
        0 | 1 => PEER_LL,
        2 => SERVER2,
        3 => RTR_LL,
        _ => Ipv6Address(u.arbitrary()?),
    })
}

fn step(u: &mut Unstructured, run: &mut Run) -> Result<()> {
    match u.int_in_range(0u8..=10)? {
        0..=5 => {
            let r = run.last.unwrap_or(Request {
                server: PEER_LL,
                port: 49152,
                t1: 0,
            });
            let src = match u.int_in_range(0u8..=5)? {
                0..=3 => r.server,
                _ => server(u)?,
            };
            let src_port = if u.int_in_range(0u8..=5)? != 0 {
                123
            } else {
                u.arbitrary()?
            };
            let dst_port = if u.int_in_range(0u8..=7)? != 0 {
                r.port
            } else {
                u.arbitrary()?
            };
            let mut payload = match u.int_in_range(0u8..=3)? {
                0 => Vec::new(),
                _ => {
                    // Offsets of any size, delays mostly small.
                    let d2 = if u.arbitrary()? {
                        u.int_in_range(0u64..=1 << 32)?
                    } else {
                        u.arbitrary()?
                    };
                    let d3: u64 = if u.arbitrary()? {
                        u.int_in_range(0u64..=1 << 28)?
                    } else {
                        u.arbitrary()?
                    };
                    let mut m = reply(&r, d2, d3);
                    match u.int_in_range(0u8..=5)? {
                        // Kiss-o'-Death.
                        0 => {
                            m[1] = 0;
                            let codes: [&[u8; 4]; 4] = [b"DENY", b"RSTR", b"RATE", b"XYZW"];
                            m[12..16].copy_from_slice(codes[u.int_in_range(0usize..=3)?]);
                        }
                        // Fuzzer bytes over a part of it.
                        1 | 2 => {
                            let at = u.int_in_range(0usize..=47)?;
                            let n = u.int_in_range(0usize..=48 - at)?.min(u.len());
                            m[at..at + n].copy_from_slice(u.bytes(n)?);
                        }
                        _ => {}
                    }
                    m
                }
            };
            let extra = u.int_in_range(0usize..=80)?.min(u.len());
            payload.extend_from_slice(u.bytes(extra)?);
            let meta = UdpMeta {
                src,
                src_port,
                dst: run.node.iface.link_local(),
                dst_port,
                payload: 0..payload.len(),
            };
            run.receive(&meta, &payload);
        }
        6 => {
            let ms = match u.int_in_range(0u8..=2)? {
                0 | 1 => u.int_in_range(0u64..=20_000)?,
                _ => u.int_in_range(0u64..=200_000_000)?,
            };
            let drift: i16 = u.arbitrary()?;
            run.advance(ms, drift);
            run.poll_send();
        }
        7 => {
            if let Some(at) = run.sntp.poll_at(run.node.ms()) {
                let ms = run.node.at64(at) - run.node.now;
                run.advance(ms, 0);
            }
            run.poll_send();
        }
        8 => {
            let n = u.int_in_range(0usize..=4)?;
            let mut list = Vec::new();
            for _ in 0..n {
                list.push(server(u)?);
            }
            run.sntp.set_servers(&list);
            run.servers_changed = true;
            run.poll_send();
        }
        9 => {
            let s = server(u)?;
            run.sntp.add_server(s);
            run.servers_changed = true;
        }
        _ => run.poll_send(),
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut run = Run {
        node: Node::steady(),
        sntp: SntpClient::new(SoftClock::new(HZ), 0x5eed),
        ticks: 0x1234_5678,
        last: None,
        servers_changed: false,
    };
    run.sntp.set_servers(&[PEER_LL]);
    run.poll_send();
    assert!(run.last.is_some(), "the first request went out");
    for _ in 0..32 {
        if u.is_empty() || step(&mut u, &mut run).is_err() {
            break;
        }
    }
    // The genuine reply to the request outstanding is accepted. When none
    // is (answered, timed out, its server dropped), the clock goes to the
    // next poll and the next request is answered.
    for _ in 0..16 {
        let Some(r) = run.last else { break };
        let m = reply(&r, 1 << 22, 1 << 22);
        let meta = UdpMeta {
            src: r.server,
            src_port: 123,
            dst: run.node.iface.link_local(),
            dst_port: r.port,
            payload: 0..m.len(),
        };
        let before = *run.sntp.counters();
        if run.receive(&meta, &m) {
            let after = *run.sntp.counters();
            if after.accepted == before.accepted {
                let not_expected =
                    after.rejected(Reject::NotExpected) > before.rejected(Reject::NotExpected);
                let moved = run.servers_changed
                    && after.rejected(Reject::WrongSource) > before.rejected(Reject::WrongSource);
                assert!(not_expected || moved, "genuine reply refused: {after:?}");
            } else {
                break;
            }
        }
        let Some(at) = run.sntp.poll_at(run.node.ms()) else {
            break;
        };
        let ms = run.node.at64(at) - run.node.now;
        run.advance(ms, 0);
        run.poll_send();
    }
});
