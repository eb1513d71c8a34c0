//! USART0 / USART1 in UART and SPI master mode (SLAU049 chapters 13, 14)
//! and the special function registers they share with the rest of the chip.
//!
//! Transmit: a write to UxTXBUF clears UTXIFGx; the byte moves into the
//! shift register at once if it is idle (UTXIFGx sets again: the buffer is
//! free), otherwise when the current byte completes. A UART frame takes
//! the sum of its bit times (start + 7/8 data + parity + 1/2 stop bits; bit
//! i takes UxBR + m(i mod 8) BRCLK cycles with m the UxMCTL bits, SLAU049
//! 13.2.7); an SPI master byte takes 8 (7) UCLK periods of UxBR BRCLK
//! cycles, UxBR at least 2 (SLAU049 14.2.4). When a byte completes, the
//! UART hands it to the console; in SPI mode the byte clocked in at the
//! same time lands in UxRXBUF and sets URXIFGx (OE if the previous one was
//! not read). Received UART bytes (console input) arrive one frame time
//! apart while the receiver is enabled. TXEPT is set when the shift
//! register and UxTXBUF are empty.
//!
//! Setting SWRST resets URXIEx, UTXIEx, URXIFGx, RXWAKE, TXWAKE, RXERR,
//! BRK, PE, OE, FE and sets UTXIFGx and TXEPT (SLAU049 13.2.1); a byte in
//! progress is dropped. Reading UxRXBUF clears URXIFGx and the receive
//! error flags.
//!
//! Not modelled: parity/framing errors, address-bit and idle-line
//! multiprocessor modes, URXSE start-edge wake-up, SPI slave mode and clock
//! phase/polarity (the ENC28J60 model exchanges whole bytes).

use std::collections::VecDeque;

use crate::clock::{BasicClock, ClockSource};

const SWRST: u8 = 0x01;
const SYNC: u8 = 0x04;
const CHAR: u8 = 0x10;
const SPB: u8 = 0x20;
const PENA: u8 = 0x80;
const TXEPT: u8 = 0x01;
const OE: u8 = 0x20;
const RX_ERRORS: u8 = 0xF1; // FE PE OE BRK RXERR
const RCTL_SWRST_CLEARS: u8 = 0xF3; // + RXWAKE

/// The special function registers IE1, IE2, IFG1, IFG2, ME1, ME2
/// (0x0000-0x0005), indexed by address.
#[derive(Debug, Clone, Default)]
pub struct Sfr {
    /// Register bytes by address 0-5.
    pub regs: [u8; 6],
}

impl Sfr {
    /// IE1.
    pub const IE1: usize = 0;
    /// IE2.
    pub const IE2: usize = 1;
    /// IFG1.
    pub const IFG1: usize = 2;
    /// IFG2.
    pub const IFG2: usize = 3;
    /// ME1.
    pub const ME1: usize = 4;
    /// ME2.
    pub const ME2: usize = 5;
}

/// One USART.
#[derive(Debug, Clone)]
pub struct Usart {
    index: u8,
    ctl: u8,
    tctl: u8,
    rctl: u8,
    mctl: u8,
    br0: u8,
    br1: u8,
    rxbuf: u8,
    txbuf: Option<u8>,
    shifting: Option<(u8, u64)>,
    rx_queue: VecDeque<u8>,
    rx_next: Option<u64>,
    src_base: u64,
    last_t: u64,
    /// Bytes the UART finished sending, with their completion time (ps).
    pub sent: Vec<(u64, u8)>,
}

impl Usart {
    /// USART `index` (0 or 1) after PUC: SWRST set.
    pub fn new(index: u8) -> Self {
        Usart {
            index,
            ctl: SWRST,
            tctl: 0,
            rctl: 0,
            mctl: 0,
            br0: 0,
            br1: 0,
            rxbuf: 0,
            txbuf: None,
            shifting: None,
            rx_queue: VecDeque::new(),
            rx_next: None,
            src_base: 0,
            last_t: 0,
            sent: Vec::new(),
        }
    }

    /// PUC at time `t` (console input still queued is kept).
    pub fn reset(&mut self, t: u64) {
        let queue = std::mem::take(&mut self.rx_queue);
        let sent = std::mem::take(&mut self.sent);
        *self = Usart::new(self.index);
        self.rx_queue = queue;
        self.sent = sent;
        self.last_t = t;
    }

