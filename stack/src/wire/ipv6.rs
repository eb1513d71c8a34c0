//! The IPv6 fixed header (RFC 8200 section 3).
