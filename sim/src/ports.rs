//! Digital I/O ports P1-P6 (SLAU049 chapter 9).
//!
//! PxIN reads the pin level: the output latch where PxDIR makes the pin an
//! output, the external level otherwise. P1 and P2 have edge-triggered
//! interrupt flags: PxIFG.n sets on a rising (PxIES.n = 0) or falling
//! (PxIES.n = 1) edge of the pin, whether the edge comes from outside or
//! from the port's own output; software may set or clear PxIFG; changing
//! PxIES may set PxIFG (SLAU049 table 9-1 says "may": this model sets it
//! when the new edge selection matches the current level, the worst case).
//! PORT1/PORT2 are multi-source: the flags are not cleared on acceptance.
//! PxSEL pins are left to their module; their level reads as the latch.

/// Register offsets within a port.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Port {
    /// PxOUT.
    pub out: u8,
    /// PxDIR.
    pub dir: u8,
    /// PxSEL.
    pub sel: u8,
    /// PxIFG (P1/P2).
    pub ifg: u8,
    /// PxIES (P1/P2).
    pub ies: u8,
    /// PxIE (P1/P2).
    pub ie: u8,
    /// Level driven from outside on input pins.
    pub external: u8,
}

impl Port {
    /// Pin levels: outputs drive the latch, inputs see the outside.
    pub fn pins(&self) -> u8 {
        (self.out & self.dir) | (self.external & !self.dir)
    }
}

/// What a register at an address is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reg {
    In,
    Out,
    Dir,
    Ifg,
    Ies,
    Ie,
    Sel,
}

/// The six ports.
#[derive(Debug, Clone, Default)]
pub struct Ports {
    /// P1..P6 at index 0..5.
    pub port: [Port; 6],
}

fn decode(addr: u16) -> Option<(usize, Reg)> {
    use Reg::*;
    let r = match addr {
        0x20 => (0, In),
        0x21 => (0, Out),
        0x22 => (0, Dir),
        0x23 => (0, Ifg),
        0x24 => (0, Ies),
        0x25 => (0, Ie),
        0x26 => (0, Sel),
        0x28 => (1, In),
        0x29 => (1, Out),
        0x2A => (1, Dir),
        0x2B => (1, Ifg),
        0x2C => (1, Ies),
        0x2D => (1, Ie),
        0x2E => (1, Sel),
        0x18..=0x1F => (
            2 + (addr as usize - 0x18) / 4,
            [In, Out, Dir, Sel][addr as usize & 3],
        ),
        0x30..=0x37 => (
            4 + (addr as usize - 0x30) / 4,
            [In, Out, Dir, Sel][addr as usize & 3],
        ),
        _ => return None,
    };
    Some(r)
}

impl Ports {
    /// All ports after PUC (PxDIR, PxSEL, PxIE, PxIFG cleared; PxOUT and
    /// PxIES are unchanged by PUC on the chip, cleared here at power-on).
    pub fn new() -> Self {
        Ports::default()
    }

    /// PUC: direction, selection and interrupt enables/flags reset.
    pub fn reset(&mut self) {
        for p in &mut self.port {
            p.dir = 0;
            p.sel = 0;
            p.ie = 0;
            p.ifg = 0;
        }
    }

    /// True if `addr` is a port register.
    pub fn contains(addr: u16) -> bool {
        decode(addr).is_some()
    }

    /// Register read.
    pub fn read(&self, addr: u16) -> u8 {
        let Some((i, r)) = decode(addr) else { return 0 };
        let p = &self.port[i];
        match r {
            Reg::In => p.pins(),
            Reg::Out => p.out,
            Reg::Dir => p.dir,
            Reg::Ifg => p.ifg,
            Reg::Ies => p.ies,
            Reg::Ie => p.ie,
            Reg::Sel => p.sel,
        }
    }

    /// Register write; returns the port index and its pin levels before the
    /// write (for edge detection by devices on the pins).
    pub fn write(&mut self, addr: u16, value: u8) -> Option<(usize, u8)> {
        let (i, r) = decode(addr)?;
        let before = self.port[i].pins();
        let p = &mut self.port[i];
        match r {
            Reg::In => {}
            Reg::Out => p.out = value,
            Reg::Dir => p.dir = value,
            Reg::Ifg => p.ifg = value,
            Reg::Ies => {
                if i < 2 {
                    // Table 9-1: 0->1 with the pin high, or 1->0 with it low,
                    // may set the flag.
                    let changed = p.ies ^ value;
                    let level = p.pins();
                    p.ifg |= changed & ((value & level) | (!value & !level));
                }
                p.ies = value;
            }
            Reg::Ie => p.ie = value,
            Reg::Sel => p.sel = value,
        }
        self.edges(i, before);
        Some((i, before))
    }

    /// Sets the external level of the pins in `mask` of port `i` (0 = P1).
    pub fn set_external(&mut self, i: usize, mask: u8, high: bool) {
        let before = self.port[i].pins();
        let p = &mut self.port[i];
        if high {
            p.external |= mask;
        } else {
            p.external &= !mask;
        }
        self.edges(i, before);
    }

    /// Edge detection on P1/P2 after the pins changed from `before`.
    fn edges(&mut self, i: usize, before: u8) {
        if i >= 2 {
            return;
        }
        let p = &mut self.port[i];
        let after = p.pins();
        let rising = !before & after;
        let falling = before & !after;
        p.ifg |= (rising & !p.ies) | (falling & p.ies);
    }

    /// Interrupt requests: (PORT1, PORT2).
    pub fn irq(&self) -> (bool, bool) {
        (
            self.port[0].ifg & self.port[0].ie != 0,
            self.port[1].ifg & self.port[1].ie != 0,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_reflects_outputs_and_external() {
        let mut p = Ports::new();
        p.set_external(2, 0xF0, true);
        p.write(0x19, 0x0F); // P3OUT
        assert_eq!(p.read(0x18), 0xF0);
        p.write(0x1A, 0x03); // P3DIR
        assert_eq!(p.read(0x18), 0xF3);
        p.write(0x37, 0x5A); // P6SEL
        assert_eq!(p.port[5].sel, 0x5A);
    }

    #[test]
    fn p1_falling_edge_flags() {
        let mut p = Ports::new();
        p.set_external(0, 0xFF, true); // pulled up
        p.write(0x24, 0xFF); // IES falling: level high -> may set
        assert_eq!(p.read(0x23), 0xFF);
        p.write(0x23, 0);
        p.write(0x25, 0x01);
        assert_eq!(p.irq(), (false, false));
        p.set_external(0, 0x01, false); // press button 0
        assert_eq!(p.read(0x23), 0x01);
        assert_eq!(p.irq(), (true, false));
        p.write(0x23, 0);
        p.set_external(0, 0x01, true); // release: rising, not selected
        assert_eq!(p.read(0x23), 0);
        // Own output edges count too (P2, rising).
        p.write(0x2A, 0xFF);
        p.write(0x29, 0x80);
        assert_eq!(p.read(0x2B), 0x80);
    }
}
