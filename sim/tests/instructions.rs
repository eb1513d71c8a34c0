//! Per-instruction tests: results, flags and cycle counts against the
//! MSP430x1xx Family User's Guide (SLAU049) chapter 3 (instruction
//! descriptions, table 3-14 interrupt/RETI, table 3-15 format II cycles,
//! table 3-16 format I cycles) and section 2.2 (interrupts).
//!
//! Encodings were produced with `llvm-mc -triple=msp430 -show-encoding`
//! (Debian llvm-14) and are committed as words, so these tests need no
//! assembler. Forms llvm-mc does not accept (PUSH with memory operands,
//! symbolic mode) are hand-encoded from SLAU049 figure 3-13/3-14.

use proiot3_sim::cpu::sr::{C, CPUOFF, GIE, N, SCG0, SCG1, V, Z};
use proiot3_sim::cpu::vector;
use proiot3_sim::{Bus, Cpu, StepResult, F1611};

const CODE: u16 = 0x4000;
const STACK: u16 = 0x3900;

struct Chip {
    cpu: Cpu,
    mem: F1611,
}

impl Chip {
    /// Code at 0x4000, reset vector to it, SP = 0x3900.
    fn new(words: &[u16]) -> Chip {
        let mut mem = F1611::new();
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        mem.load(CODE, &bytes);
        mem.load(0xFFFE, &CODE.to_le_bytes());
        let mut cpu = Cpu::new();
        cpu.reset(&mut mem);
        cpu.regs[1] = STACK;
        Chip { cpu, mem }
    }

    /// Steps once, asserts an instruction ran, returns its cycles.
    fn step(&mut self) -> u64 {
        let before = self.cpu.cycles;
        assert_eq!(self.cpu.step(&mut self.mem), StepResult::Executed);
        self.cpu.cycles - before
    }

    fn w(&mut self, addr: u16) -> u16 {
        self.mem.read_word(addr, 0)
    }

    fn b(&mut self, addr: u16) -> u8 {
        self.mem.read_byte(addr, 0)
    }

    fn set_w(&mut self, addr: u16, v: u16) {
        self.mem.write_word(addr, v, 0)
    }

    fn flags(&self) -> u16 {
        self.cpu.regs[2] & (C | Z | N | V)
    }
}

/// Runs one instruction with r4 = src and r5 = dst (and SR = `sr`), returns
/// (r5, flags).
fn alu(words: &[u16], src: u16, dst: u16, sr: u16) -> (u16, u16) {
    let mut c = Chip::new(words);
    c.cpu.regs[4] = src;
    c.cpu.regs[5] = dst;
    c.cpu.regs[2] = sr;
    assert_eq!(c.step(), 1, "register-register ALU ops take 1 cycle");
    (c.cpu.regs[5], c.flags())
}

// ---- addressing modes and format I cycles (SLAU049 table 3-16) ----

#[test]
fn register_to_register() {
    let mut c = Chip::new(&[0x4506]); // mov r5, r6
    c.cpu.regs[5] = 0xA55A;
    c.cpu.regs[2] = C | Z | N | V;
    assert_eq!(c.step(), 1);
    assert_eq!(c.cpu.regs[6], 0xA55A);
    assert_eq!(c.flags(), C | Z | N | V, "MOV changes no flags");
    assert_eq!(c.cpu.pc(), 0x4002);
}

#[test]
fn branch_register_two_cycles() {
    let mut c = Chip::new(&[0x4500]); // mov r5, pc
    c.cpu.regs[5] = 0x4460;
    assert_eq!(c.step(), 2);
    assert_eq!(c.cpu.pc(), 0x4460);
}

#[test]
fn register_to_indexed_four_cycles() {
    let mut c = Chip::new(&[0x5586, 0x0004]); // add r5, 4(r6)
    c.cpu.regs[5] = 0x0102;
    c.cpu.regs[6] = 0x1200;
    c.set_w(0x1204, 0x1010);
    assert_eq!(c.step(), 4);
    assert_eq!(c.w(0x1204), 0x1112);
    assert_eq!(c.cpu.pc(), 0x4004);
}

#[test]
fn register_to_absolute_four_cycles() {
    let mut c = Chip::new(&[0x4582, 0x1200]); // mov r5, &0x1200
    c.cpu.regs[5] = 0xBEEF;
    assert_eq!(c.step(), 4);
    assert_eq!(c.w(0x1200), 0xBEEF);
}

