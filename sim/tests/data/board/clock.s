        ; DCO to RSEL 7, DCO 3, MOD 0; then count loop iterations in r5 forever.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120
        mov.b #0x87, &0x0057        ; BCSCTL1 = XT2OFF | RSEL 7
        mov.b #0x60, &0x0056        ; DCOCTL = DCO 3
        clr r5
1:      inc r5                      ; 1 cycle
        jmp 1b                      ; 2 cycles
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, unused, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
