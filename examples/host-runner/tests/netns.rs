//! The stack against the real thing: the host runner on a TAP inside a
//! network namespace, with the Linux kernel as its peer on the link and
//! radvd (Debian) as its router.
//!
//! Every test makes its own namespace (`mip6-<pid>-<n>-<test>`), its own
//! temporary directory for radvd's configuration and pid file, and tears
//! both down in `Drop` (children first, then `ip netns del`), also when an
//! assertion fails. The TAP is `tap0` in every namespace: names never clash.
//!
//! The tests need root (namespaces, TAP, AF_PACKET). They print `SKIP ...`
//! and pass only when not root or when `ip netns add` fails (a container
//! without namespaces); anything else that is missing is a failure.
//!
//! Waits are bounded and poll a condition: a line of the runner's output,
//! a frame on the link, the kernel's neighbor or address state.

mod common;

use common::*;
use std::net::{SocketAddrV6, UdpSocket};
use std::time::Duration;

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

/// radvd's RA gives the device its router, DNS server and SLAAC address;
/// the kernel pings both device addresses and resolves them to REACHABLE.
#[test]
fn slaac_from_radvd_then_kernel_pings_and_resolves() {
    let Some(mut ns) = Netns::create("slaac") else {
        return;
    };
    let (runner, _router) = slaac_link(&mut ns, &[]);
    ping_and_resolve(&ns, &format!("{DEVICE_LL}%{TAP}"), DEVICE_LL);
    ping_and_resolve(&ns, DEVICE_GLOBAL, DEVICE_GLOBAL);
    let c = runner.counters();
    assert!(c["tx_frames"] >= 6, "echo replies and NAs counted: {c:?}");
}

/// The same with optimistic DAD (RFC 4429).
#[test]
fn slaac_with_optimistic_dad() {
    let Some(mut ns) = Netns::create("optimistic") else {
        return;
    };
    let _ = slaac_link(&mut ns, &["--optimistic"]);
    ping_and_resolve(&ns, DEVICE_GLOBAL, DEVICE_GLOBAL);
}

/// The whole path through the ENC28J60 driver and the datasheet chip
/// model (SPI at the byte level) bridged to the TAP: SLAAC, ping, resolution.
#[test]
fn slaac_through_enc28j60_driver_and_datasheet_model() {
    let Some(mut ns) = Netns::create("encds") else {
        return;
    };
    let (runner, _router) = slaac_link(&mut ns, &["--enc28j60", "datasheet"]);
    ping_and_resolve(&ns, DEVICE_GLOBAL, DEVICE_GLOBAL);
    let c = runner.counters();
    assert!(c["enc_rx_frames"] >= 4, "frames through the driver: {c:?}");
    assert_eq!(c["enc_rx_resets"], 0, "{c:?}");
}

/// The same through the model's MSPSim mode (streamed reads, ignored
/// pointers), so the driver's compatibility with MSPSim's proiot3 board is
/// checked on real traffic.
#[test]
fn slaac_through_enc28j60_driver_and_mspsim_model() {
    let Some(mut ns) = Netns::create("encms") else {
        return;
    };
    let (runner, _router) = slaac_link(&mut ns, &["--enc28j60", "mspsim"]);
    ping_and_resolve(&ns, DEVICE_GLOBAL, DEVICE_GLOBAL);
    let c = runner.counters();
    assert!(c["enc_tx_frames"] >= 4, "frames through the driver: {c:?}");
}

fn duplicate_detected(test: &str, runner_args: &[&str]) {
    let Some(mut ns) = Netns::create(test) else {
        return;
    };
    ns.router_mode();
    let runner = ns.runner(runner_args);
    // The kernel holds the device's future SLAAC address first.
    ns.add_address(&format!("{DEVICE_GLOBAL}/64"));
    ns.kernel_link_local();
    ns.radvd();
    let t = Duration::from_secs(20);
    runner.wait_event(
        0,
        "dad_failed",
        &[("addr", DEVICE_GLOBAL), ("dad", "duplicate")],
        t,
    );
    // The link-local address is unaffected and answers.
    runner.wait_event(0, "address_assigned", &[("addr", DEVICE_LL)], t);
    assert_eq!(ns.ping(&format!("{DEVICE_LL}%{TAP}"), 2), 2);
    // Barrier: everything the device did is printed before the counters.
    runner.counters();
    assert!(
        !runner.has_event(0, "address_assigned", &[("addr", DEVICE_GLOBAL)]),
        "duplicate address assigned anyway\n{}",
        runner.diagnostics()
    );
}

