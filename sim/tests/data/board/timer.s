        ; Timer_A up mode from ACLK, TACCR0 = 32767 (1 s): CCR0 interrupt counts
        ; 0x1100, TAIFG through TAIV counts 0x1102; the CPU sleeps in LPM3.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120
        clr &0x1100
        clr &0x1102
        mov #32767, &0x0172         ; TACCR0
        mov #0x0010, &0x0162        ; TACCTL0 = CCIE
        mov #0x0116, &0x0160        ; TACTL = TASSEL_ACLK | MC_UP | TACLR | TAIE
1:      bis #0x00d8, sr             ; LPM3 + GIE
        jmp 1b
ta0:    inc &0x1100
        reti
ta1:    mov &0x012e, r15            ; TAIV
        cmp #10, r15
        jne 2f
        inc &0x1102
2:      reti
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, ta1, ta0, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
