//! Errata-aware driver for the Microchip ENC28J60 10BASE-T Ethernet controller
//! on `embedded-hal` 1.0, plus (feature `model`) a behavioural model of the
//! chip to test it against.
//!
//! The driver follows the datasheet (DS39662) and the silicon errata
//! (DS80349, revisions B1-B7); comments cite the datasheet section, or the
//! errata issue by topic (its item numbers differ between editions), each
//! rule comes from. It also runs on the simplified ENC28J60 of the MSPSim
//! `proiot3` board (see the crate README).
//!
//! ```ignore
//! let mut eth = Enc28j60::new(spi, delay, Config::new(mac))?;
//! if let Some(len) = eth.receive(&mut frame)? { /* frame[..len] */ }
//! eth.transmit(&frame[..len])?;
//! ```
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod driver;
pub mod regs;

#[cfg(feature = "model")]
pub mod model;

pub use driver::{
    solicited_node_mac, Config, Counters, Enc28j60, Error, MulticastMode, Revision, RxFrame,
    ALL_NODES_MAC, DEFAULT_PHLCON, DEFAULT_RX_BUFFER_END, MAX_FRAME_LEN,
};

/// Index (0..=63) of a destination MAC address in the receive hash table.
///
/// DS39662 section 8.2.3: the CRC-32 (polynomial 0x04C11DB7, preset to all
/// ones, data bits taken least significant first, no final inversion) of the
/// destination address; bits 28:23 select the bit of EHT0..EHT7. Bitwise, so
/// no table in flash; `const`, so constant addresses cost no code.
pub const fn hash_index(mac: &[u8; 6]) -> u8 {
    hash_bits(crc32_update(0xFFFF_FFFF, mac))
}

/// The hash table index in a CRC-32 register: bits 28:23 (DS39662 8.2.3).
pub(crate) const fn hash_bits(crc: u32) -> u8 {
    ((crc >> 23) & 0x3F) as u8
}

/// The CRC-32 register of [`hash_index`] after `bytes`, from `crc`. `const`:
/// a constant prefix (such as the 33-33-FF of solicited-node groups) is
/// folded at compile time.
pub(crate) const fn crc32_update(crc: u32, bytes: &[u8]) -> u32 {
    // The register as two 16-bit halves, the MSP430's word (4 B less
    // code than the u32 shift and xor).
    let (mut high, mut low) = ((crc >> 16) as u16, crc as u16);
    let mut i = 0;
    while i < bytes.len() {
        let mut bits = bytes[i];
        // u8 counter and sign tests: 16-bit friendly on the MSP430.
        let mut n = 0u8;
        while n < 8 {
            let feedback = (bits & 1 != 0) != ((high as i16) < 0);
            bits >>= 1;
            high = (high << 1) | ((low as i16) < 0) as u16;
            low <<= 1;
            if feedback {
                high ^= 0x04C1;
                low ^= 0x1DB7;
            }
            n += 1;
        }
        i += 1;
    }
    (high as u32) << 16 | low as u32
}

/// The CRC-32 register after the solicited-node groups' common prefix
/// 33-33-FF (RFC 2464 section 7).
const SOLICITED_PREFIX: u32 = crc32_update(0xFFFF_FFFF, &[0x33, 0x33, 0xFF]);

/// [`hash_index`] of the solicited-node group 33-33-FF-`low24`.
const fn solicited_crc_index(low24: [u8; 3]) -> u8 {
    hash_bits(crc32_update(SOLICITED_PREFIX, &low24))
}

/// [`SOLICITED_COLUMNS`]'s base: the index for `low24` all zero.
const SOLICITED_BASE: u8 = solicited_crc_index([0; 3]);

/// The CRC is affine in the message bits over GF(2) (each step a shift
/// and a conditional xor of the polynomial), and the index is six of its
/// bits: the index of 33-33-FF-`low24` is [`SOLICITED_BASE`] xor, for
/// each bit `k` set in `low24` (bit 0 of its first byte first), the
/// column `k`: the index of that one bit set, xor the base. Computed
/// here at compile time; 24 bytes of table rather than the bitwise CRC
/// loop and the bit extraction in the image.
const SOLICITED_COLUMNS: [u8; 24] = {
    let mut columns = [0u8; 24];
    let mut k = 0;
    while k < 24 {
        let mut low24 = [0u8; 3];
        low24[k / 8] = 1 << (k % 8);
        columns[k] = solicited_crc_index(low24) ^ SOLICITED_BASE;
        k += 1;
    }
    columns
};

/// [`hash_index`] of the solicited-node group 33-33-FF-`low24` (RFC 4291
/// section 2.7.1, RFC 2464 section 7) by [`SOLICITED_COLUMNS`]: an xor
/// per bit set, no CRC at run time.
pub(crate) fn solicited_node_index(low24: &[u8; 3]) -> u8 {
    let mut index = SOLICITED_BASE;
    // One loop by index over the 24 bits (a nested loop or an iterator
    // over the columns was longer on the MSP430).
    let mut bits = 0;
    let mut k = 0;
    while k < SOLICITED_COLUMNS.len() {
        if k & 7 == 0 {
            bits = low24[k >> 3];
        }
        if bits & 1 != 0 {
            index ^= SOLICITED_COLUMNS[k];
        }
        bits >>= 1;
        k += 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_index_matches_the_reflected_crc32_register() {
        // Values from the reflected CRC-32 register (zlib's crc32 without the
        // final inversion), bit-reversed, bits 28:23 - computed independently.
        assert_eq!(hash_index(&ALL_NODES_MAC), 51);
        assert_eq!(hash_index(&solicited_node_mac([0x12, 0x34, 0x56])), 23);
        assert_eq!(hash_index(&[0xFF; 6]), 62);
        assert_eq!(hash_index(&[0x01, 0, 0, 0, 0, 0]), 63);
    }

    #[test]
    fn crc_of_a_prefix_then_the_rest_is_the_crc_of_the_whole() {
        let mac = solicited_node_mac([0x12, 0x34, 0x56]);
        let prefix = crc32_update(0xFFFF_FFFF, &mac[..3]);
        assert_eq!(hash_bits(crc32_update(prefix, &mac[3..])), hash_index(&mac));
    }

    #[test]
    fn solicited_node_index_by_columns_is_the_crc_index() {
        // Every single bit, and a spread of values over the 24 bits.
        for k in 0..24 {
            let mut low24 = [0u8; 3];
            low24[k / 8] = 1 << (k % 8);
            assert_eq!(
                solicited_node_index(&low24),
                hash_index(&solicited_node_mac(low24))
            );
        }
        let mut x = 0x00C0_FFEEu32;
        for _ in 0..5000 {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let low24 = [(x >> 24) as u8, (x >> 16) as u8, (x >> 8) as u8];
            assert_eq!(
                solicited_node_index(&low24),
                hash_index(&solicited_node_mac(low24)),
                "{low24:02x?}"
            );
        }
        // The example of the tests above: 23, as the bitwise CRC gives.
        assert_eq!(solicited_node_index(&[0x12, 0x34, 0x56]), 23);
    }

    #[test]
    fn revision_decoding() {
        assert_eq!(Revision::from_erevid(0x06), Revision::B7);
        assert_eq!(Revision::from_erevid(0x02), Revision::B1);
        assert!(!Revision::from_erevid(0x00).is_known());
    }
}
