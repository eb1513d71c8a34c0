        ; Flash controller: erase information segment 0x1000, program 0x1234 at
        ; 0x1000, lock, then a write while locked (rejected, ACCVIFG).
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120
        mov #0xa542, &0x012a        ; FCTL2 = FWKEY | FSSEL_MCLK | FN1
        mov #0xa500, &0x012c        ; FCTL3 = FWKEY (LOCK = 0)
        mov #0xa502, &0x0128        ; FCTL1 = FWKEY | ERASE
        clr &0x1000                 ; dummy write: segment erase
        mov #0xa540, &0x0128        ; FCTL1 = FWKEY | WRT
        mov #0x1234, &0x1000
        mov #0xa500, &0x0128
        mov #0xa510, &0x012c        ; LOCK
        mov #0x5678, &0x1002        ; locked: access violation
1:      jmp 1b
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, unused, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
