//! The console: USART0 as UART, 115200 8N1 from SMCLK, P3.4 TXD, P3.5 RXD.
//! Polled, no buffers: callers format into a byte buffer and [`Uart::write`] it.

use crate::clock::SMCLK_HZ;
use crate::periph;

/// Console bit rate.
pub const BAUD: u32 = 115_200;

const CHAR: u8 = 0x10;
pub(crate) const SWRST: u8 = 0x01;
const SSEL_SMCLK: u8 = 0x30;
const UTXE0: u8 = 0x80;
const URXE0: u8 = 0x40;
const UTXIFG0: u8 = 0x80;
const URXIFG0: u8 = 0x40;
/// P3.4 TXD and P3.5 RXD.
pub(crate) const PINS: u8 = 0x30;
/// P3.4, TXD: an output.
pub(crate) const TXD: u8 = 0x10;
/// U0CTL without SWRST: 8 data bits, UART mode.
pub(crate) const CTL: u8 = CHAR;
/// U0TCTL: clocked from SMCLK.
pub(crate) const TCTL: u8 = SSEL_SMCLK;
/// ME1's transmit and receive enables of USART0.
pub(crate) const ME1_BITS: u8 = UTXE0 | URXE0;

pub(crate) const DIVIDER: u32 = SMCLK_HZ / BAUD;
/// Eighths of a bit left over by the integer divider, spread by UMCTL.
const EIGHTHS: u32 = (SMCLK_HZ * 8 / BAUD) - DIVIDER * 8;
/// Modulation patterns with 0..7 bits set, spread over the byte.
const MODULATION: [u8; 8] = [0x00, 0x08, 0x88, 0x92, 0xAA, 0xD6, 0xEE, 0xFE];
/// U0MCTL: [`EIGHTHS`]' pattern.
pub(crate) const MCTL: u8 = MODULATION[EIGHTHS as usize];

/// The USART0 console.
pub struct Uart {
    _private: (),
}

impl Uart {
    /// Configures USART0 as a UART at [`BAUD`] and selects its pins: the
    /// console's writes of [`crate::Board::init`]'s register table again
    /// (its `CONSOLE` slice, one source for both), for a panic handler
    /// that cannot rely on the board being set up. Those writes set the
    /// whole of P3OUT, P3SEL and P3DIR as the table leaves them (the
    /// display's D/C and E and the LEDs outputs, low): called after
    /// `Board::init`, they change no pin; before it, those pins go low.
    pub fn new() -> Self {
        crate::board::write_registers(&crate::board::SETUP[crate::board::CONSOLE]);
        Uart::configured()
    }

    /// The console, USART0 set up already (by `Board::init`'s register
    /// table).
    pub(crate) fn configured() -> Self {
        Uart { _private: () }
    }

    /// Sends one byte, waiting for room in the transmit buffer.
    pub fn write_byte(&mut self, b: u8) {
        let p = periph();
        while p.special_function.ifg1().read().bits() & UTXIFG0 == 0 {}
        p.usart0.txbuf().write(|w| unsafe { w.bits(b) });
    }

    /// Sends `bytes` (waiting for room before each).
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_byte(b);
        }
    }

    /// A received byte, if one is waiting.
    pub fn read_byte(&mut self) -> Option<u8> {
        let p = periph();
        if p.special_function.ifg1().read().bits() & URXIFG0 != 0 {
            Some(p.usart0.rxbuf().read().bits())
        } else {
            None
        }
    }

    /// Waits until the last byte has left the shift register.
    pub fn flush(&mut self) {
        while periph().usart0.tctl().read().txept().bit_is_clear() {}
    }
}

impl Default for Uart {
    fn default() -> Self {
        Self::new()
    }
}
