//! The display clock's application: one code path for the MSP430 firmware
//! and the host runner (`host-runner --clock`). The platform is a thin
//! layer around [`ClockApp`]: it owns the frame buffer, moves frames
//! between the buffer and its link, reads its monotonic millisecond clock
//! and its free-running tick counter, draws [`ScreenText`] and prints the
//! event lines.
//!
//! [`ClockApp`] composes the stack's parts:
//!
//! * the IPv6 node ([`Interface`]): SLAAC address, router and DNS servers
//!   learned from Router Advertisements (RFC 4861, 4862, 8106);
//! * the AAAA stub resolver ([`dns::RdnssResolver`]: servers from the
//!   Router Advertisements only): the NTP server's name is looked up as
//!   soon as a DNS server is known, again when the answer's TTL runs
//!   out (at most every [`DNS_REFRESH_MS`]), and after a failure every
//!   [`DNS_RETRY_MS`];
//! * the SNTP client ([`SntpClient`]) with its software clock, fed the
//!   resolved addresses;
//! * a POSIX TZ rule ([`Tz`]) for the local time shown;
//! * the message service: a UDP datagram to [`MESSAGE_PORT`] is shown on
//!   the display for [`MESSAGE_SHOW_MS`] and answered with `ACK\n` (the
//!   classic netcat demo: `echo hello | nc -6u -q1 <address> 5000`);
//! * three screens ([`Screen`]) cycled by a button.
//!
//! # Driving it
//!
//! ```
//! use clock_app::{AppConfig, ClockApp};
//! use microip6::clock::Tz;
//! use microip6::wire::MacAddress;
//!
//! let mut config = AppConfig::new(MacAddress([2, 0, 0, 0, 0, 0x42]), 0x5eed);
//! config.ntp_server_name = "pool.ntp.org";
//! // A zone known at build time, parsed by the compiler:
//! static CET: Tz = match Tz::parse("CET-1CEST,M3.5.0,M10.5.0/3") {
//!     Ok(tz) => tz,
//!     Err(_) => panic!("bad TZ"),
//! };
//! config.tz = &CET;
//! config.tick_hz = 32768;
//! let mut app = ClockApp::new(config);
//! let mut frame = [0u8; 600];
//! // The platform's monotonic milliseconds, wrapping u32, and its ticks.
//! let (now_ms, ticks) = (0u32, 0u32);
//! // A frame arrived in `frame[..len]`:
//! //     if let Some(n) = app.receive(&mut frame, len, now_ms, ticks) { send(&frame[..n]) }
//! // Then the node's, the resolver's and the NTP client's traffic:
//! while let Some(n) = app.poll(&mut frame, now_ms, ticks) {
//!     // send(&frame[..n]);
//!     # assert!(n > 0);
//! }
//! // Log lines for the console:
//! while let Some(event) = app.poll_event() {
//!     let mut line = [0u8; clock_app::EVENT_LINE];
//!     let _n = app.event_text(&event, &mut line);
//! }
//! // Once a second, the display:
//! let text = app.screen(now_ms, ticks);
//! assert_eq!(text.line(0), b"--:--:--");
//! // Sleep until the next deadline, a frame or a button.
//! let _wait_ms = app.poll_in(now_ms);
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod text;

use core::num::{NonZeroU32, NonZeroU8};

use microip6::clock::calendar::{fields_from_unix, NTP_UNIX_OFFSET};
use microip6::clock::softclock::negated_if;
use microip6::clock::tz::Tz;
use microip6::dns::{self, Failure};
use microip6::iface::{self, DropReason, Event, Interface, Received, UdpMeta};
use microip6::sntp::{self, SntpClient, SyncInfo, SyncState};
// (`after`: the stack's one out-of-line wrapping 32-bit addition; its
// timers use it too.)
use microip6::time::{self, after};
use microip6::wire::ntp::NtpTimestamp;
use microip6::wire::{Ipv6Address, MacAddress};
use text::TextBuf;

/// The UDP port of the message service.
pub const MESSAGE_PORT: u16 = 5000;
/// How long a message stays on the display.
pub const MESSAGE_SHOW_MS: u32 = 5_000;
/// Message bytes kept (two display lines).
pub const MESSAGE_LEN: usize = 2 * COLS;
/// Characters per display line (128 pixels, 6-pixel glyph advance).
pub const COLS: usize = 21;
/// Lines of a screen: line 0 is meant to be drawn twice as large (two
/// 8-pixel pages), lines 1 to 6 take one page each.
pub const ROWS: usize = 7;
/// A buffer of this size holds every event line of [`ClockApp::event_text`].
pub const EVENT_LINE: usize = 128;
/// The NTP server's name is looked up again at most this often, whatever
/// the TTL (dnsmasq answers its local records with a TTL of 0).
pub const DNS_REFRESH_MS: u32 = 600_000;
/// After a failed lookup, the next one starts this much later.
pub const DNS_RETRY_MS: u32 = 10_000;
/// Retry pace of an acknowledgement that cannot go yet (neighbor
/// resolution).
const ACK_RETRY_MS: u32 = 100;
/// Retries of an acknowledgement before it is given up: 3 s of them.
const ACK_RETRIES: u8 = 30;
/// The longest wait [`ClockApp::poll_in`] reports. Every time is the
/// platform's wrapping `u32` milliseconds (see [`microip6::time`]):
/// deadlines compare by wrapping difference, right within 2^31 ms; the
/// platform calls [`ClockApp::poll`] at least that often (it does every
/// second).
pub const MAX_WAIT_MS: u32 = 1 << 30;
/// At most one [`AppEvent::Dropped`] per this many milliseconds: each is
/// a UART line on the firmware (about 4 ms of busy-waiting at 115,200
/// baud, as much CPU as the frame itself), so a flood of hostile frames
/// would cost twice the CPU. The drops in between are counted in the
/// node's counters, which the next line's `count=` shows; after a burst,
/// the first [`ClockApp::poll`] DROP_EVENT_MS after the last line queues
/// a trailing one, so that the burst's full count is shown.
pub const DROP_EVENT_MS: u16 = 1_000;
/// The application's own events kept for [`ClockApp::poll_event`]; more
/// are counted as lost. The node's events wait in the node's queue.
const MAX_EVENTS: usize = 8;

/// What the application needs to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppConfig {
    /// The Ethernet address.
    pub mac: MacAddress,
    /// Seed from hardware jitter; the interface, the resolver and the NTP
    /// client each get a value derived from it.
    pub seed: u32,
    /// The NTP server's DNS name (AAAA records are looked up).
    pub ntp_server_name: &'static str,
    /// The local time zone, parsed from a POSIX TZ string (e.g. `UTC0`
    /// or `CET-1CEST,M3.5.0,M10.5.0/3`) by [`Tz::parse`]: at run time on
    /// a host, by the compiler for a zone fixed at build time (a
    /// `static`: the parser is then not in the image). Referred to, not
    /// copied: on a small target the zone stays in flash (42 bytes of RAM
    /// less on the MSP430).
    pub tz: &'static Tz,
    /// Optimistic DAD (RFC 4429).
    pub optimistic_dad: bool,
    /// Rate of the tick counter given to every call (32768 on the board).
    pub tick_hz: u32,
}

impl AppConfig {
    /// `pool.ntp.org`, UTC, standard DAD, a 32768 Hz tick counter.
    pub const fn new(mac: MacAddress, seed: u32) -> AppConfig {
        AppConfig {
            mac,
            seed,
            ntp_server_name: "pool.ntp.org",
            tz: &Tz::UTC,
            optimistic_dad: false,
            tick_hz: 32768,
        }
    }
}

