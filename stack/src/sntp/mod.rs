//! SNTPv4 client (RFC 4330 with the on-wire rules of RFC 5905).
//!
//! [`SntpClient`] is a sans-IO state machine with the shape of the other
//! clients of this crate: [`SntpClient::poll_at`] gives its next deadline,
//! [`SntpClient::poll_send`] builds a request into the caller's frame
//! buffer through an [`Interface`], [`SntpClient::receive`] takes the UDP
//! datagrams the interface delivers. It owns the [`SoftClock`] that it
//! disciplines: read the time with [`SntpClient::now`].
//!
//! Two time inputs go with every call: `now_ms`, the application's
//! monotonic millisecond clock as wrapping `u32` (the one given to the
//! [`Interface`], for scheduling, see [`crate::time`]), and `ticks`, the
//! free-running tick counter that drives the [`SoftClock`] (for
//! timestamps). Call [`SntpClient::poll_send`] at least every 24 days
//! (2^31 ms), due or not: it keeps the age of the last synchronization
//! from wrapping with `now_ms` (it saturates at 24.8 days).
//!
//! * Requests: mode 3, version 4, only the transmit timestamp set (RFC 4330
//!   5), its bits below the clock's resolution random (RFC 4330 3), each
//!   from a new random source port (RFC 9109).
//! * Replies are checked (RFC 4330 5, RFC 5905 8 and 7.4) and every
//!   rejection is counted by [`Reject`] reason.
//! * Kiss-o'-Death: DENY and RSTR retire the server, RATE doubles the poll
//!   interval; both move on to the next server if there is one.
//! * Poll interval: 16 s at first (RFC 4330 10: never below 15 s), doubled
//!   after two offsets in a row within the measurement noise, up to 1024 s,
//!   halved when offsets grow; exponential backoff without replies, and
//!   failover to the next server after two requests in a row go unanswered
//!   (at once when the server's address does not resolve for 10 s).
//!
//! # Accuracy (simulated)
//!
//! `tests/sntp_sim.rs` runs the client on a simulated link (real frames,
//! a 32768 Hz tick counter from a crystal with a chosen error, simulated
//! time only) and prints its figures (`cargo test -p microip6 --test
//! sntp_sim -- --nocapture`). With a symmetric 2 ms path the clock is
//! within 25 µs of true time right after the first synchronization (1.5 s
//! after start); with a ±50 ppm crystal it is within 10 µs at 24 hours
//! and within 65 µs at any time after the first hour, polling every
//! 1024 s (96 requests a day) with the error learned to 0.02 ppm. An
//! asymmetric path (1 ms / 5 ms) shifts the clock by the expected
//! -2 ms; random queueing of up to 3 ms per frame with 10 % loss keeps it
//! within 4.4 ms.
//!
//! # Example
//!
//! ```
//! use microip6::clock::softclock::SoftClock;
//! use microip6::iface::{Config, Interface, Received};
//! use microip6::sntp::{SntpClient, SyncState};
//! use microip6::wire::{Ipv6Address, MacAddress};
//!
//! let mut iface: Interface = Interface::new(Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
//! // A 32768 Hz timer drives the clock; the seed comes from hardware jitter.
//! let mut sntp = SntpClient::new(SoftClock::new(32768), 0x5eed);
//! sntp.set_servers(&[Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x123])]);
//! let mut frame = [0u8; 600];
//! // Wrapping milliseconds: this loop crosses 2^32.
//! let (mut now_ms, mut ticks) = (u32::MAX - 20_000, 0u32);
//! for _ in 0..10 {
//!     // Received::Udp(meta) from iface.receive(...) goes to
//!     // sntp.receive(&meta, &frame[meta.payload.clone()], now_ms, ticks).
//!     while let Some(n) = iface.poll_transmit(&mut frame, now_ms) { /* send */ }
//!     if let Some(n) = sntp.poll_send(&mut iface, &mut frame, now_ms, ticks) { /* send */ }
//!     // Sleep until the earlier deadline (at least 1 ms, at most 1 s).
//!     let wait = [iface.poll_at(now_ms), sntp.poll_at(now_ms)]
//!         .into_iter()
//!         .flatten()
//!         .map(|at| microip6::time::until(now_ms, at))
//!         .fold(1000, u32::min)
//!         .max(1);
//!     ticks = ticks.wrapping_add((wait as u64 * 32768 / 1000) as u32);
//!     now_ms = now_ms.wrapping_add(wait);
//! }
//! assert_eq!(sntp.sync_state(now_ms), SyncState::NeverSynced);
//! let _display_time = sntp.now(ticks);
//! ```

use crate::clock::softclock::{mac, negated_if, word32, SoftClock, Words, STEP_THRESHOLD};
use crate::iface::{Interface, Rng, UdpMeta};
use crate::time;
use crate::wire::ntp::{self, LeapIndicator, Mode, NtpShort, NtpTimestamp};
use crate::wire::Ipv6Address;

/// Servers remembered at once (from DNS or configuration).
pub const MAX_SERVERS: usize = 3;
/// Shortest poll interval, log2 seconds: 16 s (RFC 4330 10: not under 15 s).
pub const MIN_POLL_LOG2: u8 = 4;
/// Longest poll interval, log2 seconds: 1024 s (RFC 5905's MAXPOLL is 17,
/// but the FLL of a crystal clock is better served by 1024 s).
pub const MAX_POLL_LOG2: u8 = 10;
/// Replies whose root distance (root delay / 2 + root dispersion, RFC 5905
/// 11.2.1) is this long or longer are refused: 16 s, RFC 5905's MAXDISP,
/// the dispersion of a server that knows nothing. In 2^-16 s.
pub const MAX_ROOT_DISTANCE: NtpShort = NtpShort(16 << 16);
/// Without an accepted reply for this long after a synchronization, the
/// state is [`SyncState::Lost`] (one hour).
pub const LOST_AFTER_S: u32 = 3600;
/// Unanswered requests in a row before the next server is tried.
pub const FAILOVER_AFTER: u8 = 2;

/// The age of the last sample saturates at 2^31 - 1 ms (24.8 days):
/// `poll_send` keeps `Sample::at_ms` at most 2^31 ms behind (an age that
/// reads as negative is saturated), so that the age never wraps with the
/// `u32` clock when `poll_send` comes at least every 2^31 ms (a sign test,
/// not a 32-bit comparison).
const MAX_AGE_MS: u32 = i32::MAX as u32;

/// [`SntpClient`] flag: the bound port is fresh, no request went from it
/// yet (else, or without a port, the next request binds a new one; clear
/// in an all-zero client).
const PORT_FRESH: u8 = 1;
/// [`SntpClient`] flag: the next request waits for its time (else it goes
/// at once).
const SCHEDULED: u8 = 2;

/// Retry delay after `send_udp` said `WouldBlock` (address resolution).
const RETRY_BLOCKED_MS: u32 = 250;
/// `WouldBlock`s in a row (10 s) after which the server is deemed
/// unreachable: the next one is tried.
const BLOCKED_GIVE_UP: u8 = 40;
/// [`SntpClient::try_send`]'s wait meaning one poll interval.
const ONE_INTERVAL: u32 = u32::MAX;
/// Retry delay after another send failure (no port, no route, no address).
const RETRY_ERROR_MS: u32 = 2000;
/// Offsets within this plus half the round-trip delay count as "clock
/// stable" for the poll interval (the delay bounds the measurement error).
const STABLE_OFFSET: u16 = 66; // 1 ms in 2^-16 s
/// Consecutive stable offsets before the poll interval doubles.
const STABLE_TO_DOUBLE: u8 = 2;
/// Offsets beyond this many times the stable limit halve the interval.
const UNSTABLE_FACTOR: u16 = 4;

/// Why a datagram to our port was not used. Each has a counter
/// ([`Counters::rejected`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Reject {
    /// Not from the server and port 123 we asked.
    WrongSource = 0,
    /// Shorter than the 48-byte header.
    Truncated,
    /// Version not 1..=4 (RFC 4330 5).
    BadVersion,
    /// Mode not 4 (server).
    BadMode,
    /// No request outstanding: a duplicate or replayed reply.
    NotExpected,
    /// Origin timestamp is not our request's transmit timestamp (RFC 5905
    /// 8: bogus packet); the request stays outstanding.
    BadOrigin,
    /// Kiss-o'-Death DENY or RSTR: the server is no longer used.
    KissDeny,
    /// Kiss-o'-Death RATE: the poll interval doubles.
    KissRate,
    /// Another kiss code (RFC 5905 7.4: no action besides not using it).
    KissOther,
    /// Leap indicator 3: the server is not synchronized.
    Unsynchronized,
    /// Stratum 16 or more.
    BadStratum,
    /// Transmit timestamp zero.
    ZeroTransmit,
    /// Root delay / 2 + root dispersion of 16 s or more.
    RootDistance,
}

impl Reject {
    /// Number of reasons (size of the counter array).
    pub const COUNT: usize = Reject::RootDistance as usize + 1;

    /// Every reason, in counter order (`ALL[r as usize] == r`).
    pub const ALL: [Reject; Reject::COUNT] = {
        use Reject::*;
        [
            WrongSource,
            Truncated,
            BadVersion,
            BadMode,
            NotExpected,
            BadOrigin,
            KissDeny,
            KissRate,
            KissOther,
            Unsynchronized,
            BadStratum,
            ZeroTransmit,
            RootDistance,
        ]
    };
}

/// What became of a datagram to our port ([`SntpClient::receive_outcome`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A reply was accepted; `stepped`: it set the clock outright (the
    /// first synchronization, or an offset beyond the step threshold)
    /// rather than slewing it.
    Accepted {
        /// The clock was stepped.
        stepped: bool,
    },
    /// The datagram was rejected (and counted) for this reason.
    Rejected(Reject),
}

/// Client statistics (16-bit, wrapping).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counters {
    /// Requests sent.
    pub requests: u16,
    /// Replies accepted.
    pub accepted: u16,
    /// Requests without an answer (a reply with our origin timestamp)
    /// before the next poll.
    pub timeouts: u16,
    /// Accepted replies that stepped the clock (the first one included).
    pub steps: u16,
    /// Servers given up for 10 s of failed address resolution (no
    /// request could be sent).
    pub unreachable: u16,
    /// Rejections, indexed by `Reject as usize`.
    pub rejected: [u16; Reject::COUNT],
}

impl Counters {
    /// Datagrams rejected for `reason`.
    pub fn rejected(&self, reason: Reject) -> u16 {
        self.rejected[reason as usize]
    }
}

