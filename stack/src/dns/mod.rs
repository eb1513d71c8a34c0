//! DNS stub resolver for AAAA records (RFC 1035, RFC 3596, RFC 5452).
//!
//! [`Resolver`] looks up one name at a time and is driven like the rest of
//! the stack, without I/O of its own (sans-IO): the application calls
//! [`Resolver::poll_send`] to let it build a query in the frame buffer,
//! hands it the UDP datagrams that [`Interface::receive`] delivers
//! ([`Resolver::receive`]), and sleeps until [`Resolver::poll_at`].
//!
//! * Servers: the configured ones ([`Config::servers`]) first, then those
//!   learned from Router Advertisements (RDNSS, RFC 8106), in order.
//! * Spoofing resistance (RFC 5452 section 9): every query, retransmissions
//!   included, goes from a fresh random port with a fresh random ID, and a
//!   reply is accepted only from the server queried, from port 53, to that
//!   port, with that ID, QR set, opcode 0 and exactly the question asked
//!   (name compared case-insensitively, type AAAA, class IN). Anything else
//!   that reaches the port is rejected and counted by [`Reject`] reason,
//!   and the lookup goes on waiting for the genuine reply.
//! * Answers: CNAME chains inside one answer are followed to the final
//!   AAAA records (RFC 1034 3.6.2), in one pass over the answer section (in
//!   the order servers write them); a chain that ends at a name without
//!   records is asked again for that name, a bounded number of times.
//!   Compression pointers are only followed backwards and names are capped
//!   at 255 bytes: the rules of [`crate::wire::dns`], applied by a compact
//!   reader (a differential test checks that both agree).
//! * RCODE: NXDOMAIN is final; SERVFAIL, REFUSED and the other errors move
//!   on to the next server. A reply with TC set is reported as
//!   [`Failure::Truncated`] (there is no TCP here), never read.
//! * Retransmission with exponential backoff per server (RFC 1035 4.2.1 and
//!   7.2: a first interval of 2 seconds by default), then the next server;
//!   an overall timeout bounds the lookup.
//! * The answer is kept for its TTL (the smallest TTL of the records used,
//!   capped; RFC 1035 7.3, RFC 2181 8): [`Resolver::resolve`] of the same
//!   name answers from it without traffic until then. A TTL of 0 means the
//!   answer is used once and not kept. Failures are not kept: `resolve`
//!   after a failure asks again at once, so the caller spaces its retries.
//!
//! Time is the caller's monotonic clock in wrapping `u32` milliseconds
//! ([`crate::time`]): deadlines are compared by wrapping difference, TTLs
//! are capped under 2^31 ms (24.8 days), and an expired answer is marked
//! so by [`Resolver::poll_send`]: call it at least every 24 days.
//!
//! The name asked for is kept in wire form in `NAME` bytes, together with
//! the target of a CNAME being asked again; a name that does not fit fails
//! with [`Failure::InvalidName`] or [`Failure::NameTooLong`] rather than
//! being cut.
//!
//! # Example
//!
//! ```
//! use microip6::dns::{Config, Resolver, State};
//! use microip6::iface::{self, Interface};
//! use microip6::wire::Ipv6Address;
//! use microip6::wire::MacAddress;
//!
//! let mut iface: Interface = Interface::new(iface::Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
//! let mut config = Config::new(0x5eed_1234); // seed from hardware jitter
//! config.servers[0] = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x53]);
//! let mut dns: Resolver = Resolver::new(config);
//! let mut frame = [0u8; 600];
//! let now_ms = u32::MAX - 500; // wrapping milliseconds
//!
//! dns.resolve("pool.ntp.org", now_ms);
//! assert_eq!(dns.state(), State::Resolving);
//! // In the main loop, after iface.receive():
//! //     Received::Udp(meta) => { dns.receive(&meta, &frame[meta.payload.clone()], now_ms); }
//! // and when the buffer is free:
//! if let Some(n) = dns.poll_send(&mut iface, &mut frame, now_ms) {
//!     // driver.send(&frame[..n]);
//! }
//! // Sleep until the earlier of iface.poll_at(now_ms) and dns.poll_at(now_ms).
//! assert_eq!(dns.poll_at(now_ms), Some(now_ms.wrapping_add(250))); // no server known yet
//! if dns.state() == State::Resolved {
//!     let _server = dns.addresses()[0];
//! }
//! ```

mod reply;

use crate::iface::{Interface, Rng, UdpMeta};
use crate::time;
use crate::wire::dns::{rcode, rtype, DnsPacket, CLASS_IN, HEADER_LEN, PORT};
use crate::wire::Ipv6Address;
use reply::Answer;

/// Servers that can be configured besides the RDNSS ones.
pub const MAX_CONFIGURED_SERVERS: usize = 2;

/// How long to wait before trying to send again when the interface could
/// not send yet (next hop being resolved, no address, no free port) or no
/// server is known yet.
const RETRY_MS: u32 = 250;

/// The longest TTL kept, in seconds: under 2^31 ms.
const MAX_TTL_S: u32 = i32::MAX as u32 / 1000;

/// [`Resolver`] flag: a server was found in the list at least once during
/// the lookup.
const HAD_SERVER: u8 = 1;
/// [`Resolver`] flag: the answer's TTL ran out (set by `poll_send`).
const EXPIRED: u8 = 2;

/// The RD flag: recursion desired (RFC 1035 4.1.1), what a stub resolver
/// asks for (RFC 1123 6.1.3.1).
const FLAG_RD: u16 = 0x0100;

/// Resolver settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Servers to ask before the RDNSS ones; the unspecified address marks
    /// an empty slot. A [`Resolver`] keeps the first `SERVERS` slots (all
    /// of them by default) and ignores the others.
    pub servers: [Ipv6Address; MAX_CONFIGURED_SERVERS],
    /// Seed of the generator of query IDs. Use hardware jitter, and not the
    /// interface's seed (the ports come from that one).
    pub seed: u32,
    /// Time to wait for the reply to the first query to a server; doubled
    /// for each retransmission to the same server.
    pub initial_timeout_ms: u16,
    /// Queries sent to one server before moving on to the next.
    pub tries_per_server: u8,
    /// Bound on a whole lookup, whatever happens (less than 24 days).
    pub overall_timeout_ms: u32,
    /// Longest time an answer is kept, in seconds (at most 2,147,483: 2^31
    /// ms, the longest wait of the wrapping millisecond clock; more counts
    /// as that).
    pub max_ttl_s: u32,
    /// How many times a CNAME target without records may be asked again.
    pub max_requeries: u8,
}

impl Config {
    /// No configured server (RDNSS only); first timeout 2 s (RFC 1035 7.2:
    /// "2-5 seconds"), 3 queries per server (2 + 4 + 8 s), 30 s in all;
    /// answers kept at most one day; 3 CNAME re-queries.
    pub const fn new(seed: u32) -> Config {
        Config {
            servers: [Ipv6Address::UNSPECIFIED; MAX_CONFIGURED_SERVERS],
            seed,
            initial_timeout_ms: 2_000,
            tries_per_server: 3,
            overall_timeout_ms: 30_000,
            max_ttl_s: 86_400,
            max_requeries: 3,
        }
    }
}

/// The [`Config`] as the resolver keeps it: without the seed, which only
/// seeds the generator (4 bytes less), with `max_ttl_s` capped, and the
/// servers apart (as many as the resolver's `SERVERS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Settings {
    initial_timeout_ms: u16,
    tries_per_server: u8,
    max_requeries: u8,
    overall_timeout_ms: u32,
    max_ttl_s: u32,
}

/// Where a lookup stands.
///
/// `repr(u8)` so that [`State::Idle`] is a zero byte: [`Resolver::UNCONFIGURED`]
/// is all zeros (a `static` holding it goes to `.bss`, without an image in
/// flash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum State {
    /// No lookup was started.
    Idle = 0,
    /// Queries are under way.
    Resolving,
    /// The addresses are in [`Resolver::addresses`].
    Resolved,
    /// The lookup ended without an address.
    Failed(Failure),
}

/// Why a lookup failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The name given to [`Resolver::resolve`] is not a valid name, or does
    /// not fit the resolver's name buffer.
    InvalidName,
    /// A CNAME target to ask again does not fit the name buffer.
    NameTooLong,
    /// NXDOMAIN: the name does not exist (RFC 1035 4.1.1, RFC 2308).
    NxDomain,
    /// The name exists but has no AAAA record (RFC 2308 2.2, NODATA).
    NoData,
    /// Every server failed; the RCODE (SERVFAIL 2, REFUSED 5...) of the
    /// last error reply.
    ServerError(u8),
    /// The reply had TC set: the answer does not fit UDP (RFC 1035 4.2.1),
    /// and this resolver has no TCP.
    Truncated,
    /// No reply from any server in time.
    Timeout,
    /// No server configured or learned before the overall timeout.
    NoServer,
    /// More CNAMEs to ask again than [`Config::max_requeries`] allows.
    TooManyCnames,
}

