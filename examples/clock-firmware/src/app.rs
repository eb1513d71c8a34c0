//! The network clock: a thin board layer around [`clock_app::ClockApp`].
//!
//! One loop: take the frames the ENC28J60 holds (its INT line is not wired:
//! EPKTCNT is polled), hand them to the application and send its answers;
//! let the application send what is due (router solicitation, DAD, MLD,
//! DNS, NTP); log its events on the UART; redraw the display lines that
//! changed when the shown second changes or a button was pressed; then sleep
//! in LPM3 until the next deadline, waking every [`IDLE_POLL_TICKS`] to look
//! for frames.
//!
//! The display flips at the second boundary: the loop turn and rendering
//! the screen's text take about 11 ms at 3.9 MHz (measured in the
//! simulator: 3 ms, then 8 ms), so the loop wakes [`DRAW_LEAD`] before the
//! boundary, renders the text for a tick just past it ([`DRAW_PAST`]),
//! sleeps until that tick and then writes the changed lines (17 ms for
//! the time and the sync age): the first byte lands 0.7 ms after the
//! boundary instead of 11.5 ms. A frame that arrives meanwhile waits at
//! most the lead and the writing (37 ms; before, the rendering, the
//! writing and a 20 ms sleep, 48 ms), and none is awaited then: a due NTP
//! request is sent by the polls before the redraw and its reply is
//! awaited with the redraw held back, as before.
//!
//! NTP timestamps: the request's T1 is the software clock at the tick count
//! given to `poll`, the reply's T4 at the count given to `receive`. Both
//! are made to match the moments the frames leave and arrive: a due request
//! is built for a moment [`TX_HOLD`] ahead and held until then (building it
//! and reading the clock take 2-4 ms at 3.9 MHz, sending its 90 bytes about
//! 2 ms: without the hold T1 would be 5 ms early and the clock set 2.5 ms
//! late), and right after it the loop polls EPKTCNT without sleeping until
//! a frame arrives (up to [`REPLY_WAIT_TICKS`]), reading the tick count at
//! once.

// The bring-up image (feature `selftest`) does not start the application.
#![cfg_attr(feature = "selftest", allow(dead_code))]

use core::mem::MaybeUninit;
use core::ptr::addr_of_mut;

use clock_app::text::TextBuf;
#[cfg(feature = "event-log")]
use clock_app::EVENT_LINE;
use clock_app::{AppConfig, ClockApp, ScreenText, ROWS};
use enc28j60::{Config, Enc28j60, RxFrame};
use microip6::clock::Tz;
use microip6::wire::MacAddress;
use proiot3::spi::Spi;
use proiot3::time::{self, Delay};
use proiot3::wide::{add16, add_2000, behind, bits_15_to_30, rotate_left_5};
use proiot3::{io, watchdog, Board};

/// The NTP server's DNS name: `CLOCK_NTP_SERVER` at build time, else
/// `pool.ntp.org`.
const NTP_SERVER: &str = match option_env!("CLOCK_NTP_SERVER") {
    Some(name) => name,
    None => "pool.ntp.org",
};

/// The local time zone (POSIX TZ): `CLOCK_TZ` at build time, else UTC.
/// Central Europe: `CLOCK_TZ="CET-1CEST,M3.5.0,M10.5.0/3"`.
const TZ_STR: &str = match option_env!("CLOCK_TZ") {
    Some(tz) => tz,
    None => "UTC0",
};

/// [`TZ_STR`] parsed by the compiler: a bad `CLOCK_TZ` fails the build,
/// and the parser (about 1.2 KB) is not in the image. A `static` in flash
/// the application refers to (not a copy in RAM).
static TZ: Tz = match Tz::parse(TZ_STR) {
    Ok(t) => t,
    Err(_) => panic!("bad CLOCK_TZ"),
};