/// The screens, in button order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Time, date, address, synchronization state.
    Clock,
    /// MAC, addresses, router, DNS and NTP servers.
    Network,
    /// Frame, DNS, NTP and message counters.
    Counters,
}

impl Screen {
    /// The next screen in button order (wrapping).
    pub fn next(self) -> Screen {
        match self {
            Screen::Clock => Screen::Network,
            Screen::Network => Screen::Counters,
            Screen::Counters => Screen::Clock,
        }
    }

    /// The previous screen (wrapping).
    pub fn previous(self) -> Screen {
        self.next().next()
    }
}

/// The text of one screen: [`ROWS`] lines of [`COLS`] bytes of ASCII,
/// padded with spaces. `repr(transparent)`: exactly its bytes, so that a
/// platform may lend it a byte buffer (the firmware renders into its
/// frame buffer between frames).
#[derive(Debug, Clone, PartialEq, Eq)]
#[repr(transparent)]
pub struct ScreenText {
    /// The lines, space padded.
    pub lines: [[u8; COLS]; ROWS],
}

impl ScreenText {
    /// All spaces. Out of line: the value is written straight into the
    /// caller's slot (built inline, it goes through a temporary copy).
    #[inline(never)]
    pub fn blank() -> ScreenText {
        ScreenText {
            lines: [[b' '; COLS]; ROWS],
        }
    }

    /// Line `i` without its trailing spaces (empty beyond the last line).
    pub fn line(&self, i: usize) -> &[u8] {
        let Some(l) = self.lines.get(i) else {
            return &[];
        };
        let end = l.iter().rposition(|&b| b != b' ').map_or(0, |p| p + 1);
        &l[..end]
    }

    /// A writer on line `i` (from its start; the rest stays spaces). Out
    /// of line: one copy of the index check and the writer's set-up.
    #[inline(never)]
    fn row(&mut self, i: usize) -> TextBuf<'_> {
        TextBuf::new(&mut self.lines[i])
    }

    /// A writer over lines `first` and `first + 1` as one run of
    /// `2 * COLS` bytes (no separate buffer on the stack), to be broken by
    /// [`ScreenText::wrap`].
    fn pair(&mut self, first: usize) -> TextBuf<'_> {
        TextBuf::new(&mut self.lines.as_flattened_mut()[first * COLS..(first + 2) * COLS])
    }

    /// Breaks the `len` bytes written by [`ScreenText::pair`] at line
    /// `first` (blank before: the bytes after `len` are spaces): when they
    /// do not fit one line, the first ends after its last colon, if any
    /// (an address breaks between groups), and the rest moves to the start
    /// of the next line (cut beyond).
    #[inline(never)]
    fn wrap(&mut self, first: usize, len: usize) {
        let run = &mut self.lines.as_flattened_mut()[first * COLS..(first + 2) * COLS];
        if len <= COLS {
            return;
        }
        let Some(p) = run[..COLS].iter().rposition(|&c| c == b':') else {
            return;
        };
        let cut = p + 1;
        // The next line's worth from the cut, with the blanks after `len`
        // (backwards: the two overlap).
        let mut i = COLS;
        while i > 0 {
            i -= 1;
            run[COLS + i] = run[cut + i];
        }
        run[cut..COLS].fill(b' ');
    }
}

/// Something worth a log line ([`ClockApp::event_text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Tags from 1: an empty queue slot (`None`) is then all zero bytes, and
// [`ClockApp::UNCONFIGURED`] can live in `.bss`.
#[repr(u8)]
pub enum AppEvent {
    /// The NTP server's name resolved (the addresses:
    /// [`dns::Resolver::addresses`] of [`ClockApp::resolver`]).
    Resolved = 1,
    /// The lookup failed.
    ResolveFailed(Failure),
    /// An NTP reply was accepted (see [`ClockApp::sync_state`]); true when
    /// the clock was stepped rather than slewed.
    Synced(bool),
    /// An NTP datagram was rejected (counted in the client's counters).
    NtpRejected(sntp::Reject),
    /// A DNS datagram was rejected (counted in the resolver's counters).
    DnsRejected(dns::Reject),
    /// A message arrived; its text is on the display, its sender is
    /// [`ClockApp::message_sender`].
    Message,
    /// A received frame was dropped by the node (for this reason, counted
    /// in the node's counters). At most one per [`DROP_EVENT_MS`]: the
    /// drops in between are counted only, and shown by the next one (a
    /// trailing one with the latest reason when the drops stop).
    Dropped(DropReason),
    /// An event of the IPv6 node. Last: the tags before it are those of
    /// the application's own queue (`Queued`), whose slots are copied.
    Net(Event),
}

/// An [`AppEvent`] of the application's queue: a slot is 2 bytes rather
/// than the 18 of an [`AppEvent`] (whose node events carry an address;
/// the failure of `ResolveFailed` is kept apart, in `dns_failure`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// The tags are those of [`AppEvent`] (from 1; its `Net`, never queued
// here, comes last), whose values the slots are copied to. None is 0: an
// empty slot is all zero bytes (`.bss`).
#[repr(u8)]
enum Queued {
    Resolved = 1,
    ResolveFailed,
    Synced(bool),
    NtpRejected(sntp::Reject),
    DnsRejected(dns::Reject),
    Message,
    Dropped(DropReason),
}

/// Application counters (16-bit, wrapping).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppCounters {
    /// Messages received on [`MESSAGE_PORT`].
    pub messages: u16,
    /// Acknowledgements sent.
    pub acks: u16,
    /// Acknowledgements given up (no route, neighbor unreachable).
    pub acks_lost: u16,
    /// Frames the node used without answering (RA, NA...).
    pub consumed: u16,
    /// Events lost because the queue was full.
    pub events_lost: u16,
}

/// The application state. See the [crate documentation](crate).
#[derive(Debug, Clone)]
pub struct ClockApp {
    iface: Interface,
    dns: dns::RdnssResolver,
    sntp: SntpClient,
    /// The zone (`None` only before [`ClockApp::configure`]: a zero
    /// pointer, for `.bss`).
    tz: Option<&'static Tz>,
    /// The NTP server's name (`None` only before [`ClockApp::configure`]:
    /// a zero pointer, for `.bss`).
    name: Option<&'static str>,
    screen: Screen,
    /// The kind of resolver state seen last ([`state_kind`]), to notice
    /// its changes: the kind is enough, every lookup's start resets it.
    dns_seen: u8,
    /// The last lookup failure, for [`AppEvent::ResolveFailed`] (read when
    /// the event is taken, like the addresses of [`AppEvent::Resolved`]).
    dns_failure: Failure,
    /// Whether a lookup waits for `dns_next` (else it starts as soon as a
    /// DNS server is known).
    dns_wait: bool,
    /// When the next lookup may start (wrapping ms, as every deadline of
    /// the application).
    dns_next: u32,
    /// When the last [`AppEvent::Dropped`] was queued: the low 16 bits of
    /// the milliseconds, with bit 0 set (0: none yet).
    drop_last: u16,
    /// Whether drops were held back since the last drop line (a trailing
    /// line is due), and the reason of the latest.
    drop_held: bool,
    drop_reason: DropReason,
    /// The last NTP rejection, shown while not synchronized: its index in
    /// [`sntp::Reject::ALL`] plus one, 0 for none.
    ntp_reject: u8,
    message: [u8; MESSAGE_LEN],
    message_len: u8,
    message_from: Ipv6Address,
    /// Whether a message is on the display, until `message_until`.
    message_on: bool,
    message_until: u32,
    /// The acknowledgement to send to `message_from`: port (0: none),
    /// when to try again.
    ack_port: u16,
    ack_retry: u32,
    /// Retries left (a counter rather than a second deadline: 3 bytes of
    /// RAM and a 32-bit comparison less).
    ack_tries: u8,
    events: [Option<Queued>; MAX_EVENTS],
    counters: AppCounters,
}

