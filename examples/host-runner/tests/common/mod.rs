//! The namespace harness shared by the integration tests (`netns.rs`,
//! `clock_netns.rs`): a network namespace per test with the host runner on
//! `tap0`, radvd and other daemons, the runner's output lines, frames built
//! by hand and raw link access (AF_PACKET) from the namespace. See
//! `netns.rs` for how the tests use it.
// Each test binary uses a part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::net::Ipv6Addr;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub const RUNNER: &str = env!("CARGO_BIN_EXE_host-runner");
pub const TAP: &str = "tap0";
/// The runner's default MAC and the addresses it derives from it.
pub const DEVICE_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x42];
pub const DEVICE_LL: &str = "fe80::ff:fe00:42";
pub const DEVICE_GLOBAL: &str = "2001:db8:1::ff:fe00:42";
/// The kernel's global address on the link, and the advertised DNS server.
pub const KERNEL_GLOBAL: &str = "2001:db8:1::1";
pub const DNS_SERVER: &str = "2001:db8:1::53";

/// radvd: fast unsolicited RAs, one autonomous on-link prefix, one RDNSS.
pub const RADVD_CONF: &str = "interface tap0 {
    AdvSendAdvert on;
    MinRtrAdvInterval 3;
    MaxRtrAdvInterval 10;
    prefix 2001:db8:1::/64 { AdvOnLink on; AdvAutonomous on; };
    RDNSS 2001:db8:1::53 { };
};
";

pub fn ip6(s: &str) -> Ipv6Addr {
    s.parse().unwrap()
}

// ---------------------------------------------------------------------------
// Namespace guard
// ---------------------------------------------------------------------------

pub static SEQUENCE: AtomicUsize = AtomicUsize::new(0);

/// A network namespace owned by one test, with the processes started in
/// it. Dropping it stops the processes and deletes the namespace.
pub struct Netns {
    pub name: String,
    pub dir: PathBuf,
    pub children: Vec<(String, Child)>,
}

