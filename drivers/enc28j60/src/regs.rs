//! ENC28J60 register map, opcodes and bit names (datasheet DS39662, section 3).
//!
//! A control register is named by a `u8` that packs, besides its 5-bit
//! address, its bank (bits 6:5) and whether it is a MAC/MII register (bit 7),
//! whose reads shift out a dummy byte first (DS39662 section 4.2.1).
//! Registers 0x1B-0x1F are present in every bank (section 3.1).

// The names are the datasheet's; each is documented by the table it comes from.
#![allow(missing_docs)]
#![allow(clippy::identity_op)]

/// Mask of the 5-bit register address.
pub const ADDR_MASK: u8 = 0x1F;
/// Flag: the register is a MAC or MII register (dummy byte on read).
pub const MAC_MII: u8 = 0x80;
/// First address of the registers common to all banks.
pub const COMMON_START: u8 = 0x1B;

const B0: u8 = 0x00;
const B1: u8 = 0x20;
const B2: u8 = 0x40 | MAC_MII;
const B3: u8 = 0x60;

/// Bank encoded in a register name (0..=3).
pub const fn bank_of(reg: u8) -> u8 {
    (reg >> 5) & 0x03
}

/// Whether a (bank, address) pair is a MAC/MII register (DS39662 table 3-2).
pub const fn is_mac_mii(bank: u8, addr: u8) -> bool {
    match bank {
        2 => addr < COMMON_START,
        3 => addr <= 0x05 || addr == 0x0A,
        _ => false,
    }
}

// SPI opcodes (DS39662 table 4-1).
pub const OP_RCR: u8 = 0x00;
pub const OP_RBM: u8 = 0x3A;
pub const OP_WCR: u8 = 0x40;
pub const OP_WBM: u8 = 0x7A;
pub const OP_BFS: u8 = 0x80;
pub const OP_BFC: u8 = 0xA0;
pub const OP_SRC: u8 = 0xFF;

// Common registers.
pub const EIE: u8 = 0x1B;
pub const EIR: u8 = 0x1C;
pub const ESTAT: u8 = 0x1D;
pub const ECON2: u8 = 0x1E;
pub const ECON1: u8 = 0x1F;

// Bank 0.
pub const ERDPTL: u8 = B0 | 0x00;
pub const ERDPTH: u8 = B0 | 0x01;
pub const EWRPTL: u8 = B0 | 0x02;
pub const EWRPTH: u8 = B0 | 0x03;
pub const ETXSTL: u8 = B0 | 0x04;
pub const ETXSTH: u8 = B0 | 0x05;
pub const ETXNDL: u8 = B0 | 0x06;
pub const ETXNDH: u8 = B0 | 0x07;
pub const ERXSTL: u8 = B0 | 0x08;
pub const ERXSTH: u8 = B0 | 0x09;
pub const ERXNDL: u8 = B0 | 0x0A;
pub const ERXNDH: u8 = B0 | 0x0B;
pub const ERXRDPTL: u8 = B0 | 0x0C;
pub const ERXRDPTH: u8 = B0 | 0x0D;
pub const ERXWRPTL: u8 = B0 | 0x0E;
pub const ERXWRPTH: u8 = B0 | 0x0F;

// Bank 1.
pub const EHT0: u8 = B1 | 0x00;
pub const ERXFCON: u8 = B1 | 0x18;
pub const EPKTCNT: u8 = B1 | 0x19;

// Bank 2 (all MAC/MII).
pub const MACON1: u8 = B2 | 0x00;
pub const MACON3: u8 = B2 | 0x02;
pub const MACON4: u8 = B2 | 0x03;
pub const MABBIPG: u8 = B2 | 0x04;
pub const MAIPGL: u8 = B2 | 0x06;
pub const MAIPGH: u8 = B2 | 0x07;
pub const MACLCON1: u8 = B2 | 0x08;
pub const MACLCON2: u8 = B2 | 0x09;
pub const MAMXFLL: u8 = B2 | 0x0A;
pub const MAMXFLH: u8 = B2 | 0x0B;
pub const MICMD: u8 = B2 | 0x12;
pub const MIREGADR: u8 = B2 | 0x14;
pub const MIWRL: u8 = B2 | 0x16;
pub const MIWRH: u8 = B2 | 0x17;
pub const MIRDL: u8 = B2 | 0x18;
pub const MIRDH: u8 = B2 | 0x19;

// Bank 3.
pub const MAADR5: u8 = B3 | MAC_MII | 0x00;
pub const MAADR6: u8 = B3 | MAC_MII | 0x01;
pub const MAADR3: u8 = B3 | MAC_MII | 0x02;
pub const MAADR4: u8 = B3 | MAC_MII | 0x03;
pub const MAADR1: u8 = B3 | MAC_MII | 0x04;
pub const MAADR2: u8 = B3 | MAC_MII | 0x05;
pub const MISTAT: u8 = B3 | MAC_MII | 0x0A;
pub const EREVID: u8 = B3 | 0x12;

// EIE / EIR bits (DS39662 registers 12-1, 12-2).
pub const EIE_INTIE: u8 = 0x80;
pub const EIE_PKTIE: u8 = 0x40;
pub const EIE_LINKIE: u8 = 0x10;
pub const EIE_TXIE: u8 = 0x08;
pub const EIE_TXERIE: u8 = 0x02;
pub const EIE_RXERIE: u8 = 0x01;
pub const EIR_PKTIF: u8 = 0x40;
pub const EIR_DMAIF: u8 = 0x20;
pub const EIR_LINKIF: u8 = 0x10;
pub const EIR_TXIF: u8 = 0x08;
pub const EIR_TXERIF: u8 = 0x02;
pub const EIR_RXERIF: u8 = 0x01;