impl ClockApp {
    /// The state before [`ClockApp::configure`]: all zero bytes, so that
    /// a `static` of it takes no flash and no start-up copy (`.bss`).
    pub const UNCONFIGURED: ClockApp = ClockApp {
        iface: Interface::UNCONFIGURED,
        dns: dns::RdnssResolver::UNCONFIGURED,
        sntp: SntpClient::UNCONFIGURED,
        tz: None,
        name: None,
        screen: Screen::Clock,
        dns_seen: 0,
        dns_failure: Failure::InvalidName,
        dns_wait: false,
        dns_next: 0,
        drop_last: 0,
        drop_held: false,
        drop_reason: DropReason::Truncated,
        ntp_reject: 0,
        message: [0; MESSAGE_LEN],
        message_len: 0,
        message_from: Ipv6Address::UNSPECIFIED,
        message_on: false,
        message_until: 0,
        ack_port: 0,
        ack_retry: 0,
        ack_tries: 0,
        events: [None; MAX_EVENTS],
        counters: AppCounters {
            messages: 0,
            acks: 0,
            acks_lost: 0,
            consumed: 0,
            events_lost: 0,
        },
    };

    /// The application, started at the first call that gives the time:
    /// [`ClockApp::UNCONFIGURED`] set up by [`ClockApp::configure`].
    pub fn new(config: AppConfig) -> ClockApp {
        let mut app = ClockApp::UNCONFIGURED;
        app.configure(config);
        app
    }

    /// Puts the application, in place, in the state [`ClockApp::new`]
    /// gives (for a `static` of [`ClockApp::UNCONFIGURED`]: no
    /// application-sized temporary on the stack).
    pub fn configure(&mut self, config: AppConfig) {
        *self = ClockApp::UNCONFIGURED;
        self.configure_unconfigured(config);
    }

    /// [`ClockApp::configure`] for an application that is
    /// [`ClockApp::UNCONFIGURED`] (never configured: a `static` of it, all
    /// zero bytes since reset): the same state, without clearing again
    /// what is zero already (the firmware's start; the node, the resolver
    /// and the NTP client are set up by their own `configure_unconfigured`,
    /// the clock built in place). On a configured application its own
    /// fields (counters, events, message), the node's, the resolver's and
    /// the NTP client's would keep their values: use
    /// [`ClockApp::configure`] there (which clears all, then calls this).
    #[inline]
    pub fn configure_unconfigured(&mut self, config: AppConfig) {
        self.tz = Some(config.tz);
        let mut ic = iface::Config::new(config.mac);
        ic.seed = config.seed;
        ic.optimistic_dad = config.optimistic_dad;
        self.iface.configure_unconfigured(ic);
        // MAX_PORTS is 4: this one, the resolver's and the NTP client's.
        let _ = self.iface.bind(MESSAGE_PORT);
        // Distinct generators: the ports come from the interface's. Halves
        // and bytes swapped rather than rotated by odd amounts: a rotation
        // is one instruction per bit on the MSP430.
        self.dns
            .configure_unconfigured(dns::Config::new(config.seed.rotate_left(16) ^ 0x6d6e_7321));
        self.sntp
            .configure_unconfigured(config.tick_hz, config.seed.swap_bytes() ^ 0x6e74_7000);
        self.name = Some(config.ntp_server_name);
    }

    /// The IPv6 node.
    pub fn iface(&self) -> &Interface {
        &self.iface
    }

    /// The resolver.
    pub fn resolver(&self) -> &dns::RdnssResolver {
        &self.dns
    }

    /// The NTP client (and its clock).
    pub fn sntp(&self) -> &SntpClient {
        &self.sntp
    }

    /// Application counters.
    pub fn counters(&self) -> &AppCounters {
        &self.counters
    }

    /// The sender of the last message.
    pub fn message_sender(&self) -> Ipv6Address {
        self.message_from
    }

    /// The first DNS server known. Out of line: three callers (the
    /// node's iterator is built once).
    #[inline(never)]
    fn dns_server(&self) -> Option<&Ipv6Address> {
        self.iface.dns_servers().next()
    }

