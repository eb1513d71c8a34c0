#!/usr/bin/env python3
"""UDP / NTP / DNS test vectors built by an independent tool.

Builds Ethernet/IPv6/UDP frames with scapy (pip install scapy), dissects
them again with scapy and writes what scapy reports, one JSON object per
line, to udp_ntp_dns.jsonl next to this script. The frames captured from
real servers (CAPTURED below) are dissected the same way.
stack/tests/vectors_udp_ntp_dns.rs checks the microip6 views against every
field recorded here.

Each line:
  name        case name
  hex         the Ethernet frame as on the wire (no FCS); the UDP datagram
              starts at byte 54 (no extension headers in these vectors)
  src, dst    IPv6 addresses (scapy's dissection)
  udp         {"sport","dport","len","chksum"} as scapy dissects them, or
              null when scapy finds no UDP header
  udp_payload hex of the UDP payload (bytes 62 .. 54 + UDP length)
  udp_expect  "ok" or the microip6 error expected from
              UdpPacket::new_checked + verify_checksum over the IPv6 payload
  ntp         null, or {"leap","version","mode","stratum","poll","precision",
              "delay","dispersion" (raw 16.16), "ref_id" (hex),
              "ref","orig","recv","sent" (raw 32.32), "trailer_len"}
  ntp_expect  null, "ok", or the error expected from NtpPacket::new_checked
              then NtpRepr::parse
  ntp_kiss    the kiss code (text) of the kiss-o'-death cases, else null
  dns         null, or the header fields, "qd": [{"name","qtype","qclass"}],
              and "rr": [{"section","name","type","class","ttl","rdlen",
              "addr" (AAAA/A), "target" (CNAME)}], as scapy dissects them
  dns_expect  null, or {"questions": ok questions, "records": ok records,
              "error": null or the microip6 error ending the iteration,
              "resolve_aaaa": address following CNAMEs from the question,
              or null}

Usage: python3 gen_udp_ntp_dns.py
       python3 gen_udp_ntp_dns.py --capture   (re-captures CAPTURED; root,
       needs dnsmasq, chronyd, tcpdump, ethtool; see capture())
"""

import ipaddress
import json
import os
import struct
import sys
from fractions import Fraction

from scapy.all import Ether, IPv6, UDP, Raw, raw
from scapy.layers.dns import DNS, DNSQR, DNSRR, DNSRRSOA, DNSRROPT, dns_compress
from scapy.layers.ntp import NTPHeader

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "udp_ntp_dns.jsonl")

MAC_A, MAC_B = "02:00:00:00:00:01", "02:00:00:00:00:02"
LL_A, LL_B = "fe80::200:ff:fe00:1", "fe80::200:ff:fe00:2"
G_A, G_B = "2001:db8:0:1::42", "2001:db8:53::53"

