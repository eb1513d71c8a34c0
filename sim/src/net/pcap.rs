//! Classic libpcap files (the format of `tcpdump -w`): a 24-byte global
//! header (magic 0xa1b2c3d4 little-endian, version 2.4, snaplen 65535,
//! LINKTYPE_ETHERNET = 1) and per frame a 16-byte record header (seconds,
//! microseconds, captured length, original length). Wireshark and tshark
//! read it.

use std::io::{self, Write};

/// LINKTYPE_ETHERNET.
pub const LINKTYPE_ETHERNET: u32 = 1;
/// Magic number of microsecond-resolution files.
pub const MAGIC: u32 = 0xa1b2_c3d4;
const SNAPLEN: u32 = 65_535;

/// Writes frames to a pcap stream.
pub struct PcapWriter<W: Write> {
    out: W,
    frames: u64,
}

impl<W: Write> PcapWriter<W> {
    /// Writes the global header.
    pub fn new(mut out: W) -> io::Result<Self> {
        let mut h = Vec::with_capacity(24);
        h.extend_from_slice(&MAGIC.to_le_bytes());
        h.extend_from_slice(&2u16.to_le_bytes());
        h.extend_from_slice(&4u16.to_le_bytes());
        h.extend_from_slice(&0i32.to_le_bytes()); // thiszone
        h.extend_from_slice(&0u32.to_le_bytes()); // sigfigs
        h.extend_from_slice(&SNAPLEN.to_le_bytes());
        h.extend_from_slice(&LINKTYPE_ETHERNET.to_le_bytes());
        out.write_all(&h)?;
        Ok(PcapWriter { out, frames: 0 })
    }

    /// Appends a frame captured at Unix time `unix_us` (microseconds).
    pub fn write(&mut self, unix_us: u64, frame: &[u8]) -> io::Result<()> {
        let len = frame.len().min(SNAPLEN as usize) as u32;
        let mut h = [0u8; 16];
        h[0..4].copy_from_slice(&((unix_us / 1_000_000) as u32).to_le_bytes());
        h[4..8].copy_from_slice(&((unix_us % 1_000_000) as u32).to_le_bytes());
        h[8..12].copy_from_slice(&len.to_le_bytes());
        h[12..16].copy_from_slice(&(frame.len() as u32).to_le_bytes());
        self.out.write_all(&h)?;
        self.out.write_all(&frame[..len as usize])?;
        self.frames += 1;
        Ok(())
    }

    /// Frames written.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Flushes and returns the stream.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Reads a little-endian microsecond pcap file written by [`PcapWriter`]
/// (or tcpdump on a little-endian machine): (Unix microseconds, frame).
/// `None` if the header or a record is malformed.
pub fn read(data: &[u8]) -> Option<Vec<(u64, Vec<u8>)>> {
    let u32_at = |o: usize| -> Option<u32> {
        Some(u32::from_le_bytes(data.get(o..o + 4)?.try_into().ok()?))
    };
    if u32_at(0)? != MAGIC || u32_at(20)? != LINKTYPE_ETHERNET {
        return None;
    }
    let mut out = Vec::new();
    let mut off = 24;
    while off < data.len() {
        let secs = u64::from(u32_at(off)?);
        let usecs = u64::from(u32_at(off + 4)?);
        let caplen = u32_at(off + 8)? as usize;
        let frame = data.get(off + 16..off + 16 + caplen)?;
        out.push((secs * 1_000_000 + usecs, frame.to_vec()));
        off += 16 + caplen;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn header_bytes_and_round_trip() {
        let mut w = super::PcapWriter::new(Vec::new()).unwrap();
        w.write(1_735_689_600_000_250, &[1, 2, 3]).unwrap();
        let bytes = w.finish().unwrap();
        assert_eq!(
            &bytes[..24],
            &[
                0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0,
                0, 0
            ]
        );
        // 1735689600 = 0x6774_8580, 250 us.
        assert_eq!(
            &bytes[24..40],
            &[0x80, 0x85, 0x74, 0x67, 250, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0]
        );
        let back = super::read(&bytes).unwrap();
        assert_eq!(back, vec![(1_735_689_600_000_250, vec![1, 2, 3])]);
        assert!(super::read(&bytes[..30]).is_none());
    }
}
