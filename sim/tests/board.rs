//! The proiot3 board with small firmware programs, one per peripheral.
//!
//! The programs are tests/data/board/*.s, assembled with `llvm-mc
//! -triple=msp430` (Debian llvm-14) and linked with rust-lld by
//! tests/data/board/build.sh; the ELF files are committed, so these tests
//! need no assembler. Times are simulated picoseconds.

use proiot3_sim::board::ResetCause;
use proiot3_sim::clock::{dco_hz, PS_PER_S};
use proiot3_sim::{loader, Board, BoardConfig, Bus, EncModel, Stop};

const MS: u64 = PS_PER_S / 1000;
const US: u64 = PS_PER_S / 1_000_000;

fn board(elf: &[u8], config: BoardConfig) -> Board {
    Board::new(&loader::parse_elf(elf).unwrap(), config)
}

fn ram_word(b: &mut Board, addr: u16) -> u16 {
    b.chip.peek_word(addr)
}

#[test]
fn uart_sends_at_baud_rate_and_echoes() {
    let mut b = board(
        include_bytes!("data/board/uart.elf"),
        BoardConfig::default(),
    );
    assert_eq!(b.run_for(5 * MS), Stop::TimeReached);
    let sent: Vec<(u64, u8)> = b.devices().console.iter().copied().collect();
    let bytes: Vec<u8> = sent.iter().map(|s| s.1).collect();
    assert_eq!(bytes, b"Hi!\n");
    // 10 bits of 7 SMCLK cycles at 800 kHz: 87.5 us per byte, back to back
    // since the polled loop refills the buffer while a byte shifts.
    for w in sent.windows(2) {
        assert_eq!(w[1].0 - w[0].0, 87_500 * 1000);
    }
    assert!(b.cpu.is_sleeping());
    assert_eq!(b.take_console(), b"Hi!\n");
    b.console_input(b"ok");
    b.run_for(MS);
    assert_eq!(b.take_console(), b"ok");
    let s = b.stats();
    assert!(s.cycles_asleep > s.cycles_awake, "{s:?}");
    assert_eq!(s.interrupts, 2);
    assert!(
        b.chip.diagnostics().is_empty(),
        "{:?}",
        b.chip.diagnostics()
    );
}

#[test]
fn timer_a_up_mode_interrupts_in_lpm3() {
    let mut b = board(
        include_bytes!("data/board/timer.elf"),
        BoardConfig::default(),
    );
    b.run_for(10 * PS_PER_S + 500 * MS);
    assert_eq!(ram_word(&mut b, 0x1100), 10, "CCR0 interrupts");
    assert_eq!(ram_word(&mut b, 0x1102), 10, "TAIFG via TAIV");
    let s = b.stats();
    // Fast-forward: a few hundred cycles awake for 10 s asleep.
    assert!(s.cycles_awake < 2000, "{s:?}");
    assert_eq!(s.interrupts, 20);
    // The first CCR0 match: 32767 ACLK ticks after the timer started (a few
    // microseconds after reset).
    let mut b = board(
        include_bytes!("data/board/timer.elf"),
        BoardConfig::default(),
    );
    let first = 32767 * PS_PER_S / 32768;
    b.run_until(first);
    assert_eq!(ram_word(&mut b, 0x1100), 0);
    b.run_until(first + 100 * US);
    assert_eq!(ram_word(&mut b, 0x1100), 1);
}

#[test]
fn crystal_drift_moves_timer_interrupts() {
    // +100 ppm: 100 s of crystal time pass 10 ms early.
    let config = BoardConfig {
        drift_ppm: 100.0,
        ..BoardConfig::default()
    };
    let mut b = board(include_bytes!("data/board/timer.elf"), config);
    b.run_until(100 * PS_PER_S - 5 * MS);
    assert_eq!(ram_word(&mut b, 0x1100), 100);
    let mut b = board(
        include_bytes!("data/board/timer.elf"),
        BoardConfig::default(),
    );
    b.run_until(100 * PS_PER_S - 5 * MS);
    assert_eq!(ram_word(&mut b, 0x1100), 99);
}

