//! The interface as a state machine: from a steady state (addresses
//! assigned, a router, a prefix, a DNS server, a STALE neighbor, bound
//! ports), a fuzzer-chosen sequence of frames (raw, or built with valid
//! headers and checksums around fuzzer bytes so that they get past the
//! first checks), clock advances, UDP sends, binds and restarts.
//!
//! After every step: no panic; every frame the node transmits (answers,
//! `poll_transmit`, `send_udp`) parses back with the wire views and its
//! checksum verifies (`common::check_sent`); `poll_transmit` settles and
//! `poll_at` is then in the future (no busy loop); counters only grow and
//! move as the result says; delivered datagrams lie inside the frame; the
//! address, router and DNS tables stay within their sizes. Frames read
//! cut (`receive_cut`, the rest's sum computed from the frame): a
//! datagram delivered cut verifies over the whole frame.
#![no_main]
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use microip6::iface::{SendError, MAX_ADDRESSES};
use microip6::wire::checksum;
use microip6::wire::ip_protocol;
use microip6::wire::ipv6ext::{walk, ExtWalk};
use microip6::wire::{Ipv6Address, MacAddress};

#[path = "common/node.rs"]
mod common;
use common::*;

/// An address from a pool that makes frames reach the interesting code
/// (ours, the router's, the peer's, groups), or any 16 bytes.
fn address(u: &mut Unstructured, node: &Node) -> Result<Ipv6Address> {
    let ll = node.iface.link_local();
    Ok(match u.int_in_range(0u8..=11)? {
        0 => ll,
        1 => ME_GLOBAL,
        2 => PEER_LL,
        3 => RTR_LL,
        4 => Ipv6Address::ALL_NODES,
        5 => ll.solicited_node(),
        6 => Ipv6Address::UNSPECIFIED,
        7 => ONLINK_PEER,
        8 => OFFLINK,
        9 => Ipv6Address::ALL_ROUTERS,
        10 => ME_GLOBAL.solicited_node(),
        _ => Ipv6Address(u.arbitrary()?),
    })
}

fn mac(u: &mut Unstructured, dst: &Ipv6Address) -> Result<MacAddress> {
    Ok(match u.int_in_range(0u8..=3)? {
        0 | 1 => mac_for(dst),
        2 => MacAddress::BROADCAST,
        _ => MacAddress(u.arbitrary()?),
    })
}

/// A frame with a fuzzer-chosen body behind valid Ethernet and IPv6
/// headers; the upper-layer checksum (and UDP length) fixed up when the
/// fuzzer says so.
fn built_frame(u: &mut Unstructured, node: &Node) -> Result<Vec<u8>> {
    let src = address(u, node)?;
    let dst = address(u, node)?;
    let eth_dst = mac(u, &dst)?;
    let eth_src = match u.int_in_range(0u8..=3)? {
        0 => PEER,
        1 => RTR,
        2 => ME,
        _ => MacAddress(u.arbitrary()?),
    };
    let hop_limit = match u.int_in_range(0u8..=3)? {
        0 | 1 => 255,
        2 => 1,
        _ => u.arbitrary()?,
    };
    let next_header = match u.int_in_range(0u8..=7)? {
        0..=2 => ip_protocol::ICMPV6,
        3 | 4 => ip_protocol::UDP,
        5 => ip_protocol::HOP_BY_HOP,
        6 => ip_protocol::DESTINATION_OPTIONS,
        _ => u.arbitrary()?,
    };
    let fix = u.int_in_range(0u8..=7)? != 0;
    let body_len = u.int_in_range(0usize..=1460)?;
    let body = u.bytes(body_len.min(u.len()))?.to_vec();
    let mut f = build::ipv6(
        eth_dst.0,
        eth_src.0,
        &src,
        &dst,
        next_header,
        hop_limit,
        &body,
    );
    if fix {
        let packet = &f[14..];
        if let ExtWalk::Upper {
            protocol, offset, ..
        } = walk(packet, dst.is_multicast())
        {
            let (at, len) = (14 + offset, f.len() - 14 - offset);
            let field = match protocol {
                ip_protocol::ICMPV6 if len >= 4 => Some(2),
                ip_protocol::UDP if len >= 8 => {
                    f[at + 4..at + 6].copy_from_slice(&(len as u16).to_be_bytes());
                    Some(6)
                }
                _ => None,
            };
            if let Some(field) = field {
                f[at + field] = 0;
                f[at + field + 1] = 0;
                let c = checksum::ipv6_upper_layer(&src, &dst, protocol, &f[at..]);
                // RFC 768: a computed 0 is sent as 0xffff for UDP.
                let c = if c == 0 && protocol == ip_protocol::UDP {
                    0xffff
                } else {
                    c
                };
                f[at + field..at + field + 2].copy_from_slice(&c.to_be_bytes());
            }
        }
    }
    Ok(f)
}

