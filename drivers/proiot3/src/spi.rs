//! The ENC28J60 bus: USART1 as SPI master (P5.1 SIMO, P5.2 SOMI, P5.3 UCLK),
//! mode 0, SMCLK/2 (the USART's fastest SPI clock, about 1.97 MHz), chip
//! select on P5.0 (active low, a plain output: the MSPSim proiot3 model reads
//! the pin as OUT | ~DIR, so it must be an output).

use core::convert::Infallible;
use embedded_hal::spi::{ErrorType, Operation, SpiDevice};

use crate::periph;

// Bits (msp430f1611.h).
const CHAR: u8 = 0x10;
const SYNC: u8 = 0x04;
const MM: u8 = 0x02;
pub(crate) const SWRST: u8 = 0x01;
const CKPH: u8 = 0x80; // USART CKPH=1, CKPL=0 is SPI mode 0
const SSEL_SMCLK: u8 = 0x30;
const STC: u8 = 0x02; // 3-pin mode
const USPIE1: u8 = 0x10;
const URXIFG1: u8 = 0x10;
pub(crate) const CS: u8 = 0x01; // P5.0
const P5OUT: u16 = 0x0031;
pub(crate) const SPI_PINS: u8 = 0x0E; // P5.1-P5.3
/// P5.1 SIMO and P5.3 UCLK: outputs (P5.2 SOMI stays an input).
pub(crate) const OUT_PINS: u8 = 0x0A;
/// U1CTL without SWRST: 8-bit SPI master.
pub(crate) const CTL: u8 = CHAR | SYNC | MM;
/// U1TCTL: mode 0, SMCLK, 3-pin.
pub(crate) const TCTL: u8 = CKPH | SSEL_SMCLK | STC;
/// U1BR0: SMCLK/2 (U1BR1 0).
pub(crate) const BR0: u8 = 2;
/// ME2's SPI enable of USART1.
pub(crate) const ME2_BITS: u8 = USPIE1;

/// USART1 SPI master with the ENC28J60's chip select; implements
/// [`SpiDevice`] (CS is low for exactly one transaction). A clone is the
/// same configured bus (no state of its own): a driver retried after a
/// failed start takes a clone of [`crate::Board`]'s rather than
/// configuring the USART again.
#[derive(Clone)]
pub struct Spi {
    _private: (),
}

impl Spi {
    /// The bus, USART1 and its pins set up already (by `Board::init`'s
    /// register table, its only set-up).
    pub(crate) fn configured() -> Self {
        Spi { _private: () }
    }

    #[inline(always)]
    fn select(&mut self, on: bool) {
        let port = periph().port_5;
        if on {
            // `bic.b #CS` (the constant generator's 1: 4 B); LLVM clears
            // the bit with `and.b #~CS` (6 B).
            // SAFETY: clears P5OUT.0, the ENC28J60's chip select, which
            // only this bus drives (msp430f1611.h: P5OUT 0x0031).
            unsafe {
                core::arch::asm!("bic.b #{cs}, &{p5out}", cs = const CS, p5out = const P5OUT, options(nostack));
            }
        } else {
            port.out().modify(|r, w| unsafe { w.bits(r.bits() | CS) });
        }
    }

    /// Sends `out` and returns the byte clocked in at the same time.
    #[inline(always)]
    fn exchange(&mut self, out: u8) -> u8 {
        let p = periph();
        p.usart1.txbuf().write(|w| unsafe { w.bits(out) });
        while p.special_function.ifg2().read().bits() & URXIFG1 == 0 {}
        p.usart1.rxbuf().read().bits()
    }

    /// Clocks in `buf.len()` bytes sending zeros: the tight loop for ENC28J60
    /// buffer reads (no chip-select change).
    pub fn read_raw(&mut self, buf: &mut [u8]) {
        for b in buf.iter_mut() {
            *b = self.exchange(0);
        }
    }

    /// Sends `buf`, discarding what comes back (no chip-select change).
    pub fn write_raw(&mut self, buf: &[u8]) {
        for &b in buf {
            self.exchange(b);
        }
    }
}

impl ErrorType for Spi {
    type Error = Infallible;
}

impl SpiDevice for Spi {
    fn transaction(&mut self, operations: &mut [Operation<'_, u8>]) -> Result<(), Infallible> {
        // A stale received byte would satisfy the first wait early.
        let _ = periph().usart1.rxbuf().read().bits();
        self.select(true);
        // Walked by pattern, not by index: no multiply by the element size.
        let mut rest = operations;
        while let [op, tail @ ..] = rest {
            rest = tail;
            match op {
                Operation::Read(buf) => self.read_raw(buf),
                Operation::Write(buf) => self.write_raw(buf),
                Operation::Transfer(read, write) => {
                    let n = read.len().max(write.len());
                    for i in 0..n {
                        let b = self.exchange(write.get(i).copied().unwrap_or(0));
                        if let Some(slot) = read.get_mut(i) {
                            *slot = b;
                        }
                    }
                }
                Operation::TransferInPlace(buf) => {
                    for b in buf.iter_mut() {
                        *b = self.exchange(*b);
                    }
                }
                // At least `ns` (rounded up to whole microseconds, no cap).
                Operation::DelayNs(ns) => {
                    embedded_hal::delay::DelayNs::delay_ns(&mut crate::time::Delay, *ns)
                }
            }
        }
        // Each exchange waited for its received byte, so the shift register
        // is idle: deselect at once.
        self.select(false);
        Ok(())
    }
}
