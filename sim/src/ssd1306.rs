//! SSD1306 128x64 OLED controller model (Solomon Systech SSD1306 datasheet
//! rev 1.1, section 9 "command table" and section 10 "command
//! descriptions"), fed one byte at a time with its D/C level, as the
//! proiot3 parallel bus delivers them (the byte on P2 latched on the rising
//! edge of E = P3.1, D/C = P3.0).
//!
//! Modelled: the 8 pages x 128 columns GDDRAM; page, horizontal and
//! vertical addressing (20h) with the column (21h) and page (22h) windows,
//! page-mode start addresses (00h-0Fh, 10h-1Fh, B0h-B7h); display on/off
//! (AEh/AFh), entire display on (A4h/A5h), normal/inverse (A6h/A7h),
//! contrast (81h), charge pump (8Dh), multiplex ratio (A8h), segment remap
//! (A0h/A1h), COM scan direction (C0h/C8h), display offset (D3h), start
//! line (40h-7Fh); the other documented commands are parsed with their
//! argument bytes (clock D5h, pre-charge D9h, COM pins DAh, VCOMH DBh,
//! scrolling 26h/27h/29h/2Ah/2Eh/2Fh/A3h, NOP E3h) and stored or ignored.
//! Unknown command bytes are counted.
//!
//! What the panel shows ([`Ssd1306::pixel`]) follows the module mounting
//! the board's init sequence assumes: with segment remap (A1h) and reversed
//! COM scan (C8h), RAM column 0 is the left edge and page 0 bit 0 the top
//! row. Nothing is lit while the display is off or the charge pump is off.

/// Display width in pixels.
pub const WIDTH: usize = 128;
/// Display height in pixels.
pub const HEIGHT: usize = 64;
/// Number of 8-row pages.
pub const PAGES: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Addressing {
    Horizontal,
    Vertical,
    Page,
}

/// The controller state.
#[derive(Debug, Clone)]
pub struct Ssd1306 {
    /// Display RAM: `gddram[page][column]`, bit 0 the top row of the page.
    pub gddram: [[u8; WIDTH]; PAGES],
    addressing: Addressing,
    col: u8,
    page: u8,
    col_start: u8,
    col_end: u8,
    page_start: u8,
    page_end: u8,
    /// Page-mode column start set by 00h-1Fh.
    page_mode_col: u8,
    /// Display on (AFh).
    pub display_on: bool,
    /// Entire display on, ignoring RAM (A5h).
    pub entire_on: bool,
    /// Inverse display (A7h).
    pub inverse: bool,
    /// Contrast (81h).
    pub contrast: u8,
    /// Charge pump enabled (8Dh 14h).
    pub charge_pump: bool,
    /// Multiplex ratio + 1 (A8h): number of rows driven.
    pub mux: u8,
    /// Segment remap (A1h): column 127 drives SEG0.
    pub segment_remap: bool,
    /// COM scan remapped (C8h): COM63 to COM0.
    pub com_reversed: bool,
    /// Display offset (D3h).
    pub offset: u8,
    /// Display start line (40h-7Fh).
    pub start_line: u8,
    /// Scrolling activated (2Fh): not rendered.
    pub scrolling: bool,
    /// Other single-argument settings (D5h, D9h, DAh, DBh): last value by command.
    pub settings: [(u8, u8); 4],
    pending: Option<(u8, Vec<u8>, usize)>,
    /// Command bytes received.
    pub commands: u64,
    /// Data bytes received.
    pub data_bytes: u64,
    /// Unknown command bytes received.
    pub unknown: u64,
}

impl Default for Ssd1306 {
    fn default() -> Self {
        Self::new()
    }
}

