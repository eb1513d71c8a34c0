#!/usr/bin/env python3
"""Ethernet/IPv6/extension-header test vectors built by an independent tool.

Builds frames with scapy (pip install scapy), dissects them again with scapy
and writes what scapy reports, one JSON object per line, to ipv6.jsonl next
to this script. stack/tests/vectors_ipv6.rs checks the microip6 views
against every field recorded here.

Each line:
  name     case name
  hex      the Ethernet frame as on the wire (no FCS)
  eth      {"dst","src","type"} as scapy dissects them, or "Truncated"
  ipv6     null (not IPv6), "Truncated" / "BadVersion" (what
           Ipv6Packet::new_checked must answer), or the fixed header fields
           {"version","tc","fl","plen","nh","hlim","src","dst"}
  exts     extension headers scapy dissected, each with "offset" from the
           start of the IPv6 header and its fields (options with their
           offsets within the header, type and data length)
  walk     the expected ipv6ext::walk outcome: {"kind":"upper","protocol",
           "offset","pointer"}, {"kind":"none"}, {"kind":"drop","reason"},
           {"kind":"pp","code","pointer"}. The kind is stated per case from
           RFC 8200 section 4; every offset and pointer is computed from
           scapy's own layout of the packet.

Regenerate: python3 stack/tests/vectors/gen_ipv6.py
"""

import json
import os

from scapy.all import (
    ARP,
    ICMPv6EchoRequest,
    ICMPv6MLReport2,
    ICMPv6ND_NS,
    IP,
    UDP,
    Dot1Q,
    Ether,
    HBHOptUnknown,
    IPv6,
    IPv6ExtHdrDestOpt,
    IPv6ExtHdrFragment,
    IPv6ExtHdrHopByHop,
    IPv6ExtHdrRouting,
    IPv6ExtHdrSegmentRouting,
    Jumbo,
    Pad1,
    PadN,
    Raw,
    RouterAlert,
    TCP,
    conf,
)

conf.verb = 0

NODE_MAC = "02:00:00:00:00:42"
ROUTER_MAC = "52:54:00:12:34:56"
NODE_LL = "fe80::ff:fe00:42"
ROUTER_LL = "fe80::5054:ff:fe12:3456"
NODE_GUA = "2001:db8:1::ff:fe00:42"
SERVER = "2001:db8:2::123"

EXT_TYPES = (IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting,
             IPv6ExtHdrSegmentRouting, IPv6ExtHdrFragment)

# Next Header values that start an extension header (RFC 8200 section 4).
EXT_NH = (0, 43, 44, 60)

cases = []


def eth(dst=NODE_MAC, src=ROUTER_MAC):
    return Ether(dst=dst, src=src)


def ip6(src=ROUTER_LL, dst=NODE_LL, **kw):
    return IPv6(src=src, dst=dst, **kw)


def layer_offset(ip, layer):
    """Offset of `layer` from the start of the dissected IPv6 header."""
    return len(bytes(ip)) - len(bytes(layer))


def describe_ext(ip, h):
    d = {"offset": layer_offset(ip, h), "nh": h.nh}
    if isinstance(h, IPv6ExtHdrFragment):
        d.update(kind="fragment", frag_offset=h.offset, m=h.m, id=h.id)
        return d
    d["len"] = h.len
    if isinstance(h, (IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt)):
        d["kind"] = "hbh" if isinstance(h, IPv6ExtHdrHopByHop) else "dest"
        opts, pos = [], 2
        for o in h.options:
            size = len(bytes(o))
            opts.append({"offset": pos, "type": o.otype,
                         "len": 0 if isinstance(o, Pad1) else o.optlen})
            pos += size
        d["options"] = opts
    else:
        d.update(kind="routing", routing_type=h.type, segleft=h.segleft)
    return d


