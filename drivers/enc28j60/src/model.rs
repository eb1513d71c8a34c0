//! Behavioural model of the ENC28J60, written from the datasheet (DS39662)
//! and errata (DS80349), for host tests, the host runner and the board
//! simulator. `std` only.
//!
//! # Faces
//!
//! * Byte-level SPI, as a simulated USART drives it: [`Enc28j60Model::select`]
//!   on the chip-select falling edge, [`Enc28j60Model::exchange`] per byte
//!   (MOSI in, MISO out), [`Enc28j60Model::deselect`] on the rising edge.
//!   Every exchanged byte advances the model clock by `ns_per_byte` (default
//!   1000 ns, an 8 MHz SPI clock); [`Enc28j60Model::advance_ns`] advances it
//!   between bytes. The clock times MII BUSY (10.24 us), the 1 ms after a
//!   system reset and the time a frame takes on the wire.
//! * `embedded_hal::spi::SpiDevice` + `DelayNs` through [`SharedModel`]
//!   (an `Arc<Mutex<_>>`), for driver tests.
//! * Frames: [`Enc28j60Model::inject_frame`] delivers a frame from the wire
//!   (without CRC; the model appends it), [`Enc28j60Model::pop_transmitted`]
//!   returns sent frames (padded as the MAC pads them, without CRC), which is
//!   what a Linux TAP bridge reads and writes.
//!
//! # Modes
//!
//! [`ModelMode::Datasheet`] models the chip: banks, opcodes, buffer memory with
//! pointer auto-increment and receive-buffer wrap, receive status vectors,
//! EPKTCNT/PKTDEC, transmit status vectors, EIR/EIE/INT, MII/PHY with BUSY
//! timing, unicast/broadcast/multicast/hash filters, overflow. Not modelled:
//! DMA (DMAST never clears, like MSPSim), checksum, pattern match, magic
//! packet, pause frames, self test. Rule violations a driver commits (even
//! ERXRDPT, writes before the reset delay, BFS on MAC registers, ...) are
//! recorded in [`Enc28j60Model::violations`].
//!
//! [`ModelMode::MspSim`] behaves like the simplified model of the MSPSim
//! `proiot3` build described in the board notes: plain register storage,
//! streamed receive reads, ignored pointers.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use embedded_hal::delay::DelayNs;
use embedded_hal::spi::{ErrorType, Operation, SpiDevice};

use crate::regs::*;

/// Which behaviour the model follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelMode {
    /// The chip as the datasheet and errata describe it.
    Datasheet,
    /// The simplified MSPSim `proiot3` model (see the board notes).
    MspSim,
}

/// Faults to inject. Counts are consumed one per event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// The next N received frames get a corrupt next-packet pointer.
    pub corrupt_next_pointer: u32,
    /// The next N transmissions abort with a late collision (errata "late collision",
    /// rev. B5/B7: link pulses taken for collisions).
    pub late_collisions: u32,
    /// Late collisions are reported without the TSV late-collision bit
    /// (errata "late collision").
    pub late_collision_without_bit: bool,
    /// The next N transmissions never complete: TXRTS stays set until TXRST.
    pub stuck_txrts: u32,
    /// The next N received frames arrive with a bad CRC: dropped when
    /// ERXFCON.CRCEN is set, else stored with the CRC-error bit set and the
    /// receive-OK bit clear (DS table 7-3).
    pub bad_crc: u32,
    /// MISO reads 0xFF (no chip, MISO floating high).
    pub miso_stuck_high: bool,
    /// MISO reads 0x00 (broken MISO line).
    pub miso_stuck_low: bool,
}

/// Silicon quirks from the errata that the model reproduces. All of them are
/// listed for every revision B1-B7 in DS80349; [`Enc28j60Model::with_revision`]
/// enables all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quirks {
    /// Errata "reset: CLKRDY": after a system reset CLKRDY reads 1 at once, but the
    /// chip ignores writes for 1 ms.
    pub reset_clkrdy_lies: bool,
    /// Errata "RX buffer at 0x0000": writing ERXST/ERXND may load 0x0000 into the internal
    /// receive write pointer instead of ERXST.
    pub erxst_write_zeroes_write_pointer: bool,
    /// Errata "PKTIF": PKTIF may be cleared while frames are pending.
    pub pktif_unreliable: bool,
    /// Errata "TX stall": after an aborted transmission the transmit logic stalls
    /// (TXRTS never clears) until TXRST is pulsed.
    pub tx_stalls_after_abort: bool,
    /// Errata "odd ERXRDPT": an even ERXRDPT corrupts the next receive header.
    pub even_erxrdpt_corrupts: bool,
}

impl Quirks {
    /// Every quirk on.
    pub const ALL: Quirks = Quirks {
        reset_clkrdy_lies: true,
        erxst_write_zeroes_write_pointer: true,
        pktif_unreliable: true,
        tx_stalls_after_abort: true,
        even_erxrdpt_corrupts: true,
    };
}

/// SPI traffic counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpiStats {
    /// Chip-select assertions.
    pub transactions: u64,
    /// Bytes exchanged, opcodes included.
    pub bytes: u64,
    /// RCR/WCR/BFS/BFC commands.
    pub register_ops: u64,
    /// RBM/WBM commands.
    pub buffer_ops: u64,
    /// Data bytes read with RBM.
    pub rbm_data_bytes: u64,
    /// Data bytes written with WBM.
    pub wbm_data_bytes: u64,
}