#[test]
fn indirect_source() {
    let mut c = Chip::new(&[0xF425]); // and @r4, r5
    c.cpu.regs[4] = 0x1200;
    c.cpu.regs[5] = 0x0FF0;
    c.set_w(0x1200, 0x8181);
    assert_eq!(c.step(), 2);
    assert_eq!(c.cpu.regs[5], 0x0180);
    assert_eq!(c.cpu.regs[4], 0x1200);

    let mut c = Chip::new(&[0x4820]); // br @r8
    c.cpu.regs[8] = 0x1200;
    c.set_w(0x1200, 0x4440);
    assert_eq!(c.step(), 2, "@Rn -> PC is 2 cycles");
    assert_eq!(c.cpu.pc(), 0x4440);

    let mut c = Chip::new(&[0xE5A6, 0x0008]); // xor @r5, 8(r6)
    c.cpu.regs[5] = 0x1200;
    c.cpu.regs[6] = 0x1300;
    c.set_w(0x1200, 0x00FF);
    c.set_w(0x1308, 0x0F0F);
    assert_eq!(c.step(), 5);
    assert_eq!(c.w(0x1308), 0x0FF0);
}

#[test]
fn indirect_autoincrement_word_and_byte() {
    let mut c = Chip::new(&[0x4536]); // mov @r5+, r6
    c.cpu.regs[5] = 0x1200;
    c.set_w(0x1200, 0x1234);
    assert_eq!(c.step(), 2);
    assert_eq!((c.cpu.regs[5], c.cpu.regs[6]), (0x1202, 0x1234));

    let mut c = Chip::new(&[0x4576]); // mov.b @r5+, r6
    c.cpu.regs[5] = 0x1201;
    c.cpu.regs[6] = 0xFFFF;
    c.set_w(0x1200, 0x8034);
    assert_eq!(c.step(), 2);
    assert_eq!(c.cpu.regs[5], 0x1202, "byte autoincrement is 1");
    assert_eq!(
        c.cpu.regs[6], 0x0080,
        "byte to register clears the high byte"
    );

    let mut c = Chip::new(&[0x4175]); // mov.b @sp+, r5
    c.set_w(STACK, 0x1234);
    c.step();
    assert_eq!(c.cpu.regs[5], 0x34);
    assert_eq!(c.cpu.sp(), STACK + 2, "SP always steps by 2");

    let mut c = Chip::new(&[0x4930]); // br @r9+
    c.cpu.regs[9] = 0x1200;
    c.set_w(0x1200, 0x4800);
    assert_eq!(c.step(), 3);
    assert_eq!((c.cpu.pc(), c.cpu.regs[9]), (0x4800, 0x1202));
}

#[test]
fn immediate() {
    let mut c = Chip::new(&[0x4035, 0x1234]); // mov #0x1234, r5
    assert_eq!(c.step(), 2);
    assert_eq!(c.cpu.regs[5], 0x1234);
    assert_eq!(c.cpu.pc(), 0x4004);

    let mut c = Chip::new(&[0x4030, 0x4400]); // br #0x4400
    assert_eq!(c.step(), 3);
    assert_eq!(c.cpu.pc(), 0x4400);

    let mut c = Chip::new(&[0x40B6, 0x1234, 0x0000]); // mov #0x1234, 0(r6)
    c.cpu.regs[6] = 0x1210;
    assert_eq!(c.step(), 5);
    assert_eq!(c.w(0x1210), 0x1234);
    assert_eq!(c.cpu.pc(), 0x4006);
}

#[test]
fn indexed_and_absolute_sources() {
    let mut c = Chip::new(&[0x4516, 0x0002]); // mov 2(r5), r6
    c.cpu.regs[5] = 0x1200;
    c.set_w(0x1202, 0x7777);
    assert_eq!(c.step(), 3);
    assert_eq!(c.cpu.regs[6], 0x7777);

    let mut c = Chip::new(&[0x4610, 0x0002]); // br 2(r6)
    c.cpu.regs[6] = 0x1200;
    c.set_w(0x1202, 0x4500);
    assert_eq!(c.step(), 3);
    assert_eq!(c.cpu.pc(), 0x4500);

    let mut c = Chip::new(&[0x4596, 0x0002, 0x0004]); // mov 2(r5), 4(r6)
    c.cpu.regs[5] = 0x1200;
    c.cpu.regs[6] = 0x1300;
    c.set_w(0x1202, 0x5555);
    assert_eq!(c.step(), 6);
    assert_eq!(c.w(0x1304), 0x5555);
    assert_eq!(c.cpu.pc(), 0x4006);

    let mut c = Chip::new(&[0x4292, 0x1200, 0x1202]); // mov &0x1200, &0x1202
    c.set_w(0x1200, 0xABCD);
    assert_eq!(c.step(), 6);
    assert_eq!(c.w(0x1202), 0xABCD);
}

