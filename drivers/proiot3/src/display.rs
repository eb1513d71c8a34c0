//! SSD1306 128x64 monochrome OLED driver writing straight into display RAM,
//! page by page (a page is 8 pixel rows; byte bit 0 is the top row), with no
//! frame buffer. Text uses [`crate::font`], optionally magnified.
//!
//! Commands and the init sequence follow the SSD1306 datasheet (rev 1.1,
//! section 9 command table and section 8.7/application note power-up order).

use crate::font::{glyph, scaled_column, ADVANCE};

/// Display width in pixels (columns).
pub const WIDTH: u8 = 128;
/// Number of 8-row pages.
pub const PAGES: u8 = 8;

/// How bytes reach the controller: a command or a display RAM data byte.
pub trait DisplayBus {
    /// Sends a command byte (D/C low).
    fn command(&mut self, byte: u8);
    /// Sends a display RAM byte (D/C high).
    fn data(&mut self, byte: u8);

    /// Sends `byte` `n` times as display RAM data: a bus whose byte stays
    /// on its lines can strobe it again (the board's does).
    fn data_repeat(&mut self, n: u16, byte: u8) {
        for _ in 0..n {
            self.data(byte);
        }
    }
}

/// Power-up configuration for a 128x64 panel with the internal charge pump:
/// first a guard (below), then display off, clock, multiplex 64, offset 0, start line 0, charge pump on,
/// horizontal addressing, segment remap and COM scan reversed (column 0 at
/// the left, page 0 at the top), COM pins alternative, contrast, pre-charge,
/// VCOMH, resume from RAM, normal (not inverted) display; then the whole
/// screen as the window (columns 0-127, pages 0-7: [`Ssd1306::set_window`]'s
/// commands, six table bytes instead of a call) for clearing it.
///
/// The guard: the board has no SSD1306 reset line, and the display's bus
/// pins float from the MCU's reset until `Board::init` drives them (the
/// clock calibration and the entropy sampling come first, over 8 ms), so
/// the display may have latched garbage, possibly the start of a command
/// with arguments, which would take the first bytes below as its
/// arguments. Six NOPs (E3h) complete any command first: the longest,
/// the continuous horizontal scroll set-up 26h/27h, takes six bytes
/// after its opcode (SSD1306 datasheet rev 1.1, section 9, table 9-1:
/// NOP E3h; 26h/27h bytes A-F; 29h/2Ah take five, 21h/22h/A3h two); a
/// NOP taken as an argument only ends that command, the rest are NOPs.
/// Then the state garbage could set that the sequence below does not set
/// again: 2Eh stops a scroll (the RAM is rewritten after it, as section
/// 10.1.13 asks of 2Eh; the scroll area A3h matters only while
/// scrolling), and D6h 00h / 23h 00h turn zoom and fade/blink off: the
/// later SSD1306 documents' one-argument commands (zoom in, fade out or
/// blink), which a NOP taken as their argument would turn on (E3h: fade
/// out, zoom in).
const INIT: [u8; 41] = [
    0xE3, 0xE3, 0xE3, 0xE3, 0xE3, 0xE3, 0x2E, 0xD6, 0x00, 0x23, 0x00, 0xAE, 0xD5, 0x80, 0xA8, 0x3F,
    0xD3, 0x00, 0x40, 0x8D, 0x14, 0x20, 0x00, 0xA1, 0xC8, 0xDA, 0x12, 0x81, 0xCF, 0xD9, 0xF1, 0xDB,
    0x40, 0xA4, 0xA6, 0x21, 0x00, 0x7F, 0x22, 0x00, 0x07,
];

/// Display on: the last command of the power-up order, after clearing.
const DISPLAY_ON: u8 = 0xAF;

/// An SSD1306 on bus `B`.
pub struct Ssd1306<B: DisplayBus> {
    bus: B,
}

impl<B: DisplayBus> Ssd1306<B> {
    /// Wraps the bus; call [`Ssd1306::init`] before drawing.
    pub fn new(bus: B) -> Self {
        Ssd1306 { bus }
    }

    /// The bus back.
    pub fn release(self) -> B {
        self.bus
    }

    /// Sends the power-up sequence (ending with the whole screen as the
    /// window), clears display RAM and turns the display on.
    pub fn init(&mut self) {
        for &c in &INIT {
            self.bus.command(c);
        }
        // The whole display RAM, the window the sequence ends with.
        self.repeat(u16::from(PAGES) * u16::from(WIDTH), 0);
        self.bus.command(DISPLAY_ON);
    }

