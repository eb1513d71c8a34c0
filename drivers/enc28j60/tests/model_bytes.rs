//! The model's byte-level SPI face on its own, as the board simulator drives
//! it (select / exchange / deselect), without the driver.
#![cfg(feature = "model")]

use enc28j60::model::{crc32, Enc28j60Model, InjectResult};
use enc28j60::regs::*;

/// One command with chip select around it; returns MISO bytes.
fn cmd(chip: &mut Enc28j60Model, bytes: &[u8]) -> Vec<u8> {
    chip.select();
    let miso = bytes.iter().map(|&b| chip.exchange(b)).collect();
    chip.deselect();
    miso
}

fn bank(chip: &mut Enc28j60Model, bank: u8) {
    cmd(chip, &[OP_BFC | ECON1, 0x03]);
    if bank != 0 {
        cmd(chip, &[OP_BFS | ECON1, bank]);
    }
}

fn wcr(chip: &mut Enc28j60Model, reg: u8, value: u8) {
    cmd(chip, &[OP_WCR | (reg & 0x1F), value]);
}

#[test]
fn model_is_send() {
    fn is_send<T: Send>() {}
    is_send::<Enc28j60Model>();
    is_send::<enc28j60::model::SharedModel>();
}

#[test]
fn eth_reads_have_no_dummy_byte_mac_reads_do() {
    let mut chip = Enc28j60Model::new().with_revision(REV_B5);
    bank(&mut chip, 3);
    assert_eq!(cmd(&mut chip, &[OP_RCR | 0x12, 0])[1], REV_B5);
    // MACON... bank 2 MACLCON2 resets to 0x37: byte 1 is a dummy, byte 2 the value.
    bank(&mut chip, 2);
    let miso = cmd(&mut chip, &[OP_RCR | (MACLCON2 & 0x1F), 0, 0]);
    assert_eq!(miso[2], 0x37);
    assert_ne!(miso[1], 0x37);
    // ESTAT after power-on: CLKRDY, unimplemented bit 3 clear.
    assert_eq!(cmd(&mut chip, &[OP_RCR | ESTAT, 0])[1], ESTAT_CLKRDY);
    assert!(chip.violations().is_empty());
}

#[test]
fn buffer_reads_wrap_inside_the_rx_buffer_and_writes_at_8k() {
    let mut chip = Enc28j60Model::new();
    bank(&mut chip, 0);
    // RX buffer 0x0000..=0x00FF; write pattern near 0x1FFE with WBM (outside).
    wcr(&mut chip, ERXSTL, 0);
    wcr(&mut chip, ERXSTH, 0);
    wcr(&mut chip, ERXNDL, 0xFF);
    wcr(&mut chip, ERXNDH, 0x00);
    wcr(&mut chip, EWRPTL, 0xFE);
    wcr(&mut chip, EWRPTH, 0x1F);
    cmd(&mut chip, &[OP_WBM, 1, 2, 3, 4]);
    // EWRPT wrapped to 0x0000 after 0x1FFF: the last two bytes landed in the
    // receive buffer, which the model reports.
    assert_eq!(chip.register16(EWRPTL), 0x0002);
    assert_eq!(chip.violations().len(), 2);
    // ERDPT at ERXND reads it, then wraps to ERXST.
    wcr(&mut chip, ERDPTL, 0xFF);
    wcr(&mut chip, ERDPTH, 0x00);
    let miso = cmd(&mut chip, &[OP_RBM, 0, 0, 0]);
    assert_eq!(chip.register16(ERDPTL), 0x0002);
    assert_eq!(&miso[2..], &[3, 4]);
}

#[test]
fn mii_read_is_busy_for_10_24_us() {
    let mut chip = Enc28j60Model::new();
    chip.set_ns_per_byte(0);
    bank(&mut chip, 2);
    wcr(&mut chip, MIREGADR, PHID1);
    wcr(&mut chip, MICMD, MICMD_MIIRD);
    bank(&mut chip, 3);
    assert_eq!(
        cmd(&mut chip, &[OP_RCR | (MISTAT & 0x1F), 0, 0])[2] & MISTAT_BUSY,
        1
    );
    chip.advance_ns(10_240);
    assert_eq!(
        cmd(&mut chip, &[OP_RCR | (MISTAT & 0x1F), 0, 0])[2] & MISTAT_BUSY,
        0
    );
    bank(&mut chip, 2);
    wcr(&mut chip, MICMD, 0);
    assert_eq!(cmd(&mut chip, &[OP_RCR | (MIRDL & 0x1F), 0, 0])[2], 0x83);
    assert_eq!(cmd(&mut chip, &[OP_RCR | (MIRDH & 0x1F), 0, 0])[2], 0x00);
    assert!(chip.violations().is_empty());
}

