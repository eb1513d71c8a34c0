#!/usr/bin/env python3
"""Writes msp430f1611.svd from the register tables below.

The tables are transcribed from the MSP430x1xx Family User's Guide (SLAU049)
and the MSP430F1611 data sheet (SLAS368); tools/check_svd.py then compares
every address, size, access and bit position against TI's C header
(msp430f1611.h), so a transcription error fails the check.

Usage: python3 tools/make_svd.py > msp430f1611.svd
"""
from xml.sax.saxutils import escape

# Field: (name, lsb, width, description[, access][, enumerated values])
# enumerated values: list of (name, value, description); the name is the
# header macro for value << lsb (checked by check_svd.py).


def bits(*names):
    """Single-bit fields listed from bit 0 upward; None skips a bit."""
    return [(n, i, 1, n) for i, n in enumerate(names) if n is not None]


TACCTL_FIELDS = [
    ("CCIFG", 0, 1, "Capture/compare interrupt flag"),
    ("COV", 1, 1, "Capture overflow"),
    ("OUT", 2, 1, "Output value (output mode 0)"),
    ("CCI", 3, 1, "Capture/compare input (read)", "read-only"),
    ("CCIE", 4, 1, "Capture/compare interrupt enable"),
    ("OUTMOD", 5, 3, "Output mode"),
    ("CAP", 8, 1, "Capture mode (1) or compare mode (0)"),
    ("SCCI", 10, 1, "Synchronized capture/compare input", "read-only"),
    ("SCS", 11, 1, "Synchronize capture source"),
    ("CCIS", 12, 2, "Capture input select"),
    ("CM", 14, 2, "Capture mode"),
]

TBCCTL_FIELDS = [
    f for f in TACCTL_FIELDS if f[0] != "SCCI"
] + [("CLLD", 9, 2, "Compare latch load")]

MC_VALUES = [
    ("MC_0", 0, "Stop"),
    ("MC_1", 1, "Up mode: count to CCR0"),
    ("MC_2", 2, "Continuous mode"),
    ("MC_3", 3, "Up/down mode"),
]
ID_VALUES = [("ID_0", 0, "/1"), ("ID_1", 1, "/2"), ("ID_2", 2, "/4"), ("ID_3", 3, "/8")]

