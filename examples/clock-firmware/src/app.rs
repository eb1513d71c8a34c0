//! The application. For now: board bring-up — banner, display test, helper
//! self-test, then a loop that shows the uptime, blinks an LED and sleeps.
//! The network clock replaces this module's `run`.

use embedded_hal::spi::{Operation, SpiDevice};
use proiot3::display::WIDTH;
use proiot3::text::{BufSink, TextSink};
use proiot3::{io, time, watchdog, Board};

/// Runs forever with the initialised board.
pub fn run(mut board: Board) -> ! {
    let con = &mut board.console;
    con.newline();
    con.write_str("proiot3 clock firmware ");
    con.write_str(env!("CARGO_PKG_VERSION"));
    con.newline();
    con.write_str("mac ");
    con.write_mac(&board.mac);
    con.write_str(" dco ");
    con.write_str(if board.clock_locked {
        "locked"
    } else {
        "UNLOCKED"
    });
    con.write_str(" seed ");
    con.write_hex((board.seed >> 32) as u32, 8);
    con.write_hex(board.seed as u32, 8);
    con.newline();

    // ENC28J60 bring-up: EREVID (bank 3, 0x12) through the SpiDevice API.
    // BFS/BFC on ECON1 (0x1F) select bank 3 and back (datasheet 4.2).
    let mut rev = [0u8; 1];
    let _ = board
        .spi
        .transaction(&mut [Operation::Write(&[0x9F, 0x03])]);
    let _ = board
        .spi
        .transaction(&mut [Operation::Write(&[0x12]), Operation::Read(&mut rev)]);
    let _ = board
        .spi
        .transaction(&mut [Operation::Write(&[0xBF, 0x03])]);
    con.write_str("enc28j60 erevid ");
    con.write_hex(u32::from(rev[0]), 2);
    con.newline();

    let d = &mut board.display;
    d.text(0, 0, b"PROIOT3 CLOCK", 1);

    #[cfg(feature = "selftest")]
    {
        let failures = crate::selftest::abi_selftest();
        con.write_str("abi selftest: ");
        if failures == 0 {
            con.write_str("ok");
        } else {
            con.write_u32(u32::from(failures));
            con.write_str(" FAILED");
        }
        con.newline();
        let msg: &[u8] = if failures == 0 {
            b"ABI OK"
        } else {
            b"ABI FAIL"
        };
        d.text(7, 0, msg, 1);
    }

    watchdog::start();
    let mut last = u32::MAX;
    loop {
        let secs = time::seconds();
        if secs != last {
            last = secs;
            let mut buf = [0u8; 8];
            let mut line = BufSink::new(&mut buf);
            line.write_u32_padded(secs / 3600 % 100, 2, b'0');
            line.put(b':');
            line.write_u32_padded(secs / 60 % 60, 2, b'0');
            line.put(b':');
            line.write_u32_padded(secs % 60, 2, b'0');
            let end = board.display.text(3, 16, line.as_bytes(), 2);
            board.display.clear_area(end, WIDTH - 1, 3, 4);
            io::toggle_leds(0x04);
            let events = io::take_button_events();
            if events != 0 {
                board.console.write_str("buttons ");
                board.console.write_hex(u32::from(events), 2);
                board.console.newline();
            }
        }
        time::sleep_ms(250);
    }
}
