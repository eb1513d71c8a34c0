//! proiot3 display-clock firmware.
//!
//! `main` brings the board up ([`proiot3::Board::init`]), builds the
//! application ([`app::start`]) and hands the board to [`app::run`], the
//! network clock (`app.rs`).
#![no_std]
#![no_main]
#![cfg_attr(feature = "selftest", feature(asm_experimental_arch))]

mod app;
#[cfg(feature = "selftest")]
mod selftest;

#[msp430_rt::entry]
fn main() -> ! {
    let board = proiot3::Board::init();
    // The application first, from this shallow frame (its construction's
    // temporaries are not on top of the loop's frame); the bring-up image
    // has no network clock.
    #[cfg(not(feature = "selftest"))]
    app::start(&board);
    app::run(board)
}

/// Panics print a marker on the console and reset the board: a clock should
/// come back by itself. No `core::fmt` (the message is not printed). The
/// release profile's `panic = "immediate-abort"` traps instead of calling
/// this (the illegal instruction or the watchdog resets the board).
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    let mut console = proiot3::uart::Uart::new();
    console.write(b"\r\n!panic, resetting\r\n");
    console.flush();
    proiot3::reset()
}
