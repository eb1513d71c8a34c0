//! The driver after an SPI error in the middle of a transaction, against
//! the datasheet-mode chip model: the bus fails after some bytes of a
//! chosen command, so the chip has taken part of it (a read that moved
//! ERDPT, a write that moved EWRPT, the first of two bank-select bits).
//! The driver cannot know how far the chip got: its cached copies of the
//! chip's pointers and bank must not be trusted afterwards, and the next
//! operation must work as on a fresh bus.
#![cfg(feature = "model")]

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use embedded_hal::spi::{ErrorKind, ErrorType, Operation, SpiDevice};
use enc28j60::model::{Enc28j60Model, ModelDelay, SharedModel};
use enc28j60::regs::*;
use enc28j60::{Config, Enc28j60, Error};

/// The bus's error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct BusError;

impl embedded_hal::spi::Error for BusError {
    fn kind(&self) -> ErrorKind {
        ErrorKind::Other
    }
}

/// Which transaction fails, and where.
#[derive(Clone, Copy, Debug)]
struct Failure {
    /// The first byte of the transaction (opcode and argument).
    first: u8,
    /// Transactions starting with `first` let through before the failing one.
    skip: u32,
    /// Bytes of the failing transaction exchanged (its first byte
    /// included) before the bus gives up.
    after: usize,
}

/// An SPI device on the model that fails one chosen transaction part way
/// through (chip select released after `after` bytes, then an error).
#[derive(Clone)]
struct FlakySpi {
    model: SharedModel,
    failure: Arc<Mutex<Option<Failure>>>,
}

impl FlakySpi {
    fn arm(&self, first: u8, skip: u32, after: usize) {
        *self.failure.lock().unwrap() = Some(Failure { first, skip, after });
    }
}

impl ErrorType for FlakySpi {
    type Error = BusError;
}

impl SpiDevice for FlakySpi {
    fn transaction(&mut self, operations: &mut [Operation<'_, u8>]) -> Result<(), BusError> {
        let first = match operations.first() {
            Some(Operation::Write(data)) => data.first().copied(),
            Some(Operation::TransferInPlace(data)) => data.first().copied(),
            _ => None,
        };
        // Bytes left before the failure, if this transaction fails.
        let mut budget = None;
        {
            let mut failure = self.failure.lock().unwrap();
            if let Some(f) = failure.as_mut() {
                if first == Some(f.first) {
                    if f.skip == 0 {
                        budget = Some(f.after);
                        *failure = None;
                    } else {
                        f.skip -= 1;
                    }
                }
            }
        }
        let mut chip = self.model.lock();
        chip.select();
        let mut exchange = |mosi: u8| -> Option<u8> {
            match budget.as_mut() {
                Some(0) => None,
                Some(n) => {
                    *n -= 1;
                    Some(chip.exchange(mosi))
                }
                None => Some(chip.exchange(mosi)),
            }
        };
        let mut failed = false;
        'ops: for op in operations.iter_mut() {
            match op {
                Operation::Write(data) => {
                    for &byte in data.iter() {
                        if exchange(byte).is_none() {
                            failed = true;
                            break 'ops;
                        }
                    }
                }
                Operation::Read(data) => {
                    for byte in data.iter_mut() {
                        match exchange(0) {
                            Some(miso) => *byte = miso,
                            None => {
                                failed = true;
                                break 'ops;
                            }
                        }
                    }
                }
                Operation::TransferInPlace(data) => {
                    for byte in data.iter_mut() {
                        match exchange(*byte) {
                            Some(miso) => *byte = miso,
                            None => {
                                failed = true;
                                break 'ops;
                            }
                        }
                    }
                }
                Operation::Transfer(..) | Operation::DelayNs(_) => {
                    unreachable!("the driver uses neither")
                }
            }
        }
        chip.deselect();
        if failed {
            Err(BusError)
        } else {
            Ok(())
        }
    }
}

type Driver = Enc28j60<FlakySpi, ModelDelay>;

