//! The minimal node: NDP, SLAAC, echo and UDP. The calls a UDP application
//! (an NTP client) makes: bind, receive, poll_transmit, send_udp, poll_at.
#![no_std]
#![no_main]

#[path = "../harness.rs"]
mod harness;

use core::hint::black_box;
use microip6::iface::Received;
use microip6::wire::Ipv6Address;

#[no_mangle]
pub extern "C" fn probe() -> ! {
    let (iface, buf) = harness::state();
    let _ = black_box(iface.bind(black_box(123)));
    loop {
        let now = harness::now_ms();
        if let Some(len) = harness::rx_len() {
            match iface.receive(buf, len, now) {
                Received::Transmit(n) => harness::tx(&buf[..n]),
                Received::Udp(meta) => {
                    black_box(&buf[meta.payload.clone()]);
                    black_box(&meta);
                }
                r => {
                    black_box(&r);
                }
            }
        }
        while let Some(n) = iface.poll_transmit(buf, now) {
            harness::tx(&buf[..n]);
        }
        let server = black_box(Ipv6Address::ALL_NODES);
        let len = black_box(48);
        if let Ok(n) = iface.send_udp(buf, now, 123, &server, 123, len) {
            harness::tx(&buf[..n]);
        }
        black_box(iface.poll_at(now));
    }
}
