//! The DNS resolver as a state machine: a lookup is started and its query
//! sent (through a steady-state interface) to the configured server, then
//! fuzzer-chosen datagrams arrive at the query's port, from that server
//! and port or from others: raw bytes, or a reply header and the genuine
//! question in front of fuzzer bytes (so that the answer reader is
//! reached), whole or as the first bytes of a longer datagram (the
//! interface's `receive_cut`). Clock advances, new lookups and
//! `poll_send` calls are mixed in.
//!
//! Checked: no panic; `receive` changes nothing for a datagram to another
//! port and nothing but the rejection counters for one from another source
//! or port; state transitions are only the allowed ones (`receive` only
//! while resolving, to resolved or to the failures a reply can cause;
//! `poll_send` only to the timeout ones); counters never go down; queries
//! are well-formed frames; a resolved state has 1..=ADDRS addresses; and
//! at the end, while resolving, the genuine answer to the query in flight
//! is still accepted.
#![no_main]
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use microip6::dns::{Config, Counters, Failure, Resolver, State};
use microip6::iface::UdpMeta;
use microip6::wire::ip_protocol;
use microip6::wire::Ipv6Address;

#[path = "common/node.rs"]
mod common;
use common::*;

const NAME: &str = "pool.ntp.org";
const ANSWER: Ipv6Address = Ipv6Address::new([0x2001, 0xdb8, 0x7, 0, 0, 0, 0, 0x123]);

/// The query most recently sent: destination, source port, the DNS
/// message.
#[derive(Clone)]
struct Query {
    server: Ipv6Address,
    port: u16,
    msg: Vec<u8>,
}

struct Run {
    node: Node,
    dns: Resolver,
    last: Option<Query>,
    /// The name of the last `resolve`.
    name: &'static str,
}

fn counters_grew(before: &Counters, after: &Counters) {
    let pairs = [
        (before.queries, after.queries),
        (before.replies, after.replies),
        (before.timeouts, after.timeouts),
        (before.server_errors, after.server_errors),
        (before.truncated, after.truncated),
        (before.cache_hits, after.cache_hits),
    ];
    for (b, a) in pairs {
        assert!(a >= b, "resolver counter went from {b} to {a}");
    }
    for (b, a) in before.rejections.iter().zip(after.rejections.iter()) {
        assert!(a >= b, "rejection counter went from {b} to {a}");
    }
}

fn check_state(dns: &Resolver, now: u32) {
    match dns.state() {
        State::Resolved => {
            assert!(!dns.addresses().is_empty() && dns.addresses().len() <= 4);
            assert!(dns.expires_at().is_some());
            assert!(dns.poll_at(now).is_none());
        }
        State::Resolving => {
            assert!(dns.addresses().is_empty());
            assert!(dns.poll_at(now).is_some());
        }
        _ => {
            assert!(dns.addresses().is_empty());
            assert!(dns.poll_at(now).is_none());
        }
    }
    let _ = dns.is_fresh(now);
}

impl Run {
    /// Drains the interface, then lets the resolver send; a query must be
    /// a well-formed UDP frame to port 53 of a known server.
    fn poll_send(&mut self) {
        self.node.drain();
        let before_state = self.dns.state();
        let before = *self.dns.counters();
        let now = self.node.ms();
        let sent = self
            .dns
            .poll_send(&mut self.node.iface, &mut self.node.buf, now);
        counters_grew(&before, self.dns.counters());
        let after_state = self.dns.state();
        if before_state != State::Resolving {
            assert_eq!(
                after_state, before_state,
                "poll_send changed a finished lookup"
            );
        } else {
            assert!(
                matches!(
                    after_state,
                    State::Resolving
                        | State::Failed(
                            Failure::Timeout | Failure::NoServer | Failure::ServerError(_)
                        )
                ),
                "poll_send: resolving -> {after_state:?}"
            );
        }
        if let Some(n) = sent {
            assert_eq!(self.dns.counters().queries, before.queries + 1);
            assert_eq!(after_state, State::Resolving);
            let s = check_sent(&self.node.iface, &self.node.buf, n, "dns query");
            assert_eq!(s.protocol, ip_protocol::UDP);
            let u = s.upper();
            assert_eq!(u16::from_be_bytes([u[2], u[3]]), 53);
            assert!(s.dst == PEER_LL || s.dst == RDNSS, "query to {:?}", s.dst);
            let port = u16::from_be_bytes([u[0], u[1]]);
            assert!(port >= 49152, "query from port {port}");
            self.last = Some(Query {
                server: s.dst,
                port,
                msg: u[8..].to_vec(),
            });
        }
        self.node.drain();
        check_state(&self.dns, self.node.ms());
    }

