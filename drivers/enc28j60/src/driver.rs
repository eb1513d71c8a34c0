//! The driver proper. Datasheet DS39662 ("DS") and errata DS80349 ("errata")
//! are cited by section / item.

use core::mem::MaybeUninit;

use embedded_hal::delay::DelayNs;
use embedded_hal::spi::{Operation, SpiDevice};

use crate::regs::*;

/// Largest frame `transmit` accepts and `receive` can return: 1518 bytes on
/// the wire minus the 4-byte CRC, which the chip appends and the driver strips.
pub const MAX_FRAME_LEN: usize = (MAX_FRAME_WITH_CRC - 4) as usize;

/// Default last address of the receive buffer. The receive buffer starts at
/// 0x0000 (errata "RX buffer at 0x0000": the internal receive write pointer may be loaded with
/// 0x0000 when ERXST/ERXND are written), the transmit buffer takes the 1536
/// bytes after it: control byte + 1514-byte frame + 7-byte status vector fit.
pub const DEFAULT_RX_BUFFER_END: u16 = 0x19FF;

/// Default PHLCON: LEDA shows link status, LEDB transmit and receive activity,
/// stretched (DS register 2-2; bits 13:12 must be written as 1).
pub const DEFAULT_PHLCON: u16 = 0x3476;

/// MAC of the IPv6 all-nodes group ff02::1 (RFC 2464 section 7).
pub const ALL_NODES_MAC: [u8; 6] = [0x33, 0x33, 0x00, 0x00, 0x00, 0x01];

/// MAC of the solicited-node group of an IPv6 address whose last three bytes
/// are `low24` (ff02::1:ffXX:XXXX, RFC 4291 section 2.7.1, RFC 2464 section 7).
pub const fn solicited_node_mac(low24: [u8; 3]) -> [u8; 6] {
    [0x33, 0x33, 0xFF, low24[0], low24[1], low24[2]]
}

/// How multicast frames are let through the hardware filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MulticastMode {
    /// Only groups set with [`Enc28j60::set_multicast_filter`] (hash table,
    /// DS 8.2.3); hash collisions let a few others through.
    HashTable,
    /// Every multicast frame (DS 8.2.4): a fallback when the hash is unwanted.
    Promiscuous,
}

/// Driver configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Our MAC address, first transmitted byte first.
    pub mac: [u8; 6],
    /// Last address of the receive buffer (odd; the receive buffer is
    /// 0x0000..=this, the transmit buffer follows it).
    pub rx_buffer_end: u16,
    /// Full duplex (PHCON1.PDPXMD and MACON3.FULDPX both set); half duplex
    /// otherwise, which is what a link partner without autonegotiation-aware
    /// duplex detection expects from this 10BASE-T PHY.
    pub full_duplex: bool,
    /// Multicast filtering.
    pub multicast: MulticastMode,
    /// PHY LED configuration written to PHLCON.
    pub phlcon: u16,
}

impl Config {
    /// Half duplex, default buffer split, hash-table multicast, default LEDs.
    pub const fn new(mac: [u8; 6]) -> Self {
        Config {
            mac,
            rx_buffer_end: DEFAULT_RX_BUFFER_END,
            full_duplex: false,
            multicast: MulticastMode::HashTable,
            phlcon: DEFAULT_PHLCON,
        }
    }
}

/// Silicon revision read from EREVID (errata DS80349 table 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Revision {
    /// Rev. B1 (EREVID 0x02).
    B1,
    /// Rev. B4 (EREVID 0x04).
    B4,
    /// Rev. B5 (EREVID 0x05).
    B5,
    /// Rev. B7 (EREVID 0x06).
    B7,
    /// Any other value, e.g. 0x00 on the MSPSim model: a warning, not an error;
    /// the driver applies every workaround anyway.
    Unknown(u8),
}

impl Revision {
    /// Decodes an EREVID value.
    pub fn from_erevid(value: u8) -> Self {
        match value {
            REV_B1 => Revision::B1,
            REV_B4 => Revision::B4,
            REV_B5 => Revision::B5,
            REV_B7 => Revision::B7,
            other => Revision::Unknown(other),
        }
    }

    /// Whether this is a revision the errata document describes.
    pub fn is_known(self) -> bool {
        !matches!(self, Revision::Unknown(_))
    }
}

/// Driver errors, generic over the SPI error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error<E> {
    /// The SPI device failed.
    Spi(E),
    /// No chip answers: ESTAT read with its unimplemented bit 3 set (MISO
    /// floating high), or a register did not read back what was written.
    NoChip,
    /// ESTAT.CLKRDY stayed clear after reset.
    ClockNotReady,
    /// The configuration is invalid (receive buffer end even or the split
    /// leaving too little room for either buffer).
    BadConfig,
    /// The frame to send is empty or does not fit the transmit buffer.
    FrameTooLong,
    /// ECON1.TXRTS did not clear in time; the send was cancelled.
    TxTimeout,
    /// The transmission was aborted; the value is byte 3 of the transmit
    /// status vector (DS table 7-1, bits 31:24).
    TxFailed(u8),
    /// MISTAT.BUSY did not clear in time.
    PhyTimeout,
    /// The chip did not become idle in time (power down).
    Timeout,
}

/// Event counters, wrapping at 65536: the machine word of the MSP430
/// (a 16-bit increment is one instruction; a 32-bit one about 20 bytes or
/// a call). Read them more often than that many events to follow rates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Frames delivered by `receive`.
    pub rx_frames: u16,
    /// Frames sent.
    pub tx_frames: u16,
    /// Frames longer than the caller's buffer: dropped by `receive`, cut
    /// (their first bytes stored, the rest summed) by `receive_cut`.
    pub rx_dropped_too_long: u16,
    /// Frames dropped because the receive-OK status bit was clear.
    pub rx_dropped_bad_status: u16,
    /// Receive buffer overflows seen (EIR.RXERIF).
    pub rx_overflows: u16,
    /// Receive logic resets after a corrupt receive header.
    pub rx_resets: u16,
    /// Retransmissions after a late collision (errata "late collision").
    pub tx_late_collision_retries: u16,
    /// Transmissions that failed for good.
    pub tx_errors: u16,
    /// Transmissions cancelled because TXRTS stayed set.
    pub tx_timeouts: u16,
    /// Link drops seen through PHSTAT1.LLSTAT.
    pub link_drops: u16,
}