/// The last accepted reply, for the display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncInfo {
    /// Clock offset measured (true minus local time), microseconds,
    /// within ±0.5 s; 0 beyond (then [`SyncInfo::offset_s`] says it).
    pub offset_us: i32,
    /// Beyond ±0.5 s (a step: the first synchronization of a clock never
    /// set, a clock far off), the offset's whole seconds (rounded down) of
    /// the difference from whatever the clock read, modulo 2^32 s; 0
    /// within. The offset is `offset_s * 10^6 + offset_us` microseconds
    /// (one of the two is 0), kept in two 32-bit fields: no 64-bit
    /// arithmetic on a 16-bit CPU.
    pub offset_s: i32,
    /// Round-trip delay, microseconds (at most one second).
    pub delay_us: u32,
    /// The server's stratum.
    pub stratum: u8,
    /// The server.
    pub server: Ipv6Address,
    /// Seconds since that reply, at most 2,147,483 (24.8 days).
    pub since_s: u32,
}

/// Synchronization state, for the display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncState {
    /// No reply accepted yet: the clock is not set.
    NeverSynced,
    /// Synchronized within the last [`LOST_AFTER_S`] seconds.
    Synced(SyncInfo),
    /// Synchronized once, but not for [`LOST_AFTER_S`] seconds: the clock
    /// runs on its own (with its learned frequency).
    Lost(SyncInfo),
}

/// The last accepted sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sample {
    /// When it was accepted (ms), or 2^31 ms ago (an age saturated at
    /// [`MAX_AGE_MS`]).
    at_ms: u32,
    /// Offset, 32.32 s.
    offset: Words<4>,
    /// Round-trip delay, 2^-32 s, at most 1 s.
    delay: u32,
    server: Ipv6Address,
}

/// An SNTP client with its disciplined clock. See the [module
/// documentation](self). 196 bytes on the MSP430 (52 of them the clock).
#[derive(Debug, Clone)]
pub struct SntpClient {
    clock: SoftClock,
    rng: Rng,
    /// Server addresses; unspecified marks a free slot.
    servers: [Ipv6Address; MAX_SERVERS],
    /// One bit per server slot that holds a server not retired by
    /// DENY/RSTR (one mask test instead of address comparisons).
    usable: u8,
    /// The server polled now, and the one the last request went to (the
    /// same while that request is outstanding, see `accept`; the last one
    /// still classifies a late reply after a failover as NotExpected).
    current: u8,
    asked: u8,
    /// Our bound source port (0: none); whether no request went from it
    /// yet is the flag [`PORT_FRESH`].
    port: u16,
    /// Transmit timestamp of the outstanding request (zero: none), 32.32
    /// in 16-bit words.
    t1: Words<4>,
    /// When the next request is due (wrapping ms), once the flag
    /// [`SCHEDULED`] is set; before, at once.
    next_poll_ms: u32,
    /// [`PORT_FRESH`] and [`SCHEDULED`]: two flags in one byte.
    flags: u8,
    /// The poll interval exponent above [`MIN_POLL_LOG2`] (zero: 16 s, so
    /// that [`SntpClient::UNCONFIGURED`] is all zeros).
    poll_up: u8,
    stable: u8,
    /// Unanswered requests in a row (all servers, counted up to the
    /// longest interval: [`MAX_POLL_LOG2`] - [`MIN_POLL_LOG2`]), for the
    /// backoff...
    losses: u8,
    /// ...and to the current server, for the failover.
    misses: u8,
    /// `WouldBlock`s in a row for the current request.
    blocked: u8,
    /// The last accepted sample, valid once synchronized...
    last: Sample,
    /// ...and its server's stratum: 1 to 15 once a reply was accepted
    /// (RFC 4330 5: 0 is a Kiss-o'-Death, over 15 refused), 0 before, so
    /// that it also tells whether the client ever synchronized (one byte
    /// besides the other bytes, no flag).
    stratum: u8,
    counters: Counters,
}

impl SntpClient {
    /// A client without configuration, every byte zero, so that a
    /// `static` initialised with it takes no flash: no server (it never
    /// polls), a [`SoftClock::UNCONFIGURED`] clock and a random generator
    /// stuck at zero. Its methods are safe to call, but it is meant to be
    /// set up in place with [`SntpClient::configure`] before use.
    pub const UNCONFIGURED: SntpClient = SntpClient {
        clock: SoftClock::UNCONFIGURED,
        rng: Rng::ZERO,
        servers: [Ipv6Address::UNSPECIFIED; MAX_SERVERS],
        usable: 0,
        current: 0,
        asked: 0,
        port: 0,
        t1: [0; 4],
        next_poll_ms: 0,
        flags: 0,
        poll_up: 0,
        stable: 0,
        losses: 0,
        misses: 0,
        blocked: 0,
        last: Sample {
            at_ms: 0,
            offset: [0; 4],
            delay: 0,
            server: Ipv6Address::UNSPECIFIED,
        },
        stratum: 0,
        counters: Counters {
            requests: 0,
            accepted: 0,
            timeouts: 0,
            steps: 0,
            unreachable: 0,
            rejected: [0; Reject::COUNT],
        },
    };

    /// A client that disciplines `clock`, with its random generator (T1
    /// noise bits, source ports are drawn by the interface) seeded by
    /// `seed`. It polls as soon as it has a server.
    /// [`SntpClient::UNCONFIGURED`] set up by [`SntpClient::configure`].
    pub const fn new(clock: SoftClock, seed: u32) -> SntpClient {
        let mut c = SntpClient::UNCONFIGURED;
        c.configure(clock, seed);
        c
    }

    /// Puts the client, in place, in the state [`SntpClient::new`] gives:
    /// no server, nothing outstanding, counters at zero, `clock`, and a
    /// generator seeded by `seed`. Building it in place avoids the copies
    /// (and the stack) of `*c = SntpClient::new(..)` on a small target.
    /// The source port of an earlier life is released (unbound) at the
    /// next [`SntpClient::poll_send`].
    pub const fn configure(&mut self, clock: SoftClock, seed: u32) {
        let port = self.port;
        *self = SntpClient::UNCONFIGURED;
        self.clock = clock;
        self.rng = Rng::new(seed);
        // (Not fresh: the next request releases it.)
        self.port = port;
    }

    /// [`SntpClient::configure`] for a client that is
    /// [`SntpClient::UNCONFIGURED`] (never configured: all zero bytes, no
    /// port), with a clock of `hz` ticks per second built in place: the
    /// state `configure(SoftClock::new(hz), seed)` gives, without clearing
    /// again what is zero already nor a clock-sized temporary to copy (a
    /// small target's start-up, whose `static` client is zero since
    /// reset). On a configured client, whatever it held (servers,
    /// counters, sample) would stay: use `configure` there.
    pub fn configure_unconfigured(&mut self, hz: u32, seed: u32) {
        self.clock.configure_unconfigured(hz);
        self.rng = Rng::new(seed);
    }

    /// The clock.
    pub fn clock(&self) -> &SoftClock {
        &self.clock
    }

    /// The clock, e.g. to preset its frequency.
    pub fn clock_mut(&mut self) -> &mut SoftClock {
        &mut self.clock
    }

    /// The time at tick count `ticks` (see [`SoftClock::now`]).
    pub fn now(&mut self, ticks: u32) -> NtpTimestamp {
        self.clock.now(ticks)
    }

    /// Statistics and rejection counters.
    pub fn counters(&self) -> &Counters {
        &self.counters
    }

    /// The current poll interval in seconds (backoff included).
    pub fn poll_interval_s(&self) -> u32 {
        1 << self.interval_log2()
    }

    /// The poll interval exponent, backoff included.
    fn interval_log2(&self) -> u8 {
        MIN_POLL_LOG2
            + if self.losses > 0 {
                self.losses
            } else {
                self.poll_up
            }
    }

    /// The poll interval in milliseconds (at most 1024 s: 1000 << 10
    /// fits 32 bits).
    fn interval_ms(&self) -> u32 {
        1000 << self.interval_log2()
    }

    /// The next request goes one poll interval after `now_ms`.
    fn schedule(&mut self, now_ms: u32) {
        self.retry_in(now_ms, self.interval_ms());
    }

    /// The next attempt goes `ms` (at most 1024 s) after `now_ms`.
    fn retry_in(&mut self, now_ms: u32, ms: u32) {
        self.next_poll_ms = time::after(now_ms, ms);
        self.flags |= SCHEDULED;
    }

    /// Replaces the server list (DNS answers or configuration); duplicates,
    /// unspecified and multicast addresses are skipped, at most
    /// [`MAX_SERVERS`] are kept. Servers already known keep their state (a DENY stays); the
    /// polled server stays current if it is still listed. The first request
    /// goes out at once if the client has never polled.
    pub fn set_servers(&mut self, servers: &[Ipv6Address]) {
        // (Taken: the list starts empty, unspecified addresses.)
        let old = core::mem::take(&mut self.servers);
        // (A server not listed before gets the old slot MAX_SERVERS, a
        // usable one: new servers are usable.)
        let old_usable = self.usable | 1 << MAX_SERVERS;
        let (polled, asked) = (self.current as usize, self.asked as usize);
        self.usable = 0;
        self.current = 0;
        // The outstanding request stays valid while its server is listed
        // (replies are matched against `servers[asked]`).
        let mut asked_listed = false;
        // (Filled in order: the next free slot is the count.)
        let mut i = 0;
        for s in servers {
            if i >= MAX_SERVERS {
                break;
            }
            // (The whole list searched: its free slots, slot i at least,
            // are unspecified, so that this skips the unspecified address
            // too.)
            if s.is_multicast() || self.servers.contains(s) {
                continue;
            }
            self.servers[i] = *s;
            // (The old list has no duplicates, never the unspecified
            // address: the old slot of `s` tells whether it was the polled
            // or the asked server, by index, without more address
            // comparisons.)
            let j = old.iter().position(|o| o == s).unwrap_or(MAX_SERVERS);
            // (Listed before: not usable only if retired.)
            if has_bit(old_usable, j) {
                self.usable |= slot_bit(i);
            }
            if j == polled {
                self.current = i as u8;
            }
            if j == asked {
                self.asked = i as u8;
                asked_listed = true;
            }
            i += 1;
        }
        if !asked_listed {
            self.forget_request();
        }
    }