// ESTAT bits (register 12-2). Bit 3 is unimplemented and reads 0.
pub const ESTAT_INT: u8 = 0x80;
pub const ESTAT_BUFER: u8 = 0x40;
pub const ESTAT_LATECOL: u8 = 0x10;
pub const ESTAT_UNIMPLEMENTED: u8 = 0x08;
pub const ESTAT_RXBUSY: u8 = 0x04;
pub const ESTAT_TXABRT: u8 = 0x02;
pub const ESTAT_CLKRDY: u8 = 0x01;

// ECON2 bits (register 3-2).
pub const ECON2_AUTOINC: u8 = 0x80;
pub const ECON2_PKTDEC: u8 = 0x40;
pub const ECON2_PWRSV: u8 = 0x20;
pub const ECON2_VRPS: u8 = 0x08;

// ECON1 bits (register 3-1).
pub const ECON1_TXRST: u8 = 0x80;
pub const ECON1_RXRST: u8 = 0x40;
pub const ECON1_DMAST: u8 = 0x20;
pub const ECON1_CSUMEN: u8 = 0x10;
pub const ECON1_TXRTS: u8 = 0x08;
pub const ECON1_RXEN: u8 = 0x04;
pub const ECON1_BSEL: u8 = 0x03;

// ERXFCON bits (register 8-1).
pub const ERXFCON_UCEN: u8 = 0x80;
pub const ERXFCON_ANDOR: u8 = 0x40;
pub const ERXFCON_CRCEN: u8 = 0x20;
pub const ERXFCON_PMEN: u8 = 0x10;
pub const ERXFCON_MPEN: u8 = 0x08;
pub const ERXFCON_HTEN: u8 = 0x04;
pub const ERXFCON_MCEN: u8 = 0x02;
pub const ERXFCON_BCEN: u8 = 0x01;

// MACON1 / MACON3 / MACON4 bits (registers 6-1, 6-2, 6-3).
pub const MACON1_TXPAUS: u8 = 0x08;
pub const MACON1_RXPAUS: u8 = 0x04;
pub const MACON1_MARXEN: u8 = 0x01;
pub const MACON3_PADCFG0: u8 = 0x20;
pub const MACON3_TXCRCEN: u8 = 0x10;
pub const MACON3_FRMLNEN: u8 = 0x02;
pub const MACON3_FULDPX: u8 = 0x01;
pub const MACON4_DEFER: u8 = 0x40;

// MICMD / MISTAT bits (registers 3-3, 3-4).
pub const MICMD_MIIRD: u8 = 0x01;
pub const MISTAT_BUSY: u8 = 0x01;

// PHY registers (DS39662 table 3-3) and bits.
pub const PHCON1: u8 = 0x00;
pub const PHSTAT1: u8 = 0x01;
pub const PHID1: u8 = 0x02;
pub const PHID2: u8 = 0x03;
pub const PHCON2: u8 = 0x10;
pub const PHSTAT2: u8 = 0x11;
pub const PHIE: u8 = 0x12;
pub const PHIR: u8 = 0x13;
pub const PHLCON: u8 = 0x14;
pub const PHCON1_PRST: u16 = 0x8000;
pub const PHCON1_PPWRSV: u16 = 0x0800;
pub const PHCON1_PDPXMD: u16 = 0x0100;
pub const PHSTAT1_LLSTAT: u16 = 0x0004;
pub const PHCON2_HDLDIS: u16 = 0x0100;
pub const PHSTAT2_LSTAT: u16 = 0x0400;
pub const PHSTAT2_DPXSTAT: u16 = 0x0200;
pub const PHIE_PLNKIE: u16 = 0x0010;
pub const PHIE_PGEIE: u16 = 0x0002;
pub const PHIR_PLNKIF: u16 = 0x0010;
pub const PHIR_PGIF: u16 = 0x0004;

// Receive status vector bits (DS39662 table 7-3), as a u32 of bytes 2..6 of
// the 6-byte header: bits 15:0 byte count, 16.. flags.
pub const RSV_RECEIVED_OK: u32 = 1 << 23;
pub const RSV_MULTICAST: u32 = 1 << 24;
pub const RSV_BROADCAST: u32 = 1 << 25;
pub const RSV_ZERO: u32 = 1 << 31;

// Transmit status vector, byte 3 (bits 31:24 of table 7-1).
pub const TSV3_EXCESSIVE_DEFER: u8 = 0x08;
pub const TSV3_EXCESSIVE_COLLISION: u8 = 0x10;
pub const TSV3_LATE_COLLISION: u8 = 0x20;
pub const TSV3_GIANT: u8 = 0x40;
pub const TSV3_UNDERRUN: u8 = 0x80;
/// TSV byte 2 bit 7: transmit done.
pub const TSV2_DONE: u8 = 0x80;

/// Size of the transmit status vector written after ETXND (section 5.3).
pub const TSV_LEN: u16 = 7;
/// Largest frame on the wire including the 4-byte CRC (IEEE 802.3).
pub const MAX_FRAME_WITH_CRC: u16 = 1518;
/// Last address of the 8 KB buffer memory.
pub const BUFFER_END: u16 = 0x1FFF;
/// EREVID value of each silicon revision (errata DS80349, table 1).
pub const REV_B1: u8 = 0x02;
pub const REV_B4: u8 = 0x04;
pub const REV_B5: u8 = 0x05;
pub const REV_B7: u8 = 0x06;
