//! The MSP430 EABI run-time helpers (`__mspabi_*`, SLAA534 section 6.3) that
//! LLVM calls for multiplication, division, remainder and variable 32-bit
//! shifts; without msp430-elf-gcc there is no libgcc to provide them. They
//! are all assembly: compact, and none can end up calling itself the way a
//! Rust `a * b` inside `__mspabi_mpyl` would.
//!
//! - 16- and 32-bit multiplication use the F1611 hardware multiplier with
//!   interrupts disabled for the few cycles it is in use (the multiplier
//!   holds state between the operand writes and the result read), so
//!   interrupt handlers may multiply too.
//! - Division and remainder are restoring shift-and-subtract loops (one
//!   quotient bit per round), one per width shared by the signed and unsigned
//!   entry points. A zero divisor gives an all-ones quotient and the dividend
//!   as remainder (Rust checks for zero before it divides). `MIN / -1` wraps.
//! - The 64-bit multiply, divide and remainder helpers use LLVM's
//!   `MSP430_BUILTIN` convention (MSP430ISelLowering.cpp, `AnalyzeArguments`;
//!   SLAA534 6.3): first operand in R8..R11 (low word first), second in
//!   R12..R15, result in R12..R15. LLVM's `CALL` clobbers only R11..R15, so
//!   they restore R4..R10 even though R8..R10 carried an operand.
//! - The C-convention helpers take arguments in R12.. and return in R12/R13.
//!   64-bit shifts are compiler_builtins' `__ashldi3` & co., not ours.
//!
//! Every helper is exercised on a simulated CPU by `cargo xtask abi-test`.

