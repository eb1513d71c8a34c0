//! The proiot3 board: the F1611 peripherals wired to the ENC28J60 model
//! (USART1 SPI, chip select P5.0), the SSD1306 model (data P2, D/C P3.0,
//! E P3.1), the console (USART0 TXD P3.4 / RXD P3.5), buttons on P1 and
//! LEDs, plus the loop that runs the CPU against them with low-power-mode
//! fast-forward.
//!
//! Time: the CPU cycle counter is the MCLK tick count; [`Devices`] maps
//! cycles to picoseconds through the MCLK frequency the clock registers
//! select (rebased whenever they change). Peripherals are brought up to
//! date lazily: on every register access, and when the CPU cycle count
//! reaches the next interrupt-relevant event ([`Devices`] caches its cycle,
//! so the per-instruction cost is one comparison). While the CPU is off
//! (LPM0-4) the board jumps straight to the next event; SMCLK stops in
//! LPM2-4 (SCG1) and ACLK in LPM4 (OSCOFF) while the CPU sleeps.

use std::collections::VecDeque;

use enc28j60::model::{Enc28j60Model, InjectResult};

use crate::clock::{BasicClock, ClockDomain, Oscillators, BCSCTL1, BCSCTL2, DCOCTL};
use crate::cpu::{vector, Cpu, StepResult};
use crate::flash::FlashController;
use crate::loader::Image;
use crate::memory::{FlashAccess, Peripherals, F1611};
use crate::ports::Ports;
use crate::ssd1306::Ssd1306;
use crate::timer::{Timer, TimerKind};
use crate::usart::{Sfr, Usart};
use crate::wdt::{Watchdog, WdtEffect, WDTCTL};

/// Which behaviour the ENC28J60 model follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncModel {
    /// The chip as its datasheet and errata describe it.
    #[default]
    Datasheet,
    /// The simplified model of the MSPSim proiot3 build.
    Mspsim,
}

/// Board parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoardConfig {
    /// ENC28J60 model mode.
    pub enc_model: EncModel,
    /// Drift of the 32768 Hz crystal in ppm (positive: fast).
    pub drift_ppm: f64,
    /// XT2 crystal frequency in Hz, if populated (the proiot3 notes do not
    /// say; default none).
    pub xt2_hz: Option<f64>,
    /// Factor on the modelled DCO frequencies (part-to-part spread).
    pub dco_scale: f64,
    /// Phase noise of ACLK edges as Timer_A/B captures see them, +-ps (0:
    /// exact). The board crate's entropy seed samples it.
    pub capture_jitter_ps: u64,
    /// Seed of that noise: boards with different seeds draw different
    /// entropy seeds.
    pub seed: u64,
    /// MAC address to program into the information-memory configuration
    /// record (drivers/proiot3 `config.rs`: `b"P3C1"` + MAC at 0x1000);
    /// `None` leaves information memory erased (the firmware's default MAC).
    pub mac: Option<[u8; 6]>,
    /// Console bit rate the terminal expects: a UART configured more than
    /// 3 % away from it gets a note (the text would be garbage).
    pub console_baud: f64,
}

impl Default for BoardConfig {
    fn default() -> Self {
        BoardConfig {
            enc_model: EncModel::Datasheet,
            drift_ppm: 0.0,
            xt2_hz: None,
            dco_scale: 1.0,
            capture_jitter_ps: 0,
            seed: 0,
            mac: None,
            console_baud: 115_200.0,
        }
    }
}

/// Why the chip went through a PUC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetCause {
    /// The watchdog expired in watchdog mode.
    Watchdog,
    /// WDTCTL written without the 0x5A password.
    WatchdogKey,
    /// FCTLx written without the 0xA5 key.
    FlashKey,
    /// The RST/NMI pin was pulled low ([`Board::reset_pin`]): a power-on
    /// reset (WDTIFG cleared).
    Pin,
}

// SFR bits (msp430f1611.h).
const WDTIFG: u8 = 0x01;
const OFIFG: u8 = 0x02;
const NMIIFG: u8 = 0x10;
const WDTIE: u8 = 0x01;
const OFIE: u8 = 0x02;
const NMIIE: u8 = 0x10;
const ACCVIE: u8 = 0x20;

/// P5.0: ENC28J60 chip select (active low).
const CS_PIN: u8 = 0x01;
/// P3.0 D/C and P3.1 E of the SSD1306 bus.
const DC_PIN: u8 = 0x01;
const E_PIN: u8 = 0x02;
/// Information-memory configuration record of the board crate
/// (drivers/proiot3 `config.rs`).
pub const INFO_CONFIG_ADDR: u16 = 0x1000;
/// Notes kept at most.
const MAX_NOTES: usize = 256;
/// Display update bursts remembered in [`Devices::display_updates`].
pub const DISPLAY_UPDATES_KEPT: usize = 64;
/// GDDRAM writes closer than this (ps) belong to one display update.
pub const DISPLAY_BURST_GAP_PS: u64 = 20_000_000_000;

