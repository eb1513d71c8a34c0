//! `cargo xtask abi-test`: runs the `abi-test` image (examples/clock-firmware
//! src/bin/abi-test.rs) under `mspdebug sim` with its hardware multiplier,
//! reads each operation's results at the `abi_checkpoint` breakpoint and
//! compares them with the same operations computed here.

use std::collections::BTreeMap;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::elf::Image;

/// Must match the image.
const CASES: usize = 160;
const EDGES: usize = 10;
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
const PRESERVE: [&str; 18] = [
    "__mspabi_mpyi",
    "__mspabi_mpyl",
    "__mspabi_mpyll",
    "__mspabi_divu",
    "__mspabi_remu",
    "__mspabi_divi",
    "__mspabi_remi",
    "__mspabi_divul",
    "__mspabi_remul",
    "__mspabi_divli",
    "__mspabi_remli",
    "__mspabi_divull",
    "__mspabi_remull",
    "__mspabi_divlli",
    "__mspabi_remlli",
    "__mspabi_slll",
    "__mspabi_srll",
    "__mspabi_sral",
];
const TIMEOUT: Duration = Duration::from_secs(180);

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
    [0, 1, 2, 3, 10, 1000, max, max + 1, all, all - 1][i]
}

fn random(width: u8, state: &mut u32) -> u64 {
    let hi = u64::from(next(state));
    let lo = u64::from(next(state));
    let k = next(state) & 63;
    let mut v = ((hi << 32) | lo) >> k;
    if next(state) & 4 != 0 {
        v = v.wrapping_neg();
    }
    mask(width, v)
}

/// The operands of every case of operation `op`, as the image makes them.
pub fn operands(op: usize) -> Vec<(u64, u64)> {
    let width = OPS[op].1;
    let mut state: u32 = 0x2545_F491 ^ (op as u32);
    (0..CASES)
        .map(|i| {
            if i < EDGES * EDGES {
                (edge(width, i / EDGES), edge(width, i % EDGES))
            } else {
                let a = random(width, &mut state);
                let b = random(width, &mut state);
                (a, b)
            }
        })
        .collect()
}

/// The expected result (zero-extended bit pattern at the op's width).
pub fn expected(op: usize, a: u64, b: u64) -> u64 {
    let (a16, b16) = (a as u16, b as u16);
    let (a32, b32) = (a as u32, b as u32);
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
        13 => a.wrapping_mul(b),
        14 if b != 0 => a / b,
        15 if b != 0 => a % b,
        16 if b != 0 => (a as i64).wrapping_div(b as i64) as u64,
        17 if b != 0 => (a as i64).wrapping_rem(b as i64) as u64,
        18 => a << (b32 & 63),
        19 => a >> (b32 & 63),
        20 => ((a as i64) >> (b32 & 63)) as u64,
        _ => 0,
    }
}

/// `addr: xx xx ...` lines of mspdebug's `md` output.
fn parse_dump(output: &str) -> Vec<(u32, Vec<u8>)> {
    let mut lines = Vec::new();
    for line in output.lines() {
        let line = line.trim();
        let Some((addr, rest)) = line.split_once(':') else {
            continue;
        };
        let Ok(addr) = u32::from_str_radix(addr, 16) else {
            continue;
        };
        let mut bytes = Vec::new();
        for tok in rest.split_whitespace() {
            if tok.len() == 2 {
                if let Ok(b) = u8::from_str_radix(tok, 16) {
                    bytes.push(b);
                    continue;
                }
            }
            break;
        }
        if !bytes.is_empty() {
            lines.push((addr, bytes));
        }
    }
    lines
}

