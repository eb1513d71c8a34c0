//! The MSP430 CPU of the MSP430x1xx family (16-bit, not MSP430X), as
//! described in the MSP430x1xx Family User's Guide (TI SLAU049), chapter 3
//! "RISC 16-Bit CPU" and section 2.2 "Interrupts".
//!
//! [`Cpu::step`] executes one instruction (or accepts one interrupt, or idles
//! one cycle in a low-power mode) against any [`Bus`]. The bus is a generic
//! parameter, so the hot path has no dynamic dispatch.

use crate::bus::Bus;

/// Status register bits (SLAU049 section 3.2.3, figure 3-6).
pub mod sr {
    /// Carry.
    pub const C: u16 = 0x0001;
    /// Zero.
    pub const Z: u16 = 0x0002;
    /// Negative.
    pub const N: u16 = 0x0004;
    /// General interrupt enable.
    pub const GIE: u16 = 0x0008;
    /// CPU off (LPM0 and deeper).
    pub const CPUOFF: u16 = 0x0010;
    /// LFXT1 oscillator off (LPM4).
    pub const OSCOFF: u16 = 0x0020;
    /// System clock generator 0: DCO dc generator off (LPM1, LPM3, LPM4).
    pub const SCG0: u16 = 0x0040;
    /// System clock generator 1: SMCLK off (LPM2, LPM3, LPM4).
    pub const SCG1: u16 = 0x0080;
    /// Overflow.
    pub const V: u16 = 0x0100;
}

/// Interrupt vector indices of the MSP430F1611 (datasheet SLAS368,
/// "interrupt vector addresses"): index `i` is the vector word at
/// `0xFFE0 + 2 * i`; a higher index has higher priority.
pub mod vector {
    /// DAC12 / DMA (0xFFE0).
    pub const DAC12_DMA: u8 = 0;
    /// Port 2 (0xFFE2).
    pub const PORT2: u8 = 1;
    /// USART1 transmit (0xFFE4).
    pub const USART1_TX: u8 = 2;
    /// USART1 receive (0xFFE6).
    pub const USART1_RX: u8 = 3;
    /// Port 1 (0xFFE8).
    pub const PORT1: u8 = 4;
    /// Timer_A3 CCR1, CCR2, TAIFG (0xFFEA).
    pub const TIMERA1: u8 = 5;
    /// Timer_A3 CCR0 (0xFFEC).
    pub const TIMERA0: u8 = 6;
    /// ADC12 (0xFFEE).
    pub const ADC12: u8 = 7;
    /// USART0 transmit (0xFFF0).
    pub const USART0_TX: u8 = 8;
    /// USART0 receive (0xFFF2).
    pub const USART0_RX: u8 = 9;
    /// Watchdog timer in interval mode (0xFFF4).
    pub const WDT: u8 = 10;
    /// Comparator_A (0xFFF6).
    pub const COMPARATOR_A: u8 = 11;
    /// Timer_B7 CCR1-6, TBIFG (0xFFF8).
    pub const TIMERB1: u8 = 12;
    /// Timer_B7 CCR0 (0xFFFA).
    pub const TIMERB0: u8 = 13;
    /// NMI, oscillator fault, flash access violation (0xFFFC): non-maskable.
    pub const NMI: u8 = 14;
    /// Reset (0xFFFE).
    pub const RESET: u8 = 15;

    /// Address of the vector word for index `v`.
    pub const fn address(v: u8) -> u16 {
        0xFFE0 + 2 * (v as u16)
    }
}

/// What one call of [`Cpu::step`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepResult {
    /// One instruction executed.
    Executed,
    /// CPUOFF is set and no interrupt was accepted: one idle cycle passed.
    Sleeping,
    /// An interrupt was accepted (6 cycles): PC and SR pushed, PC loaded from
    /// the vector with this index.
    Interrupt(u8),
    /// A reset request (vector 15) was honoured: registers cleared, PC loaded
    /// from 0xFFFE.
    Reset,
    /// The word at PC is not an MSP430 instruction (0x0000-0x0FFF, format II
    /// opcode 7, or byte forms of SWPB/SXT/CALL). Nothing was changed: PC still
    /// points at it and no cycles were counted.
    Illegal(u16),
}

/// Where an operand lives once its addressing mode is resolved.
#[derive(Clone, Copy)]
enum Loc {
    Reg(usize),
    Mem(u16),
    Const(u16),
}

