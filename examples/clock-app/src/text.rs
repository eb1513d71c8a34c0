//! Text into fixed byte buffers without `core::fmt` (whose machinery alone
//! is several KB on the MSP430): decimal numbers, hex, MAC and IPv6
//! addresses (RFC 5952).
//!
//! One concrete writer, [`TextBuf`], rather than a trait with provided
//! methods: every formatter exists once in the firmware, whatever the
//! output (a display line, a console line) is.

use microip6::time;
use microip6::wire::{Ipv6Address, MacAddress};

/// Writes into a borrowed byte buffer from a start position; bytes beyond
/// its end are dropped (the text is cut, never an error).
#[derive(Debug)]
pub struct TextBuf<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> TextBuf<'a> {
    /// A writer at the start of `buf`.
    pub fn new(buf: &'a mut [u8]) -> Self {
        TextBuf { buf, len: 0 }
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Number of bytes written so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Writes one byte. Out of line, like the other writers: one copy of
    /// each in the firmware rather than one per call site.
    #[inline(never)]
    pub fn put(&mut self, byte: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }

    /// Writes raw bytes.
    #[inline(never)]
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.put(b);
        }
    }

    /// Writes a string. (In line: its call is a call of `bytes` with the
    /// same arguments, one function less.)
    #[inline(always)]
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Writes name number `n` of `list`, names separated by NULs (one
    /// packed string rather than a table of pointers and lengths: 3 bytes
    /// less per name on the MSP430, and no bounds check); nothing when
    /// `list` has fewer names.
    #[inline(never)]
    pub fn name(&mut self, list: &str, mut n: usize) {
        let mut bytes = list.as_bytes().iter();
        // The names before it skipped by a loop of their own: a test and
        // a branch a byte (8 cycles on the MSP430, 13 when one loop both
        // skipped and wrote).
        while n != 0 {
            if !bytes.any(|&b| b == 0) {
                return;
            }
            n -= 1;
        }
        for &b in bytes {
            if b == 0 {
                return;
            }
            self.put(b);
        }
    }

    /// Writes `value` in decimal.
    #[inline(never)]
    pub fn u32(&mut self, value: u32) {
        self.number(value, 0);
    }

    /// Writes `value` in decimal, with leading zeros to `width` digits (at
    /// most 10).
    pub fn u32_padded(&mut self, value: u32, width: u8) {
        self.number(value, width);
    }

    /// Writes `value` in decimal in the `shape`: its low nibble is the
    /// least number of digits (leading zeros, at most 10), its high nibble
    /// the digits after a decimal point (none when 0; then fewer than the
    /// digits): `0x34` writes 123 as `0.123`. The one number writer,
    /// every other number goes through it; one shape byte keeps its
    /// arguments in the four argument registers. Each digit by
    /// subtracting its power of ten: no division, no multiply, no digit
    /// buffer (at most 90 32-bit subtractions a number).
    #[inline(never)]
    pub fn number(&mut self, mut value: u32, shape: u8) {
        let (width, point) = (shape & 0xf, shape >> 4);
        let mut leading = true;
        // Digits from the current power of ten to the units.
        let mut position = POWERS_OF_TEN.len() as u8;
        for &p in POWERS_OF_TEN.iter() {
            let mut d = b'0';
            while !time::less_than(value, p) {
                value -= p;
                d += 1;
            }
            if position == point {
                self.put(b'.');
            }
            leading &= d == b'0' && position > 1 && position > width;
            if !leading {
                self.put(d);
            }
            position -= 1;
        }
    }

    /// Writes `value` in decimal with a `-` when negative.
    pub fn i32(&mut self, value: i32) {
        let mut m = value as u32;
        if value < 0 {
            self.put(b'-');
            m = m.wrapping_neg();
        }
        self.u32(m);
    }

    /// Writes `value` in lower-case hex without leading zeros, but in
    /// `digits` digits at least (zeros before).
    #[inline(never)]
    pub fn hex(&mut self, value: u16, digits: u8) {
        let mut i = 4;
        while i > 0 {
            i -= 1;
            let v = value >> (4 * i);
            if v != 0 || i < digits {
                self.put(hex_digit(v as u8));
            }
        }
    }

    /// Writes a MAC address as `02:00:00:00:00:42`.
    pub fn mac(&mut self, mac: &MacAddress) {
        for (i, &b) in mac.0.iter().enumerate() {
            if i > 0 {
                self.put(b':');
            }
            self.hex(b.into(), 2);
        }
    }

    /// Writes an IPv6 address in RFC 5952 form: lower case, leading zeros
    /// dropped, the first longest run of two or more zero groups as `::`.
    #[inline(always)]
    pub fn ipv6(&mut self, addr: &Ipv6Address) {
        self.ipv6_prefix(addr, 8);
    }

    /// Writes the address made of the first `groups` 16-bit groups of
    /// `addr` (at most 8), the others zero, as [`TextBuf::ipv6`] does: a
    /// prefix such as `2001:db8:1::` for 4 (no zeroed copy of the address
    /// built by the caller).
    #[inline(never)]
    pub fn ipv6_prefix(&mut self, addr: &Ipv6Address, groups: usize) {
        // The groups read in place (no array of them built first).
        let group = |i: usize| {
            if i < groups {
                u16::from_be_bytes([addr.0[2 * i], addr.0[2 * i + 1]])
            } else {
                0
            }
        };
        // RFC 5952 4.2.2/4.2.3: the longest run, the first of equals, never
        // a single group.
        let (mut best, mut best_len, mut run) = (8usize, 1usize, 0usize);
        for i in 0..8 {
            run = if group(i) == 0 { run + 1 } else { 0 };
            if run > best_len {
                best_len = run;
                best = i + 1 - run;
            }
        }
        let mut i = 0;
        while i < 8 {
            if i == best {
                self.bytes(b"::");
                i += best_len;
                continue;
            }
            if i > 0 && i != best + best_len {
                self.put(b':');
            }
            // RFC 5952 4.1: no leading zeros, one digit at least.
            self.hex(group(i), 1);
            i += 1;
        }
    }
}

