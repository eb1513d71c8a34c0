// The cases of the `__mspabi_*` helper test, one table for both sides:
// the image that computes them on the MSP430 under `mspdebug sim`
// (examples/clock-firmware/src/bin/abi-test.rs) and the host that
// computes them again and compares (xtask/src/abi_test.rs) each
// `include!` this file, so operations, operands and results cannot drift
// apart. (Plain comments: an included file cannot have inner docs.)
//
// Operands: every pair from a list of edge values (0, 1, 2, 3, 10, 1000,
// MAX, MIN, all ones, all ones - 1 at the operation's width), then random
// pairs of varied magnitude and sign from an xorshift generator, made
// without the helpers under test (constant shifts, masks and additions
// only). Division by zero is skipped (result 0).

/// Cases per operation.
const CASES: usize = 160;
/// Edge values per operand.
const EDGES: usize = 10;
/// The operations in order (`ABI_OP` is the index), with their operand
/// width in bits.
const OPS: [(&str, u8); 21] = [
    ("__mspabi_mpyi", 16),
    ("__mspabi_divu", 16),
    ("__mspabi_remu", 16),
    ("__mspabi_divi", 16),
    ("__mspabi_remi", 16),
    ("__mspabi_mpyl", 32),
    ("__mspabi_divul", 32),
    ("__mspabi_remul", 32),
    ("__mspabi_divli", 32),
    ("__mspabi_remli", 32),
    ("__mspabi_slll", 32),
    ("__mspabi_srll", 32),
    ("__mspabi_sral", 32),
    ("__mspabi_mpyll", 64),
    ("__mspabi_divull", 64),
    ("__mspabi_remull", 64),
    ("__mspabi_divlli", 64),
    ("__mspabi_remlli", 64),
    ("i64 shl", 64),
    ("i64 lshr", 64),
    ("i64 ashr", 64),
];

/// xorshift32 (Marsaglia).
fn next(state: &mut u32) -> u32 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    x
}

fn mask(width: u8, v: u64) -> u64 {
    match width {
        16 => v & 0xFFFF,
        32 => v & 0xFFFF_FFFF,
        _ => v,
    }
}

fn edge(width: u8, i: usize) -> u64 {
    let all = mask(width, u64::MAX);
    let max = all >> 1;
    match i {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        4 => 10,
        5 => 1000,
        6 => max,
        7 => max + 1,
        8 => all,
        _ => all - 1,
    }
}

/// A random operand: 64 random bits shifted right by a random 0..63 (one
/// bit at a time: no helper), negated half of the time, then masked to the
/// width.
fn random(width: u8, state: &mut u32) -> u64 {
    let mut v = (u64::from(next(state)) << 32) | u64::from(next(state));
    let mut k = next(state) & 63;
    while k > 0 {
        v >>= 1;
        k -= 1;
    }
    if next(state) & 4 != 0 {
        v = v.wrapping_neg();
    }
    mask(width, v)
}

/// The generator's state at the start of operation `op`.
fn seed(op: usize) -> u32 {
    0x2545_F491 ^ (op as u32)
}

/// The operands of case `i` of an operation of `width` bits; `state`
/// ([`seed`] at case 0) advances over the random cases.
fn case_operands(width: u8, i: usize, state: &mut u32) -> (u64, u64) {
    if i < EDGES * EDGES {
        (edge(width, i / EDGES), edge(width, i % EDGES))
    } else {
        let a = random(width, state);
        let b = random(width, state);
        (a, b)
    }
}

/// Operation `op` on `a` and `b`: the result's bit pattern at the
/// operation's width, zero-extended. The operands go through `black_box`
/// so that the MSP430 image calls the helper instead of folding it.
fn compute(op: usize, a: u64, b: u64) -> u64 {
    use core::hint::black_box as bb;
    let (a16, b16) = (bb(a as u16), bb(b as u16));
    let (a32, b32) = (bb(a as u32), bb(b as u32));
    let (a64, b64) = (bb(a), bb(b));
    match op {
        0 => u64::from(a16.wrapping_mul(b16)),
        1 if b16 != 0 => u64::from(a16 / b16),
        2 if b16 != 0 => u64::from(a16 % b16),
        3 if b16 != 0 => u64::from((a16 as i16).wrapping_div(b16 as i16) as u16),
        4 if b16 != 0 => u64::from((a16 as i16).wrapping_rem(b16 as i16) as u16),
        5 => u64::from(a32.wrapping_mul(b32)),
        6 if b32 != 0 => u64::from(a32 / b32),
        7 if b32 != 0 => u64::from(a32 % b32),
        8 if b32 != 0 => u64::from((a32 as i32).wrapping_div(b32 as i32) as u32),
        9 if b32 != 0 => u64::from((a32 as i32).wrapping_rem(b32 as i32) as u32),
        10 => u64::from(a32 << (b32 & 31)),
        11 => u64::from(a32 >> (b32 & 31)),
        12 => u64::from(((a32 as i32) >> (b32 & 31)) as u32),
        13 => a64.wrapping_mul(b64),
        14 if b64 != 0 => a64 / b64,
        15 if b64 != 0 => a64 % b64,
        16 if b64 != 0 => (a64 as i64).wrapping_div(b64 as i64) as u64,
        17 if b64 != 0 => (a64 as i64).wrapping_rem(b64 as i64) as u64,
        18 => a64 << (b32 & 63),
        19 => a64 >> (b32 & 63),
        20 => ((a64 as i64) >> (b32 & 63)) as u64,
        _ => 0,
    }
}
