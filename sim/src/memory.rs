//! The MSP430F1611 address space (datasheet SLAS368, "memory organization").
//!
//! | range | what |
//! | --- | --- |
//! | 0x0000-0x000F | special function registers (IE1/2, IFG1/2, ME1/2) |
//! | 0x0010-0x00FF | 8-bit peripherals |
//! | 0x0100-0x01FF | 16-bit peripherals (hardware multiplier at 0x0130) |
//! | 0x0200-0x09FF | 2 KB RAM, the same cells as 0x1100-0x18FF |
//! | 0x0C00-0x0FFF | boot ROM (BSL); read-only here, zero-filled unless loaded |
//! | 0x1000-0x10FF | information memory (flash) |
//! | 0x1100-0x38FF | 10 KB RAM |
//! | 0x4000-0xFFFF | 48 KB flash, interrupt vectors at 0xFFE0-0xFFFF |
//!
//! 0x0A00-0x0BFF and 0x3900-0x3FFF are vacant: accesses work like storage
//! but are recorded as diagnostics. Flash, information memory and boot ROM
//! writes are rejected with a diagnostic unless the [`Peripherals`] flash
//! hook (the flash controller, added later) allows them.

use crate::bus::Bus;
use crate::multiplier::Multiplier;

/// Start of the 10 KB RAM.
pub const RAM_START: u16 = 0x1100;
/// One past the end of the RAM.
pub const RAM_END: u32 = 0x3900;
/// Start of the main flash.
pub const FLASH_START: u16 = 0x4000;
/// Start of the information memory.
pub const INFO_START: u16 = 0x1000;
/// Start of the boot ROM.
pub const BOOT_ROM_START: u16 = 0x0C00;

/// Device models mapped into the peripheral space 0x0000-0x01FF.
///
/// The F1611 bus asks this first for every access in that space (except the
/// hardware multiplier, which it models itself); addresses it does not claim
/// fall back to plain storage with a diagnostic. It is a generic parameter of
/// [`F1611`], so a board's peripheral set is statically dispatched.
pub trait Peripherals {
    /// Reads a byte (`byte`) or a word (address even) if `addr` belongs to a
    /// modelled device; `None` means "not mine".
    fn read(&mut self, addr: u16, byte: bool, cycle: u64) -> Option<u16>;
    /// Writes a byte or word; returns false if `addr` is not claimed.
    fn write(&mut self, addr: u16, value: u16, byte: bool, cycle: u64) -> bool;
    /// Pending interrupt requests, as [`Bus::pending_interrupts`].
    fn pending_interrupts(&mut self, cycle: u64) -> u16 {
        let _ = cycle;
        0
    }
    /// The CPU accepted interrupt `vector`, as [`Bus::acknowledge_interrupt`].
    fn acknowledge_interrupt(&mut self, vector: u8, cycle: u64) {
        let _ = (vector, cycle);
    }
    /// Asked on every CPU write into flash or information memory: the flash
    /// controller decides. The default rejects (no flash controller).
    fn flash_write(&mut self, addr: u16, value: u16, byte: bool, cycle: u64) -> FlashAccess {
        let _ = (addr, value, byte, cycle);
        FlashAccess::Reject
    }
}

/// No peripherals: everything but the multiplier is plain storage.
impl Peripherals for () {
    fn read(&mut self, _addr: u16, _byte: bool, _cycle: u64) -> Option<u16> {
        None
    }
    fn write(&mut self, _addr: u16, _value: u16, _byte: bool, _cycle: u64) -> bool {
        false
    }
}

/// The flash controller's answer to a CPU write into flash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashAccess {
    /// Not allowed: the write is dropped and recorded as a diagnostic.
    Reject,
    /// Program: flash bits can only go from 1 to 0, so the cell becomes
    /// `old & value` (SLAU049 5.3.2).
    Program,
    /// Erase `len` bytes from `start` to 0xFF (segment or mass erase).
    Erase {
        /// First byte.
        start: u16,
        /// Number of bytes.
        len: u16,
    },
}

/// Kind of a recorded memory diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// A CPU write into flash or information memory was rejected.
    FlashWriteRejected,
    /// A CPU write into the boot ROM was dropped.
    RomWrite,
    /// First access to a peripheral address no model claims (it behaves as
    /// storage).
    UnmodelledPeripheral,
    /// First access to a vacant address (it behaves as storage).
    VacantMemory,
}

/// One recorded diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Diagnostic {
    /// CPU cycle of the access.
    pub cycle: u64,
    /// What happened.
    pub kind: DiagnosticKind,
    /// Address accessed.
    pub addr: u16,
    /// Value written (0 for reads).
    pub value: u16,
    /// True for a write.
    pub write: bool,
}