/// What happened to an injected frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InjectResult {
    /// Stored in the receive buffer (or queued, MSPSim mode).
    Accepted,
    /// Rejected by the receive filters (or a runt/giant).
    Filtered,
    /// No room: dropped, EIR.RXERIF set.
    Overflow,
    /// Reception disabled (RXEN clear, RXRST, power save) or link down.
    NotReceiving,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmd {
    Opcode,
    Rcr(u8),
    Wcr(u8),
    Bfs(u8),
    Bfc(u8),
    Rbm,
    Wbm,
    Reset,
    Ignore,
}

#[derive(Clone, Copy, Debug)]
enum MiiOp {
    Read(u8),
    Write(u8, u16),
}

const BUFFER_SIZE: usize = 0x2000;
const MII_BUSY_NS: u64 = 10_240;
const RESET_DELAY_NS: u64 = 1_000_000;
/// Wire time of one byte at 10 Mb/s.
const WIRE_NS_PER_BYTE: u64 = 800;
/// Dummy byte shifted out first by MAC/MII register reads (any value).
const DUMMY: u8 = 0x5A;
const POVERRIDE: u8 = 0x01;
const PCRCEN: u8 = 0x02;
const PPADEN: u8 = 0x04;

/// The ENC28J60 model. See the module documentation.
#[derive(Debug)]
pub struct Enc28j60Model {
    mode: ModelMode,
    erevid: u8,
    quirks: Quirks,
    faults: Faults,
    banks: [[u8; COMMON_START as usize]; 4],
    common: [u8; 5],
    phy: [u16; 0x20],
    mem: Vec<u8>,
    selected: bool,
    cmd: Cmd,
    index: usize,
    rx_write_ptr: u16,
    erxrdpt_low_latch: u8,
    corrupt_next_header: bool,
    now_ns: u64,
    ns_per_byte: u64,
    ready_at_ns: u64,
    mii: Option<(u64, MiiOp)>,
    tx_done_at: Option<u64>,
    tx_stalled: bool,
    link_up: bool,
    link_dropped_latch: bool,
    transmitted: VecDeque<Vec<u8>>,
    msp_rx: VecDeque<Vec<u8>>,
    msp_stream_pos: usize,
    msp_tx: Vec<u8>,
    stats: SpiStats,
    violations: Vec<String>,
}

impl Default for Enc28j60Model {
    fn default() -> Self {
        Self::new()
    }
}

impl Enc28j60Model {
    /// A datasheet-mode rev. B7 chip, link up, just out of power-on reset.
    pub fn new() -> Self {
        let mut model = Enc28j60Model {
            mode: ModelMode::Datasheet,
            erevid: REV_B7,
            quirks: Quirks::ALL,
            faults: Faults::default(),
            banks: [[0; COMMON_START as usize]; 4],
            common: [0; 5],
            phy: [0; 0x20],
            mem: vec![0; BUFFER_SIZE],
            selected: false,
            cmd: Cmd::Opcode,
            index: 0,
            rx_write_ptr: 0,
            erxrdpt_low_latch: 0,
            corrupt_next_header: false,
            now_ns: 0,
            ns_per_byte: 1000,
            ready_at_ns: 0,
            mii: None,
            tx_done_at: None,
            tx_stalled: false,
            link_up: true,
            link_dropped_latch: false,
            transmitted: VecDeque::new(),
            msp_rx: VecDeque::new(),
            msp_stream_pos: 0,
            msp_tx: Vec::new(),
            stats: SpiStats::default(),
            violations: Vec::new(),
        };
        model.reset_registers();
        model
    }

    /// A model that behaves like the MSPSim `proiot3` ENC28J60: every
    /// register (EREVID included) starts at 0.
    pub fn mspsim() -> Self {
        let mut model = Self::new();
        model.mode = ModelMode::MspSim;
        model.erevid = 0;
        model.banks = [[0; COMMON_START as usize]; 4];
        model.common = [0; 5];
        model.phy = [0; 0x20];
        model
    }

    /// Sets the silicon revision (EREVID value, e.g. [`REV_B5`]); all errata
    /// quirks stay on.
    pub fn with_revision(mut self, erevid: u8) -> Self {
        self.erevid = erevid;
        if self.mode == ModelMode::Datasheet {
            self.banks[3][(EREVID & ADDR_MASK) as usize] = erevid;
        }
        self
    }

    /// Replaces the quirk set.
    pub fn with_quirks(mut self, quirks: Quirks) -> Self {
        self.quirks = quirks;
        self
    }

    /// The mode.
    pub fn mode(&self) -> ModelMode {
        self.mode
    }

    /// Faults to inject, mutable.
    pub fn faults_mut(&mut self) -> &mut Faults {
        &mut self.faults
    }

    /// Sets the SPI byte time (default 1000 ns).
    pub fn set_ns_per_byte(&mut self, ns: u64) {
        self.ns_per_byte = ns;
    }

    /// Model time in nanoseconds.
    pub fn now_ns(&self) -> u64 {
        self.now_ns
    }

    /// SPI traffic counters.
    pub fn stats(&self) -> SpiStats {
        self.stats
    }

    /// Zeroes the SPI traffic counters.
    pub fn reset_stats(&mut self) {
        self.stats = SpiStats::default();
    }

    /// Datasheet or errata rules the host broke, in order.
    pub fn violations(&self) -> &[String] {
        &self.violations
    }

    /// Frames received but not yet released (EPKTCNT, or the MSPSim queue).
    pub fn pending_frames(&self) -> usize {
        match self.mode {
            ModelMode::Datasheet => self.banks[1][(EPKTCNT & ADDR_MASK) as usize] as usize,
            ModelMode::MspSim => self.msp_rx.len(),
        }
    }