#[test]
fn symbolic_mode_is_relative_to_the_extension_word() {
    // mov EDE, TONI with EDE = 0x1200, TONI = 0x1300 (hand-encoded:
    // src As=01 R0, dst Ad=1 R0 -> 0x4090, X = EDE - 0x4002, Y = TONI - 0x4004).
    let mut c = Chip::new(&[
        0x4090,
        0x1200u16.wrapping_sub(0x4002),
        0x1300u16.wrapping_sub(0x4004),
    ]);
    c.set_w(0x1200, 0x9876);
    assert_eq!(c.step(), 6);
    assert_eq!(c.w(0x1300), 0x9876);
}

#[test]
fn odd_word_addresses_ignore_bit0() {
    let mut c = Chip::new(&[0x4516, 0x0003]); // mov 3(r5), r6
    c.cpu.regs[5] = 0x1200;
    c.set_w(0x1202, 0x4321);
    c.step();
    assert_eq!(c.cpu.regs[6], 0x4321);
}

// ---- constant generators (SLAU049 table 3-2) ----

#[test]
fn constant_generators() {
    for (op, value) in [
        (0x4305u16, 0u16), // mov #0, r5 (clr)
        (0x4315, 1),
        (0x4325, 2),
        (0x4225, 4),
        (0x4235, 8),
        (0x4335, 0xFFFF),
    ] {
        let mut c = Chip::new(&[op]);
        c.cpu.regs[5] = 0x5A5A;
        assert_eq!(c.step(), 1, "constant {value:#x} has register timing");
        assert_eq!(c.cpu.regs[5], value);
        assert_eq!(c.cpu.pc(), 0x4002, "no extension word");
    }
    let mut c = Chip::new(&[0x42A2, 0x1200]); // mov #4, &0x1200
    assert_eq!(c.step(), 4);
    assert_eq!(c.w(0x1200), 4);
    // mov.b #-1, r5: byte constant 0xFF
    let mut c = Chip::new(&[0x4375]);
    c.step();
    assert_eq!(c.cpu.regs[5], 0x00FF);
}

// ---- arithmetic flags ----

#[test]
fn add_flags() {
    assert_eq!(alu(&[0x5405], 1, 0x7FFF, 0), (0x8000, N | V));
    assert_eq!(alu(&[0x5405], 1, 0xFFFF, 0), (0x0000, Z | C));
    assert_eq!(alu(&[0x5405], 0x8000, 0x8000, 0), (0x0000, Z | C | V));
    assert_eq!(alu(&[0x5405], 2, 3, C), (5, 0), "ADD ignores carry in");
    // add.b: 8-bit flags, high byte cleared
    assert_eq!(alu(&[0x5445], 0x0001, 0x127F, 0), (0x0080, N | V));
    assert_eq!(alu(&[0x5445], 0x0001, 0x12FF, 0), (0x0000, Z | C));
}

#[test]
fn addc_subc_sub_cmp_flags() {
    assert_eq!(alu(&[0x6405], 1, 1, C), (3, 0));
    assert_eq!(alu(&[0x6405], 0, 0xFFFF, C), (0, Z | C));
    // SUB: dst - src; C set when no borrow.
    assert_eq!(alu(&[0x8405], 1, 3, 0), (2, C));
    assert_eq!(alu(&[0x8405], 3, 1, 0), (0xFFFE, N));
    assert_eq!(alu(&[0x8405], 1, 0x8000, 0), (0x7FFF, C | V));
    assert_eq!(alu(&[0x8405], 0xFFFF, 0x7FFF, 0), (0x8000, N | V));
    // SUBC: dst + ~src + C
    assert_eq!(alu(&[0x7405], 1, 3, 0), (1, C));
    assert_eq!(alu(&[0x7405], 1, 3, C), (2, C));
    // CMP sets flags, does not write.
    assert_eq!(alu(&[0x9405], 5, 5, 0), (5, Z | C));
    assert_eq!(alu(&[0x9405], 6, 5, 0), (5, N));
}