impl Ssd1306 {
    /// After reset (datasheet table 9-1 reset values): display off, page
    /// addressing, contrast 7Fh, multiplex 64, charge pump off, RAM zero
    /// (the real RAM content is undefined at power-up).
    pub fn new() -> Self {
        Ssd1306 {
            gddram: [[0; WIDTH]; PAGES],
            addressing: Addressing::Page,
            col: 0,
            page: 0,
            col_start: 0,
            col_end: 127,
            page_start: 0,
            page_end: 7,
            page_mode_col: 0,
            display_on: false,
            entire_on: false,
            inverse: false,
            contrast: 0x7F,
            charge_pump: false,
            mux: 64,
            segment_remap: false,
            com_reversed: false,
            offset: 0,
            start_line: 0,
            scrolling: false,
            settings: [(0xD5, 0x80), (0xD9, 0x22), (0xDA, 0x12), (0xDB, 0x20)],
            pending: None,
            commands: 0,
            data_bytes: 0,
            unknown: 0,
        }
    }

    /// One byte from the bus: `data` = D/C high (display RAM), low = command.
    pub fn write(&mut self, byte: u8, data: bool) {
        if data {
            self.data(byte);
        } else {
            self.command(byte);
        }
    }

    fn data(&mut self, byte: u8) {
        self.data_bytes += 1;
        self.gddram[self.page as usize & 7][self.col as usize & 127] = byte;
        match self.addressing {
            Addressing::Page => {
                // Section 10.1.3: the column wraps, the page stays.
                self.col = if self.col >= 127 {
                    self.page_mode_col
                } else {
                    self.col + 1
                };
            }
            Addressing::Horizontal => {
                if self.col >= self.col_end {
                    self.col = self.col_start;
                    self.page = if self.page >= self.page_end {
                        self.page_start
                    } else {
                        self.page + 1
                    };
                } else {
                    self.col += 1;
                }
            }
            Addressing::Vertical => {
                if self.page >= self.page_end {
                    self.page = self.page_start;
                    self.col = if self.col >= self.col_end {
                        self.col_start
                    } else {
                        self.col + 1
                    };
                } else {
                    self.page += 1;
                }
            }
        }
    }

    fn command(&mut self, byte: u8) {
        self.commands += 1;
        if let Some((cmd, mut args, need)) = self.pending.take() {
            args.push(byte);
            if args.len() < need {
                self.pending = Some((cmd, args, need));
            } else {
                self.apply(cmd, &args);
            }
            return;
        }
        let need = match byte {
            // 23h (fade/blink) and D6h (zoom): later SSD1306 documents'
            // commands, parsed (their argument taken), not rendered.
            0x81 | 0x8D | 0x20 | 0xA8 | 0xD3 | 0xD5 | 0xD9 | 0xDA | 0xDB | 0x23 | 0xD6 => 1,
            0x21 | 0x22 | 0xA3 => 2,
            0x29 | 0x2A => 5,
            0x26 | 0x27 => 6,
            _ => 0,
        };
        if need > 0 {
            self.pending = Some((byte, Vec::with_capacity(need), need));
            return;
        }
        match byte {
            0x00..=0x0F => {
                self.page_mode_col = (self.page_mode_col & 0xF0) | byte;
                self.col = self.page_mode_col & 127;
            }
            0x10..=0x1F => {
                self.page_mode_col = (self.page_mode_col & 0x0F) | ((byte & 0x07) << 4);
                self.col = self.page_mode_col & 127;
            }
            0x2E => self.scrolling = false,
            0x2F => self.scrolling = true,
            0x40..=0x7F => self.start_line = byte & 0x3F,
            0xA0 | 0xA1 => self.segment_remap = byte & 1 != 0,
            0xA4 | 0xA5 => self.entire_on = byte & 1 != 0,
            0xA6 | 0xA7 => self.inverse = byte & 1 != 0,
            0xAE | 0xAF => self.display_on = byte & 1 != 0,
            0xB0..=0xB7 => self.page = byte & 7,
            0xC0 | 0xC8 => self.com_reversed = byte == 0xC8,
            0xE3 => {}
            _ => self.unknown += 1,
        }
    }

