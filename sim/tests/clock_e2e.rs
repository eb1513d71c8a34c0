//! End to end: the built clock firmware (`cargo xtask firmware`) on the
//! simulated board and the virtual network (router with RA + RDNSS, DNS
//! server, NTP server on exact simulated time), in both ENC28J60 model
//! modes. The firmware must get its address, resolve `pool.ntp.org`, sync,
//! show the true time on the display (read back from the simulated GDDRAM
//! with `ocr`), keep its clock close to true time at every NTP request
//! after the first sync, never reset, sleep most of the time when idle,
//! keep its stack within budget and leave the clock screen on a button
//! press.
//!
//! Each mode runs twice, once per router behaviour:
//! - forwarding (the default, like a real router): the first DNS query,
//!   sent from the optimistic address to the router's MAC, is forwarded,
//!   so the first sync comes under 2 s after reset (the target).
//!   The forwarded request reaches servers that do not know the board yet:
//!   the first NTP reply follows the server's own Neighbor Solicitation,
//!   which the firmware must not let delay the reply's T4.
//! - not forwarding: the first query is lost and retried 2 s later from
//!   the preferred address, the servers answer directly (first sync under
//!   4 s).
//!
//! The ELF comes from `$PROIOT3_FIRMWARE`, else
//! `<target>/firmware/msp430-none-elf/release/clock-firmware` under
//! `$CARGO_TARGET_DIR` or the repository's `target/`; without it the test
//! says so and passes (building it needs the nightly MSP430 toolchain;
//! `scripts/test-all.sh` runs `cargo xtask firmware` first).

mod common;
use common::firmware;

use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::net::NetConfig;
use proiot3_sim::session::{Network, Session};
use proiot3_sim::{loader, ocr, Board, BoardConfig, EncModel, Stop};

/// Stack budget: the deepest use is the application's construction at
/// start-up (about 2 KB, its constructor's temporaries), the main loop
/// needs well under 1 KB.
const STACK_BUDGET: u32 = 2560;

/// True UTC time of day (seconds since midnight) at simulated `t_ps`.
fn true_time_of_day(s: &Session, t_ps: u64) -> u32 {
    let Network::Virtual(v) = &s.net else {
        panic!("virtual network expected")
    };
    let unix_s = v.config().true_unix_ps(t_ps) / u128::from(PS_PER_S);
    (unix_s % 86_400) as u32
}