#[test]
fn dadd_bcd() {
    // SLAU049 DADD: decimal add with carry; C when the result exceeds 9999.
    assert_eq!(alu(&[0xA405], 0x0001, 0x1999, 0), (0x2000, 0));
    assert_eq!(alu(&[0xA405], 0x0000, 0x9999, C), (0x0000, Z | C));
    assert_eq!(alu(&[0xA405], 0x1234, 0x5678, C), (0x6913, 0));
    assert_eq!(alu(&[0xA405], 0x0001, 0x7999, 0), (0x8000, N));
    // dadd.b: 2 digits, C above 99
    assert_eq!(alu(&[0xA445], 0x0001, 0x1299, 0), (0x0000, Z | C));
    assert_eq!(alu(&[0xA445], 0x0045, 0x0045, 0), (0x0090, N));
}

#[test]
fn logic_flags() {
    // BIT: C = not Z, V reset, no write
    assert_eq!(alu(&[0xB405], 0x8000, 0x8001, V), (0x8001, N | C));
    assert_eq!(alu(&[0xB405], 0x0002, 0x8001, V), (0x8001, Z));
    // BIC / BIS: no flags
    assert_eq!(alu(&[0xC405], 0x00FF, 0x1234, Z), (0x1200, Z));
    assert_eq!(alu(&[0xD405], 0x00FF, 0x1234, 0), (0x12FF, 0));
    // XOR: V when both operands negative
    assert_eq!(alu(&[0xE405], 0x8001, 0x8000, 0), (0x0001, C | V));
    assert_eq!(alu(&[0xE405], 0x0001, 0x0001, 0), (0x0000, Z));
    assert_eq!(alu(&[0xE405], 0x0001, 0x8000, 0), (0x8001, N | C));
    // AND: V reset
    assert_eq!(alu(&[0xF405], 0x8001, 0x8003, V), (0x8001, N | C));
    assert_eq!(alu(&[0xF405], 0x00F0, 0x0F0F, 0), (0, Z));
}

#[test]
fn byte_ops_in_memory() {
    let mut c = Chip::new(&[0x53D2, 0x1200]); // inc.b &0x1200
    c.set_w(0x1200, 0x12FF);
    assert_eq!(c.step(), 4, "#1 is a constant: Rn -> &EDE timing");
    assert_eq!(c.w(0x1200), 0x1200, "only the low byte changes");
    assert_eq!(c.flags(), Z | C);

    let mut c = Chip::new(&[0x45C2, 0x1201]); // mov.b r5, &0x1201
    c.cpu.regs[5] = 0xAB;
    c.step();
    assert_eq!(c.w(0x1200), 0xAB00);
    assert_eq!(c.b(0x1201), 0xAB);
}

// ---- format II (SLAU049 table 3-15) ----

#[test]
fn rrc_rra_flags() {
    let mut c = Chip::new(&[0x1005]); // rrc r5
    c.cpu.regs[5] = 0x0003;
    c.cpu.regs[2] = C;
    assert_eq!(c.step(), 1);
    // V: "set if initial destination is positive and initial carry is set"
    assert_eq!((c.cpu.regs[5], c.flags()), (0x8001, N | C | V));

    let mut c = Chip::new(&[0x1045]); // rrc.b r5
    c.cpu.regs[5] = 0x1202;
    assert_eq!(c.step(), 1);
    assert_eq!((c.cpu.regs[5], c.flags()), (0x0001, 0));

    let mut c = Chip::new(&[0x1105]); // rra r5
    c.cpu.regs[5] = 0x8001;
    c.cpu.regs[2] = V;
    assert_eq!(c.step(), 1);
    assert_eq!((c.cpu.regs[5], c.flags()), (0xC000, N | C));

    let mut c = Chip::new(&[0x1145]); // rra.b r5
    c.cpu.regs[5] = 0x7F80;
    c.step();
    assert_eq!((c.cpu.regs[5], c.flags()), (0x00C0, N));
}

