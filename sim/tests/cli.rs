//! The `proiot3-sim` command line: trace, network, pcap and report options
//! on a small test program (tests/data/board/clock.elf: sets SP and the
//! DCO, then counts in a loop).

use std::process::Command;

fn sim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_proiot3-sim"))
}

const ELF: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/board/clock.elf");

#[test]
fn trace_lists_every_instruction_with_time_and_cycle() {
    let out = sim()
        .args([ELF, "--trace", "--seconds", "0.00002", "--net", "none"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = text.lines().collect();
    // First instructions of clock.s, at cycles 0, 2 (mov #imm, sp: 2), 7 (mov #imm, &abs: 5).
    assert!(
        lines[0].ends_with("0 4000: mov #0x3900, sp"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].ends_with("2 4004: mov #0x5a80, &0x0120"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].trim_start().starts_with("0.000002500"),
        "{}",
        lines[1]
    );
    assert!(lines.iter().any(|l| l.ends_with(": inc r5")));
    assert!(
        lines.iter().any(|l| l.ends_with("401a: jmp 0x4018")),
        "{text}"
    );
}

#[test]
fn virtual_network_pcap_and_report_from_the_command_line() {
    let pcap = std::env::temp_dir().join(format!("proiot3-sim-cli-{}.pcap", std::process::id()));
    let out = sim()
        .args([
            ELF,
            "--seconds",
            "3",
            "--enc-model",
            "mspsim",
            "--ra-interval",
            "2",
        ])
        .args([
            "--delay",
            "0.5/2",
            "--epoch",
            "1800000000",
            "--report",
            "--pcap",
        ])
        .arg(&pcap)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    // Unsolicited RAs at 1 s and 3 s, 2 ms on the way: the first queued by
    // the MSPSim model, the second still on the wire at the end.
    assert!(
        err.contains("frames           out 0, in 1 (0 refused"),
        "{err}"
    );
    assert!(err.contains("RA 2 (RS 0)"), "{err}");
    assert!(err.contains("lowest SP 0x3900, depth 0 B"), "{err}");
    assert!(err.contains("pcap: 1 frames"), "{err}");
    let frames = proiot3_sim::net::pcap::read(&std::fs::read(&pcap).unwrap()).unwrap();
    assert_eq!(frames.len(), 1);
    assert_eq!(frames[0].0, 1_800_000_001_002_000);
    let _ = std::fs::remove_file(pcap);
}

#[test]
fn bad_options_are_refused() {
    for args in [
        &["--net", "tap:"][..],
        &["--delay", "x"],
        &["--button", "3"],
        &["--router", "sometimes"],
        &["--bogus"],
    ] {
        let out = sim().arg(ELF).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn flood_and_frame_costs_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("proiot3-sim-cli-flood-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // One broadcast frame to mutate.
    let mut frame = vec![0xFF; 6];
    frame.extend_from_slice(&[0x02, 0, 0, 0, 0, 0x42, 0x86, 0xDD, 0x60]);
    frame.resize(80, 0);
    std::fs::write(dir.join("frame"), &frame).unwrap();
    let rx = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/board/rx.elf");
    let out = sim()
        .args([
            rx,
            "--seconds",
            "1",
            "--enc-model",
            "mspsim",
            "--net",
            "none",
        ])
        .args(["--flood", dir.to_str().unwrap(), "--flood-rate", "100"])
        .args(["--flood-from", "0.5", "--frame-costs"])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("flood: 1 frames in the pool, 100 per second from 0.5 s"),
        "{text}"
    );
    // 0.50, 0.51, ... 0.99 s and 1.00 s.
    assert!(
        text.contains("flood: 51 hostile frames delivered; resets []"),
        "{text}"
    );
    assert!(text.contains("frame (median)"), "{text}");
    assert!(text.contains("simulated MHz"), "{text}");
}