/// A frame taken by [`Enc28j60::receive_cut`]: its length on the wire
/// (without the CRC), how many of its first bytes are in the caller's
/// buffer, and the RFC 1071 one's-complement sum of the rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RxFrame {
    /// The frame's length, destination MAC to payload (no CRC).
    pub len: u16,
    /// Bytes stored at the start of the buffer: `len` when the frame fits,
    /// else the buffer's length.
    pub stored: u16,
    /// The one's-complement sum (RFC 1071 section 2, not complemented;
    /// 0 when nothing is left out) of the bytes `stored..len`, as 16-bit
    /// big-endian words aligned to the frame's even offsets: the first
    /// byte left out is a word's low byte when `stored` is odd, and a last
    /// byte at an even offset is padded with zero. A header that starts at
    /// an even offset (IPv6's UDP, at 54) can add it to the sum of its
    /// stored bytes.
    pub tail_sum: u16,
}

/// Bound on TXRTS polls, `TX_POLL_US` apart: 50 ms, longer than 16 collision
/// backoffs of a maximum frame.
const TX_POLLS: u16 = 2000;
const TX_POLL_US: u32 = 25;
/// Bound on MISTAT.BUSY polls (the PHY needs 10.24 us, DS 3.3).
const MII_POLLS: u8 = 50;
/// Bound on the number of frames `receive` skips (dropped) in one call.
const MAX_SKIPPED_PER_CALL: u8 = 8;
/// Bytes of the driver's scratch: a frame's receive header, the status
/// vector's first 4 bytes, a register access's command bytes, and the
/// pieces in which `receive_cut` reads the part of a frame past the
/// caller's buffer, to sum it.
const SCRATCH_LEN: usize = 6;
/// Late collision retries (errata "late collision").
const MAX_LATE_COLLISION_RETRIES: u8 = 16;

/// MAC set-up in half duplex, (register, value) in the order of DS 6.5.
///
/// - Step 1: MACON1: receive enabled (full duplex also honours and sends
///   pause frames).
/// - Step 2: MACON3: pad to 60 bytes and append the CRC, check lengths
///   (FULDPX in full duplex).
/// - Step 3: MACON4: DEFER for IEEE 802.3 conformance in half duplex.
/// - Step 4: MAMXFL: maximum frame length.
/// - Steps 5-7: back-to-back gap MABBIPG 0x12 half / 0x15 full, non
///   back-to-back gap MAIPGL 0x12 and (half duplex only, unused in full)
///   MAIPGH 0x0C.
/// - Errata "late collision" (B5 and later): link pulses can be taken for
///   late collisions; a collision window (MACLCON2) of 63 instead of the
///   default 55 makes that rarer, and transmit retries the rest. Unused in
///   full duplex.
static MAC_SETUP_HALF: [(u8, u8); 9] = [
    (MACON1, MACON1_MARXEN),
    (MACON3, MACON3_PADCFG0 | MACON3_TXCRCEN | MACON3_FRMLNEN),
    (MACON4, MACON4_DEFER),
    (MAMXFLL, MAX_FRAME_WITH_CRC as u8),
    (MAMXFLH, (MAX_FRAME_WITH_CRC >> 8) as u8),
    (MABBIPG, 0x12),
    (MAIPGL, 0x12),
    (MAIPGH, 0x0C),
    (MACLCON2, 63),
];

/// MAC set-up in full duplex: as [`MAC_SETUP_HALF`] with pause frames,
/// FULDPX, no DEFER and a back-to-back gap of 0x15 (DS 6.5).
static MAC_SETUP_FULL: [(u8, u8); 9] = [
    (MACON1, MACON1_MARXEN | MACON1_TXPAUS | MACON1_RXPAUS),
    (
        MACON3,
        MACON3_PADCFG0 | MACON3_TXCRCEN | MACON3_FRMLNEN | MACON3_FULDPX,
    ),
    (MACON4, 0),
    (MAMXFLL, MAX_FRAME_WITH_CRC as u8),
    (MAMXFLH, (MAX_FRAME_WITH_CRC >> 8) as u8),
    (MABBIPG, 0x15),
    (MAIPGL, 0x12),
    (MAIPGH, 0x0C),
    (MACLCON2, 63),
];

/// Ends a send that aborted or timed out: TXRTS cleared (it may stay set
/// after an abort, errata "TX stall"), then the transmit flags (the next
/// send clears them again after its TXRST pulse, which may set TXERIF).
const TX_CANCEL: &[(u8, u8, u8)] = &[
    (OP_BFC, ECON1, ECON1_TXRTS),
    (OP_BFC, EIR, EIR_TXIF | EIR_TXERIF),
];

/// The MAC address registers in the order of the address's bytes: MAADR1
/// is the first byte on the wire, and the registers are not in address
/// order (DS table 3-2).
const MAADR: [u8; 6] = [MAADR1, MAADR2, MAADR3, MAADR4, MAADR5, MAADR6];

/// Bit `n` of a byte from a table: a variable shift is a loop on the
/// MSP430.
const BIT: [u8; 8] = [1, 2, 4, 8, 16, 32, 64, 128];

/// Sets bit `index` (0..=63) of a hash table image, EHT0 bit 0 first.
fn set_hash_bit(table: &mut [u8; 8], index: u8) {
    table[usize::from(index >> 3) & 7] |= BIT[usize::from(index & 7)];
}

/// Adds one to an event counter (wrapping): one `inc` on the MSP430.
#[inline(always)]
fn bump(counter: &mut u16) {
    *counter = counter.wrapping_add(1);
}

/// [`Enc28j60`]'s cached bank after an SPI error: not a bank (0..=3), so
/// the next banked access selects its bank again, both BSEL bits.
const UNKNOWN_BANK: u8 = 0xFF;
/// A cached pointer (ERDPT, EWRPT, ETXND) after an SPI error: not an
/// address of the 8 KB buffer, so the next write of the pointer writes
/// both bytes.
const UNKNOWN_POINTER: u16 = 0xFFFF;

/// Whether an error of type `E` can occur: false for an uninhabited type
/// (`Infallible`, the MSP430 board's SPI error), whose `Result<(), E>`
/// has no `Err` and is zero-sized (rustc's layout; were it not, this
/// would only be true, and cost the error handling's few bytes).
const fn can_fail<E>() -> bool {
    core::mem::size_of::<Result<(), E>>() != 0
}

