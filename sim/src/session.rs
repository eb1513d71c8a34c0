//! A simulation run: the board on a network ([`Network`]: none, the
//! virtual segment or a TAP), button presses, a pcap capture, an optional
//! instruction trace, and the final [`Report`].
//!
//! [`Session::run_until`] runs the board in slices that end at the next
//! network event, so a frame reaches the ENC28J60 at its exact arrival
//! time (within one instruction); slices are never longer than the
//! round-trip path delay, so an answer to a frame sent during a slice
//! cannot be due before the slice ends.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};

use crate::board::{Board, Pacer, Stop};
use crate::clock::PS_PER_S;
use crate::disasm;
use crate::net::pcap::PcapWriter;
use crate::net::tap::Tap;
use crate::net::{NetConfig, VirtualNet};
use crate::perf::{FrameCost, FrameKind};
use enc28j60::model::InjectResult;

/// Top of the F1611 RAM (the initial stack pointer of msp430-rt).
pub const RAM_TOP: u32 = 0x3900;
/// Display time changes kept in [`Session::shown_times`] (a day of seconds).
pub const MAX_SHOWN_TIMES: usize = 86_400;
/// F1611 RAM size, bytes.
pub const RAM_SIZE: u32 = 10 * 1024;

/// Where the board's Ethernet goes.
pub enum Network {
    /// Nowhere: frames sent are counted and dropped.
    None,
    /// The in-process segment with router, DNS and NTP server.
    Virtual(Box<VirtualNet>),
    /// A Linux TAP interface (the run is paced to real time).
    Tap(Tap),
}

/// Frame counters of the board's side of the wire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrameCounters {
    /// Frames the board sent.
    pub out: u64,
    /// Frames that reached the ENC28J60.
    pub delivered: u64,
    /// Of those, refused by the chip (filters, reception off, overflow).
    pub refused: u64,
}

/// A run in progress.
pub struct Session {
    /// The board.
    pub board: Board,
    /// Its network.
    pub net: Network,
    /// Frame counters.
    pub frames: FrameCounters,
    /// Bytes of static RAM (.data + .bss) of the image, if known.
    pub static_ram: Option<u32>,
    pcap: Option<PcapWriter<BufWriter<File>>>,
    /// (time ps, button, pressed), sorted.
    buttons: Vec<(u64, u8, bool)>,
    pacer: Option<Pacer>,
    trace: Option<Box<dyn Write>>,
    /// Unix microseconds at simulated time 0 (pcap timestamps).
    epoch_us: u64,
    /// GDDRAM writes seen by the last display check.
    display_seen: u64,
    /// Each change of the time of day the display shows: (start time of
    /// the update burst that drew it, ps; seconds since midnight shown).
    pub shown_times: Vec<(u64, u32)>,
    /// Per-frame costs ([`Session::measure_frames`]); `None`: not measured.
    pub frame_costs: Option<Vec<FrameCost>>,
    /// Hostile frames ([`Session::flood`]): source, next time, interval,
    /// end (ps).
    flood: Option<(crate::flood::Flood, u64, u64, u64)>,
}

/// Longest a measured frame may take to be handled, ps.
const SETTLE_LIMIT_PS: u64 = PS_PER_S / 20;