/// The one frame buffer. Frames up to its length are read whole; a longer
/// one is read cut (`Enc28j60::receive_cut`: the first 350 bytes stored,
/// the rest summed), which the stack only takes for a UDP datagram whose
/// checksum it verifies from that sum: a DNS answer over UDP, up to 512
/// bytes without EDNS(0) (RFC 1035 4.2.1: a 574-byte frame), gives the
/// resolver the records held whole, 288 bytes of the message (about 9
/// AAAA records after a question for `pool.ntp.org`; it keeps 3).
///
/// 350 holds, whole: Neighbor Solicitations and Advertisements (86-90
/// bytes), MLD queries (90), ping6 with its default 56 bytes of data
/// (118), NTP replies (110), and Router Advertisements with their usual
/// options: SLLA, MTU, four prefixes, RDNSS with three servers and two
/// routes make 14 + 40 + 16 + 8 + 8 + 4 * 32 + 56 + 2 * 24 = 318 (a
/// longer RA is dropped, and counted). Between frames the buffer also
/// holds the screen's text (147 bytes) and an event line (128). 574 - 350
/// = 224 bytes of RAM less than a buffer for the largest DNS answer.
const FRAME_LEN: usize = 350;

/// ENC28J60 poll interval when nothing is expected (20 ms).
const IDLE_POLL_TICKS: u16 = 655;
/// Longest busy wait for the NTP reply (100 ms); a later reply is taken by
/// the ordinary 20 ms poll.
const REPLY_WAIT_TICKS: u16 = 3277;
/// Frames taken per loop turn before the application gets to poll.
const FRAMES_PER_TURN: u8 = 8;
/// How far ahead of the loop's tick count a due NTP request is stamped
/// (6 ms; see the module documentation).
const TX_HOLD: u16 = 197;
/// Time the driver takes to send an NTP request (2 ms at 3.9 MHz, measured
/// in the simulator: SPI at 1.97 MHz and the driver's register writes).
const TX_TICKS: u16 = 66;
/// How long before a second boundary the loop wakes to render the next
/// second's screen (20 ms: the loop turn and the rendering take about
/// 11 ms, measured in the simulator, and a frame taken in that turn up to
/// 9.5 ms more).
const DRAW_LEAD: u16 = 655;
/// The screen is rendered ahead when the boundary is less than this far:
/// the lead and 1 ms for a wake at the lead that finds the boundary a few
/// ticks further ([`ticks_to_second`]'s rounding, the clock's rate).
const DRAW_WINDOW: u16 = DRAW_LEAD + 33;
/// Ticks added to [`ticks_to_second`]'s count to the boundary for the tick
/// the screen drawn ahead is rendered for and written at. That count is
/// never short and up to 1 tick long (the fraction's part of a tick
/// dropped), the clock's rate correction (at most 1,000 ppm: 500 of
/// frequency correction and 500 of slew) 0.66 tick over the lead: 3 ticks
/// put the tick past the boundary (0.06 to 0.13 ms, at least 2.3 ticks
/// in the worst case), so the screen is the next second's, which the loop counts
/// as shown. (6 while the count came from microseconds, up to 2 ticks
/// short.)
const DRAW_PAST: u16 = 3;
/// Wait before retrying a failed ENC28J60 initialisation.
const ENC_RETRY_MS: u32 = 2000;

type Eth = Enc28j60<Spi, Delay>;

/// The application: all zero bytes in `.bss` ([`ClockApp::UNCONFIGURED`]),
/// set up in place by [`start`].
static mut APP: ClockApp = ClockApp::UNCONFIGURED;
/// The frame buffer lent to the driver and the application.
static mut FRAME: [u8; FRAME_LEN] = [0; FRAME_LEN];
/// The ENC28J60 driver, set up in place by [`start_ethernet`] in [`run`]
/// (uninit until then, in `.bss`): at a fixed address, each `&mut` to it is an
/// immediate (2 B less than one into the loop's frame) and its 40-odd
/// bytes are off the loop's frame, under every call.
static mut ETH: MaybeUninit<Eth> = MaybeUninit::uninit();
/// The loop's clock and what the display shows: all zero at the start
/// (the counter started at 0 and is read within 18 hours, so the first
/// reading's count is not behind `ticks`; nothing drawn yet), in `.bss`:
/// off the loop's frame, under every call, and no clearing code.
static mut SHOWN: Shown = Shown {
    clock: Monotonic {
        last_high: 0,
        high_ms: 0,
        ms: 0,
        ticks: 0,
    },
    lines: [0; ROWS],
    second: 0,
    current: false,
    synced: false,
};

