//! MSP430F1611 board simulator.
//!
//! The proiot3 board simulator: an MSP430F1611 with its peripherals, the
//! ENC28J60 and SSD1306 models, run by [`Board`] with low-power-mode
//! fast-forward.
//!
//! - [`board`]: [`Board`], [`BoardConfig`], the device set [`Devices`].
//! - [`clock`]: simulated time, clock domains, the Basic Clock Module.
//! - [`wdt`], [`timer`], [`usart`], [`ports`], [`flash`]: F1611 peripherals.
//! - [`ssd1306`]: the display controller model, text and PNG rendering.
//! - [`cpu`]: the MSP430x1xx CPU ([`Cpu`]), all 27 core instructions, the
//!   seven addressing modes, constant generators, interrupts, low-power
//!   modes and per-instruction cycle counts from the family user's guide
//!   (TI SLAU049).
//! - [`bus`]: the [`Bus`] trait the CPU runs against.
//! - [`memory`]: the F1611 memory map ([`F1611`]) with RAM mirror, flash
//!   write protection, diagnostics and the [`Peripherals`] hook.
//! - [`multiplier`]: the hardware multiplier at 0x0130.
//! - [`loader`]: ELF and Intel HEX loaders.
//! - [`disasm`]: a compact disassembler for traces.
//! - [`net`]: the virtual network (router, DNS, NTP with exact time), the
//!   TAP bridge and the pcap writer.
//! - [`flood`]: hostile frames (corpora, vectors, mutations).
//! - [`ocr`]: reads the time of day the display shows.
//! - [`perf`]: per-frame CPU cost accounting.
//! - [`profile`]: cycle profile by function (ELF symbols).
//! - [`session`]: a run on a network with capture, buttons, trace and the
//!   final report.
//!
//! ```
//! use proiot3_sim::{Cpu, F1611, StepResult};
//! let mut chip = F1611::new();
//! // 0x4000: mov #0x1234, r5 ; jmp $
//! chip.load(0x4000, &[0x35, 0x40, 0x34, 0x12, 0xff, 0x3f]);
//! chip.load(0xfffe, &[0x00, 0x40]);
//! let mut cpu = Cpu::new();
//! cpu.reset(&mut chip);
//! assert_eq!(cpu.step(&mut chip), StepResult::Executed);
//! assert_eq!(cpu.regs[5], 0x1234);
//! assert_eq!(cpu.cycles, 2);
//! ```

// Only `net::tap` (ioctl/read/write on the TAP descriptor) opts out.
#![deny(unsafe_code)]
#![deny(missing_docs)]

pub mod board;
pub mod bus;
pub mod clock;
pub mod cpu;
pub mod disasm;
pub mod flash;
pub mod flood;
pub mod loader;
pub mod memory;
pub mod multiplier;
pub mod net;
pub mod ocr;
pub mod perf;
pub mod ports;
pub mod profile;
pub mod session;
pub mod ssd1306;
pub mod timer;
pub mod usart;
pub mod wdt;

pub use board::{Board, BoardConfig, Devices, EncModel, Stop};
pub use bus::Bus;
pub use cpu::{Cpu, StepResult};
pub use memory::{Diagnostic, DiagnosticKind, FlashAccess, Peripherals, F1611};
