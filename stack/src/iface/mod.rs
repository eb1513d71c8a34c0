//! The IPv6 node: interface state driven through one caller-owned frame buffer.