#[test]
fn swpb_sxt() {
    let mut c = Chip::new(&[0x1085]); // swpb r5
    c.cpu.regs[5] = 0x1234;
    c.cpu.regs[2] = Z;
    assert_eq!(c.step(), 1);
    assert_eq!((c.cpu.regs[5], c.flags()), (0x3412, Z));

    let mut c = Chip::new(&[0x1185]); // sxt r5
    c.cpu.regs[5] = 0x1280;
    c.cpu.regs[2] = V;
    assert_eq!(c.step(), 1);
    assert_eq!((c.cpu.regs[5], c.flags()), (0xFF80, N | C));

    let mut c = Chip::new(&[0x1192, 0x1200]); // sxt &0x1200
    c.set_w(0x1200, 0xFF00);
    assert_eq!(c.step(), 4);
    assert_eq!((c.w(0x1200), c.flags()), (0x0000, Z));

    let mut c = Chip::new(&[0x10A5]); // swpb @r5
    c.cpu.regs[5] = 0x1200;
    c.set_w(0x1200, 0xAABB);
    assert_eq!(c.step(), 3);
    assert_eq!(c.w(0x1200), 0xBBAA);
}

#[test]
fn shift_memory_modes_cycles() {
    let mut c = Chip::new(&[0x1125]); // rra @r5
    c.cpu.regs[5] = 0x1200;
    c.set_w(0x1200, 0x0004);
    assert_eq!(c.step(), 3);
    assert_eq!(c.w(0x1200), 0x0002);

    let mut c = Chip::new(&[0x1135]); // rra @r5+
    c.cpu.regs[5] = 0x1200;
    c.set_w(0x1200, 0x0008);
    assert_eq!(c.step(), 3);
    assert_eq!((c.w(0x1200), c.cpu.regs[5]), (0x0004, 0x1202));

    let mut c = Chip::new(&[0x1115, 0x0002]); // rra 2(r5)
    c.cpu.regs[5] = 0x1200;
    c.set_w(0x1202, 0x0010);
    assert_eq!(c.step(), 4);
    assert_eq!(c.w(0x1202), 0x0008);

    let mut c = Chip::new(&[0x1112, 0x1200]); // rra &0x1200
    c.set_w(0x1200, 0x0020);
    assert_eq!(c.step(), 4);
    assert_eq!(c.w(0x1200), 0x0010);

    let mut c = Chip::new(&[0x1075]); // rrc.b @r5+
    c.cpu.regs[5] = 0x1200;
    c.set_w(0x1200, 0x0302);
    c.step();
    assert_eq!((c.w(0x1200), c.cpu.regs[5]), (0x0301, 0x1201));
}

#[test]
fn push_modes_and_cycles() {
    let cases: [(&[u16], u64); 8] = [
        (&[0x1205], 3),         // push r5
        (&[0x1225], 4),         // push @r5
        (&[0x1235], 5),         // push @r5+
        (&[0x1230, 0x1234], 4), // push #0x1234
        (&[0x1215, 0x0002], 5), // push 2(r5)
        (&[0x1212, 0x1202], 5), // push &0x1202
        (&[0x1232], 3),         // push #8 (constant generator)
        (&[0x1245], 3),         // push.b r5
    ];
    for (words, cycles) in cases {
        let mut c = Chip::new(words);
        c.cpu.regs[5] = 0x1200;
        c.set_w(0x1200, 0x1111);
        c.set_w(0x1202, 0x2222);
        c.set_w(STACK - 2, 0xEEEE);
        assert_eq!(c.step(), cycles, "{words:x?}");
        assert_eq!(c.cpu.sp(), STACK - 2);
        let expected = match words[0] {
            0x1205 => 0x1200,
            0x1225 | 0x1235 => 0x1111,
            0x1230 => 0x1234,
            0x1215 | 0x1212 => 0x2222,
            0x1232 => 8,
            _ => 0xEE00, // push.b writes one byte
        };
        assert_eq!(c.w(STACK - 2), expected, "{words:x?}");
    }
    let mut c = Chip::new(&[0x1201]); // push sp pushes the value before the decrement
    c.step();
    assert_eq!(c.w(STACK - 2), STACK);
    assert_eq!(c.cpu.stack_low(), STACK - 2);
}

