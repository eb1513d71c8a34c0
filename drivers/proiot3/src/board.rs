//! The whole board, initialised: what an application receives.

use crate::display::Ssd1306;
use crate::io::{ParallelBus, DC, E, LEDS_P3, LEDS_P5};
use crate::spi::{self, Spi, CS};
use crate::uart::{self, Uart};

// Byte registers (msp430f1611.h), all below 0x100.
const ME1: u8 = 0x04;
const ME2: u8 = 0x05;
const P3OUT: u8 = 0x19;
const P3DIR: u8 = 0x1A;
const P3SEL: u8 = 0x1B;
const P1IFG: u8 = 0x23;
const P1IES: u8 = 0x24;
const P1IE: u8 = 0x25;
const P2DIR: u8 = 0x2A;
const P5OUT: u8 = 0x31;
const P5DIR: u8 = 0x32;
const P5SEL: u8 = 0x33;
const U0CTL: u8 = 0x70;
const U0TCTL: u8 = 0x71;
const U0MCTL: u8 = 0x73;
const U0BR0: u8 = 0x74;
const U0BR1: u8 = 0x75;
const U1CTL: u8 = 0x78;
const U1TCTL: u8 = 0x79;
const U1MCTL: u8 = 0x7B;
const U1BR0: u8 = 0x7C;
const U1BR1: u8 = 0x7D;

/// The pins, the console's USART0 and the ENC28J60's USART1 after a PUC,
/// as (register address, value) byte writes in order: the board's only
/// pin and USART set-up ([`Uart::new`] writes its [`CONSOLE`] slice
/// again), with plain writes where they set bits of registers every PUC
/// clears (PxSEL and PxDIR: SLAU049 table 9-1; ME1, ME2: 13.3 and 14.3,
/// reset with PUC; nothing before this sets them) and whole values for
/// the two output registers (PxOUT is not reset): P3OUT 0 (D/C, E and the
/// LEDs low; P3.4/P3.5 are the UART's, selected before TXD becomes an
/// output, so their bits drive nothing) and P5OUT with only the
/// ENC28J60's chip select high, before it becomes an output (the LEDs
/// low; P5.1-P5.3 are the SPI's, selected). SOMI (P5.2) and RXD (P3.5)
/// stay the inputs the PUC leaves them. Each USART as SLAU049 13.2.1 and
/// 14.2.1 ask: configured with SWRST set, enabled in ME1/ME2, then SWRST
/// cleared. One loop over 2-byte entries instead of a 4-6 byte
/// instruction per write (the PAC's).
pub(crate) static SETUP: [[u8; 2]; 24] = TABLE;