    /// Limits writes to columns `col0..=col1` of pages `page0..=page1`
    /// (horizontal addressing: data fills a page's columns, then the next page).
    pub fn set_window(&mut self, col0: u8, col1: u8, page0: u8, page1: u8) {
        // Column address, then page address (SSD1306 commands 0x21, 0x22).
        // Six calls: smaller on the MSP430 than a loop over a stack array.
        self.bus.command(0x21);
        self.bus.command(col0);
        self.bus.command(col1);
        self.bus.command(0x22);
        self.bus.command(page0);
        self.bus.command(page1);
    }

    /// Fills pages `page0..=page1` (all columns) with `pattern`.
    pub fn fill_pages(&mut self, page0: u8, page1: u8, pattern: u8) {
        if page0 > page1 || page1 >= PAGES {
            return;
        }
        self.set_window(0, WIDTH - 1, page0, page1);
        self.repeat(u16::from(page1 - page0 + 1) * u16::from(WIDTH), pattern);
    }

    /// Clears the whole display.
    pub fn clear(&mut self) {
        self.fill_pages(0, PAGES - 1, 0);
    }

    /// Inverts (`true`) or restores the whole display.
    pub fn invert(&mut self, on: bool) {
        self.bus.command(if on { 0xA7 } else { 0xA6 });
    }

    /// Sets the contrast (0..=255).
    pub fn contrast(&mut self, level: u8) {
        self.bus.command(0x81);
        self.bus.command(level);
    }

    /// Draws `text` with its top-left corner at column `col` of page `page`,
    /// magnified `scale` times (1..=4; scale n uses n pages, 6n columns per
    /// character). Characters that do not fit before column 127 or below
    /// page 7 are dropped. Returns the column after the last character.
    pub fn text(&mut self, page: u8, col: u8, text: &[u8], scale: u8) -> u8 {
        let scale = scale.clamp(1, 4);
        // `page + scale > PAGES` without the addition (scale is at most 4).
        if page > PAGES - scale || col >= WIDTH {
            return col;
        }
        let advance = ADVANCE as u8 * scale;
        // The characters that fit, counted by addition: a division and two
        // multiplies are helper calls on the MSP430.
        let mut end = col;
        let mut count = 0;
        while count < text.len() && WIDTH - end >= advance {
            end += advance;
            count += 1;
        }
        if count == 0 {
            return col;
        }
        self.set_window(col, end - 1, page, page + scale - 1);
        for row in 0..scale {
            for &ch in &text[..count] {
                let g = glyph(ch);
                // The glyph's columns, then the blank gap column(s); an
                // index loop, smaller than a chained iterator.
                for i in 0..ADVANCE {
                    let column = g.get(i).copied().unwrap_or(0);
                    let byte = scaled_column(column, scale, row);
                    self.repeat(u16::from(scale), byte);
                }
            }
        }
        end
    }

    /// Clears columns `col0..=col1` of pages `page0..=page1` (e.g. the rest
    /// of a text line).
    pub fn clear_area(&mut self, col0: u8, col1: u8, page0: u8, page1: u8) {
        if col0 > col1 || col1 >= WIDTH || page0 > page1 || page1 >= PAGES {
            return;
        }
        self.set_window(col0, col1, page0, page1);
        self.repeat(u16::from(col1 - col0 + 1) * u16::from(page1 - page0 + 1), 0);
    }