/// Every device of the board, mapped into the F1611 peripheral space.
pub struct Devices {
    /// Basic Clock Module.
    pub clock: BasicClock,
    /// IE1/IE2/IFG1/IFG2/ME1/ME2.
    pub sfr: Sfr,
    /// Watchdog.
    pub wdt: Watchdog,
    /// Timer_A3.
    pub timer_a: Timer,
    /// Timer_B7.
    pub timer_b: Timer,
    /// USART0 (console UART).
    pub usart0: Usart,
    /// USART1 (ENC28J60 SPI).
    pub usart1: Usart,
    /// P1-P6.
    pub ports: Ports,
    /// Flash controller.
    pub flash: FlashController,
    /// The ENC28J60 model on USART1.
    pub enc: Enc28j60Model,
    /// The SSD1306 model on P2/P3.
    pub display: Ssd1306,
    /// Console output not yet taken, with the time each byte completed (ps).
    pub console: VecDeque<(u64, u8)>,
    /// PUCs so far: (time ps, cause).
    pub resets: Vec<(u64, ResetCause)>,
    /// Things the firmware did that the hardware would not like (bounded).
    pub notes: Vec<String>,
    /// Frames the ENC28J60 sent, not yet taken, each with the time (ps) the
    /// board first saw it complete (the first device sync after the model
    /// finished it: within one SPI byte while the driver polls TXRTS).
    pub tx_frames: VecDeque<(u64, Vec<u8>)>,
    /// Display update bursts: start time (ps) of the last
    /// [`DISPLAY_UPDATES_KEPT`] bursts of GDDRAM data writes (writes less
    /// than [`DISPLAY_BURST_GAP_PS`] apart form one burst).
    pub display_updates: VecDeque<u64>,
    /// Display update bursts so far.
    pub display_update_count: u64,
    /// GDDRAM data writes so far (display RAM changed when this moves).
    pub display_write_count: u64,
    /// SPI bytes exchanged with the ENC28J60 (CS low, pins selected).
    pub spi_bytes: u64,
    /// Bytes the console UART (USART0) sent to the terminal so far.
    pub console_bytes: u64,
    /// Time USART1 spent shifting those bytes, ps (the SPI transfer time
    /// of [`crate::perf`]'s cost split).
    pub spi_busy_ps: u64,
    last_display_write: Option<u64>,
    mclk: ClockDomain,
    synced_cycle: u64,
    now_ps: u64,
    next_event_cycle: u64,
    pending: u16,
    reset_request: bool,
    cs_low: bool,
    e_high: bool,
    sleep_sr: u16,
    console_baud: f64,
    noted_baud: Option<(u8, u8, u8, u8, u8)>,
    noted_spi_mode: bool,
}

impl Devices {
    /// The board's devices after power-on.
    pub fn new(config: &BoardConfig) -> Self {
        let osc = Oscillators {
            lfxt1_drift_ppm: config.drift_ppm,
            xt2_hz: config.xt2_hz,
            dco_scale: config.dco_scale,
            ..Oscillators::default()
        };
        let clock = BasicClock::new(osc);
        let mut enc = match config.enc_model {
            EncModel::Datasheet => Enc28j60Model::new(),
            EncModel::Mspsim => Enc28j60Model::mspsim(),
        };
        // The board drives the model clock from simulated time.
        enc.set_ns_per_byte(0);
        let mut ports = Ports::new();
        // Buttons pull P1 up (pressed = low); P5.0 idles high (CS inactive).
        ports.set_external(0, 0xFF, true);
        ports.set_external(4, CS_PIN, true);
        ports.port[0].ifg = 0;
        let mclk = ClockDomain::new(clock.mclk_mhz());
        let mut sfr = Sfr::default();
        sfr.regs[Sfr::IFG1] = OFIFG | 0x80; // OFIFG, UTXIFG0 (SWRST set)
        sfr.regs[Sfr::IFG2] = 0x20; // UTXIFG1
        let mut d = Devices {
            clock,
            sfr,
            wdt: Watchdog::new(),
            timer_a: Timer::new(TimerKind::A),
            timer_b: Timer::new(TimerKind::B),
            usart0: Usart::new(0),
            usart1: Usart::new(1),
            ports,
            flash: FlashController::new(),
            enc,
            display: Ssd1306::new(),
            console: VecDeque::new(),
            resets: Vec::new(),
            notes: Vec::new(),
            tx_frames: VecDeque::new(),
            display_updates: VecDeque::new(),
            display_update_count: 0,
            display_write_count: 0,
            console_bytes: 0,
            spi_bytes: 0,
            spi_busy_ps: 0,
            last_display_write: None,
            mclk,
            synced_cycle: 0,
            now_ps: 0,
            next_event_cycle: 0,
            pending: 0,
            reset_request: false,
            cs_low: false,
            e_high: false,
            sleep_sr: 0,
            console_baud: config.console_baud,
            noted_baud: None,
            noted_spi_mode: false,
        };
        let jitter = config.capture_jitter_ps;
        d.timer_a.set_capture_jitter(jitter, config.seed);
        d.timer_b.set_capture_jitter(jitter, config.seed ^ 0x5555);
        d.refresh();
        d
    }