/// Maximum number of diagnostics kept (the count keeps going).
pub const MAX_DIAGNOSTICS: usize = 4096;

/// The MSP430F1611 memory map with the hardware multiplier and a pluggable
/// peripheral set `P`. Implements [`Bus`]; RAM and flash accesses take a
/// single range check and an array access.
pub struct F1611<P: Peripherals = ()> {
    mem: Box<[u8; 0x10000]>,
    /// Hardware multiplier registers.
    pub multiplier: Multiplier,
    /// Devices mapped into 0x0000-0x01FF.
    pub peripherals: P,
    diagnostics: Vec<Diagnostic>,
    diagnostic_count: u64,
    /// One bit per address already reported as unmodelled/vacant.
    reported: Box<[u64; 1024]>,
}

impl F1611<()> {
    /// A chip with no peripherals beyond the multiplier.
    pub fn new() -> Self {
        F1611::with_peripherals(())
    }
}

impl Default for F1611<()> {
    fn default() -> Self {
        Self::new()
    }
}

impl<P: Peripherals> F1611<P> {
    /// A chip with the given peripheral set. RAM and peripheral storage
    /// start at 0, flash and information memory erased (0xFF).
    pub fn with_peripherals(peripherals: P) -> Self {
        let mut mem: Box<[u8; 0x10000]> = vec![0u8; 0x10000]
            .into_boxed_slice()
            .try_into()
            .expect("length is 0x10000");
        mem[0x1000..0x1100].fill(0xFF);
        mem[0x4000..].fill(0xFF);
        F1611 {
            mem,
            multiplier: Multiplier::default(),
            peripherals,
            diagnostics: Vec::new(),
            diagnostic_count: 0,
            reported: Box::new([0; 1024]),
        }
    }

    /// Writes bytes directly into memory, bypassing flash protection (for
    /// loaders and test setup). Addresses wrap at 0xFFFF; the RAM mirror at
    /// 0x0200-0x09FF lands in 0x1100-0x18FF.
    pub fn load(&mut self, addr: u16, data: &[u8]) {
        for (i, b) in data.iter().enumerate() {
            let a = addr.wrapping_add(i as u16);
            self.mem[Self::physical(a) as usize] = *b;
        }
    }

    /// Loads every segment of an image (see [`crate::loader`]).
    pub fn load_image(&mut self, image: &crate::loader::Image) {
        for s in &image.segments {
            self.load(s.addr, &s.data);
        }
    }

    /// Reads memory without side effects (peripheral space shows the
    /// backing storage, not device registers).
    pub fn peek(&self, addr: u16) -> u8 {
        self.mem[Self::physical(addr) as usize]
    }

    /// Reads a little-endian word without side effects.
    pub fn peek_word(&self, addr: u16) -> u16 {
        let a = addr & !1;
        u16::from_le_bytes([self.peek(a), self.peek(a | 1)])
    }

    /// The whole 64 KB backing store.
    pub fn raw(&self) -> &[u8; 0x10000] {
        &self.mem
    }

    /// Recorded diagnostics (at most [`MAX_DIAGNOSTICS`]).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Total number of diagnostics, including those not kept.
    pub fn diagnostic_count(&self) -> u64 {
        self.diagnostic_count
    }

    /// Forgets recorded diagnostics.
    pub fn clear_diagnostics(&mut self) {
        self.diagnostics.clear();
        self.diagnostic_count = 0;
    }

    /// Maps the 2 KB RAM mirror 0x0200-0x09FF onto 0x1100-0x18FF.
    #[inline(always)]
    fn physical(addr: u16) -> u16 {
        if (0x0200..0x0A00).contains(&addr) {
            addr + 0x0F00
        } else {
            addr
        }
    }

    fn record(&mut self, kind: DiagnosticKind, addr: u16, value: u16, write: bool, cycle: u64) {
        self.diagnostic_count += 1;
        if self.diagnostics.len() < MAX_DIAGNOSTICS {
            self.diagnostics.push(Diagnostic {
                cycle,
                kind,
                addr,
                value,
                write,
            });
        }
    }

    /// Records a first-access diagnostic once per address.
    fn record_once(
        &mut self,
        kind: DiagnosticKind,
        addr: u16,
        value: u16,
        write: bool,
        cycle: u64,
    ) {
        let (i, bit) = ((addr >> 6) as usize, 1u64 << (addr & 63));
        if self.reported[i] & bit == 0 {
            self.reported[i] |= bit;
            self.record(kind, addr, value, write, cycle);
        }
    }