/// After an NTP request ([`AWAITING_REPLY`]), the tick count until which
/// the reply is awaited awake even when other frames come first (the
/// server's Neighbor Solicitation): T4 is the tick count when the reply
/// is fetched, and a reply left in the chip during a sleep would be
/// stamped late. Statics, not locals: the loop's registers are all taken.
///
/// The low 16 bits of that count: compared by their signed 16-bit
/// difference, right while the loop looks within 0.9 s past it (every
/// turn of the loop does, while a reply is awaited).
static mut REPLY_UNTIL: u16 = 0;
/// True from an NTP request until its reply or [`REPLY_UNTIL`].
static mut AWAITING_REPLY: bool = false;

/// The application's time from the 32-bit 32768 Hz tick counter: the
/// milliseconds (wrapping `u32`, as the stack takes them) and the tick
/// count, read together by [`Monotonic::read`].
struct Monotonic {
    /// The counter's high half at the last reading.
    last_high: u16,
    /// Milliseconds (modulo 2^32) when the counter's high half became
    /// `last_high`.
    high_ms: u32,
    /// Milliseconds (modulo 2^32) at the last reading.
    ms: u32,
    /// The latest tick count given to the application: never older than
    /// one it was given already (polls get counts ahead, see the module
    /// documentation).
    ticks: u32,
}

impl Monotonic {
    /// Reads the time from the counter now (readings at least every 36
    /// hours), the application's tick count `ahead` of it. 32-bit
    /// arithmetic only. The counter is read here: one call of
    /// `time::ticks` and its result's moves, not one per caller.
    #[inline(never)]
    fn read(&mut self, ahead: u16) {
        let ticks = time::ticks();
        let high = (ticks >> 16) as u16;
        // 2^16 ticks are 2000 ms: 2000 per step of the high half since the
        // last reading (0 or 1 step but at the first reading; also across
        // the counter's wrap, every 36 h): no multiply.
        while self.last_high != high {
            self.last_high = self.last_high.wrapping_add(1);
            add_2000(&mut self.high_ms);
        }
        // The low half's share is the high word of its product with 2000.
        // (At most 1999: a 16-bit value.)
        self.ms = add16(
            self.high_ms,
            ((u32::from(ticks as u16) * 2000) >> 16) as u16,
        );
        let t = add16(ticks, ahead);
        // Not behind `self.ticks` (by its signed difference; equal counts
        // may be stored again).
        if !behind(t, self.ticks) {
            self.ticks = t;
        }
    }
}

/// Offsets of the UDP source and destination ports in a frame whose UDP
/// header follows the fixed IPv6 header (14 + 40).
const SRC_PORT: usize = 54;
const DST_PORT: usize = 56;

/// True for an IPv6 frame of `len` bytes in `frame` carrying UDP (next
/// header 17; the stack adds no extension headers) with port 123 at
/// `port_at` ([`SRC_PORT`]: an NTP reply, [`DST_PORT`]: a request).
#[inline(never)]
fn is_ntp(frame: &[u8; FRAME_LEN], len: usize, port_at: usize) -> bool {
    len > port_at + 1
        && frame[port_at] == 0
        && frame[port_at + 1] == 123
        && frame[20] == 17
        && frame[12] == 0x86
}

/// True while an NTP reply is awaited (see [`REPLY_UNTIL`]); forgets the
/// wait once it is over.
fn awaiting_reply() -> bool {
    // SAFETY: only the loop touches them (no interrupt handler).
    unsafe {
        if AWAITING_REPLY {
            // The counter first, the deadline after the call (no
            // register kept across it for the deadline: 6 B less).
            let now = time::ticks() as u16;
            if REPLY_UNTIL.wrapping_sub(now) as i16 <= 0 {
                AWAITING_REPLY = false;
            }
        }
        AWAITING_REPLY
    }
}

/// Ticks from the counter now to `deadline`, by the low 16 bits of both:
/// their wrapping difference (as `i16`, positive while the deadline is
/// ahead, for deadlines less than 1 s away; the wake loop reads it
/// unsigned, see there). Three of the loop's four deadline tests share
/// it ([`awaiting_reply`] reads the counter before its static deadline);
/// left to inlining (`time::ticks` is out of line already; a call of
/// this was 4 B more).
fn ticks_until(deadline: u16) -> u16 {
    deadline.wrapping_sub(time::ticks() as u16)
}

/// Writes `bytes` and a line end to the console.
fn line(board: &mut Board, bytes: &[u8]) {
    board.console.write(bytes);
    board.console.write(b"\r\n");
}