    /// The NTP server's name. Out of line: several callers.
    #[inline(never)]
    pub fn ntp_server_name(&self) -> &'static str {
        self.name.unwrap_or("")
    }

    /// The synchronization state at `now_ms`.
    pub fn sync_state(&self, now_ms: u32) -> SyncState {
        self.sntp.sync_state(now_ms)
    }

    /// UTC at tick count `ticks` as Unix seconds and microseconds, once
    /// the clock was set by NTP. Unix seconds are the NTP seconds minus
    /// 2,208,988,800 modulo 2^32, right from 1970 to 2106 across the 2036
    /// NTP era change.
    pub fn utc(&self, ticks: u32) -> Option<(u32, u32)> {
        let (seconds, fraction) = self.utc_fraction(ticks)?;
        Some((
            seconds,
            NtpTimestamp::new(seconds, fraction).subsec_micros(),
        ))
    }

    /// [`ClockApp::utc`] with the part of the second as NTP's fraction
    /// (units of 2^-32 s), not converted to microseconds (a 64-bit
    /// multiply on a 16-bit CPU): the firmware's form (2^17 units are one
    /// tick of its 32768 Hz counter).
    pub fn utc_fraction(&self, ticks: u32) -> Option<(u32, u32)> {
        let clock = self.sntp.clock();
        if !clock.is_set() {
            return None;
        }
        let t = clock.peek(ticks);
        Some((t.seconds().wrapping_sub(NTP_UNIX_OFFSET), t.fraction()))
    }

    /// Takes the frame in `buf[..len]`, received at `now_ms` and tick count
    /// `ticks` (read as close to its arrival as possible: NTP timestamps
    /// come from it). Returns the length of an answer built in place to
    /// transmit.
    #[inline]
    pub fn receive(
        &mut self,
        buf: &mut [u8],
        len: usize,
        now_ms: u32,
        ticks: u32,
    ) -> Option<usize> {
        self.receive_cut(buf, len, len, 0, now_ms, ticks)
    }

    /// [`ClockApp::receive`] for a frame of `frame_len` bytes of which
    /// `buf[..stored]` holds the first ones, `tail_sum` being the RFC 1071
    /// sum of the rest (a driver's cut receive, such as the ENC28J60's
    /// `receive_cut`; see `Interface::receive_cut`). A frame that fits is
    /// taken as by `receive`. A cut UDP datagram whose checksum verifies
    /// reaches the resolver with the bytes held (it uses the answer
    /// records held whole) and the message service (which shows the first
    /// bytes anyway); the NTP client never takes one (its replies are 48
    /// bytes).
    #[inline(never)]
    pub fn receive_cut(
        &mut self,
        buf: &mut [u8],
        stored: usize,
        frame_len: usize,
        tail_sum: u16,
        now_ms: u32,
        ticks: u32,
    ) -> Option<usize> {
        // Matched by reference: the datagram's metadata is not copied out
        // (40 bytes more of stack under the node's input path).
        match &self
            .iface
            .receive_cut(buf, stored, frame_len, tail_sum, now_ms)
        {
            Received::Transmit(n) => Some(*n),
            // A cut datagram's payload ends past the bytes held.
            Received::Udp(meta) => {
                let held = meta.payload.end.min(stored);
                self.receive_udp(buf, meta, held, now_ms, ticks)
            }
            Received::Consumed => {
                self.counters.consumed = self.counters.consumed.wrapping_add(1);
                None
            }
            Received::Dropped(reason) => {
                self.drop_reason = *reason;
                self.drop_held = true;
                self.drop_line(now_ms);
                None
            }
        }
    }

    /// The datagram `meta` in `buf` for the NTP client, the resolver or
    /// the message service; its payload is held up to `held` (its end, or
    /// the end of the bytes stored for a cut one). In line in
    /// `receive_cut`, its one caller: 60 B less code for 26 B more of the
    /// firmware's deepest stack (its locals now under the node's input
    /// path: 320 -> 346 B in the simulator, RAM in use 1,844 B).
    #[inline]
    fn receive_udp(
        &mut self,
        buf: &mut [u8],
        meta: &UdpMeta,
        held: usize,
        now_ms: u32,
        ticks: u32,
    ) -> Option<usize> {
        let payload = buf.get(meta.payload.start..held).unwrap_or(&[]);
        // A cut datagram is no NTP reply (48 bytes): never the client's.
        if held == meta.payload.end {
            if let Some(outcome) = self.sntp.receive_outcome(meta, payload, now_ms, ticks) {
                let (reject, event) = match outcome {
                    sntp::Outcome::Accepted { stepped } => (0, Queued::Synced(stepped)),
                    sntp::Outcome::Rejected(r) => (r as u8 + 1, Queued::NtpRejected(r)),
                };
                self.ntp_reject = reject;
                self.push(event);
                return None;
            }
        }
        // The resolver tells a cut reply by its payload shorter than
        // `meta.payload`.
        if let Some(outcome) = self.dns.receive_outcome(meta, payload, now_ms) {
            if let dns::Outcome::Rejected(r) = outcome {
                self.push(Queued::DnsRejected(r));
            }
            self.check_dns(now_ms);
            return None;
        }
        if meta.dst_port != MESSAGE_PORT {
            return None;
        }
        // The message: printable ASCII kept, the rest shown as '?', a
        // trailing newline (netcat, echo) dropped.
        let mut text = payload;
        while let [rest @ .., b'\n' | b'\r'] = text {
            text = rest;
        }
        // (Indexed up to the count kept: one `min`, no bounds check left;
        // a zip of the two slices computed the `min` again, 20 B more,
        // and `enumerate().take(n)` 30 B.)
        let n = text.len().min(MESSAGE_LEN);
        #[allow(clippy::needless_range_loop)]
        for i in 0..n {
            let s = text[i];
            self.message[i] = if (0x20..0x7f).contains(&s) { s } else { b'?' };
        }
        self.message_len = n as u8;
        self.message_from = meta.src;
        self.message_on = true;
        self.message_until = after(now_ms, MESSAGE_SHOW_MS);
        self.counters.messages = self.counters.messages.wrapping_add(1);
        self.push(Queued::Message);
        self.ack_port = meta.src_port;
        self.ack_tries = ACK_RETRIES;
        self.send_ack(buf, now_ms)
    }

    /// Builds the next frame to send at `now_ms` (the node's own traffic,
    /// a pending acknowledgement, a DNS query, an NTP request) and returns
    /// its length; `None` when there is nothing to send. Call it until it
    /// gives `None` when the buffer is free. Out of line: the locals of
    /// the frames it builds stay off the caller's frame (the firmware's
    /// loop, under every other call).
    #[inline(never)]
    pub fn poll(&mut self, buf: &mut [u8], now_ms: u32, ticks: u32) -> Option<usize> {
        // A recorded reading: the clock must be read at least every 2^31
        // ticks (18 hours at 32768 Hz), NTP traffic or not (`utc` and the
        // screens only peek). (`advance`: `now` without the reading
        // built and dropped.)
        self.sntp.clock_mut().advance(ticks);
        // A message that timed out stays off (its deadline compares
        // wrapping: it would come back 2^31 ms later). (Cleared by a
        // branch: `message_shown`'s answer stored as a bool was a 15-bit
        // shift of the sign on the target.)
        if self.message_on && time::due(now_ms, self.message_until) {
            self.message_on = false;
        }
        // The trailing line of a burst of drops (the platform polls at
        // least once a second: no deadline of its own in `poll_in`).
        if self.drop_held {
            self.drop_line(now_ms);
        }
        if let Some(n) = self.iface.poll_transmit(buf, now_ms) {
            return Some(n);
        }
        if self.ack_port != 0 && time::due(now_ms, self.ack_retry) {
            if let Some(n) = self.send_ack(buf, now_ms) {
                return Some(n);
            }
        }
        // The lookup of the NTP server's name: once a DNS server is known,
        // again when its answer is due for a refresh or after a failure.
        if self.dns.state() != dns::State::Resolving
            && self.dns_server().is_some()
            && (!self.dns_wait || time::due(now_ms, self.dns_next))
        {
            self.dns.resolve(self.ntp_server_name(), now_ms);
            // Whatever state follows counts as new (checked below, after
            // `poll_send`): a lookup that fails at once the same way again
            // (an invalid name) then also waits DNS_RETRY_MS rather than
            // being tried again on every call.
            self.dns_seen = state_kind(dns::State::Idle);
        }
        let n = self.dns.poll_send(&mut self.iface, buf, now_ms);
        self.check_dns(now_ms);
        if n.is_some() {
            return n;
        }
        self.sntp.poll_send(&mut self.iface, buf, now_ms, ticks)
    }

    /// Milliseconds from `now_ms` until [`ClockApp::poll`] has something
    /// to do or the display changes (a message ends), at most
    /// [`MAX_WAIT_MS`]; 0 when something is due. `None`: nothing is
    /// scheduled. The display's own pace (once a second) is the
    /// platform's. In line (`#[inline]`: across crates too): the firmware
    /// calls it once, and its frame there is not under the deepest call
    /// (60 B less code, same deepest stack).
    #[inline]
    pub fn poll_in(&mut self, now_ms: u32) -> Option<u32> {
        let mut w = Soonest {
            now_ms,
            next: u32::MAX,
        };
        if let Some(t) = self.iface.poll_at(now_ms) {
            w.at(t);
        }
        // The resolver's deadline while resolving (`deadline` is `None`
        // exactly when not), else the application's next lookup, if one
        // waits (at most one of each kind is pending).
        match self.dns.deadline() {
            Some(t) => w.at(t),
            None if self.dns_wait => w.at(self.dns_next),
            None => {}
        }
        if let Some(t) = self.sntp.deadline(now_ms) {
            w.at(t);
        }
        // The application's own deadlines, the first one due (at most one
        // of each kind is pending).
        if self.ack_port != 0 {
            w.at(self.ack_retry);
        }
        // Cleared by `poll` once past (if `poll` was not called since, a
        // past deadline gives 0: a call to `poll` is due anyway).
        if self.message_on {
            w.at(self.message_until);
        }
        let next = w.next;
        // By the high half: every wait found is below 2^31, u32::MAX is
        // none found.
        match (next >> 16) as u16 {
            0x8000.. => None,
            0x4000.. => Some(MAX_WAIT_MS),
            _ => Some(next),
        }
    }

    /// The oldest event not yet taken: the application's own, then the
    /// node's. Out of line: the event is built in the caller's slot.
    #[inline(never)]
    pub fn poll_event(&mut self) -> Option<AppEvent> {
        let first = self.events[0];
        // One memmove (in the image anyway): smaller on the MSP430 than
        // `rotate_left` or a loop of moves.
        self.events.copy_within(1.., 0);
        self.events[MAX_EVENTS - 1] = None;
        let Some(q) = first else {
            return self.iface.poll_event().map(AppEvent::Net);
        };
        Some(match q {
            Queued::Resolved => AppEvent::Resolved,
            Queued::ResolveFailed => AppEvent::ResolveFailed(self.dns_failure),
            Queued::Synced(stepped) => AppEvent::Synced(stepped),
            Queued::NtpRejected(r) => AppEvent::NtpRejected(r),
            Queued::DnsRejected(r) => AppEvent::DnsRejected(r),
            Queued::Message => AppEvent::Message,
            Queued::Dropped(r) => AppEvent::Dropped(r),
        })
    }

    /// The screen shown now.
    pub fn current_screen(&self) -> Screen {
        self.screen
    }

    /// Shows `screen` from now on.
    pub fn set_screen(&mut self, screen: Screen) {
        self.screen = screen;
    }

    /// The "next" button: a message on the display is dismissed, else the
    /// next screen is shown.
    pub fn button_next(&mut self, now_ms: u32) {
        if self.message_shown(now_ms) {
            self.message_on = false;
        } else {
            self.screen = self.screen.next();
        }
    }

    /// The text of the current screen at `now_ms`, tick count `ticks`.
    pub fn screen(&self, now_ms: u32, ticks: u32) -> ScreenText {
        self.render(self.screen, now_ms, ticks)
    }

    /// The text of `screen` at `now_ms`, tick count `ticks`.
    pub fn render(&self, screen: Screen, now_ms: u32, ticks: u32) -> ScreenText {
        let mut s = ScreenText::blank();
        self.render_into(screen, now_ms, ticks, &mut s);
        s
    }

    /// [`ClockApp::render`] into `s` (every line rewritten): no
    /// screen-sized temporary besides `s` on a small target's stack.
    #[inline(never)]
    pub fn render_into(&self, screen: Screen, now_ms: u32, ticks: u32, s: &mut ScreenText) {
        // In place: a blank value would be built apart and copied.
        s.lines.as_flattened_mut().fill(b' ');
        match screen {
            Screen::Clock => {
                self.render_time(s, ticks);
                self.render_clock(s, now_ms);
            }
            Screen::Network => self.render_network(s),
            Screen::Counters => self.render_counters(s),
        }
    }

    /// The text of `event` as one log line (`event=<name> key=value...`,
    /// the format of the host runner, documented in its README) written
    /// into `out`; the length (cut at `out`'s end, [`EVENT_LINE`] always
    /// suffices).
    #[inline(never)]
    pub fn event_text(&self, event: &AppEvent, out: &mut [u8]) -> usize {
        let mut t = TextBuf::new(out);
        key(&mut t, KEY_EVENT);
        // `<head> reason=<name> count=<n>`: the rejections and drops share
        // one writer, their names from packed lists.
        let (head, names, reason, count) = match *event {
            AppEvent::Net(ref e) => {
                net_event_text(&mut t, e);
                return t.len();
            }
            // `resolved name=...` or `resolve_failed name=...`: one head.
            AppEvent::Resolved | AppEvent::ResolveFailed(_) => {
                let failed = match *event {
                    AppEvent::ResolveFailed(f) => Some(f),
                    _ => None,
                };
                key(&mut t, KEY_RESOLVED + failed.is_some() as usize);
                key(&mut t, KEY_NAME);
                t.str(self.ntp_server_name());
                if let Some(f) = failed {
                    key(&mut t, KEY_REASON);
                    t.name(FAILURE_NAMES, failure_index(f));
                } else {
                    let addrs = self.dns.addresses();
                    key_ip(
                        &mut t,
                        KEY_ADDR,
                        addrs.first().unwrap_or(&Ipv6Address::UNSPECIFIED),
                    );
                    key_u32(&mut t, KEY_COUNT, addrs.len() as u32);
                }
                return t.len();
            }
            AppEvent::Synced(stepped) => {
                key(&mut t, KEY_SYNC);
                let sync = self.sntp.sync_state(0);
                let (SyncState::Synced(ref info) | SyncState::Lost(ref info)) = sync else {
                    return t.len();
                };
                key_ip(&mut t, KEY_SERVER, &info.server);
                key(&mut t, KEY_OFFSET);
                write_offset_us(&mut t, info);
                key_u32(&mut t, KEY_DELAY, info.delay_us);
                key_u32(&mut t, KEY_STRATUM, info.stratum as u32);
                key_u32(&mut t, KEY_STEP, stepped as u32);
                return t.len();
            }
            AppEvent::Message => {
                key_ip(&mut t, KEY_MESSAGE_FROM, &self.message_from);
                key_u32(&mut t, KEY_LEN, self.message_len as u32);
                return t.len();
            }
            AppEvent::NtpRejected(r) => (
                0,
                NTP_REJECT_NAMES,
                r as usize,
                self.sntp.counters().rejected(r),
            ),
            AppEvent::DnsRejected(r) => (
                1,
                DNS_REJECT_NAMES,
                r as usize,
                self.dns.counters().rejected(r),
            ),
            AppEvent::Dropped(r) => (2, DROP_NAMES, r as usize, self.iface.counters().dropped(r)),
        };
        key(&mut t, KEY_REASON_HEADS + head);
        key(&mut t, KEY_REASON);
        t.name(names, reason);
        key_u32(&mut t, KEY_COUNT, count as u32);
        t.len()
    }

    // -- internals ---------------------------------------------------------

    /// True while a message is on the display. In line: a call with the
    /// deadline, the flag and the time as arguments was longer than the
    /// test (20 B more over its three callers then, `poll` one of them).
    #[inline]
    fn message_shown(&self, now_ms: u32) -> bool {
        self.message_on && !time::due(now_ms, self.message_until)
    }

    /// Queues a drop line for the latest reason if [`DROP_EVENT_MS`]
    /// passed since the last one (or none came yet); else the drops stay
    /// held back. 16 bits are enough: the difference is under
    /// DROP_EVENT_MS only when less time passed, modulo 65.5 s (then one
    /// line more is held back; [`ClockApp::poll`] checks far more often).
    /// Out of line: shared by the receive path and `poll`.
    #[inline(never)]
    fn drop_line(&mut self, now_ms: u32) {
        let now = now_ms as u16 | 1;
        if now.wrapping_sub(self.drop_last) >= DROP_EVENT_MS || self.drop_last == 0 {
            self.drop_last = now;
            self.drop_held = false;
            self.push(Queued::Dropped(self.drop_reason));
        }
    }

    fn push(&mut self, e: Queued) {
        match self.events.iter_mut().find(|s| s.is_none()) {
            Some(slot) => *slot = Some(e),
            None => self.counters.events_lost = self.counters.events_lost.wrapping_add(1),
        }
    }

    /// Acts on a change of the resolver's state: new NTP servers, the
    /// time of the next lookup, an event.
    fn check_dns(&mut self, now_ms: u32) {
        let state = self.dns.state();
        let kind = state_kind(state);
        if kind == self.dns_seen {
            return;
        }
        self.dns_seen = kind;
        // The next lookup's time and the event; one tail for both.
        let (next, event) = match state {
            dns::State::Resolved => {
                // At the TTL's end, but not sooner than DNS_REFRESH_MS from
                // now: the expiry when it is past that time (by the
                // wrapping difference's sign: the expiry is under 2^31 ms
                // after the reply, the reply is now, and a past expiry
                // gives the refresh time).
                let mut next = after(now_ms, DNS_REFRESH_MS);
                if let Some(at) = self.dns.expires_at() {
                    if !time::due(next, at) {
                        next = at;
                    }
                }
                // (After the expiry: read while the state is known.)
                self.sntp.set_servers(self.dns.addresses());
                (next, Queued::Resolved)
            }
            dns::State::Failed(f) => {
                self.dns_failure = f;
                (after(now_ms, DNS_RETRY_MS), Queued::ResolveFailed)
            }
            _ => return,
        };
        self.dns_wait = true;
        self.dns_next = next;
        self.push(event);
    }

    /// Sends the pending acknowledgement (`ACK\n`) from [`MESSAGE_PORT`];
    /// kept for a retry while the next hop is resolved.
    fn send_ack(&mut self, buf: &mut [u8], now_ms: u32) -> Option<usize> {
        let off = self.iface.udp_payload_offset();
        if let Some(p) = buf.get_mut(off..off + 4) {
            p.copy_from_slice(b"ACK\n");
        }
        match self.iface.send_udp(
            buf,
            now_ms,
            MESSAGE_PORT,
            &self.message_from,
            self.ack_port,
            4,
        ) {
            Ok(n) => {
                self.ack_port = 0;
                self.counters.acks = self.counters.acks.wrapping_add(1);
                Some(n)
            }
            Err(e) => {
                if matches!(e, nb::Error::Other(_)) || self.ack_tries == 0 {
                    self.ack_port = 0;
                    self.counters.acks_lost = self.counters.acks_lost.wrapping_add(1);
                } else {
                    self.ack_tries -= 1;
                    self.ack_retry = after(now_ms, ACK_RETRY_MS);
                }
                None
            }
        }
    }

    /// Lines 2 to 6 of the clock screen ([`ClockApp::render_time`] writes
    /// lines 0 and 1). In line in `render_into`, its one caller: a call,
    /// a prologue and an epilogue less (34 B).
    #[inline]
    fn render_clock(&self, s: &mut ScreenText, now_ms: u32) {
        // Lines 2-3: the sender of a message on the display, else the
        // global address.
        let shown = self.message_shown(now_ms);
        let (label, addr) = match (shown, self.iface.global_address()) {
            (true, _) => (KEY_MSG, Some(&self.message_from)),
            (false, Some(a)) => (NO_KEY, Some(a)),
            (false, None) => (KEY_NO_GLOBAL, None),
        };
        address_pair(s, label, addr);
        if shown {
            let n = self.message_len as usize;
            s.pair(4).bytes(&self.message[..n]);
            s.wrap(4, n);
            return;
        }
        // (Not shown: whether there is a global address, as just read.)
        self.render_sync(s, now_ms, addr.is_some());
    }

    /// Lines 4 to 6 of the clock screen: the synchronization state. In
    /// line in `render_into` (through `render_clock`), like
    /// [`ClockApp::render_time`]: both or neither (with render_time alone
    /// called, the firmware's deepest stack was 358 B, as its frame went
    /// under `render_into`'s, which held this one's locals; both in line,
    /// 320 B: the screens' locals share one frame).
    #[inline]
    fn render_sync(&self, s: &mut ScreenText, now_ms: u32, has_global: bool) {
        let sync = self.sntp.sync_state(now_ms);
        // Line 4's writer once for both states.
        let mut r = s.row(4);
        // By reference: no copy of the sample's fields.
        let (SyncState::Synced(ref i) | SyncState::Lost(ref i)) = sync else {
            key(&mut r, KEY_NOT_SYNCED);
            let mut r = s.row(5);
            self.why_not_synced(&mut r, has_global);
            return;
        };
        key(
            &mut r,
            KEY_SYNC_HEAD + matches!(sync, SyncState::Lost(_)) as usize,
        );
        write_age(&mut r, i.since_s);
        r.str(" ago s");
        r.u32(i.stratum as u32);
        let mut r = s.row(5);
        write_offset(&mut r, i);
        let mut r = s.row(6);
        r.str(self.ntp_server_name());
    }

    /// Lines 0 and 1 of the clock screen: local time and date. In line in
    /// `render_into`, its one caller (see [`ClockApp::render_sync`]).
    #[inline]
    fn render_time(&self, s: &mut ScreenText, ticks: u32) {
        let Some((unix, _)) = self.utc_fraction(ticks) else {
            key(&mut s.row(0), KEY_NO_TIME);
            return;
        };
        // Not `Tz::local`: its `&str` abbreviation costs a UTF-8
        // validation on the target.
        let tz = self.tz.unwrap_or(&Tz::UNCONFIGURED);
        let (offset, is_dst) = tz.offset_at(unix);
        // The fields in the template's order (hour first, the day last).
        let values = fields_from_unix(unix.wrapping_add(offset as u32));
        fill(s, CLOCK_TEMPLATE, &values);
        // After `Www YYYY-MM-DD ` (years 1970 to 2106: 15 bytes).
        TextBuf::new(&mut s.lines[1][15..]).bytes(tz.abbreviation_bytes(is_dst));
    }

    /// Why the clock is not set yet, most basic reason first: a phrase of
    /// [`KEYS`] (from [`KEY_WHY`]), or for a rejected reply or a failed
    /// lookup the label [`KEY_NTP_LABEL`] or [`KEY_DNS_LABEL`] and the
    /// reason's name. `has_global`: whether the node has a global address
    /// (the clock screen read it for its lines 2-3: not looked up again).
    #[inline]
    fn why_not_synced(&self, r: &mut TextBuf, has_global: bool) {
        let (why, names, reason) = if !has_global {
            (KEY_WHY, "", 0)
        } else if self.sntp.server_ref().is_some() {
            match self.ntp_reject.checked_sub(1) {
                Some(i) => (KEY_NTP_LABEL, NTP_REJECT_NAMES, i as usize),
                None => (KEY_WHY + 1, "", 0),
            }
        } else {
            match self.dns.state() {
                dns::State::Failed(f) => (KEY_DNS_LABEL, FAILURE_NAMES, failure_index(f)),
                dns::State::Resolving => (KEY_WHY + 2, "", 0),
                _ if self.dns_server().is_none() => (KEY_WHY + 3, "", 0),
                _ => (KEY_WHY + 4, "", 0),
            }
        };
        key(r, why);
        r.name(names, reason);
    }

    /// The network screen. In line in `render_into`, its one caller, like
    /// the counters screen: a call, a prologue and an epilogue less each
    /// (32 B); their locals in `render_into`'s frame cost 12 bytes of the
    /// firmware's deepest stack (simulator: 302 -> 314 B).
    #[inline]
    fn render_network(&self, s: &mut ScreenText) {
        key(&mut s.row(0), KEY_NETWORK);
        let mut r = s.row(1);
        r.mac(&self.iface.mac());
        let link_local = self.iface.link_local();
        let addr = self.iface.global_address().unwrap_or(&link_local);
        address_pair(s, NO_KEY, Some(addr));
        addr_line(s, 0, self.iface.default_router());
        addr_line(s, 1, self.dns_server());
        addr_line(s, 2, self.sntp.server_ref());
    }

    /// The counters screen (in line, see `render_network`).
    #[inline]
    fn render_counters(&self, s: &mut ScreenText) {
        let c = self.iface.counters();
        let d = self.dns.counters();
        let n = self.sntp.counters();
        // The sums first: the other values then go from their counters
        // straight into the array, not kept in registers across the calls
        // (saved on the stack and copied again: 62 B more on the target).
        let drops = total(&c.drops);
        let dns_rejected = total(&d.rejections);
        let ntp_rejected = total(&n.rejected);
        // All 16-bit, wrapping, like the counters (the poll interval is at
        // most 2^MAX_POLL_LOG2 s).
        let values = [
            c.rx_frames,
            c.tx_frames,
            drops,
            c.udp_delivered,
            c.udp_sent,
            d.queries,
            d.replies,
            dns_rejected,
            n.requests,
            n.accepted,
            ntp_rejected,
            n.timeouts,
            self.sntp.poll_interval_s() as u16,
            self.counters.messages,
            self.counters.acks,
        ];
        fill(s, COUNTERS_TEMPLATE, &values);
    }
}

