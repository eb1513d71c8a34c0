//! NTP packets (RFC 5905 section 7.3).
