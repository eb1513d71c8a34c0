#!/usr/bin/env python3
"""Checks msp430f1611.svd against TI's msp430f1611.h.

For every register: address (base + offset) equals the header's NAME_ macro,
size matches sfrb (8) / sfrw (16), and read-only registers are the header's
const_sfr ones (and the other way round). For every field: a one-bit field
NAME at bit n needs `#define NAME (1<<n)`; a wider field NAME needs NAME0..NAMEk
on consecutive bits (e.g. MC0, MC1) unless it only carries enumerated values;
every enumerated value must equal the header macro of the same name shifted
to the field. Interrupt numbers must match the header's *_VECTOR offsets / 2.

Usage: check_svd.py [svd] [header]; exit status 0 when everything matches.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVD = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "msp430f1611.svd"
HEADER = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/usr/msp430/include/msp430f1611.h")

# Port and USART register names in the SVD omit the unit (PORT_5.OUT); the
# header name is this prefix plus the SVD name (P5OUT, U1CTL).
PREFIX = {f"PORT_{n}": f"P{n}" for n in range(1, 7)}
PREFIX.update({"USART0": "U0", "USART1": "U1"})
KEY_FIELDS_WITHOUT_BITS = {"WDTPW", "FKEY"}


def parse_header(text):
    macros, regs = {}, {}
    for m in re.finditer(r"^#define\s+(\w+)\s+\(?\s*(0x[0-9A-Fa-f]+|\d+)\s*\)?", text, re.M):
        macros.setdefault(m.group(1), int(m.group(2), 0))
    for m in re.finditer(r"^(const_)?sfr([bw])\((\w+),\s*(\w+)\)", text, re.M):
        const, kind, name, addr_macro = m.groups()
        regs[name] = (macros[addr_macro], 8 if kind == "b" else 16, bool(const))
    return macros, regs


def num(el, tag, default=None):
    t = el.find(tag)
    return default if t is None else int(t.text.strip(), 0)


def main():
    macros, hregs = parse_header(HEADER.read_text())
    root = ET.parse(SVD).getroot()
    periphs = {p.find("name").text: p for p in root.iter("peripheral")}
    errors, checked_regs, checked_bits = [], 0, 0
    seen_vectors = {}
    for pname, p in periphs.items():
        base = num(p, "baseAddress")
        src = periphs[p.get("derivedFrom")] if p.get("derivedFrom") else p
        for irq in p.findall("interrupt"):
            iname, value = irq.find("name").text, num(irq, "value")
            seen_vectors[iname] = value
            want = macros.get(iname + "_VECTOR")
            if want is None or want != value * 2:
                errors.append(f"interrupt {iname}={value}: header {iname}_VECTOR={want}")
        for r in src.iter("register"):
            name = PREFIX.get(pname, "") + r.find("name").text
            addr = base + num(r, "addressOffset")
            size = num(r, "size")
            ro = (r.find("access") is not None and r.find("access").text == "read-only")
            checked_regs += 1
            if name not in hregs:
                errors.append(f"{pname}.{name}: not in header")
                continue
            haddr, hsize, hconst = hregs[name]
            if (haddr, hsize) != (addr, size):
                errors.append(f"{pname}.{name}: svd {addr:#06x}/{size} header {haddr:#06x}/{hsize}")
            if ro != hconst:
                errors.append(f"{pname}.{name}: svd read-only={ro}, header const={hconst}")
            for f in r.iter("field"):
                fname = f.find("name").text
                lsb, width = num(f, "bitOffset"), num(f, "bitWidth")
                fname_h = fname
                values = f.findall(".//enumeratedValue")
                for v in values:
                    vname, value = v.find("name").text, num(v, "value")
                    checked_bits += 1
                    if macros.get(vname) != value << lsb:
                        errors.append(f"{name}.{fname}={vname}: svd {value << lsb:#x} "
                                      f"header {macros.get(vname)}")
                if fname in KEY_FIELDS_WITHOUT_BITS:
                    continue
                if lsb + width > size:
                    errors.append(f"{name}.{fname}: bits {lsb}+{width} exceed {size}")
                if width == 1:
                    checked_bits += 1
                    if macros.get(fname_h) != 1 << lsb:
                        errors.append(f"{name}.{fname_h}: svd bit {lsb}, header {macros.get(fname_h)}")
                else:
                    for i in range(width):
                        checked_bits += 1
                        if macros.get(f"{fname_h}{i}") != 1 << (lsb + i):
                            errors.append(f"{name}.{fname_h}{i}: svd bit {lsb + i}, "
                                          f"header {macros.get(f'{fname_h}{i}')}")
    # Every vector the header lists (except RESET, which msp430-rt owns) is in the SVD.
    for m, v in macros.items():
        if m.endswith("_VECTOR") and m != "RESET_VECTOR" and not m.startswith(("UART", "ADC_", "TIMER0_")):
            if m[:-7] not in seen_vectors:
                errors.append(f"header vector {m} ({v:#x}) missing from svd")
    for e in errors:
        print("MISMATCH", e)
    print(f"check_svd: {checked_regs} registers, {checked_bits} bit/value definitions, "
          f"{len(seen_vectors)} interrupts checked; {len(errors)} mismatches")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
