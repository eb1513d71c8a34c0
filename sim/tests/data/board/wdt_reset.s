        ; Never stops the watchdog: counts boots at 0x1104 (RAM survives a PUC)
        ; and waits for the reset. The third boot stops the watchdog with a key
        ; violation test first: boot 3 writes WDTCTL without the password, boot 4 stops it.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        inc &0x1104
        cmp #3, &0x1104
        jne 1f
        mov #0x0080, &0x0120        ; wrong password: PUC
1:      cmp #4, &0x1104
        jne 2f
        mov #0x5a80, &0x0120        ; boot 4: stop the watchdog
2:      jmp 2b
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, unused, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