def walk_of(ip, kind, **kw):
    """The expected walk outcome; offsets from scapy's dissection."""
    exts = []
    layer = ip.payload
    while isinstance(layer, EXT_TYPES):
        exts.append(layer)
        layer = layer.payload
    if kind == "upper":
        # The upper layer follows the last extension header; its Next
        # Header field is in that header, or in the fixed header (6).
        pointer = layer_offset(ip, exts[-1]) if exts else 6
        offset = layer_offset(ip, layer)
        proto = exts[-1].nh if exts else ip.nh
        return {"kind": "upper", "protocol": proto, "offset": offset,
                "pointer": pointer}
    if kind == "pp_option":
        # Code 2, pointing at the option type of option `opt` in ext `ext`.
        h = exts[kw["ext"]]
        pos = 2 + sum(len(bytes(o)) for o in h.options[:kw["opt"]])
        return {"kind": "pp", "code": 2, "pointer": layer_offset(ip, h) + pos}
    if kind == "pp_routing":
        h = exts[kw["ext"]]
        return {"kind": "pp", "code": 0, "pointer": layer_offset(ip, h) + 2}
    if kind == "pp_nh":
        # Code 1, pointing at the Next Header field naming the bad header.
        h = exts[kw["ext"]]
        return {"kind": "pp", "code": 1, "pointer": layer_offset(ip, h)}
    if kind == "none":
        return {"kind": "none"}
    return {"kind": "drop", "reason": kw["reason"]}


def add(name, pkt, walk=None, ipv6=None, raw=None, exts=True, **walk_kw):
    """Record a case. `pkt` is built, dissected again from its bytes, and
    the dissection's fields recorded. `raw` overrides the wire bytes (for
    truncations); then `ipv6` must say the expected error. `exts=False`
    leaves out extension headers scapy dissects past the Payload Length."""
    wire = bytes(pkt) if raw is None else raw
    d = Ether(bytes(pkt))
    rec = {"name": name, "hex": wire.hex()}
    if len(wire) < 14:
        rec["eth"] = "Truncated"
    else:
        rec["eth"] = {"dst": d.dst, "src": d.src, "type": d.type}
    ip = d.getlayer(IPv6)
    if ipv6 is not None:
        rec["ipv6"] = ipv6
    elif ip is None or d.type != 0x86DD:
        rec["ipv6"] = None
    else:
        rec["ipv6"] = {"version": ip.version, "tc": ip.tc, "fl": ip.fl,
                       "plen": ip.plen, "nh": ip.nh, "hlim": ip.hlim,
                       "src": ip.src, "dst": ip.dst}
    ext_list = []
    if exts and isinstance(rec["ipv6"], dict):
        layer = ip.payload
        while isinstance(layer, EXT_TYPES):
            ext_list.append(describe_ext(ip, layer))
            layer = layer.payload
    rec["exts"] = ext_list
    if walk is not None:
        rec["walk"] = walk if isinstance(walk, dict) else walk_of(ip, walk, **walk_kw)
    cases.append(rec)


# --- Plain packets: fixed header fields of every kind --------------------
add("udp_ntp_global", eth() / ip6(SERVER, NODE_GUA, hlim=57) / UDP(sport=123, dport=40000) / Raw(b"\x24" + b"\0" * 47), "upper")
add("icmpv6_echo_tc_fl", eth() / ip6(tc=0xB8, fl=0xABCDE, hlim=255) / ICMPv6EchoRequest(id=0x1234, seq=1, data=b"hi"), "upper")
add("all_ones_tc_fl_hlim1_multicast", eth("33:33:00:00:00:01") / ip6(dst="ff02::1", tc=0xFF, fl=0xFFFFF, hlim=1) / ICMPv6EchoRequest(), "upper")
add("hop_limit_zero", eth() / ip6(hlim=0, fl=1) / UDP(), "upper")
add("ns_from_unspecified", eth("33:33:ff:00:00:42") / ip6("::", "ff02::1:ff00:42", hlim=255) / ICMPv6ND_NS(tgt=NODE_LL), "upper")
add("no_next_header", eth() / ip6(nh=59) / Raw(b"ignored!"), "none")
add("unknown_upper_tcp", eth() / ip6() / TCP(), "upper")
add("unknown_upper_253", eth() / ip6(nh=253) / Raw(b"\x00" * 8), "upper")
add("empty_payload_nh_icmpv6", eth() / ip6(nh=58, plen=0), "upper")
# Short packet padded by the link to the 60-byte Ethernet minimum.
add("ethernet_padding", eth() / ip6(nh=59, plen=0) / Raw(b"\0" * 6), "none")