/// The greeting: the firmware's name and the MAC, two lines written in
/// the frame buffer (not yet in use: no buffer to clear on the stack) and
/// sent as one (one console call less than a line each).
#[inline(never)]
fn greet(board: &mut Board) {
    // SAFETY: `greet` runs first in `run`, before the loop takes the only
    // other reference to the frame buffer; the reference ends here.
    let buf = unsafe { &mut *addr_of_mut!(FRAME) };
    let mut t = TextBuf::new(buf);
    t.str("\r\nproiot3 clock firmware\r\nmac ");
    t.mac(&MacAddress(board.mac));
    let n = t.len();
    // Always there (the writer stops at the buffer's end): a test rather
    // than the bounds check's call (4 B less).
    if let Some(text) = buf.get(..n) {
        line(board, text);
    }
}

/// Runs forever with the initialised board.
#[cfg_attr(feature = "selftest", allow(unreachable_code, unused_variables))]
pub fn run(mut board: Board) -> ! {
    greet(&mut board);

    // The bring-up image (`cargo xtask boot-test`): the helper self-test,
    // then an idle loop; the network clock does not fit beside it.
    #[cfg(feature = "selftest")]
    {
        let failures = crate::selftest::abi_selftest();
        let mut buf = [0u8; 32];
        let mut t = TextBuf::new(&mut buf);
        t.str("abi selftest: ");
        if failures == 0 {
            t.str("ok");
        } else {
            t.u32(u32::from(failures));
            t.str(" FAILED");
        }
        let n = t.len();
        line(&mut board, &buf[..n]);
        watchdog::start();
        loop {
            time::sleep_ms(250);
        }
    }

    // SAFETY: `run` is entered once (it never returns) after `start`
    // configured `APP` (see `main`), and these are the only references to
    // the application, the frame buffer and `SHOWN` (`greet`'s ended);
    // statics keep them off the stack and at fixed addresses (much less
    // code than through pointers).
    let (app, frame, shown) = unsafe {
        (
            &mut *addr_of_mut!(APP),
            &mut *addr_of_mut!(FRAME),
            &mut *addr_of_mut!(SHOWN),
        )
    };
    watchdog::start();
    let eth = start_ethernet(&mut board);

    let mut buttons = 0u8;
    'turn: loop {
        // Frames first: their arrival time is the tick count read just
        // before the driver fetches them.
        for _ in 0..FRAMES_PER_TURN {
            // Read before the driver fetches the frame (and again, to no
            // harm, when there is none).
            shown.clock.read(0);
            let Some(rx) = take_frame(eth, frame) else {
                break;
            };
            let stored = usize::from(rx.stored);
            // UDP from port 123: the NTP reply awaited, if any, is here.
            // (Cleared without a branch: an `and.b` of the test's negation;
            // with it `show` tests the flag without branches too, 8 B less.)
            let ntp = is_ntp(frame, stored, SRC_PORT);
            // SAFETY: only this loop touches it (no interrupt handler).
            unsafe { AWAITING_REPLY &= !ntp };
            if let Some(n) = app.receive_cut(
                frame,
                stored,
                usize::from(rx.len),
                rx.tail_sum,
                shown.clock.ms,
                shown.clock.ticks,
            ) {
                send(eth, frame, n);
            }
        }
        // While an NTP reply is awaited only frames are taken: a poll
        // would move the application's tick count ahead (T4 would get it),
        // the console and the display would delay the reply's stamp.
        if !awaiting_reply() {
            loop {
                // Every poll is stamped ahead (the application cannot say
                // which call builds the request); readings after it repeat
                // that time until the counter catches up (at most 6 ms early).
                shown.clock.read(TX_HOLD);
                let t1 = shown.clock.ticks;
                let Some(n) = app.poll(frame, shown.clock.ms, t1) else {
                    break;
                };
                let ntp = is_ntp(frame, n, DST_PORT);
                if ntp {
                    // Until the counter reaches `t1 - TX_TICKS`, by the
                    // low halves' signed difference (`t1` is at most
                    // TX_HOLD ahead).
                    let start = (t1 as u16).wrapping_sub(TX_TICKS);
                    while ticks_until(start) as i16 > 0 {}
                }
                send(eth, frame, n);
                if ntp {
                    // SAFETY: only this loop touches them (no interrupt handler).
                    unsafe {
                        REPLY_UNTIL = (time::ticks() as u16).wrapping_add(REPLY_WAIT_TICKS);
                        AWAITING_REPLY = true;
                    }
                    // The reply: wait awake, then straight to the top of the
                    // loop, which reads the tick count and takes the frame.
                    while awaiting_reply() && frames_pending(eth) == 0 {}
                    continue 'turn;
                }
            }
            log_events(&mut board, app, frame);
        }

        // The display: once per shown second (local time once synced,
        // uptime before), at once after a button.
        buttons |= io::take_button_events();
        shown.clock.read(0);
        if buttons != 0 {
            buttons = 0;
            app.button_next(shown.clock.ms);
            shown.current = false;
        }
        let (wait, drew) = show(&mut board, app, shown, frame);
        // A frame that came during the redraw is taken at once, not after
        // the next sleep. (Only here: the sleeps feed the watchdog, and a
        // flood must not keep the loop from them.)
        if drew && frames_pending(eth) != 0 {
            continue 'turn;
        }
        // The low 16 bits of the wake's tick count: it is at most 1.03 s
        // ahead of the counter (`wait` and TX_HOLD), and the loop looks
        // again at least every IDLE_POLL_TICKS (and the time a frame or a
        // button takes), so a 16-bit difference from 0xC000 up (0.5 s
        // behind) is a wake passed: no 32-bit arithmetic.
        let wake = (shown.clock.ticks as u16).wrapping_add(wait);
        loop {
            let left = ticks_until(wake);
            if left == 0 || left >= 0xC000 {
                break;
            }
            if !awaiting_reply() {
                time::sleep_ticks(left.min(IDLE_POLL_TICKS));
            }
            buttons |= io::take_button_events();
            if buttons != 0 || frames_pending(eth) != 0 {
                break;
            }
        }
    }
}