/// 10^9 down to 1: the digit positions of a `u32`.
const POWERS_OF_TEN: [u32; 10] = [
    1_000_000_000,
    100_000_000,
    10_000_000,
    1_000_000,
    100_000,
    10_000,
    1_000,
    100,
    10,
    1,
];

/// Name number `n` of `list` (names separated by NULs, as for
/// [`TextBuf::name`]); empty when `list` has fewer names. For the host:
/// the firmware writes names with [`TextBuf::name`].
pub fn nth_name(list: &'static str, n: usize) -> &'static str {
    list.split('\0').nth(n).unwrap_or("")
}

/// The lower-case hex digit of the low nibble of `nibble`.
pub fn hex_digit(nibble: u8) -> u8 {
    let n = nibble & 0xf;
    if n < 10 {
        b'0' + n
    } else {
        b'a' + n - 10
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::string::String;

    fn render(f: impl FnOnce(&mut TextBuf)) -> String {
        let mut buf = [0u8; 64];
        let mut t = TextBuf::new(&mut buf);
        f(&mut t);
        String::from_utf8(t.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn decimal() {
        assert_eq!(render(|t| t.u32(0)), "0");
        assert_eq!(render(|t| t.u32(65_535)), "65535");
        assert_eq!(render(|t| t.u32(65_536)), "65536");
        assert_eq!(render(|t| t.u32(u32::MAX)), "4294967295");
        assert_eq!(render(|t| t.u32_padded(7, 2)), "07");
        assert_eq!(render(|t| t.u32_padded(123, 2)), "123");
        assert_eq!(render(|t| t.u32_padded(42, 6)), "000042");
        assert_eq!(render(|t| t.u32_padded(4_000_000_000, 10)), "4000000000");
        assert_eq!(render(|t| t.u32_padded(42, 10)), "0000000042");
        assert_eq!(render(|t| t.u32_padded(0, 3)), "000");
        assert_eq!(render(|t| t.number(123, 0x34)), "0.123");
        assert_eq!(render(|t| t.number(12_345_678, 0x34)), "12345.678");
        assert_eq!(render(|t| t.number(7, 0x34)), "0.007");
        assert_eq!(render(|t| t.number(u32::MAX, 0x34)), "4294967.295");
        assert_eq!(render(|t| t.number(5, 0x12)), "0.5");
        assert_eq!(render(|t| t.i32(i32::MIN)), "-2147483648");
        assert_eq!(render(|t| t.i32(-1_234)), "-1234");
        assert_eq!(render(|t| t.i32(0)), "0");
    }

    #[test]
    fn addresses_rfc5952() {
        let v = |g| render(|t| t.ipv6(&Ipv6Address::new(g)));
        assert_eq!(
            v([0xfe80, 0, 0, 0, 0, 0xff, 0xfe00, 0x42]),
            "fe80::ff:fe00:42"
        );
        assert_eq!(v([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1]), "2001:db8:0:1::1");
        assert_eq!(v([0; 8]), "::");
        assert_eq!(v([0, 0, 0, 0, 0, 0, 0, 1]), "::1");
        assert_eq!(v([1, 0, 0, 0, 0, 0, 0, 0]), "1::");
        // The first of two equal runs; a single zero group stays.
        assert_eq!(v([1, 0, 0, 2, 0, 0, 3, 4]), "1::2:0:0:3:4");
        assert_eq!(v([1, 0, 2, 3, 4, 5, 6, 7]), "1:0:2:3:4:5:6:7");
        assert_eq!(v([1, 0, 0, 2, 0, 0, 0, 3]), "1:0:0:2::3");
        assert_eq!(
            v([0xabcd, 0x1234, 0xffff, 0x0fff, 0x00ff, 0x000f, 0x1000, 0x0100]),
            "abcd:1234:ffff:fff:ff:f:1000:100"
        );
        // Checked against the standard library's formatter.
        for g in [
            [0x2001, 0xdb8, 1, 0, 0, 0xff, 0xfe00, 0x42],
            [0, 0, 1, 0, 0, 0, 1, 0],
        ] {
            let std_text = std::format!("{}", std::net::Ipv6Addr::from(Ipv6Address::new(g).0));
            assert_eq!(v(g), std_text);
        }
        assert_eq!(
            render(|t| t.mac(&MacAddress([2, 0, 0, 0, 0, 0x42]))),
            "02:00:00:00:00:42"
        );
    }

    /// Every pattern of zero and non-zero groups (every run of zeros, its
    /// place and the ties between runs), with values of 1 to 4 hex digits,
    /// against the standard library's formatter, which follows RFC 5952
    /// 4.2 (the IPv4-mapped form `::ffff:a.b.c.d` of RFC 5952 5, which it
    /// also writes, is not used here and left out).
    #[test]
    fn addresses_rfc5952_every_zero_pattern() {
        let values = [0x1, 0x20, 0x300, 0xabcd, 0xf00f, 0x0a0b, 0x10, 0xffff];
        for zeros in 0..=0xffu32 {
            let g: [u16; 8] =
                core::array::from_fn(|i| if zeros >> i & 1 != 0 { 0 } else { values[i] });
            let addr = Ipv6Address::new(g);
            let std_addr = std::net::Ipv6Addr::from(addr.0);
            if std_addr.to_ipv4_mapped().is_some() {
                continue;
            }
            let ours = render(|t| t.ipv6(&addr));
            assert_eq!(ours, std::format!("{std_addr}"), "{g:x?}");
        }
    }

    /// A prefix is written as the address with the groups past it zero,
    /// whatever they hold: checked against the standard library's text of
    /// that zeroed address, for every group count and zero pattern.
    #[test]
    fn address_prefix_is_the_address_with_the_rest_zeroed() {
        let values = [0x2001, 0xdb8, 0x300, 0xabcd, 0xf00f, 0x0a0b, 0x10, 0xffff];
        for zeros in 0..=0xffu32 {
            let g: [u16; 8] =
                core::array::from_fn(|i| if zeros >> i & 1 != 0 { 0 } else { values[i] });
            for groups in 0..=8 {
                let zeroed: [u16; 8] = core::array::from_fn(|i| if i < groups { g[i] } else { 0 });
                let std_addr = std::net::Ipv6Addr::from(Ipv6Address::new(zeroed).0);
                if std_addr.to_ipv4_mapped().is_some() {
                    continue;
                }
                let ours = render(|t| t.ipv6_prefix(&Ipv6Address::new(g), groups));
                assert_eq!(ours, std::format!("{std_addr}"), "{g:x?} {groups}");
            }
        }
        let a = Ipv6Address::new([0x2001, 0xdb8, 1, 0, 0, 0xff, 0xfe00, 0x42]);
        assert_eq!(render(|t| t.ipv6_prefix(&a, 4)), "2001:db8:1::");
    }

    #[test]
    fn hex_at_least_digits() {
        assert_eq!(render(|t| t.hex(0, 1)), "0");
        assert_eq!(render(|t| t.hex(0x42, 2)), "42");
        assert_eq!(render(|t| t.hex(0x2, 2)), "02");
        assert_eq!(render(|t| t.hex(0xabc, 4)), "0abc");
        assert_eq!(render(|t| t.hex(0x1234, 1)), "1234");
        assert_eq!(render(|t| t.hex(0xf00, 1)), "f00");
    }

    #[test]
    fn packed_names() {
        let list = "zero\0one\0\0three";
        for (n, want) in ["zero", "one", "", "three", "", ""].iter().enumerate() {
            assert_eq!(render(|t| t.name(list, n)), *want);
            assert_eq!(nth_name(list, n), *want);
        }
    }

    #[test]
    fn cut_at_the_end_of_the_buffer() {
        let mut buf = [0u8; 3];
        let mut t = TextBuf::new(&mut buf);
        t.str("hello");
        t.u32(12345);
        assert_eq!(t.as_bytes(), b"hel");
    }
}