/// RFC 4862 5.4: the kernel answers the device's DAD probe, the device
/// gives the address up.
#[test]
fn duplicate_slaac_address_is_detected() {
    duplicate_detected("dad", &[]);
}

/// RFC 4429: an optimistic address is given up the same way.
#[test]
fn duplicate_slaac_address_is_detected_optimistic() {
    duplicate_detected("dadopt", &["--optimistic"]);
}

/// UDP both ways between the device and a socket of the kernel: the
/// device's datagram (global source, after SLAAC) reaches the socket, and
/// the socket's datagrams come back from the device's echo port, to and
/// from the global and the link-local address.
#[test]
fn udp_between_device_and_kernel_socket() {
    let Some(mut ns) = Netns::create("udp") else {
        return;
    };
    ns.router_mode();
    // The tap must exist before the kernel's socket binds its address.
    let runner = ns.runner(&[
        "--udp-echo",
        "7",
        "--udp-send",
        "2001:db8:1::1,5000,hello from the device",
    ]);
    ns.add_address(&format!("{KERNEL_GLOBAL}/64"));
    let (sock, ifindex) = ns.enter(|| {
        let s = UdpSocket::bind("[2001:db8:1::1]:5000").expect("bind kernel socket");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        // SAFETY: a valid NUL-terminated name.
        let ifindex = unsafe { libc::if_nametoindex(c"tap0".as_ptr()) };
        (s, ifindex)
    });
    ns.kernel_link_local();
    ns.radvd();

    // Device to kernel.
    let mut buf = [0u8; 1500];
    let (n, from) = sock
        .recv_from(&mut buf)
        .unwrap_or_else(|e| panic!("kernel socket got nothing: {e}\n{}", runner.diagnostics()));
    assert_eq!(&buf[..n], b"hello from the device");
    let std::net::SocketAddr::V6(from) = from else {
        panic!("{from}")
    };
    assert_eq!(*from.ip(), ip6(DEVICE_GLOBAL));
    assert!(from.port() >= 49152, "ephemeral port {}", from.port());
    runner.wait_event(
        0,
        "udp_sent",
        &[("dst", KERNEL_GLOBAL), ("port", "5000")],
        Duration::from_secs(10),
    );

    // Kernel to device and back, global addresses.
    sock.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let device = SocketAddrV6::new(ip6(DEVICE_GLOBAL), 7, 0, 0);
    sock.send_to(b"echo me, global", device).unwrap();
    let (n, from) = sock
        .recv_from(&mut buf)
        .unwrap_or_else(|e| panic!("no echo from the device: {e}\n{}", runner.diagnostics()));
    assert_eq!(&buf[..n], b"echo me, global");
    assert_eq!(from, device.into());

    // Link-local: a second socket of the kernel, scope tap0.
    let ll = ns.enter(|| {
        let s = UdpSocket::bind("[::]:0").unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s
    });
    let device_ll = SocketAddrV6::new(ip6(DEVICE_LL), 7, 0, ifindex);
    ll.send_to(b"echo me, link-local", device_ll).unwrap();
    let (n, from) = ll
        .recv_from(&mut buf)
        .unwrap_or_else(|e| panic!("no link-local echo: {e}\n{}", runner.diagnostics()));
    assert_eq!(&buf[..n], b"echo me, link-local");
    let std::net::SocketAddr::V6(from) = from else {
        panic!("{from}")
    };
    assert_eq!((*from.ip(), from.port()), (ip6(DEVICE_LL), 7));

    let c = runner.counters();
    assert_eq!(c["udp_delivered"], 2, "{c:?}");
    assert_eq!(c["udp_sent"], 3, "one datagram and two echoes: {c:?}");
}