#[test]
fn watchdog_reset_and_key_violation() {
    let mut b = board(
        include_bytes!("data/board/wdt_reset.elf"),
        BoardConfig::default(),
    );
    b.run_for(200 * MS);
    // Boot 1 and 2 end in watchdog resets 32768 SMCLK cycles (40.96 ms at
    // 800 kHz) after each PUC; boot 3 violates the key; boot 4 stops it.
    assert_eq!(ram_word(&mut b, 0x1104), 4);
    let r = &b.devices().resets;
    let causes: Vec<ResetCause> = r.iter().map(|x| x.1).collect();
    assert_eq!(
        causes,
        [
            ResetCause::Watchdog,
            ResetCause::Watchdog,
            ResetCause::WatchdogKey
        ]
    );
    assert_eq!(r[0].0, 40_960 * US);
    assert_eq!(r[1].0 - r[0].0, 40_960 * US);
    assert!(r[2].0 - r[1].0 < 100 * US);
    // IFG1.WDTIFG tells the firmware why it reset.
    assert_eq!(b.chip.read_byte(0x0002, b.cpu.cycles) & 0x01, 0x01);
    assert_eq!(b.chip.read_word(0x0120, b.cpu.cycles), 0x6980);
}

#[test]
fn watchdog_interval_interrupts() {
    let mut b = board(
        include_bytes!("data/board/wdt_interval.elf"),
        BoardConfig::default(),
    );
    b.run_for(PS_PER_S + MS);
    // 512 ACLK cycles = 15.625 ms: 64 per second.
    assert_eq!(ram_word(&mut b, 0x1100), 64);
    assert_eq!(b.stats().interrupts, 64);
}

fn spi_run(model: EncModel) -> Board {
    let mut b = board(
        include_bytes!("data/board/spi.elf"),
        BoardConfig {
            enc_model: model,
            ..BoardConfig::default()
        },
    );
    b.run_for(5 * MS);
    b
}

#[test]
fn spi_talks_to_enc28j60_datasheet_and_mspsim() {
    let mut b = spi_run(EncModel::Datasheet);
    assert_eq!(ram_word(&mut b, 0x1100), 0x06, "EREVID of a rev. B7");
    assert_eq!(ram_word(&mut b, 0x1102) & 0x01, 0x01, "ESTAT.CLKRDY");
    let st = b.devices().enc.stats();
    assert_eq!((st.transactions, st.bytes), (3, 6));
    assert!(b.devices().enc.violations().is_empty());
    assert!(b.devices().notes.is_empty(), "{:?}", b.devices().notes);
    let mut m = spi_run(EncModel::Mspsim);
    assert_eq!(ram_word(&mut m, 0x1100), 0x00, "MSPSim EREVID reads 0");
    assert_eq!(ram_word(&mut m, 0x1102), 0x01, "forced CLKRDY");
}

#[test]
fn spi_byte_takes_eight_uclk_periods() {
    let mut b = board(include_bytes!("data/board/spi.elf"), BoardConfig::default());
    // Step to the instruction that writes the first byte to U1TXBUF.
    let mut start = None;
    for _ in 0..200 {
        let before = b.cpu.cycles;
        b.step();
        if b.devices().usart1.busy() {
            start = Some(b.devices().time_of_cycle(before));
            break;
        }
    }
    let start = start.expect("a byte started");
    // SMCLK/2 at 800 kHz: 8 bits x 2 x 1.25 us = 20 us. Bring the devices
    // (not the CPU) forward to just before and to the completion.
    let d = b.devices_mut();
    d.sync_time(start + 20 * US - 1);
    assert_eq!(d.enc.stats().bytes, 0);
    assert_eq!(d.sfr.regs[3] & 0x10, 0);
    d.sync_time(start + 20 * US);
    assert_eq!(d.enc.stats().bytes, 1);
    assert_eq!(d.sfr.regs[3] & 0x10, 0x10, "IFG2.URXIFG1");
}