/// Why a datagram that reached the query's port was rejected. Each reason
/// has a counter ([`Counters::rejected`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Reject {
    /// Not from the server queried (RFC 5452 9.1).
    WrongSource = 0,
    /// Not from port 53.
    WrongPort,
    /// Arrived before the query could be sent.
    Unexpected,
    /// Not a DNS message that can be read: too short, a bad name, a
    /// pointer loop or a forward pointer, a bad record.
    Malformed,
    /// Not the query's ID.
    WrongId,
    /// QR clear: a query, not a response.
    NotResponse,
    /// Not exactly the question asked (count, name, type, class), or an
    /// opcode other than a standard query.
    QuestionMismatch,
}

impl Reject {
    /// Number of reasons (size of the counter array).
    pub const COUNT: usize = Reject::QuestionMismatch as usize + 1;

    /// Every reason, in counter order (`ALL[r as usize] == r`).
    pub const ALL: [Reject; Reject::COUNT] = {
        use Reject::*;
        [
            WrongSource,
            WrongPort,
            Unexpected,
            Malformed,
            WrongId,
            NotResponse,
            QuestionMismatch,
        ]
    };
}

/// What became of a datagram to the query's port
/// ([`Resolver::receive_outcome`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The reply to the query in flight was accepted (whatever its RCODE):
    /// the lookup resolved, failed, moved on to the next server or asks a
    /// CNAME target again ([`Resolver::state`] tells).
    Accepted,
    /// The datagram was rejected (and counted) for this reason; the lookup
    /// goes on waiting for the genuine reply.
    Rejected(Reject),
}

/// Statistics, readable with [`Resolver::counters`]. 16-bit, wrapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counters {
    /// Queries sent (retransmissions included).
    pub queries: u16,
    /// Replies accepted (whatever their RCODE).
    pub replies: u16,
    /// Queries that got no reply in time.
    pub timeouts: u16,
    /// Error replies (SERVFAIL, REFUSED...) that moved to the next server.
    pub server_errors: u16,
    /// Replies with TC set.
    pub truncated: u16,
    /// Lookups answered from the kept answer.
    pub cache_hits: u16,
    /// Rejections, indexed by `Reject as usize`.
    pub rejections: [u16; Reject::COUNT],
}

impl Counters {
    /// All counters at zero.
    pub const ZERO: Counters = Counters {
        queries: 0,
        replies: 0,
        timeouts: 0,
        server_errors: 0,
        truncated: 0,
        cache_hits: 0,
        rejections: [0; Reject::COUNT],
    };

    /// The number of datagrams rejected for `reason`.
    pub fn rejected(&self, reason: Reject) -> u16 {
        self.rejections[reason as usize]
    }
}

/// The default name buffer of a [`Resolver`], in wire-form bytes: the name
/// asked for and a CNAME target asked again share it. 64 holds an NTP pool
/// name (`pool.ntp.org` is 14 bytes, `0.europe.pool.ntp.org` 23) with room
/// for a target; a longer name fails with [`Failure::InvalidName`], a
/// target that does not fit after it with [`Failure::NameTooLong`] (names
/// of up to 255 bytes, RFC 1035 2.3.4, need `Resolver<256, _>`).
pub const DEFAULT_NAME_LEN: usize = 64;

/// The default number of addresses a [`Resolver`] keeps: as many as the
/// SNTP client uses ([`crate::sntp::MAX_SERVERS`]). Further AAAA records
/// of an answer are read (their TTL counts) but not kept.
pub const DEFAULT_ADDRS: usize = crate::sntp::MAX_SERVERS;

/// A [`Resolver`] with the default name buffer and addresses that asks
/// only the servers learned from Router Advertisements (RDNSS, RFC 8106):
/// it keeps no configured server ([`Config::servers`] is ignored), 32
/// bytes less.
pub type RdnssResolver = Resolver<DEFAULT_NAME_LEN, DEFAULT_ADDRS, 0>;

/// An AAAA stub resolver for one name at a time, keeping up to `ADDRS`
/// addresses, with names of up to `NAME` bytes in wire form (the name
/// asked for and, when a CNAME target is asked again, that target too).
/// The defaults ([`DEFAULT_NAME_LEN`], [`DEFAULT_ADDRS`]) fit a clock.
///
/// It keeps the first `SERVERS` slots of the configured servers
/// ([`Config::servers`], all of them by default): [`RdnssResolver`], with
/// none, is 32 bytes smaller for an application that only uses the
/// servers learned from Router Advertisements (RDNSS).
#[derive(Debug, Clone)]
pub struct Resolver<
    const NAME: usize = DEFAULT_NAME_LEN,
    const ADDRS: usize = DEFAULT_ADDRS,
    const SERVERS: usize = MAX_CONFIGURED_SERVERS,
> {
    config: Settings,
    /// The first `SERVERS` slots of [`Config::servers`] (then unspecified).
    servers: [Ipv6Address; SERVERS],
    rng: Rng,
    state: State,
    /// The name of `resolve` at `..orig_len`, the name asked now at
    /// `cur_start..cur_start + cur_len` (the same one, or a CNAME target
    /// stored after it), uncompressed wire form.
    name: [u8; NAME],
    /// (Wire names are at most 255 bytes: `u8` lengths. `cur_start` kept
    /// rather than derived from the re-query count: less code at its two
    /// uses.)
    orig_len: u8,
    cur_start: u8,
    cur_len: u8,
    /// The query in flight: its port (0 when none is bound), ID, server.
    port: u16,
    id: u16,
    server: Ipv6Address,
    /// The query went out (it may still be waiting for the next hop).
    sent: bool,
    /// A port to unbind at the next `poll_send` (`receive` and `resolve`
    /// have no access to the interface).
    release: u16,
    /// Index in the server list, queries sent to it, re-queries done.
    server_index: u8,
    tries: u8,
    requeries: u8,
    /// The RCODE of the last error reply (0 after a timeout).
    last_rcode: u8,
    /// [`HAD_SERVER`] and [`EXPIRED`]: flags in one byte.
    flags: u8,
    /// Wrapping milliseconds: when to try sending, when the query in
    /// flight times out, when the lookup gives up.
    next_try: u32,
    attempt_end: u32,
    overall_end: u32,
    /// Once resolved: until when (wrapping milliseconds) the answer is
    /// kept (no longer once [`EXPIRED`] is set). While resolving (no answer
    /// kept, `EXPIRED` meaningless): the smallest TTL, in seconds, of the
    /// CNAMEs followed to reach the current name and of
    /// `config.max_ttl_s`. (One field for both: 4 bytes less.)
    expires: u32,
    addrs: [Ipv6Address; ADDRS],
    count: u8,
    counters: Counters,
}

impl<const NAME: usize, const ADDRS: usize, const SERVERS: usize> Resolver<NAME, ADDRS, SERVERS> {
    /// A resolver without configuration, every byte zero, so that a
    /// `static` initialised with it takes no flash: no server, all timeouts
    /// 0 (a lookup fails at once with [`Failure::NoServer`]), and the
    /// generator of IDs stuck at 0. Its methods are safe to call, but it is
    /// meant to be set up in place with [`Resolver::configure`] before use.
    pub const UNCONFIGURED: Self = Resolver {
        config: Settings {
            initial_timeout_ms: 0,
            tries_per_server: 0,
            max_requeries: 0,
            overall_timeout_ms: 0,
            max_ttl_s: 0,
        },
        servers: [Ipv6Address::UNSPECIFIED; SERVERS],
        rng: Rng::ZERO,
        state: State::Idle,
        name: [0; NAME],
        orig_len: 0,
        cur_start: 0,
        cur_len: 0,
        port: 0,
        id: 0,
        server: Ipv6Address::UNSPECIFIED,
        sent: false,
        release: 0,
        server_index: 0,
        tries: 0,
        requeries: 0,
        last_rcode: 0,
        flags: 0,
        next_try: 0,
        attempt_end: 0,
        overall_end: 0,
        expires: 0,
        addrs: [Ipv6Address::UNSPECIFIED; ADDRS],
        count: 0,
        counters: Counters::ZERO,
    };

    /// An idle resolver: [`Resolver::UNCONFIGURED`] set up by
    /// [`Resolver::configure`].
    pub fn new(config: Config) -> Self {
        let mut r = Self::UNCONFIGURED;
        r.configure(config);
        r
    }

    /// Puts the resolver in place in the state [`Resolver::new`] gives: idle,
    /// counters at zero, nothing kept, with `config` and a generator seeded
    /// from `config.seed`. Building a big value in place avoids the copies
    /// (and the stack) of `*r = Resolver::new(config)` on a small target. A
    /// lookup in progress is abandoned; its port is unbound at the next
    /// [`Resolver::poll_send`].
    pub fn configure(&mut self, config: Config) {
        let release = if self.port != 0 {
            self.port
        } else {
            self.release
        };
        *self = Self::UNCONFIGURED;
        self.configure_unconfigured(config);
        self.release = release;
    }