# Frames captured on a veth pair with transmit checksum offload off (so the
# checksums are the kernel's, complete), between two network namespaces:
# fd00:c::2 (Python sockets) asking fd00:c::1 (dnsmasq 2.90 with
# --host-record=time.wirec.test,fd00:c::123 and ...,fd00:c::124,
# --cname=ntp.wirec.test,time.wirec.test, --address=/nx.wirec.test/;
# chronyd 4.3 with "local stratum 8", "allow all").
CAPTURED_NAMES = [
    "cap_dns_query_aaaa",
    "cap_dns_reply_two_aaaa",
    "cap_dns_query_cname",
    "cap_dns_reply_cname",
    "cap_dns_query_nx",
    "cap_dns_reply_nxdomain",
    "cap_dns_query_a_mixed_case",
    "cap_dns_reply_cname_only",
    "cap_ntp_request_v4",
    "cap_ntp_reply_v4",
    "cap_ntp_request_v3",
    "cap_ntp_reply_v3",
]
CAPTURED_HEX = """
02000000c00102000000c00286dd6002065800291140fd00000c000000000000000000000002fd00000c000000000000000000000001c38500350029cb2f5100010000010000000000000474696d65057769726563047465737400001c0001
02000000c00202000000c00186dd6005a1a100611140fd00000c000000000000000000000001fd00000c0000000000000000000000020035c385006171c05100858000010002000000000474696d65057769726563047465737400001c0001c00c001c0001000000000010fd00000c000000000000000000000123c00c001c0001000000000010fd00000c000000000000000000000124
02000000c00102000000c00286dd6002065800281140fd00000c000000000000000000000002fd00000c000000000000000000000001c38500350028c594510101000001000000000000036e7470057769726563047465737400001c0001
02000000c00202000000c00186dd6005a1a1007d1140fd00000c000000000000000000000001fd00000c0000000000000000000000020035c385007d6432510185800001000300000000036e7470057769726563047465737400001c0001c00c000500010000000000110474696d65057769726563047465737400c02c001c0001000000000010fd00000c000000000000000000000124c02c001c0001000000000010fd00000c000000000000000000000123
02000000c00102000000c00286dd6002065800271140fd00000c000000000000000000000002fd00000c000000000000000000000001c3850035002723a5510201000001000000000000026e78057769726563047465737400001c0001
02000000c00202000000c00186dd6005a1a100271140fd00000c000000000000000000000001fd00000c0000000000000000000000020035c3850027a321510281830001000000000000026e78057769726563047465737400001c0001
02000000c00102000000c00286dd6002065800281140fd00000c000000000000000000000002fd00000c000000000000000000000001c38500350028e62d510301000001000000000000034e545005576972656304546573740000010001
02000000c00202000000c00186dd6005a1a100451140fd00000c000000000000000000000001fd00000c0000000000000000000000020035c385004599ba510385800001000100000000034e545005576972656304546573740000010001c00c000500010000000000110474696d65057769726563047465737400
02000000c00102000000c00286dd60055c8e00381140fd00000c000000000000000000000002fd00000c000000000000000000000001c3cb007b0038077023000000000000000000000000000000000000000000000000000000000000000000000000000000eeab560821f6b000
02000000c00202000000c00186dd6002f6f300381140fd00000c000000000000000000000001fd00000c000000000000000000000002007bc3cb00389962240800e700000000000000007f7f0101eeab5606d6de6b81eeab560821f6b000eeab560821f82013eeab560822e37634
02000000c00102000000c00286dd60055c8e00381140fd00000c000000000000000000000002fd00000c000000000000000000000001c3cb007b00386e7b1b000000000000000000000000000000000000000000000000000000000000000000000000000000eeab560822eb5000
02000000c00202000000c00186dd6002f6f300381140fd00000c000000000000000000000001fd00000c000000000000000000000002007bc3cb0038a3991c0800e700000000000000007f7f0101eeab5606d6de6b81eeab560822eb5000eeab560822ee8afdeeab560822f36718
"""


def frame(payload, sport, dport, src=LL_A, dst=LL_B, **udp_kw):
    if isinstance(payload, (bytes, bytearray)):
        payload = Raw(bytes(payload))
    return (
        Ether(src=MAC_A, dst=MAC_B)
        / IPv6(src=src, dst=dst, hlim=64)
        / UDP(sport=sport, dport=dport, **udp_kw)
        / payload
    )


def ts(seconds, frac=0):
    """A 32.32 timestamp value scapy stores exactly (Fraction, no float)."""
    return Fraction(seconds) + Fraction(frac, 1 << 32)


def short(raw16_16):
    return Fraction(raw16_16, 1 << 16)


def field_raw(pkt, name):
    return pkt.get_field(name).i2m(pkt, pkt.getfieldval(name))


def ntp_fields(n, udp_payload):
    if n.stratum > 1:
        ref_id = ipaddress.IPv4Address(n.id).packed
    else:
        ref_id = bytes(n.ref_id)[:4].ljust(4, b"\0")
    return {
        "leap": n.leap,
        "version": n.version,
        "mode": n.mode,
        "stratum": n.stratum,
        "poll": n.poll,
        "precision": n.precision,
        "delay": field_raw(n, "delay"),
        "dispersion": field_raw(n, "dispersion"),
        "ref_id": ref_id.hex(),
        "ref": field_raw(n, "ref"),
        "orig": field_raw(n, "orig"),
        "recv": field_raw(n, "recv"),
        "sent": field_raw(n, "sent"),
        "trailer_len": len(udp_payload) - 48,
    }


