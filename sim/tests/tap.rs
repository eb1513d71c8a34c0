//! `--net tap:IF`: the board's ENC28J60 bridged to a Linux TAP, both ways.
//! Needs CAP_NET_ADMIN (root) and /dev/net/tun; skips with a message
//! otherwise. Runs in real time (5 s).

use std::net::Ipv6Addr;

use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::net::{packet, tap::Tap};
use proiot3_sim::session::{Network, Session};
use proiot3_sim::{loader, Board, BoardConfig, Bus, EncModel};

const BOARD_MAC: [u8; 6] = [0x02, 0, 0, 0, 0x77, 0x42];

/// Sends `frame` through the MSPSim-mode ENC28J60 by driving USART1 and
/// P5.0 through the bus (the test program itself only spins).
fn send(b: &mut Board, frame: &[u8]) {
    let mut cycle = b.devices().cycle_of_time(b.devices().now_ps()) + 10;
    let mut w8 = |addr: u16, v: u8, extra: u64| {
        b.chip.write_byte(addr, v, cycle);
        cycle += 4 + extra;
    };
    w8(0x31, 0x01, 0); // P5OUT: CS high
    w8(0x32, 0x0B, 0); // P5DIR
    w8(0x33, 0x0E, 0); // P5SEL
    w8(0x78, 0x17, 0); // U1CTL: CHAR SYNC MM SWRST
    w8(0x79, 0xB2, 0); // U1TCTL: CKPH SSEL_SMCLK STC
    w8(0x7C, 0x02, 0);
    w8(0x7D, 0x00, 0);
    w8(0x05, 0x10, 0); // ME2.USPIE1
    w8(0x78, 0x16, 0);
    let mut wbm = vec![0x7A, 0x00];
    wbm.extend_from_slice(frame);
    for command in [&wbm[..], &[0x9F, 0x08]] {
        // WBM (control byte + frame), then BFS ECON1.TXRTS.
        w8(0x31, 0x00, 0);
        for &x in command {
            // One SPI byte is 8 x 2 SMCLK cycles; wait well past it.
            w8(0x7F, x, 40);
        }
        w8(0x31, 0x01, 0);
    }
}

#[test]
fn tap_bridge_carries_frames_both_ways() {
    let name = format!("psim{}", std::process::id() % 100_000);
    let tap = match Tap::open(&name) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("skipping: cannot open TAP {name}: {e}");
            return;
        }
    };
    let image = loader::parse_elf(include_bytes!("data/board/clock.elf")).unwrap();
    let config = BoardConfig {
        enc_model: EncModel::Mspsim,
        ..BoardConfig::default()
    };
    let mut s = Session::new(Board::new(&image, config), Network::Tap(tap));
    let path = std::env::temp_dir().join(format!("{name}.pcap"));
    s.capture(path.to_str().unwrap()).unwrap();
    // After the kernel finished DAD on its link-local address.
    s.run_until(5 * PS_PER_S / 2);
    // Echo request to all-nodes from the board's link-local address: the
    // kernel answers, after resolving us with a Neighbor Solicitation.
    let src: Ipv6Addr = "fe80::ff:fe77:42".parse().unwrap();
    let dst: Ipv6Addr = "ff02::1".parse().unwrap();
    let echo = [128u8, 0, 0, 0, 0xAB, 0xCD, 0, 1, b'h', b'i'];
    let f = packet::build_ipv6(
        BOARD_MAC,
        packet::multicast_mac(&dst),
        src,
        dst,
        packet::PROTO_ICMPV6,
        64,
        &echo,
    );
    send(&mut s.board, &f);
    s.run_until(5 * PS_PER_S);
    assert_eq!(s.frames.out, 1);
    assert_eq!(
        s.finish_capture().unwrap(),
        s.frames.out + s.frames.delivered
    );
    let frames = proiot3_sim::net::pcap::read(&std::fs::read(&path).unwrap()).unwrap();
    let _ = std::fs::remove_file(&path);
    let ours = frames.iter().position(|(_, fr)| *fr == f);
    let ours = ours.expect("the board's frame in the capture");
    // Afterwards, from the kernel: an NS for our address or the echo reply.
    let answered = frames[ours + 1..].iter().any(|(_, fr)| {
        let Some(p) = packet::parse_ipv6(fr) else {
            return false;
        };
        let Some(m) = packet::parse_icmpv6(&p) else {
            return false;
        };
        (m[0] == 135 && m.get(8..24) == Some(&src.octets()[..]))
            || (m[0] == 129 && p.dst == src && m[4..6] == [0xAB, 0xCD])
    });
    assert!(answered, "{} frames from the kernel", frames.len() - 1);
    assert!(s.frames.delivered >= 1);
}