impl Netns {
    /// Makes the namespace, or says why tests cannot run here (`None`,
    /// after printing the reason).
    pub fn create(test: &str) -> Option<Netns> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            println!("SKIP {test}: not root (network namespaces and TAP need root)");
            return None;
        }
        become_subreaper();
        let n = SEQUENCE.fetch_add(1, Ordering::SeqCst);
        let name = format!("mip6-{}-{n}-{test}", std::process::id());
        let name: String = name.chars().take(40).collect();
        let add = || Command::new("ip").args(["netns", "add", &name]).output();
        let mut out = add();
        if matches!(&out, Ok(o) if String::from_utf8_lossy(&o.stderr).contains("File exists")) {
            // Left by an earlier run whose process had our pid: dead.
            let _ = Command::new("ip").args(["netns", "del", &name]).status();
            out = add();
        }
        match out {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                println!(
                    "SKIP {test}: `ip netns add` failed: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                return None;
            }
            Err(e) => {
                println!("SKIP {test}: cannot run `ip netns add`: {e}");
                return None;
            }
        }
        let dir = std::env::temp_dir().join(&name);
        let ns = Netns {
            name,
            dir,
            children: Vec::new(),
        };
        fs::create_dir_all(&ns.dir).expect("temp dir");
        ns.run(&["ip", "link", "set", "lo", "up"]);
        Some(ns)
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.name]).args(args);
        c
    }

    /// Runs a command in the namespace and returns its output, whatever
    /// its exit status.
    pub fn output(&self, args: &[&str]) -> Output {
        self.command(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    /// Runs a command in the namespace that must succeed; its stdout.
    pub fn run(&self, args: &[&str]) -> String {
        let o = self.output(args);
        assert!(
            o.status.success(),
            "{args:?} failed in {}: {}{}",
            self.name,
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Starts the host runner on `tap0` with `args` and waits for its
    /// `event=start` line.
    pub fn runner(&mut self, args: &[&str]) -> Runner {
        let stderr_path = self.dir.join("runner.stderr");
        let mut cmd = self.command(&[RUNNER, "--tap", TAP, "--seed", "7"]);
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(fs::File::create(&stderr_path).unwrap());
        let mut child = cmd.spawn().expect("spawn host-runner");
        let stdout = child.stdout.take().unwrap();
        // `ip netns exec` execs the program: this is the runner's pid.
        let pid = child.id() as libc::pid_t;
        self.children.push(("host-runner".into(), child));
        let lines = Arc::new(Lines::default());
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // CLOCK_REALTIME when the line arrived, for the clock tests;
                // pushed first so that every visible line has its stamp.
                let at = std::time::SystemTime::now();
                sink.arrivals.lock().unwrap().push(at);
                sink.lines.lock().unwrap().push(line);
                sink.changed.notify_all();
            }
            *sink.closed.lock().unwrap() = true;
            sink.changed.notify_all();
        });
        let runner = Runner {
            pid,
            lines,
            stderr_path,
        };
        runner.wait_event(0, "start", &[("tap", TAP)], Duration::from_secs(10));
        runner
    }

    /// Starts a daemon in the namespace that runs until the test ends; its
    /// stdout and stderr go to `<name>.log` in the temp dir. False (after
    /// printing a SKIP line) when the program is not installed.
    pub fn daemon(&mut self, name: &str, args: &[&str]) -> bool {
        let installed = Command::new("sh")
            .args(["-c", &format!("command -v {}", args[0])])
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            println!(
                "SKIP: {} not installed (apt-get install radvd dnsmasq-base chrony)",
                args[0]
            );
            return false;
        }
        let log = fs::File::create(self.dir.join(format!("{name}.log"))).unwrap();
        let child = self
            .command(args)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {name}: {e}"));
        self.children.push((name.into(), child));
        true
    }

    /// Starts radvd with [`RADVD_CONF`]; its log goes to the temp dir.
    pub fn radvd(&mut self) {
        let conf = self.dir.join("radvd.conf");
        fs::write(&conf, RADVD_CONF).unwrap();
        let pid = self.dir.join("radvd.pid");
        let log = fs::File::create(self.dir.join("radvd.log")).unwrap();
        let child = self
            .command(&[
                "radvd",
                "-C",
                conf.to_str().unwrap(),
                "-p",
                pid.to_str().unwrap(),
                "-m",
                "stderr",
                "-n",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("spawn radvd (apt-get install radvd)");
        self.children.push(("radvd".into(), child));
    }

    /// Kernel side: IPv6 forwarding on, as radvd requires.
    pub fn router_mode(&self) {
        self.run(&["sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"]);
    }

    /// Adds an address to the kernel's tap0, without DAD: the kernel owns
    /// it at once.
    pub fn add_address(&self, addr_len: &str) {
        self.run(&["ip", "-6", "addr", "add", addr_len, "dev", TAP, "nodad"]);
    }

    /// The kernel's link-local address on tap0, once its DAD is over.
    pub fn kernel_link_local(&self) -> Ipv6Addr {
        let found = poll(Duration::from_secs(10), || {
            let out = self.run(&[
                "ip", "-6", "-o", "addr", "show", "dev", TAP, "scope", "link",
            ]);
            out.lines()
                .filter(|l| !l.contains("tentative"))
                .find_map(|l| {
                    let w: Vec<&str> = l.split_whitespace().collect();
                    let i = w.iter().position(|x| *x == "inet6")?;
                    w.get(i + 1)?.split('/').next()?.parse::<Ipv6Addr>().ok()
                })
        });
        found.unwrap_or_else(|| {
            panic!(
                "kernel tap0 link-local address still tentative or missing:\n{}",
                self.run(&["ip", "-6", "addr", "show", "dev", TAP])
            )
        })
    }

    /// The kernel's `ping -6` until `count` replies came or 10 seconds
    /// passed (`-c` with `-w`: a late reply is waited for, a lost one is
    /// made up for by another request); the number of replies.
    pub fn ping(&self, target: &str, count: u32) -> u32 {
        let count = count.to_string();
        let o = self.output(&[
            "ping", "-6", "-n", "-c", &count, "-i", "0.2", "-w", "10", target,
        ]);
        let text = String::from_utf8_lossy(&o.stdout);
        let summary = text
            .lines()
            .find(|l| l.contains("packets transmitted"))
            .unwrap_or_else(|| {
                panic!(
                    "no ping summary: {text}{}",
                    String::from_utf8_lossy(&o.stderr)
                )
            });
        let nums: Vec<u32> = summary
            .split(',')
            .filter_map(|p| p.split_whitespace().next()?.parse().ok())
            .collect();
        if nums[0] != nums[1] {
            println!(
                "ping {target}: requests lost or late:\n{text}{}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        nums[1]
    }

    /// The kernel's neighbor entry for `addr` on tap0, as `ip` prints it.
    pub fn neighbor(&self, addr: &str) -> String {
        self.run(&["ip", "-6", "neigh", "show", "dev", TAP, "to", addr])
            .trim()
            .to_string()
    }

    /// Runs `f` in a thread that has entered the namespace: sockets made
    /// there belong to the namespace for their whole life.
    pub fn enter<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> T {
        let path = format!("/run/netns/{}", self.name);
        std::thread::spawn(move || {
            let file = fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            // SAFETY: setns on a valid namespace descriptor; it changes this
            // thread's network namespace only, and the thread ends after f.
            let r = unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) };
            assert_eq!(r, 0, "setns: {}", std::io::Error::last_os_error());
            f()
        })
        .join()
        .expect("thread in namespace")
    }

    /// A sysfs counter of the kernel's tap0 (seen from the namespace).
    pub fn tap_stat(&self, name: &str) -> u64 {
        let path = format!("/sys/class/net/{TAP}/statistics/{name}");
        self.run(&["cat", &path]).trim().parse().unwrap()
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        if std::thread::panicking() {
            // What the processes did, for the failure report.
            for (name, child) in self.children.iter_mut() {
                let state = match child.try_wait() {
                    Ok(Some(status)) => format!("exited early: {status}"),
                    Ok(None) => "running".to_string(),
                    Err(e) => format!("unknown: {e}"),
                };
                println!("{name} (pid {}): {state}", child.id());
            }
            let mut logs: Vec<PathBuf> = fs::read_dir(&self.dir)
                .map(|d| d.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            logs.retain(|p| {
                p.extension().is_some_and(|e| e == "log") || p.ends_with("runner.stderr")
            });
            logs.sort();
            for log in logs {
                if let Ok(text) = fs::read_to_string(&log) {
                    println!("--- {} ---\n{text}", log.display());
                }
            }
        }
        for (_, child) in self.children.iter_mut().rev() {
            let pid = child.id() as libc::pid_t;
            // radvd forks a helper that may outlive it: it is reparented to
            // this process (a subreaper) and reaped below by its own pid.
            let helpers = children_of(pid);
            // SIGTERM first: the runner prints its final counters.
            // SAFETY: kill on the pid of our own child.
            unsafe { libc::kill(pid, libc::SIGTERM) };
            let gone = poll(Duration::from_secs(3), || {
                child.try_wait().ok().flatten().map(|_| ())
            });
            if gone.is_none() {
                let _ = child.kill();
                let _ = child.wait();
            }
            for h in helpers {
                reap(h);
            }
        }
        let _ = Command::new("ip")
            .args(["netns", "del", &self.name])
            .status();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The direct children of `pid` (from procfs).
pub fn children_of(pid: libc::pid_t) -> Vec<libc::pid_t> {
    fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// Waits for `pid` if it became our child (subreaper); gives up as soon as
/// it is not (its parent reaped it), kills it after 3 seconds.
pub fn reap(pid: libc::pid_t) {
    let end = Instant::now() + Duration::from_secs(3);
    loop {
        let mut status = 0;
        // SAFETY: waitpid on one specific pid, never -1: other tests'
        // children are left alone.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r != 0 {
            return; // reaped now, or not ours (ECHILD)
        }
        if Instant::now() >= end {
            // SAFETY: our child (waitpid said so); kill and reap it.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, &mut status, 0);
            }
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Makes this process the reaper of its orphaned descendants (radvd's
/// helper), so that none is left as a zombie of an init that does not reap.
pub fn become_subreaper() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: prctl with integer arguments only.
        unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    });
}

/// Calls `f` until it gives `Some`, for at most `timeout`.
pub fn poll<T>(timeout: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let end = Instant::now() + timeout;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() >= end {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

// ---------------------------------------------------------------------------
// The runner's output
// ---------------------------------------------------------------------------

#[derive(Default)]
pub struct Lines {
    pub lines: Mutex<Vec<String>>,
    /// When each line was read (CLOCK_REALTIME), same indices.
    pub arrivals: Mutex<Vec<std::time::SystemTime>>,
    pub closed: Mutex<bool>,
    pub changed: Condvar,
}

pub struct Runner {
    pub pid: libc::pid_t,
    pub lines: Arc<Lines>,
    pub stderr_path: PathBuf,
}

/// The value of `key` in a `key=value ...` line.
pub fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

pub fn is_event(line: &str, event: &str, fields: &[(&str, &str)]) -> bool {
    field(line, "event") == Some(event) && fields.iter().all(|(k, v)| field(line, k) == Some(v))
}

impl Runner {
    /// Number of lines printed so far: a mark for the waits below.
    pub fn mark(&self) -> usize {
        self.lines.lines.lock().unwrap().len()
    }

    pub fn all_lines(&self) -> Vec<String> {
        self.lines.lines.lock().unwrap().clone()
    }

    pub fn diagnostics(&self) -> String {
        let lines = self.all_lines();
        let skip = lines.len().saturating_sub(80);
        let mut s = String::from("runner output (last 80 lines):\n");
        for l in &lines[skip..] {
            s.push_str(l);
            s.push('\n');
        }
        let mut err = String::new();
        if let Ok(mut f) = fs::File::open(&self.stderr_path) {
            let _ = f.read_to_string(&mut err);
        }
        s.push_str("runner stderr:\n");
        s.push_str(&err);
        s
    }

    /// Waits for a line at or after line `from` that satisfies `pred`.
    pub fn wait_line(
        &self,
        from: usize,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        let i = self.wait_line_index(from, what, timeout, pred);
        self.lines.lines.lock().unwrap()[i].clone()
    }

    /// When line `i` was read (CLOCK_REALTIME).
    pub fn arrival(&self, i: usize) -> std::time::SystemTime {
        self.lines.arrivals.lock().unwrap()[i]
    }

    /// As [`Runner::wait_line`], giving the line's index.
    pub fn wait_line_index(
        &self,
        from: usize,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> usize {
        let end = Instant::now() + timeout;
        let mut lines = self.lines.lines.lock().unwrap();
        loop {
            if let Some(i) = lines.iter().skip(from).position(|l| pred(l)) {
                return from + i;
            }
            let now = Instant::now();
            if now >= end || *self.lines.closed.lock().unwrap() {
                drop(lines);
                panic!("no {what} from the runner\n{}", self.diagnostics());
            }
            lines = self.lines.changed.wait_timeout(lines, end - now).unwrap().0;
        }
    }

    /// Waits for `event=<event>` with the given fields, at or after `from`.
    pub fn wait_event(
        &self,
        from: usize,
        event: &str,
        fields: &[(&str, &str)],
        timeout: Duration,
    ) -> String {
        let what = format!("event={event} {fields:?}");
        self.wait_line(from, &what, timeout, |l| is_event(l, event, fields))
    }

    /// True if a line after `from` is `event=<event>` with these fields.
    pub fn has_event(&self, from: usize, event: &str, fields: &[(&str, &str)]) -> bool {
        self.all_lines()
            .iter()
            .skip(from)
            .any(|l| is_event(l, event, fields))
    }

    /// Asks for the counters (SIGUSR1) and parses the `event=counters`
    /// line. Everything the runner did before the signal was seen has been
    /// printed above that line.
    pub fn counters(&self) -> HashMap<String, u64> {
        let from = self.mark();
        // SAFETY: kill on the pid of the runner this test started.
        unsafe { libc::kill(self.pid, libc::SIGUSR1) };
        let line = self.wait_event(from, "counters", &[], Duration::from_secs(10));
        line.split_whitespace()
            .filter_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                Some((k.to_string(), v.parse().ok()?))
            })
            .collect()
    }
}

/// `after[key] - before[key]`, with a clear message when a key is missing.
pub fn delta(before: &HashMap<String, u64>, after: &HashMap<String, u64>, key: &str) -> u64 {
    let b = before
        .get(key)
        .unwrap_or_else(|| panic!("no counter {key}"));
    let a = after.get(key).unwrap_or_else(|| panic!("no counter {key}"));
    a.wrapping_sub(*b) & 0xffff
}

// ---------------------------------------------------------------------------
// Frames, built by hand (independently of the stack's own wire code)
// ---------------------------------------------------------------------------

pub mod frame {
    use std::net::Ipv6Addr;

    pub const ATTACKER_MAC: [u8; 6] = [0x02, 0x66, 0x66, 0x66, 0x66, 0x01];
    pub const ALL_NODES_MAC: [u8; 6] = [0x33, 0x33, 0, 0, 0, 1];
    pub const ICMPV6: u8 = 58;
    pub const UDP: u8 = 17;

    /// RFC 1071 sum over the IPv6 pseudo-header (RFC 8200 8.1) and data.
    pub fn checksum(src: &Ipv6Addr, dst: &Ipv6Addr, nh: u8, data: &[u8]) -> u16 {
        let mut bytes = Vec::with_capacity(40 + data.len() + 1);
        bytes.extend_from_slice(&src.octets());
        bytes.extend_from_slice(&dst.octets());
        bytes.extend_from_slice(&(data.len() as u32).to_be_bytes());
        bytes.extend_from_slice(&[0, 0, 0, nh]);
        bytes.extend_from_slice(data);
        if bytes.len() % 2 == 1 {
            bytes.push(0);
        }
        let mut sum: u32 = 0;
        for c in bytes.chunks(2) {
            sum += u16::from_be_bytes([c[0], c[1]]) as u32;
        }
        while sum > 0xffff {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        !(sum as u16)
    }

    /// Ethernet + IPv6 header around `payload`; `payload_len` as given.
    pub fn ipv6_with_len(
        dst_mac: [u8; 6],
        src: &Ipv6Addr,
        dst: &Ipv6Addr,
        nh: u8,
        hop_limit: u8,
        payload_len: u16,
        payload: &[u8],
    ) -> Vec<u8> {
        let mut f = Vec::with_capacity(54 + payload.len());
        f.extend_from_slice(&dst_mac);
        f.extend_from_slice(&ATTACKER_MAC);
        f.extend_from_slice(&[0x86, 0xdd]);
        f.extend_from_slice(&[0x60, 0, 0, 0]);
        f.extend_from_slice(&payload_len.to_be_bytes());
        f.push(nh);
        f.push(hop_limit);
        f.extend_from_slice(&src.octets());
        f.extend_from_slice(&dst.octets());
        f.extend_from_slice(payload);
        f
    }

    pub fn ipv6(
        dst_mac: [u8; 6],
        src: &Ipv6Addr,
        dst: &Ipv6Addr,
        nh: u8,
        hop_limit: u8,
        payload: &[u8],
    ) -> Vec<u8> {
        ipv6_with_len(
            dst_mac,
            src,
            dst,
            nh,
            hop_limit,
            payload.len() as u16,
            payload,
        )
    }

    /// An ICMPv6 message (type, code, body after the checksum).
    pub fn icmpv6(
        dst_mac: [u8; 6],
        src: &Ipv6Addr,
        dst: &Ipv6Addr,
        hop_limit: u8,
        kind: u8,
        code: u8,
        body: &[u8],
    ) -> Vec<u8> {
        let mut m = vec![kind, code, 0, 0];
        m.extend_from_slice(body);
        let c = checksum(src, dst, ICMPV6, &m);
        m[2..4].copy_from_slice(&c.to_be_bytes());
        ipv6(dst_mac, src, dst, ICMPV6, hop_limit, &m)
    }

    pub fn echo_request(
        dst_mac: [u8; 6],
        src: &Ipv6Addr,
        dst: &Ipv6Addr,
        id: u16,
        seq: u16,
        data: &[u8],
    ) -> Vec<u8> {
        let mut body = Vec::new();
        body.extend_from_slice(&id.to_be_bytes());
        body.extend_from_slice(&seq.to_be_bytes());
        body.extend_from_slice(data);
        icmpv6(dst_mac, src, dst, 64, 128, 0, &body)
    }

    /// Router Advertisement (RFC 4861 4.2) with SLLA, one autonomous
    /// on-link Prefix Information (4.6.2) and one RDNSS (RFC 8106 5.1).
    pub fn router_advert(
        src: &Ipv6Addr,
        hop_limit: u8,
        prefix: &Ipv6Addr,
        dns: &Ipv6Addr,
    ) -> Vec<u8> {
        let mut b = vec![64, 0];
        b.extend_from_slice(&1800u16.to_be_bytes());
        b.extend_from_slice(&[0; 8]);
        b.extend_from_slice(&[1, 1]);
        b.extend_from_slice(&ATTACKER_MAC);
        b.extend_from_slice(&[3, 4, 64, 0xc0]);
        b.extend_from_slice(&86400u32.to_be_bytes());
        b.extend_from_slice(&14400u32.to_be_bytes());
        b.extend_from_slice(&[0; 4]);
        b.extend_from_slice(&prefix.octets());
        b.extend_from_slice(&[25, 3, 0, 0]);
        b.extend_from_slice(&1200u32.to_be_bytes());
        b.extend_from_slice(&dns.octets());
        let all_nodes: Ipv6Addr = "ff02::1".parse().unwrap();
        icmpv6(ALL_NODES_MAC, src, &all_nodes, hop_limit, 134, 0, &b)
    }

    /// Neighbor Solicitation (RFC 4861 4.3) with SLLA.
    pub fn neighbor_solicit(
        dst_mac: [u8; 6],
        src: &Ipv6Addr,
        dst: &Ipv6Addr,
        target: &Ipv6Addr,
    ) -> Vec<u8> {
        let mut b = vec![0; 4];
        b.extend_from_slice(&target.octets());
        b.extend_from_slice(&[1, 1]);
        b.extend_from_slice(&ATTACKER_MAC);
        icmpv6(dst_mac, src, dst, 255, 135, 0, &b)
    }

    /// Neighbor Advertisement (RFC 4861 4.4), S and O set, with TLLA.
    pub fn neighbor_advert(
        dst_mac: [u8; 6],
        src: &Ipv6Addr,
        dst: &Ipv6Addr,
        target: &Ipv6Addr,
        tlla: [u8; 6],
    ) -> Vec<u8> {
        let mut b = vec![0x60, 0, 0, 0];
        b.extend_from_slice(&target.octets());
        b.extend_from_slice(&[2, 1]);
        b.extend_from_slice(&tlla);
        icmpv6(dst_mac, src, dst, 255, 136, 0, &b)
    }

    pub fn udp(
        dst_mac: [u8; 6],
        src: &Ipv6Addr,
        dst: &Ipv6Addr,
        src_port: u16,
        dst_port: u16,
        data: &[u8],
    ) -> Vec<u8> {
        let mut u = Vec::new();
        u.extend_from_slice(&src_port.to_be_bytes());
        u.extend_from_slice(&dst_port.to_be_bytes());
        u.extend_from_slice(&((8 + data.len()) as u16).to_be_bytes());
        u.extend_from_slice(&[0, 0]);
        u.extend_from_slice(data);
        let c = checksum(src, dst, UDP, &u);
        u[6..8].copy_from_slice(&c.to_be_bytes());
        ipv6(dst_mac, src, dst, UDP, 64, &u)
    }

    /// A received frame, read defensively.
    pub struct Seen<'a>(pub &'a [u8]);

    impl Seen<'_> {
        pub fn dst_mac(&self) -> Option<[u8; 6]> {
            self.0.get(0..6).map(|b| b.try_into().unwrap())
        }
        fn is_ipv6(&self) -> bool {
            self.0.len() >= 54 && self.0[12..14] == [0x86, 0xdd]
        }
        pub fn ip_src(&self) -> Option<Ipv6Addr> {
            self.is_ipv6()
                .then(|| <[u8; 16]>::try_from(&self.0[22..38]).unwrap().into())
        }
        pub fn ip_dst(&self) -> Option<Ipv6Addr> {
            self.is_ipv6()
                .then(|| <[u8; 16]>::try_from(&self.0[38..54]).unwrap().into())
        }
        /// (type, message) of an ICMPv6 packet without extension headers.
        pub fn icmpv6(&self) -> Option<(u8, &[u8])> {
            (self.is_ipv6() && self.0[20] == ICMPV6 && self.0.len() >= 58)
                .then(|| (self.0[54], &self.0[54..]))
        }
        /// The Target Address of an NS or NA.
        pub fn nd_target(&self, kind: u8) -> Option<Ipv6Addr> {
            let (t, m) = self.icmpv6()?;
            (t == kind && m.len() >= 24).then(|| <[u8; 16]>::try_from(&m[8..24]).unwrap().into())
        }
        /// (identifier, sequence, data) of an echo reply.
        pub fn echo_reply(&self) -> Option<(u16, u16, &[u8])> {
            let (t, m) = self.icmpv6()?;
            (t == 129 && m.len() >= 8).then(|| {
                (
                    u16::from_be_bytes([m[4], m[5]]),
                    u16::from_be_bytes([m[6], m[7]]),
                    &m[8..],
                )
            })
        }
    }
}

pub use frame::Seen;

// ---------------------------------------------------------------------------
// Raw link access from the namespace (AF_PACKET on tap0)
// ---------------------------------------------------------------------------

/// `PACKET_QDISC_BYPASS` of <linux/if_packet.h>.
pub const PACKET_QDISC_BYPASS: libc::c_int = 20;

/// `struct tpacket_stats` of <linux/if_packet.h>.
#[repr(C)]
#[derive(Default)]
pub struct PacketStats {
    pub packets: u32,
    pub drops: u32,
}

/// An AF_PACKET socket on the kernel's tap0: what it sends goes to the
/// device, and it sees every frame the device sends.
pub struct RawLink {
    pub fd: OwnedFd,
}

impl RawLink {
    pub fn open(ns: &Netns) -> RawLink {
        let fd = ns.enter(|| {
            let proto = (libc::ETH_P_ALL as u16).to_be();
            // SAFETY: plain socket calls; the descriptor is owned at once,
            // the sockaddr and option values are valid for their sizes.
            unsafe {
                let s = libc::socket(libc::AF_PACKET, libc::SOCK_RAW, proto as i32);
                assert!(s >= 0, "AF_PACKET: {}", std::io::Error::last_os_error());
                let fd = OwnedFd::from_raw_fd(s);
                let ifindex = libc::if_nametoindex(c"tap0".as_ptr());
                assert!(ifindex != 0, "no tap0 in the namespace");
                let mut sll: libc::sockaddr_ll = std::mem::zeroed();
                sll.sll_family = libc::AF_PACKET as u16;
                sll.sll_protocol = proto;
                sll.sll_ifindex = ifindex as i32;
                let r = libc::bind(
                    fd.as_raw_fd(),
                    (&sll as *const libc::sockaddr_ll).cast(),
                    std::mem::size_of::<libc::sockaddr_ll>() as u32,
                );
                assert_eq!(r, 0, "bind: {}", std::io::Error::last_os_error());
                // Straight to the TAP driver, no qdisc: a request it cannot
                // queue is counted in tap0's tx_dropped, nowhere else.
                let one: libc::c_int = 1;
                libc::setsockopt(
                    fd.as_raw_fd(),
                    libc::SOL_PACKET,
                    PACKET_QDISC_BYPASS,
                    (&one as *const libc::c_int).cast(),
                    4,
                );
                let size: libc::c_int = 8 << 20;
                libc::setsockopt(
                    fd.as_raw_fd(),
                    libc::SOL_SOCKET,
                    libc::SO_RCVBUFFORCE,
                    (&size as *const libc::c_int).cast(),
                    4,
                );
                fd
            }
        });
        RawLink { fd }
    }

    /// Sends one frame; false if the kernel refused it (queue full).
    pub fn try_send(&self, frame: &[u8]) -> bool {
        // SAFETY: frame is valid for reads of its length.
        let n = unsafe { libc::send(self.fd.as_raw_fd(), frame.as_ptr().cast(), frame.len(), 0) };
        n == frame.len() as isize
    }

    /// Sends one frame, waiting (bounded) while the TAP queue is full.
    pub fn send(&self, frame: &[u8]) {
        let end = Instant::now() + Duration::from_secs(10);
        while !self.try_send(frame) {
            let e = std::io::Error::last_os_error();
            assert!(
                e.raw_os_error() == Some(libc::ENOBUFS) && Instant::now() < end,
                "send of a {}-byte frame: {e}",
                frame.len()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The next frame sent by the device (not by us), within `timeout`.
    pub fn recv(&self, timeout: Duration) -> Option<Vec<u8>> {
        let end = Instant::now() + timeout;
        let mut buf = vec![0u8; 10_000];
        loop {
            let left = end.saturating_duration_since(Instant::now());
            let mut p = libc::pollfd {
                fd: self.fd.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            let r = unsafe { libc::poll(&mut p, 1, left.as_millis() as i32) };
            if r <= 0 {
                if Instant::now() >= end {
                    return None;
                }
                continue;
            }
            // SAFETY: zeroed sockaddr_ll is valid; buf and sll are valid for
            // writes of the lengths given.
            let (n, sll) = unsafe {
                let mut sll: libc::sockaddr_ll = std::mem::zeroed();
                let mut len = std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
                let n = libc::recvfrom(
                    self.fd.as_raw_fd(),
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    libc::MSG_DONTWAIT,
                    (&mut sll as *mut libc::sockaddr_ll).cast(),
                    &mut len,
                );
                (n, sll)
            };
            if n < 0 {
                continue;
            }
            if sll.sll_pkttype == libc::PACKET_OUTGOING {
                continue;
            }
            return Some(buf[..n as usize].to_vec());
        }
    }

    /// Reads the device's frames until one satisfies `pred`; returns the
    /// frames seen before it and the frame itself. Panics after `timeout`.
    pub fn expect(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&Seen) -> bool,
    ) -> Vec<Vec<u8>> {
        let end = Instant::now() + timeout;
        let mut seen = Vec::new();
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.recv(left) {
                Some(f) => {
                    let hit = pred(&Seen(&f));
                    seen.push(f);
                    if hit {
                        return seen;
                    }
                }
                None => panic!(
                    "no {what} from the device within {timeout:?}; it sent {} other frames: {:02x?}",
                    seen.len(),
                    seen.iter().map(|f| &f[..f.len().min(80)]).collect::<Vec<_>>()
                ),
            }
        }
    }

    /// Drops whatever the device sent so far.
    pub fn drain(&self) {
        while self.recv(Duration::ZERO).is_some() {}
    }

    /// Frames the socket could not queue (rcvbuf full); reading resets it.
    pub fn drops(&self) -> u32 {
        let mut st = PacketStats::default();
        let mut len = std::mem::size_of::<PacketStats>() as libc::socklen_t;
        // SAFETY: st is a tpacket_stats-sized, writable buffer.
        unsafe {
            libc::getsockopt(
                self.fd.as_raw_fd(),
                libc::SOL_PACKET,
                libc::PACKET_STATISTICS,
                (&mut st as *mut PacketStats).cast(),
                &mut len,
            )
        };
        st.drops
    }
}

// ---------------------------------------------------------------------------
// Shared setup
// ---------------------------------------------------------------------------

/// Router mode, the kernel's global address, radvd, the runner; waits for
/// the router, the DNS server and both addresses of the device.
pub fn slaac_link(ns: &mut Netns, runner_args: &[&str]) -> (Runner, Ipv6Addr) {
    ns.router_mode();
    let runner = ns.runner(runner_args);
    ns.add_address(&format!("{KERNEL_GLOBAL}/64"));
    let router = ns.kernel_link_local();
    ns.radvd();
    let t = Duration::from_secs(20);
    let router_s = router.to_string();
    runner.wait_event(0, "router_learned", &[("addr", &router_s)], t);
    runner.wait_event(0, "dns_server_learned", &[("addr", DNS_SERVER)], t);
    runner.wait_event(
        0,
        "address_assigned",
        &[("addr", DEVICE_LL), ("scope", "link"), ("dad", "ok")],
        t,
    );
    runner.wait_event(
        0,
        "address_assigned",
        &[
            ("addr", DEVICE_GLOBAL),
            ("scope", "global"),
            ("dad", "ok"),
            ("prefix", "2001:db8:1::/64"),
        ],
        t,
    );
    (runner, router)
}

/// Pings `target` from the kernel after flushing the kernel's neighbor
/// cache (so that the ping starts a fresh resolution), then waits for the
/// kernel's entry for `addr` to be REACHABLE with the device's MAC.
pub fn ping_and_resolve(ns: &Netns, target: &str, addr: &str) {
    ns.run(&["ip", "-6", "neigh", "flush", "dev", TAP]);
    assert_eq!(ns.ping(target, 3), 3, "ping -6 {target}");
    let entry = poll(Duration::from_secs(10), || {
        let e = ns.neighbor(addr);
        e.contains("REACHABLE").then_some(e)
    })
    .unwrap_or_else(|| {
        panic!(
            "kernel neighbor {addr} not REACHABLE: {:?}",
            ns.neighbor(addr)
        )
    });
    assert!(
        entry.contains("lladdr 02:00:00:00:00:42"),
        "kernel neighbor entry: {entry}"
    );
}