// Timing class of a source (or format II) operand; indexes the cycle tables.
const CLASS_REG: usize = 0; // Rn, and all constant-generator values
const CLASS_IND: usize = 1; // @Rn
const CLASS_INC: usize = 2; // @Rn+
const CLASS_IMM: usize = 3; // #N (@PC+)
const CLASS_IDX: usize = 4; // X(Rn), EDE (symbolic), &EDE (absolute)

// SLAU049 table 3-16 "Format-I Instruction Cycles and Lengths", indexed by the
// source class. Destination Rm / PC / memory (x(Rm), EDE, &EDE).
// Constant-generator sources have register-mode timing (SLAU049 3.4.4,
// "the constant generator ... saves one cycle": they need no memory access).
const F1_DST_REG: [u8; 5] = [1, 2, 2, 2, 3];
const F1_DST_PC: [u8; 5] = [2, 2, 3, 3, 3];
const F1_DST_MEM: [u8; 5] = [4, 5, 5, 5, 6];
// SLAU049 table 3-15 "Format-II Instruction Cycles and Lengths".
// RRA/RRC/SWPB/SXT with #N is "n/a" in the table; we charge the @Rn+ figure.
const F2_SHIFT: [u8; 5] = [1, 3, 3, 3, 4];
const F2_PUSH: [u8; 5] = [3, 4, 5, 4, 5];
const F2_CALL: [u8; 5] = [4, 4, 5, 5, 5];
/// Cycles of every jump, taken or not (SLAU049 3.4.4.1).
pub const JUMP_CYCLES: u8 = 2;
/// Cycles of RETI (SLAU049 table 3-14).
pub const RETI_CYCLES: u8 = 5;
/// Cycles from interrupt acceptance to the first handler instruction
/// (SLAU049 section 2.2.3 and table 3-14).
pub const INTERRUPT_CYCLES: u8 = 6;

/// The CPU state.
#[derive(Debug, Clone)]
pub struct Cpu {
    /// R0 (PC) .. R15. R2 is SR, R3 (CG2) always reads 0 here.
    pub regs: [u16; 16],
    /// CPU clock (MCLK) cycles since creation, including interrupt
    /// acceptance and one cycle per [`StepResult::Sleeping`] step.
    pub cycles: u64,
    /// Instructions executed since creation.
    pub instructions: u64,
    /// Interrupt requests latched by [`Cpu::request_interrupt`], same bit
    /// layout as [`Bus::pending_interrupts`].
    requests: u16,
    /// Set by an instruction that turned GIE on: the next instruction runs
    /// before a maskable interrupt is accepted (EINT latency).
    irq_inhibit: bool,
    /// Lowest value ever written to SP (0xFFFF if SP was never written).
    stack_low: u16,
}

impl Default for Cpu {
    fn default() -> Self {
        Self::new()
    }
}

impl Cpu {
    /// A CPU with every register zero. Call [`Cpu::reset`] to load the PC.
    pub fn new() -> Self {
        Cpu {
            regs: [0; 16],
            cycles: 0,
            instructions: 0,
            requests: 0,
            irq_inhibit: false,
            stack_low: 0xFFFF,
        }
    }

    /// Power-on / reset: registers and SR cleared, latched requests dropped,
    /// PC loaded from the reset vector at 0xFFFE (SLAU049 section 2.1.1).
    /// The cycle counter keeps running.
    pub fn reset<B: Bus>(&mut self, bus: &mut B) {
        self.regs = [0; 16];
        self.requests = 0;
        self.irq_inhibit = false;
        self.regs[0] = bus.read_word(0xFFFE, self.cycles) & !1;
    }

    /// Program counter.
    pub fn pc(&self) -> u16 {
        self.regs[0]
    }

    /// Stack pointer.
    pub fn sp(&self) -> u16 {
        self.regs[1]
    }

    /// Status register.
    pub fn sr(&self) -> u16 {
        self.regs[2]
    }

    /// True while CPUOFF is set (the CPU executes nothing until an interrupt).
    pub fn is_sleeping(&self) -> bool {
        self.regs[2] & sr::CPUOFF != 0
    }