    /// Adds a server at the end of the list; false if it is unspecified,
    /// multicast, already listed, or the list is full.
    pub fn add_server(&mut self, server: Ipv6Address) -> bool {
        if server.is_unspecified() || server.is_multicast() || self.servers.contains(&server) {
            return false;
        }
        let Some(i) = self.servers.iter().position(|s| s.is_unspecified()) else {
            return false;
        };
        self.servers[i] = server;
        self.usable |= slot_bit(i);
        true
    }

    /// The server the next request goes to, if any is usable. (A copy of
    /// [`SntpClient::server_ref`]'s answer, in line; the clock app's
    /// screens use `server_ref`.)
    #[inline(always)]
    pub fn server(&self) -> Option<Ipv6Address> {
        self.server_ref().copied()
    }

    /// [`SntpClient::server`] by reference (read in place: no 16-byte
    /// copy). In line at the clock app's two callers, as `server` was
    /// there before (then 12 B less than a call and a function of its own).
    #[inline(always)]
    pub fn server_ref(&self) -> Option<&Ipv6Address> {
        let i = self.current as usize;
        // (`get`: no bounds-check panic path.)
        self.servers.get(i).filter(|_| self.usable(i))
    }

    /// Slot `i` is no longer usable (DENY/RSTR).
    fn retire(&mut self, i: usize) {
        self.usable &= !slot_bit(i);
    }

    fn usable(&self, i: usize) -> bool {
        has_bit(self.usable, i)
    }

    /// Moves `current` to the next usable server after it, if any (the
    /// current one stays if it is the only usable one).
    fn next_server(&mut self) {
        // (The slot after, wrapping by a comparison: no division.)
        let mut i = self.current as usize;
        for _ in 0..MAX_SERVERS {
            i = if i + 1 >= MAX_SERVERS { 0 } else { i + 1 };
            if self.usable(i) {
                self.current = i as u8;
                self.misses = 0;
                return;
            }
        }
    }

    /// The next time (wrapping ms, the `now_ms` clock) a request is due,
    /// `now_ms` when it is due already; `None` without a usable server.
    pub fn poll_at(&self, now_ms: u32) -> Option<u32> {
        let next = self.deadline(now_ms)?;
        Some(if time::due(now_ms, next) {
            now_ms
        } else {
            next
        })
    }

    /// [`SntpClient::poll_at`] with a deadline that has passed as it is
    /// (not as `now_ms`; `now_ms` while no request is scheduled): the same
    /// wait by `time::until` (0 for both, as they compare by the same
    /// wrapping difference), for a caller that computes the wait (one
    /// test less).
    pub fn deadline(&self, now_ms: u32) -> Option<u32> {
        let at = if self.flags & SCHEDULED == 0 {
            now_ms
        } else {
            self.next_poll_ms
        };
        (self.usable != 0).then_some(at)
    }

    /// True when a request is due at `now_ms`.
    fn due(&self, now_ms: u32) -> bool {
        self.flags & SCHEDULED == 0 || time::due(now_ms, self.next_poll_ms)
    }

    /// Builds the request due at `now_ms` in `buf` through `iface` and
    /// returns the frame length to transmit, or `None` if none is due or it
    /// cannot go yet (address resolution, no source address: retried on a
    /// later call, see [`SntpClient::poll_at`]). `ticks` is the tick count
    /// of the clock now. Call it at least every 24 days, due or not (see
    /// the [module documentation](self)).
    pub fn poll_send<const N: usize, const R: usize, const D: usize>(
        &mut self,
        iface: &mut Interface<N, R, D>,
        buf: &mut [u8],
        now_ms: u32,
        ticks: u32,
    ) -> Option<usize> {
        if !time::due(now_ms, self.last.at_ms) {
            // (2^31 ms behind, the top bit flipped: a negative age,
            // saturated alike by sync_state, one word instruction.)
            self.last.at_ms = now_ms ^ 1 << 31;
        }
        if !self.due(now_ms) {
            return None;
        }
        let sent = self.try_send(iface, buf, now_ms, ticks);
        match sent {
            Err(0) => {
                // No usable server: the first request goes at once when
                // there is one again (however long after).
                self.flags &= !SCHEDULED;
            }
            Err(wait_ms) if wait_ms != ONE_INTERVAL => self.retry_in(now_ms, wait_ms),
            // Sent, or backing off: one poll interval (one call for both).
            _ => self.schedule(now_ms),
        }
        sent.ok()
    }

    /// [`SntpClient::poll_send`] once due: the frame length, or how long to
    /// wait before the next attempt (0: no change, no server;
    /// [`ONE_INTERVAL`]: one poll interval).
    fn try_send<const N: usize, const R: usize, const D: usize>(
        &mut self,
        iface: &mut Interface<N, R, D>,
        buf: &mut [u8],
        now_ms: u32,
        ticks: u32,
    ) -> Result<usize, u32> {
        if self.outstanding() {
            // The previous request went unanswered: back off (RFC 4330
            // 10) and, after a few in a row, try the next server.
            self.forget_request();
            self.counters.timeouts = self.counters.timeouts.wrapping_add(1);
            self.back_off();
            self.misses += 1;
            if self.misses >= FAILOVER_AFTER {
                self.next_server();
            }
        }
        if !self.usable(self.current as usize) {
            // (next_server tries every slot, the current one last: after
            // it the current server is usable if any is.)
            self.next_server();
            if self.usable == 0 {
                return Err(0);
            }
        }
        // A fresh random source port per request (RFC 9109); kept across
        // WouldBlock retries of the same request.
        if self.flags & PORT_FRESH == 0 {
            if self.port != 0 {
                iface.unbind(self.port);
            }
            let Ok(port) = iface.bind_ephemeral() else {
                self.port = 0;
                return Err(RETRY_ERROR_MS);
            };
            self.port = port;
            self.flags |= PORT_FRESH;
        }
        let off = iface.udp_payload_offset();
        let payload = buf
            .get_mut(off..off + ntp::HEADER_LEN)
            .ok_or(RETRY_ERROR_MS)?;
        // RFC 4330 3: the bits below the clock's resolution are random,
        // which also makes T1 hard to guess for an off-path attacker.
        // At most 28 bits (16 Hz): only the fraction changes.
        // (T1 built in place, kept if the request goes, else forgotten
        // below: no copy of it on the stack.)
        let mask = self.clock.noise_mask();
        self.clock.advance(ticks);
        self.t1 = *self.clock.time_words();
        let t1 = &mut self.t1;
        let fraction = word32(t1, 0) & !mask | self.rng.next_u32() & mask;
        t1[0] = fraction as u16;
        t1[1] = (fraction >> 16) as u16;
        if is_zero(t1) {
            t1[0] = 1; // zero means "no request outstanding"
        }
        // RFC 4330 5: a request with every field zero but the first byte
        // (LI 0, VN 4, mode 3) and the transmit timestamp.
        payload.fill(0);
        payload[0] = LeapIndicator::NoWarning.bits() << 6 | 4 << 3 | Mode::Client.bits();
        for (i, w) in t1.iter().enumerate() {
            let at = 46 - 2 * i;
            payload[at..at + 2].copy_from_slice(&w.to_be_bytes());
        }
        // The server read in place (no `Option<Ipv6Address>` copied out of
        // `server`), by reference.
        let server = &self.servers[self.current as usize];
        let sent = iface.send_udp(buf, now_ms, self.port, server, ntp::PORT, ntp::HEADER_LEN);
        if sent.is_err() {
            // Not sent: nothing outstanding.
            self.forget_request();
        }
        match sent {
            Ok(n) => {
                self.asked = self.current;
                self.flags &= !PORT_FRESH;
                self.blocked = 0;
                self.counters.requests = self.counters.requests.wrapping_add(1);
                Ok(n)
            }
            Err(nb::Error::WouldBlock) => {
                self.blocked += 1;
                if self.blocked >= BLOCKED_GIVE_UP {
                    // The server (on-link) or the router does not answer
                    // address resolution: nothing was sent, so the next
                    // server may be asked at once; alone, back off as for
                    // an unanswered request.
                    self.blocked = 0;
                    self.counters.unreachable = self.counters.unreachable.wrapping_add(1);
                    let before = self.current;
                    self.next_server();
                    if self.current == before {
                        self.back_off();
                        return Err(ONE_INTERVAL);
                    }
                }
                Err(RETRY_BLOCKED_MS)
            }
            Err(nb::Error::Other(_)) => Err(RETRY_ERROR_MS),
        }
    }

    /// Takes a UDP datagram delivered by the interface (`payload` is
    /// `&buf[meta.payload]`) at `now_ms` and tick count `ticks` (read as
    /// close to its arrival as possible: it is T4). Returns false if it is
    /// not for our port (another client's), true otherwise, whether the
    /// reply was accepted or rejected (see [`SntpClient::counters`], or
    /// [`SntpClient::receive_outcome`] to be told which).
    pub fn receive(&mut self, meta: &UdpMeta, payload: &[u8], now_ms: u32, ticks: u32) -> bool {
        self.receive_outcome(meta, payload, now_ms, ticks).is_some()
    }

    /// [`SntpClient::receive`], telling what became of the datagram:
    /// `None` if it is not for our port, else whether it was accepted
    /// (and stepped the clock) or why it was rejected. The counters count
    /// it the same way; this spares a caller comparing them before and
    /// after.
    pub fn receive_outcome(
        &mut self,
        meta: &UdpMeta,
        payload: &[u8],
        now_ms: u32,
        ticks: u32,
    ) -> Option<Outcome> {
        if self.port == 0 || meta.dst_port != self.port {
            return None;
        }
        self.clock.advance(ticks);
        Some(match self.accept(meta, payload, now_ms, ticks) {
            Ok(stepped) => Outcome::Accepted { stepped },
            Err(reason) => {
                let c = &mut self.counters.rejected[reason as usize];
                *c = c.wrapping_add(1);
                Outcome::Rejected(reason)
            }
        })
    }