    /// Base address (0x70 or 0x78).
    pub fn base(&self) -> u16 {
        0x70 + 8 * self.index as u16
    }

    /// True if `addr` is one of this USART's registers.
    pub fn contains(&self, addr: u16) -> bool {
        addr >= self.base() && addr < self.base() + 8
    }

    fn sfr_index(&self, base: usize) -> usize {
        base + self.index as usize
    }

    fn tx_bit(&self) -> u8 {
        if self.index == 0 {
            0x80
        } else {
            0x20
        }
    }

    fn rx_bit(&self) -> u8 {
        if self.index == 0 {
            0x40
        } else {
            0x10
        }
    }

    /// True in SPI (synchronous) mode.
    pub fn is_spi(&self) -> bool {
        self.ctl & SYNC != 0
    }

    /// True while a byte is in the shift register.
    pub fn busy(&self) -> bool {
        self.shifting.is_some()
    }

    fn source(&self) -> ClockSource {
        match (self.tctl >> 4) & 3 {
            0 => ClockSource::External,
            1 => ClockSource::Aclk,
            _ => ClockSource::Smclk,
        }
    }

    fn br(&self) -> u64 {
        u64::from(u16::from_le_bytes([self.br0, self.br1]))
    }

    /// True while a byte is shifting, waiting in UxTXBUF, or being
    /// received, clocked by SMCLK.
    pub fn active_on_smclk(&self) -> bool {
        self.source() == ClockSource::Smclk
            && (self.shifting.is_some() || self.txbuf.is_some() || self.rx_next.is_some())
    }

    /// UxTCTL.
    pub fn tctl(&self) -> u8 {
        self.tctl
    }

    /// The registers that set the bit rate (CTL, TCTL, MCTL, BR0, BR1).
    pub fn config(&self) -> (u8, u8, u8, u8, u8) {
        (self.ctl, self.tctl, self.mctl, self.br0, self.br1)
    }

    /// Average bit rate now (bits per frame / frame time), 0 without a clock.
    pub fn baud(&self, clk: &BasicClock) -> f64 {
        let hz = match self.source() {
            ClockSource::Aclk => clk.aclk_hz(),
            ClockSource::Smclk => clk.smclk_hz(),
            ClockSource::External => 0.0,
        };
        let bits = if self.is_spi() {
            if self.ctl & CHAR != 0 {
                8
            } else {
                7
            }
        } else {
            1 + if self.ctl & CHAR != 0 { 8 } else { 7 }
                + u64::from(self.ctl & PENA != 0)
                + if self.ctl & SPB != 0 { 2 } else { 1 }
        };
        hz * bits as f64 / self.frame_clocks() as f64
    }

    /// Duration of one byte (frame) at the current clock settings, ps
    /// (0 without a clock).
    pub fn byte_ps(&self, clk: &BasicClock) -> u64 {
        let hz = match self.source() {
            ClockSource::Aclk => clk.aclk_hz(),
            ClockSource::Smclk => clk.smclk_hz(),
            ClockSource::External => 0.0,
        };
        if hz > 0.0 {
            (self.frame_clocks() as f64 * 1e12 / hz).round() as u64
        } else {
            0
        }
    }

    /// BRCLK cycles one byte (frame) takes.
    pub fn frame_clocks(&self) -> u64 {
        if self.is_spi() {
            let bits = if self.ctl & CHAR != 0 { 8 } else { 7 };
            return bits * self.br().max(2);
        }
        let bits = 1
            + if self.ctl & CHAR != 0 { 8 } else { 7 }
            + u64::from(self.ctl & PENA != 0)
            + if self.ctl & SPB != 0 { 2 } else { 1 };
        let br = self.br().max(1);
        (0..bits)
            .map(|i| br + u64::from((self.mctl >> (i % 8)) & 1))
            .sum()
    }

    fn enabled_tx(&self, sfr: &Sfr) -> bool {
        self.ctl & SWRST == 0 && sfr.regs[self.sfr_index(Sfr::ME1)] & self.tx_bit() != 0
            || self.is_spi()
                && self.ctl & SWRST == 0
                && sfr.regs[self.sfr_index(Sfr::ME1)] & self.rx_bit() != 0
    }

