        ; Writes one UART byte (SMCLK clocked) and enters LPM3 at once: SMCLK
        ; stops with the byte in the shift register.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120
        bis.b #0x30, &0x001b
        mov.b #0x11, &0x0070        ; CHAR | SWRST
        mov.b #0x20, &0x0071        ; SSEL_SMCLK
        mov.b #7, &0x0074
        bis.b #0xc0, &0x0004
        mov.b #0x10, &0x0070
        mov.b #0x58, &0x0077        ; 'X'
1:      bis #0x00d8, sr             ; LPM3 + GIE, nothing to wake it
        jmp 1b
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, unused, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
