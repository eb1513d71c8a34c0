//! Per-frame cost accounting: how many CPU cycles the firmware spends on
//! one received frame, from the moment it reaches the ENC28J60 until the
//! board is idle again (CPU in a low-power mode, no frame waiting in the
//! chip, USART1 idle), split into SPI transfer time (USART1 shifting bytes
//! to or from the ENC28J60, which the driver busy-waits on) and the rest.
//!
//! Enable with [`crate::session::Session::measure_frames`]; frames the
//! virtual network delivers to an idle board (and an NTP reply the
//! firmware awaits awake, see there) are then measured as they arrive,
//! and [`crate::session::Session::inject_measured`] measures a frame of
//! the caller's (a foreign frame, an NS, an echo request). Console bytes
//! and display writes in the window show an event line logged or a
//! redraw done on the frame's account.

use std::fmt::Write as _;

/// What a received frame is, for the cost table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FrameKind {
    /// ICMPv6 Neighbor Solicitation (answered with an NA).
    NeighborSolicitation,
    /// ICMPv6 Neighbor Advertisement.
    NeighborAdvertisement,
    /// ICMPv6 Router Advertisement.
    RouterAdvertisement,
    /// ICMPv6 Echo Request (answered with an Echo Reply).
    EchoRequest,
    /// UDP from port 123.
    NtpReply,
    /// UDP from port 53.
    DnsReply,
    /// Anything else (e.g. a frame for another host, dropped).
    Other,
}

impl FrameKind {
    /// Classifies an Ethernet frame (no CRC) by its IPv6 payload.
    pub fn of(frame: &[u8]) -> FrameKind {
        let is_ipv6 = frame.len() >= 54 && frame[12..14] == [0x86, 0xDD];
        if !is_ipv6 {
            return FrameKind::Other;
        }
        let (nh, l4) = (frame[20], &frame[54..]);
        match (nh, l4) {
            (58, [135, ..]) => FrameKind::NeighborSolicitation,
            (58, [136, ..]) => FrameKind::NeighborAdvertisement,
            (58, [134, ..]) => FrameKind::RouterAdvertisement,
            (58, [128, ..]) => FrameKind::EchoRequest,
            (17, [0, 123, ..]) => FrameKind::NtpReply,
            (17, [0, 53, ..]) => FrameKind::DnsReply,
            _ => FrameKind::Other,
        }
    }

    /// Short name for tables.
    pub fn name(self) -> &'static str {
        match self {
            FrameKind::NeighborSolicitation => "NS -> NA",
            FrameKind::NeighborAdvertisement => "NA",
            FrameKind::RouterAdvertisement => "RA",
            FrameKind::EchoRequest => "echo request -> reply",
            FrameKind::NtpReply => "NTP reply",
            FrameKind::DnsReply => "DNS reply",
            FrameKind::Other => "other (foreign, dropped)",
        }
    }
}

/// The cost of one received frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameCost {
    /// What it was.
    pub kind: FrameKind,
    /// Length (no CRC), bytes.
    pub len: usize,
    /// When it reached the ENC28J60, ps.
    pub at_ps: u64,
    /// CPU cycles awake from then until idle (interrupts included).
    pub awake_cycles: u64,
    /// Of the time until idle, MCLK cycles USART1 spent shifting SPI bytes.
    pub spi_cycles: u64,
    /// SPI bytes exchanged with the ENC28J60 meanwhile.
    pub spi_bytes: u64,
    /// Frames the board sent meanwhile (the answer).
    pub frames_sent: u64,
    /// Console (USART0) bytes the firmware sent meanwhile: an event line
    /// it logs, which it busy-waits on at the console's bit rate.
    pub console_bytes: u64,
    /// GDDRAM data writes meanwhile (a display redraw in the window).
    pub display_writes: u64,
    /// Time from arrival until idle, ps.
    pub settle_ps: u64,
}

impl FrameCost {
    /// Cycles that were not SPI transfer time.
    pub fn processing_cycles(&self) -> u64 {
        self.awake_cycles.saturating_sub(self.spi_cycles)
    }
}

/// A table of per-kind medians: kind, count, awake, SPI, processing,
/// SPI bytes, frames sent, console bytes and display writes of the median
/// frame.
pub fn table(costs: &[FrameCost]) -> String {
    let mut kinds: Vec<FrameKind> = costs.iter().map(|c| c.kind).collect();
    kinds.sort();
    kinds.dedup();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<26} {:>5} {:>10} {:>10} {:>10} {:>9} {:>6} {:>8} {:>8}",
        "frame (median)",
        "n",
        "cycles",
        "SPI",
        "processing",
        "SPI bytes",
        "sent",
        "console",
        "display"
    );
    for k in kinds {
        let mut v: Vec<&FrameCost> = costs.iter().filter(|c| c.kind == k).collect();
        v.sort_by_key(|c| c.awake_cycles);
        let m = v[v.len() / 2];
        let _ = writeln!(
            s,
            "{:<26} {:>5} {:>10} {:>10} {:>10} {:>9} {:>6} {:>8} {:>8}",
            k.name(),
            v.len(),
            m.awake_cycles,
            m.spi_cycles,
            m.processing_cycles(),
            m.spi_bytes,
            m.frames_sent,
            m.console_bytes,
            m.display_writes
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(nh: u8, l4: &[u8]) -> Vec<u8> {
        let mut f = vec![0u8; 54];
        f[12] = 0x86;
        f[13] = 0xDD;
        f[14] = 0x60;
        f[20] = nh;
        f.extend_from_slice(l4);
        f
    }

    #[test]
    fn classifies_by_ipv6_payload() {
        assert_eq!(
            FrameKind::of(&frame(58, &[135, 0, 0, 0])),
            FrameKind::NeighborSolicitation
        );
        assert_eq!(FrameKind::of(&frame(58, &[128, 0])), FrameKind::EchoRequest);
        assert_eq!(
            FrameKind::of(&frame(17, &[0, 123, 0x30, 0x39])),
            FrameKind::NtpReply
        );
        assert_eq!(
            FrameKind::of(&frame(17, &[0, 53, 0x30, 0x39])),
            FrameKind::DnsReply
        );
        assert_eq!(FrameKind::of(&frame(6, &[0, 53])), FrameKind::Other);
        assert_eq!(FrameKind::of(&[0u8; 20]), FrameKind::Other);
    }

    #[test]
    fn table_gives_medians_and_split() {
        let c = |awake, spi| FrameCost {
            kind: FrameKind::EchoRequest,
            len: 118,
            at_ps: 0,
            awake_cycles: awake,
            spi_cycles: spi,
            spi_bytes: 10,
            frames_sent: 1,
            console_bytes: 0,
            display_writes: 0,
            settle_ps: 0,
        };
        let t = table(&[c(100, 40), c(300, 100), c(200, 50)]);
        let line = t.lines().nth(1).unwrap();
        let cols: Vec<&str> = line.split_whitespace().collect();
        // "echo request -> reply" n=3, median 200 cycles, 50 SPI, 150 processing.
        assert_eq!(&cols[4..8], ["3", "200", "50", "150"], "{t}");
    }
}