    /// [`Resolver::configure`] for a resolver that is
    /// [`Resolver::UNCONFIGURED`] (never configured: all zero bytes, no
    /// port to release): the same state, without clearing again what is
    /// zero already (a small target's start-up, whose `static` resolver is
    /// zero since reset). On a configured resolver, whatever it held
    /// (state, counters, name) would stay: use `configure` there.
    pub fn configure_unconfigured(&mut self, config: Config) {
        self.config = Settings {
            initial_timeout_ms: config.initial_timeout_ms,
            tries_per_server: config.tries_per_server,
            max_requeries: config.max_requeries,
            overall_timeout_ms: config.overall_timeout_ms,
            // Answers are kept for whole milliseconds of the wrapping
            // clock, under 2^31 (24.8 days): the cap is applied once here,
            // as the TTL every answer starts from (`expires` while
            // resolving), rather than at every answer.
            max_ttl_s: config.max_ttl_s.min(MAX_TTL_S),
        };
        let kept = SERVERS.min(MAX_CONFIGURED_SERVERS);
        self.servers[..kept].copy_from_slice(&config.servers[..kept]);
        self.rng = Rng::new(config.seed);
    }

    /// Starts looking up the AAAA records of `name` (dotted, like
    /// `pool.ntp.org`). For the name of the last lookup (compared
    /// case-insensitively), a lookup in progress goes on, and an answer
    /// still within its TTL is kept: the state stays [`State::Resolved`]
    /// and nothing is sent. Otherwise (another name, an expired answer, a
    /// failure) a new lookup starts, abandoning one in progress.
    pub fn resolve(&mut self, name: &str, now_ms: u32) {
        let mut wire = [0; NAME];
        let last = name_at(&self.name, 0, self.orig_len);
        let (len, same) = encode_name_cmp(name.as_bytes(), &mut wire, last);
        if same && matches!(self.state, State::Resolving) {
            return;
        }
        if same && self.is_fresh(now_ms) {
            self.counters.cache_hits = self.counters.cache_hits.wrapping_add(1);
            return;
        }
        self.end_query();
        self.count = 0;
        let Some(len) = len else {
            self.orig_len = 0;
            self.state = State::Failed(Failure::InvalidName);
            return;
        };
        self.name = wire;
        self.orig_len = len as u8;
        self.cur_start = 0;
        self.cur_len = len as u8;
        self.server_index = 0;
        self.tries = 0;
        self.requeries = 0;
        self.last_rcode = 0;
        self.flags = 0;
        // (The chain's TTL while resolving.)
        self.expires = self.config.max_ttl_s;
        self.next_try = now_ms;
        self.overall_end = time::after(now_ms, self.config.overall_timeout_ms);
        self.state = State::Resolving;
    }

    /// Where the lookup stands.
    pub fn state(&self) -> State {
        self.state
    }

    /// The addresses found (at most `ADDRS`, in the order of the answer),
    /// empty unless the state is [`State::Resolved`].
    pub fn addresses(&self) -> &[Ipv6Address] {
        match self.state {
            State::Resolved => &self.addrs[..self.count as usize],
            _ => &[],
        }
    }

    /// Until when (wrapping ms) the answer is kept, when resolved: the
    /// time of the reply plus its TTL (the time of the reply for a TTL of
    /// 0), also once it expired.
    pub fn expires_at(&self) -> Option<u32> {
        match self.state {
            State::Resolved => Some(self.expires),
            _ => None,
        }
    }

    /// True when resolved and the answer's TTL has not run out at `now_ms`:
    /// not yet marked expired (by `poll_send`), and `expires` (under 2^31
    /// ms after the reply) still ahead.
    pub fn is_fresh(&self, now_ms: u32) -> bool {
        matches!(self.state, State::Resolved)
            && self.flags & EXPIRED == 0
            && !time::due(now_ms, self.expires)
    }

    /// Statistics and rejection counters.
    pub fn counters(&self) -> &Counters {
        &self.counters
    }

    /// The next time (wrapping ms) at which [`Resolver::poll_send`] has
    /// something to do: send a query, or notice a timeout; `now_ms` when
    /// that is now. `None` unless resolving.
    pub fn poll_at(&self, now_ms: u32) -> Option<u32> {
        let next = self.deadline()?;
        Some(if time::due(now_ms, next) {
            now_ms
        } else {
            next
        })
    }

    /// [`Resolver::poll_at`] with a deadline that has passed as it is
    /// (not as `now_ms`): the same wait by `time::until` (0 for both, as
    /// they compare by the same wrapping difference), for a caller that
    /// computes the wait (one test less).
    pub fn deadline(&self) -> Option<u32> {
        if !matches!(self.state, State::Resolving) {
            return None;
        }
        // The earliest deadline (all within 24 days of each other), by the
        // sign of 32-bit differences: shorter than signed comparisons here.
        let mut next = self.overall_end;
        if self.port != 0 && !time::due(self.attempt_end, next) {
            next = self.attempt_end;
        }
        if !self.sent && !time::due(self.next_try, next) {
            next = self.next_try;
        }
        Some(next)
    }

    /// Runs the timers and, when a query is due, builds it into `buf` as a
    /// whole frame and returns its length (the caller transmits it). A
    /// query that cannot go out yet (`WouldBlock` while the next hop is
    /// resolved) is tried again on a later call. Call it when the buffer is
    /// free, after `iface.poll_transmit`; at least every 24 days (it marks
    /// an expired answer so, for [`Resolver::is_fresh`] to stay right
    /// across the wrap of `now_ms`).
    pub fn poll_send<const N: usize, const R: usize, const D: usize>(
        &mut self,
        iface: &mut Interface<N, R, D>,
        buf: &mut [u8],
        now_ms: u32,
    ) -> Option<usize> {
        let now = now_ms;
        if time::due(now, self.expires) {
            // For good: 2^31 ms later `expires` would look ahead again.
            self.flags |= EXPIRED;
        }
        if matches!(self.state, State::Resolving) {
            if time::due(now, self.overall_end) {
                self.give_up();
            } else if self.port != 0 && time::due(now, self.attempt_end) {
                // No reply in time, or the query never got out (next hop
                // unreachable): retransmit with a new ID and port, or move
                // on to the next server (RFC 1035 7.2).
                if self.sent {
                    self.counters.timeouts = self.counters.timeouts.wrapping_add(1);
                }
                self.end_query();
                self.last_rcode = 0;
                self.tries = self.tries.wrapping_add(1);
                if self.tries >= self.config.tries_per_server {
                    self.next_server(now);
                }
                self.next_try = now;
            }
        }
        // The port of a query that ended (here above, or in `receive`,
        // `resolve`, `configure`) is unbound before a new one is bound:
        // one place for it.
        if self.release != 0 {
            iface.unbind(self.release);
            self.release = 0;
        }
        if !matches!(self.state, State::Resolving) || self.sent || !time::due(now, self.next_try) {
            return None;
        }
        if self.port == 0 && !self.start_query(iface, now) {
            return None;
        }
        let off = iface.udp_payload_offset();
        let Some(len) = self.write_query(buf.get_mut(off..).unwrap_or(&mut [])) else {
            // The buffer cannot even hold the query: nothing can be sent.
            self.retry_later(now);
            return None;
        };
        match iface.send_udp(buf, now, self.port, &self.server, PORT, len) {
            Ok(n) => {
                // The reply is awaited for the whole interval from now on.
                self.wait_reply(now);
                self.sent = true;
                self.counters.queries = self.counters.queries.wrapping_add(1);
                Some(n)
            }
            Err(_) => {
                // WouldBlock (next hop, tentative source) or no route or
                // source yet: try again until the query's time is up.
                self.retry_later(now);
                None
            }
        }
    }

    /// Offers a UDP datagram delivered by the interface (`payload` is
    /// `buf[meta.payload]`). Returns true if it was addressed to the port
    /// of the query in flight, whether it was accepted or rejected (see
    /// [`Resolver::counters`], or [`Resolver::receive_outcome`] to be told
    /// which); false when it is someone else's.
    pub fn receive(&mut self, meta: &UdpMeta, payload: &[u8], now_ms: u32) -> bool {
        self.receive_outcome(meta, payload, now_ms).is_some()
    }

    /// [`Resolver::receive`], telling what became of the datagram: `None`
    /// if it is not for the port of the query in flight (someone else's),
    /// else whether it was accepted (see [`Resolver::state`] for the
    /// result) or why it was rejected. The counters count it the same way;
    /// this spares a caller comparing them before and after.
    pub fn receive_outcome(
        &mut self,
        meta: &UdpMeta,
        payload: &[u8],
        now_ms: u32,
    ) -> Option<Outcome> {
        if self.port == 0 || meta.dst_port != self.port {
            return None;
        }
        Some(match self.accept(meta, payload, now_ms) {
            // (Counted here: every `Ok` of `accept` is a reply accepted.)
            Ok(()) => {
                self.counters.replies = self.counters.replies.wrapping_add(1);
                Outcome::Accepted
            }
            Err(reason) => {
                let c = &mut self.counters.rejections[reason as usize];
                *c = c.wrapping_add(1);
                Outcome::Rejected(reason)
            }
        })
    }