def dotted(name):
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    return "." if name in ("", ".") else name.rstrip(".")


def rdlen_of(r):
    """RDLENGTH of a dissected record: scapy clears its rdlen field after
    dissection, so read it from the record's bytes as scapy delimited them
    (owner name in place, then TYPE, CLASS, TTL, RDLENGTH)."""
    b = r.raw_packet_cache
    i = 0
    while b[i] != 0 and b[i] < 0xC0:
        i += 1 + b[i]
    i += 2 if b[i] >= 0xC0 else 1
    rdlen = struct.unpack(">H", b[i + 8:i + 10])[0]
    assert len(b) == i + 10 + rdlen
    return rdlen


def dns_fields(d):
    rr = []
    for section, records in (("answer", d.an), ("authority", d.ns), ("additional", d.ar)):
        for r in records or []:
            item = {
                "section": section,
                "name": dotted(r.rrname),
                "type": r.type,
                "class": (getattr(r, "cacheflush", 0) << 15) | r.rclass,
                # OPT (RFC 6891 6.1.3): the TTL carries extended RCODE,
                # version and flags.
                "ttl": (r.extrcode << 24 | r.version << 16 | r.z) if r.type == 41 else r.ttl,
                "rdlen": rdlen_of(r),
            }
            if r.type in (1, 28):
                item["addr"] = r.rdata
            if r.type == 5:
                item["target"] = dotted(r.rdata)
            rr.append(item)
    return {
        "id": d.id,
        "qr": d.qr,
        "opcode": d.opcode,
        "aa": d.aa,
        "tc": d.tc,
        "rd": d.rd,
        "ra": d.ra,
        "z": (d.z << 2) | (d.ad << 1) | d.cd,
        "rcode": d.rcode,
        "qdcount": d.qdcount,
        "ancount": d.ancount,
        "nscount": d.nscount,
        "arcount": d.arcount,
        "qd": [
            {"name": dotted(q.qname), "qtype": q.qtype,
             "qclass": (getattr(q, "unicastresponse", 0) << 15) | q.qclass}
            for q in (d.qd or [])
        ],
        "rr": rr,
    }


def resolve_aaaa(dns_dict):
    """Reference for DnsPacket::resolve: follow CNAMEs from the question."""
    if not dns_dict["qd"]:
        return None
    target = dns_dict["qd"][0]["name"].lower()
    answers = [r for r in dns_dict["rr"] if r["section"] == "answer" and r["class"] == 1]
    for _ in range(len(answers) + 1):
        for r in answers:
            if r["name"].lower() != target:
                continue
            if r["type"] == 28:
                return r["addr"]
            if r["type"] == 5:
                target = r["target"].lower()
                break
        else:
            return None
    return None


def record(name, pkt, udp_expect="ok", ntp_expect=None, ntp_kiss=None,
           dns_expect=None, dissect_dns=True):
    b = raw(pkt) if not isinstance(pkt, bytes) else pkt
    e = Ether(b)
    ip = e[IPv6]
    plen = struct.unpack(">H", b[18:20])[0]
    u = e[UDP] if UDP in e and plen >= 8 else None
    udp = None
    payload = b""
    if u is not None:
        udp = {"sport": u.sport, "dport": u.dport, "len": u.len, "chksum": u.chksum}
        payload = b[62:54 + min(u.len, plen)] if u.len >= 8 else b""
    rec = {
        "name": name,
        "hex": b.hex(),
        "src": ip.src,
        "dst": ip.dst,
        "udp": udp,
        "udp_payload": payload.hex(),
        "udp_expect": udp_expect,
        "ntp": None,
        "ntp_expect": ntp_expect,
        "ntp_kiss": ntp_kiss,
        "dns": None,
        "dns_expect": dns_expect,
    }
    if ntp_expect is not None and len(payload) >= 48:
        rec["ntp"] = ntp_fields(NTPHeader(payload), payload)
    if dns_expect is not None and dissect_dns:
        d = DNS(payload)
        rec["dns"] = dns_fields(d)
        if "resolve_aaaa" not in dns_expect:
            dns_expect["resolve_aaaa"] = resolve_aaaa(rec["dns"])
    if dns_expect is not None:
        dns_expect.setdefault("resolve_aaaa", None)
    return rec


