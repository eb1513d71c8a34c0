//! Start-up code, the interrupt handlers the board layer owns, and interrupt
//! masking.
//!
//! `Reset` replaces msp430-rt's prebuilt start-up object (its
//! R_MSP430_SYM_DIFF relocations are rejected by lld): defining the symbol
//! here keeps that archive member out of the link, while msp430-rt's
//! `link.x`, `#[entry]` and vector table keep working. The loops compare
//! against the absolute symbols `_ebss`/`_edata`, which `link.x` aligns to 2,
//! so they clear/copy whole words. `PreInit` is not called.
//!
//! Handlers (names from the PAC's vector table):
//! - `TIMERA1`: Timer_A overflow counts [`OVERFLOWS`](crate::time) (every
//!   2 s on ACLK); a CCR1 match disarms CCR1 (one-shot alarm for
//!   [`crate::time::sleep_ticks`]). Both leave low-power mode.
//! - `PORT1`: records P1 interrupt flags (button presses) and leaves
//!   low-power mode.

core::arch::global_asm!(
    r#"
    .section .Reset,"ax",@progbits
    .global Reset
    .type Reset,@function
    .p2align 1
Reset:
    mov #0x5a80, &0x0120        ; WDTCTL = WDTPW | WDTHOLD
    mov #_stack_start, r1
    mov #_sbss, r12
1:  cmp #_ebss, r12
    jhs 2f
    clr 0(r12)
    incd r12
    jmp 1b
2:  mov #_sdata, r12
    mov #_sidata, r13
3:  cmp #_edata, r12
    jhs 4f
    mov @r13+, r14
    mov r14, 0(r12)
    incd r12
    jmp 3b
4:  br #main                   ; `main` never returns: no return address
    .size Reset, . - Reset

    ; memcpy/memmove/memset (and memcmp below) as byte loops: a few dozen
    ; bytes instead of compiler_builtins' word-wise versions (about 700
    ; bytes); copies here
    ; are short or rare (a frame, the application's one-time set-up).
    ; MSP430 EABI: arguments in r12, r13, r14; r12 returned; r11-r15 free.
    ; One section: memmove's forward case jumps into memcpy (jhs reaches
    ; only +-1 KB).
    .section .text.proiot3_mem,"ax",@progbits
    .global memcpy
    .type memcpy,@function
    .p2align 1
memcpy:
    mov r12, r15
1:  tst r14
    jz 2f
    mov.b @r13+, r11
    mov.b r11, 0(r15)
    inc r15
    dec r14
    jmp 1b
2:  ret
    .size memcpy, . - memcpy

    .global memmove
    .type memmove,@function
    .p2align 1
memmove:
    cmp r12, r13                ; src - dst: src >= dst copies forward
    jhs memcpy
    mov r12, r15                ; backward from the end
    add r14, r15
    add r14, r13
1:  tst r14
    jz 2f
    dec r15
    dec r13
    mov.b @r13, 0(r15)
    dec r14
    jmp 1b
2:  ret
    .size memmove, . - memmove

    .global memset
    .type memset,@function
    .p2align 1
memset:
    mov r12, r15
1:  tst r14
    jz 2f
    mov.b r13, 0(r15)
    inc r15
    dec r14
    jmp 1b
2:  ret
    .size memset, . - memset

    ; memcmp as a byte loop too (compiler_builtins' is 32 bytes behind a
    ; 6-byte wrapper): the difference of the first unequal bytes (as
    ; unsigned chars), or 0.
    .section .text.memcmp,"ax",@progbits
    .global memcmp
    .type memcmp,@function
    .p2align 1
memcmp:
1:  tst r14
    jz 2f
    dec r14
    mov.b @r12+, r15
    mov.b @r13+, r11
    sub r11, r15
    jz 1b
    mov r15, r12
    ret
