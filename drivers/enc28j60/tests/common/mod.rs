//! Helpers shared by the driver-against-model tests.
#![allow(dead_code)]

use enc28j60::model::{Enc28j60Model, InjectResult, ModelDelay, ModelSpi, SharedModel};
use enc28j60::regs::ERXWRPTL;
use enc28j60::{Config, Enc28j60};

/// Our MAC address in the tests.
pub const MAC: [u8; 6] = [0x02, 0x00, 0x00, 0x12, 0x34, 0x56];
/// The link partner's MAC.
pub const PEER: [u8; 6] = [0x52, 0x54, 0x00, 0xab, 0xcd, 0xef];

pub type Driver = Enc28j60<ModelSpi, ModelDelay>;

/// ICMPv6 echo request fe80::5054:ff:feab:cdef -> fe80::ff:fe12:3456 to our MAC.
pub const ECHO_REQUEST: &str = "020000123456525400abcdef86dd6000000000103a40\
fe80000000000000505400fffeabcdeffe80000000000000000000fffe123456\
80006eab123400016d6963726f697036";
/// Neighbor solicitation for fe80::ff:fe12:3456, to its solicited-node group.
pub const NEIGHBOR_SOLICITATION: &str = "3333ff123456525400abcdef86dd6000000000203aff\
fe80000000000000505400fffeabcdefff0200000000000000000001ff123456\
8700d5ee00000000fe80000000000000000000fffe1234560101525400abcdef";
/// Router solicitation fe80::5054:ff:feab:cdef -> ff02::2.
pub const ROUTER_SOLICITATION: &str = "333300000002525400abcdef86dd6000000000103aff\
fe80000000000000505400fffeabcdefff020000000000000000000000000002\
85003d50000000000101525400abcdef";

pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// An IPv6-over-Ethernet frame of `len` bytes to `dst`, payload from `seed`.
pub fn frame(dst: [u8; 6], len: usize, seed: u32) -> Vec<u8> {
    assert!(len >= 14);
    let mut f = Vec::with_capacity(len);
    f.extend_from_slice(&dst);
    f.extend_from_slice(&PEER);
    f.extend_from_slice(&[0x86, 0xdd]);
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    while f.len() < len {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        f.push(x as u8);
    }
    f
}

pub fn setup_with(model: Enc28j60Model, config: Config) -> (SharedModel, Driver) {
    let shared = SharedModel::new(model);
    let driver = Enc28j60::new(shared.spi(), shared.delay(), config).expect("init");
    (shared, driver)
}

pub fn setup(model: Enc28j60Model) -> (SharedModel, Driver) {
    setup_with(model, Config::new(MAC))
}

/// Fails if the driver broke a datasheet or errata rule the model checks.
pub fn assert_no_violations(model: &SharedModel) {
    let chip = model.lock();
    assert!(
        chip.violations().is_empty(),
        "violations: {:?}",
        chip.violations()
    );
}

/// What the MAC puts on the wire for `frame` (padded to 60 bytes, CRC not shown).
pub fn padded(frame: &[u8]) -> Vec<u8> {
    let mut f = frame.to_vec();
    if f.len() < 60 {
        f.resize(60, 0);
    }
    f
}

/// Injects each of `frames`, all to be accepted by the chip.
pub fn inject_all(model: &SharedModel, frames: &[Vec<u8>]) {
    for f in frames {
        assert_eq!(model.lock().inject_frame(f), InjectResult::Accepted);
    }
}

/// Receives `frames` in order, each whole, and then nothing.
pub fn receive_in_order(eth: &mut Driver, frames: &[Vec<u8>]) {
    let mut buf = [0u8; 1514];
    for (i, f) in frames.iter().enumerate() {
        let len = eth.receive(&mut buf).unwrap().expect("frame");
        assert_eq!(&buf[..len], &f[..], "frame {i}");
    }
    assert_eq!(eth.receive(&mut buf).unwrap(), None);
}

/// Injects `frame` (to be accepted); whether the chip's receive write
/// pointer (ERXWRPT) wrapped at the end of its buffer writing it.
pub fn inject_wrapping(model: &SharedModel, frame: &[u8]) -> bool {
    let mut chip = model.lock();
    let before = chip.register16(ERXWRPTL);
    assert_eq!(chip.inject_frame(frame), InjectResult::Accepted);
    chip.register16(ERXWRPTL) < before
}

/// RFC 1071 one's-complement sum (not complemented) of `frame[from..]`
/// as 16-bit words aligned to the frame's even offsets: the bytes before
/// `from` replaced by zeros and the whole frame summed word by word, an
/// odd last byte padded with zero, the carries folded at the end.
pub fn tail_sum_reference(frame: &[u8], from: usize) -> u16 {
    let mut sum: u64 = 0;
    for (i, pair) in frame.chunks(2).enumerate() {
        let hi = if 2 * i >= from { pair[0] } else { 0 };
        let lo = match pair.get(1) {
            Some(&b) if 2 * i + 1 >= from => b,
            _ => 0,
        };
        sum += u64::from(u16::from_be_bytes([hi, lo]));
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum as u16
}
