//! Performance figures of the clock firmware on the simulated board
//! (printed, never asserted against wall time): simulated MHz, time from
//! reset to the first NTP sync on the virtual network, the fraction of
//! time in low-power modes while idle, and CPU cycles per received frame
//! by kind, split into SPI transfer and processing ([`proiot3_sim::perf`]).
//!
//! Run with `cargo test --release -p proiot3-sim --test perf -- --nocapture`.
//! Skips when the firmware ELF is not built. The per-frame rows need a
//! firmware that talks to the network (it sent at least one frame); until
//! then only the measurement's consistency is checked. A second run, to
//! the firmware's first DNS refresh (620 simulated seconds), measures a DNS
//! reply. The NS and the foreign frame are also profiled by function
//! ([`proiot3_sim::profile`]): the top functions by own cycles.

mod common;

use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::net::NetConfig;
use proiot3_sim::perf::{self, FrameKind};
use proiot3_sim::profile::Profile;
use proiot3_sim::session::{Network, Session};
use proiot3_sim::{loader, Board, BoardConfig, Stop};

#[test]
fn firmware_performance_figures() {
    let Some(elf) = common::firmware() else {
        eprintln!("SKIPPED: no clock-firmware ELF (cargo xtask firmware, or PROIOT3_FIRMWARE)");
        return;
    };
    let image = loader::parse_any(&elf).expect("firmware image");
    let mut s = Session::new(
        boot_board(&image),
        Session::virtual_net(NetConfig::default()),
    );
    s.static_ram = loader::elf_static_ram(&elf).ok();
    s.measure_frames();

    // Boot and sync.
    let wall = std::time::Instant::now();
    assert_eq!(s.run_until(20 * PS_PER_S), Stop::TimeReached);
    let boot_wall = wall.elapsed().as_secs_f64();
    let boot_cycles = s.board.cpu.cycles;
    let boot_awake = s.board.stats().cycles_awake;

    // Frames of our own, each while idle, 100 ms apart; the NS and the
    // foreign frame also profiled by function, each window on its own.
    let symbols = Profile::from_elf(&elf).expect("firmware symbols");
    let mut profiles: Vec<(perf::FrameCost, Profile)> = Vec::new();
    let mut t = s.board.now_ps();
    for i in 0..5u16 {
        for f in [
            common::neighbor_solicitation(),
            common::echo_request(i),
            common::foreign_unicast(),
        ] {
            t += PS_PER_S / 10;
            assert_eq!(s.run_until(t), Stop::TimeReached);
            let profiled = matches!(
                FrameKind::of(&f),
                FrameKind::NeighborSolicitation | FrameKind::Other
            );
            s.board.profile = profiled.then(|| symbols.clone());
            let cost = s.inject_measured(&f);
            if let (Some(profile), Some(cost)) = (s.board.profile.take(), cost) {
                // Every awake cycle of the window is in the profile.
                assert_eq!(profile.total_cycles(), cost.awake_cycles, "{cost:?}");
                profiles.push((cost, profile));
            }
        }
    }

    // Idle: 60 s with no frame of ours.
    let idle_from = s.board.stats();
    let t_idle = s.board.now_ps();
    assert_eq!(s.run_until(t_idle + 60 * PS_PER_S), Stop::TimeReached);
    let idle_to = s.board.stats();
    let total_wall = wall.elapsed().as_secs_f64();

    let awake = idle_to.cycles_awake - idle_from.cycles_awake;
    let asleep = idle_to.cycles_asleep - idle_from.cycles_asleep;
    let lpm = 100.0 * asleep as f64 / (awake + asleep).max(1) as f64;
    let sim_s = s.board.now_ps() as f64 / PS_PER_S as f64;
    let networked = s.frames.out > 0;
    let first_sync = s.report().first_sync_ps.map(|t| t as f64 / PS_PER_S as f64);
    let mut costs = s.frame_costs.clone().unwrap_or_default();
    // DNS replies: the first, at boot, is never measured (the NTP exchange
    // it starts keeps the board awake past the network's next frame), and
    // on this 1 ms network the refresh's answer arrives while the firmware
    // is still finishing the loop turn that sent the query. A second run
    // with the DNS server 10 ms away (each way) to the first refresh
    // (clock_app::DNS_REFRESH_MS after the first answer) gets an answer
    // to a sleeping board.
    let far = NetConfig {
        delay_to_hosts_ps: PS_PER_S / 100,
        delay_to_board_ps: PS_PER_S / 100,
        ..NetConfig::default()
    };
    let mut s2 = Session::new(boot_board(&image), Session::virtual_net(far));
    s2.measure_frames();
    assert_eq!(s2.run_until(620 * PS_PER_S), Stop::TimeReached);
    assert!(s2.board.devices().resets.is_empty());
    let dns_far: Vec<_> = s2
        .frame_costs
        .unwrap_or_default()
        .into_iter()
        .filter(|c| c.kind == FrameKind::DnsReply)
        .collect();
    costs.extend(dns_far);

    println!("{}", s.report());
    println!(
        "simulator speed      {:.1} simulated MHz over the first 20 s ({} cycles, {} awake, \
         in {:.3} s wall; awake cycles alone {:.1} MHz), {:.0}x real time over the whole run \
         ({sim_s:.0} s in {total_wall:.3} s)",
        boot_cycles as f64 / boot_wall / 1e6,
        boot_cycles,
        boot_awake,
        boot_wall,
        boot_awake as f64 / boot_wall / 1e6,
        sim_s / total_wall
    );
    match first_sync {
        Some(t) => println!("reset to first sync  {t:.3} s (first NTP reply delivered)"),
        None => println!("reset to first sync  none (the firmware sent no NTP request)"),
    }
    println!("low-power while idle {lpm:.2} % over 60 s ({awake} cycles awake)");
    println!("frames sent by the firmware: {}", s.frames.out);
    println!("{}", perf::table(&costs));
    println!(
        "(DNS reply: the refresh at 601 s on a second run with 10 ms one-way delays; \
         NTP reply: from its arrival, awaited awake, until the board sleeps)"
    );
    for kind in [FrameKind::NeighborSolicitation, FrameKind::Other] {
        let mut v: Vec<_> = profiles.iter().filter(|p| p.0.kind == kind).collect();
        v.sort_by_key(|p| p.0.awake_cycles);
        let Some((cost, profile)) = v.get(v.len() / 2) else {
            continue;
        };
        println!(
            "cycle profile by function, {}: the median window of {} ({} cycles, {} of them \
             SPI transfer; self: own instructions, inclusive: with callees entered in the \
             window, entries: calls)",
            kind.name(),
            v.len(),
            cost.awake_cycles,
            cost.spi_cycles
        );
        println!("{}", profile.table(25, 1));
        println!("call tree (paths of at least 1% of the window):");
        println!("{}", profile.tree(cost.awake_cycles / 100, 1));
    }

    for c in &costs {
        assert!(c.spi_cycles <= c.awake_cycles + 8, "{c:?}");
        assert!(c.settle_ps <= PS_PER_S / 20, "{c:?}");
    }
    assert!(s.board.devices().resets.is_empty());
    if networked {
        // The answers exist and cost something.
        for k in [FrameKind::NeighborSolicitation, FrameKind::EchoRequest] {
            let c: Vec<_> = costs.iter().filter(|c| c.kind == k).collect();
            assert!(!c.is_empty(), "no {k:?} measured");
            assert!(
                c.iter().all(|c| c.frames_sent >= 1 && c.spi_bytes > 0),
                "{c:?}"
            );
        }
        // The replies the firmware asked for: read from the chip (at
        // least the frame itself over SPI), nothing sent in answer.
        for k in [FrameKind::NtpReply, FrameKind::DnsReply] {
            let c: Vec<_> = costs.iter().filter(|c| c.kind == k).collect();
            assert!(!c.is_empty(), "no {k:?} measured");
            assert!(
                c.iter()
                    .all(|c| c.spi_bytes > c.len as u64 && c.frames_sent == 0),
                "{c:?}"
            );
        }
        let foreign: Vec<_> = costs
            .iter()
            .filter(|c| c.kind == FrameKind::Other)
            .collect();
        assert!(foreign.iter().all(|c| c.frames_sent == 0), "{foreign:?}");
    } else {
        eprintln!("the firmware sent no frame: per-frame rows are those of a board that does not read the ENC28J60");
    }
}

