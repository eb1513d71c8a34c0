//! Test image for the `__mspabi_*` helpers, run under `mspdebug sim` by
//! `cargo xtask abi-test`, which computes the expected values on the host.
//!
//! For each operation (see [`OPS`]) it computes 160 cases into
//! `ABI_RESULTS` and calls `abi_checkpoint` (a breakpoint for the host).
//! The operations and their operands come from xtask/src/abi_test/cases.rs,
//! which the host includes too (see there). Finally `abi_preserve_check`
//! calls each helper from assembly with sentinels in R4..R10 and records
//! which registers (or SP) changed, and start-up is checked (.data copied,
//! .bss zeroed) before `abi_done`.
#![no_std]
#![no_main]
#![feature(asm_experimental_arch)]

use proiot3 as _;

// CASES, EDGES, OPS, the operand generator (case_operands) and the
// operations (compute): the same file the host's checker includes.
include!("../../../../xtask/src/abi_test/cases.rs");

#[no_mangle]
static mut ABI_RESULTS: [u64; CASES] = [0; CASES];
#[no_mangle]
static mut ABI_OP: u16 = 0;
/// Register-preservation flags per helper (bit n: R(4+n) changed; 0x80: SP).
#[no_mangle]
static mut ABI_PRESERVE: [u16; 18] = [0; 18];
/// [.data intact (0x600D), .bss zero (0x600D)].
#[no_mangle]
static mut ABI_STARTUP: [u16; 2] = [0; 2];
#[no_mangle]
static mut ABI_DATA: u32 = 0x1234_5678;
#[no_mangle]
static mut ABI_BSS: u32 = 0;

extern "C" {
    fn abi_preserve_check(helper: unsafe extern "C" fn()) -> u16;
    fn __mspabi_mpyi();
    fn __mspabi_mpyl();
    fn __mspabi_mpyll();
    fn __mspabi_divu();
    fn __mspabi_remu();
    fn __mspabi_divi();
    fn __mspabi_remi();
    fn __mspabi_divul();
    fn __mspabi_remul();
    fn __mspabi_divli();
    fn __mspabi_remli();
    fn __mspabi_divull();
    fn __mspabi_remull();
    fn __mspabi_divlli();
    fn __mspabi_remlli();
    fn __mspabi_slll();
    fn __mspabi_srll();
    fn __mspabi_sral();
}

// Calls the helper in R12 with sentinels in R4..R10 (R8..R11 double as the
// first 64-bit operand, R12..R15 as the second: nonzero divisors) and
// returns a bit per register that changed.
core::arch::global_asm!(
    r#"
    .section .text.abi_preserve_check,"ax",@progbits
    .global abi_preserve_check
    .p2align 1
abi_preserve_check:
    push r4
    push r5
    push r6
    push r7
    push r8
    push r9
    push r10
    mov r12, &abi_target
    mov r1, &abi_sp
    mov #0x4444, r4
    mov #0x5555, r5
    mov #0x6666, r6
    mov #0x7777, r7
    mov #0x8888, r8
    mov #0x1999, r9
    mov #0x2aaa, r10
    mov #0x0003, r11
    mov #0x0123, r12
    mov #0x0007, r13
    mov #0x0011, r14
    mov #0x0002, r15
    call &abi_target
    clr r12
    cmp #0x4444, r4
    jeq 1f
    bis #0x01, r12
1:  cmp #0x5555, r5
    jeq 1f
    bis #0x02, r12
1:  cmp #0x6666, r6
    jeq 1f
    bis #0x04, r12
1:  cmp #0x7777, r7
    jeq 1f
    bis #0x08, r12
1:  cmp #0x8888, r8
    jeq 1f
    bis #0x10, r12
1:  cmp #0x1999, r9
    jeq 1f
    bis #0x20, r12
1:  cmp #0x2aaa, r10
    jeq 1f
    bis #0x40, r12
1:  cmp &abi_sp, r1
    jeq 1f
    bis #0x80, r12
1:  pop r10
    pop r9
    pop r8
    pop r7
    pop r6
    pop r5
    pop r4
    ret

    .section .bss.abi_check_vars,"aw",@nobits
    .p2align 1
abi_target: .skip 2
abi_sp: .skip 2
    "#
);

/// Host breakpoint after each operation's results are in `ABI_RESULTS`.
#[no_mangle]
#[inline(never)]
extern "C" fn abi_checkpoint() {
    unsafe { core::arch::asm!("nop") };
}

/// Host breakpoint at the end.
#[no_mangle]
#[inline(never)]
extern "C" fn abi_done() -> ! {
    loop {
        unsafe { core::arch::asm!("nop") };
    }
}

#[msp430_rt::entry]
fn main() -> ! {
    // SAFETY: single-threaded test image, no interrupts enabled.
    unsafe {
        let data = core::ptr::read_volatile(&raw const ABI_DATA);
        let bss = core::ptr::read_volatile(&raw const ABI_BSS);
        ABI_STARTUP = [
            if data == 0x1234_5678 { 0x600D } else { 0xBAD },
            if bss == 0 { 0x600D } else { 0xBAD },
        ];
    }
    for (op, &(_, width)) in OPS.iter().enumerate() {
        let mut state = seed(op);
        for i in 0..CASES {
            let (a, b) = case_operands(width, i, &mut state);
            let r = compute(op, a, b);
            // SAFETY: single-threaded.
            unsafe { core::ptr::write_volatile((&raw mut ABI_RESULTS).cast::<u64>().add(i), r) };
        }
        unsafe { core::ptr::write_volatile(&raw mut ABI_OP, op as u16) };
        abi_checkpoint();
    }
    let helpers: [unsafe extern "C" fn(); 18] = [
        __mspabi_mpyi,
        __mspabi_mpyl,
        __mspabi_mpyll,
        __mspabi_divu,
        __mspabi_remu,
        __mspabi_divi,
        __mspabi_remi,
        __mspabi_divul,
        __mspabi_remul,
        __mspabi_divli,
        __mspabi_remli,
        __mspabi_divull,
        __mspabi_remull,
        __mspabi_divlli,
        __mspabi_remlli,
        __mspabi_slll,
        __mspabi_srll,
        __mspabi_sral,
    ];
    for (i, &h) in helpers.iter().enumerate() {
        // SAFETY: the check routine saves everything it touches.
        let flags = unsafe { abi_preserve_check(h) };
        unsafe { core::ptr::write_volatile((&raw mut ABI_PRESERVE).cast::<u16>().add(i), flags) };
    }
    abi_done()
}

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    abi_done()
}