    /// Offers a datagram; checks what may change.
    fn receive(&mut self, meta: &UdpMeta, payload: &[u8]) {
        let before_state = self.dns.state();
        let before_addrs = self.dns.addresses().to_vec();
        let before_expiry = self.dns.expires_at();
        let before = *self.dns.counters();
        let ours = self.dns.receive(meta, payload, self.node.ms());
        let after = *self.dns.counters();
        counters_grew(&before, &after);
        let after_state = self.dns.state();
        let genuine_source = self.last.as_ref().is_some_and(|q| {
            q.server == meta.src && meta.src_port == 53 && q.port == meta.dst_port
        });
        if !ours {
            assert_eq!(after, before, "a datagram for another port was counted");
        }
        if !ours || !genuine_source || before_state != State::Resolving {
            assert_eq!(after_state, before_state, "state changed by {meta:?}");
            assert_eq!(self.dns.addresses(), &before_addrs[..]);
            assert_eq!(self.dns.expires_at(), before_expiry);
            assert_eq!(
                (after.replies, after.queries),
                (before.replies, before.queries)
            );
        } else {
            assert!(
                matches!(
                    after_state,
                    State::Resolving
                        | State::Resolved
                        | State::Failed(
                            Failure::NxDomain
                                | Failure::NoData
                                | Failure::Truncated
                                | Failure::TooManyCnames
                                | Failure::NameTooLong
                        )
                ),
                "receive: resolving -> {after_state:?}"
            );
            if after_state == State::Resolved {
                // Kept from now for the TTL (at most the default day).
                let ttl = self.dns.expires_at().unwrap().wrapping_sub(self.node.ms());
                assert!(ttl <= 86_400_000, "TTL {ttl} ms");
            }
        }
        if ours {
            let rejected: u32 = after.rejections.iter().map(|&c| c as u32).sum::<u32>()
                - before.rejections.iter().map(|&c| c as u32).sum::<u32>();
            // Either rejected (one reason) or a reply (counted once).
            assert_eq!(
                rejected + (after.replies - before.replies) as u32,
                1,
                "one datagram, one verdict"
            );
        }
        check_state(&self.dns, self.node.ms());
    }
}

/// The genuine reply to `q`: ID and question copied, one AAAA answer.
fn genuine(q: &Query) -> Vec<u8> {
    let mut m = q.msg.clone();
    m[2] = 0x81; // QR, RD
    m[3] = 0x80; // RA, NOERROR
    m[6..8].copy_from_slice(&1u16.to_be_bytes());
    m.extend_from_slice(&[0xc0, 0x0c, 0, 28, 0, 1, 0, 0, 0x0e, 0x10, 0, 16]);
    m.extend_from_slice(&ANSWER.0);
    m
}