# --- Hop-by-Hop and Destination Options ----------------------------------
add("mldv2_report_router_alert", eth("33:33:00:00:00:16", NODE_MAC) / ip6(NODE_LL, "ff02::16", hlim=1) / IPv6ExtHdrHopByHop(options=[RouterAlert()]) / ICMPv6MLReport2(), "upper")
add("hbh_pad1_padn", eth() / ip6() / IPv6ExtHdrHopByHop(autopad=0, options=[Pad1(), Pad1(), PadN(optlen=2, optdata=b"\0\0")]) / UDP(), "upper")
add("dest_long_padn", eth() / ip6() / IPv6ExtHdrDestOpt(autopad=0, options=[PadN(optlen=20, optdata=b"\0" * 20)]) / UDP(), "upper")
for hdr_cls, hname in ((IPv6ExtHdrHopByHop, "hbh"), (IPv6ExtHdrDestOpt, "dest")):
    for otype, expect_uni, expect_multi in (
        (0x1E, "upper", "upper"),
        (0x5E, "UnknownOption", "UnknownOption"),
        (0x9E, "pp", "pp"),
        (0xDE, "pp", "UnknownOption"),
    ):
        for dst, dmac, expect in ((NODE_LL, NODE_MAC, expect_uni), ("ff02::1", "33:33:00:00:00:01", expect_multi)):
            opts = [Pad1(), HBHOptUnknown(otype=otype, optdata=b"\xab\xcd\xef")]
            pkt = eth(dmac) / ip6(dst=dst) / hdr_cls(options=opts) / UDP()
            name = "%s_unknown_%02x_%s" % (hname, otype, "multicast" if dst.startswith("ff") else "unicast")
            if expect == "upper":
                add(name, pkt, "upper")
            elif expect == "pp":
                add(name, pkt, "pp_option", ext=0, opt=1)
            else:
                add(name, pkt, "drop", reason=expect)
add("hbh_jumbo_unicast", eth() / ip6() / IPv6ExtHdrHopByHop(options=[Jumbo(jumboplen=70000)]) / UDP(), "pp_option", ext=0, opt=0)
add("hbh_jumbo_multicast", eth("33:33:00:00:00:01") / ip6(dst="ff02::1") / IPv6ExtHdrHopByHop(options=[Jumbo(jumboplen=70000)]) / UDP(), "drop", reason="UnknownOption")
# Skippable option before a reporting one: the pointer is the second.
add("dest_skip_then_report", eth() / ip6() / IPv6ExtHdrDestOpt(autopad=0, options=[HBHOptUnknown(otype=0x3F, optdata=b"\x01"), HBHOptUnknown(otype=0x80, optdata=b"\x02\x03")]) / UDP(), "pp_option", ext=0, opt=1)
add("hbh_after_dest", eth() / ip6() / IPv6ExtHdrDestOpt() / IPv6ExtHdrHopByHop() / UDP(), "pp_nh", ext=0)
add("hbh_twice", eth() / ip6() / IPv6ExtHdrHopByHop() / IPv6ExtHdrHopByHop() / UDP(), "pp_nh", ext=0)

# --- Routing ------------------------------------------------------------
add("routing0_segleft0", eth() / ip6() / IPv6ExtHdrRouting(addresses=["2001:db8::1"], segleft=0) / UDP(), "upper")
add("routing0_segleft2", eth() / ip6() / IPv6ExtHdrRouting(addresses=["2001:db8::1", "2001:db8::2"], segleft=2) / UDP(), "pp_routing", ext=0)
add("srh_segleft0", eth() / ip6() / IPv6ExtHdrSegmentRouting(addresses=["2001:db8::1"], segleft=0) / UDP(), "upper")
add("srh_segleft1", eth() / ip6() / IPv6ExtHdrDestOpt() / IPv6ExtHdrSegmentRouting(addresses=["2001:db8::1", "2001:db8::2"], segleft=1) / UDP(), "pp_routing", ext=1)

