//! Runs the real clock firmware on the simulated board, if it has been
//! built (`cargo xtask firmware`): the ELF is taken from
//! `$PROIOT3_FIRMWARE`, else `<target>/firmware/msp430-none-elf/release/
//! clock-firmware` under `$CARGO_TARGET_DIR` or the repository's `target/`.
//! Without an ELF the test says so and passes (the firmware needs the
//! nightly MSP430 toolchain, which a plain `cargo test` does not have).

mod common;
use common::firmware;

use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::{loader, Board, BoardConfig, EncModel, Stop};

fn run(model: EncModel) -> Option<Board> {
    let Some(elf) = firmware() else {
        eprintln!("no clock-firmware ELF (cargo xtask firmware, or set PROIOT3_FIRMWARE): skipped");
        return None;
    };
    let image = loader::parse_any(&elf).expect("firmware image");
    let mut b = Board::new(
        &image,
        BoardConfig {
            enc_model: model,
            ..BoardConfig::default()
        },
    );
    assert_eq!(b.run_for(3 * PS_PER_S), Stop::TimeReached);
    Some(b)
}

#[test]
fn clock_firmware_boots_prints_and_draws() {
    for model in [EncModel::Datasheet, EncModel::Mspsim] {
        let Some(mut b) = run(model) else { return };
        let console = String::from_utf8_lossy(&b.take_console()).into_owned();
        assert!(console.contains("proiot3"), "{console:?}");
        assert!(b.devices().resets.is_empty(), "{:?}", b.devices().resets);
        let d = b.display();
        assert!(d.display_on && d.charge_pump);
        let lit = (0..64)
            .flat_map(|y| (0..128).map(move |x| (x, y)))
            .filter(|&(x, y)| d.pixel(x, y))
            .count();
        assert!(lit > 100, "{lit} pixels lit");
        let s = b.stats();
        assert!(s.cycles_asleep > s.cycles_awake, "{s:?}");
    }
}

/// The firmware on the virtual network in a `Session`: the report adds up,
/// the stack stays in RAM, and whatever `HH:MM:SS` the display shows
/// advances one second per (true) second, read off the panel.
#[test]
fn clock_firmware_session_report_and_display_seconds() {
    use proiot3_sim::net::NetConfig;
    use proiot3_sim::session::Session;
    let Some(elf) = firmware() else {
        eprintln!("no clock-firmware ELF (cargo xtask firmware, or set PROIOT3_FIRMWARE): skipped");
        return;
    };
    let image = loader::parse_any(&elf).expect("firmware image");
    let board = Board::new(&image, BoardConfig::default());
    let mut s = Session::new(board, Session::virtual_net(NetConfig::default()));
    s.static_ram = loader::elf_static_ram(&elf).ok();
    // The clock shows a time once synced (about 4 s after reset).
    assert_eq!(s.run_until(10 * PS_PER_S), Stop::TimeReached);
    let r = s.report();
    assert_eq!(r.cycles, r.cycles_awake + r.cycles_asleep);
    assert!(r.stack_bytes > 0 && r.stack_bytes < 10 * 1024, "{r}");
    assert!(r.static_ram.is_some(), "{r}");
    let shown = &s.shown_times;
    assert!(
        shown.len() >= 3,
        "{shown:?}\n{}",
        s.board.display().render_text()
    );
    // One more second shown about a second later (the firmware redraws
    // once per second, shortly after the boundary). The first time shown
    // appears at the sync, mid-second, so the first interval is shorter.
    for w in shown.windows(2).skip(1) {
        if w[1].1 == w[0].1 + 1 {
            let dt = w[1].0 - w[0].0;
            assert!(dt.abs_diff(PS_PER_S) < PS_PER_S * 3 / 10, "{shown:?}");
        }
    }
    eprintln!("{r}");
}