impl Session {
    /// A session for `board` on `net`. TAP networks are paced to real time.
    pub fn new(board: Board, net: Network) -> Self {
        let epoch_us = match &net {
            Network::Virtual(v) => (v.config().true_unix_ps(0) / 1_000_000) as u64,
            _ => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_micros() as u64)
                .unwrap_or(0),
        };
        let pacer = matches!(net, Network::Tap(_)).then(|| Pacer::new(board.now_ps(), 1.0));
        Session {
            board,
            net,
            frames: FrameCounters::default(),
            static_ram: None,
            pcap: None,
            buttons: Vec::new(),
            pacer,
            trace: None,
            epoch_us,
            display_seen: 0,
            shown_times: Vec::new(),
            frame_costs: None,
            flood: None,
        }
    }

    /// The virtual network for `cfg`.
    pub fn virtual_net(cfg: NetConfig) -> Network {
        Network::Virtual(Box::new(VirtualNet::new(cfg)))
    }

    /// Writes every frame on the wire to `path` (pcap).
    pub fn capture(&mut self, path: &str) -> std::io::Result<()> {
        let f = BufWriter::new(File::create(path)?);
        self.pcap = Some(PcapWriter::new(f)?);
        Ok(())
    }

    /// Flushes the capture; returns the frames written.
    pub fn finish_capture(&mut self) -> std::io::Result<u64> {
        match self.pcap.take() {
            Some(w) => {
                let n = w.frames();
                w.finish()?;
                Ok(n)
            }
            None => Ok(0),
        }
    }

    /// Paces the run to the wall clock (`speed` 1.0 = real time).
    pub fn pace(&mut self, speed: f64) {
        self.pacer = Some(Pacer::new(self.board.now_ps(), speed));
    }

    /// Traces every instruction to `out` (time, cycle, address, mnemonic).
    pub fn trace_to(&mut self, out: Box<dyn Write>) {
        self.trace = Some(out);
    }

    /// Presses button `n` at `at_ps` for `hold_ps`.
    pub fn press(&mut self, n: u8, at_ps: u64, hold_ps: u64) {
        self.buttons.push((at_ps, n & 7, true));
        self.buttons.push((at_ps + hold_ps, n & 7, false));
        self.buttons.sort();
    }

    fn record(&mut self, t_ps: u64, frame: &[u8]) {
        if let Some(w) = &mut self.pcap {
            let _ = w.write(self.epoch_us + t_ps / 1_000_000, frame);
        }
    }

    fn longest_slice(&self) -> u64 {
        match &self.net {
            Network::Virtual(v) => {
                let c = v.config();
                (c.delay_to_hosts_ps + c.delay_to_board_ps).clamp(10_000_000, PS_PER_S / 100)
            }
            Network::Tap(_) => PS_PER_S / 1000,
            Network::None => PS_PER_S / 100,
        }
    }

    fn run_traced(&mut self, until: u64) -> Stop {
        let Some(out) = self.trace.as_mut() else {
            return self.board.run_until(until);
        };
        let end = self.board.devices().cycle_of_time(until);
        while self.board.cpu.cycles < end {
            let pc = self.board.cpu.pc();
            let sleeping = self.board.cpu.is_sleeping();
            if !sleeping {
                let chip = &self.board.chip;
                let (text, _) = disasm::disassemble(pc, &mut |a| chip.peek_word(a));
                let _ = writeln!(
                    out,
                    "{:>14.9} {:>12} {pc:04x}: {text}",
                    self.board.now_ps() as f64 / PS_PER_S as f64,
                    self.board.cpu.cycles
                );
            }
            match self.board.step() {
                crate::StepResult::Illegal(opcode) => return Stop::Illegal { pc, opcode },
                crate::StepResult::Sleeping => {
                    // Skip to the next event as the untraced loop does.
                    let next = self.board.devices().next_event_cycle().min(end);
                    let now = self
                        .board
                        .devices()
                        .time_of_cycle(next.max(self.board.cpu.cycles));
                    let stop = self.board.run_until(now.min(until));
                    if stop != Stop::TimeReached {
                        return stop;
                    }
                }
                _ => {}
            }
        }
        let c = self.board.cpu.cycles;
        self.board.devices_mut().sync(c);
        Stop::TimeReached
    }

    /// Runs until simulated time `t_ps` (or an illegal instruction),
    /// exchanging frames with the network and pressing buttons on the way.
    pub fn run_until(&mut self, t_ps: u64) -> Stop {
        let slice = self.longest_slice();
        while self.board.now_ps() < t_ps {
            let now = self.board.now_ps();
            let mut until = t_ps.min(now + slice);
            if let Network::Virtual(v) = &self.net {
                if let Some(te) = v.next_event_ps() {
                    until = until.min(te.max(now + 1));
                }
            }
            if let Some(&(at, _, _)) = self.buttons.first() {
                until = until.min(at.max(now + 1));
            }
            if let Some((_, next, _, end)) = &self.flood {
                if next < end {
                    until = until.min((*next).max(now + 1));
                }
            }
            let stop = self.run_traced(until);
            self.exchange();
            self.flood_due();
            self.watch_display();
            let now = self.board.now_ps();
            while let Some(&(at, n, pressed)) = self.buttons.first() {
                if at > now {
                    break;
                }
                self.board.set_button(n, pressed);
                self.buttons.remove(0);
            }
            if stop != Stop::TimeReached {
                return stop;
            }
            if let Some(p) = &self.pacer {
                p.wait(self.board.now_ps());
            }
        }
        Stop::TimeReached
    }

    /// Reads the display whenever its RAM changed: a new time of day
    /// shown is logged with the start of the update burst that drew it
    /// (slices are at most 10 ms). A slice may end while a redraw is half
    /// done, so the panel is read again after every slice with writes, and
    /// a later read within the same burst replaces that burst's entry: the
    /// log keeps what the finished redraw shows.
    fn watch_display(&mut self) {
        let d = self.board.devices();
        if d.display_write_count == self.display_seen {
            return;
        }
        self.display_seen = d.display_write_count;
        let Some(&burst) = d.display_updates.back() else {
            return;
        };
        let Some(shown) = crate::ocr::read_time(self.board.display()) else {
            return;
        };
        let n = self.shown_times.len();
        if n > 0 && self.shown_times[n - 1].0 == burst {
            // Same burst read again: keep only the final reading, and drop
            // it if it equals what the previous burst showed.
            if n > 1 && self.shown_times[n - 2].1 == shown.seconds {
                self.shown_times.pop();
            } else {
                self.shown_times[n - 1].1 = shown.seconds;
            }
        } else if self.shown_times.last().map(|&(_, s)| s) != Some(shown.seconds) {
            if n >= MAX_SHOWN_TIMES {
                self.shown_times.remove(0);
            }
            self.shown_times.push((burst, shown.seconds));
        }
    }

    /// Measures the cost of every frame the network delivers while the
    /// board is idle ([`crate::perf`]); the results collect in
    /// [`Session::frame_costs`]. While a frame is being measured the board
    /// is stepped until it is idle again (at most 50 ms), the network
    /// running alongside; a frame that arrives meanwhile voids the
    /// measurement, and frames delivered together are not measured.
    ///
    /// One exception to "while idle": an NTP reply is measured when the
    /// CPU is awake with nothing else in hand (no frame waiting in the
    /// ENC28J60; USART1 may be busy with its EPKTCNT poll), because the clock firmware awaits it awake,
    /// polling the chip and doing nothing else (its timestamp T4 is the
    /// moment it is fetched). Its cost counts from its arrival until the
    /// board sleeps again: fetching, processing, and the rest of that loop
    /// turn (the console line and the redraw the firmware held back while
    /// it waited). Cycles spent waiting before the arrival are not counted.
    pub fn measure_frames(&mut self) {
        self.frame_costs.get_or_insert_with(Vec::new);
    }

    /// The board is idle: CPU in a low-power mode, no received frame
    /// waiting in the ENC28J60, USART1 not shifting.
    pub fn board_idle(&self) -> bool {
        let d = self.board.devices();
        self.board.cpu.is_sleeping() && d.enc.pending_frames() == 0 && !d.usart1.busy()
    }

    /// Steps the board until it is idle ([`Session::board_idle`]) or time
    /// `limit_ps`; true if idle. The network runs alongside: frames the
    /// board sends go to it at once, and it runs to each of its events in
    /// time (hosts answering them, the router's ticks). A frame it delivers
    /// to the board meanwhile ends the measurement (false): the window
    /// would hold two frames' costs.
    fn settle(&mut self, limit_ps: u64) -> bool {
        loop {
            if self.board_idle() {
                return true;
            }
            if !self.board.devices().tx_frames.is_empty() {
                self.forward_sent();
            }
            let now = self.board.now_ps();
            let mut net_next = u64::MAX;
            if let Network::Virtual(v) = &mut self.net {
                if v.next_event_ps().is_some_and(|te| te <= now) {
                    let incoming = v.poll(now);
                    if !incoming.is_empty() {
                        for (t, f) in incoming {
                            self.record(t, &f);
                            let _ = self.deliver_measured(t, &f, false);
                        }
                        return false;
                    }
                }
                if let Network::Virtual(v) = &self.net {
                    net_next = v.next_event_ps().unwrap_or(u64::MAX);
                }
            }
            if now >= limit_ps {
                return false;
            }
            match self.board.step() {
                crate::StepResult::Illegal(_) => return false,
                crate::StepResult::Sleeping => {
                    if self.board_idle() {
                        return true;
                    }
                    let d = self.board.devices();
                    let next = d.time_of_cycle(d.next_event_cycle().max(self.board.cpu.cycles));
                    let until = next.min(limit_ps).min(net_next).max(now + 1);
                    let _ = self.board.run_until(until);
                }
                _ => {}
            }
        }
    }

    /// Delivers `frame` to the ENC28J60 now and, if the board was idle,
    /// measures what handling it cost (also recorded in
    /// [`Session::frame_costs`] when measuring). The frame goes into the
    /// capture and counts as delivered.
    pub fn inject_measured(&mut self, frame: &[u8]) -> Option<FrameCost> {
        let now = self.board.now_ps();
        self.record(now, frame);
        self.deliver_measured(now, frame, true)
    }

    /// Delivers a frame from `flood` every `interval_ps` from `start_ps`
    /// until `end_ps` (outside the network's schedule, captured, counted
    /// as delivered); [`Session::flood_sent`] counts them.
    pub fn flood(
        &mut self,
        flood: crate::flood::Flood,
        start_ps: u64,
        interval_ps: u64,
        end_ps: u64,
    ) {
        self.flood = Some((flood, start_ps, interval_ps.max(1), end_ps));
    }

    /// Hostile frames delivered so far by [`Session::flood`].
    pub fn flood_sent(&self) -> u64 {
        self.flood.as_ref().map_or(0, |f| f.0.sent)
    }

    fn flood_due(&mut self) {
        let now = self.board.now_ps();
        loop {
            let Some((flood, next, interval, end)) = &mut self.flood else {
                return;
            };
            if *next > now || *next >= *end {
                return;
            }
            *next += *interval;
            let f = flood.next_frame();
            self.inject(&f);
        }
    }

    /// Delivers `frame` to the ENC28J60 now (captured, counted as
    /// delivered), outside the network's schedule: e.g. hostile frames.
    pub fn inject(&mut self, frame: &[u8]) {
        let now = self.board.now_ps();
        self.record(now, frame);
        let _ = self.deliver_measured(now, frame, false);
    }

    fn deliver_measured(&mut self, t: u64, frame: &[u8], measure: bool) -> Option<FrameCost> {
        let idle = measure && (self.board_idle() || self.awaited_reply(frame));
        let before = (
            self.board.stats().cycles_awake,
            self.board.devices().spi_busy_ps,
            self.board.devices().spi_bytes,
            self.frames.out + self.board.devices().tx_frames.len() as u64,
            self.board.devices().console_bytes,
            self.board.devices().display_write_count,
        );
        self.frames.delivered += 1;
        if self.board.inject_frame(frame) != InjectResult::Accepted {
            self.frames.refused += 1;
        }
        if let Network::Virtual(v) = &mut self.net {
            v.note_delivery(t, frame);
        }
        if !idle {
            return None;
        }
        if !self.settle(t + SETTLE_LIMIT_PS) {
            return None;
        }
        let d = self.board.devices();
        let spi_ps = d.spi_busy_ps - before.1;
        let cost = FrameCost {
            kind: FrameKind::of(frame),
            len: frame.len(),
            at_ps: t,
            awake_cycles: self.board.stats().cycles_awake - before.0,
            spi_cycles: d.cycle_of_time(t + spi_ps) - d.cycle_of_time(t),
            spi_bytes: d.spi_bytes - before.2,
            frames_sent: self.frames.out + d.tx_frames.len() as u64 - before.3,
            console_bytes: d.console_bytes - before.4,
            display_writes: d.display_write_count - before.5,
            settle_ps: self.board.now_ps() - t,
        };
        if let Some(v) = &mut self.frame_costs {
            v.push(cost);
        }
        Some(cost)
    }

    /// An NTP reply arriving while the CPU is awake with no frame waiting
    /// in the ENC28J60: the firmware is polling for it (see
    /// [`Session::measure_frames`]). USART1 may be busy: the firmware
    /// polls EPKTCNT over it almost continuously while it waits, so
    /// requiring it idle made the measurement depend on the poll's phase
    /// (1 of 5 replies measured); at most the rest of one poll (a few SPI
    /// bytes) is counted with the reply.
    fn awaited_reply(&self, frame: &[u8]) -> bool {
        let d = self.board.devices();
        FrameKind::of(frame) == FrameKind::NtpReply
            && !self.board.cpu.is_sleeping()
            && d.enc.pending_frames() == 0
    }

    /// Gives the frames the board sent to the network (and the capture).
    fn forward_sent(&mut self) {
        for (t, f) in self.board.take_frames_timed() {
            self.frames.out += 1;
            self.record(t, &f);
            match &mut self.net {
                Network::Virtual(v) => v.send_from_board(t, f),
                Network::Tap(tap) => {
                    let _ = tap.send(&f);
                }
                Network::None => {}
            }
        }
    }

    /// Moves frames between the board and the network at the current time.
    fn exchange(&mut self) {
        self.forward_sent();
        let now = self.board.now_ps();
        let incoming: Vec<(u64, Vec<u8>)> = match &mut self.net {
            Network::Virtual(v) => v.poll(now),
            Network::Tap(tap) => {
                let mut v = Vec::new();
                let mut buf = vec![0u8; 2048];
                while let Ok(Some(n)) = tap.recv(&mut buf) {
                    v.push((now, buf[..n].to_vec()));
                }
                v
            }
            Network::None => Vec::new(),
        };
        let measure = self.frame_costs.is_some() && incoming.len() == 1;
        for (t, f) in incoming {
            self.record(t, &f);
            let _ = self.deliver_measured(t, &f, measure);
        }
    }

    /// The end-of-run report.
    pub fn report(&self) -> Report {
        let s = self.board.stats();
        let d = self.board.devices();
        let low = u32::from(self.board.cpu.stack_low());
        let stack = RAM_TOP.saturating_sub(low);
        let mut r = Report {
            simulated_ps: self.board.now_ps(),
            cycles: self.board.cpu.cycles,
            cycles_awake: s.cycles_awake,
            cycles_asleep: s.cycles_asleep,
            instructions: s.instructions,
            interrupts: s.interrupts,
            resets: d.resets.len(),
            lowest_sp: self.board.cpu.stack_low(),
            stack_bytes: stack,
            static_ram: self.static_ram,
            frames: self.frames,
            net_summary: None,
            clock: Vec::new(),
            display_phase_ms: None,
            display_time: None,
            first_sync_ps: None,
        };
        if let Network::Virtual(v) = &self.net {
            let c = v.counters();
            let log = v.log();
            r.net_summary = Some(format!(
                "RA {} (RS {}), NA {} / NS {} by hosts, echo {}, DNS queries {}, NTP requests {}, \
                 forwarded {}, lost {} to hosts / {} to board",
                c.router_advertisements,
                c.router_solicitations,
                c.neighbor_advertisements,
                c.neighbor_solicitations,
                c.echo_replies,
                log.dns.len(),
                log.ntp.len(),
                c.forwarded,
                c.lost_to_hosts,
                c.lost_to_board
            ));
            // Shown time of day minus true UTC time of day when it appeared.
            let day = 86_400 * i128::from(PS_PER_S);
            let errors: Vec<(u64, u32, i128)> = self
                .shown_times
                .iter()
                .map(|&(t, shown)| {
                    let truth = (v.config().true_unix_ps(t) as i128) % day;
                    let mut e = i128::from(shown) * i128::from(PS_PER_S) - truth;
                    if e > day / 2 {
                        e -= day;
                    } else if e <= -day / 2 {
                        e += day;
                    }
                    (t, shown, e)
                })
                .collect();
            r.first_sync_ps = log.ntp.iter().find_map(|x| x.reply_delivered_ps);
            for x in &log.ntp {
                // The first change of the shown time after the reply arrived.
                let after = x
                    .reply_delivered_ps
                    .and_then(|td| errors.iter().find(|e| e.0 > td).map(|e| (e.0, e.2)));
                r.clock.push(ClockSample {
                    at_ps: x.request_sent_ps,
                    error_ps: x.client_error_ps(v.config()),
                    reply_delivered: x.reply_delivered_ps.is_some(),
                    display_after: after,
                });
            }
            if let Some(&t) = d.display_updates.back() {
                // Phase of the last display update against true whole seconds.
                let unix = v.config().true_unix_ps(t);
                let sub = (unix % u128::from(PS_PER_S)) as i128;
                let phase = if sub * 2 > i128::from(PS_PER_S) {
                    sub - i128::from(PS_PER_S)
                } else {
                    sub
                };
                r.display_phase_ms = Some((t, phase as f64 / 1e9));
            }
            if let Some(&(t, shown, e)) = errors.last() {
                let max = errors.iter().map(|x| x.2.abs()).max().unwrap_or(0);
                r.display_time = Some(DisplayTime {
                    at_ps: t,
                    shown,
                    error_ps: e,
                    changes: errors.len(),
                    max_abs_error_ps: max,
                });
            }
        }
        r
    }
}