def ok_dns(d):
    """Expectation for a well-formed message: everything parses."""
    return {"questions": len(d.qd or []),
            "records": len(d.an or []) + len(d.ns or []) + len(d.ar or []),
            "error": None}


def udp_cases():
    out = []
    out.append(record("udp_plain", frame(b"hello world", 40000, 7)))
    out.append(record("udp_empty", frame(b"", 1, 9)))
    out.append(record("udp_odd_global", frame(b"\x81", 5353, 5353, G_A, G_B)))
    out.append(record("udp_1000_bytes", frame(bytes(range(250)) * 4, 65535, 1234, G_A, G_B)))
    out.append(record("udp_src_port_0", frame(b"no reply port", 0, 9999)))
    # A payload word equal to the checksum of the same datagram with a zero
    # word makes the sum 0xffff: scapy sends the computed 0 as 0xffff.
    probe = Ether(raw(frame(b"\0\0", 2000, 3000)))
    ck = probe[UDP].chksum
    ffff = frame(struct.pack(">H", ck), 2000, 3000)
    assert Ether(raw(ffff))[UDP].chksum == 0xFFFF
    out.append(record("udp_checksum_ffff", ffff))
    good = Ether(raw(frame(b"checksum", 40001, 8000)))[UDP].chksum
    out.append(record("udp_bad_checksum", frame(b"checksum", 40001, 8000, chksum=good ^ 0x0100),
                      "BadChecksum"))
    out.append(record("udp_zero_checksum", frame(b"checksum", 40001, 8000, chksum=0), "BadChecksum"))
    out.append(record("udp_len_over_payload", frame(b"abcdef", 40002, 8000, len=16), "Truncated"))
    out.append(record("udp_len_under_payload", frame(b"abcdef", 40002, 8000, len=12), "BadLength"))
    out.append(record("udp_len_below_header", frame(b"abcdef", 40002, 8000, len=4), "BadLength"))
    # IPv6 payload of 5 bytes: not even a UDP header.
    short_frame = raw(Ether(src=MAC_A, dst=MAC_B) / IPv6(src=LL_A, dst=LL_B, nh=17) / Raw(b"\x9c\x40\x00\x07\x00"))
    out.append(record("udp_header_truncated", short_frame, "Truncated"))
    return out


NOV_2025 = 0xECA7_6B00  # 2025-11-01T00:00:00Z in NTP era 0 seconds