    fn enabled_rx(&self, sfr: &Sfr) -> bool {
        self.ctl & SWRST == 0 && sfr.regs[self.sfr_index(Sfr::ME1)] & self.rx_bit() != 0
    }

    fn receive(&mut self, sfr: &mut Sfr, byte: u8) {
        let ifg = self.sfr_index(Sfr::IFG1);
        if sfr.regs[ifg] & self.rx_bit() != 0 {
            self.rctl |= OE;
        }
        self.rxbuf = byte;
        sfr.regs[ifg] |= self.rx_bit();
    }

    /// Moves the buffered byte into the idle shift register at source tick
    /// `tick`.
    fn start(&mut self, sfr: &mut Sfr, tick: u64) {
        if self.shifting.is_none() && self.enabled_tx(sfr) {
            if let Some(b) = self.txbuf.take() {
                self.shifting = Some((b, tick + self.frame_clocks()));
                sfr.regs[self.sfr_index(Sfr::IFG1)] |= self.tx_bit();
            }
        }
    }

    /// Catches up to time `t`. `exchange(byte, time)` is called for every
    /// byte that completes (SPI: returns the byte clocked in).
    pub fn sync(
        &mut self,
        clk: &BasicClock,
        sfr: &mut Sfr,
        t: u64,
        exchange: &mut dyn FnMut(u8, u64) -> u8,
    ) {
        if t < self.last_t {
            return;
        }
        self.last_t = t;
        let src = self.source();
        let now = clk.ticks(src, t);
        while let Some((byte, done)) = self.shifting {
            if now < done {
                break;
            }
            self.shifting = None;
            let at = clk.time_of(src, done).unwrap_or(t).min(t);
            let rx = exchange(byte, at);
            if self.is_spi() {
                if self.enabled_rx(sfr) {
                    self.receive(sfr, rx);
                }
            } else {
                self.sent.push((at, byte));
            }
            self.start(sfr, done);
        }
        while let Some(due) = self.rx_next {
            if now < due {
                break;
            }
            if let Some(b) = self.rx_queue.pop_front() {
                self.receive(sfr, b);
            }
            self.rx_next = if self.rx_queue.is_empty() {
                None
            } else {
                Some(due + self.frame_clocks())
            };
        }
        self.src_base = now;
        self.kick_rx(clk, sfr, t);
    }

    /// Schedules console input if the receiver is enabled.
    fn kick_rx(&mut self, clk: &BasicClock, sfr: &Sfr, t: u64) {
        if self.rx_next.is_none()
            && !self.is_spi()
            && !self.rx_queue.is_empty()
            && self.enabled_rx(sfr)
        {
            self.rx_next = Some(clk.ticks(self.source(), t) + self.frame_clocks());
        }
    }

    /// Queues bytes for the UART receiver (console input) at time `t`.
    pub fn input(&mut self, bytes: &[u8], clk: &BasicClock, sfr: &Sfr, t: u64) {
        self.rx_queue.extend(bytes);
        self.kick_rx(clk, sfr, t);
    }

