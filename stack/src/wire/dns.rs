//! DNS messages (RFC 1035 section 4, RFC 3596).
