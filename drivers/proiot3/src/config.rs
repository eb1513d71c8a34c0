//! Board configuration in information memory.
//!
//! Layout (information segment B, 0x1000, 128 bytes; all other bytes are
//! reserved and should stay erased, 0xFF):
//!
//! | offset | size | content |
//! | --- | --- | --- |
//! | 0 | 4 | magic `b"P3C1"` (0x50 0x33 0x43 0x31) |
//! | 4 | 6 | MAC address, transmission order |
//!
//! The record is used only if the magic matches and the address is a
//! unicast, non-zero one; otherwise [`DEFAULT_MAC`] applies. To provision a
//! board, `cargo xtask mac-hex 02:12:34:56:78:9a mac.hex` writes the record
//! as Intel HEX for any flash tool (erase segment B first).

/// Address of the configuration record (information segment B).
pub const INFO_ADDR: usize = 0x1000;
/// Magic at the start of the record.
pub const MAGIC: [u8; 4] = *b"P3C1";
/// Default MAC: locally administered, unicast.
pub const DEFAULT_MAC: [u8; 6] = [0x02, 0x00, 0x00, 0x00, 0x00, 0x42];

/// The MAC address from a raw record, or `None` when the record is absent
/// or the address unusable (multicast bit set, all zero).
pub fn mac_from_record(record: &[u8; 10]) -> Option<[u8; 6]> {
    let mut words = [0u16; 5];
    for (word, pair) in words.iter_mut().zip(record.chunks_exact(2)) {
        *word = u16::from_le_bytes([pair[0], pair[1]]);
    }
    if !record_valid(&words) {
        return None;
    }
    let mut mac = [0u8; 6];
    mac.copy_from_slice(&record[4..]);
    Some(mac)
}

/// Whether the record, as five little-endian words (how the MSP430 reads
/// it from information memory: word compares instead of byte loops), holds
/// the magic and a unicast, non-zero address.
fn record_valid(words: &[u16; 5]) -> bool {
    words[0] == u16::from_le_bytes([MAGIC[0], MAGIC[1]])
        && words[1] == u16::from_le_bytes([MAGIC[2], MAGIC[3]])
        // The multicast bit is bit 0 of the first address byte (the low
        // byte of word 2).
        && words[2] & 0x0001 == 0
        && words[2] | words[3] | words[4] != 0
}

/// The board's MAC address: from information memory if programmed, else
/// [`DEFAULT_MAC`].
#[cfg(target_arch = "msp430")]
pub fn mac_address() -> [u8; 6] {
    // SAFETY: information memory is always mapped and readable, and the
    // firmware never writes it; INFO_ADDR is word-aligned. Read in place: a
    // volatile copy of the record costs more code than it reads.
    let words = unsafe { &*(INFO_ADDR as *const [u16; 5]) };
    let record = unsafe { &*(INFO_ADDR as *const [u8; 10]) };
    let [_, _, _, _, stored @ ..] = record;
    // One 6-byte copy from whichever source applies.
    *(if record_valid(words) {
        stored
    } else {
        &DEFAULT_MAC
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erased_flash_gives_none() {
        assert_eq!(mac_from_record(&[0xFF; 10]), None);
    }

    #[test]
    fn programmed_record() {
        let r = [0x50, 0x33, 0x43, 0x31, 0x02, 0x12, 0x34, 0x56, 0x78, 0x9A];
        assert_eq!(
            mac_from_record(&r),
            Some([0x02, 0x12, 0x34, 0x56, 0x78, 0x9A])
        );
    }

    #[test]
    fn rejects_multicast_and_zero() {
        let mut r = [0x50, 0x33, 0x43, 0x31, 0x01, 0, 0, 0, 0, 1];
        assert_eq!(mac_from_record(&r), None);
        r[4..].copy_from_slice(&[0; 6]);
        assert_eq!(mac_from_record(&r), None);
        r[0] = b'X';
        r[4] = 2;
        assert_eq!(mac_from_record(&r), None);
    }
}