    /// Checks a datagram to our port against the query (RFC 5452 9.1) and
    /// acts on an accepted reply (`Ok`, counted in `replies` by the caller).
    fn accept(&mut self, meta: &UdpMeta, payload: &[u8], now: u32) -> Result<(), Reject> {
        if meta.src != self.server {
            return Err(Reject::WrongSource);
        }
        if meta.src_port != PORT {
            return Err(Reject::WrongPort);
        }
        if !self.sent {
            return Err(Reject::Unexpected);
        }
        // A datagram longer than the receive buffer (the interface's
        // `receive_cut`): `payload` holds its first bytes only. A cut in
        // the header or the question is malformed like a short message;
        // one in the answer section leaves the records after it unseen.
        let cut = payload.len() < meta.payload.len();
        let p = DnsPacket::new_checked(payload).map_err(|_| Reject::Malformed)?;
        if p.id() != self.id {
            return Err(Reject::WrongId);
        }
        if !p.is_response() {
            return Err(Reject::NotResponse);
        }
        // (Borrowing the name only: `self.addrs` is written below.)
        let qname = name_at(&self.name, self.cur_start, self.cur_len);
        // (QDCOUNT compared byte by byte, as the reader's fields.)
        if p.opcode() != 0 || !reply::field_is(payload, 4, 1) {
            return Err(Reject::QuestionMismatch);
        }
        let (same, answers) = reply::question_is(payload, qname).ok_or(Reject::Malformed)?;
        if !same {
            return Err(Reject::QuestionMismatch);
        }
        // The reply is the one we wait for. (Every ending gives its state
        // to one `finish`; the two new queries share one tail.)
        'restart: {
            let state = 'end: {
                if p.is_truncated() {
                    self.counters.truncated = self.counters.truncated.wrapping_add(1);
                    break 'end State::Failed(Failure::Truncated);
                }
                match p.rcode() {
                    rcode::NO_ERROR => {}
                    // RFC 1035 4.1.1 / RFC 2308 2.1: the name does not exist;
                    // no other server will say otherwise.
                    rcode::NAME_ERROR => break 'end State::Failed(Failure::NxDomain),
                    // SERVFAIL, REFUSED, FORMERR, NOTIMP...: this server cannot
                    // help, the next one may (RFC 1035 7.3).
                    rc => {
                        self.counters.server_errors = self.counters.server_errors.wrapping_add(1);
                        self.server_index = self.server_index.wrapping_add(1);
                        self.last_rcode = rc;
                        break 'restart;
                    }
                }
                // A malformed answer section is rejected like any bad
                // datagram; a cut one gives the records it holds whole.
                let count = p.answer_count();
                let answer =
                    reply::read_answer(payload, answers, count, &mut self.addrs, self.expires, cut)
                        .ok_or(Reject::Malformed)?;
                match answer {
                    Answer::Addresses(n, ttl) => {
                        // RFC 2181 8: TTLs over 2^31 - 1 were read as 0. `ttl`
                        // is also the smallest of the CNAMEs of earlier replies,
                        // and of `max_ttl_s` (where the chain's TTL started), which
                        // fits u32 milliseconds under 2^31.
                        self.count = n as u8;
                        self.expires = time::after(now, ttl * 1000);
                        self.flags &= !EXPIRED;
                        State::Resolved
                    }
                    Answer::NoData => State::Failed(Failure::NoData),
                    // Cut before any record for the name: as a reply with
                    // TC set, the answer did not fit.
                    Answer::Cut => State::Failed(Failure::Truncated),
                    Answer::Alias(target, ttl) => {
                        // RFC 1034 5.3.3 step 3: restart with the canonical name.
                        // The chain's TTL: the smaller one already.
                        self.expires = ttl;
                        self.requeries = self.requeries.wrapping_add(1);
                        if self.requeries > self.config.max_requeries {
                            break 'end State::Failed(Failure::TooManyCnames);
                        }
                        let start = self.orig_len as usize;
                        let Some(end) = reply::expand_name(payload, target, &mut self.name, start)
                        else {
                            break 'end State::Failed(Failure::NameTooLong);
                        };
                        self.cur_start = start as u8;
                        self.cur_len = (end - start) as u8;
                        break 'restart;
                    }
                }
            };
            self.finish(state);
            return Ok(());
        }
        // A new query, to the next server or for the CNAME target: its first
        // try, now.
        self.end_query();
        self.tries = 0;
        self.next_try = now;
        Ok(())
    }

    /// The name asked now, in wire form.
    fn qname(&self) -> &[u8] {
        name_at(&self.name, self.cur_start, self.cur_len)
    }

    /// Picks the server and a fresh port and ID for a new query (RFC 5452
    /// 9.2, 10). False when it cannot start now.
    fn start_query<const N: usize, const R: usize, const D: usize>(
        &mut self,
        iface: &mut Interface<N, R, D>,
        now: u32,
    ) -> bool {
        // (One `retry_later` for both waits.)
        'wait: {
            if !self.take_server(iface) {
                if self.flags & HAD_SERVER == 0 {
                    break 'wait;
                }
                // Every server was tried.
                self.give_up();
                return false;
            }
            self.flags |= HAD_SERVER;
            let Ok(port) = iface.bind_ephemeral() else {
                break 'wait;
            };
            self.port = port;
            self.id = self.rng.next_u32() as u16;
            // (`sent` is false: it is set only while a port is bound.)
            // Until the query can go out (next hop resolution), at most one
            // interval; then the whole interval again from its transmission.
            self.wait_reply(now);
            return true;
        }
        self.retry_later(now);
        false
    }

    /// The reply to the current query is awaited until one timeout after
    /// `now`: exponential backoff per server (RFC 1035 7.2). (Out of line:
    /// one copy of the 32-bit arithmetic; the sums by the shared
    /// out-of-line `time::after`.)
    #[inline(never)]
    fn wait_reply(&mut self, now: u32) {
        // Doubled per try by 16-bit additions and their carries (under
        // 2^24: a u16 doubled 8 times at most), the same as 32-bit
        // doubling.
        let (mut low, mut high) = (self.config.initial_timeout_ms, 0u16);
        for _ in 0..self.tries.min(8) {
            let (l, carry) = low.overflowing_add(low);
            low = l;
            high = high + high + carry as u16;
        }
        let timeout = low as u32 | (high as u32) << 16;
        self.attempt_end = time::after(now, timeout);
    }

    /// The next attempt to send goes [`RETRY_MS`] after `now`. (In line at
    /// its three callers: a call of the shared `time::after` there, with
    /// the arguments in registers, is about the size of a call of this.)
    #[inline(always)]
    fn retry_later(&mut self, now: u32) {
        self.next_try = time::after(now, RETRY_MS);
    }

    /// Puts server `server_index` of the list in `server` (the configured
    /// ones, then the RDNSS ones that are not configured too); false when
    /// there is no such server. (Stored in place: no address returned
    /// through the stack and copied again. `server` matters only while a
    /// port is bound.)
    fn take_server<const N: usize, const R: usize, const D: usize>(
        &mut self,
        iface: &Interface<N, R, D>,
    ) -> bool {
        let mut index = self.server_index;
        for s in self.servers.iter().filter(|s| !s.is_unspecified()) {
            if index == 0 {
                self.server = *s;
                return true;
            }
            index -= 1;
        }
        for s in iface.dns_servers() {
            // (`SERVERS` 0: nothing to compare, no call.)
            if SERVERS == 0 || !self.servers.contains(s) {
                if index == 0 {
                    self.server = *s;
                    return true;
                }
                index -= 1;
            }
        }
        false
    }

    /// Server `index` of the list, as [`Resolver::take_server`] finds it.
    #[cfg(test)]
    fn server_at<const N: usize, const R: usize, const D: usize>(
        &self,
        iface: &Interface<N, R, D>,
        index: u8,
    ) -> Option<Ipv6Address> {
        let mut r = self.clone();
        r.server_index = index;
        r.take_server(iface).then_some(r.server)
    }

    /// Writes the query for the current name (RFC 1035 4.1) at the start
    /// of `out`; its length, or `None` if it does not fit.
    fn write_query(&self, out: &mut [u8]) -> Option<usize> {
        let name = self.qname();
        let end = HEADER_LEN + name.len();
        let out = out.get_mut(..end + 4)?;
        let mut p = DnsPacket::new_unchecked(&mut *out);
        p.set_id(self.id);
        p.set_flags(FLAG_RD);
        p.set_question_count(1);
        p.set_answer_count(0);
        p.set_authority_count(0);
        p.set_additional_count(0);
        out[HEADER_LEN..end].copy_from_slice(name);
        out[end..end + 2].copy_from_slice(&rtype::AAAA.to_be_bytes());
        out[end + 2..end + 4].copy_from_slice(&CLASS_IN.to_be_bytes());
        Some(end + 4)
    }

    /// Forgets the query in flight; its port is unbound at the next
    /// `poll_send`, so that late or forged replies to it are not delivered.
    /// (Out of line: called from four places.)
    #[inline(never)]
    fn end_query(&mut self) {
        if self.port != 0 {
            self.release = self.port;
            self.port = 0;
        }
        self.sent = false;
    }

    fn next_server(&mut self, now: u32) {
        self.server_index = self.server_index.wrapping_add(1);
        self.tries = 0;
        self.next_try = now;
    }

    /// Ends the lookup in `state`. (Inlined: out of line, each caller
    /// built the state on the stack to pass it by address, more code than
    /// the two stores.)
    #[inline(always)]
    fn finish(&mut self, state: State) {
        self.end_query();
        self.state = state;
    }

    /// Ends the lookup for good: no server, the last error, or a timeout.
    fn give_up(&mut self) {
        let failure = if self.flags & HAD_SERVER == 0 {
            Failure::NoServer
        } else if self.last_rcode != 0 {
            Failure::ServerError(self.last_rcode)
        } else {
            Failure::Timeout
        };
        self.finish(State::Failed(failure));
    }
}