/// Hostile traffic from the namespace, frame by frame, each with a
/// well-formed control that the device does act upon (so the frame builder
/// is not what makes the hostile frame fail). The device's answers are in
/// order, so a control's answer arriving with nothing before it proves the
/// hostile frame got no answer.
#[test]
fn hostile_traffic_is_ignored_and_counted() {
    let Some(mut ns) = Netns::create("hostile") else {
        return;
    };
    let runner = ns.runner(&["--udp-echo", "7"]);
    runner.wait_event(
        0,
        "address_assigned",
        &[("addr", DEVICE_LL)],
        Duration::from_secs(10),
    );
    let link = RawLink::open(&ns);
    let device = ip6(DEVICE_LL);
    let me = ip6("fe80::bad");
    // Generous: the machine may be loaded; a wait only lasts this long
    // when something is wrong.
    let t = Duration::from_secs(10);
    let mut seq = 0u16;
    // An echo request with a fresh sequence number; the frames the device
    // sent before its reply (which must not be answers to what preceded).
    let mut barrier = |what: &str| -> Vec<Vec<u8>> {
        seq += 1;
        let s = seq;
        link.send(&frame::echo_request(
            DEVICE_MAC, &me, &device, 0xb0b, s, b"barrier",
        ));
        let mut seen = link.expect(&format!("echo reply {s} after {what}"), t, |f| {
            f.echo_reply()
                .is_some_and(|(id, q, _)| id == 0xb0b && q == s)
        });
        seen.pop();
        seen
    };
    barrier("start");
    link.drain();
    let before = runner.counters();
    let mark = runner.mark();

    // 1. RA with IPv6 hop limit 64 (RFC 4861 6.1.2: must be 255), and an RA
    //    from a global source (6.1.2: must be link-local).
    let bad_prefix = ip6("2001:db8:bad::");
    let bad_dns = ip6("2001:db8:bad::53");
    link.send(&frame::router_advert(&me, 64, &bad_prefix, &bad_dns));
    link.send(&frame::router_advert(
        &ip6("2001:db8:bad::1"),
        255,
        &bad_prefix,
        &bad_dns,
    ));
    let seen = barrier("hostile RAs");
    assert!(
        seen.iter()
            .all(|f| Seen(f).ip_src() != Some(ip6("2001:db8:bad::ff:fe00:42"))),
        "DAD for an address from a hostile RA"
    );

    // 2. NS with a multicast target (RFC 4861 7.1.1), then its control with
    //    the device's own address as target, which gets a solicited NA.
    let all_nodes = ip6("ff02::1");
    link.send(&frame::neighbor_solicit(
        DEVICE_MAC, &me, &device, &all_nodes,
    ));
    link.send(&frame::neighbor_solicit(DEVICE_MAC, &me, &device, &device));
    let mut seen = link.expect("NA for the control NS", t, |f| {
        f.nd_target(136) == Some(device)
    });
    seen.pop();
    assert!(
        seen.iter()
            .all(|f| Seen(f).icmpv6().map(|(k, _)| k) != Some(136)),
        "NA for an NS with a multicast target"
    );

    // 3. NA for an address nobody asked for (RFC 4861 7.2.5: no entry, no
    //    change), and one for the device's own address. Then a datagram
    //    from that address: the device must resolve it with an NS of its
    //    own, not send to the MAC the unsolicited NA claimed.
    let before_na = runner.counters();
    let stranger = ip6("fe80::99");
    let claimed_mac = [0x02, 0xde, 0xad, 0xbe, 0xef, 0x01];
    link.send(&frame::neighbor_advert(
        DEVICE_MAC,
        &me,
        &device,
        &stranger,
        claimed_mac,
    ));
    link.send(&frame::neighbor_advert(
        DEVICE_MAC,
        &me,
        &device,
        &device,
        claimed_mac,
    ));
    link.send(&frame::udp(
        DEVICE_MAC,
        &stranger,
        &device,
        4000,
        7,
        b"who am I",
    ));
    let seen = link.expect("NS for the unsolicited NA's target", t, |f| {
        f.nd_target(135) == Some(stranger)
    });
    assert_eq!(
        Seen(seen.last().unwrap()).ip_dst(),
        Some(ip6("ff02::1:ff00:99")),
        "multicast resolution (RFC 4861 7.2.2)"
    );
    assert!(
        seen.iter().all(|f| Seen(f).dst_mac() != Some(claimed_mac)),
        "the device used the MAC of an unsolicited NA"
    );
    runner.wait_event(mark, "udp_received", &[("src", "fe80::99")], t);
    let seen = barrier("unsolicited NAs");
    assert!(
        seen.iter().all(|f| Seen(f).dst_mac() != Some(claimed_mac)),
        "the device used the MAC of an unsolicited NA"
    );
    // Both NAs were taken in and set nothing (no drop reason fits a valid
    // NA that changes nothing: the runner counts them as consumed).
    let after_na = runner.counters();
    assert_eq!(delta(&before_na, &after_na, "consumed"), 2, "{after_na:?}");
    assert_eq!(delta(&before_na, &after_na, "udp_delivered"), 1);

    // 4. Truncated frames: an Ethernet header alone; an IPv6 header whose
    //    payload length (64) exceeds the frame; an ICMPv6 message of 2
    //    bytes. (Frames under 14 bytes cannot be sent on a TAP: EINVAL.)
    link.send(&[DEVICE_MAC.as_slice(), &frame::ATTACKER_MAC, &[0x86, 0xdd]].concat());
    let full = frame::echo_request(DEVICE_MAC, &me, &device, 1, 1, &[0x55; 56]);
    let mut cut = full[..54 + 8].to_vec();
    cut[18..20].copy_from_slice(&64u16.to_be_bytes());
    link.send(&cut);
    link.send(&frame::ipv6(
        DEVICE_MAC,
        &me,
        &device,
        frame::ICMPV6,
        64,
        &[128, 0],
    ));
    let seen = barrier("truncated frames");
    assert!(
        seen.iter().all(|f| Seen(f).echo_reply().is_none()),
        "answered a truncated echo"
    );

    // 5. Oversized frames (MTU of the kernel's tap0 raised to 9000): an
    //    echo request of 3062 bytes, and one of 1515 bytes: the runner's
    //    1514-byte buffer gets their start, which the stack must see as
    //    truncated. An echo request of exactly 1514 bytes is answered
    //    whole.
    ns.run(&["ip", "link", "set", TAP, "mtu", "9000"]);
    link.send(&frame::echo_request(
        DEVICE_MAC,
        &me,
        &device,
        2,
        1,
        &[0xaa; 3000],
    ));
    link.send(&frame::echo_request(
        DEVICE_MAC,
        &me,
        &device,
        2,
        2,
        &[0xaa; 1453],
    ));
    let max = frame::echo_request(DEVICE_MAC, &me, &device, 2, 3, &[0xab; 1452]);
    assert_eq!(max.len(), 1514);
    link.send(&max);
    let seen = link.expect("reply to the 1514-byte echo request", t, |f| {
        f.echo_reply().is_some_and(|(id, q, _)| (id, q) == (2, 3))
    });
    let reply = seen.last().unwrap();
    assert_eq!(reply.len(), 1514);
    assert_eq!(Seen(reply).echo_reply().unwrap().2, &[0xab; 1452][..]);
    assert!(
        seen.iter()
            .all(|f| !matches!(Seen(f).echo_reply(), Some((_, q, _)) if q != 3)),
        "answered an oversized echo request"
    );

    let after = runner.counters();
    assert_eq!(
        delta(&before, &after, "drop_invalid_ndp"),
        3,
        "two RAs and the NS\n{after:?}"
    );
    assert_eq!(delta(&before, &after, "drop_truncated"), 5, "{after:?}");
    assert!(
        !runner.has_event(mark, "router_learned", &[]),
        "router learned from a hostile RA\n{}",
        runner.diagnostics()
    );
    assert!(!runner.has_event(mark, "dns_server_learned", &[]));

    // 6. Floods of echo requests, back to back: 1000 while the runner
    //    runs, then 3000 while it is stopped (SIGSTOP), more than the
    //    kernel's TAP queue holds. Every request the kernel handed to the
    //    TAP is answered exactly once, with its own data; the others are
    //    in tap0's tx_dropped.
    let mut flooded = after.clone();
    for (id, count, stopped) in [(0xf10d_u16, 1000u16, false), (0xf10e, 3000, true)] {
        link.drain();
        let tx_dropped = ns.tap_stat("tx_dropped");
        let rx_dropped = ns.tap_stat("rx_dropped");
        link.drops();
        if stopped {
            // SAFETY: kill on the pid of the runner this test started.
            unsafe { libc::kill(runner.pid, libc::SIGSTOP) };
        }
        // A request the TAP queue cannot take is refused at once (ENOBUFS,
        // no qdisc in between) and counted in tap0's tx_dropped.
        let mut sent = 0u64;
        for q in 0..count {
            let data = q.to_be_bytes().repeat(16);
            if link.try_send(&frame::echo_request(DEVICE_MAC, &me, &device, id, q, &data)) {
                sent += 1;
            }
        }
        let lost_to_tap = ns.tap_stat("tx_dropped") - tx_dropped;
        if stopped {
            // SAFETY: as above.
            unsafe { libc::kill(runner.pid, libc::SIGCONT) };
        }
        let mut answered = vec![false; count as usize];
        for f in &barrier("flood") {
            if let Some((rid, q, data)) = Seen(f).echo_reply() {
                if rid != id {
                    continue;
                }
                assert!(
                    q < count && !answered[q as usize],
                    "reply {q} twice or unknown"
                );
                assert_eq!(data, q.to_be_bytes().repeat(16), "reply {q} data");
                answered[q as usize] = true;
            }
        }
        let answers = answered.iter().filter(|a| **a).count() as u64;
        let lost_on_return = ns.tap_stat("rx_dropped") - rx_dropped + link.drops() as u64;
        println!(
            "flood (runner {}): {count} requests, {sent} accepted, {answers} answered, \
             {lost_to_tap} dropped by the kernel's TAP queue, {lost_on_return} replies \
             dropped on the way back",
            if stopped { "stopped" } else { "running" }
        );
        assert!(answers > 0);
        assert_eq!(
            answers + lost_on_return,
            sent,
            "every request handed to the device is answered"
        );
        // The kernel's own count agrees (it may include a frame of its own).
        assert!(lost_to_tap >= count as u64 - sent);
        let now = runner.counters();
        assert!(delta(&flooded, &now, "rx_frames") >= answers);
        assert!(delta(&flooded, &now, "tx_frames") >= answers);
        flooded = now;
    }

    // 7. Still answering the kernel itself (whose own link-local address
    //    must be out of DAD to ping from).
    ns.kernel_link_local();
    assert_eq!(
        ns.ping(&format!("{DEVICE_LL}%{TAP}"), 3),
        3,
        "kernel ping after the hostile traffic\n{}",
        runner.diagnostics()
    );

    // 8. The control RA: the same as the hostile ones but valid. The device
    //    learns from it, so the hostile ones failed for their own fault.
    let mark = runner.mark();
    link.send(&frame::router_advert(&me, 255, &bad_prefix, &bad_dns));
    runner.wait_event(mark, "router_learned", &[("addr", "fe80::bad")], t);
    runner.wait_event(
        mark,
        "dns_server_learned",
        &[("addr", "2001:db8:bad::53")],
        t,
    );
    let end = runner.counters();
    assert_eq!(delta(&flooded, &end, "drop_invalid_ndp"), 0);
}