    /// Next frame the chip sent, oldest first.
    pub fn pop_transmitted(&mut self) -> Option<Vec<u8>> {
        self.transmitted.pop_front()
    }

    /// Sets the link state; a drop latches PHSTAT1.LLSTAT low and raises
    /// PHIR.PLNKIF (and EIR.LINKIF when PHIE enables it).
    pub fn set_link(&mut self, up: bool) {
        if up == self.link_up {
            return;
        }
        self.link_up = up;
        if !up {
            self.link_dropped_latch = true;
        }
        self.phy[PHIR as usize] |= PHIR_PLNKIF;
        let phie = self.phy[PHIE as usize];
        if phie & PHIE_PLNKIE != 0 && phie & PHIE_PGEIE != 0 {
            self.common[1] |= EIR_LINKIF;
        }
    }

    /// Raw register contents (bank 0-3, address 0x00-0x1F), no side effects.
    pub fn register(&self, bank: u8, addr: u8) -> u8 {
        match (bank, addr) {
            (0, 0x0E) => self.rx_write_ptr as u8,
            (0, 0x0F) => (self.rx_write_ptr >> 8) as u8,
            _ => self.reg(usize::from(bank & 3), addr & ADDR_MASK),
        }
    }

    /// Raw 16-bit register pair named like [`crate::regs::ERXSTL`], no side effects.
    pub fn register16(&self, reg_low: u8) -> u16 {
        let bank = bank_of(reg_low);
        let addr = reg_low & ADDR_MASK;
        u16::from_le_bytes([self.register(bank, addr), self.register(bank, addr + 1)])
    }

    /// Raw PHY register contents, no side effects.
    pub fn phy_register(&self, reg: u8) -> u16 {
        self.phy[usize::from(reg & 0x1F)]
    }

    /// Level of the INT pin: true when asserted (low on the real pin).
    pub fn int_asserted(&self) -> bool {
        let eie = self.common[0];
        let eir = self.common[1];
        self.mode == ModelMode::Datasheet && eie & EIE_INTIE != 0 && eie & eir & 0x7F != 0
    }

    // ---- register file ----

    fn bank(&self) -> usize {
        (self.common[4] & ECON1_BSEL) as usize
    }

    fn reg(&self, bank: usize, addr: u8) -> u8 {
        if addr >= COMMON_START {
            self.common[(addr - COMMON_START) as usize]
        } else {
            self.banks[bank][addr as usize]
        }
    }

    fn set_reg(&mut self, bank: usize, addr: u8, value: u8) {
        if addr >= COMMON_START {
            self.common[(addr - COMMON_START) as usize] = value;
        } else {
            self.banks[bank][addr as usize] = value;
        }
    }

    fn reg16(&self, reg_low: u8) -> u16 {
        let bank = bank_of(reg_low) as usize;
        let addr = reg_low & ADDR_MASK;
        u16::from_le_bytes([
            self.banks[bank][addr as usize],
            self.banks[bank][addr as usize + 1],
        ])
    }

    fn set_reg16(&mut self, reg_low: u8, value: u16) {
        let bank = bank_of(reg_low) as usize;
        let addr = (reg_low & ADDR_MASK) as usize;
        let [low, high] = value.to_le_bytes();
        self.banks[bank][addr] = low;
        self.banks[bank][addr + 1] = high;
    }

    /// Power-on / system reset values (DS table 3-2, PHY table 3-3).
    fn reset_registers(&mut self) {
        self.banks = [[0; COMMON_START as usize]; 4];
        self.common = [0; 5];
        self.common[(ECON2 - COMMON_START) as usize] = ECON2_AUTOINC;
        self.common[(ESTAT - COMMON_START) as usize] = ESTAT_CLKRDY;
        self.set_reg16(ERDPTL, 0x05FA);
        self.set_reg16(ERXSTL, 0x05FA);
        self.set_reg16(ERXNDL, 0x1FFF);
        self.set_reg16(ERXRDPTL, 0x05FA);
        self.banks[1][(ERXFCON & ADDR_MASK) as usize] = 0xA1;
        self.set_reg16(MAMXFLL, 0x0600);
        self.banks[2][(MACLCON1 & ADDR_MASK) as usize] = 0x0F;
        self.banks[2][(MACLCON2 & ADDR_MASK) as usize] = 0x37;
        self.banks[3][(EREVID & ADDR_MASK) as usize] = self.erevid;
        self.phy = [0; 0x20];
        self.phy[PHID1 as usize] = 0x0083;
        self.phy[PHID2 as usize] = 0x1400;
        self.phy[PHLCON as usize] = 0x3422;
        self.rx_write_ptr = 0;
        self.mii = None;
        self.tx_done_at = None;
        self.tx_stalled = false;
        self.corrupt_next_header = false;
    }

    fn violation(&mut self, what: String) {
        self.violations.push(what);
    }

    // ---- time ----

    /// Advances the model clock, completing MII operations and transmissions
    /// that are due.
    pub fn advance_ns(&mut self, ns: u64) {
        self.now_ns += ns;
        if let Some((done, op)) = self.mii {
            if self.now_ns >= done {
                self.mii = None;
                match op {
                    MiiOp::Read(reg) => {
                        let value = self.phy_read(reg);
                        let [low, high] = value.to_le_bytes();
                        self.banks[2][(MIRDL & ADDR_MASK) as usize] = low;
                        self.banks[2][(MIRDH & ADDR_MASK) as usize] = high;
                    }
                    MiiOp::Write(reg, value) => self.phy_write(reg, value),
                }
            }
        }
        if let Some(done) = self.tx_done_at {
            if self.now_ns >= done {
                self.tx_done_at = None;
                self.complete_tx();
            }
        }
    }

