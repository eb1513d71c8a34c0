//! `host-runner`: the microip6 stack as a real IPv6 node on a Linux TAP.
//!
//! ```text
//! host-runner --tap <ifname> [--mac 02:00:00:00:00:42] [--optimistic]
//!             [--udp-echo <port>] [--udp-send <addr>,<port>,<text>]
//!             [--seconds <n>] [--seed <n>] [--enc28j60 datasheet|mspsim]
//!             [--clock [--ntp-server <name>] [--tz <posix tz>]]
//! ```
//!
//! It prints one line per event on stdout, as `key=value` pairs separated by
//! spaces, always starting with `event=` (see this crate's README.md for
//! the options, signals and every line).

mod clock;
mod link;

use link::{ChipModel, Link};

use microip6::iface::{Config, Counters, DropReason, Event, Interface, Received, SendError};
use microip6::wire::{Ipv6Address, MacAddress};
use std::io::Write;
use std::net::Ipv6Addr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const FRAME_BUFFER: usize = 1514;

/// How long `--udp-send` waits for a source address and a route (the first
/// Router Advertisement) before giving up.
const UDP_SEND_PATIENCE: Duration = Duration::from_secs(30);

/// Set by SIGUSR1: print an `event=counters` line.
static COUNTERS_REQUESTED: AtomicBool = AtomicBool::new(false);
/// Set by SIGTERM or SIGINT: leave the loop, print the final counters.
static STOP_REQUESTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(sig: libc::c_int) {
    // Only atomic stores: async-signal-safe.
    if sig == libc::SIGUSR1 {
        COUNTERS_REQUESTED.store(true, Ordering::SeqCst);
    } else if sig == libc::SIGUSR2 {
        clock::BUTTON_PRESSED.store(true, Ordering::SeqCst);
    } else {
        STOP_REQUESTED.store(true, Ordering::SeqCst);
    }
}