    /// Simulated time (ps) of CPU cycle `cycle`.
    pub fn time_of_cycle(&self, cycle: u64) -> u64 {
        self.mclk.time_of_tick(cycle).unwrap_or(u64::MAX)
    }

    /// First CPU cycle at or after time `t` (ps).
    pub fn cycle_of_time(&self, t: u64) -> u64 {
        let c = self.mclk.ticks_at(t);
        if self.time_of_cycle(c) < t {
            c + 1
        } else {
            c
        }
    }

    /// Time (ps) the devices have been brought up to.
    pub fn now_ps(&self) -> u64 {
        self.now_ps
    }

    /// The cycle of the next interrupt-relevant event (u64::MAX: none).
    pub fn next_event_cycle(&self) -> u64 {
        self.next_event_cycle
    }

    fn note(&mut self, s: String) {
        if self.notes.len() < MAX_NOTES {
            self.notes.push(s);
        }
    }

    /// Brings every device up to CPU cycle `cycle`.
    pub fn sync(&mut self, cycle: u64) {
        if cycle == self.synced_cycle && cycle != 0 {
            return;
        }
        self.synced_cycle = cycle;
        let t = self.time_of_cycle(cycle);
        self.sync_time(t);
    }

    /// Brings every device up to time `t` (ps); a watchdog reset on the
    /// way happens at its own time.
    pub fn sync_time(&mut self, t: u64) {
        if t < self.now_ps {
            return;
        }
        if !self.wdt.interval_mode() {
            if let Some(te) = self.wdt.next_event(&self.clock) {
                if te <= t {
                    // The expiry (and its PUC) happens in this sync.
                    self.sync_devices(te);
                }
            }
        }
        self.sync_devices(t);
    }

    fn sync_devices(&mut self, t: u64) {
        if t < self.now_ps {
            return;
        }
        self.now_ps = t;
        match self.wdt.sync(&self.clock, t) {
            WdtEffect::Interval => self.sfr.regs[Sfr::IFG1] |= WDTIFG,
            WdtEffect::Reset => self.puc(t, ResetCause::Watchdog),
            WdtEffect::None => {}
        }
        self.timer_a.sync(&self.clock, t);
        self.timer_b.sync(&self.clock, t);
        self.usart0
            .sync(&self.clock, &mut self.sfr, t, &mut |_, _| 0xFF);
        if !self.usart0.sent.is_empty() {
            self.check_console_baud();
            let connected = self.ports.port[2].sel & 0x10 != 0;
            if connected {
                self.console_bytes += self.usart0.sent.len() as u64;
                self.console.extend(self.usart0.sent.drain(..));
            } else {
                self.usart0.sent.clear();
                self.note("UART0 byte sent with P3.4 not selected (P3SEL): lost".into());
            }
        }
        if self.usart1.busy() && !self.noted_spi_mode && self.usart1.tctl() & 0xC0 != 0x80 {
            // ENC28J60: SPI mode 0 only (DS39662 section 4.1); on the USART
            // that is CKPH = 1, CKPL = 0.
            self.noted_spi_mode = true;
            self.note(
                "USART1 not in SPI mode 0 (CKPH=1, CKPL=0): the ENC28J60 would misread".into(),
            );
        }
        let spi_pins = self.ports.port[4].sel & 0x0E == 0x0E;
        let cs_low = self.cs_low;
        let enc = &mut self.enc;
        let tx_frames = &mut self.tx_frames;
        let mut unwired = false;
        let mut exchanged = 0u64;
        self.usart1
            .sync(&self.clock, &mut self.sfr, t, &mut |b, at| {
                if !spi_pins {
                    unwired = true;
                    return 0xFF;
                }
                if !cs_low {
                    return 0xFF;
                }
                let ns = at / 1000;
                if ns > enc.now_ns() {
                    enc.advance_ns(ns - enc.now_ns());
                }
                exchanged += 1;
                let r = enc.exchange(b);
                while let Some(f) = enc.pop_transmitted() {
                    tx_frames.push_back((at, f));
                }
                r
            });
        if exchanged > 0 {
            self.spi_bytes += exchanged;
            self.spi_busy_ps += exchanged * self.usart1.byte_ps(&self.clock);
        }
        if unwired {
            self.note("USART1 byte with P5.1-P5.3 not selected (P5SEL): not on the bus".into());
        }
        self.advance_enc(t);
    }

