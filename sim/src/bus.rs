//! The interface between the CPU and everything it addresses.

/// What the CPU sees of the rest of the chip: memory, peripherals and the
/// interrupt lines.
///
/// Every access carries `cycle`, the CPU clock count at the start of the
/// instruction doing the access, so peripherals can bring their own state up
/// to date before answering (lazy synchronisation).
///
/// Word accesses ignore bit 0 of the address, as the MSP430 does
/// (SLAU049 section 3.2: words are always at even addresses); implementors
/// must mask it (the CPU passes the address it computed).
pub trait Bus {
    /// Reads one byte.
    fn read_byte(&mut self, addr: u16, cycle: u64) -> u8;
    /// Reads one little-endian word at `addr & !1`.
    fn read_word(&mut self, addr: u16, cycle: u64) -> u16;
    /// Writes one byte.
    fn write_byte(&mut self, addr: u16, value: u8, cycle: u64);
    /// Writes one little-endian word at `addr & !1`.
    fn write_word(&mut self, addr: u16, value: u16, cycle: u64);

    /// Interrupt requests pending at `cycle`, one bit per vector: bit `i`
    /// stands for the vector at `0xFFE0 + 2 * i` (see [`crate::cpu::vector`]).
    /// Bits 0-13 are maskable (taken only with GIE set), bit 14 (0xFFFC) is
    /// the NMI (taken regardless of GIE), bit 15 (0xFFFE) resets the CPU.
    /// A request must stay pending until it is acknowledged or withdrawn by
    /// the peripheral, as an interrupt flag does on the chip.
    fn pending_interrupts(&mut self, cycle: u64) -> u16 {
        let _ = cycle;
        0
    }

    /// Called when the CPU accepts the interrupt with vector index `vector`
    /// (0-15), so single-source interrupt flags can be cleared
    /// (SLAU049 section 2.2.3, interrupt acceptance step 5).
    fn acknowledge_interrupt(&mut self, vector: u8, cycle: u64) {
        let _ = (vector, cycle);
    }
}