/// An ENC28J60 on an SPI device (chip select inside) with a delay source.
// In declaration order (`repr(C)`): `rx_end`, the one field that does not
// start at zero, first, then the rest, 16-bit ones before bytes (no
// padding): building the driver clears one run of bytes, not two.
#[repr(C)]
pub struct Enc28j60<SPI, D> {
    rx_end: u16,
    next_packet: u16,
    /// What ERDPT, EWRPT and ETXND hold, to skip unchanged byte writes
    /// ([`UNKNOWN_POINTER`] after an SPI error, like `bank`:
    /// [`Enc28j60::forget_chip_state`]).
    erdpt: u16,
    ewrpt: u16,
    etxnd: u16,
    counters: Counters,
    /// Where `exchange` builds and clocks every register access's command
    /// bytes (0..=2), `receive` reads a frame's header, `receive_cut` the
    /// pieces of a frame's tail it sums and `transmit` the status vector's
    /// first bytes: in the driver (a `static` on a small
    /// target) rather than on the stack under the caller's loop, and not
    /// cleared before each read (safe Rust clears a local array). Shared:
    /// what an RBM read puts here is overwritten by the next register
    /// access, so its bytes are taken out (copied to locals) before any
    /// (the borrow of `self` enforces it). After the 16-bit fields: at an
    /// even address, its little-endian pairs are read as words.
    scratch: [u8; SCRATCH_LEN],
    bank: u8,
    /// Frames known to be waiting (from the last EPKTCNT read, minus those
    /// taken since): saves the EPKTCNT read and two bank switches per frame
    /// of a burst. Only our PKTDEC lowers EPKTCNT, so it never over-counts.
    pending: u8,
    revision: u8,
    spi: SPI,
    delay: D,
}

type Res<T, E> = Result<T, Error<E>>;

/// An SPI error inside the register layer. A type of its own so that `?`
/// turns it into [`Error::Spi`] in the driver's operations; with a bus
/// that cannot fail (`Infallible`, as on the MSP430 board) it is
/// uninhabited, the register layer's results carry no error and callers
/// test none (about 4 bytes of MSP430 code per register access).
struct SpiError<E>(E);

impl<E> From<SpiError<E>> for Error<E> {
    fn from(e: SpiError<E>) -> Self {
        Error::Spi(e.0)
    }
}

/// Result of the register layer.
type Io<T, E> = Result<T, SpiError<E>>;

impl<SPI: SpiDevice, D: DelayNs> Enc28j60<SPI, D> {
    /// Whether the bus can fail at all ([`can_fail`]): if not, no cache
    /// is ever [`Enc28j60::forget_chip_state`]'s unknown, and the tests
    /// for it fold away (no code on such a bus).
    const CAN_FAIL: bool = can_fail::<SPI::Error>();

    /// After an SPI error: the chip may have taken part of the failed
    /// transaction (some bytes of a buffer read or write, which moved
    /// ERDPT or EWRPT; the first of two bank-select commands; a pointer's
    /// low byte without its high one), so the cached bank and pointers are
    /// no longer known: the next access selects the bank and writes the
    /// pointer whole. (The frame being read is not released: the next
    /// `receive` reads it again from its header.) Gives the error back
    /// for the caller to return: every SPI call site maps its error
    /// through this.
    #[cold]
    fn forget_chip_state(&mut self, e: SPI::Error) -> SpiError<SPI::Error> {
        self.bank = UNKNOWN_BANK;
        self.erdpt = UNKNOWN_POINTER;
        self.ewrpt = UNKNOWN_POINTER;
        self.etxnd = UNKNOWN_POINTER;
        SpiError(e)
    }

    /// Resets and initialises the chip, leaving reception enabled.
    ///
    /// Fails with [`Error::NoChip`] if nothing answers. An unknown silicon
    /// revision is not an error: check [`Enc28j60::revision`].
    pub fn new(spi: SPI, delay: D, config: Config) -> Res<Self, SPI::Error> {
        let mut dev = Self::unstarted(spi, delay, &config)?;
        dev.init(&config)?;
        Ok(dev)
    }

    /// [`Enc28j60::new`] in place: the driver is written into `slot` (a
    /// `static`, say: on a small target, no copy of it from the stack and
    /// no driver-sized local), then the chip reset and initialised; the
    /// driver in `slot` on success. After an error `slot` holds a driver
    /// that must not be used (call `new_in` again).
    pub fn new_in(
        slot: &mut MaybeUninit<Self>,
        spi: SPI,
        delay: D,
        config: Config,
    ) -> Res<&mut Self, SPI::Error> {
        let dev = slot.write(Self::unstarted(spi, delay, &config)?);
        dev.init(&config)?;
        Ok(dev)
    }

    /// The driver before `init`, after the configuration's check.
    #[inline(always)]
    fn unstarted(spi: SPI, delay: D, config: &Config) -> Res<Self, SPI::Error> {
        let rx_end = config.rx_buffer_end;
        // Odd end keeps ERXRDPT odd (errata "odd ERXRDPT"); both buffers need room
        // for a full frame (RX: 6-byte header + 1518; TX: 1 + 1514 + 7 is
        // checked per frame, but at least a minimum-size frame must fit).
        if rx_end & 1 == 0 || rx_end < 0x05FF || BUFFER_END - rx_end < 1 + 60 + TSV_LEN {
            return Err(Error::BadConfig);
        }
        Ok(Enc28j60 {
            spi,
            delay,
            // The caches start at the values `init`'s system reset gives
            // (DS table 3-2): bank 0 (ECON1 = 0), EWRPT = ETXND = 0. ERDPT
            // (0x05FA after reset) is written whole by `init_rx_buffer`
            // before any use.
            bank: 0,
            rx_end,
            next_packet: 0,
            pending: 0,
            erdpt: 0,
            ewrpt: 0,
            etxnd: 0,
            revision: 0,
            scratch: [0; SCRATCH_LEN],
            counters: Counters::default(),
        })
    }

