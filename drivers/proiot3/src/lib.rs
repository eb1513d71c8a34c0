//! Board support for "proiot3": a TI MSP430F1611 with an ENC28J60 on USART1
//! (SPI master, chip select P5.0), an SSD1306 128x64 OLED on an 8-bit parallel
//! bus (data P2, D/C P3.0, E P3.1), a USART0 console (P3.4 TXD, P3.5 RXD),
//! buttons on P1 and LEDs (see `/work/shared/board-proiot3.md` in the project
//! notes and the README of this crate).
//!
//! What it provides on the MSP430 target:
//! - the start-up code (`Reset`) and the `__mspabi_*` arithmetic helpers that
//!   LLVM calls (no libgcc here), see [`abi`];
//! - clocks ([`clock`]), watchdog ([`watchdog`]), a 32768 Hz monotonic clock
//!   with low-power sleep ([`time`]);
//! - the ENC28J60 SPI bus as an `embedded_hal::spi::SpiDevice` ([`spi`]);
//! - the UART console ([`uart`]; text formatting is the application's,
//!   e.g. `clock_app::text::TextBuf`);
//! - the SSD1306 display ([`display`], font in [`font`]);
//! - buttons, LEDs ([`io`]), an entropy seed ([`entropy`]) and the MAC address
//!   from information memory ([`config`]);
//! - the carry arithmetic in assembly that LLVM does not emit ([`wide`]).
//!
//! The hardware-independent parts ([`font`], [`display`], [`config`],
//! [`wide`]'s portable helpers) also build on the host, where `cargo test`
//! checks them.
#![cfg_attr(not(test), no_std)]
#![cfg_attr(target_arch = "msp430", feature(asm_experimental_arch))]
#![deny(missing_docs)]

pub mod config;
pub mod display;
pub mod font;
pub mod wide;

#[cfg(target_arch = "msp430")]
pub mod abi;
#[cfg(target_arch = "msp430")]
mod board;
#[cfg(target_arch = "msp430")]
pub mod clock;
#[cfg(target_arch = "msp430")]
pub mod entropy;
#[cfg(target_arch = "msp430")]
pub mod io;
#[cfg(target_arch = "msp430")]
mod rt;
#[cfg(target_arch = "msp430")]
pub mod spi;
#[cfg(target_arch = "msp430")]
pub mod time;
#[cfg(target_arch = "msp430")]
pub mod uart;
#[cfg(target_arch = "msp430")]
pub mod watchdog;

/// The whole microseconds a delay of `ns` nanoseconds waits: never less
/// than `ns`, as embedded-hal's `DelayNs` asks (a delay is at least the
/// time given: 1.5 us is 2 us, not 1), for the busy-wait delays of
/// `time::Delay`, which count microseconds: its `delay_ns` and the SPI
/// bus's `Operation::DelayNs` (`spi::Spi`). Rounded down plus one: up to
/// 1 us more than asked (a whole microsecond more for an exact multiple),
/// one division and no remainder (an exact ceiling was 38 B more on the
/// MSP430). The + 1 is [`wide::increment`] (`inc` and `adc` on the
/// halves on the MSP430). Public (hidden) so that the bring-up image's
/// self-test can check it on the target
/// (`examples/clock-firmware/src/selftest.rs`).
#[doc(hidden)]
pub fn ns_to_us(ns: u32) -> u32 {
    wide::increment(ns / 1000)
}

#[cfg(test)]
mod tests {
    use super::ns_to_us;

    #[test]
    fn ns_to_us_is_never_shorter() {
        // Rounded up (not down to 1 us).
        assert_eq!(ns_to_us(1500), 2);
        assert_eq!(ns_to_us(1), 1);
        assert_eq!(ns_to_us(999), 1);
        assert_eq!(ns_to_us(1001), 2);
        // Exact multiples: one microsecond more (never less).
        assert_eq!(ns_to_us(0), 1);
        assert_eq!(ns_to_us(1000), 2);
        // Over 65,535 us (no 16-bit cap).
        assert_eq!(ns_to_us(70_000_001), 70_001);
        assert_eq!(ns_to_us(u32::MAX), 4_294_968);
        // At least the time asked, at most 1 us more, over a spread.
        let mut ns = 7u32;
        for _ in 0..10_000 {
            let us = u64::from(ns_to_us(ns));
            assert!(us * 1000 >= u64::from(ns), "{ns} ns: {us} us");
            assert!(us * 1000 <= u64::from(ns) + 1000, "{ns} ns: {us} us");
            ns = ns.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        }
    }
}

#[cfg(target_arch = "msp430")]
pub use board::Board;
#[cfg(target_arch = "msp430")]
pub use msp430f1611 as pac;
#[cfg(target_arch = "msp430")]
pub use rt::{critical, interrupts_enable, reset};

/// The peripherals the board layer drives, for code that owns the hardware
/// by construction (the board functions run from one main loop). Built from
/// the PAC's per-peripheral `steal()`: zero-sized, no run-time cost (the
/// PAC's `Peripherals::steal()` would also write its "taken" flag on every
/// use).
#[cfg(target_arch = "msp430")]
pub(crate) struct Regs {
    pub special_function: pac::SpecialFunction,
    pub watchdog_timer: pac::WatchdogTimer,
    pub basic_clock: pac::BasicClock,
    pub port_1: pac::Port1,
    pub port_3: pac::Port3,
    pub port_5: pac::Port5,
    pub usart0: pac::Usart0,
    pub usart1: pac::Usart1,
    pub timer_a3: pac::TimerA3,
    pub timer_b7: pac::TimerB7,
}

#[cfg(target_arch = "msp430")]
#[inline(always)]
pub(crate) fn periph() -> Regs {
    // SAFETY: zero-sized handles to fixed addresses; the board layer is
    // single-threaded and interrupt handlers touch only the registers
    // documented in `rt`.
    unsafe {
        Regs {
            special_function: pac::SpecialFunction::steal(),
            watchdog_timer: pac::WatchdogTimer::steal(),
            basic_clock: pac::BasicClock::steal(),
            port_1: pac::Port1::steal(),
            port_3: pac::Port3::steal(),
            port_5: pac::Port5::steal(),
            usart0: pac::Usart0::steal(),
            usart1: pac::Usart1::steal(),
            timer_a3: pac::TimerA3::steal(),
            timer_b7: pac::TimerB7::steal(),
        }
    }
}