def ntp_cases():
    out = []
    t1 = ts(NOV_2025 + 100, 0x1234_5678)
    req = NTPHeader(leap=0, version=4, mode=3, stratum=0, poll=0, precision=0,
                    id="0.0.0.0", ref=0, orig=0, recv=0, sent=t1)
    out.append(record("ntp_client_v4", frame(req, 50123, 123), ntp_expect="ok"))
    req3 = NTPHeader(leap=3, version=3, mode=3, stratum=0, poll=6, precision=-6,
                     delay=short(0x10000), dispersion=short(0x10000), ref_id=b"",
                     ref=0, orig=0, recv=0, sent=ts(NOV_2025 + 5, 0x8000_0000))
    out.append(record("ntp_client_v3_ntpdate", frame(req3, 123, 123, G_A, G_B), ntp_expect="ok"))
    rep = NTPHeader(leap=0, version=4, mode=4, stratum=2, poll=6, precision=-23,
                    delay=short(0x0000_03d7), dispersion=short(0x0000_07ae), id="192.0.2.123",
                    ref=ts(NOV_2025 + 50, 0x0102_0304), orig=t1,
                    recv=ts(NOV_2025 + 100, 0x1235_0000), sent=ts(NOV_2025 + 100, 0x1236_0000))
    out.append(record("ntp_server_v4", frame(rep, 123, 50123, G_B, G_A), ntp_expect="ok"))
    leap = NTPHeader(leap=1, version=4, mode=4, stratum=1, poll=4, precision=-20, ref_id=b"GPS",
                     ref=ts(NOV_2025), orig=t1, recv=ts(NOV_2025 + 100, 1), sent=ts(NOV_2025 + 100, 2))
    out.append(record("ntp_server_leap61_stratum1", frame(leap, 123, 50123), ntp_expect="ok"))
    unsync = NTPHeader(leap=3, version=4, mode=4, stratum=16, poll=10, precision=-18,
                       id="0.0.0.0", ref=0, orig=t1, recv=0, sent=ts(NOV_2025 + 100))
    out.append(record("ntp_server_unsynchronized", frame(unsync, 123, 50123), ntp_expect="ok"))
    for code in ("RATE", "DENY", "RSTR"):
        kod = NTPHeader(leap=3, version=4, mode=4, stratum=0, poll=17, precision=0,
                        ref_id=code.encode(), ref=0, orig=t1, recv=0, sent=0)
        out.append(record("ntp_kiss_" + code.lower(), frame(kod, 123, 50123), ntp_expect="ok",
                          ntp_kiss=code))
    # Across the era change (2036-02-07T06:28:16Z): T1 half a second before
    # it, T2/T3 after it in era 1.
    era = NTPHeader(leap=0, version=4, mode=4, stratum=3, poll=6, precision=-20,
                    id="198.51.100.7", ref=ts(0xFFFF_FF00),
                    orig=ts(0xFFFF_FFFF, 0x8000_0000), recv=ts(0, 0x4000_0000),
                    sent=ts(0, 0x4000_1000))
    out.append(record("ntp_server_era_change", frame(era, 123, 50123), ntp_expect="ok"))
    # MAC trailer (key ID + MD5, RFC 5905 7.3): the header view ignores it.
    mac = raw(NTPHeader(version=4, mode=4, stratum=2, id="192.0.2.1", orig=t1,
                        ref=ts(NOV_2025), recv=ts(NOV_2025 + 100), sent=ts(NOV_2025 + 100)))
    mac += struct.pack(">I", 42) + bytes(range(16))
    out.append(record("ntp_with_mac", frame(mac, 123, 50123), ntp_expect="ok"))
    out.append(record("ntp_47_bytes", frame(raw(req)[:47], 123, 50123), ntp_expect="Truncated"))
    for vn in (0, 5, 7):
        bad = NTPHeader(version=vn, mode=4, stratum=2, id="192.0.2.1", orig=t1, ref=0,
                        recv=ts(NOV_2025), sent=ts(NOV_2025))
        out.append(record("ntp_version_%d" % vn, frame(bad, 123, 50123), ntp_expect="BadVersion"))
    return out