/// What the display shows, kept across the loop's turns, and the time
/// (in one struct: [`show`]'s arguments fit the four argument registers).
struct Shown {
    /// The time last read.
    clock: Monotonic,
    /// A 16-bit hash of each line drawn (see [`draw`]).
    lines: [u16; ROWS],
    /// The low 16 bits of the second shown (UTC once synced, uptime
    /// before): enough to notice the next one.
    second: u16,
    /// The lines drawn are current: false draws at the next turn whatever
    /// the second (at the start, after a button; false rather than a
    /// `redraw` flag: the struct is all zero at the start, in `.bss`).
    current: bool,
    /// The time was known at the last redraw (`synced` logged).
    synced: bool,
}

/// The display's part of a loop turn at the time last read into `clock`:
/// redraws when the shown second changes (not while an NTP reply is
/// awaited) and says how long to sleep from `clock.ticks`, and whether
/// it drew. Out of line: its locals (the UTC reading, the next poll) are
/// not on the loop's frame under `receive` and `poll`, the deepest calls.
#[inline(never)]
fn show(
    board: &mut Board,
    app: &mut ClockApp,
    shown: &mut Shown,
    frame: &mut [u8; FRAME_LEN],
) -> (u16, bool) {
    // The milliseconds are read from `shown` where they are used (the
    // redraw, the next poll), not kept across the calls between: nothing
    // here changes them, and a load from the static is no longer than the
    // stack slot's (24 B less: no spill).
    let ticks = shown.clock.ticks;
    // SAFETY: only the loop touches it (no interrupt handler). The loop's
    // `awaiting_reply()` of this turn: it is not changed since (a request
    // sent starts the turn again).
    let awaiting = unsafe { AWAITING_REPLY };
    let utc = app.utc_fraction(ticks);
    let (mut second, to_next) = match utc {
        Some((s, fraction)) => (s as u16, ticks_to_second(fraction)),
        // Uptime seconds (the low 16 bits of ticks >> 15: one rotate of
        // the halves, no 15-step shift of a 32-bit value on the MSP430).
        None => (bits_15_to_30(ticks), 0x8000 - (ticks as u16 & 0x7FFF)),
    };
    // Near the boundary, the screen of the next second, drawn at a tick
    // just past the boundary (the `now` given is the current one: the
    // ages and timeouts shown are of whole seconds).
    let mut at = ticks;
    // Drawn ahead: 0x8000 more ticks to sleep after the redraw (on to
    // the next second's early wake), else 0; tested as the flag.
    let mut ahead_wait = 0u16;
    if to_next < DRAW_WINDOW {
        at = add16(ticks, to_next + DRAW_PAST);
        second = second.wrapping_add(1);
        ahead_wait = 0x8000;
    }
    let ahead = ahead_wait != 0;
    let mut wait = to_next + 1;
    // The first synced screen is drawn whatever its second (only 16 bits
    // of the seconds are compared).
    let syncing = utc.is_some() && !shown.synced;
    let drew = (!shown.current || syncing || second != shown.second) && !awaiting;
    if drew {
        // Before the redraw: `ahead_wait` is not kept across it (16 B
        // less: the draw loop needs every register).
        wait += ahead_wait;
        shown.second = second;
        shown.current = true;
        if syncing {
            shown.synced = true;
            line(board, b"synced");
        }
        let now = shown.clock.ms;
        draw(board, app, now, at, ahead, &mut shown.lines, frame);
    }

    // Sleep until the next deadline, the next second's early wake
    // ([`DRAW_LEAD`] before the boundary, else one tick past it) or a
    // button. `wait` is at most 0x8000 + DRAW_WINDOW ticks (1.02 s).
    if wait > DRAW_WINDOW {
        wait -= DRAW_LEAD;
    }
    if let Some(in_ms) = app.poll_in(shown.clock.ms) {
        // ms * 32.768 ticks, rounded up, in 16-bit steps: 32 + 25/32
        // = 32 + 1 - 1/4 + 1/32 (0.013 ticks per ms late: 0.42 ms over
        // the longest `wait`, which the 1100 ms cap is above).
        let ms = in_ms.min(1100) as u16;
        wait = wait.min((ms << 5) + ms - (ms >> 2) + (ms >> 5) + 1);
    }
    (wait, drew)
}