/// The board with the firmware `image` and the tests' MAC, at reset.
fn boot_board(image: &loader::Image) -> Board {
    Board::new(
        image,
        BoardConfig {
            mac: Some(common::BOARD_MAC),
            ..BoardConfig::default()
        },
    )
}

/// The cost split on a known program (tests/data/board/rx.s): it wakes 64
/// times a second, reads EPKTCNT (6 SPI bytes: two bank-select commands
/// and the read), and reads and releases each waiting frame (RBM command,
/// 6 header bytes, the frame, PKTDEC: 9 + frame bytes), then polls again.
/// SPI at SMCLK/2 is 16 MCLK cycles per byte.
#[test]
fn frame_cost_split_into_spi_and_processing_on_a_receiver_program() {
    let image = loader::parse_any(include_bytes!("data/board/rx.elf")).unwrap();
    let board = Board::new(
        &image,
        BoardConfig {
            enc_model: proiot3_sim::EncModel::Mspsim,
            ..BoardConfig::default()
        },
    );
    let mut s = Session::new(board, Network::None);
    s.measure_frames();
    assert_eq!(s.run_until(PS_PER_S / 2), Stop::TimeReached);
    let frame = common::foreign_unicast();
    let cost = s.inject_measured(&frame).expect("measured");
    assert_eq!(s.board.chip.peek_word(0x1100), 1, "frames read");
    assert_eq!(cost.kind, FrameKind::Other);
    let bytes = 6 + (9 + frame.len() as u64) + 6;
    assert_eq!(cost.spi_bytes, bytes, "{cost:?}");
    assert!(cost.spi_cycles.abs_diff(16 * bytes) <= 1, "{cost:?}");
    // Polling each byte, the loop around it and the calls cost more.
    assert!(cost.processing_cycles() > cost.spi_cycles / 2, "{cost:?}");
    // Picked up at the next 1/64 s tick at the latest.
    assert!(cost.settle_ps < PS_PER_S / 64 + PS_PER_S / 100, "{cost:?}");
    assert_eq!(s.frame_costs.as_ref().map(Vec::len), Some(1));
    println!("{}", perf::table(s.frame_costs.as_ref().unwrap()));
}
