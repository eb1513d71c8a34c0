//! DNS stub resolver for AAAA records (RFC 1035, RFC 3596, RFC 5452).
