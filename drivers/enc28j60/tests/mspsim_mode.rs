//! The driver against the model in MSPSim mode: the simplified ENC28J60 of
//! the MSPSim `proiot3` build (plain register storage, streamed buffer reads,
//! ignored pointers, EREVID 0, PHY reads 0, TXRTS sends at once).
#![cfg(feature = "model")]

mod common;

use common::*;
use enc28j60::model::{Enc28j60Model, ModelMode};
use enc28j60::Revision;

#[test]
fn init_does_not_block_on_revision_phy_or_link() {
    let (model, mut eth) = setup(Enc28j60Model::mspsim());
    assert_eq!(model.lock().mode(), ModelMode::MspSim);
    assert_eq!(eth.revision(), Revision::Unknown(0));
    assert!(!eth.revision().is_known());
    // PHY reads return 0: the link looks down, and nothing hangs.
    assert!(!eth.link_up().unwrap());
    assert_eq!(eth.phy_read(enc28j60::regs::PHID1).unwrap(), 0);
}

#[test]
fn receives_streamed_frames_in_order() {
    let (model, mut eth) = setup(Enc28j60Model::mspsim());
    let frames = [
        hex(ECHO_REQUEST),
        hex(NEIGHBOR_SOLICITATION),
        frame(MAC, 1500, 3),
        frame([0xFF; 6], 60, 4),
    ];
    inject_all(&model, &frames);
    receive_in_order(&mut eth, &frames);
    assert_eq!(model.lock().pending_frames(), 0);
    assert_eq!(eth.counters().rx_resets, 0);
}

#[test]
fn sends_exactly_the_frame_bytes() {
    let (model, mut eth) = setup(Enc28j60Model::mspsim());
    let rs = hex(ROUTER_SOLICITATION);
    eth.transmit(&rs).unwrap();
    let short = frame(PEER, 42, 1);
    eth.transmit(&short).unwrap();
    let mut chip = model.lock();
    assert_eq!(chip.pop_transmitted().unwrap(), rs);
    // No padding on this model: exactly what was written after the control byte.
    assert_eq!(chip.pop_transmitted().unwrap(), short);
    assert_eq!(chip.pop_transmitted(), None);
}

#[test]
fn sending_never_consumes_receive_data() {
    // Any buffer read consumes receive data on this model, so a transmit that
    // read a status vector would eat the queued frame.
    let (model, mut eth) = setup(Enc28j60Model::mspsim());
    let echo = hex(ECHO_REQUEST);
    model.lock().inject_frame(&echo);
    for i in 0..5 {
        eth.transmit(&frame(PEER, 100 + i, i as u32)).unwrap();
    }
    let mut buf = [0u8; 1514];
    let len = eth.receive(&mut buf).unwrap().unwrap();
    assert_eq!(&buf[..len], &echo[..]);
    assert_eq!(model.lock().stats().rbm_data_bytes, 6 + 70);
}

#[test]
fn frames_queued_before_init_and_too_long_ones_are_handled() {
    let mut chip = Enc28j60Model::mspsim();
    let early = frame(MAC, 80, 1);
    // Frames queue even before RXEN on this model.
    chip.inject_frame(&early);
    let (model, mut eth) = setup(chip);
    let big = frame(MAC, 1200, 2);
    let after = frame(MAC, 90, 3);
    model.lock().inject_frame(&big);
    model.lock().inject_frame(&after);
    let mut buf = [0u8; 512];
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(80));
    assert_eq!(&buf[..80], &early[..]);
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(90));
    assert_eq!(&buf[..90], &after[..]);
    assert_eq!(eth.counters().rx_dropped_too_long, 1);
    assert_eq!(eth.receive(&mut buf).unwrap(), None);
}

#[test]
fn tap_frames_over_1500_bytes_are_cut() {
    let (model, mut eth) = setup(Enc28j60Model::mspsim());
    let f = frame(MAC, 1514, 9);
    model.lock().inject_frame(&f);
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf).unwrap(), Some(1500));
    assert_eq!(&buf[..1500], &f[..1500]);
}

#[test]
fn interleaved_traffic() {
    let (model, mut eth) = setup(Enc28j60Model::mspsim());
    let mut buf = [0u8; 1514];
    for i in 0..50u32 {
        let rx = frame(MAC, 60 + (i as usize * 37) % 1400, i);
        model.lock().inject_frame(&rx);
        let tx = frame(PEER, 60 + (i as usize * 53) % 1400, i + 1000);
        eth.transmit(&tx).unwrap();
        let len = eth.receive(&mut buf).unwrap().unwrap();
        assert_eq!(&buf[..len], &rx[..]);
        assert_eq!(model.lock().pop_transmitted().unwrap(), tx);
    }
}

#[test]
fn receive_cut_on_the_mspsim_model() {
    let (model, mut eth) = setup(Enc28j60Model::mspsim());
    let big = frame(MAC, 575, 4);
    let after = frame(MAC, 90, 5);
    model.lock().inject_frame(&big);
    model.lock().inject_frame(&after);
    let mut buf = [0u8; 350];
    let rx = eth.receive_cut(&mut buf).unwrap().unwrap();
    assert_eq!((rx.len, rx.stored), (575, 350));
    assert_eq!(&buf[..], &big[..350]);
    // The sum of bytes 350..575 (words at even frame offsets, the last
    // byte padded).
    assert_eq!(rx.tail_sum, tail_sum_reference(&big, 350));
    let rx = eth.receive_cut(&mut buf).unwrap().unwrap();
    assert_eq!((rx.len, rx.stored, rx.tail_sum), (90, 90, 0));
    assert_eq!(&buf[..90], &after[..]);
    assert_eq!(eth.counters().rx_dropped_too_long, 1);
}
