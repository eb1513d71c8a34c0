//! A quick on-target check of the `__mspabi_*` helpers and every carry
//! helper of `proiot3::wide` (the exhaustive test of the former is `cargo
//! xtask abi-test` under a simulator). `black_box` keeps LLVM from
//! folding the operations at compile time, so the helper calls happen.

use core::hint::black_box as bb;

use proiot3::font::scaled_column;
use proiot3::wide;

/// Returns the number of failed checks (0 = all good).
#[inline(never)]
pub fn abi_selftest() -> u16 {
    let mut failures = 0u16;
    let mut check = |ok: bool| {
        if !ok {
            failures += 1;
        }
    };
    check(bb(1234u16).wrapping_mul(bb(56)) == 3_568);
    check(bb(-300i16) / bb(7) == -42 && bb(-300i16) % bb(7) == -6);
    check(bb(60_000u16) / bb(7) == 8_571 && bb(60_000u16) % bb(7) == 3);
    check(bb(123_456_789u32).wrapping_mul(bb(1_000)) == 123_456_789_000u64 as u32);
    check(
        bb(4_000_000_000u32) / bb(65_537) == 61_034 && bb(4_000_000_000u32) % bb(65_537) == 14_742,
    );
    check(bb(-2_000_000_000i32) / bb(3) == -666_666_666 && bb(-2_000_000_000i32) % bb(3) == -2);
    check(bb(0x8000_0001u32) << bb(3u32) == 0x0000_0008 && bb(0x8000_0000u32) >> bb(31u32) == 1);
    check(bb(-256i32) >> bb(4u32) == -16);
    check(
        bb(0xDEAD_BEEFu64).wrapping_mul(bb(1_000_000_007))
            == 0xDEAD_BEEFu64.wrapping_mul(1_000_000_007),
    );
    check(bb(u64::MAX) / bb(1_000_000_007) == u64::MAX / 1_000_000_007);
    check(bb(u64::MAX) % bb(1_000_000_007) == u64::MAX % 1_000_000_007);
    check(
        bb(i64::MIN + 1) / bb(-3) == (i64::MIN + 1) / -3
            && bb(i64::MIN + 1) % bb(-3) == (i64::MIN + 1) % -3,
    );
    // proiot3::wide, every helper (inline assembly on the target only;
    // the host tests check the portable bodies of `increment` and
    // `shift_in`).
    check(
        wide::add16(bb(0x1234_FFFF), bb(2)) == 0x1235_0001 && wide::add16(bb(u32::MAX), bb(1)) == 0,
    );
    check(wide::behind(bb(0xFFFF), bb(0x1_0000)) && wide::behind(bb(0x7FFF_FFFF), bb(0x8000_0000)));
    check(!wide::behind(bb(0x1_0000), bb(0xFFFF)) && !wide::behind(bb(6), bb(6)));
    check(!wide::behind(bb(1), bb(0x8000_0002)) && wide::behind(bb(1), bb(0x8000_0001)));
    check(wide::bits_15_to_30(bb(0xC000_8000)) == 0x8001 && wide::bits_15_to_30(bb(0x7FFF)) == 0);
    let mut x = bb(0x0001_F830u32);
    wide::add_2000(&mut x);
    let mut y = bb(u32::MAX - 999);
    wide::add_2000(&mut y);
    check(x == 0x0002_0000 && y == 1000);
    check(
        wide::rotate_left_5(bb(0x8421)) == 0x8421u16.rotate_left(5)
            && wide::rotate_left_5(bb(0xF001)) == 0xF001u16.rotate_left(5)
            && wide::rotate_left_5(bb(0x07FF)) == 0x07FFu16.rotate_left(5),
    );
    check(
        wide::increment(bb(0xFFFF)) == 0x1_0000
            && wide::increment(bb(0x1234_5678)) == 0x1234_5679
            && wide::increment(bb(u32::MAX)) == 0,
    );
    check(
        wide::shift_in(bb(0x0003), bb(0xFF)) == 0x8001
            && wide::shift_in(bb(0x8000), bb(0xFE)) == 0x4000
            && wide::shift_in(bb(0xFFFF), bb(0x01)) == 0xFFFF,
    );
    // Their callers in proiot3: the display's scaled glyph columns
    // (`shift_in`; the host tests check every byte, scale and page) and
    // ns_to_us (`increment`).
    check(
        scaled_column(bb(0b101), bb(2), bb(0)) == 0b0011_0011
            && scaled_column(bb(0x40), bb(2), bb(1)) == 0b0011_0000
            && scaled_column(bb(0x7F), bb(3), bb(2)) == 0b0001_1111
            && scaled_column(bb(0x5A), bb(1), bb(0)) == 0x5A,
    );
    // 65,535,000 ns is 65,535 us: the low half's inc carries into the high.
    check(
        proiot3::ns_to_us(bb(65_535_000)) == 65_536
            && proiot3::ns_to_us(bb(65_534_999)) == 65_535
            && proiot3::ns_to_us(bb(0)) == 1
            && proiot3::ns_to_us(bb(u32::MAX)) == 4_294_968,
    );
    // proiot3's critical section restores SR as it was on entry (inline
    // assembly): interrupts off inside it, on after it when they were on
    // before (Board::init enabled them), still off when they were off.
    let on_before = gie();
    let off_inside = !proiot3::critical(gie);
    let on_after = gie();
    // SAFETY: masks interrupts for the next check; enabled again below.
    unsafe { core::arch::asm!("dint", "nop") };
    proiot3::critical(|| ());
    let off_after = !gie();
    proiot3::interrupts_enable();
    check(on_before && off_inside && on_after && off_after);
    failures
}

/// Whether interrupts are enabled (SR's GIE bit).
#[inline(never)]
fn gie() -> bool {
    let sr: u16;
    // SAFETY: reads the status register.
    unsafe { core::arch::asm!("mov r2, {0}", out(reg) sr, options(nomem, nostack)) };
    sr & 0x0008 != 0
}
