        ; ENC28J60 receiver for the per-frame cost test (MSPSim-mode model):
        ; USART1 SPI master (SMCLK/2); Timer_A up mode from ACLK, CCR0
        ; interrupt 64 times a second wakes the CPU from LPM3; on each wake
        ; it reads EPKTCNT and, while frames wait, reads one (RBM: 6-byte
        ; header, then count - 4 bytes) and releases it (BFS ECON2.PKTDEC).
        ; Frames read are counted at 0x1100.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120        ; WDT held
        clr &0x1100
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
        mov #511, &0x0172           ; TACCR0: 512 ACLK ticks
        mov #0x0010, &0x0162        ; TACCTL0 = CCIE
        mov #0x0110, &0x0160        ; TACTL = TASSEL_ACLK | MC_UP
main:   bis #0x00d8, sr             ; LPM3 + GIE
        call #poll
        jmp main
poll:   bic.b #0x01, &0x0031        ; BFC ECON1 <- 3
        mov.b #0xbf, r15
        call #xfer
        mov.b #0x03, r15
        call #xfer
        bis.b #0x01, &0x0031
        bic.b #0x01, &0x0031        ; BFS ECON1 <- 1 (bank 1)
        mov.b #0x9f, r15
        call #xfer
        mov.b #0x01, r15
        call #xfer
        bis.b #0x01, &0x0031
        bic.b #0x01, &0x0031        ; RCR EPKTCNT
        mov.b #0x19, r15
        call #xfer
        clr r15
        call #xfer
        bis.b #0x01, &0x0031
        tst.b r15
        jz 9f
        bic.b #0x01, &0x0031        ; RBM
        mov.b #0x3a, r15
        call #xfer
        clr r15
        call #xfer                  ; next pointer
        clr r15
        call #xfer
        clr r15
        call #xfer                  ; count low
        mov.b r15, r14
        clr r15
        call #xfer                  ; count high
        swpb r15
        bis r15, r14
        sub #4, r14                 ; without the CRC
        clr r15
        call #xfer                  ; status
        clr r15
        call #xfer
1:      tst r14
        jz 2f
        clr r15
        call #xfer
        dec r14
        jmp 1b
2:      bis.b #0x01, &0x0031
        bic.b #0x01, &0x0031        ; BFS ECON2 <- PKTDEC
        mov.b #0x9e, r15
        call #xfer
        mov.b #0x40, r15
        call #xfer
        bis.b #0x01, &0x0031
        inc &0x1100
        jmp poll
9:      ret
xfer:   mov.b r15, &0x007f          ; U1TXBUF
3:      bit.b #0x10, &0x0003        ; IFG2.URXIFG1
        jz 3b
        mov.b &0x007e, r15          ; U1RXBUF
        ret
ta0:    bic #0x00d0, 0(sp)          ; wake main
        reti
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, ta0, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
