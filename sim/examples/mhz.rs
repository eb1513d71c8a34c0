//! Reports simulated MHz on a tight loop (not a test: speed depends on the
//! machine). Run with `cargo run --release -p proiot3-sim --example mhz`.
//!
//! The loop mixes what compiled firmware does most: register ALU ops,
//! indirect autoincrement loads, indexed stores, a hardware-multiplier
//! access, a call/ret pair and conditional jumps.

use std::time::Instant;

use proiot3_sim::{loader, Board, BoardConfig, Bus, Cpu, StepResult, F1611};

/// Hand-assembled with `llvm-mc -triple=msp430 -show-encoding`.
const PROGRAM: &[u16] = &[
    0x4031, 0x3900, // 4000: mov #0x3900, sp
    0x403E, 0x1100, // 4004: outer: mov #0x1100, r14
    0x403F, 0x0100, // 4008: mov #256, r15
    0x5E3D, //         400c: inner: add @r14+, r13
    0xED0C, //         400e: xor r13, r12
    0x4C8E, 0x00FE, // 4010: mov r12, 254(r14)
    0x4D82, 0x0130, // 4014: mov r13, &MPY
    0x4C82, 0x0138, // 4018: mov r12, &OP2
    0x12B0, 0x402E, // 401c: call #sub
    0x831F, //         4020: dec r15
    0x23F4, //         4022: jnz inner
    0x3FEF, //         4024: jmp outer
    0x4303, 0x4303, 0x4303, 0x4303, // 4026..402c: nop padding
    0x521B, 0x013A, // 402e: sub: add &RESLO, r11
    0x4130, //         4032: ret
];

fn main() {
    let mut chip = F1611::new();
    let bytes: Vec<u8> = PROGRAM.iter().flat_map(|w| w.to_le_bytes()).collect();
    chip.load(0x4000, &bytes);
    chip.load(0xFFFE, &[0x00, 0x40]);
    let mut cpu = Cpu::new();
    cpu.reset(&mut chip);

    let target_cycles: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(400_000_000);
    let start = Instant::now();
    while cpu.cycles < target_cycles {
        let r = cpu.step(&mut chip);
        if r != StepResult::Executed {
            panic!("unexpected {r:?} at pc {:#06x}", cpu.pc());
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mhz = cpu.cycles as f64 / secs / 1e6;
    println!(
        "{} instructions, {} cycles in {:.3} s: {:.1} simulated MHz ({:.1} M instructions/s, {:.1}x real time at 8 MHz)",
        cpu.instructions,
        cpu.cycles,
        secs,
        mhz,
        cpu.instructions as f64 / secs / 1e6,
        mhz / 8.0
    );
    assert!(chip.diagnostics().is_empty(), "{:?}", chip.diagnostics());

    // The same loop on the whole board (peripherals attached, DCO ~800 kHz):
    // the per-instruction cost of the devices is the pending-interrupt check.
    let image = loader::Image {
        segments: vec![
            loader::Segment {
                addr: 0x4000,
                data: bytes,
            },
            loader::Segment {
                addr: 0xFFFE,
                data: vec![0x00, 0x40],
            },
        ],
        entry: None,
    };
    let mut board = Board::new(&image, BoardConfig::default());
    board.chip.write_word(0x0120, 0x5A80, 0); // stop the watchdog
    let start = Instant::now();
    let simulated = target_cycles as f64 / board.devices().clock.mclk_hz();
    board.run_for((simulated * 1e12) as u64);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "board: {} cycles in {:.3} s: {:.1} simulated MHz",
        board.cpu.cycles,
        secs,
        board.cpu.cycles as f64 / secs / 1e6
    );
}
