//! End to end against real peers: the clock firmware on the simulated
//! board, bridged by `--net tap:IF` ([`Network::Tap`]) to a TAP in a fresh
//! network namespace where the kernel is the router and the servers are
//! Debian's daemons: radvd (prefix 2001:db8:1::/64 and RDNSS), dnsmasq
//! (AAAA for `pool.ntp.org`, the firmware's default NTP name) and chronyd
//! serving NTP from the host's CLOCK_REALTIME (`local stratum 8`, no
//! sources, `-x`: it never touches the clock). The run is paced to real
//! time.
//!
//! Asserted: the firmware logs `synced`; the kernel's `ping -6` of the
//! board's SLAAC address gets its replies; every new second drawn on the
//! display after the sync (read back from the GDDRAM) appears within
//! [`BOUND_MS`] of the host clock's second boundary, and the board's
//! clock at each NTP request after the sync (its transmit timestamp
//! against the moment the frame went to the kernel) is within the same
//! bound. 50 ms covers the pacing (the simulated board runs in 1 ms slices
//! ahead of the wall clock, a loaded host can make it lag) and the redraw
//! latency (about 10 ms after the boundary); the figures are printed.
//!
//! Needs root (network namespaces, /dev/net/tun), `ip`, radvd, dnsmasq,
//! chronyd, ping and the firmware ELF (`cargo xtask firmware`); skips with
//! a `SKIP` line otherwise. About 20 s of real time. `TAP_NETNS_PCAP=FILE`
//! keeps the capture. Modelled on
//! examples/host-runner/tests/clock_netns.rs and its tests/common/mod.rs.

mod common;

use std::fs;
use std::net::Ipv6Addr;
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::net::{packet, pcap, tap::Tap, NTP_UNIX_OFFSET};
use proiot3_sim::session::{Network, Session};
use proiot3_sim::{loader, Board, BoardConfig, Stop};

const TAP: &str = "tap0";
/// The kernel's addresses on the link: router, DNS (the RDNSS address),
/// NTP.
const ROUTER_ADDR: &str = "2001:db8:1::1";
const DNS_ADDR: &str = "2001:db8:1::53";
const NTP_ADDR: &str = "2001:db8:1::123";
/// The firmware's default MAC 02:00:00:00:00:42 and its SLAAC address.
const BOARD_GLOBAL: &str = "2001:db8:1::ff:fe00:42";
/// radvd: frequent RAs, one autonomous on-link prefix, one RDNSS.
const RADVD_CONF: &str = "interface tap0 {
    AdvSendAdvert on;
    MinRtrAdvInterval 3;
    MaxRtrAdvInterval 10;
    prefix 2001:db8:1::/64 { AdvOnLink on; AdvAutonomous on; };
    RDNSS 2001:db8:1::53 { };
};
";
/// Bound on the display's and the NTP requests' clock error, ms.
const BOUND_MS: f64 = 50.0;
/// Longest wait for the first sync (real seconds).
const SYNC_LIMIT_S: u64 = 15;

/// A network namespace with the daemons started in it; dropping it stops
/// them (by pid, with any child radvd forked) and deletes the namespace.
struct Netns {
    name: String,
    dir: PathBuf,
    children: Vec<(String, Child)>,
}