#[test]
fn button_wakes_from_lpm4() {
    let mut b = board(
        include_bytes!("data/board/port.elf"),
        BoardConfig::default(),
    );
    b.run_for(10 * MS);
    assert!(b.cpu.is_sleeping());
    assert_eq!(ram_word(&mut b, 0x1100), 0);
    assert_eq!(b.leds()[0], 0x04);
    b.set_button(0, true);
    b.run_for(MS);
    assert_eq!(ram_word(&mut b, 0x1100), 1);
    b.set_button(0, false); // rising edge: not selected
    b.set_button(1, true); // not enabled
    b.run_for(MS);
    assert_eq!(ram_word(&mut b, 0x1100), 1);
    assert_eq!(
        b.chip.read_byte(0x0023, b.cpu.cycles),
        0x02,
        "P1IFG.1 set, not enabled"
    );
    let s = b.stats();
    assert!(s.cycles_asleep > 10 * s.cycles_awake, "{s:?}");
}

#[test]
fn display_commands_and_data_through_the_port_bus() {
    let mut b = board(
        include_bytes!("data/board/display.elf"),
        BoardConfig::default(),
    );
    b.run_for(2 * MS);
    let d = b.display();
    assert_eq!(d.commands, 13);
    assert_eq!(d.data_bytes, 2);
    assert!(d.display_on && d.charge_pump);
    assert_eq!((d.gddram[0][0], d.gddram[0][1]), (0x81, 0x42));
    // Column 0 bits 0 and 7, column 1 bits 1 and 6, upright (A1h, C8h).
    assert!(d.pixel(0, 0) && d.pixel(0, 7) && !d.pixel(0, 1));
    assert!(d.pixel(1, 1) && d.pixel(1, 6) && !d.pixel(1, 0));
    let text = d.render_text();
    assert!(text.starts_with("▀▄"), "{:?}", &text[..16]);
}

#[test]
fn flash_controller_erases_and_programs_information_memory() {
    let mut b = board(
        include_bytes!("data/board/flash.elf"),
        BoardConfig::default(),
    );
    b.chip.load(0x1000, &[0u8; 256]);
    b.run_for(MS);
    assert_eq!(b.chip.peek_word(0x1000), 0x1234);
    assert!((0x1002..0x1080).all(|a| b.chip.peek(a) == 0xFF));
    assert_eq!(b.chip.peek(0x1080), 0x00, "segment A untouched");
    assert_eq!(b.devices().flash.read(0x012C) & 0x04, 0x04, "ACCVIFG");
    assert_eq!(
        b.chip.diagnostic_count(),
        1,
        "the locked write was rejected"
    );
}

#[test]
fn dco_setting_changes_mclk() {
    let mut b = board(
        include_bytes!("data/board/clock.elf"),
        BoardConfig::default(),
    );
    b.run_for(MS);
    let f = dco_hz(0x60, 7, 1.0);
    assert!((b.devices().clock.mclk_hz() - f).abs() < 1.0);
    let (c0, r0) = (b.cpu.cycles, b.cpu.regs[5]);
    b.run_for(10 * MS);
    let cycles = (b.cpu.cycles - c0) as f64;
    assert!((cycles - f / 100.0).abs() < 3.0, "{cycles}");
    // 3 cycles per loop.
    let loops = b.cpu.regs[5].wrapping_sub(r0) as f64;
    assert!((loops - cycles / 3.0).abs() < 2.0);
}

#[test]
fn sum_elf_runs_and_the_watchdog_restarts_it() {
    // tests/data/sum.elf never stops the watchdog: it computes its result,
    // spins, and is reset every 40.96 ms.
    let mut b = board(include_bytes!("data/sum.elf"), BoardConfig::default());
    b.run_for(100 * MS);
    let sum: u16 = b"proiot3".iter().map(|&c| c as u16).sum();
    assert_eq!(b.chip.peek_word(0x1100), sum);
    assert_eq!(b.devices().resets.len(), 2);
}

/// Drives the USART1/P5 registers through the bus like firmware would,
/// with an explicit cycle count (the CPU itself is not stepped).
struct SpiHost<'a> {
    b: &'a mut Board,
    cycle: u64,
}