    #[inline(always)]
    fn is_plain_read(addr: u16) -> bool {
        // Boot ROM, information memory, RAM (0x0C00-0x38FF) and flash.
        addr >= FLASH_START || addr.wrapping_sub(BOOT_ROM_START) < (RAM_END as u16 - BOOT_ROM_START)
    }

    #[inline(always)]
    fn is_ram(addr: u16) -> bool {
        addr.wrapping_sub(RAM_START) < (RAM_END as u16 - RAM_START)
    }

    #[cold]
    fn slow_read(&mut self, addr: u16, byte: bool, cycle: u64) -> u16 {
        if addr < 0x0200 {
            if Multiplier::contains(addr) {
                return if byte {
                    self.multiplier.read_byte(addr) as u16
                } else {
                    self.multiplier.read_word(addr)
                };
            }
            if let Some(v) = self.peripherals.read(addr, byte, cycle) {
                return v;
            }
            self.record_once(DiagnosticKind::UnmodelledPeripheral, addr, 0, false, cycle);
        } else if !(0x0200..0x0A00).contains(&addr) {
            self.record_once(DiagnosticKind::VacantMemory, addr, 0, false, cycle);
        }
        let a = Self::physical(addr) as usize;
        if byte {
            self.mem[a] as u16
        } else {
            u16::from_le_bytes([self.mem[a], self.mem[a | 1]])
        }
    }

    #[cold]
    fn slow_write(&mut self, addr: u16, value: u16, byte: bool, cycle: u64) {
        let store = |mem: &mut [u8; 0x10000], a: usize| {
            if byte {
                mem[a] = value as u8;
            } else {
                mem[a..a + 2].copy_from_slice(&value.to_le_bytes());
            }
        };
        if addr >= FLASH_START || (INFO_START..RAM_START).contains(&addr) {
            match self.peripherals.flash_write(addr, value, byte, cycle) {
                FlashAccess::Reject => {
                    self.record(DiagnosticKind::FlashWriteRejected, addr, value, true, cycle)
                }
                FlashAccess::Program => {
                    let a = addr as usize;
                    if byte {
                        self.mem[a] &= value as u8;
                    } else {
                        self.mem[a] &= value as u8;
                        self.mem[a + 1] &= (value >> 8) as u8;
                    }
                }
                FlashAccess::Erase { start, len } => {
                    let s = start as usize;
                    let e = (s + len as usize).min(0x10000);
                    self.mem[s..e].fill(0xFF);
                }
            }
            return;
        }
        if (BOOT_ROM_START..INFO_START).contains(&addr) {
            self.record(DiagnosticKind::RomWrite, addr, value, true, cycle);
            return;
        }
        if addr < 0x0200 {
            if Multiplier::contains(addr) {
                if byte {
                    self.multiplier.write_byte(addr, value as u8);
                } else {
                    self.multiplier.write_word(addr, value);
                }
                return;
            }
            if self.peripherals.write(addr, value, byte, cycle) {
                return;
            }
            self.record_once(
                DiagnosticKind::UnmodelledPeripheral,
                addr,
                value,
                true,
                cycle,
            );
        } else if !(0x0200..0x0A00).contains(&addr) {
            self.record_once(DiagnosticKind::VacantMemory, addr, value, true, cycle);
        }
        store(&mut self.mem, Self::physical(addr) as usize);
    }
}

impl<P: Peripherals> Bus for F1611<P> {
    #[inline(always)]
    fn read_byte(&mut self, addr: u16, cycle: u64) -> u8 {
        if Self::is_plain_read(addr) {
            self.mem[addr as usize]
        } else {
            self.slow_read(addr, true, cycle) as u8
        }
    }

    #[inline(always)]
    fn read_word(&mut self, addr: u16, cycle: u64) -> u16 {
        let addr = addr & !1;
        if Self::is_plain_read(addr) {
            let a = addr as usize;
            u16::from_le_bytes([self.mem[a], self.mem[a | 1]])
        } else {
            self.slow_read(addr, false, cycle)
        }
    }

    #[inline(always)]
    fn write_byte(&mut self, addr: u16, value: u8, cycle: u64) {
        if Self::is_ram(addr) {
            self.mem[addr as usize] = value;
        } else {
            self.slow_write(addr, value as u16, true, cycle)
        }
    }

    #[inline(always)]
    fn write_word(&mut self, addr: u16, value: u16, cycle: u64) {
        let addr = addr & !1;
        if Self::is_ram(addr) {
            let a = addr as usize;
            self.mem[a] = value as u8;
            self.mem[a | 1] = (value >> 8) as u8;
        } else {
            self.slow_write(addr, value, false, cycle)
        }
    }

