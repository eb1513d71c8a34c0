//! The whole board, initialised: what an application receives.

use crate::display::Ssd1306;
use crate::io::ParallelBus;
use crate::spi::Spi;
use crate::uart::Uart;

/// Every device on the board, ready to use.
pub struct Board {
    /// USART0 console.
    pub console: Uart,
    /// The SSD1306 display, initialised and cleared.
    pub display: Ssd1306<ParallelBus>,
    /// The ENC28J60 SPI bus with its chip select.
    pub spi: Spi,
    /// MAC address (information memory or the default).
    pub mac: [u8; 6],
    /// Seed from clock jitter (see [`crate::entropy`]).
    pub seed: u32,
    /// Whether the DCO locked to [`crate::clock::MCLK_HZ`].
    pub clock_locked: bool,
}

impl Board {
    /// Initialises everything ([`crate::init`], console, display, SPI,
    /// entropy, MAC). Call once, first thing in `main`.
    pub fn init() -> Board {
        // `crate::init` then `entropy::seed(256)`, with the calibration's
        // Timer_B capture kept running for the seed.
        let clock_locked = crate::init_capturing();
        let seed = crate::entropy::mix(256);
        let console = Uart::new();
        let mut display = Ssd1306::new(ParallelBus::new());
        display.init();
        Board {
            console,
            display,
            spi: Spi::new(),
            mac: crate::config::mac_address(),
            seed,
            clock_locked,
        }
    }
}
