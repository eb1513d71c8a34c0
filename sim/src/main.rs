//! `proiot3-sim`: runs a firmware image (ELF or Intel HEX) on the simulated
//! proiot3 board, on a network, and prints its console output, the display
//! and a final report.
//!
//! ```text
//! proiot3-sim FIRMWARE [--seconds S] [--realtime] [--live] [--net none|virtual|tap:IF]
//!             [--pcap FILE] [--screenshot FILE.png] [--trace] [--trace-file FILE]
//!             [--button N@MS]... [--press N@SECONDS]... [--drift-ppm PPM]
//!             [--delay MS | --delay UP/DOWN] [--jitter MS] [--loss PERCENT]
//!             [--net-seed N] [--epoch now|UNIX_SECONDS] [--ntp-name NAME]...
//!             [--cname NAME] [--stratum N] [--kiss CODE] [--ra-interval S] [--ra-o]
//!             [--no-rdnss] [--router forward|no-forward] [--enc-model datasheet|mspsim] [--xt2 HZ] [--dco-scale F]
//!             [--screen] [--screen-every S] [--stats] [--report] [--frame-costs]
//!             [--flood DIR|FILE]... [--flood-rate N] [--flood-from S] [--flood-seed N]
//!             [--seed N] [--mac aa:bb:cc:dd:ee:ff] [--stdin]
//! ```
//!
//! `--seed` turns on ACLK capture jitter (+-200 ns) with that seed, so the
//! firmware's entropy seed differs between boards; `--mac` programs the
//! information-memory MAC record; `--stdin` forwards standard input to the
//! console UART. Ctrl-C ends the run (the report is still printed).

use std::collections::VecDeque;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::net::tap::Tap;
use proiot3_sim::net::NetConfig;
use proiot3_sim::session::{Network, Session};
use proiot3_sim::{loader, Board, BoardConfig, EncModel, Stop};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::Relaxed);
}

enum NetChoice {
    None,
    Virtual,
    Tap(String),
}

struct Args {
    firmware: String,
    seconds: Option<f64>,
    realtime: bool,
    live: bool,
    config: BoardConfig,
    net: NetChoice,
    net_config: NetConfig,
    ntp_names_given: bool,
    pcap: Option<String>,
    screen: bool,
    screen_every: f64,
    screenshot: Option<String>,
    presses: Vec<(u8, f64)>,
    stats: bool,
    report: bool,
    frame_costs: bool,
    flood: Vec<String>,
    flood_rate: f64,
    flood_from: f64,
    flood_seed: u64,
    stdin: bool,
    trace: Option<Option<String>>,
}

fn usage() -> String {
    "usage: proiot3-sim FIRMWARE [--seconds S] [--realtime] [--live] \
     [--net none|virtual|tap:IF] [--pcap FILE] [--screenshot FILE.png] [--trace] \
     [--trace-file FILE] [--button N@MS]... [--press N@SECONDS]... [--drift-ppm PPM] \
     [--delay MS|UP/DOWN] [--jitter MS] [--loss PERCENT] [--net-seed N] \
     [--epoch now|UNIX_SECONDS] [--ntp-name NAME]... [--cname NAME] [--stratum N] \
     [--kiss CODE] [--ra-interval S] [--ra-o] [--no-rdnss] \
     [--router forward|no-forward] [--enc-model datasheet|mspsim] [--xt2 HZ] [--dco-scale F] [--screen] \
     [--screen-every S] [--stats] [--report] [--frame-costs] [--flood DIR|FILE]... [--flood-rate N] \
     [--flood-from S] [--flood-seed N] [--seed N] \
     [--mac aa:bb:cc:dd:ee:ff] [--stdin]"
        .into()
}

fn ms_to_ps(ms: f64) -> u64 {
    (ms * 1e9).round().max(0.0) as u64
}

