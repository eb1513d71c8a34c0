#!/usr/bin/env python3
"""Captures the DNS replies used by stack/tests/dns_resolver.rs.

Runs dnsmasq (2.90) on ::1 with local records, sends each query with a
python socket (ID 0x1234, RD set, no EDNS: what the microip6 resolver
sends) and prints the reply bytes as they came off the socket, in hex.

    python3 stack/tests/dns_vectors/capture.py
"""
import socket
import struct
import subprocess
import threading
import time

PORT = 5353


def query(name, port, qtype=28, qid=0x1234):
    msg = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        msg += bytes([len(label)]) + label.encode()
    msg += b"\0" + struct.pack(">HH", qtype, 1)
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.settimeout(3)
    s.sendto(msg, ("::1", port))
    try:
        return s.recvfrom(4096)[0]
    except socket.timeout:
        return None
    finally:
        s.close()


def run(extra, names, port=PORT):
    args = ["dnsmasq", "--no-daemon", "--port", str(port), "--listen-address", "::1",
            "--bind-interfaces", "--no-resolv", "--no-hosts"] + extra
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        for n in names:
            r = query(n, port)
            print(f"{n:16} {r.hex() if r else None}")
    finally:
        p.terminate()
        p.wait()


print("# server 1: local zone test., no upstream")
run(["--local=/test/",
     "--host-record=ntp.test,2001:db8::123,3600",
     "--cname=time.test,ntp.test,300",
     "--cname=clock.test,time.test,600",
     "--host-record=pair.test,2001:db8::1,120",
     "--host-record=pair.test,2001:db8::2,120",
     "--host-record=week.test,2001:db8::7,604800",
     "--host-record=zero.test,2001:db8::0,0",
     "--host-record=edge.test,192.0.2.1",
     "--cname=far.test,edge.test,900"]
    + [f"--host-record=five.test,2001:db8::5:{i},60" for i in range(5)]
    + [f"--host-record=big.test,2001:db8::1:{i:x}" for i in range(40)],
    ["ntp.test", "NTP.Test", "time.test", "clock.test", "pair.test", "five.test", "week.test",
     "zero.test", "far.test", "edge.test", "nothere.test", "big.test", "example.org"])
print("# server 2: edge.test has an AAAA record")
run(["--local=/test/", "--host-record=edge.test,2001:db8::e1,1200"], ["edge.test"])


def servfail_upstream(port):
    """An upstream that answers every query with SERVFAIL; dnsmasq relays it."""
    up = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    up.bind(("::1", port))

    def serve():
        while True:
            m, a = up.recvfrom(4096)
            r = bytearray(m)
            r[2], r[3] = 0x81, 0x82
            up.sendto(bytes(r), a)

    threading.Thread(target=serve, daemon=True).start()


print("# server 3: forwards to an upstream that fails (SERVFAIL)")
servfail_upstream(5399)
run(["--server=::1#5399"], ["ntp.test"])
print("# server 4: no records and no upstream (REFUSED)")
run([], ["ntp.test"])