/// The counters screen, a [`fill`] template.
const COUNTERS_TEMPLATE: &[u8] = b"COUNTERS\nrx \0 tx \0\ndrop \0 udp \0/\0\n\
dns q\0 r\0 rej \0\nntp q\0 ok\0 rej \0\nntp to \0 poll \0\nmsg \0 ack \0";

/// The time and date lines of the clock screen, a [`fill`] template:
/// `12:34:56`, `Sat 2026-11-21 ` (the zone name follows).
const CLOCK_TEMPLATE: &[u8] = b"\x01:\x01:\x01\n\x02 \0-\x01-\x01 ";

/// Writes `template` from line 0 of `s`: its bytes, except that a `0`
/// writes the next of `values` in decimal, a `1` the next value as two
/// digits at least, a `2` the next value as a weekday name (0 = Sunday),
/// and a `\n` moves to the next line. A table and one loop rather than a
/// call sequence per label and number.
#[inline(never)]
fn fill(s: &mut ScreenText, template: &[u8], values: &[u16]) {
    let mut values = values.iter().copied();
    let mut row = 0;
    let mut r = s.row(0);
    for &c in template {
        if c > 2 {
            if c == b'\n' {
                row += 1;
                r = s.row(row);
            } else {
                r.put(c);
            }
            continue;
        }
        let v = values.next().unwrap_or(0);
        if c == 2 {
            // Weekday names in KEYS (0 = Sunday, as `Weekday`).
            key(&mut r, KEY_WEEKDAYS + usize::from(v));
        } else {
            // Width 0 (`0`) or 2 digits at least (`1`): one call.
            r.number(v.into(), c * 2);
        }
    }
}

