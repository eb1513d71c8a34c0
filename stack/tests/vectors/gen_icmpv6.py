#!/usr/bin/env python3
"""Generate ICMPv6 / NDP / MLD test vectors with scapy (an independent
implementation) for stack/tests/vectors_icmpv6.rs.

Writes icmpv6.jsonl next to this file: one JSON object per line with
  name    - vector name
  hex     - the whole Ethernet frame as scapy built it (checksums by scapy)
  src/dst - IPv6 addresses, hlim - IPv6 hop limit
  icmp_at - offset of the ICMPv6 message in the frame (54, or 62 after the
            Router Alert Hop-by-Hop header of MLD reports)
  layers  - the field values scapy reports when it dissects the frame again,
            one dict per layer from the ICMPv6 message on ("layer" is the
            scapy class); the invoking packet of an error is given as hex
  expect  - "ok", or the wire::Error the Rust parser must return
            ("BadChecksum", "BadOption", "Truncated", "BadLength")

Run: python3 stack/tests/vectors/gen_icmpv6.py  (scapy 2.5+; tested 2.8.0)
"""
import json
import os

from scapy.all import (
    Ether, IPv6, UDP, Raw, raw, IPv6ExtHdrHopByHop, RouterAlert,
    ICMPv6EchoRequest, ICMPv6EchoReply, ICMPv6DestUnreach, ICMPv6PacketTooBig,
    ICMPv6TimeExceeded, ICMPv6ParamProblem, ICMPv6ND_RS, ICMPv6ND_RA,
    ICMPv6ND_NS, ICMPv6ND_NA, ICMPv6ND_Redirect, ICMPv6NDOptSrcLLAddr,
    ICMPv6NDOptDstLLAddr, ICMPv6NDOptPrefixInfo, ICMPv6NDOptMTU,
    ICMPv6NDOptRDNSS, ICMPv6NDOptRedirectedHdr, ICMPv6NDOptUnknown,
    ICMPv6MLReport2, ICMPv6MLDMultAddrRec, ICMPv6MLQuery, ICMPv6MLQuery2,
)

HOST_MAC = "02:00:00:00:00:42"
ROUTER_MAC = "00:1b:21:3c:4d:5e"
HOST_LL = "fe80::ff:fe00:42"
ROUTER_LL = "fe80::21b:21ff:fe3c:4d5e"
ERROR_TYPES = (ICMPv6DestUnreach, ICMPv6PacketTooBig, ICMPv6TimeExceeded,
               ICMPv6ParamProblem)


def eth(dst_mac, src_mac, src, dst, hlim=255, **kw):
    return Ether(dst=dst_mac, src=src_mac) / IPv6(src=src, dst=dst, hlim=hlim, **kw)


def value(v):
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, (list, tuple)):
        return [value(x) for x in v]
    if isinstance(v, (int, str)) or v is None:
        return v
    return str(v)


def dump_layers(frame):
    """The dissected layers from the ICMPv6 message on."""
    ip = frame[IPv6]
    layer = ip.payload
    if isinstance(layer, IPv6ExtHdrHopByHop):
        layer = layer.payload
    out = []
    while layer is not None and layer.__class__.__name__ not in ("NoPayload",):
        d = {"layer": layer.__class__.__name__}
        for f in layer.fields_desc:
            d[f.name] = value(layer.getfieldval(f.name))
        if layer.__class__.__name__ == "ICMPv6MLReport2":
            # scapy 2.8 dissects the 2nd and later records as the payload
            # of the previous one: walk that chain.
            d["records"] = []
            for r in layer.records:
                while isinstance(r, ICMPv6MLDMultAddrRec):
                    d["records"].append({f.name: value(r.getfieldval(f.name))
                                         for f in r.fields_desc})
                    r = r.payload
        if isinstance(layer, ERROR_TYPES):
            d["invoking"] = raw(layer.payload).hex()
            out.append(d)
            break
        out.append(d)
        layer = layer.payload
    return out


