//! 32-bit additions, a subtraction's sign and a shift on the MSP430's
//! carry: `add`/`adc`, `cmp`/`subc`, `rla`/`rlc` on the value's two
//! halves, two instructions each; and a 16-bit rotation.
//!
//! LLVM's MSP430 back end has no add-with-carry for Rust code: it adds
//! the low halves, recovers the carry by a compare and the status
//! register (`cmp`, `mov r2`, `bic`) and adds it to the high half, 10-14
//! bytes more per operation; a shift of a 32-bit value by 15 is seven
//! single-bit shifts, a 16-bit rotation by 5 two shifted copies joined.
//! The loop's clock arithmetic and the display's line hash
//! ([`crate::app`]) use these instead (-46, -12 and -12 B). Those marked
//! `pure, nomem` LLVM may still merge or drop. Checked on the target by
//! the bring-up image's self-test (`crate::selftest`).

use core::arch::asm;

/// `a + b` modulo 2^32.
#[inline(always)]
pub fn add16(a: u32, b: u16) -> u32 {
    let (mut lo, mut hi) = (a as u16, (a >> 16) as u16);
    // SAFETY: register arithmetic only.
    unsafe {
        asm!(
            "add {b}, {lo}",
            "adc {hi}",
            lo = inout(reg) lo,
            hi = inout(reg) hi,
            b = in(reg) b,
            options(pure, nomem, nostack),
        );
    }
    u32::from(hi) << 16 | u32::from(lo)
}

/// Whether `a - b` modulo 2^32 has its sign bit set (`a` is behind `b`
/// by their wrapping difference).
#[inline(always)]
pub fn behind(a: u32, b: u32) -> bool {
    let hi: u16;
    // SAFETY: register arithmetic only.
    unsafe {
        asm!(
            "cmp {bl}, {lo}",
            "subc {bh}, {hi}",
            lo = in(reg) a as u16,
            hi = inout(reg) (a >> 16) as u16 => hi,
            bl = in(reg) b as u16,
            bh = in(reg) (b >> 16) as u16,
            options(pure, nomem, nostack),
        );
    }
    (hi as i16) < 0
}

/// Bits 15..=30 of `a` (`(a >> 15) as u16`): the pair shifted left once,
/// its high half.
#[inline(always)]
pub fn bits_15_to_30(a: u32) -> u16 {
    let hi: u16;
    // SAFETY: register arithmetic only.
    unsafe {
        asm!(
            "rla {lo}",
            "rlc {hi}",
            lo = inout(reg) a as u16 => _,
            hi = inout(reg) (a >> 16) as u16 => hi,
            options(pure, nomem, nostack),
        );
    }
    hi
}

/// `*x += 2000` modulo 2^32, in memory.
#[inline(always)]
pub fn add_2000(x: &mut u32) {
    // SAFETY: the two words of `*x`, which the reference lends.
    unsafe {
        asm!(
            "add #2000, 0({p})",
            "adc 2({p})",
            p = in(reg) x as *mut u32,
            options(nostack),
        );
    }
}

/// `x.rotate_left(5)` as a byte swap (a rotation by 8) and three
/// single-bit rotations right (`bit #1` puts bit 0 in the carry, `rrc`
/// shifts it in at the top): 14 bytes; LLVM shifts the halves 5 and 11
/// places and joins them (22 bytes).
#[inline(always)]
pub fn rotate_left_5(x: u16) -> u16 {
    let mut x = x;
    // SAFETY: register arithmetic only.
    unsafe {
        asm!(
            "swpb {x}",
            "bit #1, {x}",
            "rrc {x}",
            "bit #1, {x}",
            "rrc {x}",
            "bit #1, {x}",
            "rrc {x}",
            x = inout(reg) x,
            options(pure, nomem, nostack),
        );
    }
    x
}
