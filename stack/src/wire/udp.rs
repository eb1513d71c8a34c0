//! UDP over IPv6 (RFC 768, RFC 8200 section 8.1).
