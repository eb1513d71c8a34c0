//! `proiot3-sim`: runs a firmware image (ELF or Intel HEX) on the simulated
//! proiot3 board and prints its console output.
//!
//! ```text
//! proiot3-sim FIRMWARE [--time SECONDS] [--realtime] [--enc-model datasheet|mspsim]
//!             [--drift-ppm PPM] [--xt2 HZ] [--dco-scale F] [--screen]
//!             [--screenshot FILE.png] [--press N@SECONDS]... [--stats]
//!             [--seed N] [--mac aa:bb:cc:dd:ee:ff] [--stdin]
//! ```
//!
//! `--seed` turns on ACLK capture jitter (+-200 ns) with that seed, so the
//! firmware's entropy seed differs between boards; `--mac` programs the
//! information-memory MAC record; `--stdin` forwards standard input to the
//! console UART.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use proiot3_sim::board::Pacer;
use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::{loader, Board, BoardConfig, EncModel, Stop};

struct Args {
    firmware: String,
    seconds: f64,
    realtime: bool,
    config: BoardConfig,
    screen: bool,
    screenshot: Option<String>,
    presses: Vec<(u8, f64)>,
    stats: bool,
    stdin: bool,
}

fn usage() -> String {
    "usage: proiot3-sim FIRMWARE [--time SECONDS] [--realtime] \
     [--enc-model datasheet|mspsim] [--drift-ppm PPM] [--xt2 HZ] [--dco-scale F] \
     [--screen] [--screenshot FILE.png] [--press N@SECONDS]... [--stats] \
     [--seed N] [--mac aa:bb:cc:dd:ee:ff] [--stdin]"
        .into()
}