    // ---- byte-level SPI face ----

    /// Chip select falling edge: a new command starts.
    pub fn select(&mut self) {
        if self.selected {
            self.violation("select while already selected".into());
        }
        self.selected = true;
        self.cmd = Cmd::Opcode;
        self.index = 0;
        self.stats.transactions += 1;
    }

    /// Chip select rising edge: ends the command (a system reset executes here).
    pub fn deselect(&mut self) {
        if self.selected && self.cmd == Cmd::Reset && self.mode == ModelMode::Datasheet {
            self.system_reset();
        }
        self.selected = false;
        self.cmd = Cmd::Opcode;
    }

    /// Exchanges one byte: `mosi` from the host, returns MISO.
    pub fn exchange(&mut self, mosi: u8) -> u8 {
        if !self.selected {
            self.violation("SPI byte with chip select high".into());
            return 0xFF;
        }
        self.stats.bytes += 1;
        let ns = self.ns_per_byte;
        self.advance_ns(ns);
        let miso = match self.mode {
            ModelMode::Datasheet => self.exchange_datasheet(mosi),
            ModelMode::MspSim => self.exchange_mspsim(mosi),
        };
        if self.faults.miso_stuck_high {
            0xFF
        } else if self.faults.miso_stuck_low {
            0x00
        } else {
            miso
        }
    }

    fn decode(&mut self, opcode: u8) {
        let arg = opcode & ADDR_MASK;
        self.cmd = match opcode >> 5 {
            0 => Cmd::Rcr(arg),
            1 if arg == 0x1A => Cmd::Rbm,
            2 => Cmd::Wcr(arg),
            3 if arg == 0x1A => Cmd::Wbm,
            4 => Cmd::Bfs(arg),
            5 => Cmd::Bfc(arg),
            7 if arg == 0x1F => Cmd::Reset,
            _ => Cmd::Ignore,
        };
        match self.cmd {
            Cmd::Rcr(_) | Cmd::Wcr(_) | Cmd::Bfs(_) | Cmd::Bfc(_) => self.stats.register_ops += 1,
            Cmd::Rbm | Cmd::Wbm => self.stats.buffer_ops += 1,
            Cmd::Ignore => self.violation(format!("unknown opcode {opcode:#04x}")),
            _ => {}
        }
    }

    fn exchange_datasheet(&mut self, mosi: u8) -> u8 {
        let index = self.index;
        self.index += 1;
        if index == 0 {
            self.decode(mosi);
            return 0;
        }
        match self.cmd {
            Cmd::Rcr(addr) => {
                let bank = self.bank();
                let mac = addr < COMMON_START && is_mac_mii(bank as u8, addr);
                // DS 4.2.1: MAC/MII registers shift out a dummy byte first.
                if mac && index == 1 {
                    DUMMY
                } else {
                    self.read_register(bank, addr)
                }
            }
            Cmd::Wcr(addr) if index == 1 => {
                self.write_register(addr, |_| mosi, mosi);
                0
            }
            Cmd::Bfs(addr) | Cmd::Bfc(addr) if index == 1 => {
                let set = matches!(self.cmd, Cmd::Bfs(_));
                let bank = self.bank() as u8;
                if addr < COMMON_START && is_mac_mii(bank, addr) {
                    // DS 4.2.5/4.2.6: bit field operations on ETH registers only.
                    self.violation(format!("BFS/BFC on MAC/MII register {bank}:{addr:#04x}"));
                    return 0;
                }
                if set {
                    self.write_register(addr, |old| old | mosi, mosi);
                } else {
                    self.write_register(addr, |old| old & !mosi, 0);
                }
                0
            }
            Cmd::Rbm => {
                self.stats.rbm_data_bytes += 1;
                self.read_buffer_byte()
            }
            Cmd::Wbm => {
                self.stats.wbm_data_bytes += 1;
                self.write_buffer_byte(mosi);
                0
            }
            _ => 0,
        }
    }

    /// Register value as RCR returns it (datasheet mode).
    fn read_register(&self, bank: usize, addr: u8) -> u8 {
        match (bank, addr) {
            (_, ESTAT) => {
                let mut estat = self.common[2];
                if self.int_asserted() {
                    estat |= ESTAT_INT;
                }
                estat
            }
            (0, 0x0E) => self.rx_write_ptr as u8,
            (0, 0x0F) => (self.rx_write_ptr >> 8) as u8,
            (3, 0x0A) => u8::from(self.mii.is_some()),
            _ => self.reg(bank, addr),
        }
    }

