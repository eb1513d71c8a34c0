//! `cargo xtask abi-test`: runs the `abi-test` image (examples/clock-firmware
//! src/bin/abi-test.rs) under `mspdebug sim` with its hardware multiplier,
//! reads each operation's results at the `abi_checkpoint` breakpoint and
//! compares them with the same operations computed here.

use std::collections::BTreeMap;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::elf::Image;

// CASES, EDGES, OPS, the operand generator (case_operands) and the
// operations (compute): the same file the image includes.
include!("abi_test/cases.rs");

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

/// The operands of every case of operation `op`, as the image makes them.
pub fn operands(op: usize) -> Vec<(u64, u64)> {
    let width = OPS[op].1;
    let mut state = seed(op);
    (0..CASES)
        .map(|i| case_operands(width, i, &mut state))
        .collect()
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
            let want = compute(op, a, b);
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