fn parse() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        firmware: String::new(),
        seconds: 5.0,
        realtime: false,
        config: BoardConfig::default(),
        screen: false,
        screenshot: None,
        presses: Vec::new(),
        stats: false,
        stdin: false,
    };
    let num = |v: Option<String>, what: &str| -> Result<f64, String> {
        v.ok_or(format!("{what} needs a value"))?
            .parse::<f64>()
            .map_err(|e| format!("{what}: {e}"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--time" => a.seconds = num(it.next(), "--time")?,
            "--realtime" => a.realtime = true,
            "--enc-model" => {
                a.config.enc_model = match it.next().as_deref() {
                    Some("datasheet") => EncModel::Datasheet,
                    Some("mspsim") => EncModel::Mspsim,
                    _ => return Err("--enc-model datasheet|mspsim".into()),
                }
            }
            "--drift-ppm" => a.config.drift_ppm = num(it.next(), "--drift-ppm")?,
            "--xt2" => a.config.xt2_hz = Some(num(it.next(), "--xt2")?),
            "--dco-scale" => a.config.dco_scale = num(it.next(), "--dco-scale")?,
            "--screen" => a.screen = true,
            "--screenshot" => a.screenshot = Some(it.next().ok_or("--screenshot FILE")?),
            "--press" => {
                let v = it.next().ok_or("--press N@SECONDS")?;
                let (n, t) = v.split_once('@').ok_or("--press N@SECONDS")?;
                let n: u8 = n.parse().map_err(|e| format!("--press: {e}"))?;
                let t: f64 = t.parse().map_err(|e| format!("--press: {e}"))?;
                a.presses.push((n & 7, t));
            }
            "--stats" => a.stats = true,
            "--stdin" => a.stdin = true,
            "--seed" => {
                let v = it.next().ok_or("--seed N")?;
                a.config.seed = v.parse().map_err(|e| format!("--seed: {e}"))?;
                a.config.capture_jitter_ps = 200_000;
            }
            "--mac" => {
                let v = it.next().ok_or("--mac aa:bb:cc:dd:ee:ff")?;
                let mut mac = [0u8; 6];
                let parts: Vec<&str> = v.split(':').collect();
                if parts.len() != 6 {
                    return Err("--mac aa:bb:cc:dd:ee:ff".into());
                }
                for (m, p) in mac.iter_mut().zip(parts) {
                    *m = u8::from_str_radix(p, 16).map_err(|e| format!("--mac: {e}"))?;
                }
                a.config.mac = Some(mac);
            }
            "-h" | "--help" => return Err(usage()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}\n{}", usage())),
            s => a.firmware = s.to_string(),
        }
    }
    if a.firmware.is_empty() {
        return Err(usage());
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let bytes = match std::fs::read(&args.firmware) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: {e}", args.firmware);
            return ExitCode::from(1);
        }
    };
    let image = match loader::parse_any(&bytes) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{}: {e:?}", args.firmware);
            return ExitCode::from(1);
        }
    };
    let mut board = Board::new(&image, args.config);
    // Button events as (time ps, button, pressed): pressed for 50 ms.
    let mut events: Vec<(u64, u8, bool)> = Vec::new();
    for &(n, t) in &args.presses {
        let at = (t * PS_PER_S as f64) as u64;
        events.push((at, n, true));
        events.push((at + PS_PER_S / 20, n, false));
    }
    events.sort();
    let end = (args.seconds * PS_PER_S as f64) as u64;
    let slice = PS_PER_S / 100; // 10 ms of simulated time per round
    let wall = Instant::now();
    let pacer = args.realtime.then(|| Pacer::new(board.now_ps(), 1.0));
    let input = args.stdin.then(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut buf = [0u8; 256];
            let mut stdin = std::io::stdin();
            while let Ok(n) = stdin.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        rx
    });
    let mut out = std::io::stdout();
    let mut code = ExitCode::SUCCESS;
    while board.now_ps() < end {
        let mut until = (board.now_ps() + slice).min(end);
        if let Some(&(at, _, _)) = events.first() {
            until = until.min(at.max(board.now_ps() + 1));
        }
        if let Some(rx) = &input {
            while let Ok(bytes) = rx.try_recv() {
                board.console_input(&bytes);
            }
        }
        let stop = board.run_until(until);
        while let Some(&(at, n, pressed)) = events.first() {
            if at > board.now_ps() {
                break;
            }
            board.set_button(n, pressed);
            events.remove(0);
        }
        let _ = out.write_all(&board.take_console());
        let _ = out.flush();
        if let Stop::Illegal { pc, opcode } = stop {
            eprintln!(
                "\nproiot3-sim: illegal instruction {opcode:#06x} at {pc:#06x} after {:.6} s",
                board.now_ps() as f64 / PS_PER_S as f64
            );
            code = ExitCode::from(3);
            break;
        }
        if let Some(p) = &pacer {
            p.wait(board.now_ps());
        }
    }
    let _ = out.write_all(&board.take_console());
    if args.screen {
        println!("\n{}", board.display().render_text());
    }
    if let Some(path) = &args.screenshot {
        if let Err(e) = std::fs::write(path, board.display().to_png(4)) {
            eprintln!("{path}: {e}");
            code = ExitCode::from(1);
        }
    }
    if args.stats {
        let s = board.stats();
        let d = board.devices();
        eprintln!(
            "simulated {:.6} s in {:.3} s wall; cycles awake {} asleep {}; instructions {}; \
             interrupts {}; resets {:?}; SPI {:?}",
            board.now_ps() as f64 / PS_PER_S as f64,
            wall.elapsed().as_secs_f64(),
            s.cycles_awake,
            s.cycles_asleep,
            s.instructions,
            s.interrupts,
            d.resets,
            d.enc.stats()
        );
        eprintln!("lowest stack pointer {:#06x}", board.cpu.stack_low());
        for n in &d.notes {
            eprintln!("note: {n}");
        }
        for v in d.enc.violations().iter().take(20) {
            eprintln!("enc28j60 violation: {v}");
        }
        if board.chip.diagnostic_count() > 0 {
            eprintln!("memory diagnostics: {}", board.chip.diagnostic_count());
            for dg in board.chip.diagnostics().iter().take(20) {
                eprintln!("  {dg:?}");
            }
        }
    }
    code
}