/// The soonest of [`ClockApp::poll_in`]'s deadlines: ms from `now_ms`.
struct Soonest {
    now_ms: u32,
    next: u32,
}

impl Soonest {
    /// Lowers `next` to the time left until the deadline `t` (0 when
    /// past). Out of line: shared by every deadline; the time is in `self`
    /// (the call's arguments fit the registers). The callers test whether
    /// there is a deadline (18 B less than an `Option` argument: its tag
    /// built at each call, and tested here).
    #[inline(never)]
    fn at(&mut self, t: u32) {
        // `min` by 16-bit halves (branches, not a select of a 32-bit
        // compare).
        let left = time::until(self.now_ms, t);
        if time::less_than(left, self.next) {
            self.next = left;
        }
    }
}

/// Line `4 + k` of the network screen: label `k` (`gw`, `dns`, `ntp`)
/// then the address, or `-`. The label by index, the address by
/// reference (the NTP client's in place): the arguments fit the
/// registers.
#[inline(never)]
fn addr_line(s: &mut ScreenText, k: usize, addr: Option<&Ipv6Address>) {
    let mut r = s.row(4 + k);
    key(&mut r, KEY_GW + k);
    match addr {
        Some(a) => r.ipv6(a),
        None => r.put(b'-'),
    }
}

