//! Ethernet II frames (IEEE 802.3 / RFC 894) and the IPv6 multicast mapping (RFC 2464).