# Register: (name, offset, size_bits, access, description, fields)
PERIPHERALS = [
    {
        "name": "SPECIAL_FUNCTION",
        "base": 0x0000,
        "desc": "Special function registers: interrupt enables/flags, module enables",
        "regs": [
            ("IE1", 0x0, 8, "read-write", "Interrupt enable 1",
             bits("WDTIE", "OFIE", None, None, "NMIIE", "ACCVIE", "URXIE0", "UTXIE0")),
            ("IE2", 0x1, 8, "read-write", "Interrupt enable 2",
             bits(None, None, None, None, "URXIE1", "UTXIE1")),
            ("IFG1", 0x2, 8, "read-write", "Interrupt flag 1",
             bits("WDTIFG", "OFIFG", None, None, "NMIIFG", None, "URXIFG0", "UTXIFG0")),
            ("IFG2", 0x3, 8, "read-write", "Interrupt flag 2",
             bits(None, None, None, None, "URXIFG1", "UTXIFG1")),
            ("ME1", 0x4, 8, "read-write", "Module enable 1 (USART0); URXE0 is USPIE0 in SPI mode",
             bits(None, None, None, None, None, None, "URXE0", "UTXE0")),
            ("ME2", 0x5, 8, "read-write", "Module enable 2 (USART1); URXE1 is USPIE1 in SPI mode",
             bits(None, None, None, None, "URXE1", "UTXE1")),
        ],
        # Vectors without a peripheral of their own in this SVD hang here.
        "interrupts": [
            ("DACDMA", 0, "DAC12 / DMA"),
            ("ADC12", 7, "ADC12"),
            ("COMPARATORA", 11, "Comparator A"),
            ("NMI", 14, "Non-maskable: NMI pin, oscillator fault, flash access violation"),
        ],
    },
    {
        "name": "WATCHDOG_TIMER",
        "base": 0x0120,
        "desc": "Watchdog timer+",
        "regs": [
            ("WDTCTL", 0x0, 16, "read-write", "Watchdog timer control (write with WDTPW in the high byte)", [
                ("WDTIS", 0, 2, "Interval select"),
                ("WDTSSEL", 2, 1, "Clock source: 0 SMCLK, 1 ACLK"),
                ("WDTCNTCL", 3, 1, "Counter clear"),
                ("WDTTMSEL", 4, 1, "Mode: 0 watchdog, 1 interval timer"),
                ("WDTNMI", 5, 1, "RST/NMI pin function"),
                ("WDTNMIES", 6, 1, "NMI edge select"),
                ("WDTHOLD", 7, 1, "Stop the watchdog"),
                ("WDTPW", 8, 8, "Password: write 0x5A, reads 0x69", "read-write",
                 [("WDTPW", 0x5A, "Password")]),
            ]),
        ],
        "interrupts": [("WDT", 10, "Watchdog interval timer")],
    },
    {
        "name": "FLASH",
        "base": 0x0128,
        "desc": "Flash memory controller",
        "regs": [
            ("FCTL1", 0x0, 16, "read-write", "Flash control 1", [
                ("ERASE", 1, 1, "Segment erase"),
                ("MERAS", 2, 1, "Mass erase"),
                ("WRT", 6, 1, "Write"),
                ("BLKWRT", 7, 1, "Block write"),
                ("FKEY", 8, 8, "Key: write 0xA5, reads 0x96", "read-write",
                 [("FWKEY", 0xA5, "Write key"), ("FRKEY", 0x96, "Read value")]),
            ]),
            ("FCTL2", 0x2, 16, "read-write", "Flash control 2", [
                ("FN", 0, 6, "Clock divider minus one"),
                ("FSSEL", 6, 2, "Clock source: ACLK, MCLK, SMCLK, SMCLK"),
                ("FKEY", 8, 8, "Key", "read-write",
                 [("FWKEY", 0xA5, "Write key"), ("FRKEY", 0x96, "Read value")]),
            ]),
            ("FCTL3", 0x4, 16, "read-write", "Flash control 3", [
                ("BUSY", 0, 1, "Busy"),
                ("KEYV", 1, 1, "Key violation"),
                ("ACCVIFG", 2, 1, "Access violation flag"),
                ("WAIT", 3, 1, "Wait (block write)"),
                ("LOCK", 4, 1, "Lock"),
                ("EMEX", 5, 1, "Emergency exit"),
                ("FKEY", 8, 8, "Key", "read-write",
                 [("FWKEY", 0xA5, "Write key"), ("FRKEY", 0x96, "Read value")]),
            ]),
        ],
    },
    {
        "name": "HARDWARE_MULTIPLIER",
        "base": 0x0130,
        "desc": "16x16 hardware multiplier",
        "regs": [
            ("MPY", 0x0, 16, "read-write", "Operand 1, unsigned multiply", []),
            ("MPYS", 0x2, 16, "read-write", "Operand 1, signed multiply", []),
            ("MAC", 0x4, 16, "read-write", "Operand 1, unsigned multiply-accumulate", []),
            ("MACS", 0x6, 16, "read-write", "Operand 1, signed multiply-accumulate", []),
            ("OP2", 0x8, 16, "read-write", "Operand 2 (writing it starts the operation)", []),
            ("RESLO", 0xA, 16, "read-write", "Result low word", []),
            ("RESHI", 0xC, 16, "read-write", "Result high word", []),
            ("SUMEXT", 0xE, 16, "read-only", "Sum extension", []),
        ],
    },
    {
        "name": "BASIC_CLOCK",
        "base": 0x0056,
        "desc": "Basic clock module",
        "regs": [
            ("DCOCTL", 0x0, 8, "read-write", "DCO control", [
                ("MOD", 0, 5, "Modulator selection"),
                ("DCO", 5, 3, "DCO frequency select"),
            ]),
            ("BCSCTL1", 0x1, 8, "read-write", "Basic clock system control 1", [
                ("RSEL", 0, 3, "Resistor (range) select"),
                ("XT5V", 3, 1, "Unused, keep 0"),
                ("DIVA", 4, 2, "ACLK divider", "read-write",
                 [("DIVA_0", 0, "/1"), ("DIVA_1", 1, "/2"), ("DIVA_2", 2, "/4"), ("DIVA_3", 3, "/8")]),
                ("XTS", 6, 1, "LFXT1 mode: 0 low frequency, 1 high frequency"),
                ("XT2OFF", 7, 1, "XT2 oscillator off"),
            ]),
            ("BCSCTL2", 0x2, 8, "read-write", "Basic clock system control 2", [
                ("DCOR", 0, 1, "DCO resistor: 0 internal, 1 external"),
                ("DIVS", 1, 2, "SMCLK divider", "read-write",
                 [("DIVS_0", 0, "/1"), ("DIVS_1", 1, "/2"), ("DIVS_2", 2, "/4"), ("DIVS_3", 3, "/8")]),
                ("SELS", 3, 1, "SMCLK source: 0 DCOCLK, 1 XT2CLK/LFXT1CLK"),
                ("DIVM", 4, 2, "MCLK divider", "read-write",
                 [("DIVM_0", 0, "/1"), ("DIVM_1", 1, "/2"), ("DIVM_2", 2, "/4"), ("DIVM_3", 3, "/8")]),
                ("SELM", 6, 2, "MCLK source", "read-write",
                 [("SELM_0", 0, "DCOCLK"), ("SELM_1", 1, "DCOCLK"), ("SELM_2", 2, "XT2CLK or LFXT1CLK"),
                  ("SELM_3", 3, "LFXT1CLK")]),
            ]),
        ],
    },
]

