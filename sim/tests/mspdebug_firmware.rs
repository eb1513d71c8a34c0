//! Differential run of the real firmware against `mspdebug sim`.
//!
//! The clock firmware ELF (from `cargo xtask firmware`, or
//! `$PROIOT3_FIRMWARE`) is loaded into both simulators and single-stepped
//! from reset; after every step all sixteen registers are compared, and
//! the whole RAM (0x1100-0x38FF) every [`RAM_EVERY`] steps. mspdebug's
//! simulator has no Basic Clock Module, USART or Timer_B models (it keeps
//! peripheral registers as plain storage), so the two runs must part at
//! the first instruction that reads a peripheral register whose value
//! differs between them. The test checks that they do part there and only
//! there: the first difference must come from an instruction that read a
//! peripheral register (0x0000-0x01FF) on our side; anything else is a CPU
//! difference and fails. It reports how many instructions matched.
//!
//! When RAM differs at a checkpoint the window since the previous
//! checkpoint is run again with a RAM dump after every step, to find the
//! exact instruction.
//!
//! Both start with RAM filled with 0xFF (mspdebug's initial contents; ours
//! is 0 otherwise). Skips with a message when mspdebug or the ELF is
//! missing. `FW_DIFF_STEPS` sets the number of steps (default 20,000).

use std::path::PathBuf;
use std::process::Command;

use proiot3_sim::disasm::disassemble;
use proiot3_sim::loader::{self, Image};
use proiot3_sim::{Board, BoardConfig, Bus, Devices, StepResult, F1611};

const RAM: (u16, u16) = (0x1100, 0x2800);
/// Steps between whole-RAM comparisons.
const RAM_EVERY: usize = 500;

fn firmware() -> Option<Vec<u8>> {
    let mut candidates = Vec::new();
    if let Some(p) = std::env::var_os("PROIOT3_FIRMWARE") {
        candidates.push(PathBuf::from(p));
    }
    let rel = "firmware/msp430-none-elf/release/clock-firmware";
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        candidates.push(PathBuf::from(t).join(rel));
    }
    candidates.push(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../target")
            .join(rel),
    );
    candidates.into_iter().find_map(|p| std::fs::read(p).ok())
}

/// The board's memory map, recording every peripheral read of a step.
struct Recorder<'a> {
    chip: &'a mut F1611<Devices>,
    /// (address, value read) for addresses 0x0000-0x01FF.
    reads: Vec<(u16, u16)>,
}

impl Bus for Recorder<'_> {
    fn read_byte(&mut self, addr: u16, cycle: u64) -> u8 {
        let v = self.chip.read_byte(addr, cycle);
        if addr < 0x200 {
            self.reads.push((addr, v.into()));
        }
        v
    }
    fn read_word(&mut self, addr: u16, cycle: u64) -> u16 {
        let v = self.chip.read_word(addr, cycle);
        if addr < 0x200 {
            self.reads.push((addr & !1, v));
        }
        v
    }
    fn write_byte(&mut self, addr: u16, value: u8, cycle: u64) {
        self.chip.write_byte(addr, value, cycle)
    }
    fn write_word(&mut self, addr: u16, value: u16, cycle: u64) {
        self.chip.write_word(addr, value, cycle)
    }
    fn pending_interrupts(&mut self, cycle: u64) -> u16 {
        self.chip.pending_interrupts(cycle)
    }
    fn acknowledge_interrupt(&mut self, vector: u8, cycle: u64) {
        self.chip.acknowledge_interrupt(vector, cycle)
    }
}

/// Our side of one step.
struct OurStep {
    /// PC before the step.
    pc: u16,
    result: StepResult,
    regs: [u16; 16],
    peripheral_reads: Vec<(u16, u16)>,
}

fn ram(chip: &F1611<Devices>) -> Vec<u8> {
    chip.raw()[RAM.0 as usize..(RAM.0 + RAM.1) as usize].to_vec()
}