    fn init(&mut self, config: &Config) -> Res<(), SPI::Error> {
        // DS 11.2 system reset command. Errata "reset: CLKRDY": CLKRDY is not cleared
        // by it, so wait at least 1 ms instead of polling it.
        // The reset clears ECON1: bank 0, as `new` set the bank cache.
        self.exchange(OP_SRC, 0, 1)?;
        self.delay.delay_us(1100);
        let mut tries = 0u8;
        loop {
            let estat = self.read_reg(ESTAT)?;
            // ESTAT bit 3 is unimplemented and reads 0: a 1 means MISO floats
            // high (no chip, broken link) - a clear error rather than a hang.
            if estat & ESTAT_UNIMPLEMENTED != 0 {
                return Err(Error::NoChip);
            }
            if estat & ESTAT_CLKRDY != 0 {
                break;
            }
            tries += 1;
            if tries >= 10 {
                return Err(Error::ClockNotReady);
            }
            self.delay.delay_us(1000);
        }
        self.revision = self.read_reg(EREVID)?;
        // The reset left reception off (ECON1 = 0), the buffer pointers
        // auto-incrementing (ECON2.AUTOINC = 1), interrupts disabled (EIE = 0)
        // and no flags set (EIR = 0): DS table 3-2, reset values. Nothing to
        // write for those.
        self.init_rx_buffer()?;
        // A register that does not read back means MISO is stuck.
        if self.read_reg(ERXNDL)? != self.rx_end as u8 {
            return Err(Error::NoChip);
        }
        self.write_reg16(ETXSTL, self.rx_end + 1)?;

        // Receive filters (DS 8.0): unicast to us, broadcast, CRC check, and
        // multicast by hash table or all of it.
        let multicast = match config.multicast {
            MulticastMode::HashTable => ERXFCON_HTEN,
            MulticastMode::Promiscuous => ERXFCON_MCEN,
        };
        self.write_reg(
            ERXFCON,
            ERXFCON_UCEN | ERXFCON_CRCEN | ERXFCON_BCEN | multicast,
        )?;

        // MAC (DS 6.5 steps 1-7) from a table in flash, then our address:
        // one loop, smaller on the MSP430 than a write per register.
        let setup = if config.full_duplex {
            &MAC_SETUP_FULL
        } else {
            &MAC_SETUP_HALF
        };
        for &(reg, value) in setup.iter() {
            self.write_reg(reg, value)?;
        }
        // The address's bytes copied out first: the loop indexes them, and
        // an index into the configuration kept all of it on the stack
        // (its other fields stored there for nothing).
        let mac = config.mac;
        for (&reg, &byte) in MAADR.iter().zip(mac.iter()) {
            self.write_reg(reg, byte)?;
        }

        // PHY (DS 6.6): PDPXMD must match MACON3.FULDPX. In half duplex,
        // HDLDIS stops our own frames looping back into the receive buffer.
        if config.full_duplex {
            self.phy_write(PHCON1, PHCON1_PDPXMD)?;
        } else {
            self.phy_write(PHCON1, 0)?;
            self.phy_write(PHCON2, PHCON2_HDLDIS)?;
        }
        self.phy_write(PHLCON, config.phlcon)?;

        // Reception on (interrupts stay off since the reset: polling is the
        // default).
        self.bit_set(ECON1, ECON1_RXEN)?;
        Ok(())
    }

    /// Receive buffer pointers (DS 6.1), read pointer at the buffer start.
    fn init_rx_buffer(&mut self) -> Io<(), SPI::Error> {
        self.write_reg16(ERXSTL, 0)?;
        self.write_reg16(ERXNDL, self.rx_end)?;
        // Errata "odd ERXRDPT": ERXRDPT must be odd, so "nothing read yet" is ERXND.
        self.write_reg16(ERXRDPTL, self.rx_end)?;
        self.write_reg16(ERDPTL, 0)?;
        self.erdpt = 0;
        self.next_packet = 0;
        self.pending = 0;
        Ok(())
    }

    /// The silicon revision read at reset.
    pub fn revision(&self) -> Revision {
        Revision::from_erevid(self.revision)
    }

    /// Event counters.
    pub fn counters(&self) -> Counters {
        self.counters
    }

    /// Gives back the SPI device and the delay.
    pub fn release(self) -> (SPI, D) {
        (self.spi, self.delay)
    }

    // ---- register access (DS 4.2) ----

    /// The register layer's one operation: RCR/WCR/BFS/BFC `opcode` on
    /// `reg` with `arg`, after switching to the register's bank through
    /// ECON1.BSEL when it is a banked one (DS 3.1; the bank is cached);
    /// returns the byte read (RCR). MAC and MII registers shift out a
    /// dummy byte before their value (DS 4.2.1). Not inlined: every
    /// register access calls it (reads and commands share the bank
    /// switch, one function instead of three).
    #[inline(never)]
    fn access(&mut self, reg: u8, arg: u8, opcode: u8) -> Io<u8, SPI::Error> {
        let bank = bank_of(reg);
        if reg & ADDR_MASK < COMMON_START && bank != self.bank {
            self.switch_bank(bank)?;
        }
        let len = if opcode == OP_RCR && reg & MAC_MII != 0 {
            3
        } else {
            2
        };
        self.exchange(opcode | (reg & ADDR_MASK), arg, len)
    }

    /// Writes a register pair, low byte first, skipping bytes that `known`
    /// says already hold the value. Skipping suits only pairs that are not
    /// latched (ERDPT, EWRPT, ETXND); [`Enc28j60::write_reg16`] is this with
    /// nothing known, both bytes written.
    #[inline(never)]
    fn write_pointer(&mut self, reg_low: u8, value: u16, known: u16) -> Io<(), SPI::Error> {
        // Not known after an SPI error: both bytes written.
        let known = if Self::CAN_FAIL && known == UNKNOWN_POINTER {
            !value
        } else {
            known
        };
        if known as u8 != value as u8 {
            self.write_reg(reg_low, value as u8)?;
        }
        if known >> 8 != value >> 8 {
            self.write_reg(reg_low + 1, (value >> 8) as u8)?;
        }
        Ok(())
    }

    /// Where ERDPT is after reading `count` bytes from `from` inside the
    /// receive buffer (it wraps from ERXND to ERXST, DS 3.2.1).
    fn rx_advance(&self, from: u16, count: usize) -> u16 {
        let pos = usize::from(from) + count;
        let size = usize::from(self.rx_end) + 1;
        (if pos >= size { pos - size } else { pos }) as u16
    }

    /// Selects `bank` through ECON1.BSEL (DS 3.1). Only the differing BSEL
    /// bits change: one command between banks 0 and 1, 0 and 2, 0 and 3
    /// (DS register 3-1). The bank is always known: 0 after the reset, then
    /// as selected. Out of line: `access` stays small on its usual path,
    /// no switch.
    #[inline(never)]
    fn switch_bank(&mut self, bank: u8) -> Io<(), SPI::Error> {
        // Not known after an SPI error: both BSEL bits written (the ones
        // to clear as if set, the others as if clear).
        let known = if Self::CAN_FAIL && self.bank == UNKNOWN_BANK {
            !bank & ECON1_BSEL
        } else {
            self.bank
        };
        let (clear, set) = (known & !bank, bank & !known);
        if clear != 0 {
            self.exchange(OP_BFC | ECON1, clear, 2)?;
        }
        if set != 0 {
            self.exchange(OP_BFS | ECON1, set, 2)?;
        }
        self.bank = bank;
        Ok(())
    }

