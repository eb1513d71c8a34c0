        ; Watchdog as interval timer: WDT_ADLY_16 (512 ACLK cycles), WDT interrupt
        ; counts 0x1100 while the CPU sleeps in LPM3.
        .section .text,"ax",@progbits
        .globl _start
_start: mov #0x3900, sp
        mov #0x5a1e, &0x0120        ; WDTPW | WDTTMSEL | WDTCNTCL | WDTSSEL | WDTIS1
        clr &0x1100
        bis.b #0x01, &0x0000        ; IE1.WDTIE
1:      bis #0x00d8, sr
        jmp 1b
wdt:    inc &0x1100
        reti
unused: jmp unused
        .section .vectors,"ax",@progbits
        .word unused, unused, unused, unused, unused, unused, unused, unused
        .word unused, unused, wdt, unused, unused, unused, unused, _start