    /// Advances the ENC28J60 model to `t` (ps) and collects the frames it
    /// finished sending, stamped `t`.
    fn advance_enc(&mut self, t: u64) {
        let ns = t / 1000;
        if ns > self.enc.now_ns() {
            self.enc.advance_ns(ns - self.enc.now_ns());
        }
        while let Some(f) = self.enc.pop_transmitted() {
            self.tx_frames.push_back((t, f));
        }
    }

    /// Notes a console bit rate the terminal would not read (once per
    /// configuration).
    fn check_console_baud(&mut self) {
        let cfg = self.usart0.config();
        if self.noted_baud == Some(cfg) {
            return;
        }
        self.noted_baud = Some(cfg);
        let baud = self.usart0.baud(&self.clock);
        if (baud / self.console_baud - 1.0).abs() > 0.03 {
            self.note(format!(
                "console UART at {baud:.0} baud, the terminal expects {:.0}",
                self.console_baud
            ));
        }
    }

    /// Power-up clear (SLAU049 2.1.1) at time `t`: every module to its reset
    /// state, the CPU reset on its next step. RAM, the display and the
    /// ENC28J60 (separate chips) keep their state.
    fn puc(&mut self, t: u64, cause: ResetCause) {
        self.resets.push((t, cause));
        self.reset_request = true;
        let cycle = self.cycle_of_time(t);
        self.clock.reset(t);
        self.mclk.rebase(t, cycle, self.clock.mclk_mhz());
        self.wdt.reset(&self.clock, t);
        self.timer_a.reset(t);
        self.timer_b.reset(t);
        self.usart0.reset(t);
        self.usart1.reset(t);
        self.ports.reset();
        self.flash.reset();
        let keep = if cause == ResetCause::Pin {
            0 // POR: WDTIFG and NMIIFG reset
        } else {
            self.sfr.regs[Sfr::IFG1] & (WDTIFG | NMIIFG)
        };
        let wdt = if matches!(cause, ResetCause::Watchdog | ResetCause::WatchdogKey) {
            WDTIFG
        } else {
            0
        };
        self.sfr.regs = [0, 0, keep | wdt | OFIFG | 0x80, 0x20, 0, 0];
        self.sleep_sr = 0;
        self.pins_changed(t);
    }

    /// After a port change: chip-select and display-strobe edges.
    fn pins_changed(&mut self, t: u64) {
        let cs_low = self.ports.port[4].pins() & CS_PIN == 0;
        if cs_low != self.cs_low {
            if self.usart1.busy() {
                self.note(format!(
                    "ENC28J60 chip select changed at {t} ps while an SPI byte was shifting"
                ));
            }
            self.cs_low = cs_low;
            self.advance_enc(t);
            if cs_low {
                self.enc.select();
            } else {
                self.enc.deselect();
            }
            self.advance_enc(t);
        }
        let p3 = self.ports.port[2].pins();
        let e_high = p3 & E_PIN != 0;
        if e_high && !self.e_high {
            let byte = self.ports.port[1].pins();
            let data = p3 & DC_PIN != 0;
            self.display.write(byte, data);
            if data {
                self.display_written(t);
            }
        }
        self.e_high = e_high;
    }

    /// Records a GDDRAM write at `t` (ps) for the display-update log.
    pub(crate) fn display_written(&mut self, t: u64) {
        self.display_write_count += 1;
        let new_burst = match self.last_display_write {
            Some(last) => t.saturating_sub(last) >= DISPLAY_BURST_GAP_PS,
            None => true,
        };
        self.last_display_write = Some(t);
        if new_burst {
            self.display_update_count += 1;
            if self.display_updates.len() == DISPLAY_UPDATES_KEPT {
                self.display_updates.pop_front();
            }
            self.display_updates.push_back(t);
        }
    }