    /// Writes register `r` with the CPU's rules: PC and SP bit 0 is always 0,
    /// writes to R3 are discarded.
    pub fn set_reg(&mut self, r: usize, value: u16) {
        match r {
            0 => self.regs[0] = value & !1,
            1 => {
                let v = value & !1;
                self.regs[1] = v;
                if v < self.stack_low {
                    self.stack_low = v;
                }
            }
            3 => {}
            _ => self.regs[r & 15] = value,
        }
    }

    /// Lowest value SP has been set to (0xFFFF if never written); the deepest
    /// stack use is the initial SP minus this.
    pub fn stack_low(&self) -> u16 {
        self.stack_low
    }

    /// Restarts stack-depth tracking from the current SP.
    pub fn reset_stack_low(&mut self) {
        self.stack_low = self.regs[1];
    }

    /// Latches an interrupt request for vector index `vector` (0-15) until
    /// it is accepted. Peripherals that keep their own flags should report
    /// them through [`Bus::pending_interrupts`] instead.
    pub fn request_interrupt(&mut self, vector: u8) {
        self.requests |= 1 << (vector & 15);
    }

    /// Adds idle cycles (e.g. to fast-forward a sleeping CPU to the next
    /// peripheral event).
    pub fn advance(&mut self, cycles: u64) {
        self.cycles += cycles;
    }

    /// Executes one step: accepts the highest-priority pending interrupt if
    /// allowed, otherwise executes one instruction, or idles one cycle when
    /// CPUOFF is set.
    pub fn step<B: Bus>(&mut self, bus: &mut B) -> StepResult {
        let pending = self.requests | bus.pending_interrupts(self.cycles);
        if pending != 0 {
            if pending & 0x8000 != 0 {
                self.reset(bus);
                return StepResult::Reset;
            }
            let mut allowed = pending & 0x4000; // NMI ignores GIE
            if self.regs[2] & sr::GIE != 0 && !self.irq_inhibit {
                allowed = pending;
            }
            if allowed != 0 {
                let v = 15 - allowed.leading_zeros() as u8;
                self.accept_interrupt(bus, v);
                return StepResult::Interrupt(v);
            }
        }
        self.irq_inhibit = false;
        if self.regs[2] & sr::CPUOFF != 0 {
            self.cycles += 1;
            return StepResult::Sleeping;
        }
        let pc = self.regs[0];
        let op = bus.read_word(pc, self.cycles);
        let cycles = match op >> 12 {
            0 => return StepResult::Illegal(op),
            1 => {
                let kind = (op >> 7) & 0x1F;
                // 0x20..0x26 << 7 are RRC..RETI; 0x27 (0x1380) is undefined,
                // 0x28.. is not format II at all (0x1400-0x1FFF).
                if kind > 6 || (op & 0x40 != 0 && matches!(kind, 1 | 3 | 5)) {
                    return StepResult::Illegal(op);
                }
                self.regs[0] = pc.wrapping_add(2);
                self.exec_single(bus, op)
            }
            2 | 3 => {
                self.regs[0] = pc.wrapping_add(2);
                self.exec_jump(op)
            }
            _ => {
                self.regs[0] = pc.wrapping_add(2);
                let gie_before = self.regs[2] & sr::GIE;
                let c = self.exec_double(bus, op);
                if gie_before == 0 && self.regs[2] & sr::GIE != 0 {
                    self.irq_inhibit = true;
                }
                c
            }
        };
        self.cycles += cycles as u64;
        self.instructions += 1;
        StepResult::Executed
    }

    /// Steps until the cycle counter reaches `until` or a step returns
    /// anything but [`StepResult::Executed`] (sleeping, interrupt, reset,
    /// illegal), and returns the last result. Lets a board loop run the CPU
    /// up to its next peripheral event in one call.
    pub fn run<B: Bus>(&mut self, bus: &mut B, until: u64) -> StepResult {
        loop {
            let r = self.step(bus);
            if r != StepResult::Executed || self.cycles >= until {
                return r;
            }
        }
    }

    /// Interrupt acceptance, SLAU049 section 2.2.3: push PC, push SR, clear
    /// SR except SCG0 (this ends any low-power mode and clears GIE), load PC
    /// from the vector. 6 cycles.
    fn accept_interrupt<B: Bus>(&mut self, bus: &mut B, v: u8) {
        self.requests &= !(1 << v);
        bus.acknowledge_interrupt(v, self.cycles);
        let sp = self.regs[1].wrapping_sub(2);
        bus.write_word(sp, self.regs[0], self.cycles);
        let sp2 = sp.wrapping_sub(2);
        bus.write_word(sp2, self.regs[2], self.cycles);
        self.set_reg(1, sp2);
        self.regs[2] &= sr::SCG0;
        self.regs[0] = bus.read_word(vector::address(v), self.cycles) & !1;
        self.irq_inhibit = false;
        self.cycles += INTERRUPT_CYCLES as u64;
    }

