//! The clock firmware's use of the DNS resolver and the SNTP client, each
//! call in its own `#[inline(never)]` function so that the report names
//! what each one costs (LTO inlines the rest into them). The interface's
//! own calls are made from `probe` too, so that they stay out of line.
#![no_std]
#![no_main]

use core::hint::black_box;
use core::ptr::addr_of_mut;
use microip6::clock::softclock::SoftClock;
use microip6::dns::{self, Resolver};
use microip6::iface::{Config, Interface, Received, UdpMeta};
use microip6::sntp::{SntpClient, SyncState};
use microip6::wire::{Ipv6Address, MacAddress};

static mut FRAME: [u8; 574] = [0; 574];
// All zero (`.bss`), configured in place as in the firmware.
static mut IFACE: Interface = Interface::UNCONFIGURED;
static mut SNTP: SntpClient = SntpClient::UNCONFIGURED;
static mut DNS: Resolver = Resolver::UNCONFIGURED;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

#[inline(never)]
fn dns_resolve(d: &mut Resolver, now: u32) {
    d.resolve(black_box("pool.ntp.org"), now);
}

#[inline(never)]
fn dns_poll_send(d: &mut Resolver, i: &mut Interface, buf: &mut [u8], now: u32) -> Option<usize> {
    d.poll_send(i, buf, now)
}

#[inline(never)]
fn dns_receive(d: &mut Resolver, m: &UdpMeta, p: &[u8], now: u32) -> bool {
    d.receive(m, p, now)
}

#[inline(never)]
fn dns_poll_at(d: &Resolver, now: u32) -> Option<u32> {
    d.poll_at(now)
}

#[inline(never)]
fn dns_misc(d: &Resolver, s: &mut SntpClient, now: u32) {
    if d.state() == dns::State::Resolved && d.is_fresh(now) {
        s.set_servers(d.addresses());
    }
    black_box(d.expires_at());
    black_box(d.counters().queries);
}

#[inline(never)]
fn sntp_poll_send(
    s: &mut SntpClient,
    i: &mut Interface,
    buf: &mut [u8],
    now: u32,
    ticks: u32,
) -> Option<usize> {
    s.poll_send(i, buf, now, ticks)
}

#[inline(never)]
fn sntp_receive(s: &mut SntpClient, m: &UdpMeta, p: &[u8], now: u32, ticks: u32) -> bool {
    s.receive(m, p, now, ticks)
}

#[inline(never)]
fn sntp_now(s: &mut SntpClient, ticks: u32) -> u64 {
    s.now(ticks).0
}

#[inline(never)]
fn sntp_sync_state(s: &SntpClient, now: u32) -> (i32, i32, u32, u32) {
    match s.sync_state(now) {
        SyncState::NeverSynced => (0, 0, 0, 0),
        SyncState::Synced(i) | SyncState::Lost(i) => {
            (i.offset_us, i.offset_s, i.delay_us, i.since_s)
        }
    }
}

#[inline(never)]
fn sntp_misc(s: &mut SntpClient, now: u32) {
    black_box(s.poll_at(now));
    black_box(s.server());
    black_box(s.poll_interval_s());
    black_box(s.counters().requests);
    black_box(s.clock().frequency_ppb());
    black_box(s.clock().is_set());
}

#[no_mangle]
pub extern "C" fn probe() -> ! {
    let mut config = Config::new(MacAddress(black_box([2, 0, 0, 0, 0, 0x42])));
    config.seed = black_box(0x1234_5678);
    let mut dc = dns::Config::new(black_box(0x5eed));
    dc.servers[0] = black_box(Ipv6Address::UNSPECIFIED);
    // SAFETY: single-threaded probe; the statics are borrowed once, here.
    let (iface, buf, sntp, dns) = unsafe {
        (
            &mut *addr_of_mut!(IFACE),
            &mut *addr_of_mut!(FRAME),
            &mut *addr_of_mut!(SNTP),
            &mut *addr_of_mut!(DNS),
        )
    };
    iface.configure(config);
    sntp.configure(SoftClock::new(32768), black_box(7));
    dns.configure(dc);
    loop {
        let now: u32 = black_box(0);
        let ticks: u32 = black_box(0);
        if let Some(len) = black_box(None) {
            match iface.receive(buf, len, now) {
                Received::Transmit(n) => {
                    black_box(&buf[..n]);
                }
                Received::Udp(meta) => {
                    let p = &buf[meta.payload.clone()];
                    if !sntp_receive(sntp, &meta, p, now, black_box(ticks)) {
                        black_box(dns_receive(dns, &meta, p, now));
                    }
                }
                r => {
                    black_box(&r);
                }
            }
        }
        while let Some(n) = iface.poll_transmit(buf, now) {
            black_box(&buf[..n]);
        }
        // The interface's UDP calls from here too, so that they stay out of line.
        if let Ok(port) = iface.bind_ephemeral() {
            if let Ok(n) = iface.send_udp(
                buf,
                now,
                port,
                &black_box(Ipv6Address::ALL_NODES),
                9,
                black_box(4),
            ) {
                black_box(&buf[..n]);
            }
            black_box(iface.unbind(port));
        }
        black_box(iface.dns_servers().next());
        black_box(iface.udp_payload_offset());
        dns_resolve(dns, now);
        black_box(dns_poll_send(dns, iface, buf, now));
        black_box(dns_poll_at(dns, now));
        dns_misc(dns, sntp, now);
        black_box(sntp_poll_send(sntp, iface, buf, now, ticks));
        black_box(sntp_now(sntp, black_box(ticks)));
        black_box(sntp_sync_state(sntp, now));
        sntp_misc(sntp, now);
        black_box(iface.poll_at(now));
    }
}
