        ; Timer_B on SMCLK captures ACLK rising edges on CCR6 (CCI6B), like
        ; the board crate's DCO calibration: SMCLK counts over 8 ACLK periods
        ; at the PUC DCO -> 0x1100, then at RSEL 7 -> 0x1102.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120
        mov #0x0224, &0x0180        ; TBCTL = TBSSEL_SMCLK | MC_CONT | TBCLR
        mov #0x5100, &0x018e        ; TBCCTL6 = CM_1 | CCIS_1 | CAP
        call #measure
        mov r15, &0x1100
        mov.b #0x87, &0x0057        ; BCSCTL1 = XT2OFF | RSEL 7
        call #measure
        mov r15, &0x1102
1:      jmp 1b
measure:
        bic #0x0001, &0x018e        ; drop a capture from before (old DCO)
        call #edge
        mov r15, r14
        mov #8, r13
2:      call #edge
        dec r13
        jnz 2b
        sub r14, r15
        ret
edge:   bit #0x0001, &0x018e        ; CCIFG
        jz edge
        bic #0x0001, &0x018e
        mov &0x019e, r15            ; TBCCR6
        ret
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, unused, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