# Ports: P1/P2 have interrupt registers, P3-P6 do not. Register names drop the
# port number (P1OUT is PORT_1.OUT) so derived ports read naturally.
PORT_IRQ_BASES = {1: 0x0020, 2: 0x0028}
PORT_BASES = {3: 0x0018, 4: 0x001C, 5: 0x0030, 6: 0x0034}
for n, base in PORT_IRQ_BASES.items():
    p = {"name": f"PORT_{n}", "base": base, "desc": f"Digital I/O port {n} (with interrupts)",
         "interrupts": [(f"PORT{n}", 4 if n == 1 else 1, f"Port {n}")]}
    if n == 1:
        p["regs"] = [
            ("IN", 0x0, 8, "read-only", "Input", []),
            ("OUT", 0x1, 8, "read-write", "Output", []),
            ("DIR", 0x2, 8, "read-write", "Direction (1 = output)", []),
            ("IFG", 0x3, 8, "read-write", "Interrupt flag", []),
            ("IES", 0x4, 8, "read-write", "Interrupt edge select (1 = falling)", []),
            ("IE", 0x5, 8, "read-write", "Interrupt enable", []),
            ("SEL", 0x6, 8, "read-write", "Function select (1 = peripheral)", []),
        ]
    else:
        p["derived"] = "PORT_1"
    PERIPHERALS.append(p)
for n, base in PORT_BASES.items():
    p = {"name": f"PORT_{n}", "base": base, "desc": f"Digital I/O port {n}"}
    if n == 3:
        p["regs"] = [
            ("IN", 0x0, 8, "read-only", "Input", []),
            ("OUT", 0x1, 8, "read-write", "Output", []),
            ("DIR", 0x2, 8, "read-write", "Direction (1 = output)", []),
            ("SEL", 0x3, 8, "read-write", "Function select (1 = peripheral)", []),
        ]
    else:
        p["derived"] = "PORT_3"
    PERIPHERALS.append(p)