/// Lines 2 and 3 of the clock and network screens: key `label` of
/// [`KEYS`] (none for [`NO_KEY`]) then the address, if any, broken
/// between groups where it does not fit line 2 ([`ScreenText::wrap`]).
/// Out of line: one copy of the pair's writer and its wrap for both
/// screens.
#[inline(never)]
fn address_pair(s: &mut ScreenText, label: usize, addr: Option<&Ipv6Address>) {
    let mut t = s.pair(2);
    if label != NO_KEY {
        key(&mut t, label);
    }
    if let Some(a) = addr {
        t.ipv6(a);
    }
    let n = t.len();
    s.wrap(2, n);
}

/// [`address_pair`]'s label for none.
const NO_KEY: usize = usize::MAX;

/// The sum of a counter array.
fn total(counters: &[u16]) -> u16 {
    counters.iter().fold(0, |a, &c| a.wrapping_add(c))
}

/// `12s`, `5m`, `3h`, `2d`: a short age for the display. Each unit once
/// the count of the one below reaches the limit, by one table: floor
/// divisions chained, the same as dividing by 3600 or 86,400 at once.
fn write_age(r: &mut TextBuf, s: u32) {
    let (mut v, mut unit) = (s, b's');
    for &(limit, divisor, next) in &AGE_UNITS {
        if time::less_than(v, limit as u32) {
            break;
        }
        v /= NonZeroU32::from(divisor);
        unit = next;
    }
    r.u32(v);
    r.put(unit);
}

/// [`write_age`]'s units: from this many of the unit before, the count
/// divided by this, of this unit.
/// (The divisors non-zero by their type: no division-by-zero check.)
const AGE_UNITS: [(u8, NonZeroU8, u8); 3] = [
    (120, nonzero(60), b'm'),
    (120, nonzero(60), b'h'),
    (48, nonzero(24), b'd'),
];

/// `n` as a [`NonZeroU8`] (for constants: a 0 fails the build).
const fn nonzero(n: u8) -> NonZeroU8 {
    match NonZeroU8::new(n) {
        Some(n) => n,
        None => panic!("zero"),
    }
}

/// `off +0.123ms d0.456ms`: offset and delay with microsecond digits;
/// offsets beyond ±2147 s (a first step) as `>2000s`.
fn write_offset(r: &mut TextBuf, i: &SyncInfo) {
    r.str("off ");
    // One of the two is 0 (SyncInfo::offset_s): their OR is the other,
    // with its sign. Whole seconds in microseconds below 2^31 for |s| at
    // most 2147 (one unsigned comparison by 16-bit halves; i32::MIN's
    // magnitude, 2^31, is above).
    let s = i.offset_s;
    let v = s | i.offset_us;
    r.put(if v < 0 { b'-' } else { b'+' });
    // (|v| by the clock's shared negation: no inline 32-bit one.)
    let mag = negated_if((v >> 16) as i16, v as u32) as u32;
    if s == 0 || time::less_than(mag, 2148) {
        write_ms(r, mag.wrapping_mul(if s == 0 { 1 } else { 1_000_000 }));
    } else {
        key(r, KEY_OVER);
    }
    r.str(" d");
    write_ms(r, i.delay_us);
}

/// Microseconds as milliseconds with three decimals: `12.345ms`.
#[inline(never)]
fn write_ms(r: &mut TextBuf, us: u32) {
    // At least 4 digits, 3 after the point: `0.123`.
    r.number(us, 0x34);
    r.str("ms");
}

/// The offset in signed microseconds, in decimal without 64-bit
/// arithmetic (long on the MSP430): [`SyncInfo::offset_us`], or else
/// the whole seconds [`SyncInfo::offset_s`] followed by `000000`.
fn write_offset_us(t: &mut TextBuf, i: &SyncInfo) {
    // One of the two is 0: their OR is the other.
    t.i32(i.offset_s | i.offset_us);
    if i.offset_s != 0 {
        key(t, KEY_ZEROS);
    }
}

/// Key `k` of [`KEYS`] then `value` in decimal. In line: two calls with
/// their arguments in registers at each of its callers are 4 B less than
/// a function of its own.
#[inline(always)]
fn key_u32(t: &mut TextBuf, k: usize, value: u32) {
    key(t, k);
    t.u32(value);
}