    /// WCR/BFS/BFC on `reg`. The opcode comes last: `write_reg`, `bit_set`
    /// and `bit_clear` pass their arguments on in the same registers and
    /// only add it.
    fn command(&mut self, reg: u8, arg: u8, opcode: u8) -> Io<(), SPI::Error> {
        self.access(reg, arg, opcode)?;
        Ok(())
    }

    /// A sequence of WCR/BFS/BFC commands, (opcode, register, argument),
    /// from a table in flash: smaller than a call per command where
    /// sequences are fixed.
    #[inline(never)]
    fn commands(&mut self, list: &[(u8, u8, u8)]) -> Io<(), SPI::Error> {
        // Walked by pattern, not by index: no multiply by the element size.
        let mut rest = list;
        while let [(opcode, reg, arg), tail @ ..] = rest {
            self.command(*reg, *arg, *opcode)?;
            rest = tail;
        }
        Ok(())
    }

    /// The one SPI exchange of the register layer: `first`, then `arg`,
    /// then a zero, `len` (1..=3) bytes in all, chip select held; returns
    /// the last byte clocked in. Commands, register reads and the reset all
    /// go through it: one call of the SPI device in the driver's register
    /// layer instead of one per kind.
    #[inline(never)]
    fn exchange(&mut self, first: u8, arg: u8, len: usize) -> Io<u8, SPI::Error> {
        // In the driver's scratch (no array on the stack); indexes masked
        // to 0..=3: no bounds checks.
        self.scratch[0] = first;
        self.scratch[1] = arg;
        self.scratch[2] = 0;
        self.spi
            .transfer_in_place(&mut self.scratch[..len & 3])
            .map_err(|e| self.forget_chip_state(e))?;
        // The last byte clocked in (the reset's one byte answers nothing).
        Ok(self.scratch[len.wrapping_sub(1) & 3])
    }

    /// RCR (DS 4.2.1).
    #[inline(never)]
    fn read_reg(&mut self, reg: u8) -> Io<u8, SPI::Error> {
        self.access(reg, 0, OP_RCR)
    }

    fn write_reg(&mut self, reg: u8, value: u8) -> Io<(), SPI::Error> {
        self.command(reg, value, OP_WCR)
    }

    /// Writes a 16-bit register pair, low byte first (ERXRDPT latches the low
    /// byte until the high byte is written, DS 6.1): `write_pointer` with
    /// both bytes known to differ (one copy of the code).
    fn write_reg16(&mut self, reg_low: u8, value: u16) -> Io<(), SPI::Error> {
        self.write_pointer(reg_low, value, !value)
    }

    /// BFS, for ETH registers only (DS 4.2.5).
    fn bit_set(&mut self, reg: u8, mask: u8) -> Io<(), SPI::Error> {
        self.command(reg, mask, OP_BFS)
    }

    /// BFC, for ETH registers only (DS 4.2.6).
    fn bit_clear(&mut self, reg: u8, mask: u8) -> Io<(), SPI::Error> {
        self.command(reg, mask, OP_BFC)
    }

    /// RBM from ERDPT into `buf`, one transaction.
    fn read_buffer(&mut self, buf: &mut [u8]) -> Io<(), SPI::Error> {
        Self::rbm(&mut self.spi, buf).map_err(|e| self.forget_chip_state(e))
    }

    /// The first `n` (at most [`SCRATCH_LEN`]) bytes from ERDPT into `scratch`. In
    /// line: a call of `rbm` with the scratch's address is shorter than a
    /// call of this.
    #[inline(always)]
    fn read_scratch(&mut self, n: usize) -> Io<(), SPI::Error> {
        Self::rbm(&mut self.spi, &mut self.scratch[..n]).map_err(|e| self.forget_chip_state(e))
    }

    /// RBM's transaction (DS 4.2.2): on the bus alone, so that the
    /// driver's own `scratch` can be the buffer.
    #[inline(never)]
    fn rbm(spi: &mut SPI, buf: &mut [u8]) -> Result<(), SPI::Error> {
        spi.transaction(&mut [Operation::Write(&[OP_RBM]), Operation::Read(buf)])
    }

    /// Waits for MISTAT.BUSY to clear, bounded (DS 3.3.1, 3.3.2).
    fn wait_mii(&mut self) -> Res<(), SPI::Error> {
        self.delay.delay_us(11);
        for _ in 0..MII_POLLS {
            if self.read_reg(MISTAT)? & MISTAT_BUSY == 0 {
                return Ok(());
            }
            self.delay.delay_us(2);
        }
        Err(Error::PhyTimeout)
    }

    /// Reads a PHY register through MIREGADR/MICMD/MIRD (DS 3.3.1).
    pub fn phy_read(&mut self, reg: u8) -> Res<u16, SPI::Error> {
        self.write_reg(MIREGADR, reg)?;
        self.write_reg(MICMD, MICMD_MIIRD)?;
        self.wait_mii()?;
        self.write_reg(MICMD, 0)?;
        let low = self.read_reg(MIRDL)?;
        let high = self.read_reg(MIRDH)?;
        Ok(u16::from_le_bytes([low, high]))
    }

    /// Writes a PHY register; writing MIWRH starts the MII write (DS 3.3.2).
    pub fn phy_write(&mut self, reg: u8, value: u16) -> Res<(), SPI::Error> {
        self.write_reg(MIREGADR, reg)?;
        self.write_reg(MIWRL, value as u8)?;
        self.write_reg(MIWRH, (value >> 8) as u8)?;
        self.wait_mii()
    }

    // ---- receive (DS 7.2) ----

    /// Number of frames waiting in the receive buffer (EPKTCNT; errata "PKTIF":
    /// EIR.PKTIF is unreliable).
    pub fn pending_frames(&mut self) -> Res<u8, SPI::Error> {
        self.pending = self.read_reg(EPKTCNT)?;
        Ok(self.pending)
    }

    /// Copies the next received frame (without CRC) into `buf` and returns
    /// its length, or `None` if no frame is waiting. Frames longer than
    /// `buf` are dropped and counted, never truncated.
    pub fn receive(&mut self, buf: &mut [u8]) -> Res<Option<usize>, SPI::Error> {
        Ok(self.receive_frame(buf, false)?.map(|f| usize::from(f.len)))
    }