    fn accept(
        &mut self,
        meta: &UdpMeta,
        payload: &[u8],
        now_ms: u32,
        ticks: u32,
    ) -> Result<bool, Reject> {
        // (While a request is outstanding, `asked` equals `current`:
        // current changes only with T1 zero (next_server after
        // forget_request or before a send; set_servers moves both with
        // their server or forgets the request). Once none is, `asked`
        // still names the last server asked: its late reply after a
        // failover is NotExpected, not WrongSource.)
        let asked = self.asked as usize;
        // (`get`: its range test is the refusal, no bounds check panic.)
        if meta.src_port != ntp::PORT || self.servers.get(asked) != Some(&meta.src) {
            return Err(Reject::WrongSource);
        }
        // The 48-byte header (RFC 5905 7.3; extension fields and a MAC
        // may follow), read in place: cheaper on the 16-bit target than a
        // view's getters or a full `NtpRepr`.
        let h: &[u8; ntp::HEADER_LEN] = payload.first_chunk().ok_or(Reject::Truncated)?;
        // RFC 4330 5: versions 1 to 4. (Tested unshifted, version and
        // mode together: 1 << 3 ..= 4 << 3 | 7 by one unsigned comparison.)
        let version_mode = h[0] & 0x3f;
        if version_mode.wrapping_sub(1 << 3) >= 4 << 3 {
            return Err(Reject::BadVersion);
        }
        if version_mode & 7 != Mode::Server.bits() {
            return Err(Reject::BadMode);
        }
        if !self.outstanding() {
            return Err(Reject::NotExpected);
        }
        // RFC 5905 8: the origin must be our T1, else the packet is bogus
        // (forged, or an old duplicate); the request stays outstanding.
        if be_words(h, 24) != self.t1 {
            return Err(Reject::BadOrigin);
        }
        // RFC 5905 8, modulo 2^64: with a = T2 - T1 and b = T3 - T4,
        // delay d = (T4 - T1) - (T3 - T2) = a - b and offset (a + b) / 2 =
        // b + d / 2, on 16-bit words (64-bit operations are long inline
        // code on the target), in place (copies are long too).
        let mut a = be_words(h, 32);
        add4(&mut a, &self.t1, true);
        // The request is answered: a duplicate or replay will not match.
        self.forget_request();
        self.losses = 0;
        self.misses = 0;
        let stratum = h[1];
        if stratum == 0 {
            // RFC 5905 7.4 / RFC 4330 8: Kiss-o'-Death.
            // (The code as two 16-bit words, each compared with a
            // constant: no 32-bit compares.)
            let hi = u16::from_be_bytes([h[12], h[13]]);
            let lo = u16::from_be_bytes([h[14], h[15]]);
            const DENY: [u16; 2] = kiss_words(ntp::KISS_DENY);
            const RSTR: [u16; 2] = kiss_words(ntp::KISS_RSTR);
            const RATE: [u16; 2] = kiss_words(ntp::KISS_RATE);
            let reason = if hi == DENY[0] && lo == DENY[1] || hi == RSTR[0] && lo == RSTR[1] {
                self.retire(asked);
                Reject::KissDeny
            } else if hi == RATE[0] && lo == RATE[1] {
                self.double_interval();
                self.schedule(now_ms);
                Reject::KissRate
            } else {
                return Err(Reject::KissOther);
            };
            // Both move on to the next server (one call for the two).
            self.next_server();
            return Err(reason);
        }
        // RFC 4330 5 sanity checks.
        if h[0] >> 6 == LeapIndicator::Unsynchronized.bits() {
            return Err(Reject::Unsynchronized);
        }
        if stratum > 15 {
            return Err(Reject::BadStratum);
        }
        let mut b = be_words(h, 40);
        if is_zero(&b) {
            return Err(Reject::ZeroTransmit);
        }
        if root_distance_too_long(h) {
            return Err(Reject::RootDistance);
        }
        add4(&mut b, self.clock.time_words(), true);
        let d = &mut a;
        add4(d, &b, true);
        // Saturated to 1 s: what the display and the poll use. A negative
        // delay (clock rate error on a short path) counts as zero.
        // (The checks are over: the sample is written as its fields are
        // known, none kept across the calls below.)
        let negative_delay = (d[3] as i16) < 0;
        self.last.delay = if negative_delay {
            0
        } else if d[2] | d[3] != 0 {
            u32::MAX
        } else {
            word32(d, 0)
        };
        self.last.at_ms = now_ms;
        self.stratum = stratum;
        self.last.server = meta.src;
        // (The offset computed in the sample.)
        self.last.offset = *d;
        let offset = &mut self.last.offset;
        shr1(offset);
        add4(offset, &b, false);
        // Within ±STEPT (< 2^31): the low word says it when the high words
        // only extend its sign.
        let low = word32(offset, 0) as i32;
        let small = fits_i32(offset);
        // (|low| by the clock's shared negation.)
        let magnitude = negated_if((low >> 16) as i16, low as u32) as u32;
        // (Beyond STEPT by 16-bit halves, each a branch: shorter than
        // LLVM's 32-bit comparison made into a `bool` on the target.)
        let stepped =
            !self.clock.is_set() || !small || time::less_than(STEP_THRESHOLD.0 as u32, magnitude);
        if stepped {
            // Step to T3 + delay / 2 = T4 + b + max(d, 0) / 2: right
            // whatever the clock read before (even decades off).
            if negative_delay {
                self.last.offset = b;
            }
            if self.clock.is_set() {
                // Something changed (server, path, our clock): watch closely.
                self.poll_up = 0;
                self.stable = 0;
            }
            // (The clock's words, read at `ticks` in `receive_outcome`,
            // stepped by the offset in place.)
            add4(self.clock.step_in_place(ticks), &self.last.offset, false);
            self.counters.steps = self.counters.steps.wrapping_add(1);
        } else {
            // Within ±STEPT: the clock's 32-bit slew (the clock read at
            // `ticks` already, in `receive_outcome`).
            self.clock.slew_small(ticks, low);
            // In 2^-16 s (16-bit: |low| < 2^30, delay < 2^32).
            self.adapt_poll((magnitude >> 16) as u16, (self.last.delay >> 16) as u16);
        }
        self.counters.accepted = self.counters.accepted.wrapping_add(1);
        Ok(stepped)
    }

    /// The poll interval doubles (up to [`MAX_POLL_LOG2`]), the count of
    /// stable offsets starts again (one copy for RATE and adapt_poll).
    #[inline(never)]
    fn double_interval(&mut self) {
        self.stable = 0;
        if self.poll_up < MAX_POLL_LOG2 - MIN_POLL_LOG2 {
            self.poll_up += 1;
        }
    }

    /// True while a request is outstanding (T1 not zero). Inlined in
    /// `try_send` and `accept`: a call of the out-of-line `is_zero` there
    /// is shorter than a call of a wrapper that negates its answer.
    #[inline(always)]
    fn outstanding(&self) -> bool {
        !is_zero(&self.t1)
    }

    /// One more request in a row without a reply: the backoff grows
    /// (RFC 4330 10). Out of line for its two callers.
    #[inline(never)]
    fn back_off(&mut self) {
        // (Capped where the interval stops growing: the interval needs no
        // limit of its own.)
        if self.losses < MAX_POLL_LOG2 - MIN_POLL_LOG2 {
            self.losses += 1;
        }
    }

    /// No request outstanding any more (T1 zero): one copy of the four
    /// word stores for its three callers.
    #[inline(never)]
    fn forget_request(&mut self) {
        self.t1 = [0; 4];
    }

    /// Poll interval adaptation: an offset (absolute value, 2^-16 s, at
    /// most 128 ms) within the measurement noise (1 ms plus half the
    /// delay, 2^-16 s) means the clock holds; two in a row double the
    /// interval. An offset four times that halves it.
    fn adapt_poll(&mut self, offset: u16, delay: u16) {
        let limit = (delay >> 1) + STABLE_OFFSET;
        if offset <= limit {
            self.stable += 1;
            if self.stable >= STABLE_TO_DOUBLE {
                self.double_interval();
            }
        } else if offset / UNSTABLE_FACTOR > limit {
            self.stable = 0;
            if self.poll_up != 0 {
                self.poll_up -= 1;
            }
        }
    }

    /// The synchronization state at `now_ms` (not before the last
    /// accepted reply, nor before the last [`SntpClient::poll_send`]), for
    /// the display.
    pub fn sync_state(&self, now_ms: u32) -> SyncState {
        if self.stratum == 0 {
            return SyncState::NeverSynced;
        }
        let s = &self.last;
        // Under 2^32 ms since `at_ms` when poll_send is called at least
        // every 2^31 ms; saturated at MAX_AGE_MS.
        let age = now_ms.wrapping_sub(s.at_ms);
        // (Sign and limit tested on 16-bit halves, each a branch: LLVM
        // makes 32-bit comparisons into long selects on the target.)
        let since = if ((age >> 16) as i16) < 0 {
            MAX_AGE_MS / 1000
        } else {
            age / 1000
        };
        // Within ±0.5 s (high word 0 or -1, the sign of the low word):
        // microseconds as NtpDuration::to_micros, whole seconds times 10^6
        // plus the fraction's, in 32 bits; beyond, whole seconds.
        let low = word32(&s.offset, 0);
        let high = word32(&s.offset, 2) as i32;
        let (offset_us, offset_s) = if fits_i32(&s.offset) {
            ((frac_micros(low) as i32).wrapping_sub(high & 1_000_000), 0)
        } else {
            (0, high)
        };
        let info = SyncInfo {
            offset_us,
            offset_s,
            delay_us: frac_micros(s.delay),
            stratum: self.stratum,
            server: s.server,
            since_s: since,
        };
        if !time::less_than(since, LOST_AFTER_S) {
            SyncState::Lost(info)
        } else {
            SyncState::Synced(info)
        }
    }
}

/// True when the root distance (RFC 5905 11.2.1), root delay / 2 plus
/// root dispersion (16.16 s), is [`MAX_ROOT_DISTANCE`] or more, on 16-bit
/// words: the fractions only carry into the seconds.
fn root_distance_too_long(h: &[u8; ntp::HEADER_LEN]) -> bool {
    // (Root delay and root dispersion, h[4..12], read as one 8-byte
    // field: the dispersion is the low half.)
    let [dispersion_f, dispersion_s, delay_f, delay_s] = be_words(h, 4);
    // Half the delay's fraction, with half its odd second, plus the
    // dispersion's fraction: the carry into whole seconds.
    let (_, carry) = dispersion_f.overflowing_add(delay_s << 15 | delay_f >> 1);
    let limit = (MAX_ROOT_DISTANCE.0 >> 16) as u16;
    // (Without a dispersion of MAXDISP already, the sum fits 16 bits.)
    dispersion_s >= limit || dispersion_s + (delay_s >> 1) + carry as u16 >= limit
}

/// The 32.32 timestamp at `h[at..at + 8]` (big-endian) as 16-bit words.
fn be_words(h: &[u8; ntp::HEADER_LEN], at: usize) -> Words<4> {
    // (One bounds test, then straight-line reads at fixed offsets.)
    let Some(b) = h.get(at..at + 8) else {
        return [0; 4];
    };
    // (A loop: shorter than four unrolled reads on the target.)
    let mut w = [0; 4];
    let mut i = 0;
    while i < 4 {
        w[3 - i] = u16::from_be_bytes([b[2 * i], b[2 * i + 1]]);
        i += 1;
    }
    w
}