/// Sets up the application in `APP`, in place, from the board's MAC and
/// seed and the build-time settings. Called by `main` before [`run`].
#[inline(never)]
pub fn start(board: &Board) {
    let mut config = AppConfig::new(MacAddress(board.mac), board.seed);
    config.ntp_server_name = NTP_SERVER;
    config.tz = &TZ;
    config.optimistic_dad = true;
    config.tick_hz = time::TICK_HZ;
    // SAFETY: `start` is called once, before `run`: no other reference to
    // the application exists.
    let app = unsafe { &mut *addr_of_mut!(APP) };
    // Called once, on the `.bss` static (all zero since reset).
    app.configure_unconfigured(config);
}

/// Takes the application's events, each as the application's text line on
/// the console (feature `event-log`, on by default; without it they are
/// only drained). `synced` is logged at the first sync either way. The
/// line is written in the frame buffer, free between the application's
/// calls: 128 bytes less of stack under the loop.
#[inline(never)]
fn log_events(_board: &mut Board, app: &mut ClockApp, _frame: &mut [u8; FRAME_LEN]) {
    while let Some(_e) = app.poll_event() {
        #[cfg(feature = "event-log")]
        {
            const _: () = assert!(EVENT_LINE <= FRAME_LEN);
            let text = &mut _frame[..EVENT_LINE];
            let n = app.event_text(&_e, text);
            // Always there (at most EVENT_LINE bytes): a test rather than
            // the bounds check's call.
            if let Some(text) = text.get(..n) {
                line(_board, text);
            }
        }
    }
}

#[inline(never)]
/// Initialises the ENC28J60 until it answers (retrying every
/// [`ENC_RETRY_MS`], the console saying so) and sets its multicast filter:
/// all-nodes and our solicited-node group (every address of ours ends in
/// the interface identifier from the MAC, RFC 4862 5.3 / RFC 2464 4).
fn start_ethernet(board: &mut Board) -> &'static mut Eth {
    let mac = board.mac;
    loop {
        // SAFETY: called once, by `run`, before any other reference to
        // the driver; a try's reference ends with its error (the one of
        // the successful try is returned).
        let slot = unsafe { &mut *addr_of_mut!(ETH) };
        match Enc28j60::new_in(slot, board.spi.clone(), Delay, Config::new(mac)) {
            Ok(eth) => {
                let [_, _, _, low24 @ ..] = &board.mac;
                let _ = eth.set_ipv6_multicast_filter(low24);
                let rev = eth.revision();
                if !rev.is_known() {
                    line(board, b"enc28j60 rev?");
                }
                return eth;
            }
            Err(_) => {
                line(board, b"enc28j60?");
                time::sleep_ms(ENC_RETRY_MS);
            }
        }
    }
}