2:  clr r12
    ret
    .size memcmp, . - memcmp

    .section .text.TIMERA1,"ax",@progbits
    .global TIMERA1
    .type TIMERA1,@function
    .p2align 1
TIMERA1:
    ; TAIV (0x012e, reading clears the flag it reports) added to the PC:
    ; its even values 0-10 pick a jump below (SLAU049 11.2.6, Timer_A's
    ; TAIV handler; msp430f1611.h TAIV_*: 0 none, 2 CCR1, 4 CCR2, 10
    ; TAIFG, 6 and 8 reserved; no register needed, 4 B less than compares).
    add &0x012e, r0
    jmp 2f                      ; 0: nothing pending
    jmp 1f                      ; 2: TACCR1 CCIFG
    jmp 2f                      ; 4: TACCR2 CCIFG (not enabled)
    jmp 2f                      ; 6: reserved
    jmp 2f                      ; 8: reserved
    inc &PROIOT3_TA_OVERFLOWS   ; 10: TAIFG (overflow)
    adc &PROIOT3_TA_OVERFLOWS+2
    jmp 2f
1:  bic #0x0010, &0x0164        ; TACCTL1.CCIE = 0: alarm fired
2:  bic #0x00f0, 0(r1)          ; clear CPUOFF/OSCOFF/SCG0/SCG1 in the saved SR
    reti
    .size TIMERA1, . - TIMERA1

    .section .text.PORT1,"ax",@progbits
    .global PORT1
    .type PORT1,@function
    .p2align 1
PORT1:
    push r15
    mov.b &0x0023, r15          ; P1IFG
    bic.b r15, &0x0023
    bis.b r15, &PROIOT3_BUTTON_EVENTS
    bic #0x00f0, 2(r1)
    pop r15
    reti
    .size PORT1, . - PORT1
    "#
);

/// Overflow count of Timer_A (high bits of the 32768 Hz tick count); written
/// by the `TIMERA1` handler.
#[no_mangle]
pub(crate) static mut PROIOT3_TA_OVERFLOWS: u32 = 0;

/// P1 interrupt flags collected by the `PORT1` handler since the last
/// [`crate::io::take_button_events`].
#[no_mangle]
pub(crate) static mut PROIOT3_BUTTON_EVENTS: u8 = 0;

/// Runs `f` with interrupts disabled, restoring the previous GIE state.
#[inline(always)]
pub fn critical<R>(f: impl FnOnce() -> R) -> R {
    let sr: u16;
    // SAFETY: reads SR and clears GIE; `nop` covers the one-instruction
    // latency of `dint`.
    unsafe { core::arch::asm!("mov r2, {0}", "dint", "nop", out(reg) sr) };
    let r = f();
    // SAFETY: SR as it was on entry: GIE set again only if it was set
    // (the `nop`s around it as around `eint`); the other bits are the
    // running CPU's (no low-power bits), which nothing changes while
    // interrupts are off, and the flags, which the assembly clobbers.
    // One move instead of a test of the saved GIE bit and an `eint`.
    unsafe { core::arch::asm!("nop", "mov {0}, r2", "nop", in(reg) sr) };
    r
}

/// Enables interrupts (GIE).
#[inline(always)]
pub fn interrupts_enable() {
    // SAFETY: the board's handlers are installed by the vector table.
    unsafe { core::arch::asm!("nop", "eint", "nop") };
}

/// Resets the MCU now (a watchdog write with a wrong password causes a PUC).
pub fn reset() -> ! {
    // SAFETY: a deliberate key violation: the documented way to force a reset.
    unsafe { core::ptr::write_volatile(0x0120 as *mut u16, 0) };
    loop {
        core::hint::spin_loop();
    }
}

/// `abort`, which LLVM calls for a trap on the MSP430 (no trap
/// instruction): what every panic becomes under `panic = "immediate-abort"`.
/// A clock should come back by itself, so it resets the MCU.
#[no_mangle]
pub extern "C" fn abort() -> ! {
    reset()
}