#[test]
fn call_modes_and_cycles() {
    let cases: [(&[u16], u64, u16); 6] = [
        (&[0x1285], 4, 0x4400),         // call r5
        (&[0x12A5], 4, 0x4500),         // call @r5
        (&[0x12B5], 5, 0x4500),         // call @r5+
        (&[0x12B0, 0x4600], 5, 0x4600), // call #0x4600
        (&[0x1295, 0x0002], 5, 0x4700), // call 2(r5)
        (&[0x1292, 0x1202], 5, 0x4700), // call &0x1202
    ];
    for (words, cycles, target) in cases {
        let mut c = Chip::new(words);
        c.cpu.regs[5] = 0x4400;
        c.set_w(0x4400, 0x4500); // (flash) @r5
        if words[0] != 0x1285 {
            c.cpu.regs[5] = 0x1200;
            c.set_w(0x1200, 0x4500);
        }
        c.set_w(0x1202, 0x4700);
        let ret = CODE + 2 * words.len() as u16;
        assert_eq!(c.step(), cycles, "{words:x?}");
        assert_eq!(c.cpu.pc(), target, "{words:x?}");
        assert_eq!(c.cpu.sp(), STACK - 2);
        assert_eq!(c.w(STACK - 2), ret, "return address");
    }
}

#[test]
fn illegal_opcodes_change_nothing() {
    for op in [
        0x0000u16, 0x0FFF, 0x1380, 0x1400, 0x10C5, /* swpb.b */
        0x12C5, /* call.b */
    ] {
        let mut c = Chip::new(&[op]);
        let before = c.cpu.clone();
        assert_eq!(c.cpu.step(&mut c.mem), StepResult::Illegal(op));
        assert_eq!(c.cpu.regs, before.regs);
        assert_eq!(c.cpu.cycles, before.cycles);
    }
}

// ---- jumps (SLAU049 3.4.3: 2 cycles taken or not) ----

#[test]
fn jumps() {
    // (opcode with offset +8 words, flags, taken)
    let cases = [
        (0x2008u16, 0u16, true), // jne
        (0x2008, Z, false),
        (0x2408, Z, true), // jeq
        (0x2408, 0, false),
        (0x2808, 0, true), // jnc
        (0x2808, C, false),
        (0x2C08, C, true), // jc
        (0x3008, N, true), // jn
        (0x3008, 0, false),
        (0x3408, N | V, true), // jge
        (0x3408, N, false),
        (0x3808, V, true), // jl
        (0x3808, 0, false),
        (0x3C08, 0, true), // jmp
    ];
    for (op, flags, taken) in cases {
        let mut c = Chip::new(&[op]);
        c.cpu.regs[2] = flags;
        assert_eq!(c.step(), 2);
        let expect = if taken { 0x4002 + 16 } else { 0x4002 };
        assert_eq!(c.cpu.pc(), expect, "{op:04x} flags {flags:x}");
    }
    let mut c = Chip::new(&[0x3FFF]); // jmp $ (offset -1 word)
    c.step();
    assert_eq!(c.cpu.pc(), 0x4000);
    let mut c = Chip::new(&[0x3E00]); // jmp, offset -512 words
    c.step();
    assert_eq!(c.cpu.pc(), 0x4002u16.wrapping_sub(1024));
}

// ---- special registers ----

#[test]
fn pc_sp_even_and_r3_ignores_writes() {
    let mut c = Chip::new(&[0x4501]); // mov r5, sp
    c.cpu.regs[5] = 0x2001;
    c.step();
    assert_eq!(c.cpu.sp(), 0x2000);
    let mut c = Chip::new(&[0x4500]); // mov r5, pc
    c.cpu.regs[5] = 0x4101;
    c.step();
    assert_eq!(c.cpu.pc(), 0x4100);
    let mut c = Chip::new(&[0x4503]); // mov r5, r3
    c.cpu.regs[5] = 7;
    c.step();
    assert_eq!(c.cpu.regs[3], 0);
}

#[test]
fn pc_as_source_is_address_after_opcode() {
    let mut c = Chip::new(&[0x4005]); // mov pc, r5
    c.step();
    assert_eq!(c.cpu.regs[5], 0x4002);
}

#[test]
fn multiplier_from_code() {
    // mov #3, &MPYS ; mov #-5, &OP2 ; mov &RESLO, r5 ; mov &RESHI, r6 ; mov &SUMEXT, r7
    let mut c = Chip::new(&[
        0x40B2, 0x0003, 0x0132, 0x40B2, 0xFFFB, 0x0138, 0x4215, 0x013A, 0x4216, 0x013C, 0x4217,
        0x013E,
    ]);
    assert_eq!(c.step(), 5);
    assert_eq!(c.step(), 5);
    c.step();
    c.step();
    c.step();
    assert_eq!(
        (c.cpu.regs[5], c.cpu.regs[6], c.cpu.regs[7]),
        (0xFFF1, 0xFFFF, 0xFFFF)
    );
}

