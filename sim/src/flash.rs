//! Flash memory controller (SLAU049 chapter 5), enough for the firmware to
//! program and erase flash (information memory in practice).
//!
//! FCTL1 0x0128 (BLKWRT, WRT, MERAS, ERASE), FCTL2 0x012A (clock), FCTL3
//! 0x012C (FAIL, EMEX, LOCK, WAIT, ACCVIFG, KEYV, BUSY). Writes need the key
//! 0xA5 in the high byte (reads return 0x96): a wrong key sets KEYV and
//! causes a PUC (SLAU049 5.3.5). With LOCK clear, a CPU write into flash
//! with ERASE set erases the segment (128-byte information segments,
//! 512-byte main segments), with MERAS set the main memory (MERAS + ERASE:
//! all flash), with WRT set programs the byte/word (bits can only go to 0).
//! A write while LOCK is set, or with no operation selected, sets ACCVIFG
//! and is dropped. Operations complete at once (BUSY never reads 1; the CPU
//! would be held while it runs from flash anyway): erase/program times are
//! not modelled.

use crate::memory::FlashAccess;

/// FCTL1 address.
pub const FCTL1: u16 = 0x0128;
/// FCTL2 address.
pub const FCTL2: u16 = 0x012A;
/// FCTL3 address.
pub const FCTL3: u16 = 0x012C;

const WRT: u16 = 0x0040;
const BLKWRT: u16 = 0x0080;
const MERAS: u16 = 0x0004;
const ERASE: u16 = 0x0002;
const LOCK: u16 = 0x0010;
const ACCVIFG: u16 = 0x0004;
const KEYV: u16 = 0x0002;

/// The flash controller registers.
#[derive(Debug, Clone)]
pub struct FlashController {
    fctl1: u8,
    fctl2: u8,
    fctl3: u8,
    /// Operations performed: (address, what).
    pub log: Vec<(u16, FlashAccess)>,
}

impl FlashController {
    /// After PUC: FCTL2 0x42, FCTL3 LOCK set (0x18 with WAIT).
    pub fn new() -> Self {
        FlashController {
            fctl1: 0,
            fctl2: 0x42,
            fctl3: 0x18,
            log: Vec::new(),
        }
    }

    /// PUC (KEYV survives: it tells why the reset happened).
    pub fn reset(&mut self) {
        let keyv = self.fctl3 as u16 & KEYV;
        self.fctl1 = 0;
        self.fctl2 = 0x42;
        self.fctl3 = 0x18 | keyv as u8;
    }

    /// True for FCTL1-3.
    pub fn contains(addr: u16) -> bool {
        (FCTL1..=FCTL3 + 1).contains(&addr)
    }

    /// Register read.
    pub fn read(&self, addr: u16) -> u16 {
        let v = match addr & !1 {
            FCTL1 => self.fctl1,
            FCTL2 => self.fctl2,
            _ => self.fctl3,
        };
        0x9600 | v as u16
    }

    /// Register write; returns false on a key violation (the caller
    /// resets the chip).
    pub fn write(&mut self, addr: u16, value: u16, byte: bool) -> bool {
        if byte || value >> 8 != 0xA5 {
            self.fctl3 |= KEYV as u8;
            return false;
        }
        let v = value as u8;
        match addr & !1 {
            FCTL1 => self.fctl1 = v,
            FCTL2 => self.fctl2 = v,
            _ => {
                // BUSY and WAIT are read-only; KEYV/ACCVIFG are cleared by
                // writing 0.
                self.fctl3 = (v & !0x09) | 0x08;
            }
        }
        true
    }

    /// Interrupt flag for the NMI vector (ACCVIFG; its enable is IE1.ACCVIE).
    pub fn accvifg(&self) -> bool {
        self.fctl3 as u16 & ACCVIFG != 0
    }

    /// The CPU wrote `addr` in flash or information memory.
    pub fn flash_write(&mut self, addr: u16) -> FlashAccess {
        let c1 = self.fctl1 as u16;
        if self.fctl3 as u16 & LOCK != 0 || c1 & (WRT | BLKWRT | ERASE | MERAS) == 0 {
            self.fctl3 |= ACCVIFG as u8;
            return FlashAccess::Reject;
        }
        let access = if c1 & (ERASE | MERAS) != 0 {
            match (c1 & MERAS != 0, c1 & ERASE != 0) {
                (true, true) => FlashAccess::Erase {
                    start: 0x1000,
                    len: 0xF000,
                },
                (true, false) => FlashAccess::Erase {
                    start: 0x4000,
                    len: 0xC000,
                },
                _ => {
                    let (start, len) = if addr < 0x1100 {
                        (addr & !0x7F, 128)
                    } else {
                        (addr & !0x1FF, 512)
                    };
                    FlashAccess::Erase { start, len }
                }
            }
        } else {
            FlashAccess::Program
        };
        self.log.push((addr, access));
        access
    }
}

impl Default for FlashController {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lock_erase_program() {
        let mut f = FlashController::new();
        assert_eq!(f.read(FCTL3), 0x9618);
        assert_eq!(f.flash_write(0x1000), FlashAccess::Reject);
        assert!(f.accvifg());
        assert!(f.write(FCTL3, 0xA500, false)); // unlock, clear ACCVIFG
        assert!(!f.accvifg());
        assert!(f.write(FCTL1, 0xA502, false)); // ERASE
        assert_eq!(
            f.flash_write(0x1004),
            FlashAccess::Erase {
                start: 0x1000,
                len: 128
            }
        );
        assert_eq!(
            f.flash_write(0xF234),
            FlashAccess::Erase {
                start: 0xF200,
                len: 512
            }
        );
        assert!(f.write(FCTL1, 0xA540, false)); // WRT
        assert_eq!(f.flash_write(0x1000), FlashAccess::Program);
        assert!(!f.write(FCTL1, 0x0040, false));
        assert_eq!(f.read(FCTL3) & KEYV, KEYV);
    }
}