def dns_cases():
    out = []

    def add(name, msg, sport=53, dport=50053, compress=True, expect=None, **kw):
        if compress and msg.qr:
            msg = dns_compress(msg)
        out.append(record(name, frame(msg, sport, dport, **kw), dns_expect=expect or ok_dns(msg)))

    q = DNS(id=0xa1b2, rd=1, qd=[DNSQR(qname="pool.ntp.org", qtype="AAAA")])
    add("dns_query_aaaa", q, 50053, 53, src=G_A, dst=G_B)
    add("dns_query_a_mixed_case", DNS(id=0x0001, rd=1, qd=[DNSQR(qname="PoOl.NtP.oRg", qtype="A")]),
        50053, 53)
    addrs = ["2001:db8::1", "2001:db8::2", "2001:db8:ffff::123"]
    add("dns_reply_three_aaaa", DNS(
        id=0xa1b2, qr=1, rd=1, ra=1, qd=[DNSQR(qname="pool.ntp.org", qtype="AAAA")],
        an=[DNSRR(rrname="pool.ntp.org", type="AAAA", ttl=130, rdata=a) for a in addrs]),
        src=G_B, dst=G_A)
    add("dns_reply_cname_chain", DNS(
        id=0x0042, qr=1, rd=1, ra=1, qd=[DNSQR(qname="time.example.com", qtype="AAAA")],
        an=[DNSRR(rrname="time.example.com", type="CNAME", ttl=300, rdata="ntp.example.net"),
            DNSRR(rrname="ntp.example.net", type="CNAME", ttl=60, rdata="ntp-1.pool.example.org"),
            DNSRR(rrname="ntp-1.pool.example.org", type="AAAA", ttl=20, rdata="2001:db8:123::1"),
            DNSRR(rrname="ntp-1.pool.example.org", type="AAAA", ttl=20, rdata="2001:db8:123::2")]))
    add("dns_reply_nxdomain_soa", DNS(
        id=0x7777, qr=1, aa=1, rd=1, ra=1, rcode=3,
        qd=[DNSQR(qname="nonexistent.example.com", qtype="AAAA")],
        ns=[DNSRRSOA(rrname="example.com", ttl=3600, mname="ns1.example.com",
                     rname="hostmaster.example.com", serial=2025110101, refresh=7200,
                     retry=900, expire=1209600, minimum=300)]))
    add("dns_reply_truncated_tc", DNS(
        id=0x0bad, qr=1, tc=1, rd=1, ra=1, qd=[DNSQR(qname="big.example.com", qtype="AAAA")]))
    add("dns_reply_sections_edns", DNS(
        id=0x3030, qr=1, aa=1, rd=1, ra=1, ad=1,
        qd=[DNSQR(qname="ntp.example.com", qtype="AAAA")],
        an=[DNSRR(rrname="ntp.example.com", type="AAAA", ttl=86400, rdata="2001:db8::123"),
            DNSRR(rrname="ntp.example.com", type="A", ttl=86400, rdata="192.0.2.123")],
        ns=[DNSRR(rrname="example.com", type="NS", ttl=86400, rdata="ns1.example.com"),
            DNSRR(rrname="example.com", type="NS", ttl=86400, rdata="ns2.example.com")],
        ar=[DNSRR(rrname="ns1.example.com", type="AAAA", ttl=86400, rdata="2001:db8::53"),
            DNSRR(rrname="ns2.example.com", type="A", ttl=86400, rdata="192.0.2.53"),
            DNSRROPT(rclass=1232)]))
    add("dns_reply_uncompressed", DNS(
        id=0x0101, qr=1, rd=1, ra=1, qd=[DNSQR(qname="a.b.c", qtype="AAAA")],
        an=[DNSRR(rrname="a.b.c", type="AAAA", ttl=1, rdata="fe80::1")]), compress=False)
    add("dns_reply_cname_loop", DNS(
        id=0x0202, qr=1, rd=1, ra=1, qd=[DNSQR(qname="x.example", qtype="AAAA")],
        an=[DNSRR(rrname="x.example", type="CNAME", ttl=5, rdata="y.example"),
            DNSRR(rrname="y.example", type="CNAME", ttl=5, rdata="x.example")]))

    # Corrupted messages, assembled byte by byte (scapy then only wraps them
    # in UDP and computes the checksum; it does not dissect them).
    hdr = lambda qd, an=0, ns=0, ar=0, flags=0x8180: struct.pack(">6H", 0x0bad, flags, qd, an, ns, ar)
    tail = b"\x00\x1c\x00\x01"

    def bad(name, msg, questions, records, error):
        exp = {"questions": questions, "records": records, "error": error}
        out.append(record(name, frame(msg, 53, 50053), dns_expect=exp, dissect_dns=False))

    bad("dns_bad_pointer_to_itself", hdr(1) + b"\xc0\x0c" + tail, 0, 0, "BadPointer")
    bad("dns_bad_pointer_loop_two_steps", hdr(1) + b"\x01a\xc0\x0c" + tail, 0, 0, "BadPointer")
    # Answer whose owner name points forward, to the name in its RDATA.
    fwd = hdr(1, 1) + b"\x01a\x00" + tail + b"\xc0\x1d" + struct.pack(">HHIH", 5, 1, 60, 3) + b"\x01b\x00"
    bad("dns_bad_forward_pointer", fwd, 1, 0, "BadPointer")
    bad("dns_bad_pointer_past_end", hdr(1) + b"\xff\xff" + tail, 0, 0, "BadPointer")
    long_name = b"".join(b"\x3c" + bytes([0x61 + i]) * 60 for i in range(5)) + b"\x00"
    bad("dns_bad_name_over_255", hdr(1) + long_name + tail, 0, 0, "NameTooLong")
    # Exactly 255 bytes: fine. Three 63-byte labels and one of 61.
    max_name = b"".join(b"\x3f" + b"m" * 63 for _ in range(3)) + b"\x3d" + b"n" * 61 + b"\x00"
    assert len(max_name) == 255
    bad("dns_name_of_255", hdr(1) + max_name + tail, 1, 0, None)
    bad("dns_bad_label_type_01", hdr(1) + b"\x41ab\x00" + tail, 0, 0, "BadValue")
    bad("dns_bad_label_type_10", hdr(1) + b"\x81ab\x00" + tail, 0, 0, "BadValue")
    good = raw(dns_compress(DNS(
        id=0x0bad, qr=1, rd=1, ra=1, qd=[DNSQR(qname="pool.ntp.org", qtype="AAAA")],
        an=[DNSRR(rrname="pool.ntp.org", type="AAAA", ttl=130, rdata=a) for a in addrs])))
    bad("dns_bad_truncated_rr", good[:-5], 1, 2, "Truncated")
    bad("dns_bad_truncated_question", good[:20], 0, 0, "Truncated")
    over = bytearray(good)
    over[7] = 100  # ANCOUNT 100 with three answers present
    bad("dns_bad_counts_over_records", bytes(over), 1, 3, "Truncated")
    bad("dns_bad_header_only_11_bytes", good[:11], 0, 0, "Truncated")
    # Pointer chain of 8 links inside the additional section records.
    msg = bytearray(hdr(0, 0, 0, 9))
    prev = None
    for i in range(9):
        here = len(msg)
        if prev is None:
            name = b"\x00"
        else:
            name = b"\x20" + bytes([0x41 + i]) * 32 + struct.pack(">H", 0xC000 | prev)
        msg += name + struct.pack(">HHIH", 16, 1, 0, 0)
        prev = here
    bad("dns_bad_pointer_chain_over_255", bytes(msg), 0, 8, "NameTooLong")
    return out