// ---- interrupts and low-power modes (SLAU049 2.2.3, table 3-14) ----

/// Code: 0x4000 bis #GIE+CPUOFF, sr ; 0x4004 mov #1, r10 ; 0x4006 jmp $
/// Handler for Timer_A0 at 0x4100: inc r11 ; reti
fn lpm_program() -> Chip {
    let mut c = Chip::new(&[0xD032, 0x0018, 0x431A, 0x3FFF]);
    c.mem.load(0x4100, &[0x1B, 0x53, 0x00, 0x13]); // inc r11 ; reti
    c.mem.load(vector::address(vector::TIMERA0), &[0x00, 0x41]);
    c
}

#[test]
fn lpm0_sleeps_until_interrupt_then_returns_to_sleep() {
    let mut c = lpm_program();
    c.step();
    assert!(c.cpu.is_sleeping());
    for _ in 0..3 {
        assert_eq!(c.cpu.step(&mut c.mem), StepResult::Sleeping);
    }
    assert_eq!(c.cpu.regs[10], 0);
    c.cpu.request_interrupt(vector::TIMERA0);
    let before = c.cpu.cycles;
    assert_eq!(
        c.cpu.step(&mut c.mem),
        StepResult::Interrupt(vector::TIMERA0)
    );
    assert_eq!(c.cpu.cycles - before, 6);
    assert_eq!(c.cpu.pc(), 0x4100);
    assert_eq!(c.cpu.sr(), 0, "SR cleared: GIE and CPUOFF off");
    assert_eq!(c.cpu.sp(), STACK - 4);
    assert_eq!(c.w(STACK - 2), 0x4004, "return address");
    assert_eq!(c.w(STACK - 4), GIE | CPUOFF, "saved SR");
    c.step(); // inc r11
    assert_eq!(c.step(), 5, "RETI is 5 cycles");
    assert_eq!(c.cpu.pc(), 0x4004);
    assert_eq!(c.cpu.sr(), GIE | CPUOFF, "RETI restores the sleeping SR");
    assert_eq!(c.cpu.step(&mut c.mem), StepResult::Sleeping);
    assert_eq!((c.cpu.regs[10], c.cpu.regs[11]), (0, 1));
}

#[test]
fn handler_clearing_cpuoff_on_stack_wakes_main() {
    let mut c = lpm_program();
    // Handler: bic #CPUOFF, 0(sp) ; reti
    c.mem
        .load(0x4100, &[0xB1, 0xC0, 0x10, 0x00, 0x00, 0x00, 0x00, 0x13]);
    c.step();
    assert_eq!(c.cpu.step(&mut c.mem), StepResult::Sleeping);
    c.cpu.request_interrupt(vector::TIMERA0);
    assert_eq!(
        c.cpu.step(&mut c.mem),
        StepResult::Interrupt(vector::TIMERA0)
    );
    c.step();
    c.step();
    assert_eq!(c.cpu.sr(), GIE);
    c.step(); // mov #1, r10
    assert_eq!(c.cpu.regs[10], 1);
}

#[test]
fn interrupt_keeps_scg0() {
    let mut c = Chip::new(&[0x4303]);
    c.mem.load(vector::address(vector::PORT1), &[0x00, 0x41]);
    c.cpu.regs[2] = GIE | CPUOFF | SCG0 | SCG1 | C;
    c.cpu.request_interrupt(vector::PORT1);
    assert_eq!(c.cpu.step(&mut c.mem), StepResult::Interrupt(vector::PORT1));
    assert_eq!(c.cpu.sr(), SCG0, "SR cleared except SCG0");
}

#[test]
fn priority_gie_and_nmi() {
    let mut c = Chip::new(&[0x4303, 0x4303, 0x4303]);
    for v in 0..15u8 {
        c.mem.load(
            vector::address(v),
            &(0x4400 + 0x10 * v as u16).to_le_bytes(),
        );
    }
    c.cpu.request_interrupt(vector::PORT2);
    c.cpu.request_interrupt(vector::WDT);
    // GIE clear: maskable requests wait.
    c.step();
    c.cpu.request_interrupt(vector::NMI);
    assert_eq!(c.cpu.step(&mut c.mem), StepResult::Interrupt(vector::NMI));
    c.cpu.regs[2] = GIE;
    assert_eq!(c.cpu.step(&mut c.mem), StepResult::Interrupt(vector::WDT));
    assert_eq!(c.cpu.pc(), 0x4400 + 0x10 * vector::WDT as u16);
    c.cpu.regs[2] = GIE;
    assert_eq!(c.cpu.step(&mut c.mem), StepResult::Interrupt(vector::PORT2));
}