impl Netns {
    /// The namespace (`psim-<pid>-<tag>`), or `None` after printing why
    /// the test cannot run.
    fn create(tag: &str) -> Option<Netns> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            println!("SKIP tap_netns: not root (network namespaces and TAP need root)");
            return None;
        }
        let name = format!("psim-{}-{tag}", std::process::id());
        let _ = Command::new("ip").args(["netns", "del", &name]).output();
        match Command::new("ip").args(["netns", "add", &name]).output() {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                let e = String::from_utf8_lossy(&o.stderr);
                println!("SKIP tap_netns: `ip netns add` failed: {}", e.trim());
                return None;
            }
            Err(e) => {
                println!("SKIP tap_netns: cannot run `ip netns add`: {e}");
                return None;
            }
        }
        let dir = std::env::temp_dir().join(&name);
        fs::create_dir_all(&dir).expect("temp dir");
        let ns = Netns {
            name,
            dir,
            children: Vec::new(),
        };
        ns.run(&["ip", "link", "set", "lo", "up"]);
        Some(ns)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.name]).args(args);
        c.stdin(Stdio::null());
        c
    }

    /// Runs a command in the namespace that must succeed; its stdout.
    fn run(&self, args: &[&str]) -> String {
        let o: Output = self
            .command(args)
            .output()
            .unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert!(
            o.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Starts a daemon in the namespace (output to `<name>.log`).
    fn daemon(&mut self, name: &str, args: &[&str]) {
        let log = fs::File::create(self.dir.join(format!("{name}.log"))).unwrap();
        let child = self
            .command(args)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {name}: {e}"));
        self.children.push((name.into(), child));
    }

    /// Opens the TAP from a thread that entered the namespace, so that
    /// the interface is created (and brought up) there.
    fn open_tap(&self) -> std::io::Result<Tap> {
        let path = format!("/run/netns/{}", self.name);
        std::thread::spawn(move || {
            let file = fs::File::open(&path)?;
            // SAFETY: setns on a valid namespace descriptor; it changes
            // this short-lived thread's network namespace only.
            if unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) } != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Tap::open(TAP)
        })
        .join()
        .expect("thread in namespace")
    }

    /// The kernel's link-local address on the TAP, once DAD is over.
    fn wait_kernel_link_local(&self) {
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            let out = self.run(&[
                "ip", "-6", "-o", "addr", "show", "dev", TAP, "scope", "link",
            ]);
            if out.contains("inet6") && !out.contains("tentative") {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("kernel link-local address on {TAP} still tentative");
    }

    /// The logs of the daemons, for a failure report.
    fn logs(&self) -> String {
        let mut s = String::new();
        for (name, _) in &self.children {
            let text = fs::read_to_string(self.dir.join(format!("{name}.log"))).unwrap_or_default();
            s += &format!("--- {name} ---\n{text}\n");
        }
        s
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        if std::thread::panicking() {
            println!("{}", self.logs());
        }
        for (_, child) in self.children.iter_mut().rev() {
            let pid = child.id() as libc::pid_t;
            // radvd forks a helper: stop it by its own pid too.
            let helpers: Vec<libc::pid_t> =
                fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter_map(|p| p.parse().ok())
                    .collect();
            let _ = child.kill();
            let _ = child.wait();
            for h in helpers {
                // SAFETY: kill on the pid of a process our daemon started.
                unsafe { libc::kill(h, libc::SIGKILL) };
            }
        }
        let _ = Command::new("ip")
            .args(["netns", "del", &self.name])
            .output();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn installed(program: &str) -> bool {
    ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        .iter()
        .any(|p| fs::metadata(format!("{p}/{program}")).is_ok())
}

fn unix_us(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH).unwrap().as_micros() as i64
}

/// `us` (Unix microseconds) minus the time of day `shown` (seconds) on
/// the same day, in -12 h..12 h, ms.
fn time_of_day_error_ms(us: i64, shown: u32) -> f64 {
    let day = 86_400_000_000i64;
    let mut d = us.rem_euclid(day) - i64::from(shown) * 1_000_000;
    if d > day / 2 {
        d -= day;
    } else if d < -day / 2 {
        d += day;
    }
    d as f64 / 1000.0
}

/// NTP requests the board sent in the capture: (capture time in Unix
/// microseconds, transmit timestamp in Unix microseconds).
fn ntp_requests(frames: &[(u64, Vec<u8>)]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    for (us, f) in frames {
        let Some(p) = packet::parse_ipv6(f) else {
            continue;
        };
        let Some(u) = packet::parse_udp(&p) else {
            continue;
        };
        if u.dst_port != 123 || u.payload.len() < 48 || u.payload[0] & 7 != 3 {
            continue;
        }
        let t = u64::from_be_bytes(u.payload[40..48].try_into().unwrap());
        let secs = (t >> 32) as i64 - NTP_UNIX_OFFSET as i64;
        let frac_us = ((t & 0xFFFF_FFFF) * 1_000_000) >> 32;
        out.push((*us as i64, secs * 1_000_000 + frac_us as i64));
    }
    out
}

/// The tests run one at a time: each paces the simulated board to real
/// time, and its timing bounds assume the machine is not shared.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The firmware ELF, the tools, a namespace tagged `tag` with its TAP,
/// the kernel as router owning the router, DNS and `ntp_addrs`
/// addresses, radvd, dnsmasq answering `pool.ntp.org` with one AAAA
/// record per address of `ntp_addrs`, and chronyd serving NTP on them;
/// `None` after printing why the test cannot run.
fn start_network(tag: &str, ntp_addrs: &[&str]) -> Option<(Vec<u8>, Netns, Tap)> {
    let Some(elf) = common::firmware() else {
        println!(
            "SKIP tap_netns: no clock-firmware ELF (cargo xtask firmware, or PROIOT3_FIRMWARE)"
        );
        return None;
    };
    for p in ["ip", "radvd", "dnsmasq", "chronyd", "ping"] {
        if !installed(p) {
            println!("SKIP tap_netns: {p} not installed (apt-get install iproute2 radvd dnsmasq-base chrony iputils-ping)");
            return None;
        }
    }
    let mut ns = Netns::create(tag)?;
    let tap = match ns.open_tap() {
        Ok(t) => t,
        Err(e) => {
            println!("SKIP tap_netns: cannot open a TAP in the namespace: {e}");
            return None;
        }
    };

    // The kernel: a router (radvd needs forwarding) owning the router,
    // DNS and NTP addresses (no DAD: usable at once).
    ns.run(&["sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"]);
    for a in [ROUTER_ADDR, DNS_ADDR].iter().chain(ntp_addrs) {
        ns.run(&[
            "ip",
            "-6",
            "addr",
            "add",
            &format!("{a}/64"),
            "dev",
            TAP,
            "nodad",
        ]);
    }
    ns.wait_kernel_link_local();
    let d = ns.dir.clone();
    let radvd_conf = d.join("radvd.conf");
    fs::write(&radvd_conf, RADVD_CONF).unwrap();
    let radvd_pid = d.join("radvd.pid");
    ns.daemon(
        "radvd",
        &[
            "radvd",
            "-C",
            radvd_conf.to_str().unwrap(),
            "-p",
            radvd_pid.to_str().unwrap(),
            "-m",
            "stderr",
            "-n",
        ],
    );
    let dnsmasq_pid = format!("--pid-file={}", d.join("dnsmasq.pid").display());
    let records: Vec<String> = ntp_addrs
        .iter()
        .map(|a| format!("--host-record=pool.ntp.org,{a}"))
        .collect();
    let mut args = vec![
        "dnsmasq",
        "--no-daemon",
        "--interface=tap0",
        "--bind-interfaces",
    ];
    let listen = format!("--listen-address={DNS_ADDR}");
    args.extend([listen.as_str(), "--no-resolv", "--no-hosts"]);
    args.extend(records.iter().map(String::as_str));
    args.extend([dnsmasq_pid.as_str(), "--log-queries"]);
    ns.daemon("dnsmasq", &args);
    // One NTP address: bound to it; several: every address (chronyd
    // answers from the address asked).
    let bind = match ntp_addrs {
        [one] => format!("bindaddress {one}\n"),
        _ => String::new(),
    };
    let chrony_conf = d.join("chrony.conf");
    fs::write(
        &chrony_conf,
        format!(
            "local stratum 8\nallow all\n{bind}port 123\ncmdport 0\n\
             pidfile {0}/chronyd.pid\ndriftfile {0}/chrony.drift\n",
            d.display()
        ),
    )
    .unwrap();
    ns.daemon(
        "chronyd",
        &["chronyd", "-x", "-d", "-f", chrony_conf.to_str().unwrap()],
    );
    Some((elf, ns, tap))
}

#[test]
fn clock_firmware_syncs_with_radvd_dnsmasq_chrony_over_a_tap() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let Some((elf, ns, tap)) = start_network("one", &[NTP_ADDR]) else {
        return;
    };
    let d = ns.dir.clone();

    // The board, paced to real time from here.
    let image = loader::parse_any(&elf).expect("firmware image");
    let board = Board::new(&image, BoardConfig::default());
    let start_us = unix_us(SystemTime::now());
    let mut s = Session::new(board, Network::Tap(tap));
    s.static_ram = loader::elf_static_ram(&elf).ok();
    let pcap_path = d.join("board.pcap");
    s.capture(pcap_path.to_str().unwrap()).unwrap();
    let mut console = Vec::new();
    // Wall clock minus (start + simulated time): how far the simulation
    // lags the wall clock (it never runs ahead by more than a slice).
    let mut max_lag_ms = 0f64;
    let step = |s: &mut Session, console: &mut Vec<u8>, max_lag_ms: &mut f64| {
        let t = s.board.now_ps() + PS_PER_S / 10;
        assert_eq!(s.run_until(t), Stop::TimeReached);
        console.extend(s.board.take_console());
        let lag = (unix_us(SystemTime::now()) - start_us) as f64 / 1000.0
            - t as f64 / (PS_PER_S / 1000) as f64;
        *max_lag_ms = max_lag_ms.max(lag);
    };
    let has = |c: &[u8], w: &str| String::from_utf8_lossy(c).contains(w);
    while !has(&console, "synced") {
        assert!(
            s.board.now_ps() < SYNC_LIMIT_S * PS_PER_S,
            "no sync in {SYNC_LIMIT_S} s; console:\n{}\n{}",
            String::from_utf8_lossy(&console),
            s.report()
        );
        step(&mut s, &mut console, &mut max_lag_ms);
    }
    let sync_ps = s.board.now_ps();

    // The kernel pings the board's SLAAC address while it runs.
    let mut ping = ns
        .command(&[
            "ping",
            "-6",
            "-n",
            "-c",
            "3",
            "-i",
            "0.2",
            "-w",
            "10",
            BOARD_GLOBAL,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ping");
    while ping.try_wait().expect("ping").is_none() {
        step(&mut s, &mut console, &mut max_lag_ms);
    }
    let ping = ping.wait_with_output().unwrap();
    let ping_text = String::from_utf8_lossy(&ping.stdout).into_owned();

    // Until the NTP request after the first sync (16 s later) is answered.
    while s.board.now_ps() < sync_ps + 17 * PS_PER_S {
        step(&mut s, &mut console, &mut max_lag_ms);
    }
    let report = s.report();
    s.finish_capture().unwrap();
    let frames = pcap::read(&fs::read(&pcap_path).unwrap()).expect("capture");
    if let Ok(keep) = std::env::var("TAP_NETNS_PCAP") {
        fs::copy(&pcap_path, keep).expect("copy the capture");
    }
    let console = String::from_utf8_lossy(&console).into_owned();

    assert!(
        ping.status.success() && ping_text.contains(" 0% packet loss"),
        "ping -6 {BOARD_GLOBAL}:\n{ping_text}{}\n{report}",
        String::from_utf8_lossy(&ping.stderr)
    );
    let board_global: Ipv6Addr = BOARD_GLOBAL.parse().unwrap();
    let from_board_global = frames
        .iter()
        .any(|(_, f)| packet::parse_ipv6(f).is_some_and(|p| p.src == board_global));
    assert!(from_board_global, "no frame from {BOARD_GLOBAL}");

    // Each new second drawn after the sync (plus one second for the
    // redraw of the first synced second) against the host clock.
    let display: Vec<(f64, f64)> = s
        .shown_times
        .iter()
        .filter(|(burst, _)| *burst > sync_ps + PS_PER_S)
        .map(|&(burst, shown)| {
            let at_us = start_us + (burst / 1_000_000) as i64;
            (
                burst as f64 / PS_PER_S as f64,
                time_of_day_error_ms(at_us, shown),
            )
        })
        .collect();
    assert!(display.len() >= 10, "{display:?}\n{report}");
    for &(at, e) in &display {
        assert!(
            e.abs() < BOUND_MS,
            "display at {at:.3} s: {e:.3} ms from the host clock\n{report}"
        );
    }
    let sync_us = start_us + (sync_ps / 1_000_000) as i64;
    let requests = ntp_requests(&frames);
    let after: Vec<f64> = requests
        .iter()
        .filter(|(at, _)| *at > sync_us)
        .map(|(at, t1)| (t1 - at) as f64 / 1000.0)
        .collect();
    assert!(
        !after.is_empty(),
        "no NTP request after the sync: {requests:?}\n{report}"
    );
    for e in &after {
        assert!(e.abs() < BOUND_MS, "NTP request: clock {e:.3} ms\n{report}");
    }
    let (lo, hi) = display
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &(_, e)| {
            (lo.min(e), hi.max(e))
        });
    println!(
        "tap_netns: synced at {:.3} s (simulated = real), ping 3/3, display {} new seconds \
         {lo:+.3}..{hi:+.3} ms from the host clock, clock at NTP requests after the sync \
         {after:?} ms, largest pacing lag {max_lag_ms:.3} ms",
        sync_ps as f64 / PS_PER_S as f64,
        display.len(),
    );
    println!("{report}");
    assert!(console.contains("proiot3 clock firmware"), "{console}");
}

/// The firmware's frame buffer (examples/clock-firmware/src/app.rs
/// `FRAME_LEN`): longer frames are read cut.
const FIRMWARE_FRAME_LEN: usize = 350;

/// A DNS answer longer than the firmware's frame buffer: dnsmasq answers
/// `pool.ntp.org` with 16 AAAA records (12 + 18 + 16 * 28 = 478 bytes of
/// message, a 540-byte frame), every address the kernel's with chronyd
/// serving on it. The firmware reads the frame cut, verifies the UDP
/// checksum from the driver's sum of the bytes it did not store, takes
/// the records it holds whole (it keeps 3) and syncs.
#[test]
fn clock_firmware_resolves_an_answer_longer_than_its_frame_buffer() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let addrs: Vec<String> = (0..16)
        .map(|k| format!("2001:db8:1::{:x}", 0x123 + k))
        .collect();
    let refs: Vec<&str> = addrs.iter().map(String::as_str).collect();
    let Some((elf, ns, tap)) = start_network("cut", &refs) else {
        return;
    };
    let image = loader::parse_any(&elf).expect("firmware image");
    let board = Board::new(&image, BoardConfig::default());
    let mut s = Session::new(board, Network::Tap(tap));
    let pcap_path = ns.dir.join("board.pcap");
    s.capture(pcap_path.to_str().unwrap()).unwrap();
    let mut console = Vec::new();
    while !String::from_utf8_lossy(&console).contains("synced") {
        assert!(
            s.board.now_ps() < SYNC_LIMIT_S * PS_PER_S,
            "no sync in {SYNC_LIMIT_S} s; console:\n{}\n{}",
            String::from_utf8_lossy(&console),
            s.report()
        );
        let t = s.board.now_ps() + PS_PER_S / 10;
        assert_eq!(s.run_until(t), Stop::TimeReached);
        console.extend(s.board.take_console());
    }
    let report = s.report();
    s.finish_capture().unwrap();
    let console = String::from_utf8_lossy(&console).into_owned();
    let frames = pcap::read(&fs::read(&pcap_path).unwrap()).expect("capture");

    // The answer reached the board as one frame longer than its buffer.
    let dns: Ipv6Addr = DNS_ADDR.parse().unwrap();
    let answers: Vec<usize> = frames
        .iter()
        .filter(|(_, f)| {
            packet::parse_ipv6(f).is_some_and(|p| {
                p.src == dns && packet::parse_udp(&p).is_some_and(|u| u.src_port == 53)
            })
        })
        .map(|(_, f)| f.len())
        .collect();
    assert!(
        !answers.is_empty() && answers.iter().all(|&n| n > FIRMWARE_FRAME_LEN),
        "DNS answers of {answers:?} bytes\n{console}\n{report}"
    );
    // Resolved: three of the addresses (the resolver's room), the first
    // logged, one of dnsmasq's.
    let line = console
        .lines()
        .find(|l| l.starts_with("event=resolved name=pool.ntp.org "))
        .unwrap_or_else(|| panic!("not resolved:\n{console}\n{report}"));
    assert!(line.ends_with(" count=3"), "{line}");
    let addr = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("addr="))
        .expect("addr=");
    assert!(addrs.iter().any(|a| a == addr), "{line}");
    assert!(!console.contains("dns_rejected"), "{console}");
    println!(
        "tap_netns cut answer: {} answer(s) of {answers:?} bytes, {line}, synced at {:.3} s",
        answers.len(),
        s.board.now_ps() as f64 / PS_PER_S as f64
    );
}