def vector(name, pkt, expect="ok"):
    b = raw(pkt)
    frame = Ether(b)
    ip = frame[IPv6]
    icmp_at = 14 + 40 + (8 if ip.nh == 0 else 0)
    return {
        "name": name,
        "hex": b.hex(),
        "src": ip.src,
        "dst": ip.dst,
        "hlim": ip.hlim,
        "icmp_at": icmp_at,
        "layers": dump_layers(frame),
        "expect": expect,
    }


def main():
    v = []
    # --- RFC 4443 messages -------------------------------------------------
    req = eth(HOST_MAC, ROUTER_MAC, ROUTER_LL, HOST_LL, 64) / ICMPv6EchoRequest(
        id=0x1234, seq=7, data=b"microip6 ping payload")
    v.append(vector("echo_request", req))
    v.append(vector("echo_reply", eth(ROUTER_MAC, HOST_MAC, HOST_LL, ROUTER_LL, 64)
                    / ICMPv6EchoReply(id=0x1234, seq=7, data=b"microip6 ping payload")))
    v.append(vector("echo_request_empty", eth(HOST_MAC, ROUTER_MAC, "2001:db8::1",
                                              "2001:db8::42", 64)
                    / ICMPv6EchoRequest(id=0, seq=0xffff)))
    v.append(vector("echo_request_odd_len", eth(HOST_MAC, ROUTER_MAC, "2001:db8::1",
                                                "2001:db8::42", 64)
                    / ICMPv6EchoRequest(id=0xfffe, seq=1, data=b"abc")))
    invoking = IPv6(src=HOST_LL, dst="2001:db8::99", hlim=64) / UDP(
        sport=123, dport=123) / Raw(b"\x23" + b"\x00" * 47)
    v.append(vector("dest_unreach_port", eth(HOST_MAC, ROUTER_MAC, ROUTER_LL, HOST_LL)
                    / ICMPv6DestUnreach(code=4) / invoking))
    v.append(vector("dest_unreach_addr", eth(HOST_MAC, ROUTER_MAC, ROUTER_LL, HOST_LL)
                    / ICMPv6DestUnreach(code=3) / invoking))
    v.append(vector("packet_too_big", eth(HOST_MAC, ROUTER_MAC, ROUTER_LL, HOST_LL)
                    / ICMPv6PacketTooBig(mtu=1280) / invoking))
    v.append(vector("time_exceeded", eth(HOST_MAC, ROUTER_MAC, ROUTER_LL, HOST_LL)
                    / ICMPv6TimeExceeded(code=0) / invoking))
    v.append(vector("param_problem", eth(HOST_MAC, ROUTER_MAC, ROUTER_LL, HOST_LL)
                    / ICMPv6ParamProblem(code=1, ptr=6) / invoking))
    v.append(vector("echo_request_bad_checksum",
                    eth(HOST_MAC, ROUTER_MAC, ROUTER_LL, HOST_LL, 64)
                    / ICMPv6EchoRequest(id=1, seq=2, data=b"x", cksum=0xdead),
                    "BadChecksum"))

    # --- Neighbor Discovery ------------------------------------------------
    v.append(vector("router_solicit", eth("33:33:00:00:00:02", HOST_MAC, HOST_LL, "ff02::2")
                    / ICMPv6ND_RS() / ICMPv6NDOptSrcLLAddr(lladdr=HOST_MAC)))
    v.append(vector("router_solicit_unspec", eth("33:33:00:00:00:02", HOST_MAC, "::",
                                                 "ff02::2") / ICMPv6ND_RS()))
    ra = (eth("33:33:00:00:00:01", ROUTER_MAC, ROUTER_LL, "ff02::1")
          / ICMPv6ND_RA(chlim=64, M=0, O=1, routerlifetime=1800, reachabletime=30000,
                        retranstimer=1000)
          / ICMPv6NDOptSrcLLAddr(lladdr=ROUTER_MAC)
          / ICMPv6NDOptMTU(mtu=1500)
          / ICMPv6NDOptPrefixInfo(prefixlen=64, L=1, A=1, validlifetime=86400,
                                  preferredlifetime=14400, prefix="2001:db8:1:2::")
          / ICMPv6NDOptRDNSS(lifetime=600, dns=["2001:db8::53", "2001:db8::5353"]))
    v.append(vector("router_advert", ra))
    v.append(vector("router_advert_two_prefixes",
                    eth("33:33:00:00:00:01", ROUTER_MAC, ROUTER_LL, "ff02::1")
                    / ICMPv6ND_RA(chlim=255, M=1, O=0, routerlifetime=0, reachabletime=0,
                                  retranstimer=0)
                    / ICMPv6NDOptPrefixInfo(prefixlen=64, L=0, A=1,
                                            validlifetime=0xffffffff,
                                            preferredlifetime=0xffffffff,
                                            prefix="2001:db8:aaaa::")
                    / ICMPv6NDOptUnknown(type=253, len=1, data=b"\x01\x02\x03\x04\x05\x06")
                    / ICMPv6NDOptPrefixInfo(prefixlen=48, L=1, A=0, validlifetime=7200,
                                            preferredlifetime=3600, prefix="fd00:1::")
                    / ICMPv6NDOptRDNSS(lifetime=0xffffffff, dns=["fd00:1::53"])
                    / ICMPv6NDOptSrcLLAddr(lladdr=ROUTER_MAC)))
    v.append(vector("neighbor_solicit", eth("33:33:ff:00:00:42", ROUTER_MAC, ROUTER_LL,
                                            "ff02::1:ff00:42")
                    / ICMPv6ND_NS(tgt=HOST_LL) / ICMPv6NDOptSrcLLAddr(lladdr=ROUTER_MAC)))
    v.append(vector("neighbor_solicit_dad", eth("33:33:ff:00:00:42", HOST_MAC, "::",
                                                "ff02::1:ff00:42")
                    / ICMPv6ND_NS(tgt="2001:db8:1:2:0:ff:fe00:42")))
    v.append(vector("neighbor_solicit_unicast", eth(HOST_MAC, ROUTER_MAC, ROUTER_LL, HOST_LL)
                    / ICMPv6ND_NS(tgt=HOST_LL)))
    v.append(vector("neighbor_advert_solicited", eth(ROUTER_MAC, HOST_MAC, HOST_LL, ROUTER_LL)
                    / ICMPv6ND_NA(R=0, S=1, O=1, tgt=HOST_LL)
                    / ICMPv6NDOptDstLLAddr(lladdr=HOST_MAC)))
    v.append(vector("neighbor_advert_unsolicited_router",
                    eth("33:33:00:00:00:01", ROUTER_MAC, ROUTER_LL, "ff02::1")
                    / ICMPv6ND_NA(R=1, S=0, O=1, tgt=ROUTER_LL)
                    / ICMPv6NDOptDstLLAddr(lladdr=ROUTER_MAC)))
    v.append(vector("redirect", eth(HOST_MAC, ROUTER_MAC, ROUTER_LL, HOST_LL)
                    / ICMPv6ND_Redirect(tgt="fe80::9", dst="2001:db8:5::1")
                    / ICMPv6NDOptDstLLAddr(lladdr="00:00:5e:00:53:09")
                    / ICMPv6NDOptRedirectedHdr(pkt=raw(invoking)[:40])))

    # Corrupted NDP: scapy still computes a correct checksum.
    v.append(vector("ra_zero_length_option",
                    eth("33:33:00:00:00:01", ROUTER_MAC, ROUTER_LL, "ff02::1")
                    / ICMPv6ND_RA(chlim=64, routerlifetime=1800)
                    / ICMPv6NDOptMTU(mtu=1500)
                    / ICMPv6NDOptSrcLLAddr(len=0, lladdr=ROUTER_MAC)
                    / ICMPv6NDOptPrefixInfo(prefix="2001:db8::"),
                    "BadOption"))
    v.append(vector("ns_option_past_end",
                    eth("33:33:ff:00:00:42", ROUTER_MAC, ROUTER_LL, "ff02::1:ff00:42")
                    / ICMPv6ND_NS(tgt=HOST_LL) / ICMPv6NDOptSrcLLAddr(len=2,
                                                                      lladdr=ROUTER_MAC),
                    "BadOption"))
    v.append(vector("na_bad_checksum", eth(ROUTER_MAC, HOST_MAC, HOST_LL, ROUTER_LL)
                    / ICMPv6ND_NA(R=0, S=1, O=1, tgt=HOST_LL, cksum=0x0001)
                    / ICMPv6NDOptDstLLAddr(lladdr=HOST_MAC),
                    "BadChecksum"))
    v.append(vector("ra_truncated_fixed_part",
                    eth("33:33:00:00:00:01", ROUTER_MAC, ROUTER_LL, "ff02::1", nh=58)
                    / Raw(raw(IPv6() / ICMPv6ND_RA(chlim=64))[40:52]),
                    "Truncated"))

    # --- MLD -----------------------------------------------------------------
    def mld_report(src, records, **kw):
        return (Ether(dst="33:33:00:00:00:16", src=HOST_MAC)
                / IPv6(src=src, dst="ff02::16", hlim=1)
                / IPv6ExtHdrHopByHop(options=[RouterAlert()])
                / ICMPv6MLReport2(records=records, **kw))

    v.append(vector("mldv2_report_join", mld_report(HOST_LL, [
        ICMPv6MLDMultAddrRec(rtype=4, dst="ff02::1:ff00:42")])))
    v.append(vector("mldv2_report_several", mld_report("::", [
        ICMPv6MLDMultAddrRec(rtype=2, dst="ff02::1:ff00:42"),
        ICMPv6MLDMultAddrRec(rtype=1, dst="ff3e::8000:1",
                             sources=["2001:db8::a", "2001:db8::b"]),
        # No aux data: scapy 2.8 writes Aux Data Len in bytes, not in
        # 32-bit words (RFC 3810 5.2.6).
        ICMPv6MLDMultAddrRec(rtype=6, dst="ff3e::8000:2", sources=["2001:db8::c"]),
        ICMPv6MLDMultAddrRec(rtype=3, dst="ff02::fb")])))
    v.append(vector("mldv2_report_count_too_big", mld_report(HOST_LL, [
        ICMPv6MLDMultAddrRec(rtype=4, dst="ff02::fb")], records_number=3), "Truncated"))
    v.append(vector("mld_query_v1_general", eth("33:33:00:00:00:01", ROUTER_MAC, ROUTER_LL,
                                                "ff02::1", 1)
                    / ICMPv6MLQuery(mrd=10000, mladdr="::")))
    v.append(vector("mld_query_v2_general", eth("33:33:00:00:00:01", ROUTER_MAC, ROUTER_LL,
                                                "ff02::1", 1)
                    / ICMPv6MLQuery2(mrd=10000, mladdr="::", S=0, QRV=2, QQIC=125)))
    v.append(vector("mld_query_v2_sources", eth("33:33:80:00:00:01", ROUTER_MAC, ROUTER_LL,
                                                "ff3e::8000:1", 1)
                    / ICMPv6MLQuery2(mrd=0x9234, mladdr="ff3e::8000:1", S=1, QRV=7,
                                     QQIC=0x95, sources=["2001:db8::a", "2001:db8::b"])))
    v.append(vector("mld_query_bad_length", eth("33:33:00:00:00:01", ROUTER_MAC, ROUTER_LL,
                                                "ff02::1", 1)
                    / ICMPv6MLQuery(mrd=1000) / Raw(b"\x02\x7d"), "BadLength"))

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icmpv6.jsonl")
    with open(out, "w") as f:
        for x in v:
            f.write(json.dumps(x, sort_keys=True) + "\n")
    print("wrote", len(v), "vectors to", out)


if __name__ == "__main__":
    main()