    fn pending_interrupts(&mut self, cycle: u64) -> u16 {
        self.peripherals.pending_interrupts(cycle)
    }

    fn acknowledge_interrupt(&mut self, vector: u8, cycle: u64) {
        self.peripherals.acknowledge_interrupt(vector, cycle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ram_mirror_shares_cells() {
        let mut m = F1611::new();
        m.write_word(0x0200, 0xBEEF, 0);
        assert_eq!(m.read_word(0x1100, 0), 0xBEEF);
        m.write_byte(0x18FF, 0x5A, 0);
        assert_eq!(m.read_byte(0x09FF, 0), 0x5A);
        // Not mirrored: 0x1900 and up.
        m.write_byte(0x1900, 1, 0);
        assert_eq!(m.read_byte(0x0A00, 0), 0);
        assert!(m
            .diagnostics()
            .iter()
            .all(|d| d.kind == DiagnosticKind::VacantMemory));
    }

    #[test]
    fn odd_word_address_ignores_bit0() {
        let mut m = F1611::new();
        m.write_word(0x2001, 0x1234, 0);
        assert_eq!(m.peek(0x2000), 0x34);
        assert_eq!(m.peek(0x2001), 0x12);
        assert_eq!(m.read_word(0x2001, 0), 0x1234);
    }

    #[test]
    fn flash_write_rejected_and_recorded() {
        let mut m = F1611::new();
        m.load(0x4000, &[0x11, 0x22]);
        m.write_word(0x4000, 0, 7);
        m.write_byte(0x1000, 0, 8);
        m.write_byte(0x0C00, 0, 9);
        assert_eq!(m.read_word(0x4000, 0), 0x2211);
        assert_eq!(m.read_byte(0x1000, 0), 0xFF);
        let d = m.diagnostics();
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].kind, DiagnosticKind::FlashWriteRejected);
        assert_eq!((d[0].addr, d[0].cycle, d[0].write), (0x4000, 7, true));
        assert_eq!(d[1].kind, DiagnosticKind::FlashWriteRejected);
        assert_eq!(d[2].kind, DiagnosticKind::RomWrite);
    }

    #[test]
    fn unmodelled_peripheral_is_storage_reported_once() {
        let mut m = F1611::new();
        m.write_byte(0x0021, 0x0F, 0); // P1DIR... no model yet
        m.write_byte(0x0021, 0xF0, 1);
        assert_eq!(m.read_byte(0x0021, 2), 0xF0);
        assert_eq!(m.diagnostics().len(), 1);
        assert_eq!(
            m.diagnostics()[0].kind,
            DiagnosticKind::UnmodelledPeripheral
        );
    }

    #[test]
    fn multiplier_is_mapped() {
        let mut m = F1611::new();
        m.write_word(0x0132, 0xFFFE, 0); // MPYS -2
        m.write_word(0x0138, 0x0003, 0);
        assert_eq!(m.read_word(0x013A, 0), 0xFFFA);
        assert_eq!(m.read_word(0x013C, 0), 0xFFFF);
        assert_eq!(m.read_word(0x013E, 0), 0xFFFF);
        assert!(m.diagnostics().is_empty());
    }

    struct FlashCtl;
    impl Peripherals for FlashCtl {
        fn read(&mut self, addr: u16, _b: bool, _c: u64) -> Option<u16> {
            (addr == 0x0050).then_some(0x00AA)
        }
        fn write(&mut self, _a: u16, _v: u16, _b: bool, _c: u64) -> bool {
            false
        }
        fn flash_write(&mut self, addr: u16, _v: u16, _b: bool, _c: u64) -> FlashAccess {
            if addr == 0xF000 {
                FlashAccess::Erase {
                    start: 0xF000,
                    len: 512,
                }
            } else {
                FlashAccess::Program
            }
        }
    }

    #[test]
    fn peripheral_hooks() {
        let mut m = F1611::with_peripherals(FlashCtl);
        assert_eq!(m.read_byte(0x0050, 0), 0xAA);
        m.load(0xF000, &[0; 4]);
        m.write_word(0xF000, 0, 0); // erase
        assert_eq!(m.read_word(0xF002, 0), 0xFFFF);
        m.write_word(0xF002, 0xF0F0, 0); // program
        m.write_word(0xF002, 0x0FFF, 0); // can only clear bits
        assert_eq!(m.read_word(0xF002, 0), 0x00F0);
        assert!(m.diagnostics().is_empty());
    }
}
