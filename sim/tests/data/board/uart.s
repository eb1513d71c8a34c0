        ; USART0 UART at 800 kHz SMCLK / 7 (no modulation): sends "Hi!\n" polling
        ; UTXIFG0, then echoes received bytes from the USART0 RX interrupt in LPM0.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120        ; WDTCTL = WDTPW | WDTHOLD
        bis.b #0x30, &0x001b        ; P3SEL: P3.4 TXD, P3.5 RXD
        mov.b #0x11, &0x0070        ; U0CTL = CHAR | SWRST
        mov.b #0x20, &0x0071        ; U0TCTL = SSEL_SMCLK
        mov.b #7, &0x0074           ; U0BR0
        mov.b #0, &0x0075           ; U0BR1
        mov.b #0, &0x0073           ; U0MCTL
        bis.b #0xc0, &0x0004        ; ME1 = UTXE0 | URXE0
        mov.b #0x10, &0x0070        ; U0CTL = CHAR
        mov #msg, r14
1:      mov.b @r14+, r15
        tst.b r15
        jz 3f
2:      bit.b #0x80, &0x0002        ; IFG1.UTXIFG0
        jz 2b
        mov.b r15, &0x0077          ; U0TXBUF
        jmp 1b
3:      bis.b #0x40, &0x0000        ; IE1.URXIE0
4:      bis #0x0018, sr             ; LPM0 + GIE
        jmp 4b
rx:     mov.b &0x0076, &0x0077      ; echo (the buffer is free: one byte per frame)
        reti
unused: jmp unused
msg:    .asciz "Hi!\n"
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, unused, unused
        .word unused, rx, unused, unused, unused, unused, unused, _start