/// True when the signed 64-bit value `w` fits 32 bits: its high words
/// both 0 or both 0xffff, as the sign of the low 32 bits. (Tested word by
/// word with an exclusive or for the sign: no 15-bit arithmetic shift
/// for a sign word, long on the target.)
fn fits_i32(w: &Words<4>) -> bool {
    w[3] == w[2] && w[2].wrapping_add(1) <= 1 && ((w[1] ^ w[2]) as i16) >= 0
}

/// True when the 64-bit value `w` is zero (one OR of the words, out of
/// line for T1 and the transmit timestamp, instead of a `memcmp` with a
/// zero array).
#[inline(never)]
fn is_zero(w: &Words<4>) -> bool {
    w[0] | w[1] | w[2] | w[3] == 0
}

/// A kiss code as two big-endian 16-bit words.
const fn kiss_words(code: [u8; 4]) -> [u16; 2] {
    [
        u16::from_be_bytes([code[0], code[1]]),
        u16::from_be_bytes([code[2], code[3]]),
    ]
}

/// Bit `i` of `mask`.
fn has_bit(mask: u8, i: usize) -> bool {
    mask & slot_bit(i) != 0
}

/// The mask bit of server slot `i` (0 to [`MAX_SERVERS`], the last a
/// pseudo slot): a table read, short enough inline, not a shift by a
/// variable count (a loop on the target).
fn slot_bit(i: usize) -> u8 {
    const BITS: [u8; 4] = [1, 2, 4, 8];
    BITS[i & 3]
}

/// `x += y`, or `x -= y` if `sub`, modulo 2^64.
#[inline(never)]
fn add4(x: &mut Words<4>, y: &Words<4>, sub: bool) {
    // x - y = x + !y + 1.
    let flip = if sub { u16::MAX } else { 0 };
    let mut carry = sub;
    for (x, y) in x.iter_mut().zip(y) {
        // (16-bit adds and their carries: no 32-bit sum.)
        let (s, c1) = x.overflowing_add(*y ^ flip);
        let (s, c2) = s.overflowing_add(carry as u16);
        *x = s;
        carry = c1 | c2;
    }
}

/// `x >>= 1`, keeping the sign (two's complement).
fn shr1(x: &mut Words<4>) {
    let mut high = x[3] & 0x8000;
    for w in x.iter_mut().rev() {
        let v = *w;
        *w = v >> 1 | high;
        // (Bit 0 to bit 15 as a negation and a mask: LLVM makes `v << 15`
        // into seven word additions on the target.)
        high = 0u16.wrapping_sub(v & 1) & 0x8000;
    }
}

