//! `microip6`: a zero-copy IPv6/UDP stack for small microcontrollers.
//!
//! The stack works on one frame buffer owned by the caller. Parsing is done
//! by typed views over that buffer ([`wire`]), replies are built in place.
//! There is no heap, no `unsafe` and no `core::fmt` on the hot paths.
//!
//! Layers, bottom up: Ethernet, IPv6 (with extension headers), ICMPv6 with
//! NDP and MLDv2, UDP, and on top NTP and DNS.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(test)]
extern crate std;
// The unit tests include the integration tests' helpers
// (tests/common/mod.rs), which name the crate as a user does.
#[cfg(test)]
extern crate self as microip6;
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod test_common;

pub mod clock;
pub mod dns;
pub mod iface;
pub mod sntp;
pub mod time;
pub mod wire;