    /// Sends `byte` `n` times as display RAM data: the fill of
    /// [`Ssd1306::init`], [`Ssd1306::fill_pages`] and
    /// [`Ssd1306::clear_area`].
    fn repeat(&mut self, n: u16, byte: u8) {
        self.bus.data_repeat(n, byte);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    #[derive(Default)]
    struct Recorder {
        log: Vec<(bool, u8)>,
    }

    impl DisplayBus for Recorder {
        fn command(&mut self, byte: u8) {
            self.log.push((false, byte));
        }
        fn data(&mut self, byte: u8) {
            self.log.push((true, byte));
        }
    }

    #[test]
    fn init_clears_then_turns_on() {
        let mut d = Ssd1306::new(Recorder::default());
        d.init();
        let log = d.release().log;
        assert_eq!(log[11], (false, 0xAE));
        assert_eq!(log.iter().filter(|(data, _)| *data).count(), 1024);
        assert!(log.iter().filter(|(data, _)| *data).all(|&(_, b)| b == 0));
        assert_eq!(*log.last().unwrap(), (false, 0xAF));
        // Charge pump enabled and horizontal addressing selected.
        let cmds: Vec<u8> = log.iter().filter(|(d, _)| !*d).map(|&(_, b)| b).collect();
        assert!(cmds.windows(2).any(|w| w == [0x8D, 0x14]));
        assert!(cmds.windows(2).any(|w| w == [0x20, 0x00]));
        // The zeros go to the whole screen: columns 0-127, pages 0-7 just
        // before the first data byte.
        let first_data = log.iter().position(|(data, _)| *data).unwrap();
        let window: Vec<(bool, u8)> = [0x21, 0, 127, 0x22, 0, 7]
            .iter()
            .map(|&b| (false, b))
            .collect();
        assert_eq!(log[first_data - 6..first_data], window[..]);
    }

    /// Argument bytes after each SSD1306 opcode (datasheet rev 1.1,
    /// table 9-1; the charge pump's 8Dh from its application note).
    fn arguments(opcode: u8) -> usize {
        match opcode {
            0x81 | 0x8D | 0x20 | 0xA8 | 0xD3 | 0xD5 | 0xD9 | 0xDA | 0xDB | 0x23 | 0xD6 => 1,
            0x21 | 0x22 | 0xA3 => 2,
            0x29 | 0x2A => 5,
            0x26 | 0x27 => 6,
            _ => 0,
        }
    }

    /// The opcodes the display parses in `cmds`, `pending` argument bytes
    /// of an earlier command still to come when it starts.
    fn opcodes_after(mut pending: usize, cmds: &[u8]) -> Vec<u8> {
        let mut opcodes = Vec::new();
        for &b in cmds {
            if pending > 0 {
                pending -= 1;
            } else {
                opcodes.push(b);
                pending = arguments(b);
            }
        }
        opcodes
    }

    /// Whatever command the display was part way through when the bus
    /// settled (a parser's whole state: 0 to 6 argument bytes still to
    /// come), the scroll stop (2Eh) and the rest of the init sequence from
    /// its display-off (AEh) arrive as commands.
    #[test]
    fn init_completes_a_half_received_command_first() {
        let mut d = Ssd1306::new(Recorder::default());
        d.init();
        let cmds: Vec<u8> = d
            .release()
            .log
            .iter()
            .filter(|(data, _)| !*data)
            .map(|&(_, b)| b)
            .collect();
        let longest = (0..=255u8).map(arguments).max().unwrap();
        assert_eq!(longest, 6);
        let off = cmds.iter().position(|&b| b == 0xAE).unwrap();
        let sequence = opcodes_after(0, &cmds[off..]);
        for pending in 0..=longest {
            let opcodes = opcodes_after(pending, &cmds);
            let from = opcodes.len() - sequence.len();
            assert_eq!(opcodes[from..], sequence[..], "{pending} bytes pending");
            // Before it NOPs, then the scroll stop, zoom off and fade
            // off, each run as a command.
            let (nops, resets) = opcodes[..from].split_at(from - 3);
            assert_eq!(resets, [0x2E, 0xD6, 0x23], "{pending} bytes pending");
            assert!(nops.iter().all(|&b| b == 0xE3));
        }
    }

    #[test]
    fn text_sets_window_and_streams_columns() {
        let mut d = Ssd1306::new(Recorder::default());
        let end = d.text(2, 10, b"0", 1);
        assert_eq!(end, 16);
        let log = d.release().log;
        let expect_cmds = [0x21, 10, 15, 0x22, 2, 2];
        let cmds: Vec<u8> = log.iter().take(6).map(|&(_, b)| b).collect();
        assert_eq!(cmds, expect_cmds);
        let data: Vec<u8> = log[6..].iter().map(|&(_, b)| b).collect();
        assert_eq!(data, [0x3E, 0x51, 0x49, 0x45, 0x3E, 0x00]);
    }

    #[test]
    fn scaled_text_spans_pages_and_clips() {
        let mut d = Ssd1306::new(Recorder::default());
        // 12 columns per char at scale 2: 10 chars fit from column 8.
        let end = d.text(0, 8, b"12:34:56789XYZ", 2);
        assert_eq!(end, 128);
        let log = d.release().log;
        let cmds: Vec<u8> = log.iter().take(6).map(|&(_, b)| b).collect();
        assert_eq!(cmds, [0x21, 8, 127, 0x22, 0, 1]);
        assert_eq!(log.len() - 6, 2 * 120);
        // Page 0, first glyph column of '1' (0x00) doubled, then 0x42 doubled:
        // rows 1 and 6 -> page 0 rows 2,3 and page 1 rows 12,13.
        assert_eq!(log[6 + 2].1, 0b0000_1100);
        assert_eq!(log[6 + 120 + 2].1, 0b0011_0000);
    }

    #[test]
    fn off_screen_text_is_dropped() {
        let mut d = Ssd1306::new(Recorder::default());
        assert_eq!(d.text(7, 0, b"AB", 2), 0);
        assert_eq!(d.text(0, 125, b"AB", 1), 125);
        assert!(d.release().log.is_empty());
    }
}