/// [`SETUP`]'s entries (a constant, for the checks below).
const TABLE: [[u8; 2]; 24] = [
    // Output levels before directions: P5OUT here, P3OUT as the first of
    // the console's writes (so that `Uart::new`, which writes only those,
    // drives D/C, E and the LEDs low too); the display's data bus (P2) as
    // outputs. D/C, E (P3.0, P3.1) and the P3 LEDs become outputs (low) with the
    // console's P3DIR write, the P5 LEDs with the SPI's P5DIR write, each
    // a single direction write per port: until then they are the inputs
    // they have been since the PUC (the clock calibration and the entropy
    // sampling before this, over 8 ms), for the few microseconds of the
    // writes between. E goes from input to output low once, as it did
    // with an earlier write: no extra edge (its falling edge, if it was
    // floating high, can latch P2 as a command either way: the display's
    // init sequence starts with a guard for that, `display::INIT`). Chip
    // select is high in P5OUT before P5DIR makes it an output: never low.
    [P5OUT, CS],
    [P2DIR, 0xFF],
    // Buttons: falling edges; writing P1IES can set P1IFG bits (SLAU049
    // 9.2.7): flags cleared after.
    [P1IES, 0xFF],
    [P1IFG, 0],
    [P1IE, 0xFF],
    // Console ([`CONSOLE`]): P3 low, P3.4 TXD and P3.5 RXD selected, TXD
    // an output (with D/C, E and the P3 LEDs); 115200 8N1 from SMCLK.
    [P3OUT, 0],
    [P3SEL, uart::PINS],
    [P3DIR, DC | E | LEDS_P3 | uart::TXD],
    [U0CTL, uart::CTL | uart::SWRST],
    [U0TCTL, uart::TCTL],
    [U0BR0, uart::DIVIDER as u8],
    [U0BR1, (uart::DIVIDER >> 8) as u8],
    [U0MCTL, uart::MCTL],
    [ME1, uart::ME1_BITS],
    [U0CTL, uart::CTL],
    // ENC28J60 bus: chip select (high), SIMO and UCLK outputs (with the
    // P5 LEDs), P5.1-P5.3 selected; SPI master, mode 0, SMCLK/2.
    [P5DIR, LEDS_P5 | CS | spi::OUT_PINS],
    [P5SEL, spi::SPI_PINS],
    [U1CTL, spi::CTL | spi::SWRST],
    [U1TCTL, spi::TCTL],
    [U1BR0, spi::BR0],
    [U1BR1, 0],
    [U1MCTL, 0],
    [ME2, spi::ME2_BITS],
    [U1CTL, spi::CTL],
];

/// The console's entries of [`SETUP`]: P3OUT and P3SEL to the write that
/// takes USART0 out of reset.
pub(crate) const CONSOLE: core::ops::Range<usize> = 5..15;
const _: () = {
    let first = TABLE[CONSOLE.start];
    let last = TABLE[CONSOLE.end - 1];
    assert!(first[0] == P3OUT && TABLE[CONSOLE.start + 1][0] == P3SEL);
    assert!(last[0] == U0CTL && last[1] == uart::CTL);
    assert!(TABLE[CONSOLE.end][0] == P5DIR);
};

/// Writes each (address, value) of `list` to its byte register (in line:
/// `Board::init` and the panic path's `Uart::new`).
#[inline(always)]
pub(crate) fn write_registers(list: &[[u8; 2]]) {
    for &[addr, value] in list {
        // SAFETY: the addresses are the byte registers of `SETUP`, set up
        // after a PUC by `Board::init` (the console's again by `Uart::new`).
        unsafe { core::ptr::write_volatile(usize::from(addr) as *mut u8, value) };
    }
}

/// Every device on the board, ready to use.
pub struct Board {
    /// USART0 console.
    pub console: Uart,
    /// The SSD1306 display, initialised and cleared.
    pub display: Ssd1306<ParallelBus>,
    /// The ENC28J60 SPI bus with its chip select.
    pub spi: Spi,
    /// MAC address (information memory or the default).
    pub mac: [u8; 6],
    /// Seed from clock jitter (see [`crate::entropy`]).
    pub seed: u32,
    /// Whether the DCO locked to [`crate::clock::MCLK_HZ`].
    pub clock_locked: bool,
}

impl Board {
    /// Initialises everything (the clocks, the monotonic clock with
    /// interrupts enabled, the entropy seed, then the pins, console and
    /// SPI bus from [`SETUP`], the display, the MAC). Call once, first
    /// thing in `main`.
    pub fn init() -> Board {
        // The pins after the seed (from one table with the USARTs): the
        // calibration's Timer_B capture kept running for the entropy.
        let clock_locked = crate::clock::init_capturing();
        crate::time::start();
        crate::interrupts_enable();
        let seed = crate::entropy::mix(256);
        write_registers(&SETUP);
        let mut display = Ssd1306::new(ParallelBus::new());
        display.init();
        Board {
            console: Uart::configured(),
            display,
            spi: Spi::configured(),
            mac: crate::config::mac_address(),
            seed,
            clock_locked,
        }
    }
}