fn flaky_setup() -> (SharedModel, FlakySpi, Driver) {
    let model = SharedModel::new(Enc28j60Model::new());
    let spi = FlakySpi {
        model: model.clone(),
        failure: Arc::new(Mutex::new(None)),
    };
    let eth = Enc28j60::new(spi.clone(), model.delay(), Config::new(MAC)).expect("init");
    (model, spi, eth)
}

#[test]
fn a_frame_whose_read_failed_half_way_is_read_whole_next_time() {
    let (model, spi, mut eth) = flaky_setup();
    // The first frame, at 0x0000: ERDPT was set there by the
    // initialisation, so the driver writes none of its bytes for it.
    let f = frame(MAC, 300, 7);
    model.lock().inject_frame(&f);
    // The header's RBM goes through; the frame's fails after its opcode
    // and 100 bytes: the chip's ERDPT is 106 bytes into the frame.
    spi.arm(OP_RBM, 1, 1 + 100);
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf), Err(Error::Spi(BusError)));
    assert_eq!(model.lock().register16(ERDPTL), 6 + 100);
    // The frame is still in the chip (no PKTDEC): read again from its
    // header, whole. (A driver that trusted its cached ERDPT of 0x0000
    // would write no byte of ERDPT and read a header in the frame's data.)
    assert_eq!(eth.receive(&mut buf), Ok(Some(300)));
    assert_eq!(&buf[..300], &f[..]);
    assert_eq!(eth.counters().rx_resets, 0);
    assert_eq!(eth.counters().rx_frames, 1);
    assert_eq!(eth.receive(&mut buf), Ok(None));
    assert_no_violations(&model);
}

#[test]
fn a_frame_whose_header_read_failed_is_read_whole_next_time() {
    let (model, spi, mut eth) = flaky_setup();
    // A first frame of 500 bytes: the second's header at 6 + 500 + 4 =
    // 0x01FE, where ERDPT's high byte is the one the driver last left it
    // at (0x01FA, after the first frame): only its low byte is written.
    let first = frame(MAC, 500, 1);
    let second = frame(MAC, 120, 2);
    model.lock().inject_frame(&first);
    model.lock().inject_frame(&second);
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf), Ok(Some(500)));
    assert_eq!(model.lock().register16(ERDPTL), 0x01FA);
    // The second header's read stops after 3 of its 6 bytes: ERDPT
    // 0x0201, its high byte no longer the one the driver left.
    spi.arm(OP_RBM, 0, 1 + 3);
    assert!(matches!(eth.receive(&mut buf), Err(Error::Spi(_))));
    assert_eq!(model.lock().register16(ERDPTL), 0x0201);
    assert_eq!(eth.receive(&mut buf), Ok(Some(120)));
    assert_eq!(&buf[..120], &second[..]);
    assert_eq!(eth.counters().rx_resets, 0);
    assert_no_violations(&model);
}

#[test]
fn a_send_whose_buffer_write_failed_half_way_is_sent_whole_next_time() {
    let (model, spi, mut eth) = flaky_setup();
    let f = hex(ECHO_REQUEST);
    // WBM: its opcode, the control byte and 20 bytes of the frame reach
    // the chip, which moves EWRPT 21 bytes past ETXST.
    spi.arm(OP_WBM, 0, 2 + 20);
    assert_eq!(eth.transmit(&f), Err(Error::Spi(BusError)));
    assert_eq!(model.lock().pop_transmitted(), None);
    assert_eq!(model.lock().register16(EWRPTL), 0x1A00 + 21);
    // Sent again: written from ETXST (a driver that trusted its cached
    // EWRPT would have left the low byte, writing 21 bytes too far).
    eth.transmit(&f).unwrap();
    assert_eq!(model.lock().pop_transmitted(), Some(padded(&f)));
    assert_no_violations(&model);
}