/// The next received frame, if any. A frame longer than the buffer comes
/// cut (see [`FRAME_LEN`]). In line in the loop (46 B less than a call):
/// its locals add 8 B to the loop's frame, under every other call (the
/// worst stack 334 -> 342 B in the simulator).
#[inline]
fn take_frame(eth: &mut Eth, frame: &mut [u8]) -> Option<RxFrame> {
    eth.receive_cut(frame).ok().flatten()
}

/// Sends the first `len` bytes of `frame` (a failure is the stack's to
/// retry: a lost frame).
#[inline(never)]
fn send(eth: &mut Eth, frame: &[u8; FRAME_LEN], len: usize) {
    if let Some(f) = frame.get(..len) {
        let _ = eth.transmit(f);
    }
}

/// The number of frames the ENC28J60 holds (EPKTCNT; 0 after an SPI
/// error, which the board's bus cannot have). The count rather than a
/// `bool`: the callers test it as it comes (8 B less than making a `bool`
/// of it here).
#[inline(never)]
fn frames_pending(eth: &mut Eth) -> u8 {
    eth.pending_frames().unwrap_or(0)
}

/// The 32768 Hz ticks from `fraction` (NTP's, units of 2^-32 s) past a
/// second to the next second: 2^15 - `fraction` / 2^17, the fraction's
/// whole ticks by its high half shifted once. Up to one tick long (the
/// fraction's part of a tick dropped), never short; the loop wakes one
/// tick past the boundary, and again if it was not reached.
fn ticks_to_second(fraction: u32) -> u16 {
    0x8000 - ((fraction >> 16) as u16 >> 1)
}

/// Draws the lines of the current screen at tick count `ticks` that
/// changed, from tick `ticks` on if `hold`: line 0 (the time)
/// twice the size on pages 0-1, lines 1..7 on pages 2..7. `shown` holds a
/// 16-bit hash of each line drawn (14 bytes of stack rather than a
/// 147-byte copy of the text): a rotate-xor, which tells apart any two
/// lines that differ in one character (the time's usual change); other
/// changes go undrawn with a chance of 2^-16, until the line changes again.
/// Inlined into its one caller, [`show`], which is off the loop's deepest
/// path (52 B less than a call with seven arguments).
// By index: the zip/enumerate chain over the lines and hashes was 16 B more.
#[allow(clippy::needless_range_loop)]
fn draw(
    board: &mut Board,
    app: &ClockApp,
    now: u32,
    ticks: u32,
    hold: bool,
    shown: &mut [u16; ROWS],
    frame: &mut [u8; FRAME_LEN],
) {
    // The screen's text in the frame buffer, free between frames (nothing
    // is kept in it across the application's calls): 147 bytes less of
    // stack under the redraw, the loop's deepest path.
    const _: () = assert!(core::mem::size_of::<ScreenText>() <= FRAME_LEN);
    // SAFETY: `ScreenText` is 7 x 21 bytes (alignment 1, every bit pattern
    // valid) and fits the buffer (asserted above); the reference is a
    // reborrow of `frame`, which is not used while it lives.
    let text = unsafe { &mut *frame.as_mut_ptr().cast::<ScreenText>() };
    app.render_into(app.current_screen(), now, ticks, text);
    // Rendered ahead (`hold`): the lines are written from tick `ticks`
    // on. (Otherwise `ticks` may be the poll's count, up to [`TX_HOLD`]
    // ahead of the counter: written at once, as before.)
    if hold {
        let left = ticks_until(ticks as u16) as i16;
        if left > 0 {
            // One alarm, to the tick.
            time::sleep_ticks(left as u16);
        }
    }
    for i in 0..ROWS {
        let line = &text.lines[i];
        let mut hash = 1u16;
        for &b in line {
            hash = rotate_left_5(hash) ^ u16::from(b);
        }
        if hash == shown[i] {
            continue;
        }
        shown[i] = hash;
        // Whole lines, trailing spaces included: they clear what a longer
        // text left (the time line is cut after 9 characters, column 124).
        let (page, col, scale) = if i == 0 {
            (0, 16, 2)
        } else {
            (i as u8 + 1, 1, 1)
        };
        board.display.text(page, col, line, scale);
    }
}
