//! Allocation-free text output: decimal and hex numbers, MAC and IPv6
//! addresses, without `core::fmt` (whose machinery alone is several KB on the
//! MSP430).

/// A byte sink that text can be written to (the UART console, a display line).
///
/// Implementors provide [`TextSink::put`]; the other methods are built on it.
pub trait TextSink {
    /// Writes one byte.
    fn put(&mut self, byte: u8);

    /// Writes every byte of `s`.
    fn write_str(&mut self, s: &str) {
        self.write_bytes(s.as_bytes());
    }

    /// Writes raw bytes.
    fn write_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.put(b);
        }
    }

    /// Writes `"\r\n"`.
    fn newline(&mut self) {
        self.put(b'\r');
        self.put(b'\n');
    }

    /// Writes `value` in decimal, without padding.
    fn write_u32(&mut self, value: u32) {
        let mut buf = [0u8; 10];
        let n = format_u32(value, &mut buf);
        self.write_bytes(&buf[10 - n..]);
    }

    /// Writes `value` in decimal, left-padded with `pad` to at least `width`
    /// characters (e.g. `b'0'` and 2 for clock digits).
    fn write_u32_padded(&mut self, value: u32, width: usize, pad: u8) {
        let mut buf = [0u8; 10];
        let n = format_u32(value, &mut buf);
        for _ in n..width {
            self.put(pad);
        }
        self.write_bytes(&buf[10 - n..]);
    }

    /// Writes `value` in decimal with a leading `-` when negative.
    fn write_i32(&mut self, value: i32) {
        if value < 0 {
            self.put(b'-');
        }
        self.write_u32(value.unsigned_abs());
    }

    /// Writes the low `digits` nibbles of `value` in lower-case hex (at most 8).
    fn write_hex(&mut self, value: u32, digits: u8) {
        let mut i = digits.min(8);
        while i > 0 {
            i -= 1;
            // Shift by a multiple of 4 through a loop of constant shifts:
            // variable 32-bit shifts would call __mspabi_srll.
            let mut v = value;
            let mut k = 0;
            while k < i {
                v >>= 4;
                k += 1;
            }
            self.put(hex_digit(v as u8));
        }
    }

    /// Writes `bytes` as lower-case hex pairs separated by `sep` (0 = none).
    fn write_hex_bytes(&mut self, bytes: &[u8], sep: u8) {
        for (i, &b) in bytes.iter().enumerate() {
            if i > 0 && sep != 0 {
                self.put(sep);
            }
            self.put(hex_digit(b >> 4));
            self.put(hex_digit(b));
        }
    }

    /// Writes a MAC address as `02:00:00:00:00:42`.
    fn write_mac(&mut self, mac: &[u8; 6]) {
        self.write_hex_bytes(mac, b':');
    }

    /// Writes an IPv6 address in RFC 5952 form (lower case, leading zeros
    /// dropped, the first longest run of two or more zero groups as `::`).
    fn write_ipv6(&mut self, addr: &[u8; 16]) {
        let mut groups = [0u16; 8];
        for (i, g) in groups.iter_mut().enumerate() {
            *g = u16::from_be_bytes([addr[2 * i], addr[2 * i + 1]]);
        }
        // RFC 5952 section 4.2: compress the longest run (first on ties), not a single group.
        let (mut best_start, mut best_len, mut run_start, mut run_len) = (8, 0, 0, 0);
        for (i, &g) in groups.iter().enumerate() {
            if g == 0 {
                if run_len == 0 {
                    run_start = i;
                }
                run_len += 1;
                if run_len > best_len {
                    best_start = run_start;
                    best_len = run_len;
                }
            } else {
                run_len = 0;
            }
        }
        if best_len < 2 {
            best_start = 8;
        }
        let mut i = 0;
        while i < 8 {
            if i == best_start {
                self.write_str("::");
                i += best_len;
                continue;
            }
            if i > 0 && i != best_start + best_len {
                self.put(b':');
            }
            let g = groups[i];
            let digits = if g >= 0x1000 {
                4
            } else if g >= 0x100 {
                3
            } else if g >= 0x10 {
                2
            } else {
                1
            };
            self.write_hex(u32::from(g), digits);
            i += 1;
        }
    }
}

/// One lower-case hex digit for the low nibble of `nibble`.
pub fn hex_digit(nibble: u8) -> u8 {
    b"0123456789abcdef"[usize::from(nibble & 0xf)]
}

/// Formats `value` in decimal right-aligned into `buf`; returns the number of
/// digits written (they end at `buf[9]`).
pub fn format_u32(mut value: u32, buf: &mut [u8; 10]) -> usize {
    let mut n = 0;
    loop {
        // 16-bit chunks where possible: u16 division is much cheaper than u32.
        let digit = if value <= 0xffff {
            let v = value as u16;
            value = u32::from(v / 10);
            (v % 10) as u8
        } else {
            let d = (value % 10) as u8;
            value /= 10;
            d
        };
        n += 1;
        buf[10 - n] = b'0' + digit;
        if value == 0 {
            return n;
        }
    }
}

/// A [`TextSink`] into a fixed byte buffer; extra bytes are dropped.
pub struct BufSink<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> BufSink<'a> {
    /// A sink writing into `buf` from its start.
    pub fn new(buf: &'a mut [u8]) -> Self {
        BufSink { buf, len: 0 }
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
}

impl TextSink for BufSink<'_> {
    fn put(&mut self, byte: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(f: impl FnOnce(&mut BufSink)) -> std::string::String {
        let mut buf = [0u8; 64];
        let mut s = BufSink::new(&mut buf);
        f(&mut s);
        std::string::String::from_utf8(s.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn decimal() {
        assert_eq!(render(|s| s.write_u32(0)), "0");
        assert_eq!(render(|s| s.write_u32(65535)), "65535");
        assert_eq!(render(|s| s.write_u32(65536)), "65536");
        assert_eq!(render(|s| s.write_u32(u32::MAX)), "4294967295");
        assert_eq!(render(|s| s.write_i32(i32::MIN)), "-2147483648");
        assert_eq!(render(|s| s.write_u32_padded(7, 2, b'0')), "07");
        assert_eq!(render(|s| s.write_u32_padded(123, 2, b'0')), "123");
    }

    #[test]
    fn hex_and_addresses() {
        assert_eq!(render(|s| s.write_hex(0xdead_beef, 8)), "deadbeef");
        assert_eq!(render(|s| s.write_hex(0x1f, 4)), "001f");
        assert_eq!(
            render(|s| s.write_mac(&[2, 0, 0, 0, 0, 0x42])),
            "02:00:00:00:00:42"
        );
        let a = [
            0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe, 0, 0, 0x42,
        ];
        assert_eq!(render(|s| s.write_ipv6(&a)), "fe80::ff:fe00:42");
        let b = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1];
        assert_eq!(render(|s| s.write_ipv6(&b)), "2001:db8:0:1::1");
        assert_eq!(render(|s| s.write_ipv6(&[0; 16])), "::");
        let mut c = [0u8; 16];
        c[15] = 1;
        assert_eq!(render(|s| s.write_ipv6(&c)), "::1");
    }

    #[test]
    fn buffer_sink_truncates() {
        let mut buf = [0u8; 3];
        let mut s = BufSink::new(&mut buf);
        s.write_str("hello");
        assert_eq!(s.as_bytes(), b"hel");
    }
}
