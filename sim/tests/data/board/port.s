        ; Buttons: P1.0 falling edge interrupt wakes the CPU from LPM4; the PORT1
        ; handler clears the flags and counts 0x1100. LED on P3.2 lit.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120
        clr &0x1100
        bis.b #0x04, &0x001a        ; P3DIR.2
        bis.b #0x04, &0x0019        ; P3OUT.2: LED on
        mov.b #0xff, &0x0024        ; P1IES: falling edges
        clr.b &0x0023               ; P1IFG
        mov.b #0x01, &0x0025        ; P1IE.0
1:      bis #0x00f8, sr             ; LPM4 + GIE
        jmp 1b
port1:  clr.b &0x0023
        inc &0x1100
        reti
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, port1, unused, unused, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
