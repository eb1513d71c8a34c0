//! Reads a time of day (`HH:MM:SS`) off the simulated display, so a run
//! can compare what the clock shows with true time.
//!
//! The board crate draws text with a 5x7 font, column by column (bit 0 at
//! the top), one blank column between glyphs, page-aligned, scaled 1-4x by
//! repeating pixels (drivers/proiot3 `font.rs` and `display.rs`). The
//! digit and colon glyphs are copied here (a test checks them against that
//! file); anything else on the screen is ignored.

use crate::ssd1306::Ssd1306;

/// Glyphs of '0'..='9' then ':' (drivers/proiot3/src/font.rs).
pub const GLYPHS: [[u8; 5]; 11] = [
    [0x3E, 0x51, 0x49, 0x45, 0x3E],
    [0x00, 0x42, 0x7F, 0x40, 0x00],
    [0x42, 0x61, 0x51, 0x49, 0x46],
    [0x21, 0x41, 0x45, 0x4B, 0x31],
    [0x18, 0x14, 0x12, 0x7F, 0x10],
    [0x27, 0x45, 0x45, 0x45, 0x39],
    [0x3C, 0x4A, 0x49, 0x49, 0x30],
    [0x01, 0x71, 0x09, 0x05, 0x03],
    [0x36, 0x49, 0x49, 0x49, 0x36],
    [0x06, 0x49, 0x49, 0x29, 0x1E],
    [0x00, 0x36, 0x36, 0x00, 0x00],
];

const WIDTH: usize = 128;
const HEIGHT: usize = 64;

/// A time of day found on the display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownTime {
    /// Seconds since midnight (HH*3600 + MM*60 + SS; HH up to 99).
    pub seconds: u32,
    /// Scale it is drawn at (1-4).
    pub scale: usize,
    /// Top pixel row and left pixel column.
    pub at: (usize, usize),
}

/// The glyph index (0-9 digits, 10 colon) drawn at pixel (x, y) at
/// `scale`, with its blank gap column, or `None`.
fn cell(d: &Ssd1306, x: usize, y: usize, scale: usize) -> Option<usize> {
    if x + 6 * scale > WIDTH + scale || y + 8 * scale > HEIGHT {
        return None;
    }
    let mut cols = [0u8; 5];
    for (c, col) in cols.iter_mut().enumerate() {
        for r in 0..8 {
            if d.pixel(x + c * scale, y + r * scale) {
                *col |= 1 << r;
            }
        }
    }
    let gap_x = x + 5 * scale;
    if gap_x < WIDTH && (0..8).any(|r| d.pixel(gap_x, y + r * scale)) {
        return None;
    }
    GLYPHS.iter().position(|g| *g == cols)
}

/// The first `HH:MM:SS` on the display, largest scale first, top to
/// bottom, left to right.
pub fn read_time(d: &Ssd1306) -> Option<ShownTime> {
    for scale in (1..=4).rev() {
        let advance = 6 * scale;
        for page in 0..8 {
            let y = page * 8;
            if y + 8 * scale > HEIGHT {
                break;
            }
            for x in 0..WIDTH {
                if x + 8 * advance > WIDTH + scale {
                    break;
                }
                let mut g = [0usize; 8];
                let mut ok = true;
                for (i, slot) in g.iter_mut().enumerate() {
                    match cell(d, x + i * advance, y, scale) {
                        Some(v) => *slot = v,
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                let colon = |i: usize| g[i] == 10;
                let digit = |i: usize| g[i] < 10;
                if ok
                    && colon(2)
                    && colon(5)
                    && [0, 1, 3, 4, 6, 7].iter().all(|&i| digit(i))
                    && g[3] < 6
                    && g[6] < 6
                {
                    let n = |i: usize, j: usize| (g[i] * 10 + g[j]) as u32;
                    return Some(ShownTime {
                        seconds: n(0, 1) * 3600 + n(3, 4) * 60 + n(6, 7),
                        scale,
                        at: (y, x),
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws `text` the way drivers/proiot3 `Ssd1306::text` does (page
    /// addressing, glyph columns then a gap, scaled).
    fn draw(d: &mut Ssd1306, page: u8, col: u8, text: &[u8], scale: u8) {
        for row in 0..scale {
            d.write(0xB0 | (page + row), false);
            d.write(col & 0x0F, false);
            d.write(0x10 | (col >> 4), false);
            for &ch in text {
                let g = match ch {
                    b'0'..=b'9' => GLYPHS[usize::from(ch - b'0')],
                    b':' => GLYPHS[10],
                    _ => [0x7F; 5],
                };
                for column in g.iter().chain([0u8].iter()) {
                    let mut byte = 0u8;
                    for y in 0..8u8 {
                        let src = (row * 8 + y) / scale;
                        if src < 8 && column & (1 << src) != 0 {
                            byte |= 1 << y;
                        }
                    }
                    for _ in 0..scale {
                        d.write(byte, true);
                    }
                }
            }
        }
    }

    /// A display set up as the board crate does: charge pump, segment
    /// remap, COM scan reversed (upright on the proiot3 panel), on.
    fn panel() -> Ssd1306 {
        let mut d = Ssd1306::new();
        for c in [0x8D, 0x14, 0xA1, 0xC8, 0xAF] {
            d.write(c, false);
        }
        d
    }

    #[test]
    fn reads_the_time_at_each_scale() {
        for (scale, col) in [(1u8, 3u8), (1, 80), (2, 16), (2, 0)] {
            let mut d = panel();
            draw(&mut d, 0, 0, b"X1", 1);
            draw(&mut d, 3, col, b"12:34:56", scale);
            let t = read_time(&d).unwrap_or_else(|| panic!("scale {scale}"));
            assert_eq!(t.seconds, 12 * 3600 + 34 * 60 + 56);
            assert_eq!(
                (t.scale, t.at),
                (usize::from(scale), (24, usize::from(col)))
            );
        }
        let mut d = panel();
        draw(&mut d, 1, 0, b"12:34", 2);
        draw(&mut d, 5, 0, b"12X34:56", 1);
        assert_eq!(read_time(&d), None);
    }

    /// The glyphs here are the board crate's.
    #[test]
    fn glyphs_match_the_board_font() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../drivers/proiot3/src/font.rs"
        );
        let Ok(src) = std::fs::read_to_string(path) else {
            eprintln!("skipping: {path} not found");
            return;
        };
        for (i, g) in GLYPHS.iter().enumerate() {
            let name = if i < 10 {
                char::from(b'0' + i as u8)
            } else {
                ':'
            };
            let line = format!(
                "0x{:02X}, 0x{:02X}, 0x{:02X}, 0x{:02X}, 0x{:02X}, // {name}",
                g[0], g[1], g[2], g[3], g[4]
            );
            assert!(src.contains(&line), "{line}");
        }
    }
}