fn step(u: &mut Unstructured, run: &mut Run) -> Result<()> {
    match u.int_in_range(0u8..=9)? {
        0..=4 => {
            let q = run.last.clone();
            let (server, port) = q.as_ref().map_or((PEER_LL, 49152), |q| (q.server, q.port));
            let src = match u.int_in_range(0u8..=5)? {
                0..=3 => server,
                4 => RTR_LL,
                _ => Ipv6Address(u.arbitrary()?),
            };
            let src_port = if u.int_in_range(0u8..=5)? != 0 {
                53
            } else {
                u.arbitrary()?
            };
            let dst_port = if u.int_in_range(0u8..=7)? != 0 {
                port
            } else {
                u.arbitrary()?
            };
            let mut payload = Vec::new();
            let body_len = u.int_in_range(0usize..=600)?;
            match (u.int_in_range(0u8..=3)?, &q) {
                // Header and question of the query, fuzzer bytes after.
                (0 | 1, Some(q)) => {
                    payload.extend_from_slice(&q.msg);
                    let flags: u16 = u.arbitrary()?;
                    // Mostly a plain response (QR, RD, RA, NOERROR).
                    let flags = if u.arbitrary()? { 0x8180 } else { flags };
                    payload[2..4].copy_from_slice(&flags.to_be_bytes());
                    let counts: [u8; 6] = u.arbitrary()?;
                    payload[6] = 0;
                    payload[7] = counts[0] % 8;
                    if u.arbitrary()? {
                        payload[8..12].copy_from_slice(&counts[2..6]);
                    }
                }
                // A genuine answer with fuzzer bytes written over a part.
                (2, Some(q)) => {
                    payload = genuine(q);
                    let at = u.int_in_range(0..=payload.len())?;
                    let patch = u.bytes(u.len().min(payload.len() - at).min(body_len))?;
                    payload[at..at + patch.len()].copy_from_slice(patch);
                }
                _ => {}
            }
            payload.extend_from_slice(u.bytes(body_len.min(u.len()))?);
            // Sometimes the first bytes of a longer datagram, as the
            // interface delivers one cut by the buffer (`receive_cut`):
            // the metadata's payload ends past the bytes held.
            let cut = match u.int_in_range(0u8..=3)? {
                0 => u.int_in_range(1usize..=600)?,
                _ => 0,
            };
            let meta = UdpMeta {
                src,
                src_port,
                dst: run.node.iface.link_local(),
                dst_port,
                payload: 0..payload.len() + cut,
            };
            run.receive(&meta, &payload);
        }
        5 => {
            let ms = match u.int_in_range(0u8..=2)? {
                0 | 1 => u.int_in_range(0u64..=5_000)?,
                _ => u.int_in_range(0u64..=100_000_000)?,
            };
            run.node.now += ms;
            run.poll_send();
        }
        6 => {
            if let Some(at) = run.dns.poll_at(run.node.ms()) {
                run.node.now = run.node.at64(at);
            }
            run.poll_send();
        }
        7 => {
            // The same name again (answered from the kept answer while
            // fresh), or another one.
            let name = match u.int_in_range(0u8..=3)? {
                0 | 1 => NAME,
                2 => "POOL.ntp.ORG.",
                _ => "time.example",
            };
            let before_state = run.dns.state();
            let fresh = run.dns.is_fresh(run.node.ms());
            run.dns.resolve(name, run.node.ms());
            let same = name.trim_end_matches('.').eq_ignore_ascii_case(run.name);
            run.name = name.trim_end_matches('.');
            if same && fresh {
                assert_eq!(run.dns.state(), before_state);
            } else {
                assert_eq!(run.dns.state(), State::Resolving);
            }
            run.poll_send();
        }
        _ => run.poll_send(),
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut config = Config::new(0x0d25_5eed);
    config.servers[0] = PEER_LL;
    let mut run = Run {
        node: Node::steady(),
        dns: Resolver::new(config),
        last: None,
        name: NAME,
    };
    run.dns.resolve(NAME, run.node.ms());
    run.poll_send();
    assert!(run.last.is_some(), "the first query went out");
    for _ in 0..32 {
        if u.is_empty() || step(&mut u, &mut run).is_err() {
            break;
        }
    }
    // While resolving, the genuine answer to the query in flight must be
    // accepted: offered to the last query sent; when that one is no longer
    // in flight (a CNAME re-query is due, a retransmission), the clock
    // goes to the resolver's next deadline and the next query is answered.
    for _ in 0..64 {
        if run.dns.state() != State::Resolving {
            break;
        }
        let q = run.last.clone().unwrap();
        let reply = genuine(&q);
        let meta = UdpMeta {
            src: q.server,
            src_port: 53,
            dst: run.node.iface.link_local(),
            dst_port: q.port,
            payload: 0..reply.len(),
        };
        let before = *run.dns.counters();
        if run.dns.receive(&meta, &reply, run.node.ms()) {
            let after = *run.dns.counters();
            // The port of the query in flight. Only a new query that drew
            // the same port and could not go out yet may refuse it.
            let unexpected = microip6::dns::Reject::Unexpected;
            if after.rejected(unexpected) == before.rejected(unexpected) {
                assert_eq!(after.replies, before.replies + 1, "genuine reply refused");
                assert_eq!(
                    run.dns.state(),
                    State::Resolved,
                    "after the genuine reply {:02x?}: {:?}",
                    reply,
                    run.dns.counters()
                );
                assert_eq!(run.dns.addresses(), &[ANSWER]);
                break;
            }
        }
        match run.dns.poll_at(run.node.ms()) {
            Some(at) => run.node.now = run.node.at64(at),
            None => break,
        }
        run.poll_send();
    }
});
