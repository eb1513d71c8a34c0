//! The clock firmware's use of `ClockApp`: each call in its own
//! `#[inline(never)]` function so that the report names what each one
//! costs (LTO inlines what only one caller uses into it).
#![no_std]
#![no_main]

use clock_app::{AppConfig, AppEvent, ClockApp, Screen, ScreenText, EVENT_LINE};
use core::hint::black_box;
use core::ptr::addr_of_mut;
use microip6::clock::Tz;
use microip6::wire::MacAddress;

/// Parsed by the compiler, as the firmware's `CLOCK_TZ`.
static CET: Tz = match Tz::parse("CET-1CEST,M3.5.0,M10.5.0/3") {
    Ok(t) => t,
    Err(_) => panic!("bad TZ"),
};

/// The firmware's frame buffer: 350 bytes, longer frames read cut (the
/// driver's `receive_cut`: the first bytes stored, the rest summed).
static mut FRAME: [u8; 350] = [0; 350];
/// All zero (`.bss`), configured in place as in the firmware.
static mut APP: ClockApp = ClockApp::UNCONFIGURED;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

#[inline(never)]
fn app_configure(app: &mut ClockApp) {
    let mut config = AppConfig::new(MacAddress(black_box([2, 0, 0, 0, 0, 0x42])), black_box(7));
    config.ntp_server_name = black_box("pool.ntp.org");
    config.tz = &CET;
    // As the firmware: once, on the all-zero static.
    app.configure_unconfigured(config)
}

/// The firmware's receive: `stored` bytes of a `frame_len`-byte frame held,
/// `tail_sum` the RFC 1071 sum of the rest.
#[inline(never)]
fn app_receive(
    app: &mut ClockApp,
    buf: &mut [u8],
    (stored, frame_len, tail_sum): (usize, usize, u16),
    now: u32,
    ticks: u32,
) -> Option<usize> {
    app.receive_cut(buf, stored, frame_len, tail_sum, now, ticks)
}

#[inline(never)]
fn app_poll(app: &mut ClockApp, buf: &mut [u8], now: u32, ticks: u32) -> Option<usize> {
    app.poll(buf, now, ticks)
}

#[inline(never)]
fn app_poll_in(app: &mut ClockApp, now: u32) -> Option<u32> {
    app.poll_in(now)
}

#[inline(never)]
fn app_poll_event(app: &mut ClockApp) -> Option<AppEvent> {
    app.poll_event()
}

#[inline(never)]
fn app_event_text(app: &ClockApp, e: &AppEvent, out: &mut [u8]) -> usize {
    app.event_text(e, out)
}

#[inline(never)]
fn app_render(app: &ClockApp, screen: Screen, now: u32, ticks: u32, text: &mut ScreenText) {
    app.render_into(screen, now, ticks, text)
}

#[inline(never)]
fn app_button_next(app: &mut ClockApp, now: u32) {
    app.button_next(now)
}

#[inline(never)]
fn app_utc(app: &ClockApp, ticks: u32) -> Option<(u32, u32)> {
    app.utc(ticks)
}

#[no_mangle]
pub extern "C" fn probe() -> ! {
    // SAFETY: single-threaded probe; the statics are borrowed once, here.
    let (app, buf) = unsafe { (&mut *addr_of_mut!(APP), &mut *addr_of_mut!(FRAME)) };
    app_configure(app);
    loop {
        let now: u32 = black_box(0);
        let ticks: u32 = black_box(0);
        if let Some(rx) = black_box(None) {
            if let Some(n) = app_receive(app, buf, rx, now, ticks) {
                black_box(&buf[..n]);
            }
        }
        while let Some(n) = app_poll(app, buf, now, ticks) {
            black_box(&buf[..n]);
        }
        while let Some(e) = app_poll_event(app) {
            let mut line = [0u8; EVENT_LINE];
            if cfg!(feature = "no-text") {
                black_box(&e);
                continue;
            }
            let n = app_event_text(app, &e, &mut line);
            black_box(&line[..n]);
        }
        if black_box(false) {
            app_button_next(app, now);
        }
        black_box(app_utc(app, ticks));
        if !cfg!(feature = "no-text") {
            for s in [Screen::Clock, Screen::Network, Screen::Counters] {
                let mut text = ScreenText::blank();
                app_render(app, black_box(s), now, ticks, &mut text);
                // The display draws each line without its trailing spaces.
                for i in 0..clock_app::ROWS {
                    black_box(text.line(black_box(i)));
                }
            }
        }
        black_box(app_poll_in(app, now));
    }
}