    #[inline(always)]
    fn fetch<B: Bus>(&mut self, bus: &mut B) -> u16 {
        let pc = self.regs[0];
        self.regs[0] = pc.wrapping_add(2);
        bus.read_word(pc, self.cycles)
    }

    /// Resolves a source-style operand (As field + register), fetching the
    /// extension word and applying autoincrement (SLAU049 section 3.3,
    /// table 3-3 and the constant generators of table 3-2).
    #[inline(always)]
    fn resolve<B: Bus>(&mut self, bus: &mut B, reg: usize, as_: u16, byte: bool) -> (Loc, usize) {
        match (as_, reg) {
            (0, 3) => (Loc::Const(0), CLASS_REG),
            (0, r) => (Loc::Reg(r), CLASS_REG),
            (1, 3) => (Loc::Const(1), CLASS_REG),
            (1, 2) => (Loc::Mem(self.fetch(bus)), CLASS_IDX), // absolute &EDE
            (1, 0) => {
                // symbolic: the index is relative to the extension word itself
                let at = self.regs[0];
                let x = self.fetch(bus);
                (Loc::Mem(at.wrapping_add(x)), CLASS_IDX)
            }
            (1, r) => {
                let x = self.fetch(bus);
                (Loc::Mem(self.regs[r].wrapping_add(x)), CLASS_IDX)
            }
            (2, 2) => (Loc::Const(4), CLASS_REG),
            (2, 3) => (Loc::Const(2), CLASS_REG),
            (2, r) => (Loc::Mem(self.regs[r]), CLASS_IND),
            (_, 2) => (Loc::Const(8), CLASS_REG),
            (_, 3) => (Loc::Const(0xFFFF), CLASS_REG),
            (_, 0) => (Loc::Const(self.fetch(bus)), CLASS_IMM),
            (_, r) => {
                let a = self.regs[r];
                // bytes step by 1, except SP (and PC, handled above) by 2
                let inc = if byte && r != 1 { 1 } else { 2 };
                self.set_reg(r, a.wrapping_add(inc));
                (Loc::Mem(a), CLASS_INC)
            }
        }
    }

    #[inline(always)]
    fn read_loc<B: Bus>(&mut self, bus: &mut B, loc: Loc, byte: bool) -> u16 {
        match loc {
            Loc::Reg(r) => {
                if byte {
                    self.regs[r] & 0xFF
                } else {
                    self.regs[r]
                }
            }
            Loc::Mem(a) => {
                if byte {
                    bus.read_byte(a, self.cycles) as u16
                } else {
                    bus.read_word(a & !1, self.cycles)
                }
            }
            Loc::Const(v) => {
                if byte {
                    v & 0xFF
                } else {
                    v
                }
            }
        }
    }

    /// Writes a result. Byte results in registers clear the high byte
    /// (SLAU049 3.3.1 note "byte operations on registers").
    #[inline(always)]
    fn write_loc<B: Bus>(&mut self, bus: &mut B, loc: Loc, value: u16, byte: bool) {
        match loc {
            Loc::Reg(r) => self.set_reg(r, if byte { value & 0xFF } else { value }),
            Loc::Mem(a) => {
                if byte {
                    bus.write_byte(a, value as u8, self.cycles)
                } else {
                    bus.write_word(a & !1, value, self.cycles)
                }
            }
            Loc::Const(_) => {}
        }
    }

    #[inline(always)]
    fn set_flags(&mut self, flags: u16) {
        self.regs[2] = (self.regs[2] & !(sr::C | sr::Z | sr::N | sr::V)) | flags;
    }

    #[inline(always)]
    fn nz(result: u16, msb: u16) -> u16 {
        let mut f = 0;
        if result == 0 {
            f |= sr::Z;
        }
        if result & msb != 0 {
            f |= sr::N;
        }
        f
    }