impl SpiHost<'_> {
    fn new(b: &mut Board) -> SpiHost<'_> {
        // Continue from the devices' time: cycles must not go backwards.
        let cycle = b.devices().cycle_of_time(b.devices().now_ps()) + 10;
        let mut h = SpiHost { b, cycle };
        h.w16(0x0120, 0x5A80); // stop the watchdog
        for (addr, v) in [
            (0x31, 0x01), // P5OUT: CS high
            (0x32, 0x0B), // P5DIR
            (0x33, 0x0E), // P5SEL
            (0x78, 0x17), // U1CTL: CHAR SYNC MM SWRST
            (0x79, 0xB2), // U1TCTL: CKPH SSEL_SMCLK STC
            (0x7C, 0x02),
            (0x7D, 0x00),
            (0x05, 0x10), // ME2.USPIE1
            (0x78, 0x16),
        ] {
            h.w8(addr, v);
        }
        h
    }

    fn w8(&mut self, addr: u16, v: u8) {
        self.b.chip.write_byte(addr, v, self.cycle);
        self.cycle += 4;
    }

    fn w16(&mut self, addr: u16, v: u16) {
        self.b.chip.write_word(addr, v, self.cycle);
        self.cycle += 5;
    }

    fn r8(&mut self, addr: u16) -> u8 {
        let v = self.b.chip.read_byte(addr, self.cycle);
        self.cycle += 3;
        v
    }

    fn cs(&mut self, low: bool) {
        self.w8(0x31, if low { 0 } else { 1 });
    }

    fn xfer(&mut self, out: u8) -> u8 {
        self.w8(0x7F, out);
        let mut polls = 0;
        while self.r8(0x03) & 0x10 == 0 {
            polls += 1;
            assert!(polls < 100, "URXIFG1 never set");
        }
        self.r8(0x7E)
    }

    fn command(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.cs(true);
        let r = bytes.iter().map(|&b| self.xfer(b)).collect();
        self.cs(false);
        r
    }
}

#[test]
fn enc28j60_frames_in_and_out_through_usart1_mspsim_mode() {
    let config = BoardConfig {
        enc_model: EncModel::Mspsim,
        ..BoardConfig::default()
    };
    let mut b = board(include_bytes!("data/board/clock.elf"), config);
    // An Ethernet II frame: broadcast, from 02:00:00:00:00:42, type 0x88B5.
    let frame: Vec<u8> = [
        &[0xFF; 6][..],
        &[0x02, 0x00, 0x00, 0x00, 0x00, 0x42],
        &[0x88, 0xB5],
        b"proiot3 simulated frame payload, long enough for a minimum frame.",
    ]
    .concat();
    {
        let mut h = SpiHost::new(&mut b);
        // WBM: control byte, then the frame; then BFS ECON1.TXRTS.
        let mut wbm = vec![0x7A, 0x00];
        wbm.extend_from_slice(&frame);
        h.command(&wbm);
        h.command(&[0x9F, 0x08]);
    }
    assert_eq!(b.take_frames(), vec![frame.clone()]);
    assert_eq!(
        b.inject_frame(&frame),
        enc28j60::model::InjectResult::Accepted
    );
    let mut h = SpiHost::new(&mut b);
    // Bank 1 (BFC ECON1 3, BFS ECON1 1), RCR EPKTCNT.
    h.command(&[0xBF, 0x03]);
    h.command(&[0x9F, 0x01]);
    assert_eq!(h.command(&[0x19, 0x00])[1], 1);
    // RBM: next pointer, count with CRC, status 0x80 0x00, the frame.
    let mut rbm = vec![0x3A];
    rbm.extend(std::iter::repeat_n(0, 6 + frame.len()));
    let got = h.command(&rbm);
    let n = (frame.len() + 4) as u16;
    assert_eq!(&got[1..7], &[0, 0, n as u8, (n >> 8) as u8, 0x80, 0x00]);
    assert_eq!(&got[7..], &frame[..]);
}

