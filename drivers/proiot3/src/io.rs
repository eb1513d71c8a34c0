//! Pins: the SSD1306 parallel bus, the buttons on P1 and the LEDs.
//!
//! Assumptions the board notes leave open, kept in one place: buttons pull
//! their pin low when pressed (external pull-ups), LEDs light when their pin
//! is high.

use crate::display::DisplayBus;
use crate::periph;
use crate::rt::PROIOT3_BUTTON_EVENTS;

/// D/C on P3.0: 0 command, 1 data.
pub(crate) const DC: u8 = 0x01;
/// E (strobe) on P3.1: the display latches P2 on its rising edge.
pub(crate) const E: u8 = 0x02;
/// P2OUT and P3OUT addresses (msp430f1611.h), for the bus's assembly.
const P2OUT: u16 = 0x0029;
const P3OUT: u16 = 0x0019;
/// LEDs on port 3: P3.2, P3.3, P3.6, P3.7.
pub const LEDS_P3: u8 = 0xCC;
/// LEDs on port 5: P5.4-P5.7.
pub const LEDS_P5: u8 = 0xF0;

/// Buttons held down now (bit n = P1.n).
pub fn buttons() -> u8 {
    !periph().port_1.in_().read().bits()
}

/// Buttons pressed (falling edges) since the last call, bit n = P1.n.
pub fn take_button_events() -> u8 {
    // Read, then clear exactly the bits read with one `bic.b`: the PORT1
    // handler sets bits with one `bis.b`, so a press recorded in between
    // stays for the next call. No interrupt masking needed.
    // SAFETY: a byte read of the handler's flags.
    let events = unsafe { core::ptr::read_volatile(&raw const PROIOT3_BUTTON_EVENTS) };
    // SAFETY: one instruction clearing the bits just read.
    unsafe {
        core::arch::asm!(
            "bic.b {events}, &{flags}",
            events = in(reg) events,
            flags = sym PROIOT3_BUTTON_EVENTS,
            options(nostack),
        );
    }
    events
}

/// Sets the port-3 LEDs in `mask` (subset of [`LEDS_P3`]) on or off.
pub fn set_leds(mask: u8, on: bool) {
    let out = periph().port_3;
    let mask = mask & LEDS_P3;
    out.out().modify(|r, w| unsafe {
        w.bits(if on {
            r.bits() | mask
        } else {
            r.bits() & !mask
        })
    });
}

/// Toggles the port-3 LEDs in `mask`.
pub fn toggle_leds(mask: u8) {
    let out = periph().port_3;
    out.out()
        .modify(|r, w| unsafe { w.bits(r.bits() ^ (mask & LEDS_P3)) });
}

/// The SSD1306 8-bit parallel bus: byte on P2OUT, D/C on P3.0, E on P3.1.
pub struct ParallelBus {
    _private: (),
}

impl ParallelBus {
    /// The bus; its pins are set up by [`crate::Board::init`].
    pub fn new() -> Self {
        ParallelBus { _private: () }
    }
}

// The bus's writers in assembly: a command byte (D/C on P3.0 cleared,
// the byte on P2OUT, a pulse on E, P3.1) and `n` data bytes (D/C set, the
// byte on P2OUT once, then `n` pulses on E), a command being one pulse of
// the same loop. The SSD1306 in 6800 mode takes a write at each falling
// edge of E (its datasheet, table 8-2; the board notes, MSPSim's model,
// latch at the rising edge): D/C and the byte are in place before E
// rises and stay over the whole pulse, so each pulse is one write of
// that byte. E is high 4 cycles (1.0 us at 3.93 MHz, 0.5 us with XT2 at
// 8 MHz, against a 60 ns minimum), a byte takes 11 cycles (2.8 us,
// 1.4 us, against its 300 ns cycle time). Assembly because LLVM clears a
// port bit with `and.b #~mask` (6 bytes) where `bic.b #mask` takes the
// constant generator (4 bytes), and one loop for both: 38 bytes instead
// of 58 for the byte writers and the fill loop over them; the redraw's
// columns and the start-up clear go several times faster. MSP430 EABI:
// the arguments in r12 (and r13), nothing else touched but the flags
// (msp430f1611.h: P2OUT 0x0029, P3OUT 0x0019).
core::arch::global_asm!(
    r#"
    .section .text.proiot3_display_bus,"ax",@progbits
    .global proiot3_display_command
    .type proiot3_display_command,@function
    .global proiot3_display_fill
    .type proiot3_display_fill,@function
    .p2align 1
proiot3_display_command:        ; r12: the byte
    bic.b #{dc}, &{p3out}
    mov.b r12, &{p2out}
    mov #1, r12                 ; one pulse
    jmp 1f
proiot3_display_fill:           ; r12: the count, r13: the byte
    tst r12
    jz 2f
    bis.b #{dc}, &{p3out}
    mov.b r13, &{p2out}
1:  bis.b #{e}, &{p3out}
    bic.b #{e}, &{p3out}
    dec r12
    jnz 1b
2:  ret
    .size proiot3_display_command, . - proiot3_display_command
    .size proiot3_display_fill, . - proiot3_display_fill
"#,
    p2out = const P2OUT,
    p3out = const P3OUT,
    dc = const DC,
    e = const E,
);

extern "C" {
    fn proiot3_display_command(byte: u8);
    fn proiot3_display_fill(n: u16, byte: u8);
}

impl Default for ParallelBus {
    fn default() -> Self {
        Self::new()
    }
}

/// Calls of the assembly writers above (out of line: called from many
/// places).
impl DisplayBus for ParallelBus {
    #[inline(always)]
    fn command(&mut self, byte: u8) {
        // SAFETY: writes P2OUT and the D/C and E bits of P3OUT, which only
        // the display bus uses.
        unsafe { proiot3_display_command(byte) }
    }

    #[inline(always)]
    fn data(&mut self, byte: u8) {
        self.data_repeat(1, byte);
    }

    #[inline(always)]
    fn data_repeat(&mut self, n: u16, byte: u8) {
        // SAFETY: as `command`.
        unsafe { proiot3_display_fill(n, byte) }
    }
}