/// Runs our board for `steps` steps; RAM snapshots at the steps `ram_at`
/// says yes to (index = step number, 1-based count of steps done).
fn run_ours(
    image: &Image,
    steps: usize,
    ram_at: &dyn Fn(usize) -> bool,
) -> (Vec<OurStep>, Vec<(usize, Vec<u8>)>) {
    let mut board = Board::new(image, BoardConfig::default());
    board.chip.load(RAM.0, &vec![0xFF; RAM.1 as usize]);
    let mut out = Vec::with_capacity(steps);
    let mut snaps = Vec::new();
    for n in 1..=steps {
        let pc = board.cpu.pc();
        let mut rec = Recorder {
            chip: &mut board.chip,
            reads: Vec::new(),
        };
        let result = board.cpu.step(&mut rec);
        let peripheral_reads = rec.reads;
        out.push(OurStep {
            pc,
            result,
            regs: board.cpu.regs,
            peripheral_reads,
        });
        if ram_at(n) {
            snaps.push((n, ram(&board.chip)));
        }
        if result != StepResult::Executed {
            break;
        }
    }
    (out, snaps)
}

fn parse_hex(s: &str) -> Option<u32> {
    u32::from_str_radix(s.trim(), 16).ok()
}

/// mspdebug's registers after every step and its RAM after the steps
/// `ram_at` says yes to.
fn run_mspdebug(
    hex: &std::path::Path,
    steps: usize,
    ram_at: &dyn Fn(usize) -> bool,
) -> (Vec<[u16; 16]>, Vec<(usize, Vec<u8>)>) {
    let mut script = format!("prog {}\n", hex.display());
    // Same starting RAM as ours (its simulator starts with 0xFF already;
    // this keeps the comparison independent of that).
    let md = format!("md 0x{:x} 0x{:x}\n", RAM.0, RAM.1);
    for n in 1..=steps {
        script.push_str("step\n");
        if ram_at(n) {
            script.push_str(&md);
        }
    }
    let mut child = Command::new("mspdebug")
        .args(["-n", "-q", "sim"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start mspdebug");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(script.as_bytes());
        });
        let out = child.wait_with_output().expect("run mspdebug");
        let _ = writer.join();
        parse_mspdebug(&String::from_utf8_lossy(&out.stdout), ram_at)
    }
}

fn parse_mspdebug(
    text: &str,
    ram_at: &dyn Fn(usize) -> bool,
) -> (Vec<[u16; 16]>, Vec<(usize, Vec<u8>)>) {
    let mut states = Vec::new();
    let mut snaps: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut regs = [0u16; 16];
    let mut seen = 0;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("( PC:")
            || t.starts_with("( SP:")
            || t.starts_with("( SR:")
            || t.starts_with("( R3:")
        {
            for cell in line.split('(').skip(1) {
                let cell = cell.split(')').next().unwrap_or("");
                let (name, value) = cell.split_once(':').expect("register cell");
                let r = match name.trim() {
                    "PC" => 0,
                    "SP" => 1,
                    "SR" => 2,
                    n => n
                        .trim_start_matches('R')
                        .parse::<usize>()
                        .expect("register name"),
                };
                regs[r] = parse_hex(value).expect("register value") as u16;
            }
            seen += 1;
            if seen == 4 {
                states.push(regs);
                seen = 0;
                if ram_at(states.len()) {
                    snaps.push((states.len(), Vec::with_capacity(RAM.1 as usize)));
                }
            }
        } else if line.contains('|') {
            if let Some((_, rest)) = line.split_once(':') {
                let bytes = rest.split('|').next().unwrap_or("");
                if let Some((_, mem)) = snaps.last_mut() {
                    for b in bytes.split_whitespace() {
                        mem.push(parse_hex(b).expect("md byte") as u8);
                    }
                }
            }
        }
    }
    (states, snaps)
}

/// Where the two runs part.
enum Parting {
    /// Step `index` (0-based) left different registers.
    Registers(usize),
    /// RAM differed after step `index` (0-based).
    Ram(usize, Vec<u16>),
    /// Our CPU stopped executing instructions (sleep, interrupt, reset,
    /// illegal) at step `index`.
    OurEvent(usize),
}

fn first_ram_difference(
    ours: &[(usize, Vec<u8>)],
    theirs: &[(usize, Vec<u8>)],
) -> Option<(usize, Vec<u16>)> {
    for ((n, a), (m, b)) in ours.iter().zip(theirs) {
        assert_eq!(n, m, "RAM snapshots out of step");
        if a != b {
            let addrs = a
                .iter()
                .zip(b)
                .enumerate()
                .filter(|(_, (x, y))| x != y)
                .map(|(i, _)| RAM.0 + i as u16)
                .take(8)
                .collect();
            return Some((n - 1, addrs));
        }
    }
    None
}