    /// Applies a WCR (`update` ignores the old value) or BFS/BFC to an
    /// ETH/MAC/MII register with its side effects. `set_bits` are the bits a
    /// write sets (trigger bits such as TXRTS and PKTDEC act on them).
    fn write_register(&mut self, addr: u8, update: impl Fn(u8) -> u8, set_bits: u8) {
        let bank = self.bank();
        if self.now_ns < self.ready_at_ns && self.quirks.reset_clkrdy_lies {
            // Errata "reset: CLKRDY": CLKRDY claims ready but the chip is not.
            self.violation(format!(
                "register write {bank}:{addr:#04x} less than 1 ms after a system reset"
            ));
            return;
        }
        let old = self.reg(bank, addr);
        let new = update(old);
        match (bank, addr) {
            (_, EIE) => self.common[0] = new,
            (_, EIR) => {
                // PKTIF and LINKIF are read-only; the others are cleared by
                // writing 0 (DS register 12-3).
                let clearable = EIR_DMAIF | EIR_TXIF | EIR_TXERIF | EIR_RXERIF;
                self.common[1] = old & (new | !clearable);
            }
            (_, ESTAT) => {
                let clearable = ESTAT_BUFER | ESTAT_LATECOL | ESTAT_TXABRT;
                self.common[2] = old & (new | !clearable);
            }
            (_, ECON2) => self.write_econ2(new, set_bits),
            (_, ECON1) => self.write_econ1(old, new),
            (0, 0x08..=0x0B) => {
                self.banks[0][addr as usize] = new;
                // Errata "RX buffer at 0x0000": the internal write pointer may become 0.
                self.rx_write_ptr = if self.quirks.erxst_write_zeroes_write_pointer {
                    0
                } else {
                    self.reg16(ERXSTL)
                };
            }
            (0, 0x0C) => self.erxrdpt_low_latch = new,
            (0, 0x0D) => {
                // DS 6.1: ERXRDPTL is buffered until ERXRDPTH is written.
                self.banks[0][0x0C] = self.erxrdpt_low_latch;
                self.banks[0][0x0D] = new;
                let ptr = self.reg16(ERXRDPTL);
                let (start, end) = (self.reg16(ERXSTL), self.reg16(ERXNDL));
                if ptr < start || ptr > end {
                    self.violation(format!("ERXRDPT {ptr:#06x} outside the receive buffer"));
                }
                if ptr & 1 == 0 {
                    self.violation(format!("even ERXRDPT {ptr:#06x} (errata: odd ERXRDPT)"));
                    if self.quirks.even_erxrdpt_corrupts {
                        self.corrupt_next_header = true;
                    }
                }
            }
            (0, 0x0E | 0x0F) | (1, 0x19) | (2, 0x18 | 0x19) | (3, 0x0A | 0x12) => {}
            (2, 0x12) => {
                self.banks[2][0x12] = new;
                if old & MICMD_MIIRD == 0 && new & MICMD_MIIRD != 0 {
                    self.start_mii(MiiOp::Read(self.banks[2][0x14] & 0x1F));
                } else if old & MICMD_MIIRD != 0 && new & MICMD_MIIRD == 0 && self.mii.is_some() {
                    self.violation("MICMD.MIIRD cleared while MII busy".into());
                }
            }
            (2, 0x17) => {
                self.banks[2][0x17] = new;
                let value = u16::from_le_bytes([self.banks[2][0x16], new]);
                self.start_mii(MiiOp::Write(self.banks[2][0x14] & 0x1F, value));
            }
            _ => self.set_reg(bank, addr, new),
        }
    }

    fn start_mii(&mut self, op: MiiOp) {
        if self.mii.is_some() {
            self.violation("MII command while MISTAT.BUSY".into());
        }
        self.mii = Some((self.now_ns + MII_BUSY_NS, op));
    }

    fn write_econ2(&mut self, new: u8, set_bits: u8) {
        if set_bits & ECON2_PKTDEC != 0 {
            let count = &mut self.banks[1][(EPKTCNT & ADDR_MASK) as usize];
            if *count == 0 {
                self.violations.push("PKTDEC with EPKTCNT 0".into());
            } else {
                *count -= 1;
            }
            if *count == 0 || self.quirks.pktif_unreliable {
                // Errata "PKTIF": PKTIF does not track EPKTCNT reliably.
                self.common[1] &= !EIR_PKTIF;
            }
        }
        // PKTDEC always reads 0.
        self.common[3] = new & !ECON2_PKTDEC;
    }

    fn write_econ1(&mut self, old: u8, new: u8) {
        let mut value = new;
        if new & ECON1_DMAST != 0 && old & ECON1_DMAST == 0 {
            self.violation("DMA started: not modelled, DMAST never clears".into());
        }
        if new & ECON1_TXRST != 0 {
            // Transmit logic held in reset (DS register 3-1).
            self.tx_stalled = false;
            self.tx_done_at = None;
            value &= !ECON1_TXRTS;
        }
        if new & ECON1_RXRST != 0 {
            self.banks[1][(EPKTCNT & ADDR_MASK) as usize] = 0;
            self.common[1] &= !EIR_PKTIF;
            self.rx_write_ptr = self.reg16(ERXSTL);
        }
        self.common[4] = value;
        if old & ECON1_TXRTS == 0 && value & ECON1_TXRTS != 0 {
            self.start_tx();
        } else if old & ECON1_TXRTS != 0 && value & ECON1_TXRTS == 0 {
            // Host cancelled the transmission.
            self.tx_done_at = None;
        }
    }

    fn buffer_next(&self, addr: u16) -> u16 {
        // DS 3.2.1: reads wrap from ERXND to ERXST; otherwise 0x1FFF -> 0.
        if addr == self.reg16(ERXNDL) {
            self.reg16(ERXSTL)
        } else {
            (addr + 1) & BUFFER_END
        }
    }

    fn read_buffer_byte(&mut self) -> u8 {
        let addr = self.reg16(ERDPTL) & BUFFER_END;
        let value = self.mem[addr as usize];
        if self.common[3] & ECON2_AUTOINC != 0 {
            let next = self.buffer_next(addr);
            self.set_reg16(ERDPTL, next);
        }
        value
    }

