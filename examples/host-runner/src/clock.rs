//! `--clock`: the display clock's application ([`clock_app::ClockApp`],
//! the code the firmware runs) on the TAP. The runner only moves frames,
//! reads its clocks and prints: the application's event lines, the
//! `event=sync` line with the clock's UTC time, and once a second the
//! display as an `event=display` line (see README.md).

use crate::link::Link;
use crate::{counters_line, COUNTERS_REQUESTED, STOP_REQUESTED};
use clock_app::{AppConfig, AppEvent, ClockApp, Screen, EVENT_LINE, ROWS};
use microip6::clock::Tz;
use microip6::dns;
use microip6::sntp;
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Set by SIGUSR2: the "next" button.
pub static BUTTON_PRESSED: AtomicBool = AtomicBool::new(false);

/// The tick counter: microseconds since the start, wrapping (the clock is
/// read every second, far more often than every 2^31 ticks).
pub const TICK_HZ: u32 = 1_000_000;

fn utc_text(app: &ClockApp, ticks: u32) -> String {
    match app.utc(ticks) {
        Some((s, us)) => format!("utc={s}.{us:06}"),
        None => "utc=unset".into(),
    }
}

/// The display as one line: `line<i>=<text>` with spaces as `_`.
fn display_line(app: &ClockApp, now_ms: u32, ticks: u32) -> String {
    let screen = app.current_screen();
    let text = app.screen(now_ms, ticks);
    let name = match screen {
        Screen::Clock => "clock",
        Screen::Network => "network",
        Screen::Counters => "counters",
    };
    let mut line = format!("event=display screen={name} {}", utc_text(app, ticks));
    for i in 0..ROWS {
        let l: String = text
            .line(i)
            .iter()
            .map(|&b| if b == b' ' { '_' } else { b as char })
            .collect();
        line.push_str(&format!(" line{i}={l}"));
    }
    line
}

/// The counters line of clock mode: the node's, then the NTP client's,
/// the resolver's and the application's.
fn clock_counters(app: &ClockApp, link: &Link) -> String {
    let mut line = counters_line(app.iface().counters(), app.counters().consumed as u64);
    let n = app.sntp().counters();
    line.push_str(&format!(
        " ntp_requests={} ntp_accepted={} ntp_timeouts={} ntp_steps={}",
        n.requests, n.accepted, n.timeouts, n.steps
    ));
    for r in sntp::Reject::ALL {
        line.push_str(&format!(
            " ntp_rejected_{}={}",
            clock_app::ntp_reject_name(r),
            n.rejected(r)
        ));
    }
    let d = app.resolver().counters();
    line.push_str(&format!(
        " dns_queries={} dns_replies={} dns_timeouts={} dns_server_errors={}",
        d.queries, d.replies, d.timeouts, d.server_errors
    ));
    for r in dns::Reject::ALL {
        line.push_str(&format!(
            " dns_rejected_{}={}",
            clock_app::dns_reject_name(r),
            d.rejected(r)
        ));
    }
    let c = app.counters();
    line.push_str(&format!(
        " messages={} acks={} acks_lost={} app_events_lost={}",
        c.messages, c.acks, c.acks_lost, c.events_lost
    ));
    line.push_str(&link.driver_counters());
    line
}

/// Runs the clock until `deadline` or a stop signal, in the zone of the
/// POSIX TZ string `tz` (parsed here, at run time; `config.tz` is
/// replaced).
pub fn run(
    mut link: Link,
    mut config: AppConfig,
    tz: &str,
    deadline: Option<Instant>,
    out: &mut impl Write,
) -> ExitCode {
    // Parsed once per run; `AppConfig` refers to a zone for good.
    config.tz = match Tz::parse(tz) {
        Ok(t) => Box::leak(Box::new(t)),
        Err(e) => {
            eprintln!("host-runner: bad --tz {tz:?}: {e:?}");
            return ExitCode::from(2);
        }
    };
    let mut app = ClockApp::new(config);
    let _ = writeln!(
        out,
        "event=clock_start ntp_server={} tz={} message_port={}",
        config.ntp_server_name,
        tz,
        clock_app::MESSAGE_PORT
    );
    let epoch = Instant::now();
    // The application's clock: wrapping u32 milliseconds.
    let now = || epoch.elapsed().as_millis() as u32;
    let ticks = || epoch.elapsed().as_micros() as u32;
    let mut buf = [0u8; crate::FRAME_BUFFER];
    // The display second printed last (UTC seconds once set, else seconds
    // since the start).
    let mut shown: Option<u32> = None;
    loop {
        if deadline.is_some_and(|d| Instant::now() >= d) || STOP_REQUESTED.load(Ordering::SeqCst) {
            break;
        }
        loop {
            let len = match link.recv(&mut buf) {
                Ok(Some(n)) => n,
                Ok(None) => break,
                Err(e) => {
                    eprintln!("host-runner: read: {e}");
                    return ExitCode::from(1);
                }
            };
            // The tick count right at the frame's arrival: NTP's T4.
            if let Some(n) = app.receive(&mut buf, len, now(), ticks()) {
                let _ = link.send(&buf[..n]);
            }
        }
        while let Some(n) = app.poll(&mut buf, now(), ticks()) {
            let _ = link.send(&buf[..n]);
        }
        while let Some(e) = app.poll_event() {
            let mut line = [0u8; EVENT_LINE];
            let n = app.event_text(&e, &mut line);
            let text = String::from_utf8_lossy(&line[..n]);
            if matches!(e, AppEvent::Synced(_)) {
                let _ = writeln!(out, "{text} {}", utc_text(&app, ticks()));
            } else {
                let _ = writeln!(out, "{text}");
            }
        }
        if BUTTON_PRESSED.swap(false, Ordering::SeqCst) {
            app.button_next(now());
            shown = None;
        }
        let t = ticks();
        let second = match app.utc(t) {
            Some((s, _)) => s,
            None => now() / 1000,
        };
        if shown != Some(second) {
            shown = Some(second);
            let _ = writeln!(out, "{}", display_line(&app, now(), t));
        }
        if COUNTERS_REQUESTED.swap(false, Ordering::SeqCst) {
            let _ = writeln!(out, "{}", clock_counters(&app, &link));
        }
        let _ = out.flush();
        // Sleep until the application's next deadline, a frame, or the
        // next display second.
        let t = now();
        let to_second = match app.utc(ticks()) {
            Some((_, us)) => (1_000_000 - us) / 1000 + 1,
            None => 1000 - t % 1000,
        };
        let mut wait = app.poll_in(t).unwrap_or(1000).min(to_second);
        if COUNTERS_REQUESTED.load(Ordering::SeqCst)
            || STOP_REQUESTED.load(Ordering::SeqCst)
            || BUTTON_PRESSED.load(Ordering::SeqCst)
        {
            wait = 0;
        }
        if let Err(e) = link.wait(wait as i32) {
            eprintln!("host-runner: poll: {e}");
            return ExitCode::from(1);
        }
    }
    let c = app.iface().counters();
    let _ = writeln!(
        out,
        "event=exit rx_frames={} tx_frames={} udp_delivered={} udp_sent={} icmp_errors_sent={}",
        c.rx_frames, c.tx_frames, c.udp_delivered, c.udp_sent, c.icmp_errors_sent
    );
    let _ = writeln!(out, "{}", clock_counters(&app, &link));
    let _ = out.flush();
    ExitCode::SUCCESS
}
