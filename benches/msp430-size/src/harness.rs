//! What both probes share: the state in statics, as the firmware holds it,
//! and inputs that the optimiser cannot see through.

use core::hint::black_box;
use core::ptr::addr_of_mut;
use microip6::iface::{Config, Interface};
use microip6::wire::MacAddress;

/// The firmware's one frame buffer (the ENC28J60 driver reads into it).
static mut FRAME: [u8; 600] = [0; 600];
/// The interface state, in RAM for the whole program (`.bss`: all zero
/// until `configure`, which builds it in place).
static mut IFACE: Interface = Interface::UNCONFIGURED;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// Initialises the statics and hands them out (called once from `probe`).
pub fn state() -> (&'static mut Interface, &'static mut [u8; 600]) {
    let mut config = Config::new(MacAddress(black_box([2, 0, 0, 0, 0, 0x42])));
    config.seed = black_box(0x1234_5678);
    config.optimistic_dad = black_box(false);
    // SAFETY: single-threaded probe; `state` runs once, before any other use.
    unsafe {
        let iface = &mut *addr_of_mut!(IFACE);
        iface.configure(config);
        (iface, &mut *addr_of_mut!(FRAME))
    }
}

/// The millisecond clock (a timer interrupt count on the board).
pub fn now_ms() -> u32 {
    black_box(0)
}

/// A received frame's length, if the driver has one.
pub fn rx_len() -> Option<usize> {
    black_box(None)
}

/// The driver's transmit.
pub fn tx(frame: &[u8]) {
    black_box(frame);
}
