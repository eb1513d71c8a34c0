//! IPv6 extension headers (RFC 8200 section 4): recognised, skipped or rejected as the RFC says.