/// `len` bytes of `name` from `start`. (Out of line: one copy of the
/// bounds checks.)
#[inline(never)]
fn name_at(name: &[u8], start: u8, len: u8) -> &[u8] {
    &name[start as usize..][..len as usize]
}

/// The dotted name without one final dot (`"."` is the root: empty).
fn strip_dot(dotted: &[u8]) -> &[u8] {
    match dotted {
        [rest @ .., b'.'] => rest,
        _ => dotted,
    }
}

/// Writes a dotted name (`pool.ntp.org`, an optional final dot, `.` for
/// the root) in uncompressed wire form into `out`: labels of 1 to 63 bytes,
/// at most 255 bytes in all (RFC 1035 2.3.4). Its length, or `None` when
/// the name is invalid or does not fit. A byte loop rather than
/// `wire::dns::write_dotted_name`, whose string splitting is large on the
/// target.
fn encode_name(dotted: &[u8], out: &mut [u8]) -> Option<usize> {
    let s = strip_dot(dotted);
    if dotted.is_empty() {
        return None;
    }
    // `len_at` is where the current label's length byte goes; the byte
    // `i` of `s` goes at `i + 1`, a dot at the end of `s` closes the last
    // label. (An index loop: smaller than a chained iterator; a half-open
    // range, whose `next` is inlined, where `0..=len` called its own.)
    let mut len_at = 0;
    if !s.is_empty() {
        for i in 0..s.len() + 1 {
            let c = s.get(i).copied().unwrap_or(b'.');
            if c == b'.' {
                let label = i - len_at;
                if label == 0 || label > 63 {
                    return None;
                }
                *out.get_mut(len_at)? = label as u8;
                len_at = i + 1;
            } else {
                *out.get_mut(i + 1)? = c;
            }
        }
    }
    *out.get_mut(len_at)? = 0;
    Some(len_at + 1).filter(|&n| n <= 255)
}