    /// Like [`Enc28j60::receive`], but a frame longer than `buf` is not
    /// dropped: its first `buf.len()` bytes are stored and the rest is read
    /// through the driver's scratch and summed ([`RxFrame::tail_sum`]),
    /// so that a caller with a small buffer can still verify an
    /// upper-layer checksum over the whole frame. Such frames are counted
    /// in `rx_dropped_too_long` (and `rx_frames`). A frame that fits is
    /// read exactly as `receive` reads it.
    pub fn receive_cut(&mut self, buf: &mut [u8]) -> Res<Option<RxFrame>, SPI::Error> {
        Ok(self.receive_frame(buf, true)?)
    }

    /// The loop of `receive` and `receive_cut` (`cut`: keep frames longer
    /// than `buf`). Its only failures are the bus's, so it returns the
    /// register layer's error: on a bus that cannot fail the result is a
    /// plain `Option<RxFrame>` to the caller, not the layout of
    /// [`Error`]'s variants (whose `TxFailed` byte split the frame's
    /// fields into bytes in the MSP430 loop: 24 B more).
    #[inline]
    fn receive_frame(&mut self, buf: &mut [u8], cut: bool) -> Io<Option<RxFrame>, SPI::Error> {
        for _ in 0..MAX_SKIPPED_PER_CALL {
            if self.pending == 0 {
                self.pending = self.read_reg(EPKTCNT)?;
                if self.pending == 0 {
                    self.check_rx_overflow()?;
                    return Ok(None);
                }
            }
            self.pending -= 1;
            match self.receive_one(buf, cut)? {
                Some(frame) => return Ok(Some(frame)),
                None => continue,
            }
        }
        Ok(None)
    }

    /// Non-blocking receive: `WouldBlock` while no frame is waiting.
    pub fn receive_nb(&mut self, buf: &mut [u8]) -> nb::Result<usize, Error<SPI::Error>> {
        match self.receive(buf) {
            Ok(Some(len)) => Ok(len),
            Ok(None) => Err(nb::Error::WouldBlock),
            Err(e) => Err(nb::Error::Other(e)),
        }
    }

    /// Reads the frame at `next_packet`; `None` if it was dropped. A frame
    /// longer than `buf` is dropped, or with `cut` stored cut.
    fn receive_one(&mut self, buf: &mut [u8], cut: bool) -> Io<Option<RxFrame>, SPI::Error> {
        self.write_pointer(ERDPTL, self.next_packet, self.erdpt)?;
        // DS 7.2.2, figure 7-3: next packet pointer, then the receive status
        // vector (byte count, status).
        self.read_scratch(6)?;
        let header = &self.scratch;
        let next = u16::from_le_bytes([header[0], header[1]]);
        let count = u16::from_le_bytes([header[2], header[3]]);
        let status = u16::from_le_bytes([header[4], header[5]]);
        // The pointer is even and inside the receive buffer, the count covers
        // the CRC and at most MAMXFL, status bit 31 is zero (DS table 7-3).
        // Anything else is a corrupt header: never read garbage as a frame.
        if next & 1 != 0
            || next > self.rx_end
            || !(4..=MAX_FRAME_WITH_CRC).contains(&count)
            || status & 0x8000 != 0
        {
            self.reset_rx()?;
            return Ok(None);
        }
        let len = usize::from(count - 4);
        // Frame bytes read after the header (ERDPT is past them).
        let mut read = 0;
        let result = if status & 0x0080 == 0 {
            // Receive-OK (bit 23) clear.
            bump(&mut self.counters.rx_dropped_bad_status);
            None
        } else if len > buf.len() && !cut {
            bump(&mut self.counters.rx_dropped_too_long);
            None
        } else {
            // ERDPT wraps from ERXND to ERXST by itself (DS 3.2.1), so a frame
            // that wraps at the buffer end reads in one go. The CRC is not read.
            let stored = len.min(buf.len());
            self.read_buffer(&mut buf[..stored])?;
            let mut tail_sum = 0;
            if stored < len {
                bump(&mut self.counters.rx_dropped_too_long);
                tail_sum = self.sum_tail(len - stored, stored as u16 & 1 != 0)?;
            }
            read = len;
            bump(&mut self.counters.rx_frames);
            Some(RxFrame {
                len: len as u16,
                stored: stored as u16,
                tail_sum,
            })
        };
        // One update of the cache for every path.
        self.erdpt = self.rx_advance(self.next_packet, 6 + read);
        self.release_frame(next)?;
        Ok(result)
    }

    /// Reads the next `left` bytes of the frame from ERDPT (RBM, DS 4.2.2:
    /// ERDPT goes on from where the stored part ended, wrapping at ERXND)
    /// in pieces of [`SCRATCH_LEN`] bytes, through the driver's scratch
    /// (no buffer on the stack, none to clear), and returns their one's-complement
    /// sum (RFC 1071 section 2: 16-bit words, end-around carry), the first
    /// byte a word's low byte if `odd` (it is at an odd offset of the
    /// frame). (A 32-byte stack buffer took 7 RBM transactions for a
    /// 574-byte frame's 224-byte tail, this 38; the buffer cost 16 B more
    /// code and its stack, for a rare frame's speed.) Out of line: in
    /// line, its loop's registers are saved in `receive_one`'s frame,
    /// which is on the firmware's deepest stack path (+6 B of stack for
    /// -2 B of code).
    #[inline(never)]
    fn sum_tail(&mut self, mut left: usize, odd: bool) -> Io<u16, SPI::Error> {
        let mut sum = 0u16;
        // The byte that is the low one of its word.
        let mut low = odd;
        while left != 0 {
            let n = left.min(SCRATCH_LEN);
            self.read_scratch(n)?;
            for &b in self.scratch[..n].iter() {
                let word = if low { u16::from(b) } else { u16::from(b) << 8 };
                // (A 17-bit sum: an add and an add-with-carry on the target.)
                let wide = u32::from(sum) + u32::from(word);
                sum = (wide as u16).wrapping_add((wide >> 16) as u16);
                low = !low;
            }
            left -= n;
        }
        Ok(sum)
    }

    /// Frees the frame's space and decrements EPKTCNT (DS 7.2.4). Out of
    /// line: `receive_one` reaches it from two paths, and inlined it was
    /// copied into both.
    #[inline(never)]
    fn release_frame(&mut self, next: u16) -> Io<(), SPI::Error> {
        if !Self::CAN_FAIL {
            // No error to leave the two apart on an infallible bus (the
            // MSP430 board's): set first, `next` is not kept across the
            // calls (6 B less).
            self.next_packet = next;
        }
        // Errata "odd ERXRDPT": an even ERXRDPT can corrupt the buffer; use the
        // byte before the next frame (odd), or ERXND when it is at ERXST.
        let read_ptr = if next == 0 { self.rx_end } else { next - 1 };
        self.write_reg16(ERXRDPTL, read_ptr)?;
        self.bit_set(ECON2, ECON2_PKTDEC)?;
        // On to the next frame only once the chip has let this one go: after
        // an SPI error in either write the chip still counts it (EPKTCNT; a
        // cut ERXRDPT write is not taken, its low byte latched until the
        // high one, DS 6.1), and the next `receive` reads it again from its
        // header (after a failed PKTDEC behind a written ERXRDPT, from space
        // the chip reuses only once the buffer has filled up to it). (Moved
        // first, the driver went on while EPKTCNT stayed one too high: a
        // header read where no frame is, a reset.)
        if Self::CAN_FAIL {
            self.next_packet = next;
        }
        Ok(())
    }