    /// Recomputes the interrupt requests and the next event.
    fn refresh(&mut self) {
        let s = &self.sfr.regs;
        let mut p = 0u16;
        let (p1, p2) = self.ports.irq();
        let (u0tx, u0rx) = self.usart0.irq(&self.sfr);
        let (u1tx, u1rx) = self.usart1.irq(&self.sfr);
        let (ta0, ta1) = self.timer_a.irq();
        let (tb0, tb1) = self.timer_b.irq();
        let bits = [
            (p2, vector::PORT2),
            (u1tx, vector::USART1_TX),
            (u1rx, vector::USART1_RX),
            (p1, vector::PORT1),
            (ta1, vector::TIMERA1),
            (ta0, vector::TIMERA0),
            (u0tx, vector::USART0_TX),
            (u0rx, vector::USART0_RX),
            (tb1, vector::TIMERB1),
            (tb0, vector::TIMERB0),
        ];
        for (on, v) in bits {
            if on {
                p |= 1 << v;
            }
        }
        if self.wdt.interval_mode() && s[Sfr::IFG1] & s[Sfr::IE1] & WDTIFG != 0 {
            p |= 1 << vector::WDT;
        }
        let nmi = s[Sfr::IFG1] & s[Sfr::IE1] & (OFIFG | NMIIFG) != 0
            || (self.flash.accvifg() && s[Sfr::IE1] & ACCVIE != 0);
        if nmi {
            p |= 1 << vector::NMI;
        }
        self.pending = p;
        let clk = &self.clock;
        let mut next: Option<u64> = None;
        let wdt_matters =
            !self.wdt.interval_mode() || (s[Sfr::IE1] & WDTIE != 0 && s[Sfr::IFG1] & WDTIFG == 0);
        let candidates = [
            self.timer_a.next_event(clk),
            self.timer_b.next_event(clk),
            self.usart0.next_event(clk),
            self.usart1.next_event(clk),
            if wdt_matters {
                self.wdt.next_event(clk)
            } else {
                None
            },
        ];
        for t in candidates.into_iter().flatten() {
            next = Some(next.map_or(t, |n: u64| n.min(t)));
        }
        self.next_event_cycle = next.map_or(u64::MAX, |t| self.cycle_of_time(t));
    }

    /// The CPU went to sleep with status register `sr` at `cycle`: gates
    /// SMCLK (SCG1) and ACLK (OSCOFF) until it wakes.
    pub fn enter_sleep(&mut self, cycle: u64, sr: u16) {
        if sr == self.sleep_sr {
            return;
        }
        self.sync(cycle);
        self.sleep_sr = sr;
        let smclk_off = sr & crate::cpu::sr::CPUOFF != 0 && sr & crate::cpu::sr::SCG1 != 0;
        if smclk_off {
            let active = [self.usart0.active_on_smclk(), self.usart1.active_on_smclk()];
            for (i, on) in active.into_iter().enumerate() {
                if on {
                    let t = self.now_ps;
                    self.note(format!(
                        "USART{i} transfer frozen at {t} ps: the low-power mode stopped SMCLK"
                    ));
                }
            }
        }
        self.clock.set_low_power(self.now_ps, sr);
        self.refresh();
    }

    /// The CPU woke up (interrupt accepted or reset) at `cycle`.
    pub fn wake(&mut self, cycle: u64) {
        self.enter_sleep(cycle, 0);
    }

    /// Sets the external level of port `port` (1-6) pins in `mask` at CPU
    /// cycle `cycle`.
    pub fn set_input(&mut self, cycle: u64, port: usize, mask: u8, high: bool) {
        self.sync(cycle);
        self.ports.set_external(port.clamp(1, 6) - 1, mask, high);
        let t = self.now_ps;
        self.pins_changed(t);
        self.refresh();
    }

    fn read8(&mut self, addr: u16, t: u64) -> Option<u8> {
        let v = match addr {
            0x00..=0x05 => {
                if addr == 0x02 && self.clock.oscillator_fault() {
                    self.sfr.regs[2] |= OFIFG;
                }
                self.sfr.regs[addr as usize]
            }
            DCOCTL | BCSCTL1 | BCSCTL2 => self.clock.read(addr),
            a if Ports::contains(a) => self.ports.read(a),
            a if self.usart0.contains(a) => self.usart0.read(a, &mut self.sfr),
            a if self.usart1.contains(a) => self.usart1.read(a, &mut self.sfr),
            _ => {
                let word = self.read16(addr & !1, t)?;
                (word >> (8 * (addr & 1))) as u8
            }
        };
        Some(v)
    }

    fn read16(&mut self, addr: u16, t: u64) -> Option<u16> {
        let v = match addr {
            WDTCTL => self.wdt.read(),
            a if FlashController::contains(a) => self.flash.read(a),
            a if self.timer_a.contains(a) => self.timer_a.read(a, &self.clock, t),
            a if self.timer_b.contains(a) => self.timer_b.read(a, &self.clock, t),
            _ => return None,
        };
        Some(v)
    }

    fn is_byte_register(addr: u16) -> bool {
        addr <= 0x05
            || (DCOCTL..=BCSCTL2).contains(&addr)
            || Ports::contains(addr)
            || (0x70..=0x7F).contains(&addr)
    }

