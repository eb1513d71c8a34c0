//! Text into fixed byte buffers without `core::fmt` (whose machinery alone
//! is several KB on the MSP430): decimal numbers, hex, MAC and IPv6
//! addresses (RFC 5952).
//!
//! One concrete writer, [`TextBuf`], rather than a trait with provided
//! methods: every formatter exists once in the firmware, whatever the
//! output (a display line, a console line) is.

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

    /// Writes a string.
    #[inline(never)]
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Writes name number `n` of `list`, names separated by NULs (one
    /// packed string rather than a table of pointers and lengths: 3 bytes
    /// less per name on the MSP430, and no bounds check); nothing when
    /// `list` has fewer names.
    #[inline(never)]
    pub fn name(&mut self, list: &str, mut n: usize) {
        for &b in list.as_bytes() {
            if b == 0 {
                if n == 0 {
                    return;
                }
                n -= 1;
            } else if n == 0 {
                self.put(b);
            }
        }
    }

    /// Writes `value` in decimal.
    #[inline(never)]
    pub fn u32(&mut self, value: u32) {
        self.u32_padded(value, 0, b'0');
    }

    /// Writes `value` in decimal, left-padded with `pad` to `width`.
    pub fn u32_padded(&mut self, value: u32, width: u8, pad: u8) {
        self.decimal(&mut [(value >> 16) as u16, value as u16], width, pad);
    }

    /// Writes the number in `limbs` (16-bit, most significant first; at
    /// most 64 bits) in decimal, left-padded with `pad` to `width`. One
    /// routine for every width, by long division in 16-bit steps: no
    /// 64-bit arithmetic, and a 16-bit division (much cheaper than a
    /// 32-bit one on the MSP430) wherever the running remainder is zero.
    #[inline(never)]
    fn decimal(&mut self, limbs: &mut [u16], width: u8, pad: u8) {
        let mut digits = [0u8; 20];
        let mut n = 0;
        loop {
            let mut rem = 0u16;
            let mut rest = false;
            for l in limbs.iter_mut() {
                let q = if rem == 0 {
                    *l / 10
                } else {
                    // Below 10 * 2^16: the quotient fits 16 bits.
                    (((rem as u32) << 16 | *l as u32) / 10) as u16
                };
                // The remainder by a multiply, exact modulo 2^16.
                rem = l.wrapping_sub(q.wrapping_mul(10));
                *l = q;
                rest |= q != 0;
            }
            digits[n] = b'0' + rem as u8;
            n += 1;
            if !rest || n == digits.len() {
                break;
            }
        }
        for _ in n..width as usize {
            self.put(pad);
        }
        while n > 0 {
            n -= 1;
            self.put(digits[n]);
        }
    }

    /// Writes `value` in decimal with a `-` when negative.
    pub fn i32(&mut self, value: i32) {
        if value < 0 {
            self.put(b'-');
        }
        self.u32(value.unsigned_abs());
    }

    /// Writes `value` in decimal with a `-` when negative.
    pub fn i64(&mut self, value: i64) {
        let mut limbs = [
            (value >> 48) as u16,
            (value >> 32) as u16,
            (value >> 16) as u16,
            value as u16,
        ];
        if value < 0 {
            self.put(b'-');
            // The magnitude: two's complement negation limb by limb, from
            // the least significant (LLVM's 64-bit negate is a long carry
            // sequence on the MSP430). i64::MIN gives 2^63, right.
            let mut carry = true;
            for l in limbs.iter_mut().rev() {
                let (v, c) = (!*l).overflowing_add(u16::from(carry));
                *l = v;
                carry = c;
            }
        }
        self.decimal(&mut limbs, 0, b'0');
    }

    /// Writes the low `digits` nibbles of `value` in lower-case hex.
    pub fn hex(&mut self, value: u16, digits: u8) {
        let mut i = digits.min(4);
        while i > 0 {
            i -= 1;
            self.put(hex_digit((value >> (4 * i)) as u8));
        }
    }

    /// Writes a MAC address as `02:00:00:00:00:42`.
    pub fn mac(&mut self, mac: &MacAddress) {
        for (i, &b) in mac.0.iter().enumerate() {
            if i > 0 {
                self.put(b':');
            }
            self.put(hex_digit(b >> 4));
            self.put(hex_digit(b));
        }
    }

    /// Writes an IPv6 address in RFC 5952 form: lower case, leading zeros
    /// dropped, the first longest run of two or more zero groups as `::`.
    pub fn ipv6(&mut self, addr: &Ipv6Address) {
        let groups = addr.segments();
        // RFC 5952 4.2.2/4.2.3: the longest run, the first of equals, never
        // a single group.
        let (mut best, mut best_len, mut run) = (8usize, 1usize, 0usize);
        for (i, &g) in groups.iter().enumerate() {
            run = if g == 0 { run + 1 } else { 0 };
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
            let g = groups[i];
            let digits = 1 + (g >= 0x10) as u8 + (g >= 0x100) as u8 + (g >= 0x1000) as u8;
            self.hex(g, digits);
            i += 1;
        }
    }
}

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
        assert_eq!(render(|t| t.u32_padded(7, 2, b'0')), "07");
        assert_eq!(render(|t| t.u32_padded(123, 2, b'0')), "123");
        assert_eq!(render(|t| t.u32_padded(42, 6, b'0')), "000042");
        assert_eq!(render(|t| t.i32(i32::MIN)), "-2147483648");
        assert_eq!(render(|t| t.i64(-1_234)), "-1234");
        assert_eq!(render(|t| t.i64(4_294_967_296)), "4294967296");
        assert_eq!(render(|t| t.i64(i64::MIN)), "-9223372036854775808");
        assert_eq!(
            render(|t| t.i64(-1_000_000_000_000_000_000)),
            "-1000000000000000000"
        );
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