fn clock_end_to_end(elf: &[u8], model: EncModel, router_forwards: bool) {
    let image = loader::parse_any(elf).expect("firmware image");
    let board = Board::new(
        &image,
        BoardConfig {
            enc_model: model,
            ..BoardConfig::default()
        },
    );
    let net = NetConfig {
        router_forwards,
        ..NetConfig::default()
    };
    let mut s = Session::new(board, Session::virtual_net(net));
    s.static_ram = loader::elf_static_ram(elf).ok();

    // The display in the middle of seconds 10, 20, 34 and 40: the time of
    // day shown (large digits) is the true one. From 22.5 to 34.5 s the
    // board is idle (NTP requests at about 4, 20, 36 s; one redraw a
    // second, the ENC28J60 polled every 20 ms): its LPM fraction.
    let mut idle_from = None;
    let mut idle_to = None;
    for second in [10u64, 20, 22, 34, 40] {
        let t = second * PS_PER_S + PS_PER_S / 2;
        assert_eq!(s.run_until(t), Stop::TimeReached, "{model:?}");
        if second == 22 {
            idle_from = Some(s.board.stats());
            continue;
        }
        if second == 34 {
            idle_to = Some(s.board.stats());
        }
        let shown = ocr::read_time(s.board.display()).unwrap_or_else(|| {
            panic!(
                "{model:?}: no HH:MM:SS on the display at {second}.5 s\n{}",
                s.board.display().render_text()
            )
        });
        assert_eq!(
            shown.seconds,
            true_time_of_day(&s, t),
            "{model:?}: display at {second}.5 s\n{}",
            s.board.display().render_text()
        );
        assert!(shown.scale >= 2, "{model:?}: time drawn large: {shown:?}");
    }
    let (idle_from, idle_to) = (idle_from.unwrap(), idle_to.unwrap());
    // A button press (P1.3 at 41 s) leaves the clock screen: the network
    // screen has no large time line.
    s.press(3, 41 * PS_PER_S, PS_PER_S / 20);
    assert_eq!(s.run_until(41 * PS_PER_S + PS_PER_S / 2), Stop::TimeReached);
    let after_press = ocr::read_time(s.board.display());
    assert!(
        after_press.is_none_or(|t| t.scale == 1),
        "{model:?}: {after_press:?}\n{}",
        s.board.display().render_text()
    );
    let awake = idle_to.cycles_awake - idle_from.cycles_awake;
    let asleep = idle_to.cycles_asleep - idle_from.cycles_asleep;
    let lpm = asleep as f64 / (awake + asleep) as f64;

    let console = String::from_utf8_lossy(&s.board.take_console()).into_owned();
    assert!(console.contains("proiot3 clock firmware"), "{console:?}");
    assert!(console.contains("mac 02:00:00:00:00:42"), "{console:?}");
    assert!(console.contains("synced"), "{console:?}");
    if model == EncModel::Mspsim {
        // EREVID reads 0 there: a warning, not a failure.
        assert!(console.contains("enc28j60 rev?"), "{console:?}");
    }

    let r = s.report();
    assert_eq!(r.resets, 0, "{model:?}: no reset (watchdog, panic)\n{r}");
    assert!(
        s.board.devices().resets.is_empty(),
        "{:?}",
        s.board.devices().resets
    );
    assert!(
        r.stack_bytes > 0 && r.stack_bytes <= STACK_BUDGET,
        "{model:?}: stack {} B\n{r}",
        r.stack_bytes
    );
    // The network side saw the node configure itself and ask: router
    // solicitation, a DNS query (needs the global address and RDNSS), NTP
    // requests to the resolved address, answered.
    let Network::Virtual(v) = &s.net else {
        unreachable!()
    };
    let log = v.log();
    assert!(!log.dns.is_empty(), "{model:?}: no DNS query\n{r}");
    let replied = log
        .ntp
        .iter()
        .filter(|x| x.reply_delivered_ps.is_some())
        .count();
    assert!(replied >= 2, "{model:?}: NTP exchanges\n{r}");
    let first_sync = r.first_sync_ps.expect("synced");
    // Forwarding: under 2 s (optimistic DAD, the first query answered);
    // without: the first query is lost and retried 2 s later.
    let sync_bound = if router_forwards { 2 } else { 4 };
    assert!(
        first_sync < sync_bound * PS_PER_S,
        "{model:?} forwarding {router_forwards}: first sync at {first_sync} ps\n{r}"
    );
    // Clock error at every request after the first sync (the request's
    // transmit timestamp against true time when the frame left).
    let after_sync: Vec<f64> = r
        .clock
        .iter()
        .filter(|c| c.at_ps > first_sync)
        .map(|c| c.error_ps as f64 / 1e9)
        .collect();
    assert!(after_sync.len() >= 2, "{model:?}\n{r}");
    for e in &after_sync {
        assert!(
            e.abs() < 1.0,
            "{model:?} forwarding {router_forwards}: clock error {e} ms\n{r}"
        );
    }
    assert!(lpm > 0.9, "{model:?}: idle LPM fraction {lpm}\n{r}");
    eprintln!(
        "{model:?}, router forwarding {router_forwards}: first sync {:.3} s, clock error at requests {:?} ms, idle LPM {:.2} %, stack {} B, static RAM {:?} B",
        first_sync as f64 / PS_PER_S as f64,
        after_sync,
        lpm * 100.0,
        r.stack_bytes,
        r.static_ram
    );
}

#[test]
fn clock_firmware_end_to_end_both_enc_models() {
    let Some(elf) = firmware() else {
        eprintln!("no clock-firmware ELF (cargo xtask firmware, or set PROIOT3_FIRMWARE): skipped");
        return;
    };
    for model in [EncModel::Datasheet, EncModel::Mspsim] {
        for router_forwards in [true, false] {
            clock_end_to_end(&elf, model, router_forwards);
        }
    }
}