    fn write_buffer_byte(&mut self, value: u8) {
        let addr = self.reg16(EWRPTL) & BUFFER_END;
        let (start, end) = (self.reg16(ERXSTL), self.reg16(ERXNDL));
        if addr >= start && addr <= end {
            self.violation(format!("WBM into the receive buffer at {addr:#06x}"));
        }
        self.mem[addr as usize] = value;
        if self.common[3] & ECON2_AUTOINC != 0 {
            self.set_reg16(EWRPTL, (addr + 1) & BUFFER_END);
        }
    }

    fn system_reset(&mut self) {
        self.reset_registers();
        // Errata "reset: CLKRDY": CLKRDY stays set, but the chip needs 1 ms.
        self.ready_at_ns = self.now_ns + RESET_DELAY_NS;
        if !self.quirks.reset_clkrdy_lies {
            self.common[2] &= !ESTAT_CLKRDY;
        }
    }

    // ---- PHY ----

    fn phy_read(&mut self, reg: u8) -> u16 {
        match reg {
            PHSTAT1 => {
                // LLSTAT latches low on a drop until read (DS table 3-3).
                let mut value = 0x1800;
                if self.link_up && !self.link_dropped_latch {
                    value |= PHSTAT1_LLSTAT;
                }
                self.link_dropped_latch = false;
                value
            }
            PHSTAT2 => {
                let mut value = 0;
                if self.link_up {
                    value |= PHSTAT2_LSTAT;
                }
                if self.phy[PHCON1 as usize] & PHCON1_PDPXMD != 0 {
                    value |= PHSTAT2_DPXSTAT;
                }
                value
            }
            PHIR => {
                // Reading PHIR clears its flags and EIR.LINKIF (DS 12.1.5).
                let value = self.phy[PHIR as usize];
                self.phy[PHIR as usize] = 0;
                self.common[1] &= !EIR_LINKIF;
                value
            }
            _ => self.phy[reg as usize],
        }
    }

    fn phy_write(&mut self, reg: u8, value: u16) {
        match reg {
            PHCON1 => self.phy[reg as usize] = value & !PHCON1_PRST,
            PHSTAT1 | PHSTAT2 | PHID1 | PHID2 | PHIR => {}
            PHLCON => {
                if value & 0x3000 != 0x3000 {
                    self.violation(format!("PHLCON {value:#06x}: bits 13:12 must be written 1"));
                }
                self.phy[reg as usize] = value;
            }
            _ => self.phy[reg as usize] = value,
        }
    }

    // ---- transmit (DS 7.1) ----

    fn start_tx(&mut self) {
        if self.faults.stuck_txrts > 0 {
            self.faults.stuck_txrts -= 1;
            self.tx_stalled = true;
        }
        if self.tx_stalled {
            // TXRTS stays set until TXRST (errata "TX stall").
            return;
        }
        let (start, end) = (self.reg16(ETXSTL), self.reg16(ETXNDL));
        if end < start {
            self.violation(format!("ETXND {end:#06x} before ETXST {start:#06x}"));
            return;
        }
        let bytes = u64::from(end - start).max(60) + 12;
        self.tx_done_at = Some(self.now_ns + bytes * WIRE_NS_PER_BYTE);
    }

    fn complete_tx(&mut self) {
        let (start, end) = (
            self.reg16(ETXSTL) & BUFFER_END,
            self.reg16(ETXNDL) & BUFFER_END,
        );
        let control = self.mem[start as usize];
        let mut frame = self.mem[start as usize + 1..=end as usize].to_vec();
        let macon3 = self.banks[2][(MACON3 & ADDR_MASK) as usize];
        let full_mac = macon3 & MACON3_FULDPX != 0;
        let full_phy = self.phy[PHCON1 as usize] & PHCON1_PDPXMD != 0;
        if full_mac != full_phy {
            self.violation("MACON3.FULDPX does not match PHCON1.PDPXMD".into());
        }
        let (pad, crc) = if control & POVERRIDE != 0 {
            (control & PPADEN != 0, control & PCRCEN != 0)
        } else {
            (macon3 & 0xE0 != 0, macon3 & MACON3_TXCRCEN != 0)
        };
        if pad && frame.len() < 60 {
            frame.resize(60, 0);
        }
        let mut tsv = [0u8; TSV_LEN as usize];
        let count = frame.len() as u16 + if crc { 4 } else { 0 };
        tsv[0..2].copy_from_slice(&count.to_le_bytes());
        tsv[4..6].copy_from_slice(&count.to_le_bytes());
        if frame.first().is_some_and(|b| b & 1 != 0) {
            tsv[3] |= if frame[..6.min(frame.len())].iter().all(|&b| b == 0xFF) {
                0x02
            } else {
                0x01
            };
        }
        let mut eir = EIR_TXIF;
        if self.faults.late_collisions > 0 {
            self.faults.late_collisions -= 1;
            if !self.faults.late_collision_without_bit {
                tsv[3] |= TSV3_LATE_COLLISION;
            }
            eir |= EIR_TXERIF;
            self.common[2] |= ESTAT_TXABRT | ESTAT_LATECOL;
            if self.quirks.tx_stalls_after_abort {
                self.tx_stalled = true;
            }
        } else {
            tsv[2] |= TSV2_DONE;
            if self.link_up {
                self.transmitted.push_back(frame);
            }
        }
        let mut addr = end;
        for byte in tsv {
            addr = (addr + 1) & BUFFER_END;
            self.mem[addr as usize] = byte;
        }
        self.common[1] |= eir;
        self.common[4] &= !ECON1_TXRTS;
    }