    /// Resets the receive logic and buffer after a corrupt header (DS 11.3).
    fn reset_rx(&mut self) -> Io<(), SPI::Error> {
        self.commands(&[
            (OP_BFC, ECON1, ECON1_RXEN),
            (OP_BFS, ECON1, ECON1_RXRST),
            (OP_BFC, ECON1, ECON1_RXRST),
        ])?;
        self.init_rx_buffer()?;
        // Frames counted before the reset are gone: bring EPKTCNT to 0.
        for _ in 0..255u16 {
            if self.read_reg(EPKTCNT)? == 0 {
                break;
            }
            self.bit_set(ECON2, ECON2_PKTDEC)?;
        }
        // Overflow flag cleared, then reception on again: one table walk.
        self.commands(&[(OP_BFC, EIR, EIR_RXERIF), (OP_BFS, ECON1, ECON1_RXEN)])?;
        bump(&mut self.counters.rx_resets);
        Ok(())
    }

    /// Counts and clears a receive buffer overflow (EIR.RXERIF, DS 12.1.2).
    fn check_rx_overflow(&mut self) -> Io<(), SPI::Error> {
        if self.read_reg(EIR)? & EIR_RXERIF != 0 {
            bump(&mut self.counters.rx_overflows);
            self.bit_clear(EIR, EIR_RXERIF)?;
        }
        Ok(())
    }

    // ---- transmit (DS 7.1) ----

    /// Sends `frame` (destination MAC to payload, no CRC; the chip pads it to
    /// 60 bytes and appends the CRC). Blocks, bounded, until it is sent.
    pub fn transmit(&mut self, frame: &[u8]) -> Res<(), SPI::Error> {
        let tx_start = self.rx_end + 1;
        let room = usize::from(BUFFER_END - self.rx_end);
        if frame.is_empty()
            || frame.len() > MAX_FRAME_LEN
            || 1 + frame.len() + usize::from(TSV_LEN) > room
        {
            return Err(Error::FrameTooLong);
        }
        // Control byte at ETXST, frame after it, ETXND on its last byte
        // (DS 7.1, figure 7-1). Nothing else goes into buffer memory.
        let tx_end = tx_start + frame.len() as u16;
        self.write_pointer(EWRPTL, tx_start, self.ewrpt)?;
        self.spi
            .transaction(&mut [
                // Control byte 0: use MACON3's padding and CRC (DS 7.1).
                Operation::Write(&[OP_WBM, 0x00]),
                Operation::Write(frame),
            ])
            .map_err(|e| self.forget_chip_state(e))?;
        self.ewrpt = tx_end + 1;
        self.write_pointer(ETXNDL, tx_end, self.etxnd)?;
        self.etxnd = tx_end;
        let mut retries = 0u8;
        loop {
            // Errata "TX stall": an aborted transmission can stall the transmit
            // logic; reset it before each send. Clearing TXRST may set
            // EIR.TXERIF again (errata, same item): the flags are cleared
            // after the reset, on every send.
            self.commands(&[
                (OP_BFS, ECON1, ECON1_TXRST),
                (OP_BFC, ECON1, ECON1_TXRST),
                (OP_BFC, EIR, EIR_TXIF | EIR_TXERIF),
                (OP_BFS, ECON1, ECON1_TXRTS),
            ])?;
            let eir = self.wait_tx(frame.len())?;
            if eir & EIR_TXERIF == 0 {
                bump(&mut self.counters.tx_frames);
                return Ok(());
            }
            // Aborted: TXRTS may be stuck set (errata "TX stall").
            self.commands(TX_CANCEL)?;
            let tsv3 = self.read_tsv_byte3(self.etxnd)?;
            // Errata "late collision": a late collision may be reported without its
            // TSV bit; any abort with no other cause counts as one.
            let other =
                TSV3_EXCESSIVE_COLLISION | TSV3_EXCESSIVE_DEFER | TSV3_GIANT | TSV3_UNDERRUN;
            let late = tsv3 & TSV3_LATE_COLLISION != 0 || tsv3 & other == 0;
            if late && retries < MAX_LATE_COLLISION_RETRIES {
                retries += 1;
                bump(&mut self.counters.tx_late_collision_retries);
                continue;
            }
            bump(&mut self.counters.tx_errors);
            return Err(Error::TxFailed(tsv3));
        }
    }

    /// Waits for TXRTS to clear or TXERIF to be set; returns EIR. TXIF alone is
    /// not waited for (never set on the MSPSim model).
    fn wait_tx(&mut self, len: usize) -> Res<u8, SPI::Error> {
        // After a first look (the MSPSim model sends at once), sleep for the
        // wire time: preamble, frame padded to 60, CRC and gap, 0.8 us a byte
        // at 10 Mb/s (as 13/16 = 0.8125 by shifts: no division routine),
        // then poll.
        let bytes = len.max(60) as u16 + 24;
        let wire_us = u32::from(bytes - (bytes >> 2) + (bytes >> 4));
        for poll in 0..TX_POLLS {
            let econ1 = self.read_reg(ECON1)?;
            let eir = self.read_reg(EIR)?;
            if econ1 & ECON1_TXRTS == 0 || eir & EIR_TXERIF != 0 {
                return Ok(eir);
            }
            self.delay
                .delay_us(if poll == 0 { wire_us } else { TX_POLL_US });
        }
        self.commands(TX_CANCEL)?;
        bump(&mut self.counters.tx_timeouts);
        Err(Error::TxTimeout)
    }

    /// Reads byte 3 of the transmit status vector written after ETXND
    /// (DS 7.1, table 7-1). Only called when TXERIF is set.
    fn read_tsv_byte3(&mut self, tx_end: u16) -> Io<u8, SPI::Error> {
        self.write_pointer(ERDPTL, tx_end + 1, self.erdpt)?;
        // Bytes 0..=3 only: the rest of the vector is not needed.
        self.read_scratch(4)?;
        self.erdpt = tx_end + 1 + 4;
        Ok(self.scratch[3])
    }