    /// a + b + carry with ADD-style flags: V when both addends have the same
    /// sign and the result the other (SLAU049 ADD/ADDC/SUB/SUBC/CMP; the
    /// subtractions add the one's complement of src, so the same rule holds).
    #[inline(always)]
    fn add_flags(&mut self, a: u16, b: u16, carry: u16, byte: bool) -> u16 {
        let (mask, msb) = if byte { (0xFF, 0x80) } else { (0xFFFF, 0x8000) };
        let sum = a as u32 + b as u32 + carry as u32;
        let r = (sum as u16) & mask;
        let mut f = Self::nz(r, msb);
        if sum > mask as u32 {
            f |= sr::C;
        }
        if (a ^ r) & (b ^ r) & msb != 0 {
            f |= sr::V;
        }
        self.set_flags(f);
        r
    }

    /// Flags of AND, BIT and SXT: N, Z, C = not Z, V reset.
    #[inline(always)]
    fn logic_flags(&mut self, r: u16, msb: u16, v: bool) {
        let mut f = Self::nz(r, msb);
        if r != 0 {
            f |= sr::C;
        }
        if v {
            f |= sr::V;
        }
        self.set_flags(f);
    }

    /// Format I (double operand) instructions, opcodes 4-F.
    fn exec_double<B: Bus>(&mut self, bus: &mut B, op: u16) -> u8 {
        let byte = op & 0x40 != 0;
        let (mask, msb) = if byte { (0xFF, 0x80) } else { (0xFFFF, 0x8000) };
        let sreg = ((op >> 8) & 0xF) as usize;
        let (sloc, class) = self.resolve(bus, sreg, (op >> 4) & 3, byte);
        let src = self.read_loc(bus, sloc, byte);
        let dreg = (op & 0xF) as usize;
        let (dloc, cycles) = if op & 0x80 == 0 {
            let c = if dreg == 0 {
                F1_DST_PC[class]
            } else {
                F1_DST_REG[class]
            };
            (Loc::Reg(dreg), c)
        } else {
            let at = self.regs[0];
            let x = self.fetch(bus);
            let base = match dreg {
                0 => at,    // symbolic: relative to the extension word
                2 | 3 => 0, // absolute &EDE (R3 indexed treated the same)
                r => self.regs[r],
            };
            (Loc::Mem(base.wrapping_add(x)), F1_DST_MEM[class])
        };
        let opcode = op >> 12;
        if opcode == 4 {
            // MOV: no flags, destination not read.
            self.write_loc(bus, dloc, src, byte);
            return cycles;
        }
        let dst = self.read_loc(bus, dloc, byte);
        let carry = self.regs[2] & sr::C;
        let result = match opcode {
            5 => self.add_flags(src, dst, 0, byte),
            6 => self.add_flags(src, dst, carry, byte),
            7 => self.add_flags(!src & mask, dst, carry, byte),
            8 => self.add_flags(!src & mask, dst, 1, byte),
            9 => {
                self.add_flags(!src & mask, dst, 1, byte);
                return cycles;
            }
            0xA => self.dadd(src, dst, carry, byte),
            0xB => {
                self.logic_flags(src & dst, msb, false);
                return cycles;
            }
            0xC => dst & !src,
            0xD => dst | src,
            0xE => {
                // XOR: V set when both operands are negative (SLAU049 XOR).
                let r = src ^ dst;
                self.logic_flags(r, msb, src & dst & msb != 0);
                r
            }
            _ => {
                let r = src & dst;
                self.logic_flags(r, msb, false);
                r
            }
        };
        self.write_loc(bus, dloc, result, byte);
        cycles
    }

    /// DADD: decimal (BCD) add of src + dst + C, nibble by nibble.
    /// SLAU049 DADD: N = MSB of the result, Z = result zero, C = result
    /// greater than 9999 (99 for bytes); V is "undefined": this model leaves
    /// it unchanged. Non-BCD nibbles give the sum minus 10 with a carry when
    /// the nibble sum exceeds 9 (what adding 6 does in a nibble adder).
    fn dadd(&mut self, src: u16, dst: u16, carry: u16, byte: bool) -> u16 {
        let nibbles = if byte { 2 } else { 4 };
        let mut c = carry;
        let mut r = 0u16;
        for i in 0..nibbles {
            let sh = 4 * i;
            let mut t = ((src >> sh) & 0xF) + ((dst >> sh) & 0xF) + c;
            c = 0;
            if t > 9 {
                t = t.wrapping_sub(10);
                c = 1;
            }
            r |= (t & 0xF) << sh;
        }
        let msb = if byte { 0x80 } else { 0x8000 };
        let mut f = Self::nz(r, msb) | (self.regs[2] & sr::V);
        if c != 0 {
            f |= sr::C;
        }
        self.set_flags(f);
        r
    }