    /// Time of the next byte completion (transmit or receive), if any.
    pub fn next_event(&self, clk: &BasicClock) -> Option<u64> {
        let src = self.source();
        let a = self.shifting.and_then(|(_, done)| clk.time_of(src, done));
        let b = self.rx_next.and_then(|due| clk.time_of(src, due));
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Register read (synced first).
    pub fn read(&mut self, addr: u16, sfr: &mut Sfr) -> u8 {
        match addr - self.base() {
            0 => self.ctl,
            1 => {
                let empty = self.shifting.is_none() && self.txbuf.is_none();
                (self.tctl & !TXEPT) | if empty { TXEPT } else { 0 }
            }
            2 => self.rctl,
            3 => self.mctl,
            4 => self.br0,
            5 => self.br1,
            6 => {
                sfr.regs[self.sfr_index(Sfr::IFG1)] &= !self.rx_bit();
                self.rctl &= !RX_ERRORS;
                self.rxbuf
            }
            _ => self.txbuf.unwrap_or(0),
        }
    }

    /// Register write at time `t` (synced first).
    pub fn write(&mut self, addr: u16, value: u8, clk: &BasicClock, sfr: &mut Sfr, t: u64) {
        let now = clk.ticks(self.source(), t);
        match addr - self.base() {
            0 => {
                self.ctl = value;
                if value & SWRST != 0 {
                    self.txbuf = None;
                    self.shifting = None;
                    self.rx_next = None;
                    self.rctl &= !RCTL_SWRST_CLEARS;
                    let bits = self.tx_bit() | self.rx_bit();
                    sfr.regs[self.sfr_index(Sfr::IE1)] &= !bits;
                    let ifg = self.sfr_index(Sfr::IFG1);
                    sfr.regs[ifg] = (sfr.regs[ifg] & !self.rx_bit()) | self.tx_bit();
                } else {
                    self.start(sfr, now);
                }
            }
            1 => self.tctl = value & !TXEPT,
            2 => self.rctl = value,
            3 => self.mctl = value,
            4 => self.br0 = value,
            5 => self.br1 = value,
            6 => {}
            _ => {
                sfr.regs[self.sfr_index(Sfr::IFG1)] &= !self.tx_bit();
                self.txbuf = Some(value);
                self.start(sfr, now);
            }
        }
        self.kick_rx(clk, sfr, t);
    }

    /// Module enable bits changed (ME1/ME2 written) at time `t`.
    pub fn enables_changed(&mut self, clk: &BasicClock, sfr: &mut Sfr, t: u64) {
        let now = clk.ticks(self.source(), t);
        self.start(sfr, now);
        self.kick_rx(clk, sfr, t);
    }

    /// Interrupt requests: (transmit, receive).
    pub fn irq(&self, sfr: &Sfr) -> (bool, bool) {
        let ie = sfr.regs[self.sfr_index(Sfr::IE1)];
        let ifg = sfr.regs[self.sfr_index(Sfr::IFG1)];
        (ie & ifg & self.tx_bit() != 0, ie & ifg & self.rx_bit() != 0)
    }

    /// The CPU accepted the transmit (`tx`) or receive interrupt: UTXIFGx
    /// resets when its interrupt is serviced; URXIFGx only when UxRXBUF is
    /// read (SLAU049 13.2.9).
    pub fn acknowledge(&mut self, tx: bool, sfr: &mut Sfr) {
        if tx {
            sfr.regs[self.sfr_index(Sfr::IFG1)] &= !self.tx_bit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Oscillators;

    fn setup_uart(clk: &BasicClock, sfr: &mut Sfr, u: &mut Usart) {
        // 8N1 from SMCLK (800 kHz), UBR 7 + no modulation = ~114 kbaud.
        u.write(0x70, CHAR | SWRST, clk, sfr, 0);
        u.write(0x71, 0x20, clk, sfr, 0);
        u.write(0x74, 7, clk, sfr, 0);
        u.write(0x75, 0, clk, sfr, 0);
        u.write(0x73, 0, clk, sfr, 0);
        sfr.regs[Sfr::ME1] |= 0xC0;
        u.write(0x70, CHAR, clk, sfr, 0);
    }

    /// Time of SMCLK tick n at 800 kHz.
    fn smclk_t(n: u64) -> u64 {
        n * 1_250_000
    }

    #[test]
    fn uart_tx_timing_and_flags() {
        let clk = BasicClock::new(Oscillators::default());
        let mut sfr = Sfr::default();
        let mut u = Usart::new(0);
        setup_uart(&clk, &mut sfr, &mut u);
        assert_eq!(sfr.regs[Sfr::IFG1] & 0x80, 0x80);
        assert_eq!(u.frame_clocks(), 70);
        u.write(0x77, b'A', &clk, &mut sfr, 0);
        // Moved to the shift register at once: buffer free again.
        assert_eq!(sfr.regs[Sfr::IFG1] & 0x80, 0x80);
        assert_eq!(u.read(0x71, &mut sfr) & TXEPT, 0);
        u.write(0x77, b'B', &clk, &mut sfr, 0);
        assert_eq!(sfr.regs[Sfr::IFG1] & 0x80, 0);
        assert_eq!(u.next_event(&clk), Some(smclk_t(70)));
        let mut none = |_: u8, _: u64| 0u8;
        u.sync(&clk, &mut sfr, smclk_t(70) - 1, &mut none);
        assert!(u.sent.is_empty());
        u.sync(&clk, &mut sfr, smclk_t(70), &mut none);
        assert_eq!(u.sent, vec![(smclk_t(70), b'A')]);
        assert_eq!(sfr.regs[Sfr::IFG1] & 0x80, 0x80);
        u.sync(&clk, &mut sfr, smclk_t(1000), &mut none);
        assert_eq!(u.sent[1], (smclk_t(140), b'B'));
        assert_eq!(u.read(0x71, &mut sfr) & TXEPT, TXEPT);
    }

    #[test]
    fn uart_modulation_and_format() {
        let clk = BasicClock::new(Oscillators::default());
        let mut sfr = Sfr::default();
        let mut u = Usart::new(0);
        setup_uart(&clk, &mut sfr, &mut u);
        u.write(0x73, 0x92, &clk, &mut sfr, 0); // m1, m4, m7 set
                                                // 10 bits: m0..m7, m0, m1 -> 3 + 1 extra cycles.
        assert_eq!(u.frame_clocks(), 74);
        u.write(0x70, CHAR | SPB | PENA, &clk, &mut sfr, 0); // 12 bits
                                                             // 12 bits: m0..m7, m0..m3 -> m1, m4, m7 and m1 again.
        assert_eq!(u.frame_clocks(), 12 * 7 + 4);
    }

    #[test]
    fn uart_rx_overrun_and_swrst() {
        let clk = BasicClock::new(Oscillators::default());
        let mut sfr = Sfr::default();
        let mut u = Usart::new(0);
        setup_uart(&clk, &mut sfr, &mut u);
        sfr.regs[Sfr::IE1] = 0xC0;
        u.input(b"xy", &clk, &sfr, 0);
        let mut none = |_: u8, _: u64| 0u8;
        u.sync(&clk, &mut sfr, smclk_t(70), &mut none);
        assert_eq!(u.irq(&sfr), (true, true));
        u.sync(&clk, &mut sfr, smclk_t(140), &mut none);
        assert_eq!(u.read(0x72, &mut sfr) & OE, OE);
        assert_eq!(u.read(0x76, &mut sfr), b'y');
        assert_eq!(sfr.regs[Sfr::IFG1] & 0x40, 0);
        assert_eq!(u.read(0x72, &mut sfr) & OE, 0);
        u.write(0x70, CHAR | SWRST, &clk, &mut sfr, smclk_t(140));
        assert_eq!(sfr.regs[Sfr::IE1], 0);
    }

    #[test]
    fn spi_master_exchange() {
        let mut clk = BasicClock::new(Oscillators::default());
        clk.write(crate::clock::BCSCTL2, 0, 0);
        let mut sfr = Sfr::default();
        let mut u = Usart::new(1);
        u.write(0x78, CHAR | SYNC | 0x02 | SWRST, &clk, &mut sfr, 0);
        u.write(0x79, 0x80 | 0x30 | 0x02, &clk, &mut sfr, 0);
        u.write(0x7C, 1, &clk, &mut sfr, 0); // below the minimum: 2
        sfr.regs[Sfr::ME2] |= 0x10; // USPIE1
        u.write(0x78, CHAR | SYNC | 0x02, &clk, &mut sfr, 0);
        assert_eq!(u.frame_clocks(), 16);
        u.write(0x7F, 0x5A, &clk, &mut sfr, 0);
        assert_eq!(sfr.regs[Sfr::IFG2] & 0x10, 0);
        let mut seen = Vec::new();
        let mut dev = |b: u8, t: u64| {
            seen.push((b, t));
            !b
        };
        u.sync(&clk, &mut sfr, smclk_t(15), &mut dev);
        assert_eq!(sfr.regs[Sfr::IFG2] & 0x10, 0);
        u.sync(&clk, &mut sfr, smclk_t(16), &mut dev);
        assert_eq!(sfr.regs[Sfr::IFG2] & 0x10, 0x10);
        assert_eq!(u.read(0x7E, &mut sfr), 0xA5);
        assert_eq!(sfr.regs[Sfr::IFG2] & 0x10, 0);
        assert_eq!(seen, vec![(0x5A, smclk_t(16))]);
        assert!(u.sent.is_empty());
    }
}
