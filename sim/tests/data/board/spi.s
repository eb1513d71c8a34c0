        ; USART1 SPI master (SMCLK/2) talking to the ENC28J60: BFS ECON1 <- 3
        ; (bank 3), RCR EREVID -> 0x1100, RCR ESTAT -> 0x1102; then LPM0 forever.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120
        bis.b #0x01, &0x0031        ; P5OUT.0: CS high
        bis.b #0x0b, &0x0032        ; P5DIR: CS, SIMO, UCLK out
        bis.b #0x0e, &0x0033        ; P5SEL: SIMO, SOMI, UCLK
        mov.b #0x17, &0x0078        ; U1CTL = CHAR | SYNC | MM | SWRST
        mov.b #0xb2, &0x0079        ; U1TCTL = CKPH | SSEL_SMCLK | STC
        mov.b #2, &0x007c           ; U1BR0
        mov.b #0, &0x007d
        mov.b #0, &0x007b
        bis.b #0x10, &0x0005        ; ME2 = USPIE1
        mov.b #0x16, &0x0078        ; U1CTL = CHAR | SYNC | MM
        bic.b #0x01, &0x0031        ; select
        mov.b #0x9f, r15            ; BFS ECON1
        call #xfer
        mov.b #0x03, r15
        call #xfer
        bis.b #0x01, &0x0031        ; deselect
        bic.b #0x01, &0x0031
        mov.b #0x12, r15            ; RCR EREVID
        call #xfer
        clr r15
        call #xfer
        mov r15, &0x1100
        bis.b #0x01, &0x0031
        bic.b #0x01, &0x0031
        mov.b #0x1d, r15            ; RCR ESTAT
        call #xfer
        clr r15
        call #xfer
        mov r15, &0x1102
        bis.b #0x01, &0x0031
1:      bis #0x0010, sr             ; LPM0, no GIE: sleeps for good
        jmp 1b
xfer:   mov.b r15, &0x007f          ; U1TXBUF
2:      bit.b #0x10, &0x0003        ; IFG2.URXIFG1
        jz 2b
        mov.b &0x007e, r15          ; U1RXBUF
        ret
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, unused, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
