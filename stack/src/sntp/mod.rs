//! SNTPv4 client (RFC 4330 with the on-wire rules of RFC 5905).
