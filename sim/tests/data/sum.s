        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #msg, r15
        call #sum
        mov r14, &result
done:   jmp done
sum:    clr r14
1:      mov.b @r15+, r13
        tst.b r13
        jz 2f
        add r13, r14
        jmp 1b
2:      ret
        .section .rodata,"a",@progbits
msg:    .asciz "proiot3"
        .section .data,"aw",@progbits
result: .word 0xdead
        .section .vectors,"ax",@progbits
        .word _start