fn parse() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        firmware: String::new(),
        seconds: None,
        realtime: false,
        live: false,
        config: BoardConfig::default(),
        net: NetChoice::Virtual,
        net_config: NetConfig::default(),
        ntp_names_given: false,
        pcap: None,
        screen: false,
        screen_every: 1.0,
        screenshot: None,
        presses: Vec::new(),
        stats: false,
        report: false,
        frame_costs: false,
        flood: Vec::new(),
        flood_rate: 500.0,
        flood_from: 5.0,
        flood_seed: 1,
        stdin: false,
        trace: None,
    };
    fn value(v: Option<String>, what: &str) -> Result<String, String> {
        v.ok_or(format!("{what} needs a value"))
    }
    fn num(v: Option<String>, what: &str) -> Result<f64, String> {
        value(v, what)?
            .parse::<f64>()
            .map_err(|e| format!("{what}: {e}"))
    }
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--time" | "--seconds" => a.seconds = Some(num(it.next(), "--seconds")?),
            "--realtime" => a.realtime = true,
            "--live" => a.live = true,
            "--net" => {
                let v = value(it.next(), "--net")?;
                a.net = match v.as_str() {
                    "none" => NetChoice::None,
                    "virtual" => NetChoice::Virtual,
                    s if s.starts_with("tap:") && s.len() > 4 => NetChoice::Tap(s[4..].into()),
                    _ => return Err("--net none|virtual|tap:IFNAME".into()),
                }
            }
            "--pcap" => a.pcap = Some(value(it.next(), "--pcap")?),
            "--trace" => a.trace = Some(None),
            "--trace-file" => a.trace = Some(Some(value(it.next(), "--trace-file")?)),
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
            "--delay" => {
                let v = value(it.next(), "--delay")?;
                let (up, down) = v.split_once('/').unwrap_or((&v, &v));
                let p = |s: &str| s.parse::<f64>().map_err(|e| format!("--delay: {e}"));
                a.net_config.delay_to_hosts_ps = ms_to_ps(p(up)?);
                a.net_config.delay_to_board_ps = ms_to_ps(p(down)?);
            }
            "--jitter" => a.net_config.jitter_ps = ms_to_ps(num(it.next(), "--jitter")?),
            "--loss" => a.net_config.loss = (num(it.next(), "--loss")? / 100.0).clamp(0.0, 1.0),
            "--net-seed" => {
                a.net_config.seed = value(it.next(), "--net-seed")?
                    .parse()
                    .map_err(|e| format!("--net-seed: {e}"))?
            }
            "--epoch" => {
                let v = value(it.next(), "--epoch")?;
                if v == "now" {
                    let d = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_err(|e| e.to_string())?;
                    a.net_config.epoch_unix_s = d.as_secs();
                    a.net_config.epoch_subsec_ps = u64::from(d.subsec_nanos()) * 1000;
                } else {
                    a.net_config.epoch_unix_s = v.parse().map_err(|e| format!("--epoch: {e}"))?;
                }
            }
            "--ntp-name" => {
                if !a.ntp_names_given {
                    a.net_config.ntp_names.clear();
                    a.ntp_names_given = true;
                }
                a.net_config.ntp_names.push(value(it.next(), "--ntp-name")?);
            }
            "--cname" => a.net_config.cname = Some(value(it.next(), "--cname")?),
            "--stratum" => a.net_config.ntp_stratum = num(it.next(), "--stratum")? as u8,
            "--kiss" => {
                let v = value(it.next(), "--kiss")?;
                let mut code = [0u8; 4];
                for (c, b) in code.iter_mut().zip(v.bytes()) {
                    *c = b;
                }
                a.net_config.ntp_kiss = Some(code);
            }
            "--ra-interval" => {
                a.net_config.ra_interval_ps = ms_to_ps(num(it.next(), "--ra-interval")? * 1e3)
            }
            "--ra-o" => a.net_config.ra_flags |= 0x40,
            "--no-rdnss" => a.net_config.rdnss = false,
            "--router" => {
                a.net_config.router_forwards = match value(it.next(), "--router")?.as_str() {
                    "forward" => true,
                    "no-forward" => false,
                    v => return Err(format!("--router forward|no-forward, not {v}")),
                }
            }
            "--screen" => a.screen = true,
            "--screen-every" => a.screen_every = num(it.next(), "--screen-every")?,
            "--screenshot" => a.screenshot = Some(value(it.next(), "--screenshot")?),
            "--press" | "--button" => {
                let v = value(it.next(), "--button N@MS")?;
                let (n, t) = v.split_once('@').ok_or("--button N@MS")?;
                let n: u8 = n.parse().map_err(|e| format!("{arg}: {e}"))?;
                let t: f64 = t.parse().map_err(|e| format!("{arg}: {e}"))?;
                let secs = if arg == "--button" { t / 1000.0 } else { t };
                a.presses.push((n & 7, secs));
            }
            "--stats" => a.stats = true,
            "--report" => a.report = true,
            "--frame-costs" => a.frame_costs = true,
            "--flood" => a.flood.push(value(it.next(), "--flood DIR|FILE")?),
            "--flood-rate" => a.flood_rate = num(it.next(), "--flood-rate FRAMES_PER_S")?,
            "--flood-from" => a.flood_from = num(it.next(), "--flood-from SECONDS")?,
            "--flood-seed" => {
                let v = value(it.next(), "--flood-seed N")?;
                a.flood_seed = v.parse().map_err(|e| format!("--flood-seed: {e}"))?;
            }
            "--stdin" => a.stdin = true,
            "--seed" => {
                let v = value(it.next(), "--seed N")?;
                a.config.seed = v.parse().map_err(|e| format!("--seed: {e}"))?;
                a.config.capture_jitter_ps = 200_000;
            }
            "--mac" => {
                let v = value(it.next(), "--mac aa:bb:cc:dd:ee:ff")?;
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

/// The live terminal view: display, console tail, status line.
struct View {
    tty: bool,
    lines: VecDeque<String>,
    partial: String,
    last_draw: Option<Instant>,
    last_screen: String,
    last_screen_ps: u64,
}

const CONSOLE_LINES: usize = 12;

impl View {
    fn console(&mut self, bytes: &[u8]) {
        for &b in bytes {
            match b {
                b'\n' => {
                    let line = std::mem::take(&mut self.partial);
                    if self.lines.len() == CONSOLE_LINES {
                        self.lines.pop_front();
                    }
                    self.lines.push_back(line);
                }
                b'\r' => {}
                b => self.partial.push(if b.is_ascii() && !b.is_ascii_control() {
                    b as char
                } else {
                    '.'
                }),
            }
        }
    }

    fn framed(screen: &str) -> String {
        let mut s = String::new();
        s.push('┌');
        s.push_str(&"─".repeat(128));
        s.push_str("┐\n");
        for line in screen.lines() {
            s.push('│');
            s.push_str(line);
            s.push_str("│\n");
        }
        s.push('└');
        s.push_str(&"─".repeat(128));
        s.push_str("┘\n");
        s
    }

    fn draw(&mut self, session: &Session, force: bool, out: &mut impl Write) {
        if let Some(t) = self.last_draw {
            if !force && t.elapsed().as_millis() < 50 {
                return;
            }
        }
        self.last_draw = Some(Instant::now());
        let now = session.board.now_ps();
        let mut s = String::from("\x1b[H");
        let truth = match &session.net {
            Network::Virtual(v) => {
                let unix = v.config().true_unix_ps(now);
                let secs = (unix / 1_000_000_000_000) as u64;
                let (h, m, sec) = (secs / 3600 % 24, secs / 60 % 60, secs % 60);
                format!("  true time {h:02}:{m:02}:{sec:02} UTC")
            }
            _ => String::new(),
        };
        s.push_str(&format!(
            "proiot3-sim  t = {:.3} s{truth}  frames out {} in {}\x1b[K\n",
            now as f64 / PS_PER_S as f64,
            session.frames.out,
            session.frames.delivered
        ));
        s.push_str(&Self::framed(&session.board.display().render_text()));
        for i in 0..CONSOLE_LINES {
            let line = self.lines.get(i).map(String::as_str).unwrap_or("");
            s.push_str(&format!("{}\x1b[K\n", &line[..line.len().min(130)]));
        }
        s.push_str(&format!("{}\x1b[K\n", self.partial));
        let _ = out.write_all(s.as_bytes());
        let _ = out.flush();
    }

    /// Non-terminal output: the screen when it changed, at most every
    /// `every` simulated seconds.
    fn print_screen(&mut self, session: &Session, every: f64, force: bool, out: &mut impl Write) {
        let now = session.board.now_ps();
        let step = (every * PS_PER_S as f64) as u64;
        if !force && now < self.last_screen_ps + step {
            return;
        }
        let screen = session.board.display().render_text();
        if screen == self.last_screen && !force {
            return;
        }
        self.last_screen_ps = now;
        let _ = write!(
            out,
            "\n--- display at {:.3} s ---\n{}",
            now as f64 / PS_PER_S as f64,
            Self::framed(&screen)
        );
        self.last_screen = screen;
        let _ = out.flush();
    }
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
    let board = Board::new(&image, args.config);
    let net = match &args.net {
        NetChoice::None => Network::None,
        NetChoice::Virtual => Session::virtual_net(args.net_config.clone()),
        NetChoice::Tap(name) => {
            match Tap::open(name) {
                Ok(t) => Network::Tap(t),
                Err(e) => {
                    eprintln!("tap:{name}: {e} (needs CAP_NET_ADMIN or a persistent TAP owned by this user)");
                    return ExitCode::from(1);
                }
            }
        }
    };
    let mut session = Session::new(board, net);
    session.static_ram = loader::elf_static_ram(&bytes).ok();
    for &(n, t) in &args.presses {
        // Pressed for 50 ms.
        session.press(n, (t * PS_PER_S as f64) as u64, PS_PER_S / 20);
    }
    if let Some(path) = &args.pcap {
        if let Err(e) = session.capture(path) {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    }
    match &args.trace {
        Some(None) => session.trace_to(Box::new(std::io::BufWriter::new(std::io::stderr()))),
        Some(Some(path)) => match std::fs::File::create(path) {
            Ok(f) => session.trace_to(Box::new(std::io::BufWriter::new(f))),
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(1);
            }
        },
        None => {}
    }
    if args.realtime {
        session.pace(1.0);
    }
    if args.frame_costs {
        session.measure_frames();
    }
    // SAFETY: installs a handler that only stores to an atomic.
    unsafe {
        libc::signal(
            libc::SIGINT,
            on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t,
        );
    }
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
    let default_seconds = if args.live { f64::INFINITY } else { 5.0 };
    let seconds = args.seconds.unwrap_or(default_seconds);
    let end = if seconds.is_finite() {
        (seconds * PS_PER_S as f64) as u64
    } else {
        u64::MAX
    };
    if !args.flood.is_empty() {
        let mut pool = Vec::new();
        for p in &args.flood {
            match proiot3_sim::flood::Flood::read_frames(std::path::Path::new(p)) {
                Ok(f) => pool.extend(f),
                Err(e) => {
                    eprintln!("--flood {p}: {e}");
                    return ExitCode::from(1);
                }
            }
        }
        let mut flood = proiot3_sim::flood::Flood::new(pool, args.flood_seed);
        if let Some(mac) = args.config.mac {
            flood.readdress_to(mac);
        }
        let interval = (PS_PER_S as f64 / args.flood_rate.max(1e-3)) as u64;
        let start = (args.flood_from.max(0.0) * PS_PER_S as f64) as u64;
        eprintln!(
            "flood: {} frames in the pool, {} per second from {} s",
            flood.pool_len(),
            args.flood_rate,
            args.flood_from
        );
        session.flood(flood, start, interval, u64::MAX);
    }
    let mut out = std::io::stdout();
    let mut view = View {
        tty: args.live && out.is_terminal(),
        lines: VecDeque::new(),
        partial: String::new(),
        last_draw: None,
        last_screen: String::new(),
        last_screen_ps: 0,
    };
    if view.tty {
        let _ = out.write_all(b"\x1b[2J");
    }
    let wall = Instant::now();
    let round = PS_PER_S / 100; // 10 ms of simulated time per round
    let mut code = ExitCode::SUCCESS;
    while session.board.now_ps() < end && !INTERRUPTED.load(Ordering::Relaxed) {
        if let Some(rx) = &input {
            while let Ok(bytes) = rx.try_recv() {
                session.board.console_input(&bytes);
            }
        }
        let until = session.board.now_ps().saturating_add(round).min(end);
        let stop = session.run_until(until);
        let text = session.board.take_console();
        if view.tty {
            view.console(&text);
            view.draw(&session, false, &mut out);
        } else {
            let _ = out.write_all(&text);
            if args.live {
                view.print_screen(&session, args.screen_every, false, &mut out);
            }
            let _ = out.flush();
        }
        if let Stop::Illegal { pc, opcode } = stop {
            eprintln!(
                "\nproiot3-sim: illegal instruction {opcode:#06x} at {pc:#06x} after {:.6} s",
                session.board.now_ps() as f64 / PS_PER_S as f64
            );
            code = ExitCode::from(3);
            break;
        }
    }
    let text = session.board.take_console();
    if view.tty {
        view.console(&text);
        view.draw(&session, true, &mut out);
    } else {
        let _ = out.write_all(&text);
        if args.live {
            view.print_screen(&session, args.screen_every, true, &mut out);
        }
    }
    if args.screen && !args.live {
        println!("\n{}", session.board.display().render_text());
    }
    if let Some(path) = &args.screenshot {
        if let Err(e) = std::fs::write(path, session.board.display().to_png(4)) {
            eprintln!("{path}: {e}");
            code = ExitCode::from(1);
        }
    }
    match session.finish_capture() {
        Ok(n) if args.pcap.is_some() => {
            eprintln!("pcap: {n} frames in {}", args.pcap.as_deref().unwrap_or(""))
        }
        Ok(_) => {}
        Err(e) => {
            eprintln!("pcap: {e}");
            code = ExitCode::from(1);
        }
    }
    if args.stats || args.report || args.live {
        eprintln!(
            "\n--- report ({:.3} s wall{}) ---\n{}",
            wall.elapsed().as_secs_f64(),
            if INTERRUPTED.load(Ordering::Relaxed) {
                ", interrupted"
            } else {
                ""
            },
            session.report()
        );
    }
    if !args.flood.is_empty() {
        let d = session.board.devices();
        eprintln!(
            "flood: {} hostile frames delivered; resets {:?}; memory diagnostics {}",
            session.flood_sent(),
            d.resets,
            session.board.chip.diagnostic_count()
        );
    }
    if let Some(costs) = session.frame_costs.as_ref().filter(|_| args.frame_costs) {
        let s = session.report();
        eprintln!(
            "\n--- received frames, CPU cycles from arrival until idle (SPI: USART1 shifting) ---\n{}\
             simulator: {:.1} simulated MHz ({} cycles in {:.3} s wall)",
            proiot3_sim::perf::table(costs),
            s.cycles as f64 / wall.elapsed().as_secs_f64().max(1e-9) / 1e6,
            s.cycles,
            wall.elapsed().as_secs_f64()
        );
    }
    if args.stats {
        let d = session.board.devices();
        eprintln!("resets {:?}; SPI {:?}", d.resets, d.enc.stats());
        for n in &d.notes {
            eprintln!("note: {n}");
        }
        for v in d.enc.violations().iter().take(20) {
            eprintln!("enc28j60 violation: {v}");
        }
        if session.board.chip.diagnostic_count() > 0 {
            eprintln!(
                "memory diagnostics: {}",
                session.board.chip.diagnostic_count()
            );
            for dg in session.board.chip.diagnostics().iter().take(20) {
                eprintln!("  {dg:?}");
            }
        }
    }
    code
}
