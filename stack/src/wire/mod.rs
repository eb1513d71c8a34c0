//! Wire formats: typed, zero-copy views over packet bytes.
//!
//! Every protocol lives in its own module and follows the same pattern
//! (after smoltcp's `wire` module):
//!
//! * a view type `Foo<T: AsRef<[u8]>>` wrapping the buffer;
//! * `Foo::new_unchecked(buf)` wraps without looking, `Foo::new_checked(buf)`
//!   validates every length the getters rely on, so that no getter of a
//!   checked view can index out of bounds;
//! * getters for `T: AsRef<[u8]>`, setters for `T: AsMut<[u8]>`;
//! * where it helps, a plain `FooRepr` that `parse`s from a view and `emit`s
//!   into one, so that packets can be built in place.
//!
//! Multi-byte fields are big-endian and read with `from_be_bytes`; no
//! unaligned casts.

pub mod address;
pub mod checksum;
pub mod dns;
pub mod ethernet;
pub mod icmpv6;
pub mod ipv6;
pub mod ipv6ext;
pub mod mld;
pub mod ndp;
pub mod ntp;
pub mod udp;

pub use address::{Ipv6Address, MacAddress};

/// Why a view refused a buffer.
///
/// Parsers report these; the node layer turns them into drop counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Error {
    /// The buffer is shorter than the header, or than a length field says.
    Truncated,
    /// A length field is inconsistent (too small for the header it covers,
    /// not a multiple of what the format requires, over a maximum...).
    BadLength,
    /// A version field has a value this stack does not speak.
    BadVersion,
    /// The checksum does not verify (or is zero where zero is forbidden).
    BadChecksum,
    /// An option (NDP, IPv6 extension header) has length zero or runs past
    /// the end of its packet.
    BadOption,
    /// A field holds a value the format does not allow (a reserved code, a
    /// DNS label type 0b01/0b10, an invalid flag combination...).
    BadValue,
    /// A DNS compression pointer points forwards or at itself, or pointer
    /// chasing did not terminate within the bound.
    BadPointer,
    /// A DNS name is longer than 255 bytes in wire form.
    NameTooLong,
    /// A field the format allows but this stack does not handle (an IPv6
    /// Fragment header, a Routing header with segments left...).
    Unsupported,
}

/// Short alias used throughout the wire modules.
pub type Result<T> = core::result::Result<T, Error>;

/// IPv6 Next Header / protocol numbers (IANA "Assigned Internet Protocol
/// Numbers") used by this stack.
pub mod ip_protocol {
    /// IPv6 Hop-by-Hop Options (RFC 8200 4.3).
    pub const HOP_BY_HOP: u8 = 0;
    /// UDP (RFC 768).
    pub const UDP: u8 = 17;
    /// Routing header (RFC 8200 4.4).
    pub const ROUTING: u8 = 43;
    /// Fragment header (RFC 8200 4.5).
    pub const FRAGMENT: u8 = 44;
    /// ICMPv6 (RFC 4443).
    pub const ICMPV6: u8 = 58;
    /// No Next Header (RFC 8200 4.7).
    pub const NO_NEXT_HEADER: u8 = 59;
    /// Destination Options (RFC 8200 4.6).
    pub const DESTINATION_OPTIONS: u8 = 60;
}
