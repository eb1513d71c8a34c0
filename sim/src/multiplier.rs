//! The 16x16 hardware multiplier (MSP430x1xx Family User's Guide SLAU049,
//! chapter 7), at 0x0130-0x013F on the MSP430F1611.

/// Register addresses (SLAU049 table 7-3).
pub mod reg {
    /// Operand 1, unsigned multiply.
    pub const MPY: u16 = 0x0130;
    /// Operand 1, signed multiply.
    pub const MPYS: u16 = 0x0132;
    /// Operand 1, unsigned multiply-accumulate.
    pub const MAC: u16 = 0x0134;
    /// Operand 1, signed multiply-accumulate.
    pub const MACS: u16 = 0x0136;
    /// Operand 2: writing it starts the operation.
    pub const OP2: u16 = 0x0138;
    /// Result, low word.
    pub const RESLO: u16 = 0x013A;
    /// Result, high word.
    pub const RESHI: u16 = 0x013C;
    /// Sum extension (read only).
    pub const SUMEXT: u16 = 0x013E;
}

/// The multiplier mode, chosen by the OP1 address written last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// MPY: unsigned.
    #[default]
    Unsigned,
    /// MPYS: signed.
    Signed,
    /// MAC: unsigned multiply-accumulate.
    UnsignedAccumulate,
    /// MACS: signed multiply-accumulate.
    SignedAccumulate,
}

/// Multiplier state. The result is available immediately after OP2 is
/// written (on the chip it is ready for the next instruction, SLAU049 7.2).
#[derive(Debug, Clone, Default)]
pub struct Multiplier {
    /// Operand 1 (readable at any of the four OP1 addresses).
    pub op1: u16,
    /// Operand 2.
    pub op2: u16,
    /// RESLO.
    pub reslo: u16,
    /// RESHI.
    pub reshi: u16,
    /// SUMEXT.
    pub sumext: u16,
    /// Mode selected by the last OP1 write.
    pub mode: Mode,
}

impl Multiplier {
    /// True if `addr` is one of the multiplier registers.
    pub fn contains(addr: u16) -> bool {
        (0x0130..0x0140).contains(&addr)
    }

    /// Reads the word register containing `addr`.
    pub fn read_word(&self, addr: u16) -> u16 {
        match addr & !1 {
            reg::MPY | reg::MPYS | reg::MAC | reg::MACS => self.op1,
            reg::OP2 => self.op2,
            reg::RESLO => self.reslo,
            reg::RESHI => self.reshi,
            _ => self.sumext,
        }
    }

    /// Reads one byte of a register.
    pub fn read_byte(&self, addr: u16) -> u8 {
        let w = self.read_word(addr);
        if addr & 1 == 0 {
            w as u8
        } else {
            (w >> 8) as u8
        }
    }

    /// Byte write: a byte written to a register's even address is taken as
    /// an 8-bit operand with the high byte cleared (SLAU049 7.2.1, "8-bit
    /// operands": no sign extension); a byte at the odd address replaces the
    /// high byte.
    pub fn write_byte(&mut self, addr: u16, value: u8) {
        let w = if addr & 1 == 0 {
            value as u16
        } else {
            (self.read_word(addr) & 0x00FF) | ((value as u16) << 8)
        };
        self.write_word(addr, w);
    }

    /// Word write. Writing OP1 selects the mode, writing OP2 runs the
    /// operation (SLAU049 7.2, table 7-1), RESLO/RESHI are writable (to
    /// preload the accumulator), SUMEXT is read only.
    pub fn write_word(&mut self, addr: u16, value: u16) {
        match addr & !1 {
            reg::MPY => self.set_op1(value, Mode::Unsigned),
            reg::MPYS => self.set_op1(value, Mode::Signed),
            reg::MAC => self.set_op1(value, Mode::UnsignedAccumulate),
            reg::MACS => self.set_op1(value, Mode::SignedAccumulate),
            reg::OP2 => {
                self.op2 = value;
                self.run();
            }
            reg::RESLO => self.reslo = value,
            reg::RESHI => self.reshi = value,
            _ => {}
        }
    }

    fn set_op1(&mut self, value: u16, mode: Mode) {
        self.op1 = value;
        self.mode = mode;
    }

    fn run(&mut self) {
        let acc = ((self.reshi as u32) << 16) | self.reslo as u32;
        let (res, sumext) = match self.mode {
            // MPY: SUMEXT is always 0000h.
            Mode::Unsigned => (self.op1 as u32 * self.op2 as u32, 0),
            // MPYS: SUMEXT is the sign of the result (0000h or FFFFh).
            Mode::Signed => {
                let p = (self.op1 as i16 as i32 * self.op2 as i16 as i32) as u32;
                (p, if p & 0x8000_0000 != 0 { 0xFFFF } else { 0 })
            }
            // MAC: SUMEXT is the carry of the accumulation (0000h or 0001h).
            Mode::UnsignedAccumulate => {
                let (s, carry) = acc.overflowing_add(self.op1 as u32 * self.op2 as u32);
                (s, carry as u16)
            }
            // MACS: 32-bit two's complement accumulation, no saturation;
            // SUMEXT is the sign of the result.
            Mode::SignedAccumulate => {
                let p = self.op1 as i16 as i32 * self.op2 as i16 as i32;
                let s = acc.wrapping_add(p as u32);
                (s, if s & 0x8000_0000 != 0 { 0xFFFF } else { 0 })
            }
        };
        self.reslo = res as u16;
        self.reshi = (res >> 16) as u16;
        self.sumext = sumext;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsigned_multiply() {
        let mut m = Multiplier::default();
        m.write_word(reg::MPY, 0xFFFF);
        m.write_word(reg::OP2, 0xFFFF);
        assert_eq!((m.reshi, m.reslo, m.sumext), (0xFFFE, 0x0001, 0));
    }

    #[test]
    fn signed_multiply_negative_result() {
        let mut m = Multiplier::default();
        m.write_word(reg::MPYS, (-3i16) as u16);
        m.write_word(reg::OP2, 1000);
        assert_eq!(
            (m.reshi, m.reslo, m.sumext),
            (0xFFFF, (-3000i16) as u16, 0xFFFF)
        );
    }

    #[test]
    fn mac_carry_goes_to_sumext() {
        let mut m = Multiplier::default();
        m.write_word(reg::RESLO, 0xFFFF);
        m.write_word(reg::RESHI, 0xFFFF);
        m.write_word(reg::MAC, 2);
        m.write_word(reg::OP2, 1);
        assert_eq!((m.reshi, m.reslo, m.sumext), (0x0000, 0x0001, 1));
        // No carry the next time.
        m.write_word(reg::OP2, 3);
        assert_eq!((m.reshi, m.reslo, m.sumext), (0x0000, 0x0007, 0));
    }

    #[test]
    fn macs_accumulates_signed() {
        let mut m = Multiplier::default();
        m.write_word(reg::RESLO, 10);
        m.write_word(reg::RESHI, 0);
        m.write_word(reg::MACS, (-4i16) as u16);
        m.write_word(reg::OP2, 3);
        assert_eq!(
            (m.reshi, m.reslo, m.sumext),
            (0xFFFF, (-2i16) as u16, 0xFFFF)
        );
    }

    #[test]
    fn byte_operand_is_not_sign_extended() {
        let mut m = Multiplier::default();
        m.write_byte(reg::MPYS, 0xFF); // 255, not -1
        m.write_byte(reg::OP2, 0x02);
        assert_eq!((m.reshi, m.reslo), (0, 510));
        assert_eq!(m.read_byte(reg::RESLO + 1), 0x01);
    }
}