#[test]
fn firmware_matches_mspdebug_until_a_peripheral_read_differs() {
    if Command::new("mspdebug").arg("--version").output().is_err() {
        eprintln!("SKIPPED: mspdebug is not installed (apt-get install mspdebug)");
        return;
    }
    let Some(elf) = firmware() else {
        eprintln!("SKIPPED: no clock-firmware ELF (cargo xtask firmware, or set PROIOT3_FIRMWARE)");
        return;
    };
    let steps: usize = std::env::var("FW_DIFF_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let image = loader::parse_any(&elf).expect("firmware image");
    let dir = std::env::temp_dir().join(format!("proiot3-sim-fwdiff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let hex = dir.join("fw.hex");
    std::fs::write(&hex, loader::to_ihex(&image)).unwrap();

    let every = |n: usize| n % RAM_EVERY == 0;
    let (ours, our_ram) = run_ours(&image, steps, &every);
    let (theirs, their_ram) = run_mspdebug(&hex, ours.len(), &every);
    assert_eq!(theirs.len(), ours.len(), "mspdebug ran fewer steps");

    let reg_diff = ours.iter().zip(&theirs).position(|(a, b)| a.regs != *b);
    let event = ours.iter().position(|s| s.result != StepResult::Executed);
    let mut parting = [
        reg_diff.map(Parting::Registers),
        event.map(Parting::OurEvent),
        first_ram_difference(&our_ram, &their_ram).map(|(i, a)| Parting::Ram(i, a)),
    ]
    .into_iter()
    .flatten()
    .min_by_key(|p| match p {
        Parting::Registers(i) | Parting::OurEvent(i) => 2 * *i,
        // A checkpoint only bounds it: the window is searched below.
        Parting::Ram(i, _) => 2 * (*i + 1 - RAM_EVERY) + 1,
    });
    if let Some(Parting::Ram(at, _)) = parting {
        // Narrow down: RAM after every step of the window.
        let from = at + 1 - RAM_EVERY;
        let window = |n: usize| n > from && n <= at + 1;
        let (_, a) = run_ours(&image, at + 1, &window);
        let (_, b) = run_mspdebug(&hex, at + 1, &window);
        let (i, addrs) = first_ram_difference(&a, &b).expect("difference seen before");
        parting = Some(match reg_diff {
            Some(r) if r <= i => Parting::Registers(r),
            _ => Parting::Ram(i, addrs),
        });
    }
    let _ = std::fs::remove_dir_all(&dir);

    let chip_text = |pc: u16| {
        let (text, _) = disassemble(pc, &mut |a| {
            let i = a as usize;
            image
                .segments
                .iter()
                .find_map(|s| {
                    let off = i.checked_sub(s.addr as usize)?;
                    (off + 1 < s.data.len())
                        .then(|| u16::from_le_bytes([s.data[off], s.data[off + 1]]))
                })
                .unwrap_or(0xFFFF)
        });
        format!("0x{pc:04x}: {text}")
    };
    match parting {
        None => eprintln!(
            "firmware: {} instructions identical in both simulators (registers every step, \
             RAM every {RAM_EVERY})",
            ours.len()
        ),
        Some(Parting::OurEvent(i)) => {
            let s = &ours[i];
            eprintln!(
                "firmware: {i} instructions identical; then our CPU: {:?} at {} \
                 (mspdebug models no interrupts or low-power wake-up)",
                s.result,
                chip_text(s.pc)
            );
            // An interrupt or sleep comes from the peripherals mspdebug
            // lacks; an illegal instruction or reset would be a real fault.
            assert!(
                matches!(s.result, StepResult::Interrupt(_) | StepResult::Sleeping),
                "{:?}",
                s.result
            );
        }
        Some(Parting::Registers(i)) | Some(Parting::Ram(i, _)) => {
            let s = &ours[i];
            let before = if i > 0 { ours[i - 1].regs } else { [0; 16] };
            let detail = match &parting {
                Some(Parting::Ram(_, addrs)) => format!("RAM differs at {addrs:04x?}"),
                _ => format!(
                    "registers before {before:04x?}\n  ours     {:04x?}\n  mspdebug {:04x?}",
                    s.regs, theirs[i]
                ),
            };
            eprintln!(
                "firmware: {i} instructions identical; step {i} ({}) read peripheral \
                 registers {:04x?} (address, our value); {detail}",
                chip_text(s.pc),
                s.peripheral_reads
            );
            assert!(
                !s.peripheral_reads.is_empty(),
                "CPU difference at step {i}, {}: no peripheral read\n{detail}",
                chip_text(s.pc)
            );
            assert!(i >= 10, "parted after only {i} instructions");
        }
    }
}