    fn write8(&mut self, addr: u16, value: u8, cycle: u64, t: u64) -> bool {
        match addr {
            0x00..=0x05 => {
                let mut v = value;
                if addr == 0x02 && self.clock.oscillator_fault() {
                    v |= OFIFG; // the fault persists: the flag sets again
                }
                self.sfr.regs[addr as usize] = v;
                if addr >= 4 {
                    let (u0, u1) = (&mut self.usart0, &mut self.usart1);
                    u0.enables_changed(&self.clock, &mut self.sfr, t);
                    u1.enables_changed(&self.clock, &mut self.sfr, t);
                }
            }
            DCOCTL | BCSCTL1 | BCSCTL2 => {
                self.clock.write(addr, value, t);
                // MCLK may have changed: rebase the cycle-to-time mapping.
                self.mclk.rebase(t, cycle, self.clock.mclk_mhz());
            }
            a if Ports::contains(a) => {
                self.ports.write(a, value);
                self.pins_changed(t);
            }
            a if self.usart0.contains(a) => {
                self.usart0.write(a, value, &self.clock, &mut self.sfr, t)
            }
            a if self.usart1.contains(a) => {
                self.usart1.write(a, value, &self.clock, &mut self.sfr, t)
            }
            _ => return false,
        }
        true
    }

    fn write16(&mut self, addr: u16, value: u16, byte: bool, t: u64) -> bool {
        match addr & !1 {
            WDTCTL => {
                if self.wdt.write(value, byte, &self.clock, t) == WdtEffect::Reset {
                    self.puc(t, ResetCause::WatchdogKey);
                }
            }
            a if FlashController::contains(a) => {
                if !self.flash.write(a, value, byte) {
                    self.puc(t, ResetCause::FlashKey);
                }
            }
            a if self.timer_a.contains(a) => self.timer_a.write(a, value, &self.clock, t),
            a if self.timer_b.contains(a) => self.timer_b.write(a, value, &self.clock, t),
            _ => return false,
        }
        true
    }
}

impl Peripherals for Devices {
    fn read(&mut self, addr: u16, byte: bool, cycle: u64) -> Option<u16> {
        self.sync(cycle);
        let t = self.now_ps;
        let v = if byte || Self::is_byte_register(addr) {
            // Word reads of byte registers return the byte, high byte 0.
            self.read8(addr, t).map(u16::from)
        } else {
            self.read16(addr, t)
        };
        if v.is_some() {
            self.refresh();
        }
        v
    }

    fn write(&mut self, addr: u16, value: u16, byte: bool, cycle: u64) -> bool {
        self.sync(cycle);
        let t = self.now_ps;
        let claimed = if Self::is_byte_register(addr) {
            // Word writes to byte registers write the low byte.
            self.write8(addr, value as u8, cycle, t)
        } else {
            // Byte writes to word registers (SLAU049 asks for word access):
            // this model merges the byte into its half of the register.
            let value = if byte {
                let shift = 8 * (addr & 1);
                let old = self.read16_raw(addr & !1, t);
                (old & !(0xFF << shift)) | ((value & 0xFF) << shift)
            } else {
                value
            };
            self.write16(addr, value, byte, t)
        };
        if claimed {
            self.refresh();
        }
        claimed
    }

    #[inline(always)]
    fn pending_interrupts(&mut self, cycle: u64) -> u16 {
        if cycle >= self.next_event_cycle {
            self.sync(cycle);
            self.refresh();
        }
        if self.reset_request {
            self.reset_request = false;
            return 0x8000 | self.pending;
        }
        self.pending
    }

    fn acknowledge_interrupt(&mut self, v: u8, cycle: u64) {
        self.sync(cycle);
        match v {
            vector::WDT => self.sfr.regs[Sfr::IFG1] &= !WDTIFG,
            vector::TIMERA0 => self.timer_a.acknowledge_ccr0(),
            vector::TIMERB0 => self.timer_b.acknowledge_ccr0(),
            vector::USART0_TX => self.usart0.acknowledge(true, &mut self.sfr),
            vector::USART1_TX => self.usart1.acknowledge(true, &mut self.sfr),
            // SLAU049 2.2.1: accepting an NMI resets NMIIE, OFIE and ACCVIE.
            vector::NMI => self.sfr.regs[Sfr::IE1] &= !(NMIIE | OFIE | ACCVIE),
            _ => {}
        }
        self.refresh();
    }

    fn flash_write(&mut self, addr: u16, _value: u16, _byte: bool, cycle: u64) -> FlashAccess {
        self.sync(cycle);
        let a = self.flash.flash_write(addr);
        self.refresh();
        a
    }
}

impl Devices {
    /// Word register value without side effects (for byte writes).
    /// The IV registers (side effects on read) give 0.
    fn read16_raw(&mut self, addr: u16, t: u64) -> u16 {
        match addr {
            WDTCTL => self.wdt.read() & 0x00FF | 0x5A00,
            a if FlashController::contains(a) => self.flash.read(a) & 0x00FF | 0xA500,
            0x011E | 0x012E => 0,
            a if self.timer_a.contains(a) => self.timer_a.read(a, &self.clock, t),
            a if self.timer_b.contains(a) => self.timer_b.read(a, &self.clock, t),
            _ => 0,
        }
    }
}

