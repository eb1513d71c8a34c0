//! The whole public surface the clock firmware uses: the minimal node's
//! calls plus events, ephemeral ports (DNS), the RDNSS servers, the
//! address to display, counters and restart on link change.
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
        if black_box(false) {
            // Link down and up again (ENC28J60 link-change interrupt).
            iface.restart();
        }
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
        // A DNS query from a fresh ephemeral port to the first RDNSS server.
        let dns = iface.dns_servers().next().copied();
        if let Some(dns) = dns {
            if let Ok(port) = iface.bind_ephemeral() {
                let off = iface.udp_payload_offset();
                buf[off] = black_box(0);
                if let Ok(n) = iface.send_udp(buf, now, port, &dns, 53, black_box(30)) {
                    harness::tx(&buf[..n]);
                }
                black_box(iface.unbind(port));
            }
        }
        let server = black_box(Ipv6Address::ALL_NODES);
        if let Ok(n) = iface.send_udp(buf, now, 123, &server, 123, black_box(48)) {
            harness::tx(&buf[..n]);
        }
        while let Some(e) = iface.poll_event() {
            black_box(e);
        }
        black_box(iface.global_address());
        black_box(iface.counters().rx_frames);
        black_box(iface.poll_at(now));
    }
}
