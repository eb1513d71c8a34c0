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
    solicited_node_mac, Config, Counters, Enc28j60, Error, MulticastMode, Revision, ALL_NODES_MAC,
    DEFAULT_PHLCON, DEFAULT_RX_BUFFER_END, MAX_FRAME_LEN,
};

/// Index (0..=63) of a destination MAC address in the receive hash table.
///
/// DS39662 section 8.2.3: the CRC-32 (polynomial 0x04C11DB7, preset to all
/// ones, data bits taken least significant first, no final inversion) of the
/// destination address; bits 28:23 select the bit of EHT0..EHT7. Bitwise, so
/// no table in flash.
pub fn hash_index(mac: &[u8; 6]) -> u8 {
    let mut crc: u32 = 0xFFFF_FFFF;
    for &byte in mac {
        let mut bits = byte;
        // u8 counter and sign test: 16-bit friendly on the MSP430.
        for _ in 0..8u8 {
            let feedback = (bits & 1 != 0) != ((crc as i32) < 0);
            bits >>= 1;
            crc <<= 1;
            if feedback {
                crc ^= 0x04C1_1DB7;
            }
        }
    }
    ((crc >> 23) & 0x3F) as u8
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
    fn revision_decoding() {
        assert_eq!(Revision::from_erevid(0x06), Revision::B7);
        assert_eq!(Revision::from_erevid(0x02), Revision::B1);
        assert!(!Revision::from_erevid(0x00).is_known());
    }
}