/// Why [`Board::run_until`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The requested time was reached.
    TimeReached,
    /// The CPU met a word that is not an instruction.
    Illegal {
        /// Its address.
        pc: u16,
        /// The word.
        opcode: u16,
    },
}

/// Counters of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// MCLK cycles the CPU was executing (or accepting interrupts).
    pub cycles_awake: u64,
    /// MCLK-equivalent cycles the CPU was off (LPM).
    pub cycles_asleep: u64,
    /// Instructions executed.
    pub instructions: u64,
    /// Interrupts accepted.
    pub interrupts: u64,
}

/// The simulated proiot3 board: CPU, memory map and devices.
pub struct Board {
    /// The CPU.
    pub cpu: Cpu,
    /// Memory map with the devices.
    pub chip: F1611<Devices>,
    stats: Stats,
    asleep: bool,
    /// A cycle profile by function, fed every CPU step while `Some`
    /// (the board then runs the CPU through its per-step hook rather than
    /// [`Cpu::run`]); `None` costs nothing. See [`crate::profile`].
    pub profile: Option<crate::profile::Profile>,
}

impl Board {
    /// A board with `image` in flash, after power-on reset.
    pub fn new(image: &Image, config: BoardConfig) -> Self {
        let mut chip = F1611::with_peripherals(Devices::new(&config));
        chip.load_image(image);
        if let Some(mac) = config.mac {
            let mut record = b"P3C1".to_vec();
            record.extend_from_slice(&mac);
            chip.load(INFO_CONFIG_ADDR, &record);
        }
        let mut cpu = Cpu::new();
        cpu.reset(&mut chip);
        Board {
            cpu,
            chip,
            stats: Stats::default(),
            asleep: false,
            profile: None,
        }
    }

    /// The devices.
    pub fn devices(&self) -> &Devices {
        &self.chip.peripherals
    }

    /// The devices, mutable.
    pub fn devices_mut(&mut self) -> &mut Devices {
        &mut self.chip.peripherals
    }

    /// Simulated time now, ps.
    pub fn now_ps(&self) -> u64 {
        self.chip.peripherals.time_of_cycle(self.cpu.cycles)
    }

    /// Run counters.
    pub fn stats(&self) -> Stats {
        let mut s = self.stats;
        s.instructions = self.cpu.instructions;
        s.cycles_awake = self.cpu.cycles - s.cycles_asleep;
        s
    }

    /// Executes one CPU step (instruction, interrupt or idle cycle).
    pub fn step(&mut self) -> StepResult {
        let r = self.cpu_step();
        self.after(r);
        r
    }

    /// One CPU step, charged to [`Board::profile`] if there is one.
    fn cpu_step(&mut self) -> StepResult {
        let Some(profile) = self.profile.as_mut() else {
            return self.cpu.step(&mut self.chip);
        };
        let (pc, cycles) = (self.cpu.pc(), self.cpu.cycles);
        let op = self.chip.peek_word(pc);
        let r = self.cpu.step(&mut self.chip);
        let spent = self.cpu.cycles - cycles;
        profile.record(r, pc, op, spent, self.cpu.pc(), self.cpu.sp());
        r
    }

    /// [`Cpu::run`], or the same one step at a time while profiling.
    fn cpu_run(&mut self, until: u64) -> StepResult {
        if self.profile.is_none() {
            return self.cpu.run(&mut self.chip, until);
        }
        loop {
            let r = self.cpu_step();
            if r != StepResult::Executed || self.cpu.cycles >= until {
                return r;
            }
        }
    }

    fn after(&mut self, r: StepResult) {
        match r {
            StepResult::Sleeping => {
                self.stats.cycles_asleep += 1;
                self.asleep = true;
                let sr = self.cpu.sr();
                self.chip.peripherals.enter_sleep(self.cpu.cycles, sr);
            }
            StepResult::Interrupt(_) | StepResult::Reset => {
                if matches!(r, StepResult::Interrupt(_)) {
                    self.stats.interrupts += 1;
                }
                if self.asleep {
                    self.asleep = false;
                    self.chip.peripherals.wake(self.cpu.cycles);
                }
            }
            _ => {}
        }
    }

    /// Runs for `ps` picoseconds of simulated time.
    pub fn run_for(&mut self, ps: u64) -> Stop {
        let end = self.now_ps().saturating_add(ps);
        self.run_until(end)
    }