    fn apply(&mut self, cmd: u8, args: &[u8]) {
        match cmd {
            0x81 => self.contrast = args[0],
            0x8D => self.charge_pump = args[0] & 0x04 != 0,
            0x20 => {
                self.addressing = match args[0] & 3 {
                    0 => Addressing::Horizontal,
                    1 => Addressing::Vertical,
                    _ => Addressing::Page, // 10b page; 11b invalid
                }
            }
            0x21 => {
                self.col_start = args[0] & 127;
                self.col_end = args[1] & 127;
                self.col = self.col_start;
            }
            0x22 => {
                self.page_start = args[0] & 7;
                self.page_end = args[1] & 7;
                self.page = self.page_start;
            }
            0xA8 => {
                let m = args[0] & 0x3F;
                // Values 0-14 are invalid (datasheet: 16MUX to 64MUX).
                if m >= 15 {
                    self.mux = m + 1;
                }
            }
            0xD3 => self.offset = args[0] & 0x3F,
            0xD5 | 0xD9 | 0xDA | 0xDB => {
                for s in &mut self.settings {
                    if s.0 == cmd {
                        s.1 = args[0];
                    }
                }
            }
            _ => {} // scrolling set-up, zoom, fade: parsed, not rendered
        }
    }

    /// A GDDRAM bit: `col` 0-127, `row` 0-63 (page row*8 .. bit).
    pub fn ram_pixel(&self, col: usize, row: usize) -> bool {
        self.gddram[(row / 8) & 7][col & 127] >> (row % 8) & 1 != 0
    }

    /// Whether the panel pixel at `x` (0 left) `y` (0 top) is lit.
    pub fn pixel(&self, x: usize, y: usize) -> bool {
        if !self.display_on || !self.charge_pump || x >= WIDTH || y >= HEIGHT {
            return false;
        }
        // Panel mounting: physical x = 127 - SEG, y = 63 - COM (see module docs).
        let seg = 127 - x;
        let com = 63 - y;
        let col = if self.segment_remap { 127 - seg } else { seg };
        // Row index in scan order on that COM.
        let scan = if self.com_reversed { 63 - com } else { com };
        let scan = (scan + 64 - self.offset as usize) % 64;
        if scan >= self.mux as usize {
            return false;
        }
        let row = (scan + self.start_line as usize) % 64;
        let on = self.entire_on || self.ram_pixel(col, row);
        on != self.inverse
    }

