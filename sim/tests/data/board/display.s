        ; SSD1306 on the parallel bus: byte on P2OUT, D/C P3.0, strobe E P3.1.
        ; Sends a command list, then two data bytes 0x81 0x42.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a80, &0x0120
        mov.b #0xff, &0x002a        ; P2DIR
        bis.b #0x03, &0x001a        ; P3DIR.0-1
        mov #cmds, r14
        mov #13, r13
1:      mov.b @r14+, r15
        call #cmd
        dec r13
        jnz 1b
        mov.b #0x81, r15
        call #data
        mov.b #0x42, r15
        call #data
2:      jmp 2b
cmd:    mov.b r15, &0x0029
        bic.b #0x01, &0x0019        ; D/C = command
        jmp 3f
data:   mov.b r15, &0x0029
        bis.b #0x01, &0x0019        ; D/C = data
3:      bis.b #0x02, &0x0019        ; E rising edge: latched
        bic.b #0x02, &0x0019
        ret
unused: jmp unused
cmds:   .byte 0x8d, 0x14, 0xa1, 0xc8, 0x20, 0x00, 0x21, 0x00, 0x01, 0x22, 0x00, 0x00, 0xaf
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, unused, unused
        .word unused, unused, unused, unused, unused, unused, unused, _start
