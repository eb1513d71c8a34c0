//! A compact MSP430 disassembler for traces: core mnemonics plus the most
//! common emulated forms (NOP, RET, POP, BR, CLR, INC, DEC, TST, EINT, DINT).
//! Numbers are hexadecimal; symbolic operands are shown as their absolute
//! target address.

use std::fmt::Write;

const DOUBLE: [&str; 12] = [
    "mov", "add", "addc", "subc", "sub", "cmp", "dadd", "bit", "bic", "bis", "xor", "and",
];
const SINGLE: [&str; 7] = ["rrc", "swpb", "rra", "sxt", "push", "call", "reti"];
const JUMPS: [&str; 8] = ["jne", "jeq", "jnc", "jc", "jn", "jge", "jl", "jmp"];

fn reg_name(r: u16) -> String {
    match r {
        0 => "pc".into(),
        1 => "sp".into(),
        2 => "sr".into(),
        r => format!("r{r}"),
    }
}

/// Formats a source-style operand; `next` fetches the next extension word
/// and returns (word, its address).
fn src_operand(reg: u16, as_: u16, next: &mut dyn FnMut() -> (u16, u16)) -> String {
    match (as_, reg) {
        (0, 3) => "#0".into(),
        (0, r) => reg_name(r),
        (1, 3) => "#1".into(),
        (1, 2) => format!("&0x{:04x}", next().0),
        (1, 0) => {
            let (x, at) = next();
            format!("0x{:04x}", at.wrapping_add(x))
        }
        (1, r) => format!("{}({})", x_str(next().0), reg_name(r)),
        (2, 2) => "#4".into(),
        (2, 3) => "#2".into(),
        (2, r) => format!("@{}", reg_name(r)),
        (_, 2) => "#8".into(),
        (_, 3) => "#-1".into(),
        (_, 0) => format!("#0x{:04x}", next().0),
        (_, r) => format!("@{}+", reg_name(r)),
    }
}

fn x_str(x: u16) -> String {
    if (x as i16) < 0 {
        format!("-0x{:x}", (x as i16).unsigned_abs())
    } else {
        format!("0x{x:x}")
    }
}

/// Disassembles the instruction at `pc`. `read_word` returns the word at an
/// (even) address. Returns the text and the instruction length in bytes.
pub fn disassemble(pc: u16, read_word: &mut dyn FnMut(u16) -> u16) -> (String, u16) {
    let op = read_word(pc);
    let mut at = pc.wrapping_add(2);
    let mut next = || {
        let a = at;
        at = at.wrapping_add(2);
        (read_word(a), a)
    };
    let b = if op & 0x40 != 0 { ".b" } else { "" };
    let text = match op >> 12 {
        0 => format!(".word 0x{op:04x}"),
        1 => {
            let kind = ((op >> 7) & 0x1F) as usize;
            if kind > 6 {
                format!(".word 0x{op:04x}")
            } else if kind == 6 {
                "reti".into()
            } else {
                let operand = src_operand(op & 0xF, (op >> 4) & 3, &mut next);
                format!("{}{} {}", SINGLE[kind], b, operand)
            }
        }
        2 | 3 => {
            let offset = (((op & 0x3FF) << 6) as i16 >> 5) as u16;
            let target = pc.wrapping_add(2).wrapping_add(offset);
            format!("{} 0x{:04x}", JUMPS[((op >> 10) & 7) as usize], target)
        }
        opc => {
            let sreg = (op >> 8) & 0xF;
            let as_ = (op >> 4) & 3;
            let dreg = op & 0xF;
            let src = src_operand(sreg, as_, &mut next);
            let dst = if op & 0x80 == 0 {
                reg_name(dreg)
            } else {
                let (x, xa) = next();
                match dreg {
                    0 => format!("0x{:04x}", xa.wrapping_add(x)),
                    2 => format!("&0x{x:04x}"),
                    r => format!("{}({})", x_str(x), reg_name(r)),
                }
            };
            let name = DOUBLE[(opc - 4) as usize];
            emulated(op, name, b, &src, &dst).unwrap_or_else(|| {
                let mut s = String::new();
                let _ = write!(s, "{name}{b} {src}, {dst}");
                s
            })
        }
    };
    (text, at.wrapping_sub(pc))
}

/// Emulated mnemonics for a few very common encodings.
fn emulated(op: u16, name: &str, b: &str, src: &str, dst: &str) -> Option<String> {
    Some(match (name, src, dst) {
        ("mov", "#0", "r3") if op == 0x4303 => "nop".into(),
        ("mov", "@sp+", "pc") => "ret".into(),
        ("mov", "@sp+", d) => format!("pop{b} {d}"),
        ("mov", s, "pc") => format!("br {s}"),
        ("mov", "#0", d) => format!("clr{b} {d}"),
        ("add", "#1", d) => format!("inc{b} {d}"),
        ("sub", "#1", d) => format!("dec{b} {d}"),
        ("cmp", "#0", d) => format!("tst{b} {d}"),
        ("bis", "#8", "sr") => "eint".into(),
        ("bic", "#8", "sr") => "dint".into(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dis(words: &[u16]) -> (String, u16) {
        let base = 0x4000u16;
        let w = words.to_vec();
        disassemble(base, &mut |a| w[((a - base) / 2) as usize])
    }

    #[test]
    fn formats() {
        // llvm-mc -triple=msp430 -show-encoding
        assert_eq!(dis(&[0x4035, 0x1234]), ("mov #0x1234, r5".into(), 4)); // mov #4660, r5
        assert_eq!(dis(&[0x55f6, 0x0002]), ("add.b @r5+, 0x2(r6)".into(), 4));
        assert_eq!(dis(&[0x4130]), ("ret".into(), 2));
        assert_eq!(dis(&[0x4303]), ("nop".into(), 2));
        assert_eq!(dis(&[0x12b0, 0x4400]), ("call #0x4400".into(), 4));
        assert_eq!(dis(&[0x3fff]), ("jmp 0x4000".into(), 2));
        assert_eq!(
            dis(&[0x4592, 0xfffe, 0x0200]),
            ("mov -0x2(r5), &0x0200".into(), 6)
        );
        assert_eq!(dis(&[0x0000]), (".word 0x0000".into(), 2));
        assert_eq!(dis(&[0x1300]), ("reti".into(), 2));
    }
}