#[test]
fn byte_write_to_a_timer_register_keeps_the_other_half() {
    let mut b = board(
        include_bytes!("data/board/clock.elf"),
        BoardConfig::default(),
    );
    b.chip.write_word(0x0164, 0x4110, 1); // TACCTL1: CM rising, CAP, CCIE
    b.chip.write_byte(0x0164, 0x00, 2); // bic.b #0x10-style byte write
    assert_eq!(b.chip.read_word(0x0164, 3), 0x4100);
}

#[test]
fn reset_pin_is_a_power_on_reset() {
    let mut b = board(
        include_bytes!("data/board/timer.elf"),
        BoardConfig::default(),
    );
    b.run_for(3 * PS_PER_S + MS);
    assert_eq!(ram_word(&mut b, 0x1100), 3);
    b.chip.write_byte(0x0002, 0x01, b.cpu.cycles); // IFG1.WDTIFG by hand
    b.reset_pin();
    b.run_for(MS);
    assert_eq!(ram_word(&mut b, 0x1100), 0, "restarted: counter cleared");
    assert_eq!(b.devices().resets.len(), 1);
    assert_eq!(b.devices().resets[0].1, ResetCause::Pin);
    assert_eq!(
        b.chip.read_byte(0x0002, b.cpu.cycles) & 0x01,
        0,
        "POR clears WDTIFG"
    );
    b.run_for(PS_PER_S);
    assert_eq!(ram_word(&mut b, 0x1100), 1);
}

#[test]
fn mac_record_in_information_memory() {
    let mac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];
    let b = board(
        include_bytes!("data/board/clock.elf"),
        BoardConfig {
            mac: Some(mac),
            ..BoardConfig::default()
        },
    );
    let rec: Vec<u8> = (0x1000..0x100A).map(|a| b.chip.peek(a)).collect();
    assert_eq!(&rec[..4], b"P3C1");
    assert_eq!(&rec[4..], &mac);
    assert_eq!(b.chip.peek(0x100A), 0xFF);
}

#[test]
fn console_baud_mismatch_is_noted() {
    // uart.elf runs at 800 kHz / 7 = 114286 baud: within 3 % of 115200.
    let mut b = board(
        include_bytes!("data/board/uart.elf"),
        BoardConfig::default(),
    );
    b.run_for(5 * MS);
    assert!(b.devices().notes.is_empty(), "{:?}", b.devices().notes);
    let mut b = board(
        include_bytes!("data/board/uart.elf"),
        BoardConfig {
            console_baud: 9600.0,
            ..BoardConfig::default()
        },
    );
    b.run_for(5 * MS);
    assert_eq!(b.devices().notes.len(), 1);
    assert!(
        b.devices().notes[0].contains("114286 baud"),
        "{:?}",
        b.devices().notes
    );
}

#[test]
fn timer_b_captures_aclk_edges_to_measure_the_dco() {
    let mut b = board(
        include_bytes!("data/board/capture.elf"),
        BoardConfig::default(),
    );
    b.run_for(5 * MS);
    // 8 ACLK periods of SMCLK: 8 * 800 kHz / 32768 Hz = 195.3.
    let slow = ram_word(&mut b, 0x1100);
    assert!((195..=196).contains(&slow), "{slow}");
    let f = dco_hz(0x60, 7, 1.0); // 3.594 MHz
    let fast = ram_word(&mut b, 0x1102) as f64;
    assert!((fast - 8.0 * f / 32768.0).abs() <= 1.0, "{fast}");
    assert!(b.chip.diagnostics().is_empty());
}

#[test]
fn lpm3_freezes_a_uart_byte_clocked_by_smclk() {
    let mut b = board(
        include_bytes!("data/board/uart_lpm3.elf"),
        BoardConfig::default(),
    );
    b.run_for(10 * MS);
    assert!(b.cpu.is_sleeping());
    assert!(b.take_console().is_empty(), "SMCLK is off in LPM3");
    let notes = &b.devices().notes;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].starts_with("USART0 transfer frozen"), "{notes:?}");
}