/// The keys of the event lines' fields and the fixed pieces of the
/// lines and screens, packed ([`TextBuf::name`]; written by [`key`]: one
/// list and one writer rather than a string's three arguments per use).
/// [`TextBuf::name`] walks the list to the piece (13 cycles a byte on
/// the MSP430): the clock screen's weekday names and head, drawn every
/// second, come first,
/// then the pieces of the `sync` line (every NTP reply), then the rest.
/// (The other texts of the clock screen's every-second redraw stay
/// strings: as pieces, they cost 0.02 % of idle low-power time in the
/// simulator for 12 bytes.)
const KEYS: &str = "Sun\0Mon\0Tue\0Wed\0Thu\0Fri\0Sat\0sync \0LOST \0event=\0sync\0 \
    server=\0 offset_us=\0 delay_us=\0 stratum=\0 step=\0 count=\0\
    000000\0 name=\0resolved\0resolve_failed\0 addr=\0 reason=\0not synced:\0--:--:--\0\
    no address\0waiting for ntp\0resolving name\0no dns server\0no ntp server\0msg \0\
    NETWORK\0gw \0dns \0ntp \0>2000s\0no global address\0 len=\0message from=\0 \
    scope=global dad=ok prefix=\0 scope=link dad=ok\0/64\0 dad=duplicate\0address_assigned\0\
    dad_failed\0address_expired\0router_learned\0router_lost\0dns_server_learned\0\
    dns_server_expired\0neighbor_unreachable\0ntp_rejected\0dns_rejected\0drop";
/// The positions of the pieces in [`KEYS`] (of the first of a group).
const KEY_WEEKDAYS: usize = 0;
const KEY_SYNC_HEAD: usize = 7;
const KEY_EVENT: usize = 9;
const KEY_SYNC: usize = 10;
const KEY_SERVER: usize = 11;
const KEY_OFFSET: usize = 12;
const KEY_DELAY: usize = 13;
const KEY_STRATUM: usize = 14;
const KEY_STEP: usize = 15;
const KEY_COUNT: usize = 16;
const KEY_ZEROS: usize = 17;
const KEY_NAME: usize = 18;
const KEY_RESOLVED: usize = 19;
const KEY_ADDR: usize = 21;
const KEY_REASON: usize = 22;
const KEY_NOT_SYNCED: usize = 23;
const KEY_NO_TIME: usize = 24;
const KEY_WHY: usize = 25;
const KEY_MSG: usize = 30;
const KEY_NETWORK: usize = 31;
const KEY_GW: usize = 32;
/// The network screen's `dns ` and `ntp ` labels (after `gw `: line
/// `4 + k` is [`KEY_GW`]` + k`); [`ClockApp::why_not_synced`] puts a
/// reason's name after them.
const KEY_DNS_LABEL: usize = KEY_GW + 1;
const KEY_NTP_LABEL: usize = KEY_GW + 2;
const KEY_OVER: usize = 35;
const KEY_NO_GLOBAL: usize = 36;
const KEY_LEN: usize = 37;
const KEY_MESSAGE_FROM: usize = 38;
const KEY_GLOBAL_PREFIX: usize = 39;
const KEY_LINK: usize = 40;
const KEY_SLASH_64: usize = 41;
const KEY_DUPLICATE: usize = 42;
const KEY_NET_EVENTS: usize = 43;
const KEY_REASON_HEADS: usize = 51;

/// Piece `k` of [`KEYS`]: a key, or a fixed text of a line or a screen.
/// Out of line: a call with two arguments rather than a string's three.
#[inline(never)]
fn key(t: &mut TextBuf, k: usize) {
    t.name(KEYS, k);
}

/// Key `k` of [`KEYS`] then the address (RFC 5952).
#[inline(never)]
fn key_ip(t: &mut TextBuf, k: usize, addr: &Ipv6Address) {
    key(t, k);
    t.ipv6(addr);
}

/// `<name> addr=<address>[ scope=... dad=...]`: the name from [`KEYS`]
/// (from [`KEY_NET_EVENTS`]) by the event's position, the address shared
/// by every kind (one field at one offset: no per-kind copy).
fn net_event_text(t: &mut TextBuf, e: &Event) {
    use Event::*;
    let kind = match e {
        AddressAssigned(_) => 0,
        AddressDuplicate(_) => 1,
        AddressExpired(_) => 2,
        RouterLearned(_) => 3,
        RouterLost(_) => 4,
        DnsServerLearned(_) => 5,
        DnsServerExpired(_) => 6,
        NeighborUnreachable(_) => 7,
    };
    let (AddressAssigned(a)
    | AddressDuplicate(a)
    | AddressExpired(a)
    | RouterLearned(a)
    | RouterLost(a)
    | DnsServerLearned(a)
    | DnsServerExpired(a)
    | NeighborUnreachable(a)) = e;
    key(t, KEY_NET_EVENTS + kind);
    key_ip(t, KEY_ADDR, a);
    if kind == 0 {
        if a.is_link_local() {
            key(t, KEY_LINK);
        } else {
            // The /64 prefix: the first four groups written, the
            // interface identifier as zeros (no zeroed copy built).
            key(t, KEY_GLOBAL_PREFIX);
            t.ipv6_prefix(a, 4);
            key(t, KEY_SLASH_64);
        }
    } else if kind == 1 {
        key(t, KEY_DUPLICATE);
    }
}

/// The names of the NTP rejection reasons ([`sntp::Reject`], in its
/// order) in event lines and on the display, packed ([`TextBuf::name`]).
const NTP_REJECT_NAMES: &str = "wrong_source\0truncated\0bad_version\0bad_mode\0\
    not_expected\0bad_origin\0kiss_deny\0kiss_rate\0kiss_other\0unsynchronized\0\
    bad_stratum\0zero_transmit\0root_distance";

/// The names of the DNS rejection reasons ([`dns::Reject`], in its order).
const DNS_REJECT_NAMES: &str = "wrong_source\0wrong_port\0unexpected\0malformed\0\
    wrong_id\0not_response\0question_mismatch";

/// The names of the lookup failures (in [`failure_index`] order).
const FAILURE_NAMES: &str = "invalid_name\0name_too_long\0nxdomain\0nodata\0\
    server_error\0truncated\0timeout\0no_server\0too_many_cnames";

/// The names of the drop reasons, indexed by [`DropReason`]'s value (the
/// node orders them for short constants on the MSP430, not by name).
const DROP_NAMES: &str = "truncated\0wrong_mac\0icmp_ignored\0bad_ipv6\0\
    wrong_destination\0looped\0bad_checksum\0extension_header\0\
    invalid_ndp\0unknown_protocol\0not_ipv6\0no_listener\0rate_limited\0\
    buffer_too_small";

/// The kind of a resolver state: 0 idle, 1 resolving, 2 resolved, 3
/// failed (whatever the failure).
fn state_kind(state: dns::State) -> u8 {
    match state {
        dns::State::Idle => 0,
        dns::State::Resolving => 1,
        dns::State::Resolved => 2,
        dns::State::Failed(_) => 3,
    }
}

/// The position of `f` in [`FAILURE_NAMES`].
fn failure_index(f: Failure) -> usize {
    match f {
        Failure::InvalidName => 0,
        Failure::NameTooLong => 1,
        Failure::NxDomain => 2,
        Failure::NoData => 3,
        Failure::ServerError(_) => 4,
        Failure::Truncated => 5,
        Failure::Timeout => 6,
        Failure::NoServer => 7,
        Failure::TooManyCnames => 8,
    }
}

/// The name of an NTP rejection reason in event lines and on the display.
pub fn ntp_reject_name(r: sntp::Reject) -> &'static str {
    text::nth_name(NTP_REJECT_NAMES, r as usize)
}

/// The name of a DNS rejection reason in event lines.
pub fn dns_reject_name(r: dns::Reject) -> &'static str {
    text::nth_name(DNS_REJECT_NAMES, r as usize)
}

/// The name of a lookup failure in event lines and on the display.
pub fn failure_name(f: Failure) -> &'static str {
    text::nth_name(FAILURE_NAMES, failure_index(f))
}

/// The name of a drop reason, as in the host runner's lines.
pub fn drop_name(r: DropReason) -> &'static str {
    text::nth_name(DROP_NAMES, r as usize)
}

#[cfg(test)]
mod tests;