# USART0 and USART1 share one layout; UART and SPI modes share the registers.
# Register names drop the "U0" prefix (U0CTL is USART0.CTL).
PERIPHERALS.append({
    "name": "USART0",
    "base": 0x0070,
    "desc": "USART 0 (UART or SPI mode; I2C not described)",
    "interrupts": [("USART0TX", 8, "USART0 transmit"), ("USART0RX", 9, "USART0 receive")],
    "regs": [
        ("CTL", 0x0, 8, "read-write", "Control", bits(
            "SWRST", "MM", "SYNC", "LISTEN", "CHAR", "SPB", "PEV", "PENA")),
        ("TCTL", 0x1, 8, "read-write", "Transmit control", [
            ("TXEPT", 0, 1, "Transmitter empty"),
            ("STC", 1, 1, "SPI: 1 = 3-pin mode (STE disabled)"),
            ("TXWAKE", 2, 1, "Transmitter wake"),
            ("URXSE", 3, 1, "UART receive start-edge"),
            ("SSEL", 4, 2, "Clock source: UCLKI, ACLK, SMCLK, SMCLK"),
            ("CKPL", 6, 1, "Clock polarity"),
            ("CKPH", 7, 1, "SPI clock phase"),
        ]),
        ("RCTL", 0x2, 8, "read-write", "Receive control", bits(
            "RXERR", "RXWAKE", "URXWIE", "URXEIE", "BRK", "OE", "PE", "FE")),
        ("MCTL", 0x3, 8, "read-write", "Modulation control", []),
        ("BR0", 0x4, 8, "read-write", "Baud rate divider, low byte", []),
        ("BR1", 0x5, 8, "read-write", "Baud rate divider, high byte", []),
        ("RXBUF", 0x6, 8, "read-only", "Receive buffer", []),
        ("TXBUF", 0x7, 8, "read-write", "Transmit buffer", []),
    ],
})
PERIPHERALS.append({
    "name": "USART1", "base": 0x0078, "derived": "USART0",
    "desc": "USART 1 (UART or SPI mode)",
    "interrupts": [("USART1TX", 2, "USART1 transmit"), ("USART1RX", 3, "USART1 receive")],
})

PERIPHERALS.append({
    "name": "TIMER_A3",
    "base": 0x012E,
    "desc": "Timer_A3 (TAIV sits below the other registers)",
    "interrupts": [("TIMERA1", 5, "Timer_A CCR1-2 and overflow (TAIV)"), ("TIMERA0", 6, "Timer_A CCR0")],
    "regs": [("TAIV", 0x00, 16, "read-only", "Interrupt vector", []),
             ("TACTL", 0x32, 16, "read-write", "Control", [
                 ("TAIFG", 0, 1, "Overflow interrupt flag"),
                 ("TAIE", 1, 1, "Overflow interrupt enable"),
                 ("TACLR", 2, 1, "Clear counter, divider and direction"),
                 ("MC", 4, 2, "Mode control", "read-write", MC_VALUES),
                 ("ID", 6, 2, "Input divider", "read-write", ID_VALUES),
                 ("TASSEL", 8, 2, "Clock source", "read-write",
                  [("TASSEL_0", 0, "TACLK"), ("TASSEL_1", 1, "ACLK"), ("TASSEL_2", 2, "SMCLK"),
                   ("TASSEL_3", 3, "INCLK")]),
             ])]
    + [(f"TACCTL{i}", 0x34 + 2 * i, 16, "read-write", f"Capture/compare control {i}", TACCTL_FIELDS)
       for i in range(3)]
    + [("TAR", 0x42, 16, "read-write", "Counter", [])]
    + [(f"TACCR{i}", 0x44 + 2 * i, 16, "read-write", f"Capture/compare {i}", []) for i in range(3)],
})
PERIPHERALS.append({
    "name": "TIMER_B7",
    "base": 0x011E,
    "desc": "Timer_B7 (TBIV sits below the other registers)",
    "interrupts": [("TIMERB1", 12, "Timer_B CCR1-6 and overflow (TBIV)"), ("TIMERB0", 13, "Timer_B CCR0")],
    "regs": [("TBIV", 0x00, 16, "read-only", "Interrupt vector", []),
             ("TBCTL", 0x62, 16, "read-write", "Control", [
                 ("TBIFG", 0, 1, "Overflow interrupt flag"),
                 ("TBIE", 1, 1, "Overflow interrupt enable"),
                 ("TBCLR", 2, 1, "Clear counter, divider and direction"),
                 ("MC", 4, 2, "Mode control", "read-write", MC_VALUES),
                 ("ID", 6, 2, "Input divider", "read-write", ID_VALUES),
                 ("TBSSEL", 8, 2, "Clock source"),
                 ("CNTL", 11, 2, "Counter length: 16, 12, 10, 8 bits"),
                 ("TBCLGRP", 13, 2, "Compare latch load grouping"),
             ])]
    + [(f"TBCCTL{i}", 0x64 + 2 * i, 16, "read-write", f"Capture/compare control {i}", TBCCTL_FIELDS)
       for i in range(7)]
    + [("TBR", 0x72, 16, "read-write", "Counter", [])]
    + [(f"TBCCR{i}", 0x74 + 2 * i, 16, "read-write", f"Capture/compare {i}", []) for i in range(7)],
})


