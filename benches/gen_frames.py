#!/usr/bin/env python3
"""Builds the four benchmark frames with scapy (an independent tool) and
prints them as Rust constants for benches/src/lib.rs.

Usage: python3 benches/gen_frames.py
"""
from scapy.all import Ether, IPv6, UDP, raw
from scapy.layers.inet6 import ICMPv6ND_NS, ICMPv6NDOptSrcLLAddr, ICMPv6EchoRequest
from scapy.layers.dns import DNS, DNSQR, DNSRR, dns_compress
from scapy.layers.ntp import NTPHeader

HOST_MAC = "02:00:00:00:00:42"
ROUTER_MAC = "52:54:00:12:34:56"
HOST_LL = "fe80::ff:fe00:42"
ROUTER_LL = "fe80::5054:ff:fe12:3456"
HOST_GUA = "2001:db8:1::ff:fe00:42"

frames = {}

# Neighbor Solicitation for the host's address, from the router, with SLLA.
frames["NEIGHBOR_SOLICIT"] = (
    Ether(dst="33:33:ff:00:00:42", src=ROUTER_MAC)
    / IPv6(src=ROUTER_LL, dst="ff02::1:ff00:42", hlim=255)
    / ICMPv6ND_NS(tgt=HOST_LL)
    / ICMPv6NDOptSrcLLAddr(lladdr=ROUTER_MAC)
)

# Echo request (ping6 default: 56 data bytes).
frames["ECHO_REQUEST"] = (
    Ether(dst=HOST_MAC, src=ROUTER_MAC)
    / IPv6(src="2001:db8:2::1", dst=HOST_GUA, hlim=63)
    / ICMPv6EchoRequest(id=0x1d2c, seq=3, data=bytes(range(56)))
)

# NTP server reply (mode 4, stratum 2) to a client on port 49152.
frames["NTP_REPLY"] = (
    Ether(dst=HOST_MAC, src=ROUTER_MAC)
    / IPv6(src="2001:db8:2::123", dst=HOST_GUA, hlim=57)
    / UDP(sport=123, dport=49152)
    / NTPHeader(leap=0, version=4, mode=4, stratum=2, poll=6, precision=-23,
                delay=0.0123, dispersion=0.0456, id="192.0.2.1",
                ref=3_900_000_000.25, orig=3_900_000_100.5,
                recv=3_900_000_100.625, sent=3_900_000_100.6251)
)

# DNS reply: pool.ntp.org AAAA, two AAAA answers, names compressed.
dns = DNS(id=0x4a1f, qr=1, rd=1, ra=1, qd=DNSQR(qname="pool.ntp.org", qtype="AAAA"),
          an=[DNSRR(rrname="pool.ntp.org", type="AAAA", ttl=150, rdata="2001:db8:5::7b"),
              DNSRR(rrname="pool.ntp.org", type="AAAA", ttl=150, rdata="2001:db8:6::7b")])
frames["DNS_AAAA_REPLY"] = (
    Ether(dst=HOST_MAC, src=ROUTER_MAC)
    / IPv6(src="2001:db8:2::53", dst=HOST_GUA, hlim=64)
    / UDP(sport=53, dport=49153)
    / dns_compress(dns)
)

for name, pkt in frames.items():
    b = raw(pkt)
    # Re-dissect so the checksums are the ones scapy computed.
    print(f"/// {pkt.summary()}")
    print(f"pub const {name}: [u8; {len(b)}] = hex(\"{b.hex()}\");")
