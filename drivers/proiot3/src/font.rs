//! A 5x7 font for ASCII 0x20..=0x5F (lower case folds to upper case), stored
//! column by column with bit 0 at the top, the layout SSD1306 display RAM
//! uses; 320 bytes. Large digits for the time are this font scaled up at draw
//! time (see [`scaled_column`]), so they cost no extra table.

/// Width of a glyph in pixels, without the one-column gap.
pub const GLYPH_WIDTH: usize = 5;
/// Horizontal advance per character at scale 1 (glyph plus gap).
pub const ADVANCE: usize = GLYPH_WIDTH + 1;

const FIRST: u8 = 0x20;
const LAST: u8 = 0x5F;

#[rustfmt::skip]
static GLYPHS: [u8; 320] = [
    0x00, 0x00, 0x00, 0x00, 0x00, // ' '
    0x00, 0x00, 0x5F, 0x00, 0x00, // !
    0x00, 0x07, 0x00, 0x07, 0x00, // "
    0x14, 0x7F, 0x14, 0x7F, 0x14, // #
    0x24, 0x2A, 0x7F, 0x2A, 0x12, // $
    0x23, 0x13, 0x08, 0x64, 0x62, // %
    0x36, 0x49, 0x55, 0x22, 0x50, // &
    0x00, 0x05, 0x03, 0x00, 0x00, // '
    0x00, 0x1C, 0x22, 0x41, 0x00, // (
    0x00, 0x41, 0x22, 0x1C, 0x00, // )
    0x08, 0x2A, 0x1C, 0x2A, 0x08, // *
    0x08, 0x08, 0x3E, 0x08, 0x08, // +
    0x00, 0x50, 0x30, 0x00, 0x00, // ,
    0x08, 0x08, 0x08, 0x08, 0x08, // -
    0x00, 0x60, 0x60, 0x00, 0x00, // .
    0x20, 0x10, 0x08, 0x04, 0x02, // /
    0x3E, 0x51, 0x49, 0x45, 0x3E, // 0
    0x00, 0x42, 0x7F, 0x40, 0x00, // 1
    0x42, 0x61, 0x51, 0x49, 0x46, // 2
    0x21, 0x41, 0x45, 0x4B, 0x31, // 3
    0x18, 0x14, 0x12, 0x7F, 0x10, // 4
    0x27, 0x45, 0x45, 0x45, 0x39, // 5
    0x3C, 0x4A, 0x49, 0x49, 0x30, // 6
    0x01, 0x71, 0x09, 0x05, 0x03, // 7
    0x36, 0x49, 0x49, 0x49, 0x36, // 8
    0x06, 0x49, 0x49, 0x29, 0x1E, // 9
    0x00, 0x36, 0x36, 0x00, 0x00, // :
    0x00, 0x56, 0x36, 0x00, 0x00, // ;
    0x00, 0x08, 0x14, 0x22, 0x41, // <
    0x14, 0x14, 0x14, 0x14, 0x14, // =
    0x41, 0x22, 0x14, 0x08, 0x00, // >
    0x02, 0x01, 0x51, 0x09, 0x06, // ?
    0x32, 0x49, 0x79, 0x41, 0x3E, // @
    0x7E, 0x11, 0x11, 0x11, 0x7E, // A
    0x7F, 0x49, 0x49, 0x49, 0x36, // B
    0x3E, 0x41, 0x41, 0x41, 0x22, // C
    0x7F, 0x41, 0x41, 0x22, 0x1C, // D
    0x7F, 0x49, 0x49, 0x49, 0x41, // E
    0x7F, 0x09, 0x09, 0x01, 0x01, // F
    0x3E, 0x41, 0x41, 0x51, 0x32, // G
    0x7F, 0x08, 0x08, 0x08, 0x7F, // H
    0x00, 0x41, 0x7F, 0x41, 0x00, // I
    0x20, 0x40, 0x41, 0x3F, 0x01, // J
    0x7F, 0x08, 0x14, 0x22, 0x41, // K
    0x7F, 0x40, 0x40, 0x40, 0x40, // L
    0x7F, 0x02, 0x04, 0x02, 0x7F, // M
    0x7F, 0x04, 0x08, 0x10, 0x7F, // N
    0x3E, 0x41, 0x41, 0x41, 0x3E, // O
    0x7F, 0x09, 0x09, 0x09, 0x06, // P
    0x3E, 0x41, 0x51, 0x21, 0x5E, // Q
    0x7F, 0x09, 0x19, 0x29, 0x46, // R
    0x46, 0x49, 0x49, 0x49, 0x31, // S
    0x01, 0x01, 0x7F, 0x01, 0x01, // T
    0x3F, 0x40, 0x40, 0x40, 0x3F, // U
    0x1F, 0x20, 0x40, 0x20, 0x1F, // V
    0x7F, 0x20, 0x18, 0x20, 0x7F, // W
    0x63, 0x14, 0x08, 0x14, 0x63, // X
    0x03, 0x04, 0x78, 0x04, 0x03, // Y
    0x61, 0x51, 0x49, 0x45, 0x43, // Z
    0x00, 0x00, 0x7F, 0x41, 0x41, // [
    0x02, 0x04, 0x08, 0x10, 0x20, // backslash
    0x41, 0x41, 0x7F, 0x00, 0x00, // ]
    0x04, 0x02, 0x01, 0x02, 0x04, // ^
    0x40, 0x40, 0x40, 0x40, 0x40, // _
];