#[test]
fn a_bank_switch_cut_half_way_is_made_again_whole() {
    let (model, spi, mut eth) = flaky_setup();
    model.lock().inject_frame(&frame(MAC, 80, 3));
    // EPKTCNT is in bank 1.
    assert_eq!(eth.pending_frames(), Ok(1));
    // The PHY read selects bank 2 (MIREGADR): BSEL bit 0 cleared, then
    // bit 1 set; the set fails, the chip is left in bank 0.
    spi.arm(OP_BFS | ECON1, 0, 1);
    assert!(matches!(eth.link_up(), Err(Error::Spi(_))));
    assert_eq!(model.lock().register(0, ECON1) & ECON1_BSEL, 0);
    // EPKTCNT again: bank 1 selected again, whatever the driver last
    // selected (it would read bank 0's 0x19 if it trusted its cache).
    assert_eq!(eth.pending_frames(), Ok(1));
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf), Ok(Some(80)));
    assert_no_violations(&model);
}

/// The chip's EPKTCNT (bank 1), read without side effects.
fn epktcnt(model: &SharedModel) -> u8 {
    model.lock().register(1, EPKTCNT & ADDR_MASK)
}

/// Two frames waiting; the release of the first (ERXRDPT, then PKTDEC,
/// DS 7.2.4) fails at the command `first` after its opcode byte, so the
/// chip takes none of that command (`erxrdpt_moved`: the ERXRDPT write
/// before it went through). The driver must not move on to the second
/// frame while the chip still counts the first: it reads the first again,
/// then the second, and nothing after them (no header read where no
/// frame is).
fn release_cut_at(first: u8, erxrdpt_moved: bool) {
    let (model, spi, mut eth) = flaky_setup();
    let f1 = frame(MAC, 200, 11);
    let f2 = frame(MAC, 90, 12);
    model.lock().inject_frame(&f1);
    model.lock().inject_frame(&f2);
    let read_ptr = model.lock().register16(ERXRDPTL);
    spi.arm(first, 0, 1);
    let mut buf = [0u8; 1514];
    assert_eq!(eth.receive(&mut buf), Err(Error::Spi(BusError)));
    // Both frames still counted; ERXRDPT where it was, or (written
    // before the failed PKTDEC) on the byte before the second frame, odd.
    assert_eq!(epktcnt(&model), 2);
    let expected = if erxrdpt_moved {
        6 + 200 + 4 - 1
    } else {
        read_ptr
    };
    assert_eq!(model.lock().register16(ERXRDPTL), expected);
    assert_eq!(eth.receive(&mut buf), Ok(Some(200)));
    assert_eq!(&buf[..200], &f1[..]);
    assert_eq!(eth.receive(&mut buf), Ok(Some(90)));
    assert_eq!(&buf[..90], &f2[..]);
    assert_eq!(eth.receive(&mut buf), Ok(None));
    assert_eq!(epktcnt(&model), 0);
    assert_eq!(eth.counters().rx_resets, 0);
    // Another frame after them is read at its place.
    let f3 = frame(MAC, 64, 13);
    model.lock().inject_frame(&f3);
    assert_eq!(eth.receive(&mut buf), Ok(Some(64)));
    assert_eq!(&buf[..64], &f3[..]);
    assert_eq!(eth.counters().rx_resets, 0);
    assert_no_violations(&model);
}

#[test]
fn a_frame_whose_pktdec_failed_is_read_again() {
    // (Before: the driver had moved its next-frame pointer to the second
    // frame, the chip's EPKTCNT stayed one too high, and after the second
    // frame the driver read a header where no frame was: a reset.)
    release_cut_at(OP_BFS | ECON2, true);
}

#[test]
fn a_frame_whose_erxrdpt_write_failed_is_read_again() {
    // ERXRDPTH's WCR cut after its opcode: the chip keeps ERXRDPTL latched,
    // ERXRDPT unchanged (DS 6.1). (Before: the first frame was lost, the
    // second returned in its place.)
    release_cut_at(OP_WCR | (ERXRDPTH & ADDR_MASK), false);
}