def field_xml(f, out, ind):
    name, lsb, width, desc = f[:4]
    access = f[4] if len(f) > 4 else None
    values = f[5] if len(f) > 5 else None
    out.append(f"{ind}<field>")
    out.append(f"{ind}  <name>{name}</name>")
    out.append(f"{ind}  <description>{escape(desc)}</description>")
    out.append(f"{ind}  <bitOffset>{lsb}</bitOffset>")
    out.append(f"{ind}  <bitWidth>{width}</bitWidth>")
    if access:
        out.append(f"{ind}  <access>{access}</access>")
    if values:
        out.append(f"{ind}  <enumeratedValues>")
        for vname, value, vdesc in values:
            out.append(f"{ind}    <enumeratedValue><name>{vname}</name>"
                       f"<description>{escape(vdesc)}</description><value>{value:#x}</value></enumeratedValue>")
        out.append(f"{ind}  </enumeratedValues>")
    out.append(f"{ind}</field>")


def main():
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<!-- Generated by tools/make_svd.py; edit the tables there, then regenerate. -->',
           '<device schemaVersion="1.1" xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"'
           ' xs:noNamespaceSchemaLocation="CMSIS-SVD.xsd">',
           '  <name>msp430f1611</name>',
           '  <version>1.0</version>',
           '  <description>TI MSP430F1611 peripherals used by the proiot3 board</description>',
           '  <addressUnitBits>8</addressUnitBits>',
           '  <width>16</width>',
           '  <size>16</size>',
           '  <access>read-write</access>',
           '  <peripherals>']
    for p in PERIPHERALS:
        derived = p.get("derived")
        attr = f' derivedFrom="{derived}"' if derived else ""
        out.append(f"    <peripheral{attr}>")
        out.append(f"      <name>{p['name']}</name>")
        out.append(f"      <description>{escape(p['desc'])}</description>")
        out.append(f"      <baseAddress>{p['base']:#06x}</baseAddress>")
        if not derived:
            top = max(r[1] + r[2] // 8 for r in p["regs"])
            out.append("      <addressBlock><offset>0</offset>"
                       f"<size>{top:#x}</size><usage>registers</usage></addressBlock>")
        for iname, value, idesc in p.get("interrupts", []):
            out.append(f"      <interrupt><name>{iname}</name><description>{escape(idesc)}</description>"
                       f"<value>{value}</value></interrupt>")
        if not derived:
            out.append("      <registers>")
            for rname, off, size, access, rdesc, fields in p["regs"]:
                out.append("        <register>")
                out.append(f"          <name>{rname}</name>")
                out.append(f"          <description>{escape(rdesc)}</description>")
                out.append(f"          <addressOffset>{off:#x}</addressOffset>")
                out.append(f"          <size>{size}</size>")
                out.append(f"          <access>{access}</access>")
                out.append("          <resetValue>0</resetValue>")
                if fields:
                    out.append("          <fields>")
                    for f in fields:
                        field_xml(f, out, "            ")
                    out.append("          </fields>")
                out.append("        </register>")
            out.append("      </registers>")
        out.append("    </peripheral>")
    out.append("  </peripherals>")
    out.append("</device>")
    print("\n".join(out))


if __name__ == "__main__":
    main()