fn step(u: &mut Unstructured, node: &mut Node) -> Result<()> {
    match u.int_in_range(0u8..=11)? {
        // A raw frame: whatever the fuzzer wrote.
        0 => {
            let len = u.int_in_range(0usize..=1514)?;
            let f = u.bytes(len.min(u.len()))?.to_vec();
            node.deliver(&f);
        }
        // A frame with valid headers around fuzzer bytes.
        1..=4 => {
            let f = built_frame(u, node)?;
            node.deliver(&f);
        }
        // The router's advertisement again (refreshes lifetimes), or a
        // frame with valid headers read cut (a driver's `receive_cut` of a
        // frame longer than its buffer), at a fuzzer-chosen length.
        5 => {
            if u.arbitrary()? {
                node.deliver(&hex(RA));
            } else {
                // A built frame, or a UDP datagram to a bound port (a DNS
                // answer's case) with a byte changed when the fuzzer says.
                let mut f = if u.arbitrary()? {
                    built_frame(u, node)?
                } else {
                    let src = address(u, node)?;
                    let dst = address(u, node)?;
                    let dport = match u.int_in_range(0u8..=3)? {
                        0 => 53,
                        1 => 123,
                        2 => 5000,
                        _ => u.arbitrary()?,
                    };
                    let len = u.int_in_range(0usize..=1452)?;
                    let data = u.bytes(len.min(u.len()))?;
                    udp(PEER, &src, u.arbitrary()?, &dst, dport, data)
                };
                if u.int_in_range(0u8..=3)? == 0 {
                    let at = u.int_in_range(0..=f.len() - 1)?;
                    f[at] ^= u.int_in_range(1u8..=255)?;
                }
                let stored = u.int_in_range(0usize..=f.len())?;
                node.deliver_cut(&f, stored);
            }
        }
        // Time passes: a little, a lot, or to the next deadline.
        6 => {
            let ms = match u.int_in_range(0u8..=3)? {
                0 | 1 => u.int_in_range(0u64..=5_000)?,
                2 => u.int_in_range(0u64..=4_000_000)?,
                // Up to 24 days between calls, the documented limit.
                _ => u.int_in_range(0u64..=(1 << 31) - 1)?,
            };
            node.now += ms;
            node.drain();
        }
        7 => {
            if let Some(at) = node.iface_at() {
                node.now = node.now.max(at);
            }
            node.drain();
        }
        // The application sends.
        8 => {
            let dst = address(u, node)?;
            let src_port: u16 = u.arbitrary()?;
            let dst_port: u16 = u.arbitrary()?;
            let payload_len = u.int_in_range(0usize..=1500)?;
            let off = node.iface.udp_payload_offset();
            let room = node.buf.len().saturating_sub(off);
            let data = u.bytes(payload_len.min(room).min(u.len()))?.to_vec();
            node.buf[off..off + data.len()].copy_from_slice(&data);
            let before = *node.iface.counters();
            let r = node.iface.send_udp(
                &mut node.buf,
                node.now as u32,
                src_port,
                &dst,
                dst_port,
                payload_len,
            );
            let after = *node.iface.counters();
            counters_grew(&before, &after, "send_udp");
            match r {
                Ok(n) => {
                    assert_eq!(after.udp_sent, before.udp_sent + 1);
                    assert_eq!(after.tx_frames, before.tx_frames + 1);
                    let s = check_sent(&node.iface, &node.buf, n, "send_udp");
                    assert_eq!(s.protocol, ip_protocol::UDP);
                    assert_eq!(s.dst, dst);
                    assert_eq!(s.upper().len(), 8 + payload_len);
                    assert_eq!(&s.upper()[8..8 + data.len()], &data[..]);
                    assert_eq!(u16::from_be_bytes([s.upper()[0], s.upper()[1]]), src_port);
                    assert_eq!(u16::from_be_bytes([s.upper()[2], s.upper()[3]]), dst_port);
                }
                Err(e) => {
                    assert_eq!(after.udp_sent, before.udp_sent);
                    let bad_address = dst.is_unspecified() || src_port == 0 || dst_port == 0;
                    if !bad_address
                        && (payload_len + 48 > node.iface.mtu() as usize
                            || payload_len + off > node.buf.len())
                    {
                        // (nb is not a dependency here; nb::Error shows
                        // Other(e) as e.)
                        let want = format!("{:?}", SendError::TooLarge);
                        assert_eq!(format!("{e:?}"), want);
                    }
                }
            }
            node.drain();
        }
        9 => {
            let port: u16 = u.arbitrary()?;
            if u.arbitrary()? {
                let _ = node.iface.bind(port);
            } else {
                node.iface.unbind(port);
            }
        }
        10 => {
            let len = u.int_in_range(0usize..=1514)?;
            node.set_buffer_len(len);
            node.drain();
        }
        _ => {
            if u.int_in_range(0u8..=7)? == 0 {
                node.iface.restart();
            }
            node.drain();
        }
    }
    // Events are bounded and name real addresses.
    let mut events = 0;
    while node.iface.poll_event().is_some() {
        events += 1;
        assert!(events <= microip6::iface::MAX_EVENTS);
    }
    assert!(node.iface.addresses().count() <= MAX_ADDRESSES);
    assert!(node.iface.routers().count() <= 2);
    assert!(node.iface.dns_servers().count() <= 2);
    assert!(node.iface.mtu() >= 1280 && node.iface.mtu() <= 1500);
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut node = Node::steady();
    for _ in 0..64 {
        if u.is_empty() || step(&mut u, &mut node).is_err() {
            break;
        }
        node.drain();
    }
});