#[test]
fn eint_takes_effect_after_the_next_instruction() {
    // eint ; mov #1, r10 ; mov #2, r10
    let mut c = Chip::new(&[0xD232, 0x431A, 0x432A]);
    c.mem
        .load(vector::address(vector::USART0_RX), &[0x00, 0x41]);
    c.cpu.request_interrupt(vector::USART0_RX);
    c.step();
    c.step();
    assert_eq!(c.cpu.regs[10], 1);
    assert_eq!(
        c.cpu.step(&mut c.mem),
        StepResult::Interrupt(vector::USART0_RX)
    );
    assert_eq!(c.w(STACK - 2), 0x4004);
}

#[test]
fn reset_request_reloads_pc() {
    let mut c = Chip::new(&[0x4315, 0x3FFF]);
    c.step();
    c.step();
    c.cpu.request_interrupt(vector::RESET);
    assert_eq!(c.cpu.step(&mut c.mem), StepResult::Reset);
    assert_eq!((c.cpu.pc(), c.cpu.regs[5], c.cpu.sr()), (CODE, 0, 0));
}

#[test]
fn flash_write_from_code_is_diagnosed_not_applied() {
    let mut c = Chip::new(&[0x4582, 0x8000]); // mov r5, &0x8000
    c.cpu.regs[5] = 0;
    c.step();
    assert_eq!(c.w(0x8000), 0xFFFF);
    assert_eq!(c.mem.diagnostics().len(), 1);
    assert_eq!(c.mem.diagnostics()[0].addr, 0x8000);
}

// ---- a real linked ELF ----

/// tests/data/sum.elf: tests/data/sum.s assembled with
/// `llvm-mc -triple=msp430 -filetype=obj` and linked with
/// `rust-lld -flavor gnu -n -T sum.ld` (text and rodata at 0x4000, .data
/// in RAM with its load address in flash, reset vector at 0xFFFE). It sums
/// the bytes of "proiot3" with a subroutine and stores the sum to `result`.
#[test]
fn linked_elf_loads_and_runs() {
    let image = proiot3_sim::loader::parse_elf(include_bytes!("data/sum.elf")).unwrap();
    let addrs: Vec<(u16, usize)> = image
        .segments
        .iter()
        .map(|s| (s.addr, s.data.len()))
        .collect();
    assert_eq!(addrs, vec![(0x4000, 0x28), (0x4028, 2), (0xFFFE, 2)]);
    assert_eq!(
        image.segments[1].data,
        [0xAD, 0xDE],
        ".data initialiser at its load address"
    );
    let mut mem = F1611::new();
    mem.load_image(&image);
    let mut cpu = Cpu::new();
    cpu.reset(&mut mem);
    assert_eq!(cpu.pc(), 0x4000);
    let mut steps = 0;
    loop {
        let pc = cpu.pc();
        assert_eq!(cpu.step(&mut mem), StepResult::Executed);
        steps += 1;
        if cpu.pc() == pc {
            break; // done: jmp done
        }
        assert!(steps < 1000);
    }
    let sum: u16 = b"proiot3".iter().map(|b| *b as u16).sum();
    assert_eq!(mem.read_word(0x1100, 0), sum);
    assert_eq!(cpu.stack_low(), 0x3900 - 2, "one call deep");
    assert!(mem.diagnostics().is_empty());
}

#[test]
fn run_stops_at_cycle_limit_or_event() {
    // loop: inc r5 (1 cycle) ; jmp loop (2 cycles)
    let mut c = Chip::new(&[0x5315, 0x3FFE]);
    assert_eq!(c.cpu.run(&mut c.mem, 30), StepResult::Executed);
    assert_eq!(c.cpu.cycles, 30);
    assert_eq!(c.cpu.regs[5], 10);
    c.cpu.regs[2] = GIE;
    c.mem.load(vector::address(vector::PORT1), &[0x00, 0x41]);
    c.cpu.request_interrupt(vector::PORT1);
    assert_eq!(
        c.cpu.run(&mut c.mem, 1000),
        StepResult::Interrupt(vector::PORT1)
    );
    assert_eq!(c.cpu.cycles, 36);
}