    // ---- receive (DS 7.2, 8.0) ----

    fn filter_accepts(&self, dest: &[u8]) -> bool {
        let fcon = self.banks[1][(ERXFCON & ADDR_MASK) as usize];
        let filters = fcon & !(ERXFCON_ANDOR | ERXFCON_CRCEN);
        if filters == 0 {
            // DS 8.0: all filters off, every frame is accepted.
            return true;
        }
        let b3 = &self.banks[3];
        let ours = [b3[4], b3[5], b3[2], b3[3], b3[0], b3[1]];
        let mut matches = 0u8;
        if dest == ours {
            matches |= ERXFCON_UCEN;
        }
        if dest.iter().all(|&b| b == 0xFF) {
            matches |= ERXFCON_BCEN;
        }
        if dest[0] & 1 != 0 {
            matches |= ERXFCON_MCEN;
        }
        let index = model_hash_index(dest);
        if self.banks[1][(index >> 3) as usize] & (1 << (index & 7)) != 0 {
            matches |= ERXFCON_HTEN;
        }
        if fcon & ERXFCON_ANDOR != 0 {
            matches & filters == filters
        } else {
            matches & filters != 0
        }
    }

    /// Delivers a frame from the wire (destination MAC first, no CRC).
    pub fn inject_frame(&mut self, frame: &[u8]) -> InjectResult {
        match self.mode {
            ModelMode::Datasheet => self.inject_datasheet(frame),
            ModelMode::MspSim => {
                // No filtering, queued even before RXEN; TAP frames are cut at
                // 1500 bytes; 255 unread frames stop the simulated node.
                if self.msp_rx.len() >= 255 {
                    return InjectResult::Overflow;
                }
                self.msp_rx
                    .push_back(frame[..frame.len().min(1500)].to_vec());
                InjectResult::Accepted
            }
        }
    }

    fn inject_datasheet(&mut self, frame: &[u8]) -> InjectResult {
        let econ1 = self.common[4];
        if !self.link_up
            || econ1 & ECON1_RXEN == 0
            || econ1 & ECON1_RXRST != 0
            || self.common[3] & ECON2_PWRSV != 0
        {
            return InjectResult::NotReceiving;
        }
        let max = usize::from(self.reg16(MAMXFLL));
        if frame.len() < 14 || frame.len() + 4 > max {
            return InjectResult::Filtered;
        }
        if !self.filter_accepts(&frame[..6]) {
            return InjectResult::Filtered;
        }
        let bad_crc = self.faults.bad_crc > 0;
        if bad_crc {
            self.faults.bad_crc -= 1;
            let fcon = self.banks[1][(ERXFCON & ADDR_MASK) as usize];
            if fcon & ERXFCON_CRCEN != 0 {
                return InjectResult::Filtered;
            }
        }
        let (start, end) = (self.reg16(ERXSTL), self.reg16(ERXNDL));
        let size = usize::from(end - start) + 1;
        let read_ptr = self.reg16(ERXRDPTL);
        let write_ptr = self.rx_write_ptr;
        // DS 7.2.4: free space between the write and read pointers.
        let free = if write_ptr > read_ptr {
            size - usize::from(write_ptr - read_ptr)
        } else if write_ptr == read_ptr {
            size
        } else {
            usize::from(read_ptr - write_ptr)
        };
        let total = 6 + frame.len() + 4;
        let padded = total + (total & 1);
        let count_reg = usize::from(EPKTCNT & ADDR_MASK);
        if padded > free || self.banks[1][count_reg] == 255 {
            self.common[1] |= EIR_RXERIF;
            return InjectResult::Overflow;
        }
        let mut next = usize::from(write_ptr) + padded;
        if next > usize::from(end) {
            next -= size;
        }
        let real_next = next as u16;
        let mut next = real_next;
        if self.faults.corrupt_next_pointer > 0 || self.corrupt_next_header {
            self.faults.corrupt_next_pointer = self.faults.corrupt_next_pointer.saturating_sub(1);
            self.corrupt_next_header = false;
            // Odd and past ERXND: what a corrupted buffer looks like.
            next = BUFFER_END;
        }
        let dest = &frame[..6];
        let mut status = if bad_crc { 1 << 20 } else { RSV_RECEIVED_OK };
        if dest.iter().all(|&b| b == 0xFF) {
            status |= RSV_BROADCAST;
        } else if dest[0] & 1 != 0 {
            status |= RSV_MULTICAST;
        }
        let mut bytes = Vec::with_capacity(padded);
        bytes.extend_from_slice(&next.to_le_bytes());
        bytes.extend_from_slice(&((frame.len() + 4) as u16).to_le_bytes());
        bytes.extend_from_slice(&((status >> 16) as u16).to_le_bytes());
        bytes.extend_from_slice(frame);
        let crc = crc32(frame) ^ u32::from(bad_crc);
        bytes.extend_from_slice(&crc.to_le_bytes());
        let mut addr = write_ptr;
        for byte in bytes {
            self.mem[addr as usize] = byte;
            addr = if addr == end { start } else { addr + 1 };
        }
        self.rx_write_ptr = real_next;
        self.banks[1][count_reg] += 1;
        self.common[1] |= EIR_PKTIF;
        InjectResult::Accepted
    }

    // ---- MSPSim mode ----

