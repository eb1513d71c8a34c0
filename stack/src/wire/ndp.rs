//! Neighbor Discovery messages and options (RFC 4861, RFC 8106).