pub fn run_mspdebug(args: &[String]) -> Result<String, String> {
    let mut child = Command::new("mspdebug")
        .arg("-q")
        .arg("sim")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running mspdebug (is it installed?): {e}"))?;
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let out = reader.join().unwrap_or_default();
            if !status.success() {
                return Err(format!("mspdebug failed ({status}):\n{out}"));
            }
            return Ok(out);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err("mspdebug timed out: a helper loops forever?".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Builds the image, runs it, compares; Err lists the failures.
pub fn run() -> Result<(), String> {
    let out = crate::build_firmware()?;
    let elf_path = out.join("abi-test");
    let data = std::fs::read(&elf_path).map_err(|e| format!("{}: {e}", elf_path.display()))?;
    let image = Image::parse(&data)?;
    let sym = |name: &str| {
        image
            .symbol(name)
            .ok_or(format!("symbol {name} missing from abi-test"))
    };
    let (op_addr, _) = sym("ABI_OP")?;
    let (results_addr, results_size) = sym("ABI_RESULTS")?;
    let (preserve_addr, preserve_size) = sym("ABI_PRESERVE")?;
    let (startup_addr, startup_size) = sym("ABI_STARTUP")?;
    if results_size as usize != CASES * 8 {
        return Err("ABI_RESULTS size differs from the host's CASES".into());
    }

    let mut args = vec![
        format!("prog {}", elf_path.display()),
        "simio add hwmult mult".into(),
        "setbreak abi_checkpoint".into(),
    ];
    for _ in 0..OPS.len() {
        args.push("run".into());
        args.push("md ABI_OP 2".into());
        args.push(format!("md ABI_RESULTS {results_size}"));
    }
    args.push("delbreak".into());
    args.push("setbreak abi_done".into());
    args.push("run".into());
    args.push(format!("md ABI_PRESERVE {preserve_size}"));
    args.push(format!("md ABI_STARTUP {startup_size}"));
    let output = run_mspdebug(&args)?;

    // Replay the dumps in order: an ABI_OP line selects the operation the
    // following ABI_RESULTS lines belong to.
    let mut results: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
    let mut preserve = vec![0u8; preserve_size as usize];
    let mut startup = vec![0u8; startup_size as usize];
    let mut op = None;
    for (addr, bytes) in parse_dump(&output) {
        let within = |base: u32, size: u32| addr >= base && addr < base + size;
        if addr == op_addr && bytes.len() >= 2 {
            op = Some(usize::from(u16::from_le_bytes([bytes[0], bytes[1]])));
        } else if within(results_addr, results_size) {
            let Some(op) = op else { continue };
            let buf = results.entry(op).or_insert_with(|| vec![0; CASES * 8]);
            let off = (addr - results_addr) as usize;
            for (i, b) in bytes.iter().enumerate() {
                if let Some(slot) = buf.get_mut(off + i) {
                    *slot = *b;
                }
            }
        } else if within(preserve_addr, preserve_size) {
            let off = (addr - preserve_addr) as usize;
            for (i, b) in bytes.iter().enumerate() {
                if let Some(slot) = preserve.get_mut(off + i) {
                    *slot = *b;
                }
            }
        } else if within(startup_addr, startup_size) {
            let off = (addr - startup_addr) as usize;
            for (i, b) in bytes.iter().enumerate() {
                if let Some(slot) = startup.get_mut(off + i) {
                    *slot = *b;
                }
            }
        }
    }

    let mut failures = Vec::new();
    let mut checked = 0usize;
    for (op, (name, width)) in OPS.iter().enumerate() {
        let Some(buf) = results.get(&op) else {
            failures.push(format!("{name}: no results (the image stopped before it)"));
            continue;
        };
        let mut bad = 0;
        for (i, (a, b)) in operands(op).into_iter().enumerate() {
            let got = u64::from_le_bytes(buf[i * 8..i * 8 + 8].try_into().unwrap());
            let want = expected(op, a, b);
            checked += 1;
            if got != want {
                bad += 1;
                if bad <= 5 {
                    let d = usize::from(*width / 4);
                    failures.push(format!(
                        "{name}(0x{a:0d$x}, 0x{b:0d$x}) = 0x{got:0d$x}, expected 0x{want:0d$x}"
                    ));
                }
            }
        }
        if bad > 5 {
            failures.push(format!("{name}: {bad} of {CASES} cases wrong"));
        }
    }
    for (i, name) in PRESERVE.iter().enumerate() {
        let flags = u16::from_le_bytes([preserve[2 * i], preserve[2 * i + 1]]);
        if flags != 0 {
            failures.push(format!("{name} clobbers callee-saved state (flags {flags:#04x}: bit n = R(4+n), 0x80 = SP)"));
        }
    }
    if startup != [0x0D, 0x60, 0x0D, 0x60] {
        failures.push(format!(
            "start-up check failed: {startup:02x?} (.data copy / .bss clear)"
        ));
    }
    if failures.is_empty() {
        println!(
            "abi-test: {checked} results of {} operations and register preservation of {} helpers match (mspdebug sim)",
            OPS.len(),
            PRESERVE.len()
        );
        Ok(())
    } else {
        for f in &failures {
            eprintln!("FAIL {f}");
        }
        Err(format!("{} abi-test failures", failures.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operand_generator_covers_edges_and_spread() {
        let ops = operands(14);
        assert_eq!(ops[0], (0, 0));
        assert_eq!(ops[99], (u64::MAX - 1, u64::MAX - 1));
        let random = &ops[EDGES * EDGES..];
        // Varied magnitudes and signs.
        assert!(random.iter().any(|&(a, _)| a < 1 << 40));
        assert!(random.iter().any(|&(a, _)| a > 1 << 40 && a >> 63 == 0));
        assert!(random.iter().any(|&(a, _)| a >> 63 == 1));
        assert!(operands(0).iter().all(|&(a, b)| a <= 0xFFFF && b <= 0xFFFF));
    }

    #[test]
    fn parses_md_lines() {
        let out = "    01108: 01 00                                           |..              |\n    04676: 03 43                     NOP     \n    ( PC: 04676)  ( R4: 00000)\n";
        let lines = parse_dump(out);
        assert_eq!(lines[0], (0x1108, vec![1, 0]));
        assert_eq!(lines.len(), 2);
    }
}