/// The board's clock against true time when it sent an NTP request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockSample {
    /// Simulated time the request left the board, ps.
    pub at_ps: u64,
    /// Request transmit timestamp minus true time, ps.
    pub error_ps: i128,
    /// The reply reached the board.
    pub reply_delivered: bool,
    /// The first change of the displayed time after the reply arrived:
    /// (when, shown minus true time of day, ps).
    pub display_after: Option<(u64, i128)>,
}

/// The time of day the display showed last, against true UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisplayTime {
    /// When it appeared (start of the update burst), ps.
    pub at_ps: u64,
    /// Seconds since midnight shown.
    pub shown: u32,
    /// Shown minus true time of day when it appeared, ps (+-12 h).
    pub error_ps: i128,
    /// Changes of the shown time seen in the run.
    pub changes: usize,
    /// Largest |error| over those changes, ps.
    pub max_abs_error_ps: i128,
}

/// What a run did.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Simulated time, ps.
    pub simulated_ps: u64,
    /// CPU (MCLK) cycles.
    pub cycles: u64,
    /// Cycles awake.
    pub cycles_awake: u64,
    /// Cycles in low-power modes.
    pub cycles_asleep: u64,
    /// Instructions executed.
    pub instructions: u64,
    /// Interrupts accepted.
    pub interrupts: u64,
    /// PUCs.
    pub resets: usize,
    /// Lowest stack pointer seen.
    pub lowest_sp: u16,
    /// Deepest stack use: top of RAM minus the lowest SP, bytes.
    pub stack_bytes: u32,
    /// .data + .bss, bytes (from the ELF).
    pub static_ram: Option<u32>,
    /// Frames in and out.
    pub frames: FrameCounters,
    /// Virtual network counters, one line.
    pub net_summary: Option<String>,
    /// The board's clock error at each NTP request.
    pub clock: Vec<ClockSample>,
    /// Last display update: (time ps, its offset from the nearest true
    /// whole second in ms): for a clock showing true time, its error then.
    pub display_phase_ms: Option<(u64, f64)>,
    /// The `HH:MM:SS` the display showed last ([`crate::ocr`]) against
    /// true UTC time of day (a time zone shows as whole hours).
    pub display_time: Option<DisplayTime>,
    /// When the first NTP reply reached the board (virtual network), ps
    /// after reset: the time to the first sync.
    pub first_sync_ps: Option<u64>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = |ps: u64| ps as f64 / PS_PER_S as f64;
        let mut s = String::new();
        let pct = |a: u64| 100.0 * a as f64 / self.cycles.max(1) as f64;
        let _ = writeln!(s, "simulated time   {:.6} s", secs(self.simulated_ps));
        let _ = writeln!(
            s,
            "CPU cycles       {} (awake {} = {:.2} %, low-power {} = {:.2} %), {} instructions, {} interrupts, {} resets",
            self.cycles,
            self.cycles_awake,
            pct(self.cycles_awake),
            self.cycles_asleep,
            pct(self.cycles_asleep),
            self.instructions,
            self.interrupts,
            self.resets
        );
        let _ = write!(
            s,
            "stack            lowest SP {:#06x}, depth {} B",
            self.lowest_sp, self.stack_bytes
        );
        match self.static_ram {
            Some(st) => {
                let total = st + self.stack_bytes;
                let _ = writeln!(
                    s,
                    "; RAM in use {} B (.data+.bss {} B + stack) of {} B ({:.1} %)",
                    total,
                    st,
                    RAM_SIZE,
                    100.0 * f64::from(total) / f64::from(RAM_SIZE)
                );
            }
            None => {
                let _ = writeln!(s, "; static RAM unknown (not an ELF)");
            }
        }
        let _ = writeln!(
            s,
            "frames           out {}, in {} ({} refused by the ENC28J60)",
            self.frames.out, self.frames.delivered, self.frames.refused
        );
        if let Some(n) = &self.net_summary {
            let _ = writeln!(s, "network          {n}");
        }
        for c in &self.clock {
            let ms = c.error_ps as f64 / 1e9;
            let what = if ms.abs() > 86_400_000.0 {
                "clock not set".to_string()
            } else {
                format!("{ms:+.6} ms")
            };
            let after = match (c.reply_delivered, c.display_after) {
                (false, _) => " (reply lost)".to_string(),
                (true, Some((t, e))) => format!(
                    "; display after the reply ({:.6} s): {:+.3} ms",
                    secs(t),
                    e as f64 / 1e9
                ),
                (true, None) => String::new(),
            };
            let _ = writeln!(
                s,
                "clock at NTP request {:>12.6} s: {what}{after}",
                secs(c.at_ps)
            );
        }
        if let Some(t) = self.first_sync_ps {
            let _ = writeln!(
                s,
                "first sync       {:.6} s after reset (first NTP reply delivered)",
                secs(t)
            );
        }
        if let Some((t, ms)) = self.display_phase_ms {
            let _ = writeln!(
                s,
                "display          last update at {:.6} s, {ms:+.3} ms from a true second boundary",
                secs(t)
            );
        }
        if let Some(d) = self.display_time {
            let _ = writeln!(
                s,
                "display clock    shows {:02}:{:02}:{:02} since {:.6} s: {:+.3} ms vs true UTC \
                 ({} changes seen, largest |error| {:.3} ms)",
                d.shown / 3600,
                d.shown / 60 % 60,
                d.shown % 60,
                secs(d.at_ps),
                d.error_ps as f64 / 1e9,
                d.changes,
                d.max_abs_error_ps as f64 / 1e9
            );
        }
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{loader, BoardConfig};

    /// Writes `text` at page 3, column `col`, scale 1, through the
    /// board's display as the firmware does (page addressing), each GDDRAM
    /// byte counted as written at `t`.
    fn draw(s: &mut Session, t: u64, col: u8, text: &[u8]) {
        let d = s.board.devices_mut();
        for c in [0xB3, col & 0x0F, 0x10 | (col >> 4)] {
            d.display.write(c, false);
        }
        for &ch in text {
            let g = match ch {
                b'0'..=b'9' => crate::ocr::GLYPHS[usize::from(ch - b'0')],
                _ => crate::ocr::GLYPHS[10],
            };
            for column in g.iter().chain([0u8].iter()) {
                d.display.write(*column, true);
                d.display_written(t);
            }
        }
    }

    /// A slice that ends in the middle of a redraw must not leave the log
    /// one second behind: the panel is read again when the rest is drawn.
    #[test]
    fn display_is_read_again_when_a_redraw_finishes_in_a_later_slice() {
        let image =
            loader::parse_elf(include_bytes!("../tests/data/board/clock.elf")).expect("ELF");
        let mut s = Session::new(Board::new(&image, BoardConfig::default()), Network::None);
        for c in [0x8D, 0x14, 0xA1, 0xC8, 0xAF] {
            s.board.devices_mut().display.write(c, false);
        }
        let ms = PS_PER_S / 1000;
        draw(&mut s, 1000 * ms, 0, b"00:00:03");
        s.watch_display();
        // Next burst: the slice ends after "00:00:" (the panel still reads
        // 00:00:03), the seconds are drawn 1 ms later in the next slice.
        draw(&mut s, 2000 * ms, 0, b"00:00:");
        s.watch_display();
        draw(&mut s, 2001 * ms, 36, b"04");
        s.watch_display();
        // A half-drawn 00:00:59 -> 00:01:00 reads 00:01:59 for a moment;
        // the finished redraw replaces it in the same burst's entry.
        draw(&mut s, 3000 * ms, 0, b"00:00:59");
        s.watch_display();
        draw(&mut s, 4000 * ms, 0, b"00:01:");
        s.watch_display();
        draw(&mut s, 4001 * ms, 36, b"00");
        s.watch_display();
        // No writes: nothing read or logged again.
        s.watch_display();
        assert_eq!(
            s.shown_times,
            vec![
                (1000 * ms, 3),
                (2000 * ms, 4),
                (3000 * ms, 59),
                (4000 * ms, 60)
            ]
        );
    }
}