    // ---- filters, link, interrupts, power ----

    /// Programs the multicast hash table so that frames to exactly these
    /// group MACs pass (plus hash collisions; the stack filters again).
    /// Has an effect in [`MulticastMode::HashTable`].
    pub fn set_multicast_filter(&mut self, groups: &[[u8; 6]]) -> Res<(), SPI::Error> {
        let mut table = [0u8; 8];
        for group in groups {
            set_hash_bit(&mut table, crate::hash_index(group));
        }
        self.write_hash_table(&table)
    }

    /// Programs the multicast hash table for an IPv6 node whose addresses
    /// all end in `low24` (one interface identifier, e.g. from the MAC): the
    /// all-nodes group ff02::1 and the solicited-node group
    /// ff02::1:ffXX:XXXX (RFC 4291 sections 2.7.1 and 2.8, MACs per RFC 2464
    /// section 7). The same table as [`Enc28j60::set_multicast_filter`] with
    /// [`ALL_NODES_MAC`] and [`solicited_node_mac`]`(low24)`, for less code:
    /// the all-nodes bit is a constant, the solicited-node group's from a
    /// table computed at compile time (no CRC at run time).
    pub fn set_ipv6_multicast_filter(&mut self, low24: &[u8; 3]) -> Res<(), SPI::Error> {
        const ALL_NODES: u8 = crate::hash_index(&ALL_NODES_MAC);
        let solicited = crate::solicited_node_index(low24);
        // Each register's byte as it is written (no table image on the
        // stack): the all-nodes bit a constant, the solicited-node bit
        // from the bit table.
        for i in 0..8u8 {
            let mut bits = 0;
            if i == ALL_NODES >> 3 {
                bits = 1 << (ALL_NODES & 7);
            }
            if i == solicited >> 3 {
                bits |= BIT[usize::from(solicited & 7)];
            }
            self.write_reg(EHT0 + i, bits)?;
        }
        Ok(())
    }

    /// Writes EHT0..EHT7 (DS 8.2.3).
    fn write_hash_table(&mut self, table: &[u8; 8]) -> Res<(), SPI::Error> {
        for (i, &bits) in table.iter().enumerate() {
            self.write_reg(EHT0 + i as u8, bits)?;
        }
        Ok(())
    }

    /// Current link state (PHSTAT2.LSTAT). Reads 0 (down) on the MSPSim model.
    pub fn link_up(&mut self) -> Res<bool, SPI::Error> {
        Ok(self.phy_read(PHSTAT2)? & PHSTAT2_LSTAT != 0)
    }

    /// Whether the link went down since the last call (PHSTAT1.LLSTAT latches
    /// low, DS table 3-3); counted in `link_drops`.
    pub fn link_dropped(&mut self) -> Res<bool, SPI::Error> {
        let dropped = self.phy_read(PHSTAT1)? & PHSTAT1_LLSTAT == 0;
        if dropped {
            bump(&mut self.counters.link_drops);
        }
        Ok(dropped)
    }

    /// Enables the INT pin for the given EIE sources (`EIE_PKTIE`,
    /// `EIE_LINKIE`, `EIE_TXIE`, `EIE_TXERIE`, `EIE_RXERIE` from [`crate::regs`]).
    pub fn enable_interrupts(&mut self, sources: u8) -> Res<(), SPI::Error> {
        if sources & EIE_LINKIE != 0 {
            // Link changes reach EIR.LINKIF only through PHIE (DS 12.1.5).
            self.phy_write(PHIE, PHIE_PGEIE | PHIE_PLNKIE)?;
        }
        self.write_reg(EIE, EIE_INTIE | (sources & !EIE_INTIE))?;
        Ok(())
    }

    /// Interrupt service: returns the EIR flags seen, counts and clears
    /// RXERIF, clears LINKIF (by reading PHIR) and the transmit flags. Frames
    /// (PKTIF) are left to `receive`.
    ///
    /// DS 12.0: INT stays low while any enabled flag is set, so an
    /// edge-triggered MCU input sees no new edge for a flag raised meanwhile;
    /// INTIE is cleared on entry and set on exit to force one.
    pub fn service_interrupt(&mut self) -> Res<u8, SPI::Error> {
        self.bit_clear(EIE, EIE_INTIE)?;
        let eir = self.read_reg(EIR)?;
        if eir & EIR_RXERIF != 0 {
            bump(&mut self.counters.rx_overflows);
            self.bit_clear(EIR, EIR_RXERIF)?;
        }
        if eir & EIR_LINKIF != 0 {
            self.phy_read(PHIR)?;
        }
        if eir & (EIR_TXIF | EIR_TXERIF) != 0 {
            self.bit_clear(EIR, EIR_TXIF | EIR_TXERIF)?;
        }
        self.bit_set(EIE, EIE_INTIE)?;
        Ok(eir)
    }

    /// Enters power save mode (DS 16.3): stops reception, waits (bounded) for
    /// the receiver and transmitter to go idle, then sets VRPS and PWRSV.
    pub fn power_down(&mut self) -> Res<(), SPI::Error> {
        self.bit_clear(ECON1, ECON1_RXEN)?;
        let mut idle = false;
        for _ in 0..TX_POLLS {
            let busy = self.read_reg(ESTAT)? & ESTAT_RXBUSY != 0
                || self.read_reg(ECON1)? & ECON1_TXRTS != 0;
            if !busy {
                idle = true;
                break;
            }
            self.delay.delay_us(TX_POLL_US);
        }
        if !idle {
            return Err(Error::Timeout);
        }
        self.bit_set(ECON2, ECON2_VRPS)?;
        self.bit_set(ECON2, ECON2_PWRSV)?;
        Ok(())
    }

    /// Leaves power save mode (DS 16.3) and re-enables reception. Waits 1 ms
    /// for the PHY instead of trusting CLKRDY (errata "reset: CLKRDY").
    pub fn wake(&mut self) -> Res<(), SPI::Error> {
        self.bit_clear(ECON2, ECON2_PWRSV)?;
        self.delay.delay_us(1000);
        self.bit_set(ECON1, ECON1_RXEN)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::can_fail;

    #[test]
    fn only_an_uninhabited_error_cannot_fail() {
        assert!(!can_fail::<core::convert::Infallible>());
        assert!(can_fail::<()>());
        assert!(can_fail::<u8>());
        assert!(can_fail::<embedded_hal::spi::ErrorKind>());
    }
}