    /// Runs until simulated time `t_ps`, fast-forwarding while the CPU is
    /// off; the devices are synced to the end time before returning.
    pub fn run_until(&mut self, t_ps: u64) -> Stop {
        let end = self.chip.peripherals.cycle_of_time(t_ps);
        let stop = loop {
            if self.cpu.cycles >= end {
                break Stop::TimeReached;
            }
            let r = self.cpu_run(end);
            self.after(r);
            match r {
                StepResult::Sleeping => {
                    let next = self.chip.peripherals.next_event_cycle().min(end);
                    if next > self.cpu.cycles {
                        let n = next - self.cpu.cycles;
                        self.cpu.advance(n);
                        self.stats.cycles_asleep += n;
                    }
                }
                StepResult::Illegal(opcode) => {
                    break Stop::Illegal {
                        pc: self.cpu.pc(),
                        opcode,
                    }
                }
                _ => {}
            }
        };
        let c = self.cpu.cycles;
        self.chip.peripherals.sync(c);
        stop
    }

    /// Pulls the RST/NMI pin low at the current time: power-on reset of the
    /// chip (registers, peripherals; RAM kept), then the CPU restarts from
    /// the reset vector.
    pub fn reset_pin(&mut self) {
        let c = self.cpu.cycles;
        let d = &mut self.chip.peripherals;
        d.sync(c);
        let t = d.now_ps;
        d.puc(t, ResetCause::Pin);
        d.refresh();
        self.asleep = false;
    }

    /// Console bytes sent since the last call.
    pub fn take_console(&mut self) -> Vec<u8> {
        self.chip
            .peripherals
            .console
            .drain(..)
            .map(|(_, b)| b)
            .collect()
    }

    /// Queues console input for the UART receiver.
    pub fn console_input(&mut self, bytes: &[u8]) {
        let c = self.cpu.cycles;
        let d = &mut self.chip.peripherals;
        d.sync(c);
        let t = d.now_ps;
        d.usart0.input(bytes, &d.clock, &d.sfr, t);
        d.refresh();
    }

    /// Delivers a frame from the wire to the ENC28J60 (no CRC).
    pub fn inject_frame(&mut self, frame: &[u8]) -> InjectResult {
        let c = self.cpu.cycles;
        let d = &mut self.chip.peripherals;
        d.sync(c);
        d.enc.inject_frame(frame)
    }

    /// Frames the ENC28J60 sent since the last call.
    pub fn take_frames(&mut self) -> Vec<Vec<u8>> {
        self.take_frames_timed()
            .into_iter()
            .map(|(_, f)| f)
            .collect()
    }

    /// Frames the ENC28J60 sent since the last call, each with the time
    /// (ps) it left the chip (see [`Devices::tx_frames`]).
    pub fn take_frames_timed(&mut self) -> Vec<(u64, Vec<u8>)> {
        let c = self.cpu.cycles;
        let d = &mut self.chip.peripherals;
        d.sync(c);
        d.advance_enc(d.now_ps);
        d.tx_frames.drain(..).collect()
    }

    /// The display.
    pub fn display(&self) -> &Ssd1306 {
        &self.chip.peripherals.display
    }

    /// Presses (`true`) or releases button `n` (0-7, on P1.n, active low).
    pub fn set_button(&mut self, n: u8, pressed: bool) {
        let c = self.cpu.cycles;
        self.chip
            .peripherals
            .set_input(c, 1, 1 << (n & 7), !pressed);
    }

    /// LED pin levels: (P3 & 0xCC, P4, P5 & 0xF0, P6), high = lit.
    pub fn leds(&self) -> [u8; 4] {
        let p = &self.chip.peripherals.ports.port;
        [
            p[2].pins() & 0xCC,
            p[3].pins(),
            p[4].pins() & 0xF0,
            p[5].pins(),
        ]
    }
}

/// Paces a simulation to wall-clock time (for a board attached to a real
/// network, e.g. a TAP interface): [`Pacer::wait`] sleeps until the wall
/// clock has caught up with the simulated time divided by `speed`.
#[derive(Debug, Clone, Copy)]
pub struct Pacer {
    start: std::time::Instant,
    start_ps: u64,
    speed: f64,
}

impl Pacer {
    /// Starts pacing from simulated time `now_ps`; `speed` 1.0 is real
    /// time, 2.0 twice as fast.
    pub fn new(now_ps: u64, speed: f64) -> Self {
        Pacer {
            start: std::time::Instant::now(),
            start_ps: now_ps,
            speed: if speed > 0.0 { speed } else { 1.0 },
        }
    }

    /// Wall-clock time simulated time `now_ps` corresponds to, minus the
    /// time already elapsed (zero when the simulation is behind).
    pub fn lead(&self, now_ps: u64) -> std::time::Duration {
        let sim = now_ps.saturating_sub(self.start_ps) as f64 / 1e12 / self.speed;
        std::time::Duration::from_secs_f64(sim).saturating_sub(self.start.elapsed())
    }

    /// Sleeps while the simulation is ahead of the wall clock.
    pub fn wait(&self, now_ps: u64) {
        let lead = self.lead(now_ps);
        if !lead.is_zero() {
            std::thread::sleep(lead);
        }
    }
}