def captured_cases():
    frames = load_captured()
    out = []
    for name, h in frames:
        b = bytes.fromhex(h)
        e = Ether(b)
        u = e[UDP]
        if 53 in (u.sport, u.dport):
            d = DNS(raw(u.payload))
            exp = ok_dns(d)
            out.append(record(name, b, dns_expect=exp))
        else:
            out.append(record(name, b, ntp_expect="ok"))
    return out


def load_captured():
    lines = CAPTURED_HEX.split()
    assert len(lines) == len(CAPTURED_NAMES), (len(lines), len(CAPTURED_NAMES))
    return list(zip(CAPTURED_NAMES, lines))


CAPTURE_QUERIES = r"""
import socket, struct, time
def q(id_, name, qtype):
    h = struct.pack('>HHHHHH', id_, 0x0100, 1, 0, 0, 0)
    b = b''.join(bytes([len(l)]) + l.encode() for l in name.split('.')) + b'\0'
    return h + b + struct.pack('>HH', qtype, 1)
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(('fd00:c::2', 50053)); s.settimeout(2)
for i, (n, t) in enumerate([('time.wirec.test', 28), ('ntp.wirec.test', 28),
                            ('nx.wirec.test', 28), ('NTP.Wirec.Test', 1)]):
    s.sendto(q(0x5100 + i, n, t), ('fd00:c::1', 53)); s.recvfrom(1500)
n = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); n.bind(('fd00:c::2', 50123)); n.settimeout(2)
for vn in (4, 3):
    t = time.time() + 2208988800
    req = bytes([vn << 3 | 3]) + bytes(39) + struct.pack('>II', int(t), int((t % 1) * 2**32))
    n.sendto(req, ('fd00:c::1', 123)); n.recvfrom(1500)
"""