    /// Format II (single operand) instructions RRC SWPB RRA SXT PUSH CALL
    /// RETI (the caller has rejected opcode 7 and the illegal byte forms).
    fn exec_single<B: Bus>(&mut self, bus: &mut B, op: u16) -> u8 {
        let kind = (op >> 7) & 7;
        if kind == 6 {
            // RETI: SR then PC from the stack (SLAU049 section 2.2.3).
            let sp = self.regs[1];
            self.regs[2] = bus.read_word(sp, self.cycles);
            self.regs[0] = bus.read_word(sp.wrapping_add(2), self.cycles) & !1;
            self.set_reg(1, sp.wrapping_add(4));
            return RETI_CYCLES;
        }
        let byte = op & 0x40 != 0;
        let (mask, msb) = if byte { (0xFF, 0x80) } else { (0xFFFF, 0x8000) };
        let (loc, class) = self.resolve(bus, (op & 0xF) as usize, (op >> 4) & 3, byte);
        match kind {
            0 => {
                // RRC. V: "set if initial destination is positive and initial
                // carry is set" (SLAU049 RRC status bits).
                let v = self.read_loc(bus, loc, byte);
                let cin = self.regs[2] & sr::C != 0;
                let r = (v >> 1) | if cin { msb } else { 0 };
                let mut f = Self::nz(r, msb);
                if v & 1 != 0 {
                    f |= sr::C;
                }
                if cin && v & msb == 0 {
                    f |= sr::V;
                }
                self.set_flags(f);
                self.write_loc(bus, loc, r, byte);
                F2_SHIFT[class]
            }
            1 => {
                // SWPB: no flags.
                let v = self.read_loc(bus, loc, false);
                self.write_loc(bus, loc, v.swap_bytes(), false);
                F2_SHIFT[class]
            }
            2 => {
                // RRA: V reset.
                let v = self.read_loc(bus, loc, byte);
                let r = ((v >> 1) | (v & msb)) & mask;
                let mut f = Self::nz(r, msb);
                if v & 1 != 0 {
                    f |= sr::C;
                }
                self.set_flags(f);
                self.write_loc(bus, loc, r, byte);
                F2_SHIFT[class]
            }
            3 => {
                // SXT: N, Z, C = not Z, V reset.
                let v = self.read_loc(bus, loc, false);
                let r = v as u8 as i8 as i16 as u16;
                self.logic_flags(r, 0x8000, false);
                self.write_loc(bus, loc, r, false);
                F2_SHIFT[class]
            }
            4 => {
                // PUSH: the operand is read first (PUSH SP pushes the old SP).
                let v = self.read_loc(bus, loc, byte);
                let sp = self.regs[1].wrapping_sub(2);
                self.set_reg(1, sp);
                if byte {
                    bus.write_byte(sp, v as u8, self.cycles);
                } else {
                    bus.write_word(sp, v, self.cycles);
                }
                F2_PUSH[class]
            }
            _ => {
                // CALL: the return address is the word after the instruction.
                let target = self.read_loc(bus, loc, false);
                let sp = self.regs[1].wrapping_sub(2);
                self.set_reg(1, sp);
                bus.write_word(sp, self.regs[0], self.cycles);
                self.regs[0] = target & !1;
                F2_CALL[class]
            }
        }
    }

    /// Conditional and unconditional jumps: 10-bit signed word offset from
    /// the PC of the next instruction, 2 cycles (SLAU049 3.4.3).
    #[inline(always)]
    fn exec_jump(&mut self, op: u16) -> u8 {
        let s = self.regs[2];
        let n = s & sr::N != 0;
        let v = s & sr::V != 0;
        let take = match (op >> 10) & 7 {
            0 => s & sr::Z == 0,
            1 => s & sr::Z != 0,
            2 => s & sr::C == 0,
            3 => s & sr::C != 0,
            4 => n,
            5 => n == v,
            6 => n != v,
            _ => true,
        };
        if take {
            let offset = (((op & 0x3FF) << 6) as i16 >> 5) as u16;
            self.regs[0] = self.regs[0].wrapping_add(offset);
        }
        JUMP_CYCLES
    }
}