/// The five column bytes of `ch`; lower case maps to upper case and anything
/// outside the font to `?`.
pub fn glyph(ch: u8) -> &'static [u8] {
    let c = match ch {
        b'a'..=b'z' => ch - 32,
        FIRST..=LAST => ch,
        _ => b'?',
    };
    let start = usize::from(c - FIRST) * GLYPH_WIDTH;
    &GLYPHS[start..start + GLYPH_WIDTH]
}

/// The display byte for page `page` (0-based, each 8 pixel rows) of a glyph
/// column `column` magnified `scale` times vertically: output row `y` shows
/// source row `y / scale`. Horizontal magnification is repeating the column.
pub fn scaled_column(column: u8, scale: u8, page: u8) -> u8 {
    // Walks the output rows from the top to the end of `page`, shifting each
    // row's bit in at the top of a word: the rows of earlier pages fall out
    // at the bottom, the page's 8 rows end in the high byte (its first row
    // at bit 8). A 16-bit word because its bit 15 is cheap to set on the
    // MSP430 (a byte's bit 7 costs seven shifts); single-bit shifts only.
    // Scale 0 draws like scale 1.
    let scale = scale.max(1);
    let mut acc = 0u16;
    let mut src = column; // bit 0: the source row being repeated
    let mut rows = (u16::from(page) + 1) * 8;
    loop {
        // Each source row covers `scale` output rows.
        for _ in 0..scale {
            acc = shift_in(acc, src);
            rows -= 1;
            if rows == 0 {
                return (acc >> 8) as u8;
            }
        }
        src >>= 1;
    }
}

/// `acc` shifted right once with bit 0 of `src` coming in at bit 15.
/// On the MSP430 two instructions: `bit #1` sets the carry to that bit,
/// `rrc` rotates it in (LLVM made a mask of the bit and or-ed it in after
/// the shift, 16 bytes more in the display's text loop).
#[inline(always)]
fn shift_in(acc: u16, src: u8) -> u16 {
    #[cfg(target_arch = "msp430")]
    {
        let mut acc = acc;
        // SAFETY: register arithmetic only.
        unsafe {
            core::arch::asm!(
                "bit #1, {src}",
                "rrc {acc}",
                acc = inout(reg) acc,
                src = in(reg) src,
                options(pure, nomem, nostack),
            );
        }
        acc
    }
    #[cfg(not(target_arch = "msp430"))]
    {
        (acc >> 1) | (u16::from(src & 1) << 15)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_lookup() {
        assert_eq!(glyph(b'0'), &[0x3E, 0x51, 0x49, 0x45, 0x3E]);
        assert_eq!(glyph(b'a'), glyph(b'A'));
        assert_eq!(glyph(b'_'), &[0x40; 5]);
        assert_eq!(glyph(0x7f), glyph(b'?'));
        assert_eq!(glyph(b' '), &[0; 5]);
    }

    /// Every column byte, scale and page against the definition: output
    /// row y shows source row y / scale.
    #[test]
    fn scaling_matches_row_division() {
        for column in 0..=255u8 {
            for scale in 1..=4u8 {
                for page in 0..scale {
                    let mut want = 0u8;
                    for bit in 0..8u16 {
                        let src = (u16::from(page) * 8 + bit) / u16::from(scale);
                        if src < 8 && column & (1 << src) != 0 {
                            want |= 1 << bit;
                        }
                    }
                    assert_eq!(scaled_column(column, scale, page), want);
                }
            }
        }
    }

    #[test]
    fn scaling_doubles_rows() {
        // Rows 0 and 2 set -> at scale 2 output rows 0,1 and 4,5.
        assert_eq!(scaled_column(0b101, 2, 0), 0b0011_0011);
        assert_eq!(scaled_column(0b101, 2, 1), 0);
        // Row 6 at scale 2 -> rows 12,13 -> page 1 bits 4,5.
        assert_eq!(scaled_column(0x40, 2, 1), 0b0011_0000);
        // Scale 3: row 0 -> rows 0..3; row 3 -> rows 9..12 -> page 1 bits 1..4.
        assert_eq!(scaled_column(0x01, 3, 0), 0b0000_0111);
        assert_eq!(scaled_column(0x08, 3, 1), 0b0000_1110);
        assert_eq!(scaled_column(0x7f, 3, 2), 0b0001_1111);
        assert_eq!(scaled_column(0x7f, 1, 0), 0x7f);
        assert_eq!(scaled_column(0x7f, 1, 1), 0);
        // Scale 0 draws like scale 1 (no endless loop).
        assert_eq!(scaled_column(0x5a, 0, 0), 0x5a);
        assert_eq!(scaled_column(0x5a, 0, 1), 0);
    }
}