    fn exchange_mspsim(&mut self, mosi: u8) -> u8 {
        let index = self.index;
        self.index += 1;
        if index == 0 {
            self.decode(mosi);
            if matches!(self.cmd, Cmd::Rcr(_)) {
                // Every register read forces ESTAT to CLKRDY and EPKTCNT to
                // the number of queued frames.
                self.common[2] = ESTAT_CLKRDY;
                self.banks[1][(EPKTCNT & ADDR_MASK) as usize] = self.msp_rx.len().min(255) as u8;
            }
            return 0;
        }
        let bank = self.bank();
        match self.cmd {
            // MAC/MII reads give the value on both bytes.
            Cmd::Rcr(addr) => self.reg(bank, addr),
            Cmd::Wcr(addr) if index == 1 => {
                self.set_reg(bank, addr, mosi);
                self.mspsim_side_effects(addr, mosi);
                0
            }
            Cmd::Bfs(addr) if index == 1 => {
                let value = self.reg(bank, addr) | mosi;
                self.set_reg(bank, addr, value);
                self.mspsim_side_effects(addr, mosi);
                0
            }
            Cmd::Bfc(addr) if index == 1 => {
                let value = self.reg(bank, addr) & !mosi;
                self.set_reg(bank, addr, value);
                0
            }
            Cmd::Rbm => {
                self.stats.rbm_data_bytes += 1;
                self.mspsim_stream_byte()
            }
            Cmd::Wbm => {
                self.stats.wbm_data_bytes += 1;
                self.msp_tx.push(mosi);
                0
            }
            _ => 0,
        }
    }

    fn mspsim_side_effects(&mut self, addr: u8, set_bits: u8) {
        if addr == ECON2 && set_bits & ECON2_PKTDEC != 0 {
            self.msp_rx.pop_front();
            self.msp_stream_pos = 0;
            self.common[3] &= !ECON2_PKTDEC;
        }
        if addr == ECON1 && set_bits & ECON1_TXRTS != 0 {
            if self.msp_tx.len() > 1 {
                self.transmitted.push_back(self.msp_tx[1..].to_vec());
            }
            self.msp_tx.clear();
            self.common[4] &= !ECON1_TXRTS;
        }
    }

    fn mspsim_stream_byte(&mut self) -> u8 {
        let pos = self.msp_stream_pos;
        self.msp_stream_pos += 1;
        let Some(frame) = self.msp_rx.front() else {
            return 0;
        };
        let count = (frame.len() + 4) as u16;
        match pos {
            0 | 1 => 0,
            2 => count as u8,
            3 => (count >> 8) as u8,
            4 => 0x80,
            5 => 0x00,
            p if p - 6 < frame.len() => frame[p - 6],
            _ => 0,
        }
    }
}

/// Standard Ethernet CRC-32 (reflected, polynomial 0xEDB88320), as appended
/// to frames (IEEE 802.3 clause 3.2.9).
pub fn crc32(data: &[u8]) -> u32 {
    !crc32_register(data)
}

fn crc32_register(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    crc
}

/// Hash table index computed the other way round from the driver's: the
/// reflected register, bit-reversed to the datasheet's bit order (DS 8.2.3).
fn model_hash_index(dest: &[u8]) -> u8 {
    ((crc32_register(dest).reverse_bits() >> 23) & 0x3F) as u8
}

/// A model shared between the SPI face, the delay and the test.
#[derive(Clone, Debug)]
pub struct SharedModel(Arc<Mutex<Enc28j60Model>>);

impl SharedModel {
    /// Wraps a model.
    pub fn new(model: Enc28j60Model) -> Self {
        SharedModel(Arc::new(Mutex::new(model)))
    }

    /// Locks the model.
    pub fn lock(&self) -> MutexGuard<'_, Enc28j60Model> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// An `SpiDevice` on the model (chip select inside).
    pub fn spi(&self) -> ModelSpi {
        ModelSpi(self.clone())
    }

    /// A `DelayNs` that advances the model clock.
    pub fn delay(&self) -> ModelDelay {
        ModelDelay(self.clone())
    }
}

/// `embedded_hal::spi::SpiDevice` on a [`SharedModel`].
#[derive(Clone, Debug)]
pub struct ModelSpi(SharedModel);

impl ErrorType for ModelSpi {
    type Error = core::convert::Infallible;
}

impl SpiDevice for ModelSpi {
    fn transaction(&mut self, operations: &mut [Operation<'_, u8>]) -> Result<(), Self::Error> {
        let mut chip = self.0.lock();
        chip.select();
        for op in operations {
            match op {
                Operation::Write(data) => {
                    for &byte in data.iter() {
                        chip.exchange(byte);
                    }
                }
                Operation::Read(data) => {
                    for byte in data.iter_mut() {
                        *byte = chip.exchange(0);
                    }
                }
                Operation::Transfer(read, write) => {
                    for i in 0..read.len().max(write.len()) {
                        let miso = chip.exchange(write.get(i).copied().unwrap_or(0));
                        if let Some(slot) = read.get_mut(i) {
                            *slot = miso;
                        }
                    }
                }
                Operation::TransferInPlace(data) => {
                    for byte in data.iter_mut() {
                        *byte = chip.exchange(*byte);
                    }
                }
                Operation::DelayNs(ns) => chip.advance_ns(u64::from(*ns)),
            }
        }
        chip.deselect();
        Ok(())
    }
}

/// `embedded_hal::delay::DelayNs` that advances the model clock.
#[derive(Clone, Debug)]
pub struct ModelDelay(SharedModel);

impl DelayNs for ModelDelay {
    fn delay_ns(&mut self, ns: u32) {
        self.0.lock().advance_ns(u64::from(ns));
    }
}