def capture():
    """Re-captures the real exchanges and prints the frames as hex, to be
    pasted into CAPTURED_HEX. Needs root, iproute2, ethtool, dnsmasq,
    chronyd and tcpdump; creates and deletes namespaces wirec/wirec2."""
    import subprocess, tempfile, time
    from scapy.all import rdpcap

    def sh(cmd):
        subprocess.run(cmd, shell=True, check=True)

    tmp = tempfile.mkdtemp()
    procs = []
    try:
        sh("ip netns add wirec && ip netns add wirec2")
        sh("ip link add wc0 netns wirec type veth peer name wc1 netns wirec2")
        sh("ip -n wirec link set wc0 address 02:00:00:00:c0:01")
        sh("ip -n wirec2 link set wc1 address 02:00:00:00:c0:02")
        # Complete checksums in software: no transmit checksum offload.
        sh("ip netns exec wirec ethtool -K wc0 tx off rx off >/dev/null")
        sh("ip netns exec wirec2 ethtool -K wc1 tx off rx off >/dev/null")
        sh("ip -n wirec link set wc0 up && ip -n wirec2 link set wc1 up")
        sh("ip -n wirec -6 addr add fd00:c::1/64 dev wc0 nodad")
        sh("ip -n wirec2 -6 addr add fd00:c::2/64 dev wc1 nodad")
        with open(tmp + "/chrony.conf", "w") as f:
            f.write("local stratum 8\nallow all\nbindaddress fd00:c::1\ncmdport 0\n"
                    "pidfile %s/chronyd.pid\n" % tmp)
        procs.append(subprocess.Popen(
            "exec ip netns exec wirec dnsmasq --no-daemon --no-resolv --no-hosts "
            "--bind-interfaces --listen-address=fd00:c::1 --user=root "
            "--pid-file=%s/dnsmasq.pid "
            "--host-record=time.wirec.test,fd00:c::123 "
            "--host-record=time.wirec.test,fd00:c::124 "
            "--cname=ntp.wirec.test,time.wirec.test --address=/nx.wirec.test/" % tmp,
            shell=True, stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen(
            "exec ip netns exec wirec chronyd -d -x -f %s/chrony.conf" % tmp,
            shell=True, stderr=subprocess.DEVNULL))
        time.sleep(2)
        dump = subprocess.Popen(
            "exec ip netns exec wirec2 tcpdump -i wc1 -U -w %s/cap.pcap udp" % tmp,
            shell=True, stderr=subprocess.DEVNULL)
        procs.append(dump)
        time.sleep(1.5)
        with open(tmp + "/q.py", "w") as f:
            f.write(CAPTURE_QUERIES)
        sh("ip netns exec wirec2 %s %s/q.py" % (sys.executable, tmp))
        time.sleep(1)
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        subprocess.run("ip netns del wirec; ip netns del wirec2", shell=True)
    for p in rdpcap(tmp + "/cap.pcap"):
        print(raw(p).hex())


def main():
    if "--capture" in sys.argv:
        capture()
        return
    cases = udp_cases() + ntp_cases() + dns_cases() + captured_cases()
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate names"
    with open(OUT, "w") as f:
        for c in cases:
            f.write(json.dumps(c, sort_keys=True) + "\n")
    print("wrote %d vectors to %s" % (len(cases), OUT))


if __name__ == "__main__":
    main()