# --- Fragment -----------------------------------------------------------
add("fragment_atomic", eth() / ip6() / IPv6ExtHdrFragment(offset=0, m=0, id=0xDEADBEEF) / UDP(), "upper")
add("fragment_first", eth() / ip6() / IPv6ExtHdrFragment(offset=0, m=1, id=7) / UDP() / Raw(b"x" * 16), "drop", reason="Fragment")
add("fragment_last", eth() / ip6() / IPv6ExtHdrFragment(nh=17, offset=185, m=0, id=7) / Raw(b"y" * 8), "drop", reason="Fragment")

# --- Long chains ---------------------------------------------------------
add("chain_hbh_dest_rh_frag_dest_icmp", eth() / ip6() / IPv6ExtHdrHopByHop(options=[RouterAlert()]) / IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0" * 8)]) / IPv6ExtHdrRouting(segleft=0) / IPv6ExtHdrFragment(id=1) / IPv6ExtHdrDestOpt() / ICMPv6EchoRequest(), "upper")
chain = IPv6ExtHdrDestOpt()
for _ in range(7):
    chain = chain / IPv6ExtHdrDestOpt()
add("eight_dest_headers", eth() / ip6() / chain / UDP(), "upper")
add("nine_dest_headers", eth() / ip6() / chain / IPv6ExtHdrDestOpt() / UDP(), "drop", reason="TooManyHeaders")

# --- Malformed -----------------------------------------------------------
# PadN claiming 6 bytes where 4 remain in the 8-byte header.
add("option_past_header", eth() / ip6(nh=60) / Raw(bytes.fromhex("1100010600000000")) / UDP(), "drop", reason="BadOption")
# The Payload Length ends inside a 16-byte Hop-by-Hop header; the rest of the
# header is in the frame as if it were link padding.
p = eth() / ip6(plen=8) / IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\0" * 10)]) / UDP()
add("ext_header_past_payload_length", p, "drop", exts=False, reason="Truncated")
add("routing_header_past_payload_length", eth() / ip6(plen=16) / IPv6ExtHdrRouting(addresses=["2001:db8::1"]) / UDP(), "drop", exts=False, reason="Truncated")
add("fragment_past_payload_length", eth() / ip6(plen=4) / IPv6ExtHdrFragment() / UDP(), "drop", reason="Truncated")
add("wrong_version_4", eth() / ip6(version=4) / UDP(), ipv6="BadVersion")
add("wrong_version_0", eth() / ip6(version=0) / UDP(), ipv6="BadVersion")
add("payload_length_past_frame", eth() / ip6(plen=100) / UDP(), ipv6="Truncated")
full = eth() / ip6() / IPv6ExtHdrHopByHop(options=[RouterAlert()]) / ICMPv6EchoRequest(data=b"abcd")
fb = bytes(full)
for cut in (0, 1, 13, 14, 20, 53, 54, 60, 62, len(fb) - 1):
    add("truncated_frame_%d" % cut, full, raw=fb[:cut], ipv6="Truncated")

# --- Not IPv6 -------------------------------------------------------------
add("arp", Ether(dst="ff:ff:ff:ff:ff:ff", src=ROUTER_MAC) / ARP(pdst="192.0.2.1"))
add("ipv4_udp", eth() / IP(dst="192.0.2.1") / UDP())
add("vlan_tagged_ipv6", eth() / Dot1Q(vlan=5) / ip6() / UDP())

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "ipv6.jsonl"), "w") as f:
    for c in cases:
        f.write(json.dumps(c, sort_keys=True) + "\n")
print("%d vectors" % len(cases))