    /// The screen as text, two pixel rows per character (upper half block,
    /// lower half block, full block, space): 32 lines of 128 characters.
    pub fn render_text(&self) -> String {
        let mut s = String::with_capacity(HEIGHT / 2 * (WIDTH * 3 + 1));
        for y in (0..HEIGHT).step_by(2) {
            for x in 0..WIDTH {
                s.push(match (self.pixel(x, y), self.pixel(x, y + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
            s.push('\n');
        }
        s
    }

    /// The screen as a PNG image (8-bit greyscale), each pixel `scale` x
    /// `scale` (at least 1), lit pixels white.
    pub fn to_png(&self, scale: usize) -> Vec<u8> {
        let scale = scale.max(1);
        let (w, h) = (WIDTH * scale, HEIGHT * scale);
        let mut raw = Vec::with_capacity(h * (w + 1));
        for y in 0..h {
            raw.push(0); // filter: none
            for x in 0..w {
                raw.push(if self.pixel(x / scale, y / scale) {
                    0xFF
                } else {
                    0x00
                });
            }
        }
        png_grey8(w as u32, h as u32, &raw)
    }
}

/// CRC-32 as PNG chunks use it (ISO 3309, reflected 0xEDB88320).
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for part in parts {
        for &b in *part {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
        }
    }
    !c
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(&[kind, data]).to_be_bytes());
}

/// A PNG (RFC 2083) of 8-bit greyscale `raw` scanlines (each starting with
/// its filter byte), compressed with stored (uncompressed) deflate blocks
/// (RFC 1951 section 3.2.4) in a zlib stream (RFC 1950).
pub fn png_grey8(width: u32, height: u32, raw: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // depth 8, greyscale
    chunk(&mut out, b"IHDR", &ihdr);
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, b) in blocks.iter().enumerate() {
        z.push(u8::from(i + 1 == blocks.len()));
        let len = b.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(b);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in raw {
        a = (a + byte as u32) % 65521;
        b = (b + a) % 65521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The proiot3 board crate's power-up sequence (drivers/proiot3 display.rs).
    const INIT: [u8; 25] = [
        0xAE, 0xD5, 0x80, 0xA8, 0x3F, 0xD3, 0x00, 0x40, 0x8D, 0x14, 0x20, 0x00, 0xA1, 0xC8, 0xDA,
        0x12, 0x81, 0xCF, 0xD9, 0xF1, 0xDB, 0x40, 0xA4, 0xA6, 0xAF,
    ];

    fn init() -> Ssd1306 {
        let mut d = Ssd1306::new();
        for c in INIT {
            d.write(c, false);
        }
        d
    }

    #[test]
    fn init_sequence_state() {
        let d = init();
        assert!(d.display_on && d.charge_pump && d.segment_remap && d.com_reversed);
        assert_eq!(d.contrast, 0xCF);
        assert_eq!(d.mux, 64);
        assert_eq!(d.addressing, Addressing::Horizontal);
        assert_eq!(d.unknown, 0);
        assert_eq!(d.settings[3], (0xDB, 0x40));
    }

    #[test]
    fn horizontal_window_wraps_pages() {
        let mut d = init();
        for c in [0x21, 10, 11, 0x22, 2, 3] {
            d.write(c, false);
        }
        for b in [1, 2, 3, 4] {
            d.write(b, true);
        }
        assert_eq!(d.gddram[2][10], 1);
        assert_eq!(d.gddram[2][11], 2);
        assert_eq!(d.gddram[3][10], 3);
        assert_eq!(d.gddram[3][11], 4);
        assert_eq!(d.gddram[2][12], 0);
        // The fifth byte wraps back to the window start.
        d.write(5, true);
        assert_eq!(d.gddram[2][10], 5);
    }

    #[test]
    fn vertical_and_page_modes() {
        let mut d = init();
        for c in [0x20, 0x01, 0x21, 0, 127, 0x22, 6, 7] {
            d.write(c, false);
        }
        for b in [0xA, 0xB, 0xC] {
            d.write(b, true);
        }
        assert_eq!(
            (d.gddram[6][0], d.gddram[7][0], d.gddram[6][1]),
            (0xA, 0xB, 0xC)
        );
        for c in [0x20, 0x02, 0xB5, 0x0E, 0x17] {
            d.write(c, false);
        }
        // Column 0x7E: two bytes, then the column wraps to the start (0x7E).
        for b in [1, 2, 3] {
            d.write(b, true);
        }
        assert_eq!((d.gddram[5][126], d.gddram[5][127]), (3, 2));
    }

    #[test]
    fn pixel_orientation_and_render() {
        let mut d = init();
        for c in [0x21, 0, 0, 0x22, 0, 0] {
            d.write(c, false);
        }
        d.write(0x03, true); // column 0, rows 0 and 1
        assert!(d.pixel(0, 0) && d.pixel(0, 1) && !d.pixel(0, 2) && !d.pixel(1, 0));
        let text = d.render_text();
        assert!(text.starts_with('█'));
        assert_eq!(text.lines().count(), 32);
        assert_eq!(text.lines().next().unwrap().chars().count(), 128);
        // Without remaps the same byte shows at the bottom right.
        d.write(0xA0, false);
        d.write(0xC0, false);
        assert!(d.pixel(127, 63) && d.pixel(127, 62));
        d.write(0xA7, false);
        assert!(!d.pixel(127, 63) && d.pixel(0, 0));
        d.write(0xAE, false);
        assert!(!d.pixel(0, 0));
    }

    #[test]
    fn png_is_well_formed() {
        let d = init();
        let png = d.to_png(2);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 256);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 128);
        // CRC of IHDR over type + data.
        let crc = crc32(&[&png[12..29]]);
        assert_eq!(u32::from_be_bytes(png[29..33].try_into().unwrap()), crc);
        assert_eq!(crc32(&[b"123456789"]), 0xCBF4_3926);
        assert!(png.ends_with(&[0xAE, 0x42, 0x60, 0x82]));
    }
}