// MPY = 0x0130, MAC = 0x0134, OP2 = 0x0138, RESLO = 0x013A, RESHI = 0x013C
// (msp430f1611.h).
core::arch::global_asm!(
    r#"
    .macro helper name
    .section .text.\name,"ax",@progbits
    .global \name
    .type \name,@function
    .p2align 1
\name:
    .endm
    .macro endhelper name
    .size \name, . - \name
    .endm

    .macro neg16 a
    inv \a
    inc \a
    .endm
    .macro neg32 a, b
    inv \a
    inv \b
    inc \a
    adc \b
    .endm
    .macro neg64 a, b, c, d
    inv \a
    inv \b
    inv \c
    inv \d
    inc \a
    adc \b
    adc \c
    adc \d
    .endm
    .macro push_r4_r10
    push r4
    push r5
    push r6
    push r7
    push r8
    push r9
    push r10
    .endm
    .macro pop_r10_r4
    pop r10
    pop r9
    pop r8
    pop r7
    pop r6
    pop r5
    pop r4
    .endm

    ; ---------------- multiplication ----------------
    helper __mspabi_mpyi
    push r2
    dint
    nop
    mov r12, &0x0130
    mov r13, &0x0138
    mov &0x013A, r12
    pop r2
    ret
    endhelper __mspabi_mpyi

    ; (r13:r12) * (r15:r14) mod 2^32 = alo*blo + ((alo*bhi + ahi*blo) << 16)
    ; The cross products summed by the multiplier itself: MAC (0x0134)
    ; adds its product to RESHI:RESLO (SLAU049 7.2.1).
    helper __mspabi_mpyl
    push r2
    dint
    nop
    mov r12, &0x0130
    mov r15, &0x0138
    mov r13, &0x0134
    mov r14, &0x0138
    mov &0x013A, r11
    mov r12, &0x0130
    mov r14, &0x0138
    mov &0x013A, r12
    mov &0x013C, r13
    add r11, r13
    pop r2
    ret
    endhelper __mspabi_mpyl

    ; MSP430_BUILTIN: x = r11:r8, y = r15:r12. Shift-and-add over y's bits,
    ; stopping when none are left (x * 1000 takes ten rounds).
    helper __mspabi_mpyll
    push_r4_r10
    clr r4
    clr r5
    clr r6
    clr r7
1:  tst r12
    jnz 2f
    tst r13
    jnz 2f
    tst r14
    jnz 2f
    tst r15
    jz 4f
2:  clrc
    rrc r15
    rrc r14
    rrc r13
    rrc r12
    jnc 3f
    add r8, r4
    addc r9, r5
    addc r10, r6
    addc r11, r7
3:  rla r8
    rlc r9
    rlc r10
    rlc r11
    jmp 1b
4:  mov r4, r12
    mov r5, r13
    mov r6, r14
    mov r7, r15
    pop_r10_r4
    ret
    endhelper __mspabi_mpyll

    ; ---------------- 16-bit division ----------------
    ; n r12 -> quotient r12, d r13, remainder -> r14; clobbers r15.
    helper proiot3_udivmod16
    clr r14
    mov #16, r15
1:  rla r12
    rlc r14
    jc 2f
    cmp r13, r14
    jlo 3f
2:  sub r13, r14
    bis #1, r12
3:  dec r15
    jnz 1b
    ret
    endhelper proiot3_udivmod16

    helper __mspabi_divu
    br #proiot3_udivmod16
    endhelper __mspabi_divu

    helper __mspabi_remu
    call #proiot3_udivmod16
    mov r14, r12
    ret
    endhelper __mspabi_remu

    ; r11 bit 15 = sign of the result; operands made non-negative.
    helper proiot3_sdivmod16
    tst r12
    jge 1f
    neg16 r12
1:  tst r13
    jge 2f
    neg16 r13
2:  br #proiot3_udivmod16
    endhelper proiot3_sdivmod16

    helper __mspabi_divi
    mov r12, r11
    xor r13, r11
    call #proiot3_sdivmod16
    tst r11
    jge 1f
    neg16 r12
1:  ret
    endhelper __mspabi_divi

    helper __mspabi_remi
    mov r12, r11
    call #proiot3_sdivmod16
    mov r14, r12
    tst r11
    jge 1f
    neg16 r12
1:  ret
    endhelper __mspabi_remi

    ; ---------------- 32-bit division ----------------
    ; n r13:r12 -> quotient r13:r12, d r15:r14, remainder -> r11:r10,
    ; counter r9 (callers save r9, r10).
    helper proiot3_udivmod32
    clr r10
    clr r11
    mov #32, r9
1:  rla r12
    rlc r13
    rlc r10
    rlc r11
    jc 2f
    cmp r15, r11
    jlo 3f
    jne 2f
    cmp r14, r10
    jlo 3f
2:  sub r14, r10
    subc r15, r11
    bis #1, r12
3:  dec r9
    jnz 1b
    ret
    endhelper proiot3_udivmod32

    ; operands made non-negative, then unsigned division
    helper proiot3_sdivmod32
    tst r13
    jge 1f
    neg32 r12, r13
1:  tst r15
    jge 2f
    neg32 r14, r15
2:  br #proiot3_udivmod32
    endhelper proiot3_sdivmod32

    helper __mspabi_divul
    push r9
    push r10
    call #proiot3_udivmod32
    pop r10
    pop r9
    ret
    endhelper __mspabi_divul

    helper __mspabi_remul
    push r9
    push r10
    call #proiot3_udivmod32
    mov r10, r12
    mov r11, r13
    pop r10
    pop r9
    ret
    endhelper __mspabi_remul

    helper __mspabi_divli
    push r9
    push r10
    mov r13, r11
    xor r15, r11
    push r11
    call #proiot3_sdivmod32
    tst 0(r1)
    jge 1f
    neg32 r12, r13
1:  incd r1
    pop r10
    pop r9
    ret
    endhelper __mspabi_divli

    helper __mspabi_remli
    push r9
    push r10
    push r13
    call #proiot3_sdivmod32
    mov r10, r12
    mov r11, r13
    tst 0(r1)
    jge 1f
    neg32 r12, r13
1:  incd r1
    pop r10
    pop r9
    ret
    endhelper __mspabi_remli

    ; ---------------- 64-bit division (MSP430_BUILTIN) ----------------
    ; n r11:r8 -> quotient r11:r8, d r15:r12, remainder -> r7:r4;
    ; counter on the stack. Callers save r4..r10.
    helper proiot3_udivmod64
    clr r4
    clr r5
    clr r6
    clr r7
    push #64
1:  rla r8
    rlc r9
    rlc r10
    rlc r11
    rlc r4
    rlc r5
    rlc r6
    rlc r7
    jc 2f
    cmp r15, r7
    jlo 3f
    jne 2f
    cmp r14, r6
    jlo 3f
    jne 2f
    cmp r13, r5
    jlo 3f
    jne 2f
    cmp r12, r4
    jlo 3f
2:  sub r12, r4
    subc r13, r5
    subc r14, r6
    subc r15, r7
    bis #1, r8
3:  dec 0(r1)
    jnz 1b
    incd r1
    ret
    endhelper proiot3_udivmod64

    helper proiot3_sdivmod64
    tst r11
    jge 1f
    neg64 r8, r9, r10, r11
1:  tst r15
    jge 2f
    neg64 r12, r13, r14, r15
2:  br #proiot3_udivmod64
    endhelper proiot3_sdivmod64

    helper __mspabi_divull
    push_r4_r10
    call #proiot3_udivmod64
    mov r8, r12
    mov r9, r13
    mov r10, r14
    mov r11, r15
    pop_r10_r4
    ret
    endhelper __mspabi_divull

    helper __mspabi_remull
    push_r4_r10
    call #proiot3_udivmod64
    mov r4, r12
    mov r5, r13
    mov r6, r14
    mov r7, r15
    pop_r10_r4
    ret
    endhelper __mspabi_remull

    helper __mspabi_divlli
    push_r4_r10
    mov r11, r4
    xor r15, r4
    push r4
    call #proiot3_sdivmod64
    mov r8, r12
    mov r9, r13
    mov r10, r14
    mov r11, r15
    jmp .Lsign64
    endhelper __mspabi_divlli

    helper __mspabi_remlli
    push_r4_r10
    push r11
    call #proiot3_sdivmod64
    mov r4, r12
    mov r5, r13
    mov r6, r14
    mov r7, r15
.Lsign64:
    tst 0(r1)
    jge 1f
    neg64 r12, r13, r14, r15
1:  incd r1
    pop_r10_r4
    ret
    endhelper __mspabi_remlli

    ; ---------------- 32-bit shifts: r13:r12 by r14 ----------------
    helper __mspabi_slll
    and #31, r14
    jz 2f
1:  rla r12
    rlc r13
    dec r14
    jnz 1b
2:  ret
    endhelper __mspabi_slll

    helper __mspabi_srll
    and #31, r14
    jz 2f
1:  clrc
    rrc r13
    rrc r12
    dec r14
    jnz 1b
2:  ret
    endhelper __mspabi_srll

    helper __mspabi_sral
    and #31, r14
    jz 2f
1:  rra r13
    rrc r12
    dec r14
    jnz 1b
2:  ret
    endhelper __mspabi_sral
    "#
);
