#!/bin/sh
# Seeds fuzz/corpus/<target>/ with the frames of stack/tests/vectors/*.jsonl,
# each target getting the slice it expects (see fuzz/fuzz_targets/*.rs):
#
#   frame_walk     the whole Ethernet frame
#   ethernet_ipv6  one flag byte (bit 0: IPv6 destination is multicast),
#                  then the whole frame
#   icmpv6_ndp     the ICMPv6 message (after any extension headers)
#   udp            IPv6 source and destination (32 bytes), then the UDP
#                  datagram (after any extension headers)
#   ntp            the UDP payload of datagrams from or to port 123
#   dns            the UDP payload of datagrams from or to port 53
#
# Files are named by the SHA-1 of their content (as libFuzzer names them),
# so re-running adds nothing twice. Usage: fuzz/seed-corpus.sh (any cwd).
set -eu
cd "$(dirname "$0")"
exec python3 - ../stack/tests/vectors/*.jsonl <<'PY'
import hashlib, json, os, sys

def put(target, data):
    d = os.path.join("corpus", target)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
    counts[target] = counts.get(target, 0) + 1

def upper_layer(packet):
    """(next header, upper-layer bytes) after the extension header chain
    (RFC 8200 4), or None when the chain does not end inside the packet."""
    if len(packet) < 40:
        return None
    end = 40 + int.from_bytes(packet[4:6], "big")
    if end > len(packet):
        return None
    nh, at = packet[6], 40
    for _ in range(9):
        if nh in (0, 43, 60):
            if at + 2 > end:
                return None
            nh, at = packet[at], at + 8 * (packet[at + 1] + 1)
        elif nh == 44:
            if at + 8 > end:
                return None
            nh, at = packet[at], at + 8
        else:
            break
    if at > end:
        return None
    return nh, packet[at:end]

counts = {}
for name in sys.argv[1:]:
    with open(name) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            frame = bytes.fromhex(json.loads(line)["hex"])
            put("frame_walk", frame)
            multicast = len(frame) > 38 and frame[38] == 0xFF
            put("ethernet_ipv6", bytes([int(multicast)]) + frame)
            if len(frame) < 14 or frame[12:14] != b"\x86\xdd":
                continue
            packet = frame[14:]
            found = upper_layer(packet)
            if found is None:
                continue
            nh, upper = found
            if nh == 58:
                put("icmpv6_ndp", upper)
            elif nh == 17:
                put("udp", packet[8:40] + upper)
                if len(upper) >= 8:
                    ports = (int.from_bytes(upper[0:2], "big"), int.from_bytes(upper[2:4], "big"))
                    payload = upper[8:]
                    if 123 in ports:
                        put("ntp", payload)
                    if 53 in ports:
                        put("dns", payload)
for t in sorted(counts):
    print(f"seed-corpus: {t}: {counts[t]} inputs")
PY