/// SIGUSR1 asks for the counters, SIGUSR2 presses the clock's button,
/// SIGTERM and SIGINT ask for a clean exit. Without SA_RESTART, so that a
/// signal also ends the wait in `poll`.
fn install_signal_handlers() {
    for sig in [libc::SIGUSR1, libc::SIGUSR2, libc::SIGTERM, libc::SIGINT] {
        // SAFETY: a zeroed sigaction with a handler that only stores to
        // atomics; the pointer arguments are valid for the call.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

struct Options {
    tap: String,
    mac: MacAddress,
    optimistic: bool,
    seed: u32,
    udp_echo: Option<u16>,
    udp_send: Option<(Ipv6Address, u16, String)>,
    seconds: Option<u64>,
    enc28j60: Option<ChipModel>,
    clock: bool,
    ntp_server: &'static str,
    tz: &'static str,
}

const USAGE: &str = "usage: host-runner --tap <ifname> [--mac <mac>] [--optimistic] \
[--udp-echo <port>] [--udp-send <addr>,<port>,<text>] [--seconds <n>] [--seed <n>] \
[--enc28j60 datasheet|mspsim] [--clock [--ntp-server <name>] [--tz <posix tz>]]";

fn parse_mac(s: &str) -> Option<MacAddress> {
    let mut mac = [0u8; 6];
    let mut parts = s.split(':');
    for b in mac.iter_mut() {
        *b = u8::from_str_radix(parts.next()?, 16).ok()?;
    }
    parts.next().is_none().then_some(MacAddress(mac))
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        tap: String::new(),
        mac: MacAddress([0x02, 0, 0, 0, 0, 0x42]),
        optimistic: false,
        seed: std::process::id() ^ 0x5eed_1234,
        udp_echo: None,
        udp_send: None,
        seconds: None,
        enc28j60: None,
        clock: false,
        ntp_server: "pool.ntp.org",
        tz: "UTC0",
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--tap" => o.tap = value()?,
            "--enc28j60" => {
                o.enc28j60 = Some(match value()?.as_str() {
                    "datasheet" => ChipModel::Datasheet,
                    "mspsim" => ChipModel::Mspsim,
                    _ => return Err("--enc28j60 takes datasheet or mspsim".into()),
                })
            }
            "--mac" => o.mac = parse_mac(&value()?).ok_or("bad --mac")?,
            "--optimistic" => o.optimistic = true,
            "--clock" => o.clock = true,
            // Leaked once: the application keeps `&'static str` (the
            // firmware's are constants).
            "--ntp-server" => o.ntp_server = Box::leak(value()?.into_boxed_str()),
            "--tz" => o.tz = Box::leak(value()?.into_boxed_str()),
            "--seed" => o.seed = value()?.parse().map_err(|_| "bad --seed")?,
            "--udp-echo" => o.udp_echo = Some(value()?.parse().map_err(|_| "bad --udp-echo")?),
            "--seconds" => o.seconds = Some(value()?.parse().map_err(|_| "bad --seconds")?),
            "--udp-send" => {
                let v = value()?;
                let mut p = v.splitn(3, ',');
                let addr: Ipv6Addr = p
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("bad --udp-send address")?;
                let port: u16 = p
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("bad --udp-send port")?;
                let text = p.next().unwrap_or("hello from microip6").to_string();
                o.udp_send = Some((addr.into(), port, text));
            }
            "-h" | "--help" => return Err(USAGE.into()),
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    if o.tap.is_empty() {
        return Err(USAGE.into());
    }
    Ok(o)
}

fn ip(a: Ipv6Address) -> Ipv6Addr {
    a.into()
}

const ALL_DROP_REASONS: [DropReason; DropReason::COUNT] = [
    DropReason::Truncated,
    DropReason::WrongMac,
    DropReason::NotIpv6,
    DropReason::BadIpv6,
    DropReason::WrongDestination,
    DropReason::Looped,
    DropReason::BadChecksum,
    DropReason::ExtensionHeader,
    DropReason::UnknownProtocol,
    DropReason::InvalidNdp,
    DropReason::IcmpIgnored,
    DropReason::NoListener,
    DropReason::RateLimited,
    DropReason::BufferTooSmall,
];

/// The `event=counters` line: the stack's counters, every drop reason as
/// `drop_<reason>=n` (zeros included), and the frames the stack consumed
/// without answering (counted here, from `Received::Consumed`).
fn counters_line(c: &Counters, consumed: u64) -> String {
    let mut line = format!(
        "event=counters rx_frames={} tx_frames={} udp_delivered={} udp_sent={} \
         icmp_errors_sent={} events_lost={} consumed={consumed}",
        c.rx_frames, c.tx_frames, c.udp_delivered, c.udp_sent, c.icmp_errors_sent, c.events_lost
    );
    for r in ALL_DROP_REASONS {
        line.push_str(&format!(
            " drop_{}={}",
            clock_app::drop_name(r),
            c.dropped(r)
        ));
    }
    line
}

fn event_line(e: Event) -> String {
    match e {
        Event::AddressAssigned(a) if a.is_link_local() => {
            format!("event=address_assigned addr={} scope=link dad=ok", ip(a))
        }
        Event::AddressAssigned(a) => format!(
            "event=address_assigned addr={} scope=global dad=ok prefix={}/64",
            ip(a),
            ip(a.prefix(64))
        ),
        Event::AddressDuplicate(a) => format!("event=dad_failed addr={} dad=duplicate", ip(a)),
        Event::AddressExpired(a) => format!("event=address_expired addr={}", ip(a)),
        Event::RouterLearned(a) => format!("event=router_learned addr={}", ip(a)),
        Event::RouterLost(a) => format!("event=router_lost addr={}", ip(a)),
        Event::DnsServerLearned(a) => format!("event=dns_server_learned addr={}", ip(a)),
        Event::DnsServerExpired(a) => format!("event=dns_server_expired addr={}", ip(a)),
        Event::NeighborUnreachable(a) => format!("event=neighbor_unreachable addr={}", ip(a)),
    }
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let tap = match linux_tap::Tap::open(&opts.tap) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "host-runner: cannot open TAP {}: {e} (root needed)",
                opts.tap
            );
            return ExitCode::from(1);
        }
    };
    let mut tap = match opts.enc28j60 {
        None => Link::Tap(tap),
        Some(chip) => match Link::enc28j60(tap, opts.mac, chip) {
            Ok(link) => link,
            Err(e) => {
                eprintln!("host-runner: {e}");
                return ExitCode::from(1);
            }
        },
    };
    install_signal_handlers();
    let out = std::io::stdout();
    let mut out = out.lock();
    let m = opts.mac.0;
    let _ = writeln!(
        out,
        "event=start tap={} mac={:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x} link_local={}",
        tap.name(),
        m[0],
        m[1],
        m[2],
        m[3],
        m[4],
        m[5],
        ip(Ipv6Address::link_local_from_mac(&opts.mac))
    );
    if opts.clock {
        let mut config = clock_app::AppConfig::new(opts.mac, opts.seed);
        config.ntp_server_name = opts.ntp_server;
        config.optimistic_dad = opts.optimistic;
        config.tick_hz = clock::TICK_HZ;
        let deadline = opts
            .seconds
            .map(|s| Instant::now() + Duration::from_secs(s));
        return clock::run(tap, config, opts.tz, deadline, &mut out);
    }
    let mut config = Config::new(opts.mac);
    config.optimistic_dad = opts.optimistic;
    config.seed = opts.seed;
    let mut iface: Interface = Interface::new(config);
    if let Some(p) = opts.udp_echo {
        iface.bind(p).expect("bind echo port");
    }
    let send_port = opts
        .udp_send
        .as_ref()
        .map(|_| iface.bind_ephemeral().expect("bind ephemeral port"));
    let mut pending_send = opts.udp_send.clone();
    let mut consumed: u64 = 0;
    let _ = out.flush();

    let epoch = Instant::now();
    // The stack's clock: wrapping milliseconds (microip6::time).
    let now = || epoch.elapsed().as_millis() as u32;
    let deadline = opts.seconds.map(|s| epoch + Duration::from_secs(s));
    let mut buf = [0u8; FRAME_BUFFER];
    loop {
        if deadline.is_some_and(|d| Instant::now() >= d) || STOP_REQUESTED.load(Ordering::SeqCst) {
            break;
        }
        // Frames from the link, each handled in the one buffer.
        loop {
            let len = match tap.recv(&mut buf) {
                Ok(Some(n)) => n,
                Ok(None) => break,
                Err(e) => {
                    eprintln!("host-runner: read: {e}");
                    return ExitCode::from(1);
                }
            };
            match iface.receive(&mut buf, len, now()) {
                Received::Transmit(n) => {
                    let _ = tap.send(&buf[..n]);
                }
                Received::Udp(meta) => {
                    let payload = buf[meta.payload.clone()].to_vec();
                    let _ = writeln!(
                        out,
                        "event=udp_received src={} src_port={} dst_port={} len={}",
                        ip(meta.src),
                        meta.src_port,
                        meta.dst_port,
                        payload.len()
                    );
                    if Some(meta.dst_port) == opts.udp_echo {
                        let off = iface.udp_payload_offset();
                        let n = payload.len().min(iface.max_udp_payload(buf.len()));
                        buf[off..off + n].copy_from_slice(&payload[..n]);
                        match iface.send_udp(
                            &mut buf,
                            now(),
                            meta.dst_port,
                            &meta.src,
                            meta.src_port,
                            n,
                        ) {
                            Ok(len) => {
                                let _ = tap.send(&buf[..len]);
                                let _ =
                                    writeln!(out, "event=udp_echoed dst={} len={n}", ip(meta.src));
                            }
                            Err(e) => {
                                let _ = writeln!(out, "event=udp_echo_failed reason={e:?}");
                            }
                        }
                    }
                }
                Received::Dropped(reason) => {
                    let _ = writeln!(
                        out,
                        "event=drop reason={} count={}",
                        clock_app::drop_name(reason),
                        iface.counters().dropped(reason)
                    );
                }
                Received::Consumed => consumed += 1,
            }
        }
        // The stack's own traffic.
        while let Some(n) = iface.poll_transmit(&mut buf, now()) {
            let _ = tap.send(&buf[..n]);
        }
        // The application's datagram, retried until the neighbor resolves.
        if let (Some((dst, port, text)), Some(src_port)) = (&pending_send, send_port) {
            let off = iface.udp_payload_offset();
            let n = text.len().min(iface.max_udp_payload(buf.len()));
            buf[off..off + n].copy_from_slice(&text.as_bytes()[..n]);
            match iface.send_udp(&mut buf, now(), src_port, dst, *port, n) {
                Ok(len) => {
                    let _ = tap.send(&buf[..len]);
                    let _ = writeln!(out, "event=udp_sent dst={} port={port} len={n}", ip(*dst));
                    pending_send = None;
                }
                Err(nb::Error::WouldBlock) => {
                    while let Some(n) = iface.poll_transmit(&mut buf, now()) {
                        let _ = tap.send(&buf[..n]);
                    }
                }
                // Before the first Router Advertisement there is no global
                // address or no route yet: wait for one, for a while.
                Err(nb::Error::Other(SendError::NoSourceAddress | SendError::NoRoute))
                    if epoch.elapsed() < UDP_SEND_PATIENCE => {}
                Err(nb::Error::Other(e)) => {
                    let _ = writeln!(out, "event=udp_send_failed reason={e:?}");
                    pending_send = None;
                }
            }
        }
        while let Some(e) = iface.poll_event() {
            let _ = writeln!(out, "{}", event_line(e));
        }
        if COUNTERS_REQUESTED.swap(false, Ordering::SeqCst) {
            let _ = writeln!(
                out,
                "{}{}",
                counters_line(iface.counters(), consumed),
                tap.driver_counters()
            );
        }
        let _ = out.flush();
        // Sleep until the next stack deadline, a frame, or 200 ms (the
        // pending datagram's retry pace).
        let t = now();
        let mut wait = iface
            .poll_at(t)
            .map_or(1000, |at| microip6::time::until(t, at))
            .min(1000);
        if pending_send.is_some() {
            wait = wait.min(200);
        }
        // A signal that came since the checks above is handled now; one
        // that comes during the wait ends it (EINTR).
        if COUNTERS_REQUESTED.load(Ordering::SeqCst) || STOP_REQUESTED.load(Ordering::SeqCst) {
            wait = 0;
        }
        if let Err(e) = tap.wait(wait as i32) {
            eprintln!("host-runner: poll: {e}");
            return ExitCode::from(1);
        }
    }
    let c = iface.counters();
    let _ = writeln!(
        out,
        "event=exit rx_frames={} tx_frames={} udp_delivered={} udp_sent={} icmp_errors_sent={}",
        c.rx_frames, c.tx_frames, c.udp_delivered, c.udp_sent, c.icmp_errors_sent
    );
    let _ = writeln!(
        out,
        "{}{}",
        counters_line(c, consumed),
        tap.driver_counters()
    );
    let _ = out.flush();
    ExitCode::SUCCESS
}