#[test]
fn received_frame_layout_matches_the_datasheet() {
    let mut chip = Enc28j60Model::new();
    bank(&mut chip, 0);
    // Receive buffer 0x0000..=0x1FFF (errata "RX buffer at 0x0000": start at 0), read from 0.
    wcr(&mut chip, ERXSTL, 0);
    wcr(&mut chip, ERXSTH, 0);
    wcr(&mut chip, ERDPTL, 0);
    wcr(&mut chip, ERDPTH, 0);
    // Enable reception, accept all.
    bank(&mut chip, 1);
    wcr(&mut chip, ERXFCON, 0);
    cmd(&mut chip, &[OP_BFS | ECON1, ECON1_RXEN]);
    let frame: Vec<u8> = (0..61u8).collect();
    assert_eq!(chip.inject_frame(&frame), InjectResult::Accepted);
    assert_eq!(cmd(&mut chip, &[OP_RCR | (EPKTCNT & 0x1F), 0])[1], 1);
    assert_ne!(cmd(&mut chip, &[OP_RCR | EIR, 0])[1] & EIR_PKTIF, 0);
    bank(&mut chip, 0);
    let mut read = vec![OP_RBM];
    read.extend(std::iter::repeat_n(0, 6 + 61 + 4));
    let miso = cmd(&mut chip, &read);
    // Next packet pointer: 6 + 61 + 4 = 0x0047, padded to even 0x0048;
    // byte count 65 with the CRC; status: received OK.
    assert_eq!(&miso[1..7], &[0x48, 0x00, 65, 0, 0x80, 0x00]);
    assert_eq!(&miso[7..68], &frame[..]);
    assert_eq!(&miso[68..72], &crc32(&frame).to_le_bytes());
    // PKTDEC empties the count.
    cmd(&mut chip, &[OP_BFS | ECON2, ECON2_PKTDEC]);
    assert_eq!(chip.pending_frames(), 0);
}

#[test]
fn system_reset_needs_a_millisecond_though_clkrdy_is_set() {
    let mut chip = Enc28j60Model::new();
    cmd(&mut chip, &[OP_SRC]);
    assert_eq!(
        cmd(&mut chip, &[OP_RCR | ESTAT, 0])[1] & ESTAT_CLKRDY,
        ESTAT_CLKRDY
    );
    wcr(&mut chip, EIE, 0x40);
    assert_eq!(chip.violations().len(), 1);
    assert_eq!(chip.register(0, EIE), 0);
    chip.advance_ns(1_000_000);
    wcr(&mut chip, EIE, 0x40);
    assert_eq!(chip.register(0, EIE), 0x40);
}

#[test]
fn mspsim_mode_streams_the_head_frame() {
    let mut chip = Enc28j60Model::mspsim();
    chip.inject_frame(&[0xAA; 20]);
    chip.inject_frame(&[0xBB; 30]);
    // Register reads force EPKTCNT to the queue length, ESTAT to CLKRDY.
    bank(&mut chip, 1);
    assert_eq!(cmd(&mut chip, &[OP_RCR | (EPKTCNT & 0x1F), 0])[1], 2);
    assert_eq!(cmd(&mut chip, &[OP_RCR | ESTAT, 0])[1], 0x01);
    // Pointers are ignored: reads stream header, frame, zero CRC, then zeros.
    let miso = cmd(&mut chip, &[OP_RBM, 0, 0, 0, 0]);
    assert_eq!(&miso[1..], &[0, 0, 24, 0]);
    let miso = cmd(&mut chip, &[OP_RBM, 0, 0, 0]);
    assert_eq!(&miso[1..], &[0x80, 0, 0xAA]);
    cmd(&mut chip, &[OP_BFS | ECON2, ECON2_PKTDEC]);
    let miso = cmd(&mut chip, &[OP_RBM, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(&miso[1..], &[0, 0, 34, 0, 0x80, 0, 0xBB]);
    // Transmit: everything after the control byte, sent when TXRTS is set.
    cmd(&mut chip, &[OP_WBM, 0x00, 1, 2, 3]);
    cmd(&mut chip, &[OP_BFS | ECON1, ECON1_TXRTS]);
    assert_eq!(chip.pop_transmitted(), Some(vec![1, 2, 3]));
    assert_eq!(cmd(&mut chip, &[OP_RCR | ECON1, 0])[1] & ECON1_TXRTS, 0);
    // System reset does nothing; DMAST never clears.
    cmd(&mut chip, &[OP_BFS | ECON1, ECON1_DMAST]);
    cmd(&mut chip, &[OP_SRC]);
    assert_ne!(cmd(&mut chip, &[OP_RCR | ECON1, 0])[1] & ECON1_DMAST, 0);
}