/// [`encode_name`] of `dotted` into `out`, and whether that is the name
/// `wire` (wire form; ASCII case-insensitive, RFC 4343: length bytes are
/// under 64, never letters). One encoder for both, rather than a
/// comparison of labels with a dotted string.
fn encode_name_cmp(dotted: &[u8], out: &mut [u8], wire: &[u8]) -> (Option<usize>, bool) {
    let len = encode_name(dotted, out);
    let same = match len {
        Some(n) => out.get(..n).is_some_and(|o| reply::eq_ignore_case(o, wire)),
        None => false,
    };
    (len, same)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_reject_reason_is_listed_in_counter_order() {
        for (i, r) in super::Reject::ALL.iter().enumerate() {
            assert_eq!(*r as usize, i);
        }
    }

    use super::*;

    /// The answer reading of the first version, on the wire module's
    /// `Records` and `Name`: the reference for the compact reader.
    mod reference {
        use crate::wire::dns::{rtype, DnsPacket, Name, Section, CLASS_IN};
        use crate::wire::{Error, Ipv6Address};

        /// What the answer section gave for our question.
        pub enum Answer<'a> {
            /// `n` addresses were stored, the records used had this smallest TTL.
            Addresses(usize, u32),
            /// The chain ends at a name without records (smallest TTL so far).
            Alias(Name<'a>, u32),
            /// No record for the name.
            NoData,
        }

        /// Name equality, ASCII case-insensitive (RFC 4343), of our wire-form name
        /// and a name in a message.
        pub fn wire_eq_name(wire: &[u8], name: &Name<'_>) -> bool {
            let mut other = name.labels();
            for label in wire_labels(wire) {
                match other.next() {
                    Some(l) if l.eq_ignore_ascii_case(label) => {}
                    _ => return false,
                }
            }
            other.next().is_none()
        }

        /// Reads the answer section for the name `qname` (wire form) in one pass,
        /// following CNAMEs from the question's name as they come (RFC 1034 3.6.2;
        /// servers put a chain in order, RFC 1034 4.3.2 step 3a) and storing the
        /// AAAA addresses of the name the chain reached in `out`. Records out of
        /// that order only cost a query for the target. Any malformed record of the
        /// answer section is an error.
        pub fn read_answer<'a>(
            p: &'a DnsPacket<&'a [u8]>,
            qname: &[u8],
            out: &mut [Ipv6Address],
        ) -> Result<Answer<'a>, Error> {
            // None while the owner sought is the question's name.
            let mut owner: Option<Name<'a>> = None;
            let mut ttl = u32::MAX;
            let mut count = 0;
            for rec in p.records().take(p.answer_count() as usize) {
                let rec = rec?;
                if rec.section != Section::Answer {
                    break;
                }
                let ours = match owner {
                    Some(o) => rec.name == o,
                    None => wire_eq_name(qname, &rec.name),
                };
                if rec.class != CLASS_IN || !ours {
                    continue;
                }
                if rec.rtype == rtype::AAAA {
                    let a = rec.aaaa()?;
                    if count < out.len() && !out[..count].contains(&a) {
                        out[count] = a;
                        count += 1;
                    }
                    ttl = ttl.min(rec.ttl_secs());
                } else if rec.rtype == rtype::CNAME && count == 0 {
                    // Each record moves the chain at most once: loops end with
                    // the section.
                    owner = Some(rec.cname()?);
                    ttl = ttl.min(rec.ttl_secs());
                }
            }
            Ok(match owner {
                _ if count > 0 => Answer::Addresses(count, ttl),
                Some(target) => Answer::Alias(target, ttl),
                None => Answer::NoData,
            })
        }

        /// The labels of a wire-form name we built ourselves (validated,
        /// ends with the root byte).
        fn wire_labels(wire: &[u8]) -> impl Iterator<Item = &[u8]> {
            let mut pos = 0;
            core::iter::from_fn(move || {
                let len = *wire.get(pos)? as usize;
                if len == 0 {
                    return None;
                }
                let label = wire.get(pos + 1..pos + 1 + len)?;
                pos += 1 + len;
                Some(label)
            })
        }
    }
    use crate::wire::dns::DnsPacket;

    /// Replies captured from dnsmasq (see tests/dns_resolver.rs) and their
    /// question names.
    const REPLIES: [(&str, &str); 5] = [
        ("ntp.test", "123485800001000100000000036e7470047465737400001c0001c00c001c000100000e10001020010db8000000000000000000000123"),
        ("time.test", "1234858000010002000000000474696d65047465737400001c0001c00c000500010000012c000a036e7470047465737400c027001c000100000e10001020010db8000000000000000000000123"),
        ("clock.test", "12348580000100030000000005636c6f636b047465737400001c0001c00c0005000100000258000b0474696d65047465737400c028000500010000012c000a036e7470047465737400c03f001c000100000e10001020010db8000000000000000000000123"),
        ("five.test", "1234858000010005000000000466697665047465737400001c0001c00c001c00010000003c001020010db8000000000000000000050002c00c001c00010000003c001020010db8000000000000000000050001c00c001c00010000003c001020010db8000000000000000000050003c00c001c00010000003c001020010db8000000000000000000050000c00c001c00010000003c001020010db8000000000000000000050004"),
        ("far.test", "12348580000100010000000003666172047465737400001c0001c00c0005000100000384000b0465646765047465737400"),
    ];

    /// What a reader made of a reply: the question's verdict, then the
    /// addresses and TTL, or the CNAME target expanded, or nothing.
    type Outcome = Option<(
        bool,
        Option<(std::vec::Vec<Ipv6Address>, std::vec::Vec<u8>, u32)>,
    )>;

    fn compact(msg: &[u8], qname: &[u8]) -> Outcome {
        let p = DnsPacket::new_checked(msg).ok()?;
        // As in `accept`: one question or a mismatch.
        if p.question_count() != 1 {
            return Some((false, None));
        }
        let (same, at) = reply::question_is(msg, qname)?;
        if !same {
            return Some((false, None));
        }
        let mut out = [Ipv6Address::UNSPECIFIED; 4];
        let answer = reply::read_answer(msg, at, p.answer_count(), &mut out, MAX_TTL_S, false);
        Some((
            true,
            answer.map(|a| match a {
                Answer::Addresses(n, ttl) => (out[..n].to_vec(), std::vec![], ttl),
                Answer::Alias(at, ttl) => {
                    let mut name = [0u8; 255];
                    let n = reply::expand_name(msg, at, &mut name, 0).unwrap();
                    (std::vec![], name[..n].to_vec(), ttl)
                }
                Answer::NoData | Answer::Cut => (std::vec![], std::vec![], 0),
            }),
        ))
    }

    fn by_wire_module(msg: &[u8], qname: &[u8]) -> Outcome {
        let p = DnsPacket::new_checked(msg).ok()?;
        if p.question_count() != 1 {
            return Some((false, None));
        }
        let q = p.questions().next()?.ok()?;
        if !(q.qtype == rtype::AAAA
            && q.qclass == CLASS_IN
            && reference::wire_eq_name(qname, &q.name))
        {
            return Some((false, None));
        }
        let mut out = [Ipv6Address::UNSPECIFIED; 4];
        let answer = reference::read_answer(&p, qname, &mut out).ok();
        Some((
            true,
            answer.map(|a| match a {
                // (The compact reader starts from the longest TTL kept.)
                reference::Answer::Addresses(n, ttl) => {
                    (out[..n].to_vec(), std::vec![], ttl.min(MAX_TTL_S))
                }
                reference::Answer::Alias(name, ttl) => {
                    let mut wire = [0u8; 255];
                    let n = name.copy_wire(&mut wire).unwrap();
                    (std::vec![], wire[..n].to_vec(), ttl.min(MAX_TTL_S))
                }
                reference::Answer::NoData => (std::vec![], std::vec![], 0),
            }),
        ))
    }

    fn qname_of(name: &str) -> std::vec::Vec<u8> {
        let mut wire = [0u8; 64];
        let n = encode_name(name.as_bytes(), &mut wire).unwrap();
        wire[..n].to_vec()
    }

    fn unhex(s: &str) -> std::vec::Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn compact_reader_reads_the_captured_replies() {
        let expect = [
            (
                std::vec![Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x123])],
                3600,
            ),
            (
                std::vec![Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x123])],
                300,
            ),
            (
                std::vec![Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x123])],
                300,
            ),
        ];
        for ((name, hex), (addrs, ttl)) in REPLIES.iter().zip(expect) {
            let msg = unhex(hex);
            let out = compact(&msg, &qname_of(name));
            assert_eq!(out, Some((true, Some((addrs, std::vec![], ttl)))), "{name}");
            assert_eq!(compact(&msg, &qname_of("other.test")), Some((false, None)));
        }
        let five = compact(&unhex(REPLIES[3].1), &qname_of("five.test")).unwrap();
        assert_eq!(five.1.unwrap().0.len(), 4);
        let far = compact(&unhex(REPLIES[4].1), &qname_of("far.test")).unwrap();
        assert_eq!(far.1, Some((std::vec![], qname_of("edge.test"), 900)));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// The compact reader and the wire module's views agree on every
        /// mutation of the captured replies: the same verdict on the
        /// question, the same error or the same addresses, TTL and target.
        #[test]
        fn compact_reader_agrees_with_the_wire_module(
            seed in 0..REPLIES.len(),
            edits in proptest::collection::vec((proptest::prelude::any::<u16>(), proptest::prelude::any::<u8>()), 0..5),
            cut in proptest::option::of(proptest::prelude::any::<u16>()),
        ) {
            let (name, hex) = REPLIES[seed];
            let mut msg = unhex(hex);
            for (at, v) in edits {
                let i = at as usize % msg.len();
                msg[i] = v;
            }
            if let Some(c) = cut {
                msg.truncate(c as usize % (msg.len() + 1));
            }
            let qname = qname_of(name);
            proptest::prop_assert_eq!(compact(&msg, &qname), by_wire_module(&msg, &qname));
        }
    }

    #[test]
    fn eq_ignore_case_is_cores_eq_ignore_ascii_case() {
        // Every pair of bytes, alone and after an equal prefix.
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                let want = x.eq_ignore_ascii_case(&y);
                assert_eq!(reply::eq_ignore_case(&[x], &[y]), want, "{x} {y}");
                assert_eq!(reply::eq_ignore_case(&[b'Q', x], &[b'q', y]), want);
            }
        }
        assert!(reply::eq_ignore_case(b"", b""));
        assert!(!reply::eq_ignore_case(b"a", b"ab"));
        assert!(!reply::eq_ignore_case(b"ab", b"a"));
        assert!(reply::eq_ignore_case(
            b"\x04POOL\x03ntp",
            b"\x04pool\x03NTP"
        ));
        assert!(!reply::eq_ignore_case(b"pool@", b"pool`"));
    }

    #[test]
    fn name_comparisons() {
        let mut wire = [0u8; 32];
        let n = encode_name(b"Pool.NTP.org", &mut wire).unwrap();
        let wire = &wire[..n];
        let same = |w: &[u8], dotted: &str| encode_name_cmp(dotted.as_bytes(), &mut [0; 64], w).1;
        assert!(same(wire, "pool.ntp.org"));
        assert!(same(wire, "POOL.ntp.ORG."));
        assert!(!same(wire, "pool.ntp"));
        assert!(!same(wire, "pool.ntp.org.uk"));
        assert!(!same(wire, "xpool.ntp.org"));
        assert!(!same(wire, "pool..ntp.org"));
        assert!(!same(&[], "pool.ntp.org"));
        assert!(same(&[0], "."));
        assert!(!same(&[0], ""));
        // A name that does not fit the buffer is no match.
        assert!(!encode_name_cmp(b"pool.ntp.org", &mut [0; 13], wire).1);
        assert_eq!(
            encode_name_cmp(b"pool.ntp.org", &mut [0; 14], wire),
            (Some(14), true)
        );
        // Against a name in a message (a query for pool.ntp.org).
        let msg = [
            &[0u8, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0][..],
            b"\x04POOL\x03ntp\x03org\x00\x00\x1c\x00\x01",
        ]
        .concat();
        let p = DnsPacket::new_checked(&msg[..]).unwrap();
        let q = p.questions().next().unwrap().unwrap();
        assert!(reference::wire_eq_name(wire, &q.name));
        assert!(!reference::wire_eq_name(&wire[4..], &q.name));
        assert!(!reference::wire_eq_name(&[0], &q.name));
    }

    #[test]
    fn names_are_encoded_like_the_wire_module_does() {
        use crate::wire::dns::write_dotted_name;
        let l63 = "x".repeat(63);
        let max = [l63.as_str(), &l63, &l63, &"y".repeat(61)].join(".");
        let names = [
            "pool.ntp.org",
            "pool.ntp.org.",
            ".",
            "a",
            "",
            "a..b",
            ".a",
            "a..",
            "..",
            &l63,
            &"x".repeat(64),
            &max,
            &[max.as_str(), "."].concat(),
            &[max.as_str(), "z"].concat(),
            &[l63.as_str(); 4].join("."),
        ];
        for name in names {
            let mut a = [0u8; 300];
            let mut b = [0u8; 300];
            let ours = encode_name(name.as_bytes(), &mut a);
            let theirs = write_dotted_name(name, &mut b).ok();
            assert_eq!(ours, theirs, "{name}");
            if let Some(n) = ours {
                assert_eq!(a[..n], b[..n], "{name}");
                // Too small a buffer, by one byte: refused, never cut.
                assert_eq!(encode_name(name.as_bytes(), &mut a[..n - 1]), None);
                assert_eq!(encode_name(name.as_bytes(), &mut a[..n]), Some(n));
                let upper = name.to_ascii_uppercase();
                let mut c = [0u8; 300];
                assert_eq!(
                    encode_name_cmp(upper.as_bytes(), &mut c, &a[..n]),
                    (Some(n), true)
                );
            }
        }
    }

    #[test]
    fn datagram_before_the_query_left_is_rejected() {
        use crate::iface::{self, Interface};
        use crate::wire::MacAddress;
        let mut ifc: Interface = Interface::new(iface::Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
        let server = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x53]);
        let mut config = Config::new(7);
        config.servers[0] = server;
        let mut dns: Resolver = Resolver::new(config);
        let mut buf = [0u8; 600];
        dns.resolve("ntp.test", 0);
        // The link-local address is still tentative: the send would block.
        assert_eq!(dns.poll_send(&mut ifc, &mut buf, 0), None);
        assert!(dns.port >= 49152 && !dns.sent);
        let meta = UdpMeta {
            src: server,
            src_port: 53,
            dst: ifc.link_local(),
            dst_port: dns.port,
            payload: 0..0,
        };
        // A reply with the right ID and question, before the query left.
        let mut reply = [0u8; 64];
        let q = dns.write_query(&mut reply).unwrap();
        reply[2] |= 0x80;
        assert!(dns.receive(&meta, &reply[..q], 1));
        assert_eq!(dns.counters().rejected(Reject::Unexpected), 1);
        assert_eq!(dns.state(), State::Resolving);
        // Once sent, the same reply is accepted (NOERROR, no answer).
        dns.sent = true;
        assert!(dns.receive(&meta, &reply[..q], 2));
        assert_eq!(dns.state(), State::Failed(Failure::NoData));
        // Its port is released at the next poll.
        let port = meta.dst_port;
        assert!(!dns.receive(&meta, &reply[..q], 3));
        assert_eq!(dns.poll_send(&mut ifc, &mut buf, 3), None);
        assert!(!ifc.unbind(port));
    }

    #[test]
    fn deadlines_cross_the_u32_millisecond_wrap() {
        use crate::iface::{self, Interface};
        use crate::wire::MacAddress;
        let mut ifc: Interface = Interface::new(iface::Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
        let mut config = Config::new(7);
        config.servers[0] = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x53]);
        let mut dns: Resolver = Resolver::new(config);
        let mut buf = [0u8; 600];
        // 100 ms before the u32 milliseconds wrap (49.7 days after boot).
        // The address stays tentative (no poll_transmit): nothing can be
        // sent.
        let t0 = u32::MAX - 99;
        dns.resolve("ntp.test", t0);
        let mut now = t0;
        let mut wakeups = 0;
        while let Some(t) = dns.poll_at(now) {
            let (ahead, elapsed) = (t.wrapping_sub(now), t.wrapping_sub(t0));
            assert!(ahead <= 250 && elapsed <= 30_000, "{t}");
            now = t;
            assert_eq!(dns.poll_send(&mut ifc, &mut buf, now), None);
            wakeups += 1;
            assert!(wakeups < 1000);
        }
        // Every 250 ms, through the three tries of the only server (2, 4
        // and 8 s, never sent), then no server is left.
        assert_eq!(now, t0.wrapping_add(14_000));
        assert_eq!(wakeups, 1 + 14_000 / 250); // t0 itself, then every 250 ms
        assert_eq!(dns.counters().queries, 0);
        assert_eq!(dns.state(), State::Failed(Failure::Timeout));
    }

    /// `deadline` gives the wait `poll_at` gives (by `time::until`),
    /// whichever deadline is the soonest, past or not, across the wrap.
    #[test]
    fn deadline_waits_as_poll_at() {
        use crate::time::until;
        let edges = [
            0u32,
            1,
            249,
            250,
            0x7fff_ffff,
            0x8000_0000,
            0x8000_0001,
            u32::MAX,
        ];
        let mut dns: Resolver = Resolver::new(Config::new(7));
        assert_eq!((dns.deadline(), dns.poll_at(5)), (None, None));
        dns.state = State::Resolving;
        for base in [0u32, 1000, u32::MAX - 100] {
            for (port, sent) in [(0, false), (49152, false), (49152, true)] {
                for d in [0u32, 100, 3000] {
                    dns.overall_end = base.wrapping_add(5000);
                    dns.attempt_end = base.wrapping_add(d);
                    dns.next_try = base.wrapping_add(2 * d);
                    dns.port = port;
                    dns.sent = sent;
                    for e in edges {
                        let now = base.wrapping_add(e);
                        let at = dns.poll_at(now).unwrap();
                        let raw = dns.deadline().unwrap();
                        assert!(at == raw || at == now, "{at} {raw} {now}");
                        assert_eq!(until(now, raw), until(now, at), "{now} {raw} {at}");
                    }
                }
            }
        }
    }

    /// Every number in a `Debug` rendering is 0, every flag false, the
    /// state idle: the value is all zero bytes (padding aside).
    fn prints_as_zeros(text: &str) -> bool {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .all(|word| word == "0" || !word.starts_with(|c: char| c.is_ascii_digit()))
            && !text.contains("true")
            && text.contains("state: Idle")
    }

    #[test]
    fn unconfigured_is_zeros_and_configure_gives_new() {
        use crate::iface::{self, Interface};
        use crate::wire::MacAddress;
        let zero: Resolver = Resolver::UNCONFIGURED;
        let text = std::format!("{zero:?}");
        assert!(prints_as_zeros(&text), "{text}");
        let small = Resolver::<48, 1>::UNCONFIGURED;
        assert!(prints_as_zeros(&std::format!("{small:?}")));
        // A test that can fail: a configured resolver does not print so.
        let mut config = Config::new(7);
        config.servers[0] = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x53]);
        let new: Resolver = Resolver::new(config);
        assert!(!prints_as_zeros(&std::format!("{new:?}")));

        // Unconfigured: methods work; a lookup fails at once, no server.
        let mut ifc: Interface = Interface::new(iface::Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
        let mut buf = [0u8; 600];
        let mut dns = zero.clone();
        assert_eq!(
            (dns.state(), dns.poll_at(5), dns.addresses()),
            (State::Idle, None, &[][..])
        );
        dns.resolve("ntp.test", 5);
        assert_eq!(dns.poll_send(&mut ifc, &mut buf, 5), None);
        assert_eq!(dns.state(), State::Failed(Failure::NoServer));

        // configure() in place gives what new() gives, field for field.
        let mut dns: Resolver = Resolver::UNCONFIGURED;
        dns.configure(config);
        assert_eq!(std::format!("{dns:?}"), std::format!("{new:?}"));
        // Without the clearing, from the all-zero state: the same.
        let mut fresh: Resolver = Resolver::UNCONFIGURED;
        fresh.configure_unconfigured(config);
        assert_eq!(std::format!("{fresh:?}"), std::format!("{new:?}"));
        // Also over a lookup in flight: it is abandoned and its port is
        // unbound at the next poll_send.
        let mut ifc: Interface = Interface::new(iface::Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
        dns.resolve("ntp.test", 0);
        assert_eq!(dns.poll_send(&mut ifc, &mut buf, 0), None); // address tentative
        let port = dns.port;
        assert!(port >= 49152);
        dns.configure(config);
        assert_eq!(dns.release, port);
        dns.release = 0;
        assert_eq!(std::format!("{dns:?}"), std::format!("{new:?}"));
        dns.release = port;
        assert_eq!(dns.poll_send(&mut ifc, &mut buf, 1), None);
        assert!(!ifc.unbind(port), "the abandoned query's port was unbound");
    }

    #[test]
    fn state_is_small() {
        // RAM budget: about 130 bytes of state besides the name buffer and
        // the addresses (320 and 224 bytes on x86-64 when written).
        let size = core::mem::size_of::<Resolver>();
        assert!(
            size <= DEFAULT_NAME_LEN + DEFAULT_ADDRS * 16 + 160,
            "{size}"
        );
        let small = core::mem::size_of::<Resolver<48, 1>>();
        assert!(small <= 48 + 16 + 160, "{small}");
    }

    #[test]
    fn default_limits_are_checked_not_cut() {
        let server = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x53]);
        let mut config = Config::new(7);
        config.servers[0] = server;
        let mut dns: Resolver = Resolver::new(config);
        // A 62-byte label: 64 bytes in wire form, the whole buffer.
        let label = "a".repeat(62);
        dns.resolve(&label, 0);
        assert_eq!(dns.state(), State::Resolving);
        assert_eq!(dns.qname().len(), DEFAULT_NAME_LEN);
        // One byte more does not fit: refused, not cut.
        dns.resolve(&std::format!("{}.b", &label[1..]), 0);
        assert_eq!(dns.state(), State::Failed(Failure::InvalidName));

        // Four AAAA records for ntp.test: the first three are kept, in
        // order; the fourth's TTL (60 s) still counts.
        dns.resolve("ntp.test", 0);
        dns.port = 50_000;
        dns.id = 0x1234;
        dns.server = server;
        dns.sent = true;
        let record = |ttl: &str, last: u8| {
            std::format!("c00c001c0001{ttl}001020010db80000000000000000000000{last:02x}")
        };
        let reply = unhex(&std::format!(
            "123485800001000400000000036e7470047465737400001c0001{}{}{}{}",
            record("00000e10", 1),
            record("00000e10", 2),
            record("00000e10", 3),
            record("0000003c", 4),
        ));
        let meta = UdpMeta {
            src: server,
            src_port: 53,
            dst: server,
            dst_port: 50_000,
            payload: 0..reply.len(),
        };
        assert_eq!(
            dns.receive_outcome(&meta, &reply, 10),
            Some(super::Outcome::Accepted)
        );
        let kept: std::vec::Vec<u16> = dns.addresses().iter().map(|a| a.0[15] as u16).collect();
        assert_eq!(kept, [1, 2, 3]);
        assert_eq!(dns.expires_at(), Some(10 + 60_000));
    }

    #[test]
    fn configured_servers_kept_up_to_the_capacity() {
        use crate::iface::{self, Interface};
        use crate::wire::MacAddress;
        let ifc: Interface = Interface::new(iface::Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
        let a = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x53]);
        let b = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x54]);
        let mut config = Config::new(7);
        config.servers = [Ipv6Address::UNSPECIFIED, a];
        // The default keeps every configured server; an empty slot is
        // skipped.
        let dns: Resolver = Resolver::new(config);
        assert_eq!(dns.server_at(&ifc, 0), Some(a));
        assert_eq!(dns.server_at(&ifc, 1), None);
        config.servers = [b, a];
        let dns: Resolver = Resolver::new(config);
        assert_eq!(
            (dns.server_at(&ifc, 0), dns.server_at(&ifc, 1)),
            (Some(b), Some(a))
        );
        // One slot: the first one; the other is ignored.
        let one = Resolver::<64, 3, 1>::new(config);
        assert_eq!(
            (one.server_at(&ifc, 0), one.server_at(&ifc, 1)),
            (Some(b), None)
        );
        config.servers = [Ipv6Address::UNSPECIFIED, a];
        let one = Resolver::<64, 3, 1>::new(config);
        assert_eq!(one.server_at(&ifc, 0), None);
        // None (RDNSS only): 32 bytes less, configured servers ignored; a
        // lookup without RDNSS servers finds none.
        let mut none = RdnssResolver::new(config);
        assert_eq!(none.server_at(&ifc, 0), None);
        assert_eq!(
            core::mem::size_of::<Resolver>() - core::mem::size_of::<RdnssResolver>(),
            32
        );
        let mut ifc = ifc;
        let mut buf = [0u8; 600];
        none.resolve("ntp.test", 0);
        let mut now = 0;
        while let Some(t) = none.poll_at(now) {
            now = t;
            assert_eq!(none.poll_send(&mut ifc, &mut buf, now), None);
        }
        assert_eq!(none.state(), State::Failed(Failure::NoServer));
    }

    #[test]
    fn receive_outcome_tells_what_became_of_each_datagram() {
        use super::Outcome::{Accepted, Rejected};
        use crate::iface::{self, Interface};
        use crate::wire::MacAddress;
        let ifc: Interface = Interface::new(iface::Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
        let server = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x53]);
        let mut config = Config::new(7);
        config.servers[0] = server;
        let mut dns: Resolver = Resolver::new(config);
        dns.resolve("ntp.test", 0);
        // The query in flight, as `start_query` and `poll_send` leave it,
        // with the ID of the reply captured from dnsmasq.
        dns.port = 50_000;
        dns.id = 0x1234;
        dns.server = server;
        dns.sent = true;
        let reply = unhex(REPLIES[0].1);
        let genuine = UdpMeta {
            src: server,
            src_port: 53,
            dst: ifc.link_local(),
            dst_port: 50_000,
            payload: 0..reply.len(),
        };
        // Another port's datagram: not the resolver's, not counted.
        let other = UdpMeta {
            dst_port: 50_001,
            ..genuine.clone()
        };
        assert_eq!(dns.receive_outcome(&other, &reply, 1), None);
        assert!(!dns.receive(&other, &reply, 1));
        let forged_src = UdpMeta {
            src: Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x66]),
            ..genuine.clone()
        };
        let forged_port = UdpMeta {
            src_port: 5353,
            ..genuine.clone()
        };
        let mut wrong_id = reply.clone();
        wrong_id[1] ^= 1;
        let mut query = reply.clone();
        query[2] &= 0x7f; // QR clear
        let mut other_question = reply.clone();
        other_question[14] = b'm'; // "ntp" -> "nmp"
        let cases: [(&UdpMeta, &[u8], Reject); 6] = [
            (&forged_src, &reply, Reject::WrongSource),
            (&forged_port, &reply, Reject::WrongPort),
            (&genuine, &reply[..11], Reject::Malformed),
            (&genuine, &wrong_id, Reject::WrongId),
            (&genuine, &query, Reject::NotResponse),
            (&genuine, &other_question, Reject::QuestionMismatch),
        ];
        for (i, (meta, payload, reason)) in cases.into_iter().enumerate() {
            assert_eq!(
                dns.receive_outcome(meta, payload, 2),
                Some(Rejected(reason)),
                "{reason:?}"
            );
            assert_eq!(dns.counters().rejected(reason), 1, "{reason:?}");
            assert_eq!(dns.counters().rejections.iter().sum::<u16>(), i as u16 + 1);
            assert_eq!(dns.state(), State::Resolving);
        }
        // `receive` counts a rejection the same way.
        assert!(dns.receive(&genuine, &wrong_id, 3));
        assert_eq!(dns.counters().rejected(Reject::WrongId), 2);
        // The genuine reply, after all of them.
        assert_eq!(dns.receive_outcome(&genuine, &reply, 4), Some(Accepted));
        assert_eq!(dns.state(), State::Resolved);
        assert_eq!(
            dns.addresses(),
            [Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x123])]
        );
        assert_eq!(dns.counters().replies, 1);
        assert_eq!(dns.counters().rejections.iter().sum::<u16>(), 7);
        // The query is over: its port is no longer the resolver's.
        assert_eq!(dns.receive_outcome(&genuine, &reply, 5), None);
    }

    /// A reply for `many.test` with `n` AAAA records 2001:db8::1:k (each
    /// 28 bytes, the owner a pointer to the question), ID 0x1234.
    fn many_aaaa(n: u16) -> std::vec::Vec<u8> {
        let mut m = unhex("123485800001");
        m.extend_from_slice(&n.to_be_bytes());
        m.extend_from_slice(&[0, 0, 0, 0]);
        m.extend_from_slice(b"\x04many\x04test\x00\x00\x1c\x00\x01");
        for k in 0..n {
            m.extend_from_slice(&unhex("c00c001c00010000012c0010"));
            m.extend_from_slice(&Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 1, k]).0);
        }
        m
    }

    /// The addresses of `many_aaaa`'s first `n` records.
    fn first_addresses(n: u16) -> std::vec::Vec<Ipv6Address> {
        (0..n)
            .map(|k| Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 1, k]))
            .collect()
    }

    /// A resolver keeping 16 addresses with the query for `many.test` in
    /// flight (as `receive_outcome_tells_what_became_of_each_datagram`),
    /// and the metadata of a reply of `len` bytes.
    fn many_resolver(len: usize) -> (Resolver<DEFAULT_NAME_LEN, 16>, UdpMeta) {
        let server = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x53]);
        let mut config = Config::new(7);
        config.servers[0] = server;
        let mut dns: Resolver<DEFAULT_NAME_LEN, 16> = Resolver::new(config);
        dns.resolve("many.test", 0);
        dns.port = 50_000;
        dns.id = 0x1234;
        dns.server = server;
        dns.sent = true;
        // The datagram's payload, as the interface gives it: 62.. in the
        // frame, its end past the stored bytes when cut.
        let meta = UdpMeta {
            src: server,
            src_port: 53,
            dst: Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 1]),
            dst_port: 50_000,
            payload: 62..62 + len,
        };
        (dns, meta)
    }

    #[test]
    fn cut_answer_gives_the_records_held_whole() {
        let reply = many_aaaa(16);
        // 12 + 15 bytes of header and question, 28 per record.
        assert_eq!(reply.len(), 27 + 16 * 28);
        // Cut at a record's end, one byte into the next, in the middle of
        // a name, of the fixed fields, of the RDATA; 288 is what a
        // 350-byte frame buffer holds of a DNS message.
        for (held, n) in [
            (27 + 5 * 28, 5),
            (27 + 5 * 28 + 1, 5),
            (27 + 5 * 28 + 7, 5),
            (27 + 5 * 28 + 20, 5),
            (288, 9),
            (reply.len() - 1, 15),
        ] {
            let (mut dns, meta) = many_resolver(reply.len());
            assert_eq!(
                dns.receive_outcome(&meta, &reply[..held], 1),
                Some(super::Outcome::Accepted),
                "{held}"
            );
            assert_eq!(dns.state(), State::Resolved, "{held}");
            assert_eq!(dns.addresses(), first_addresses(n), "{held}");
        }
        // Whole: all 16.
        let (mut dns, meta) = many_resolver(reply.len());
        assert_eq!(
            dns.receive_outcome(&meta, &reply, 1),
            Some(super::Outcome::Accepted)
        );
        assert_eq!(dns.addresses(), first_addresses(16));
    }

    #[test]
    fn cut_in_the_header_or_question_is_rejected_and_an_uncut_bad_record_too() {
        let reply = many_aaaa(16);
        for held in [0, 11, 12, 20, 26] {
            let (mut dns, meta) = many_resolver(reply.len());
            assert_eq!(
                dns.receive_outcome(&meta, &reply[..held], 1),
                Some(super::Outcome::Rejected(Reject::Malformed)),
                "{held}"
            );
            assert_eq!(dns.counters().rejected(Reject::Malformed), 1);
            assert_eq!(dns.state(), State::Resolving);
        }
        // Cut after the question, before any whole record: the answer is
        // not known, as for a reply with TC set.
        let (mut dns, meta) = many_resolver(reply.len());
        assert_eq!(
            dns.receive_outcome(&meta, &reply[..27 + 20], 1),
            Some(super::Outcome::Accepted)
        );
        assert_eq!(dns.state(), State::Failed(Failure::Truncated));
        // Not cut: a message whose last record runs past its end is
        // malformed as a whole, as before.
        let short = &reply[..reply.len() - 1];
        let (mut dns, meta) = many_resolver(short.len());
        assert_eq!(
            dns.receive_outcome(&meta, short, 1),
            Some(super::Outcome::Rejected(Reject::Malformed))
        );
        // Nor does a cut excuse a bad record inside the part held (an
        // AAAA RDATA of 15 bytes).
        let mut bad = reply.clone();
        bad[27 + 28 + 11] = 15;
        let (mut dns, meta) = many_resolver(bad.len());
        assert_eq!(
            dns.receive_outcome(&meta, &bad[..288], 1),
            Some(super::Outcome::Rejected(Reject::Malformed))
        );
    }
}
