//! The board's carry arithmetic in MSP430 assembly, in one place: 32-bit
//! additions, a subtraction's sign and a shift on the carry (`add`/`adc`,
//! `inc`/`adc`, `cmp`/`subc`, `rla`/`rlc` on the value's two halves, two
//! instructions each), a bit shifted in through the carry (`bit`/`rrc`)
//! and a 16-bit rotation.
//!
//! LLVM's MSP430 back end has no add-with-carry for Rust code: it adds
//! the low halves, recovers the carry by a compare and the status
//! register (`cmp`, `mov r2`, `bic`) and adds it to the high half, 8-14
//! bytes more per operation; a shift of a 32-bit value by 15 is seven
//! single-bit shifts, a 16-bit rotation by 5 two shifted copies joined, a
//! bit shifted in at the top a mask or-ed in after the shift. Users:
//! the clock firmware's loop arithmetic and line hash
//! (`examples/clock-firmware/src/app.rs`: -46, -12 and -12 B),
//! [`crate::ns_to_us`] ([`increment`], -8 B) and
//! [`crate::font::scaled_column`] ([`shift_in`], -16 B). Those marked
//! `pure, nomem` LLVM may still merge or drop.
//!
//! Every helper is checked on the target by the bring-up image's
//! self-test (`examples/clock-firmware/src/selftest.rs`, run by `cargo
//! xtask boot-test`). The two that host-built code uses ([`increment`],
//! [`shift_in`]) have a portable body on other targets, which the host
//! tests check; the others exist on the MSP430 only.

#[cfg(target_arch = "msp430")]
use core::arch::asm;

/// `x + 1` modulo 2^32.
#[inline(always)]
pub fn increment(x: u32) -> u32 {
    #[cfg(target_arch = "msp430")]
    {
        let (mut lo, mut hi) = (x as u16, (x >> 16) as u16);
        // SAFETY: register arithmetic only.
        unsafe {
            asm!(
                "inc {lo}",
                "adc {hi}",
                lo = inout(reg) lo,
                hi = inout(reg) hi,
                options(pure, nomem, nostack),
            );
        }
        u32::from(hi) << 16 | u32::from(lo)
    }
    #[cfg(not(target_arch = "msp430"))]
    {
        x.wrapping_add(1)
    }
}

/// `acc` shifted right once with bit 0 of `src` coming in at bit 15:
/// `bit #1` sets the carry to that bit, `rrc` rotates it in.
#[inline(always)]
pub fn shift_in(acc: u16, src: u8) -> u16 {
    #[cfg(target_arch = "msp430")]
    {
        let mut acc = acc;
        // SAFETY: register arithmetic only.
        unsafe {
            asm!(
                "bit #1, {src}",
                "rrc {acc}",
                acc = inout(reg) acc,
                src = in(reg) src,
                options(pure, nomem, nostack),
            );
        }
        acc
    }
    #[cfg(not(target_arch = "msp430"))]
    {
        (acc >> 1) | (u16::from(src & 1) << 15)
    }
}

/// `a + b` modulo 2^32.
#[cfg(target_arch = "msp430")]
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
#[cfg(target_arch = "msp430")]
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
#[cfg(target_arch = "msp430")]
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
#[cfg(target_arch = "msp430")]
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
#[cfg(target_arch = "msp430")]
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

#[cfg(test)]
mod tests {
    use super::{increment, shift_in};

    #[test]
    fn increment_carries_into_the_high_half() {
        assert_eq!(increment(0xFFFF), 0x1_0000);
        assert_eq!(increment(0x1234_5678), 0x1234_5679);
        assert_eq!(increment(u32::MAX), 0);
    }

    #[test]
    fn shift_in_takes_bit_0_only() {
        assert_eq!(shift_in(0x0003, 0xFF), 0x8001);
        assert_eq!(shift_in(0x8000, 0xFE), 0x4000);
        assert_eq!(shift_in(0xFFFF, 0x01), 0xFFFF);
    }
}