/// `f` 2^-32 s in microseconds, rounded to nearest (ties up):
/// `(f * 10^6 + 2^31) >> 32`: the sum's words 2 and 3, no shift. By the
/// clock's multiply-accumulate (`mac`, in the image anyway) rather than
/// a 64-bit product: with the clock's two products done so too, the
/// library's 64-bit multiply (92 B) is not linked.
#[inline(never)]
fn frac_micros(f: u32) -> u32 {
    // 2^31 (word 1's top bit), plus f * 10^6 (0xf_4240).
    let mut v = [0, 1 << 15, 0, 0, 0];
    mac(&mut v, f, &[0x4240, 0xf, 0]);
    word32(&v, 2)
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
    use crate::clock::softclock::to_ntp;
    use crate::wire::ntp::{NtpDuration, NtpPacket, NtpRepr};
    use core::ops::Range;

    const SERVER: Ipv6Address = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 0x123]);
    const OTHER: Ipv6Address = Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x123]);
    const PORT: u16 = 50_000;
    /// 2036-02-07T06:28:15Z: the last second of NTP era 0.
    const LAST_ERA0: NtpTimestamp = NtpTimestamp(0xffff_ffff_0000_0000);

    fn ms(v: i32) -> NtpDuration {
        NtpDuration::from_micros(v * 1000)
    }

    /// A client at 1000 ticks per second with one server and a bound port.
    fn client() -> SntpClient {
        let mut c = SntpClient::new(SoftClock::new(1000), 7);
        c.set_servers(&[SERVER]);
        c.port = PORT;
        c
    }

    fn meta(src: Ipv6Address, src_port: u16, payload: Range<usize>) -> UdpMeta {
        UdpMeta {
            src,
            src_port,
            dst: Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 1]),
            dst_port: PORT,
            payload,
        }
    }

    fn reply(t1: NtpTimestamp, t2: NtpTimestamp, t3: NtpTimestamp) -> [u8; 48] {
        let r = NtpRepr {
            leap: LeapIndicator::NoWarning,
            version: 4,
            mode: Mode::Server,
            stratum: 2,
            poll: 4,
            precision: -20,
            root_delay: NtpShort::from_micros(1000),
            root_dispersion: NtpShort::from_micros(1000),
            ref_id: [192, 0, 2, 1],
            ref_timestamp: t2,
            orig_timestamp: t1,
            recv_timestamp: t2,
            xmit_timestamp: t3,
        };
        let mut b = [0u8; 48];
        r.emit(&mut NtpPacket::new_unchecked(&mut b[..])).unwrap();
        b
    }

    fn words(t: NtpTimestamp) -> Words<4> {
        let t = t.0;
        [
            t as u16,
            (t >> 16) as u16,
            (t >> 32) as u16,
            (t >> 48) as u16,
        ]
    }

    /// Sends a request at tick `t1_tick` (as poll_send does, without the
    /// interface) and returns its T1.
    fn ask(c: &mut SntpClient, t1_tick: u32) -> NtpTimestamp {
        let t1 = c.clock.now(t1_tick);
        c.t1 = words(t1);
        c.asked = c.current;
        t1
    }

    fn synced(c: &SntpClient, now_ms: u32) -> SyncInfo {
        match c.sync_state(now_ms) {
            SyncState::Synced(i) => i,
            s => panic!("{s:?}"),
        }
    }

    /// `deadline` gives the wait `poll_at` gives (by `time::until`):
    /// unscheduled, scheduled ahead or past, across the wrap and at 2^31.
    #[test]
    fn deadline_waits_as_poll_at() {
        use crate::time::until;
        let mut c = client();
        assert_eq!(c.deadline(5), c.poll_at(5));
        assert_eq!(c.deadline(5), Some(5));
        for base in [0u32, 16_000, u32::MAX - 100] {
            c.flags |= SCHEDULED;
            c.next_poll_ms = base;
            for e in [
                0u32,
                1,
                15_999,
                0x7fff_ffff,
                0x8000_0000,
                0x8000_0001,
                u32::MAX,
            ] {
                let now = base.wrapping_add(e);
                let (at, raw) = (c.poll_at(now).unwrap(), c.deadline(now).unwrap());
                assert!(at == raw || at == now, "{at} {raw} {now}");
                assert_eq!(until(now, raw), until(now, at), "{now} {raw} {at}");
            }
        }
        c.usable = 0;
        assert_eq!((c.deadline(5), c.poll_at(5)), (None, None));
    }

    #[test]
    fn unconfigured_is_zeros_and_configure_gives_new() {
        use crate::clock::softclock::tests::prints_as_zeros;
        use crate::iface::{Config, Interface};
        use crate::wire::MacAddress;
        let zero = SntpClient::UNCONFIGURED;
        let text = std::format!("{zero:?}");
        assert!(prints_as_zeros(&text), "{text}");
        assert!(!prints_as_zeros(&std::format!("{:?}", client())));
        // Safe to use: no server, never polls, not our port, not set.
        let mut c = zero.clone();
        let mut ifc: Interface = Interface::new(Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
        let mut buf = [0u8; 600];
        assert_eq!(c.poll_at(5000), None);
        assert_eq!(c.poll_send(&mut ifc, &mut buf, 5000, 100), None);
        assert!(!c.receive(&meta(SERVER, 123, 0..48), &[0; 48], 5000, 100));
        assert_eq!(c.sync_state(5000), SyncState::NeverSynced);
        assert_eq!(c.now(100), NtpTimestamp(0));
        assert_eq!(c.poll_interval_s(), 16);
        // configure() in place gives what new() gives, field for field.
        let new = SntpClient::new(SoftClock::new(32768), 9);
        let mut c = zero.clone();
        c.configure(SoftClock::new(32768), 9);
        assert_eq!(std::format!("{c:?}"), std::format!("{new:?}"));
        // Without the clearing, the clock built in place: the same.
        let mut fresh = zero.clone();
        fresh.configure_unconfigured(32768, 9);
        assert_eq!(std::format!("{fresh:?}"), std::format!("{new:?}"));
        // Over a used client: all reset but its port, released at the next
        // poll_send.
        let mut c = client();
        let t1 = ask(&mut c, 100);
        let t2 = NtpTimestamp::from_unix_micros(1_795_132_800, 0);
        assert!(c.receive(&meta(SERVER, 123, 0..48), &reply(t1, t2, t2), 5000, 104));
        c.configure(SoftClock::new(32768), 9);
        assert_eq!((c.port, c.flags), (PORT, 0));
        c.port = 0;
        assert_eq!(std::format!("{c:?}"), std::format!("{new:?}"));
    }

    #[test]
    fn slew_vectors_across_the_2036_era_change() {
        // Clock in era 0, server in era 1: T1 = 06:28:15.950 (era 0), 20 ms
        // each way, server 50 ms ahead: T2 = T3 = 06:28:16.020 (era 1),
        // T4 = 06:28:15.990 by our clock.
        let mut c = client();
        c.clock.step(0, LAST_ERA0);
        let t1 = ask(&mut c, 950);
        assert_eq!(t1.seconds(), 0xffff_ffff);
        let t2 = t1.wrapping_add(ms(20 + 50));
        assert_eq!(t2.seconds(), 0);
        let b = reply(t1, t2, t2);
        assert!(c.receive(&meta(SERVER, 123, 0..48), &b, 1000, 990));
        assert_eq!(c.counters.accepted, 1);
        let i = synced(&c, 1000);
        assert_eq!((i.offset_s, i.offset_us, i.delay_us), (0, 50_000, 40_000));
        assert_eq!(i.stratum, 2);
        assert_eq!(c.counters.steps, 0);
        assert_eq!(c.clock.pending_slew().to_micros(), 50_000);
        // 100 s later, the slew done: era 1, 50 ms ahead of the tick count.
        let t = c.now(100_990);
        assert_eq!(t.wrapping_sub(LAST_ERA0).to_micros(), 101_040_000);

        // The other way round: the clock in era 1, 50 ms ahead of a server
        // still in era 0.
        let mut c = client();
        c.clock.step(0, NtpTimestamp(0)); // 06:28:16 era 1
        let t1 = ask(&mut c, 10);
        let t2 = t1.wrapping_add(ms(20 - 50)); // 06:28:15.980, era 0
        assert_eq!(t2.seconds(), 0xffff_ffff);
        let t3 = t2.wrapping_add(ms(5)); // the server took 5 ms
        let b = reply(t1, t2, t3);
        assert!(c.receive(&meta(SERVER, 123, 0..48), &b, 1000, 55));
        let i = synced(&c, 1000);
        assert_eq!((i.offset_s, i.offset_us, i.delay_us), (0, -50_000, 40_000));
        assert_eq!(c.clock.pending_slew().to_micros(), -50_000);
    }

    /// The offset for the display in two 32-bit fields: microseconds
    /// within ±0.5 s, whole seconds (rounded down) beyond, the other 0.
    #[test]
    fn sync_state_offset_microseconds_or_whole_seconds() {
        // `v` and a half seconds: clear of the measurement's rounding.
        let s = |v: i64| NtpDuration((v << 32) + (1 << 31));
        for (offset, want) in [
            (ms(0), (0, 0)),
            (ms(100), (0, 100_000)),
            (ms(-100), (0, -100_000)),
            (ms(499), (0, 499_000)),
            (ms(-499), (0, -499_000)),
            // Just inside ±0.5 s (2^31 2^-32 s), 1 µs (4295 2^-32 s) less.
            (NtpDuration((1 << 31) - 4295), (0, 499_999)),
            (NtpDuration(4295 - (1 << 31)), (0, -499_999)),
            // Beyond: whole seconds rounded down, the microseconds 0.
            (NtpDuration((1 << 31) + 4295), (0, 0)),
            (NtpDuration(-(1 << 31) - 4295), (-1, 0)),
            (ms(700), (0, 0)),
            (ms(-700), (-1, 0)),
            (ms(1_500), (1, 0)),
            (ms(-1_500), (-2, 0)),
            (s(2_147), (2_147, 0)),
            (s(-2_148), (-2_148, 0)),
            (s(i32::MAX as i64), (i32::MAX, 0)),
            (s(i32::MIN as i64), (i32::MIN, 0)),
        ] {
            let mut c = client();
            c.clock.step(0, NtpTimestamp::new(1 << 31, 0));
            // 10 ms each way: the offset as given.
            let t1 = ask(&mut c, 1000);
            let t2 = t1.wrapping_add(ms(10)).wrapping_add(offset);
            assert!(c.receive(&meta(SERVER, 123, 0..48), &reply(t1, t2, t2), 2000, 1020));
            let i = synced(&c, 2000);
            assert_eq!((i.offset_s, i.offset_us), want, "{offset:?}");
            assert_eq!(i.delay_us, 20_000);
        }
    }

    #[test]
    fn first_sync_steps_across_the_era_whatever_the_clock_read() {
        // The clock never set reads about 0 (1900, or 2036 era 1); the
        // server says 2026 (era 0): the offset overflows 2^31 s but the
        // step goes to T3 + delay / 2.
        let mut c = client();
        let t1 = ask(&mut c, 3000);
        let t2 = NtpTimestamp::from_unix_micros(1_795_132_800, 0);
        let b = reply(t1, t2, t2.wrapping_add(ms(1)));
        assert_eq!(
            c.receive_outcome(&meta(SERVER, 123, 0..48), &b, 9000, 3042),
            Some(Outcome::Accepted { stepped: true })
        );
        assert!(c.clock.is_set());
        assert_eq!(c.counters.steps, 1);
        // Delay 42 - 1 = 41 ms; T4 = T3 + 20.5 ms.
        assert_eq!(synced(&c, 9000).delay_us, 41_000);
        let t4 = c.now(3042);
        assert_eq!(t4.wrapping_sub(t2).to_micros(), 21_500);
        assert_eq!(t4.unix_secs_near(1_700_000_000), 1_795_132_800);
        // And a later reply 10 minutes past the era change slews.
        let mut c = client();
        c.clock.step(0, NtpTimestamp::new(600, 0));
        let t1 = ask(&mut c, 1000);
        let t2 = t1.wrapping_add(ms(10 - 100));
        let b = reply(t1, t2, t2);
        assert!(c.receive(&meta(SERVER, 123, 0..48), &b, 9000, 1020));
        assert_eq!(synced(&c, 9000).offset_us, -100_000);
        assert_eq!(c.counters.steps, 0);
        // 200 ms off: stepped. (The clock still slews the -100 ms at
        // 500 ppm: 10 µs over the 20 ms of the exchange.)
        let t1 = ask(&mut c, 20_000);
        let t2 = t1.wrapping_add(ms(10 + 200));
        let b = reply(t1, t2, t2);
        assert!(c.receive(&meta(SERVER, 123, 0..48), &b, 29_000, 20_020));
        assert_eq!(c.counters.steps, 1);
        let off = synced(&c, 29_000).offset_us;
        assert!((off - 200_000).abs() <= 10, "{off}");
        assert_eq!(c.clock.pending_slew().0, 0);
        // Stepped to T3 + delay / 2 (the delay measured 19.99 ms).
        let t4 = c.now(20_020);
        assert_eq!(t4.wrapping_sub(t2).to_micros(), 9_995);
    }

    /// RFC 5905 11.3: an offset beyond STEPT steps the clock, one within
    /// it (boundary included) slews. Offsets around ±STEPT, a few 2^-32 s
    /// apart: each verdict follows the offset the client computed (read
    /// from its sample, so the exchange's rounding does not matter), and
    /// both verdicts occur on each side.
    #[test]
    fn step_threshold_boundary_steps_beyond_and_slews_at_it() {
        for sign in [1i64, -1] {
            let (mut slewed, mut stepped) = (0, 0);
            for k in -6i64..=6 {
                let mut c = client();
                c.clock.step(0, NtpTimestamp::new(1 << 31, 0));
                // 10 ms each way, the server `offset` ahead.
                let offset = NtpDuration(sign * (STEP_THRESHOLD.0 + k));
                let t1 = ask(&mut c, 1000);
                let t2 = t1.wrapping_add(ms(10)).wrapping_add(offset);
                let outcome =
                    c.receive_outcome(&meta(SERVER, 123, 0..48), &reply(t1, t2, t2), 2000, 1020);
                let computed = to_ntp(&c.last.offset).0 as i64;
                assert!((computed - offset.0).abs() <= 2, "{k}: {computed}");
                let beyond = computed.abs() > STEP_THRESHOLD.0;
                assert_eq!(
                    outcome,
                    Some(Outcome::Accepted { stepped: beyond }),
                    "offset {computed} (k {k}, sign {sign})"
                );
                assert_eq!(c.counters.steps, beyond as u16);
                if beyond {
                    stepped += 1;
                    assert_eq!(c.clock.pending_slew().0, 0);
                } else {
                    slewed += 1;
                    // (The slew as the clock holds it: within 1 µs.)
                    let pending = c.clock.pending_slew().0;
                    assert!((pending - computed).abs() < 4295, "{pending} {computed}");
                }
            }
            assert!(slewed >= 5 && stepped >= 5, "{slewed} {stepped}");
        }
    }

    #[test]
    fn other_ports_are_not_ours_and_every_rejection_is_counted() {
        let mut c = client();
        c.clock.step(0, NtpTimestamp::new(3_900_000_000, 0));
        let t1 = ask(&mut c, 100);
        let good = reply(t1, t1.wrapping_add(ms(5)), t1.wrapping_add(ms(5)));
        let mut m = meta(SERVER, 123, 0..48);
        m.dst_port = 53;
        assert!(!c.receive(&m, &good, 0, 110));
        assert_eq!(c.receive_outcome(&m, &good, 0, 110), None);
        assert_eq!(c.counters.rejected.iter().sum::<u16>(), 0);
        // Each bad variant is ours and rejected, the request outstanding.
        // (reason, byte, xor): broadcast mode, version 0, origin.
        let cases = [
            (Reject::BadMode, 0, 0x24 ^ 0x25),
            (Reject::BadVersion, 0, 0x24 ^ 0x04),
            (Reject::BadOrigin, 31, 1),
        ];
        for (reason, at, xor) in cases {
            let mut b = good;
            b[at] ^= xor;
            assert!(c.receive(&meta(SERVER, 123, 0..48), &b, 0, 110));
            assert_eq!(c.counters.rejected(reason), 1, "{reason:?}");
        }
        assert_eq!(
            c.receive_outcome(&meta(OTHER, 123, 0..48), &good, 0, 110),
            Some(Outcome::Rejected(Reject::WrongSource))
        );
        assert!(c.receive(&meta(SERVER, 1123, 0..48), &good, 0, 110));
        assert_eq!(c.counters.rejected(Reject::WrongSource), 2);
        assert!(c.receive(&meta(SERVER, 123, 0..47), &good[..47], 0, 110));
        assert_eq!(c.counters.rejected(Reject::Truncated), 1);
        assert_eq!(c.t1, words(t1));
        // A longer reply (extension field, MAC) is fine; then the same
        // reply again is a duplicate.
        let mut long = [0u8; 68];
        long[..48].copy_from_slice(&good);
        assert_eq!(
            c.receive_outcome(&meta(SERVER, 123, 0..68), &long, 0, 110),
            Some(Outcome::Accepted { stepped: false })
        );
        assert_eq!(c.counters.accepted, 1);
        assert!(c.receive(&meta(SERVER, 123, 0..48), &good, 0, 110));
        assert_eq!(c.counters.rejected(Reject::NotExpected), 1);
        assert_eq!(c.counters.accepted, 1);
    }

    #[test]
    fn version_and_mode_checks_for_every_first_byte() {
        // RFC 4330 5: versions 1 to 4; mode 4 (server); the version is
        // tested first. Every value of the version and mode bits.
        for first in 0u8..0x40 {
            let mut c = client();
            c.clock.step(0, NtpTimestamp::new(3_900_000_000, 0));
            let t1 = ask(&mut c, 100);
            let mut b = reply(t1, t1.wrapping_add(ms(5)), t1.wrapping_add(ms(5)));
            b[0] = first;
            let (version, mode) = (first >> 3, first & 7);
            let expected = if !(1..=4).contains(&version) {
                Outcome::Rejected(Reject::BadVersion)
            } else if mode != 4 {
                Outcome::Rejected(Reject::BadMode)
            } else {
                Outcome::Accepted { stepped: false }
            };
            let got = c.receive_outcome(&meta(SERVER, 123, 0..48), &b, 0, 110);
            assert_eq!(got, Some(expected), "first byte {first:#04x}");
        }
    }

    #[test]
    fn server_list_keeps_state_across_refreshes() {
        let a = Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xa]);
        let b = Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xb]);
        let d = Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xd]);
        let mut c = SntpClient::new(SoftClock::new(32768), 1);
        assert_eq!(c.poll_at(0), None);
        c.set_servers(&[
            a,
            a,
            Ipv6Address::UNSPECIFIED,
            Ipv6Address::ALL_NODES,
            b,
            d,
            SERVER,
        ]);
        assert_eq!(c.servers, [a, b, d]);
        // At once, whatever the clock reads.
        for now in [0, 1 << 31, u32::MAX - 5] {
            assert_eq!(c.poll_at(now), Some(now));
        }
        assert!(!c.add_server(SERVER)); // full
        assert!(!c.add_server(Ipv6Address::ALL_NODES));
        // b denied us and is polled... no: b denied, d is current.
        c.usable = 0b101;
        c.current = 2;
        c.t1 = [5, 0, 0, 0];
        c.asked = 2;
        c.set_servers(&[d, b]);
        assert_eq!(c.servers[..2], [d, b]);
        assert_eq!(c.usable, 0b001); // b kept its DENY
        assert_eq!(c.server(), Some(d));
        // d moved to slot 0: its reply is still expected.
        assert_eq!((c.t1, c.asked), ([5, 0, 0, 0], 0));
        c.set_servers(&[b]);
        assert_eq!(c.t1, [0; 4]); // d left: nothing more expected
        assert_eq!(c.server(), None);
        assert_eq!(c.poll_at(0), None);
        assert!(c.add_server(a));
        c.next_server();
        assert_eq!(c.server(), Some(a));
    }

    #[test]
    fn refresh_follows_the_polled_and_the_asked_server_apart() {
        let a = Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xa]);
        let b = Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xb]);
        let d = Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xd]);
        let mut c = SntpClient::new(SoftClock::new(32768), 1);
        c.set_servers(&[a, b, d]);
        // b polled next, the last request went to d, a retired (as after
        // two requests to d went unanswered: nothing outstanding).
        c.usable = 0b110;
        (c.current, c.asked) = (1, 2);
        c.set_servers(&[d, a, b]);
        assert_eq!(c.servers, [d, a, b]);
        assert_eq!(c.usable, 0b101);
        assert_eq!((c.current, c.server()), (2, Some(b)));
        assert_eq!(c.asked, 0);
        // Neither listed any more: slot 0 polled.
        c.set_servers(&[a]);
        assert_eq!((c.current, c.server()), (0, None));
    }

    #[test]
    fn poll_interval_adapts_and_backs_off() {
        let mut c = client();
        let d = (ms(4).0 >> 16) as u16;
        let ms = |v: i32| (ms(v).0.unsigned_abs() >> 16) as u16;
        assert_eq!(c.poll_interval_s(), 16);
        for expect in [16, 32, 32, 64] {
            c.adapt_poll(ms(1), d);
            assert_eq!(c.poll_interval_s(), expect);
        }
        // A larger offset, but within 4 times the limit: no change.
        c.adapt_poll(ms(-8), d);
        assert_eq!(c.poll_interval_s(), 64);
        c.adapt_poll(ms(-13), d);
        assert_eq!(c.poll_interval_s(), 32);
        for _ in 0..40 {
            c.adapt_poll(0, d);
        }
        assert_eq!(c.poll_interval_s(), 1024);
        for _ in 0..40 {
            c.adapt_poll(ms(100), d);
        }
        assert_eq!(c.poll_interval_s(), 16);
        // Backoff: 16 s doubled per loss, at most 1024 s, even after 255.
        c.poll_up = 7 - MIN_POLL_LOG2;
        let mut lost = 0;
        for (losses, s) in [(1u8, 32u32), (2, 64), (6, 1024), (255, 1024)] {
            while lost < losses {
                c.back_off();
                lost += 1;
            }
            assert_eq!(c.poll_interval_s(), s);
        }
    }

    #[test]
    fn sync_state_for_the_display() {
        let mut c = client();
        assert_eq!(c.sync_state(5000), SyncState::NeverSynced);
        let t1 = ask(&mut c, 100);
        let t2 = NtpTimestamp::from_unix_micros(1_795_132_800, 0);
        assert!(c.receive(&meta(SERVER, 123, 0..48), &reply(t1, t2, t2), 5000, 104));
        let i = synced(&c, 5000 + 59_999);
        assert_eq!(i.since_s, 59);
        assert_eq!(i.server, SERVER);
        // The clock read 0.104 s (NTP seconds 0: 2036 in era 1), the server
        // 2026 (NTP 4,004,121,600 s in era 0), the path 4 ms: stepped by
        // -290,845,696.102 s (modulo 2^32 s), whole seconds rounded down.
        assert_eq!((i.offset_s, i.offset_us), (-290_845_697, 0));
        assert_eq!(i.delay_us, 4000);
        let lost = 5000 + LOST_AFTER_S * 1000;
        assert_eq!(
            c.sync_state(lost),
            SyncState::Lost(SyncInfo {
                since_s: LOST_AFTER_S,
                ..i
            })
        );
        assert_eq!(synced(&c, lost - 1).since_s, LOST_AFTER_S - 1);
    }

    /// Polls with `poll_send` (nothing to send: no server) from `start`
    /// every `step` ms for `steps` steps.
    fn idle_polls(c: &mut SntpClient, start: u32, step: u32, steps: u32) -> u32 {
        use crate::iface::{Config, Interface};
        use crate::wire::MacAddress;
        let mut ifc: Interface = Interface::new(Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
        let mut buf = [0u8; 600];
        let mut now = start;
        for _ in 0..steps {
            now = now.wrapping_add(step);
            assert_eq!(c.poll_send(&mut ifc, &mut buf, now, 0), None);
        }
        now
    }

    #[test]
    fn sync_age_counts_and_saturates_across_the_millisecond_wrap() {
        // Synchronized 10 s before the u32 millisecond clock wraps.
        let start = u32::MAX - 9_999;
        let mut c = client();
        let t1 = ask(&mut c, 100);
        let t2 = NtpTimestamp::from_unix_micros(1_795_132_800, 0);
        assert!(c.receive(&meta(SERVER, 123, 0..48), &reply(t1, t2, t2), start, 104));
        assert_eq!(synced(&c, start.wrapping_add(20_000)).since_s, 20);
        let lost = start.wrapping_add(LOST_AFTER_S * 1000);
        assert_eq!(synced(&c, lost.wrapping_sub(1)).since_s, LOST_AFTER_S - 1);
        let SyncState::Lost(i) = c.sync_state(lost) else {
            panic!()
        };
        assert_eq!(i.since_s, LOST_AFTER_S);
        // The server is gone; the application calls poll_send every hour
        // (nothing to send): the age is counted up to 24.8 days, then
        // stays there, across two more wraps of the clock in 100 days,
        // and the state never reads as synchronized again.
        c.set_servers(&[]);
        let max_age_s = 2_147_483;
        let mut now = start;
        for hour in 1..=2400u32 {
            now = idle_polls(&mut c, now, 3_600_000, 1);
            let SyncState::Lost(i) = c.sync_state(now) else {
                panic!("hour {hour}: {:?}", c.sync_state(now))
            };
            assert_eq!(i.since_s, (hour * 3600).min(max_age_s), "hour {hour}");
            // Between two polls too.
            for later in [1_800_000, 3_599_999] {
                let SyncState::Lost(i) = c.sync_state(now.wrapping_add(later)) else {
                    panic!()
                };
                assert_eq!(i.since_s, (hour * 3600 + later / 1000).min(max_age_s));
            }
        }
        // Polled only every 20 days (2^31 ms is 24.8 days): still
        // saturated, never wrapped.
        for _ in 0..10 {
            now = idle_polls(&mut c, now, 20 * 86_400_000, 1);
            for later in [0, 10 * 86_400_000, 20 * 86_400_000 - 1] {
                let SyncState::Lost(i) = c.sync_state(now.wrapping_add(later)) else {
                    panic!()
                };
                assert_eq!(i.since_s, max_age_s);
            }
        }
        // A new sample starts the count again.
        c.set_servers(&[SERVER]);
        let t1 = ask(&mut c, 200);
        assert!(c.receive(&meta(SERVER, 123, 0..48), &reply(t1, t2, t2), now, 204));
        assert_eq!(synced(&c, now.wrapping_add(5_000)).since_s, 5);
    }

    #[test]
    fn microseconds_of_a_fraction_round_like_ntp_duration() {
        let mut f = 0u32;
        for step in [1u32, 3, 4294, 4295, 65_537, 1_000_003] {
            for k in 0..2000u32 {
                f = f.wrapping_add(step.wrapping_mul(k | 1));
                for v in [f, u32::MAX - f, step * k] {
                    let want = NtpDuration(v as i64).to_micros();
                    assert_eq!(frac_micros(v) as i64, want, "{v}");
                }
            }
        }
        // Half a microsecond is 2147.48 units of 2^-32 s.
        assert_eq!(frac_micros(2147), 0);
        assert_eq!(frac_micros(2148), 1);
        assert_eq!(frac_micros(u32::MAX), 1_000_000);
    }

    /// `frac_micros` against the exact value in 128 bits, rounded half up:
    /// both ends, a stride through the range, and every exact tie (f * 10^6
    /// a half unit of 2^32: f an odd multiple of 2^25, 64 of them) and its
    /// neighbours. (Checked exhaustively over all 2^32 values once, outside
    /// the tests: no difference.)
    #[test]
    fn microseconds_of_a_fraction_are_exactly_rounded() {
        let exact = |f: u32| {
            let n = u128::from(f) * 1_000_000;
            ((n >> 32) + u128::from(n as u32 >= 1 << 31)) as u32
        };
        let ties = (0..64u32).map(|k| (2 * k + 1) << 25);
        let near_ties = ties.flat_map(|t| [t - 2, t - 1, t, t + 1, t + 2]);
        let values = (0..=u32::MAX)
            .step_by(65_521)
            .chain([0, 1, 2147, 2148, u32::MAX - 1, u32::MAX])
            .chain(near_ties);
        for f in values {
            assert_eq!(frac_micros(f), exact(f), "{f}");
        }
        // A tie rounds up: 2^25 is 7812.5 us.
        assert_eq!(frac_micros(1 << 25), 7813);
        assert_eq!(frac_micros((1 << 25) - 1), 7812);
    }

    #[test]
    fn root_distance_limit_is_exact() {
        let mut r = crate::iface::Rng::new(5);
        // (2 and 0x000f_ffff, 0x0001_0000 and 0x000f_8000: the limit
        // reached by the fraction's carry, once from the delay's odd
        // second.)
        let edges = [
            0,
            1,
            2,
            0x0001_0000,
            0x000f_8000,
            0x000f_ffff,
            0x0010_0000,
            0x001f_ffff,
            0x0020_0000,
            u32::MAX,
        ];
        for i in 0..20_000 {
            let (delay, dispersion) = if i < 100 {
                (edges[i % 10], edges[i / 10])
            } else {
                (r.next_u32() >> (i % 17), r.next_u32() >> (i % 19))
            };
            let mut h = [0u8; 48];
            h[4..8].copy_from_slice(&delay.to_be_bytes());
            h[8..12].copy_from_slice(&dispersion.to_be_bytes());
            let exact = (delay as u64 + 2 * dispersion as u64) >> 17;
            assert_eq!(
                root_distance_too_long(&h),
                exact >= 16,
                "{delay:x} {dispersion:x}"
            );
        }
    }

    #[test]
    fn word_arithmetic_is_64_bit_arithmetic() {
        let mut r = crate::iface::Rng::new(3);
        let mut v = || (r.next_u32() as u64) << 32 | r.next_u32() as u64;
        for _ in 0..10_000 {
            let (x, y) = (v(), v());
            let (wx, wy) = (words(NtpTimestamp(x)), words(NtpTimestamp(y)));
            let mut s = wx;
            add4(&mut s, &wy, false);
            assert_eq!(to_ntp(&s).0, x.wrapping_add(y));
            let mut s = wx;
            add4(&mut s, &wy, true);
            assert_eq!(to_ntp(&s).0, x.wrapping_sub(y));
            let mut s = wx;
            shr1(&mut s);
            assert_eq!(to_ntp(&s).0, ((x as i64) >> 1) as u64);
            let mut h = [0u8; 48];
            h[40..].copy_from_slice(&x.to_be_bytes());
            assert_eq!(be_words(&h, 40), wx);
        }
    }

    #[test]
    fn fits_i32_is_a_sign_extension_test() {
        let edges = [
            0u64,
            1,
            0x7fff_ffff,
            0x8000_0000,
            0xffff_ffff,
            0x1_0000_0000,
            0x1_7fff_ffff,
            0xffff_0000_7fff_ffff,
            0xffff_ffff_7fff_ffff,
            0xffff_ffff_8000_0000,
            0xffff_fffe_8000_0000,
            0x0000_ffff_8000_0000,
            0xffff_0000_8000_0000,
            u64::MAX,
        ];
        let mut r = crate::iface::Rng::new(7);
        for i in 0..10_000 {
            let x = match edges.get(i) {
                Some(&e) => e,
                // Random high words of the kinds that matter.
                None => {
                    let high = [0, u32::MAX, r.next_u32(), r.next_u32() & 0xffff][i % 4];
                    (high as u64) << 32 | r.next_u32() as u64
                }
            };
            let expected = x as i64 == x as i32 as i64;
            assert_eq!(fits_i32(&words(NtpTimestamp(x))), expected, "{x:#x}");
        }
    }

    #[test]
    fn kiss_codes() {
        let mut c = SntpClient::new(SoftClock::new(1000), 3);
        c.set_servers(&[SERVER, OTHER]);
        c.port = PORT;
        let mut forgeries = 0;
        for (code, reason) in [
            (*b"RATE", Reject::KissRate),
            (*b"RSTR", Reject::KissDeny),
            (*b"DENY", Reject::KissDeny),
        ] {
            let from = c.servers[c.current as usize];
            let t1 = ask(&mut c, 100);
            let mut b = reply(t1, t1, t1);
            b[1] = 0;
            b[12..16].copy_from_slice(&code);
            // A kiss with a wrong origin is a forgery: ignored.
            let mut forged = b;
            forged[30] ^= 1;
            assert!(c.receive(&meta(from, 123, 0..48), &forged, 1000, 110));
            forgeries += 1;
            assert_eq!(c.counters.rejected(Reject::BadOrigin), forgeries);
            assert_eq!(c.t1, words(t1));
            assert!(c.receive(&meta(from, 123, 0..48), &b, 1000, 110));
            assert!(c.counters.rejected(reason) >= 1);
        }
        // RATE on SERVER: 32 s, moved to OTHER; RSTR from OTHER: back to
        // SERVER; DENY from SERVER: none left.
        assert_eq!(c.poll_up, 1);
        assert_eq!(c.usable, 0); // both retired
        assert_eq!(c.server(), None);
        assert_eq!(c.poll_at(1000), None);
        assert!(!c.clock.is_set());
    }

    /// A request that could not go out (no neighbor or no source address
    /// yet: `send_udp` said not now) leaves nothing outstanding: a reply
    /// carrying the T1 it would have had is one nobody waits for.
    #[test]
    fn a_request_not_sent_is_not_outstanding() {
        use crate::iface::{Config, Interface};
        use crate::wire::MacAddress;
        let mut c = client();
        let mut ifc: Interface = Interface::new(Config::new(MacAddress([2, 0, 0, 0, 0, 1])));
        let mut buf = [0u8; 600];
        // Due at once; the interface has no usable address or neighbor.
        let sent = c.poll_send(&mut ifc, &mut buf, 5000, 100);
        assert_eq!(sent, None);
        assert!(!c.outstanding());
        // The request built in the buffer: its transmit timestamp is the
        // T1 the reply would echo, to the port the request was built for.
        let off = ifc.udp_payload_offset();
        let request = NtpPacket::new_checked(&buf[off..off + 48]).unwrap();
        let t1 = request.xmit_timestamp();
        assert_ne!(t1, NtpTimestamp(0));
        assert_ne!(c.port, 0);
        let t2 = NtpTimestamp::from_unix_micros(1_795_132_800, 0);
        let mut m = meta(SERVER, 123, 0..48);
        m.dst_port = c.port;
        let outcome = c.receive_outcome(&m, &reply(t1, t2, t2), 5000, 104);
        assert_eq!(outcome, Some(Outcome::Rejected(Reject::NotExpected)));
        assert!(!c.clock.is_set());
    }

    #[test]
    fn a_late_reply_after_a_failover_is_not_expected() {
        let mut c = SntpClient::new(SoftClock::new(1000), 3);
        c.set_servers(&[SERVER, OTHER]);
        c.port = PORT;
        let t1 = ask(&mut c, 100);
        let mut kiss = reply(t1, t1, t1);
        kiss[1] = 0;
        kiss[12..16].copy_from_slice(&ntp::KISS_DENY);
        let m = meta(SERVER, 123, 0..48);
        let outcome = c.receive_outcome(&m, &kiss, 1000, 110);
        assert_eq!(outcome, Some(Outcome::Rejected(Reject::KissDeny)));
        assert_eq!(c.server(), Some(OTHER));
        // The answer from the server asked, after the failover: a reply
        // nobody waits for any more, not a stranger's.
        let late = reply(t1, t1, t1);
        let outcome = c.receive_outcome(&m, &late, 1000, 110);
        assert_eq!(outcome, Some(Outcome::Rejected(Reject::NotExpected)));
    }

    #[test]
    fn kiss_codes_one_byte_off_are_other_kisses() {
        for code in [ntp::KISS_DENY, ntp::KISS_RSTR, ntp::KISS_RATE] {
            for at in 0..4 {
                let mut c = client();
                let t1 = ask(&mut c, 100);
                let mut b = reply(t1, t1, t1);
                b[1] = 0;
                b[12..16].copy_from_slice(&code);
                b[12 + at] ^= 0x01;
                let outcome = c.receive_outcome(&meta(SERVER, 123, 0..48), &b, 1000, 110);
                assert_eq!(outcome, Some(Outcome::Rejected(Reject::KissOther)));
                // Not retired, interval unchanged.
                assert_eq!((c.server(), c.poll_interval_s()), (Some(SERVER), 16));
            }
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;
        use std::vec::Vec;

        proptest! {
            /// Arbitrary datagrams to our port, and mutations of a genuine
            /// reply: never a panic; each one counted exactly once (accepted
            /// or rejected); accepted only when every check holds; a
            /// forgery leaves the request outstanding; a copy is never
            /// accepted.
            #[test]
            fn datagrams_never_panic_and_are_counted(
                junk in proptest::collection::vec(any::<u8>(), 0..80),
                flips in proptest::collection::vec((0usize..48, any::<u8>()), 0..4),
                from_server in any::<bool>(),
                src_port in prop_oneof![Just(123u16), any::<u16>()],
                use_junk in any::<bool>(),
            ) {
                let mut c = client();
                c.clock.step(0, NtpTimestamp::new(3_900_000_000, 0));
                let t1 = ask(&mut c, 1000);
                let t2 = t1.wrapping_add(ms(7));
                let b: Vec<u8> = if use_junk {
                    junk
                } else {
                    let mut b = reply(t1, t2, t2).to_vec();
                    for (at, x) in flips {
                        b[at] ^= x;
                    }
                    b
                };
                let src = if from_server { SERVER } else { OTHER };
                let m = meta(src, src_port, 0..b.len());
                prop_assert!(c.receive(&m, &b, 2000, 1010));
                let n = c.counters;
                let total = n.accepted as u32 + n.rejected.iter().map(|&v| v as u32).sum::<u32>();
                prop_assert_eq!(total, 1);
                if n.accepted == 1 {
                    prop_assert!(from_server && src_port == 123 && b.len() >= 48);
                    prop_assert_eq!(&b[24..32], &t1.0.to_be_bytes()[..]);
                    prop_assert_eq!(c.t1, [0; 4]);
                    let p = NtpPacket::new_checked(&b[..]).unwrap();
                    prop_assert!(p.stratum() >= 1 && p.stratum() <= 15);
                    prop_assert!(p.mode() == Mode::Server);
                } else if n.rejected(Reject::BadOrigin) == 1 || n.rejected(Reject::WrongSource) == 1 {
                    // A forgery does not cancel the request.
                    prop_assert_eq!(c.t1, words(t1));
                }
                // A second copy is never accepted.
                c.receive(&m, &b, 2000, 1010);
                prop_assert!(c.counters.accepted <= 1);
            }
        }
    }
}
