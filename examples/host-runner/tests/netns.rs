//! The stack against the real thing: the host runner on a TAP inside a
//! network namespace, with the Linux kernel as its peer on the link and
//! radvd (Debian) as its router.
//!
//! Every test makes its own namespace (`mip6-<pid>-<n>-<test>`), its own
//! temporary directory for radvd's configuration and pid file, and tears
//! both down in `Drop` (children first, then `ip netns del`), also when an
//! assertion fails. The TAP is `tap0` in every namespace: names never clash.
//!
//! The tests need root (namespaces, TAP, AF_PACKET). They print `SKIP ...`
//! and pass only when not root or when `ip netns add` fails (a container
//! without namespaces); anything else that is missing is a failure.
//!
//! Waits are bounded and poll a condition: a line of the runner's output,
//! a frame on the link, the kernel's neighbor or address state.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::net::{Ipv6Addr, SocketAddrV6, UdpSocket};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

const RUNNER: &str = env!("CARGO_BIN_EXE_host-runner");
const TAP: &str = "tap0";
/// The runner's default MAC and the addresses it derives from it.
const DEVICE_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x42];
const DEVICE_LL: &str = "fe80::ff:fe00:42";
const DEVICE_GLOBAL: &str = "2001:db8:1::ff:fe00:42";
/// The kernel's global address on the link, and the advertised DNS server.
const KERNEL_GLOBAL: &str = "2001:db8:1::1";
const DNS_SERVER: &str = "2001:db8:1::53";

/// radvd: fast unsolicited RAs, one autonomous on-link prefix, one RDNSS.
const RADVD_CONF: &str = "interface tap0 {
    AdvSendAdvert on;
    MinRtrAdvInterval 3;
    MaxRtrAdvInterval 10;
    prefix 2001:db8:1::/64 { AdvOnLink on; AdvAutonomous on; };
    RDNSS 2001:db8:1::53 { };
};
";

fn ip6(s: &str) -> Ipv6Addr {
    s.parse().unwrap()
}

// ---------------------------------------------------------------------------
// Namespace guard
// ---------------------------------------------------------------------------

static SEQUENCE: AtomicUsize = AtomicUsize::new(0);

/// A network namespace owned by one test, with the processes started in
/// it. Dropping it stops the processes and deletes the namespace.
struct Netns {
    name: String,
    dir: PathBuf,
    children: Vec<(String, Child)>,
}

impl Netns {
    /// Makes the namespace, or says why tests cannot run here (`None`,
    /// after printing the reason).
    fn create(test: &str) -> Option<Netns> {
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

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.name]).args(args);
        c
    }

    /// Runs a command in the namespace and returns its output, whatever
    /// its exit status.
    fn output(&self, args: &[&str]) -> Output {
        self.command(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    /// Runs a command in the namespace that must succeed; its stdout.
    fn run(&self, args: &[&str]) -> String {
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
    fn runner(&mut self, args: &[&str]) -> Runner {
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

    /// Starts radvd with [`RADVD_CONF`]; its log goes to the temp dir.
    fn radvd(&mut self) {
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
    fn router_mode(&self) {
        self.run(&["sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"]);
    }

    /// Adds an address to the kernel's tap0, without DAD: the kernel owns
    /// it at once.
    fn add_address(&self, addr_len: &str) {
        self.run(&["ip", "-6", "addr", "add", addr_len, "dev", TAP, "nodad"]);
    }

    /// The kernel's link-local address on tap0, once its DAD is over.
    fn kernel_link_local(&self) -> Ipv6Addr {
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
    fn ping(&self, target: &str, count: u32) -> u32 {
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
    fn neighbor(&self, addr: &str) -> String {
        self.run(&["ip", "-6", "neigh", "show", "dev", TAP, "to", addr])
            .trim()
            .to_string()
    }

    /// Runs `f` in a thread that has entered the namespace: sockets made
    /// there belong to the namespace for their whole life.
    fn enter<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> T {
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
    fn tap_stat(&self, name: &str) -> u64 {
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
            for log in ["runner.stderr", "radvd.log"] {
                if let Ok(text) = fs::read_to_string(self.dir.join(log)) {
                    println!("--- {log} ---\n{text}");
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
fn children_of(pid: libc::pid_t) -> Vec<libc::pid_t> {
    fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// Waits for `pid` if it became our child (subreaper); gives up as soon as
/// it is not (its parent reaped it), kills it after 3 seconds.
fn reap(pid: libc::pid_t) {
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
fn become_subreaper() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: prctl with integer arguments only.
        unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    });
}

/// Calls `f` until it gives `Some`, for at most `timeout`.
fn poll<T>(timeout: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
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
struct Lines {
    lines: Mutex<Vec<String>>,
    closed: Mutex<bool>,
    changed: Condvar,
}

struct Runner {
    pid: libc::pid_t,
    lines: Arc<Lines>,
    stderr_path: PathBuf,
}

/// The value of `key` in a `key=value ...` line.
fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

fn is_event(line: &str, event: &str, fields: &[(&str, &str)]) -> bool {
    field(line, "event") == Some(event) && fields.iter().all(|(k, v)| field(line, k) == Some(v))
}

impl Runner {
    /// Number of lines printed so far: a mark for the waits below.
    fn mark(&self) -> usize {
        self.lines.lines.lock().unwrap().len()
    }

    fn all_lines(&self) -> Vec<String> {
        self.lines.lines.lock().unwrap().clone()
    }

    fn diagnostics(&self) -> String {
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
    fn wait_line(
        &self,
        from: usize,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        let end = Instant::now() + timeout;
        let mut lines = self.lines.lines.lock().unwrap();
        loop {
            if let Some(l) = lines.iter().skip(from).find(|l| pred(l)) {
                return l.clone();
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
    fn wait_event(
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
    fn has_event(&self, from: usize, event: &str, fields: &[(&str, &str)]) -> bool {
        self.all_lines()
            .iter()
            .skip(from)
            .any(|l| is_event(l, event, fields))
    }

    /// Asks for the counters (SIGUSR1) and parses the `event=counters`
    /// line. Everything the runner did before the signal was seen has been
    /// printed above that line.
    fn counters(&self) -> HashMap<String, u64> {
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
fn delta(before: &HashMap<String, u64>, after: &HashMap<String, u64>, key: &str) -> u64 {
    let b = before
        .get(key)
        .unwrap_or_else(|| panic!("no counter {key}"));
    let a = after.get(key).unwrap_or_else(|| panic!("no counter {key}"));
    a.wrapping_sub(*b) & 0xffff
}

// ---------------------------------------------------------------------------
// Frames, built by hand (independently of the stack's own wire code)
// ---------------------------------------------------------------------------

mod frame {
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

use frame::Seen;

// ---------------------------------------------------------------------------
// Raw link access from the namespace (AF_PACKET on tap0)
// ---------------------------------------------------------------------------

/// `PACKET_QDISC_BYPASS` of <linux/if_packet.h>.
const PACKET_QDISC_BYPASS: libc::c_int = 20;

/// `struct tpacket_stats` of <linux/if_packet.h>.
#[repr(C)]
#[derive(Default)]
struct PacketStats {
    packets: u32,
    drops: u32,
}

/// An AF_PACKET socket on the kernel's tap0: what it sends goes to the
/// device, and it sees every frame the device sends.
struct RawLink {
    fd: OwnedFd,
}

impl RawLink {
    fn open(ns: &Netns) -> RawLink {
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
    fn try_send(&self, frame: &[u8]) -> bool {
        // SAFETY: frame is valid for reads of its length.
        let n = unsafe { libc::send(self.fd.as_raw_fd(), frame.as_ptr().cast(), frame.len(), 0) };
        n == frame.len() as isize
    }

    /// Sends one frame, waiting (bounded) while the TAP queue is full.
    fn send(&self, frame: &[u8]) {
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
    fn recv(&self, timeout: Duration) -> Option<Vec<u8>> {
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
    fn expect(&self, what: &str, timeout: Duration, pred: impl Fn(&Seen) -> bool) -> Vec<Vec<u8>> {
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
    fn drain(&self) {
        while self.recv(Duration::ZERO).is_some() {}
    }

    /// Frames the socket could not queue (rcvbuf full); reading resets it.
    fn drops(&self) -> u32 {
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
fn slaac_link(ns: &mut Netns, runner_args: &[&str]) -> (Runner, Ipv6Addr) {
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
fn ping_and_resolve(ns: &Netns, target: &str, addr: &str) {
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

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

/// radvd's RA gives the device its router, DNS server and SLAAC address;
/// the kernel pings both device addresses and resolves them to REACHABLE.
#[test]
fn slaac_from_radvd_then_kernel_pings_and_resolves() {
    let Some(mut ns) = Netns::create("slaac") else {
        return;
    };
    let (runner, _router) = slaac_link(&mut ns, &[]);
    ping_and_resolve(&ns, &format!("{DEVICE_LL}%{TAP}"), DEVICE_LL);
    ping_and_resolve(&ns, DEVICE_GLOBAL, DEVICE_GLOBAL);
    let c = runner.counters();
    assert!(c["tx_frames"] >= 6, "echo replies and NAs counted: {c:?}");
}

/// The same with optimistic DAD (RFC 4429).
#[test]
fn slaac_with_optimistic_dad() {
    let Some(mut ns) = Netns::create("optimistic") else {
        return;
    };
    let _ = slaac_link(&mut ns, &["--optimistic"]);
    ping_and_resolve(&ns, DEVICE_GLOBAL, DEVICE_GLOBAL);
}

/// The whole path through the ENC28J60 driver and the datasheet chip
/// model (SPI at the byte level) bridged to the TAP: SLAAC, ping, resolution.
#[test]
fn slaac_through_enc28j60_driver_and_datasheet_model() {
    let Some(mut ns) = Netns::create("encds") else {
        return;
    };
    let (runner, _router) = slaac_link(&mut ns, &["--enc28j60", "datasheet"]);
    ping_and_resolve(&ns, DEVICE_GLOBAL, DEVICE_GLOBAL);
    let c = runner.counters();
    assert!(c["enc_rx_frames"] >= 4, "frames through the driver: {c:?}");
    assert_eq!(c["enc_rx_resets"], 0, "{c:?}");
}

/// The same through the model's MSPSim mode (streamed reads, ignored
/// pointers), so the driver's compatibility with MSPSim's proiot3 board is
/// checked on real traffic.
#[test]
fn slaac_through_enc28j60_driver_and_mspsim_model() {
    let Some(mut ns) = Netns::create("encms") else {
        return;
    };
    let (runner, _router) = slaac_link(&mut ns, &["--enc28j60", "mspsim"]);
    ping_and_resolve(&ns, DEVICE_GLOBAL, DEVICE_GLOBAL);
    let c = runner.counters();
    assert!(c["enc_tx_frames"] >= 4, "frames through the driver: {c:?}");
}

fn duplicate_detected(test: &str, runner_args: &[&str]) {
    let Some(mut ns) = Netns::create(test) else {
        return;
    };
    ns.router_mode();
    let runner = ns.runner(runner_args);
    // The kernel holds the device's future SLAAC address first.
    ns.add_address(&format!("{DEVICE_GLOBAL}/64"));
    ns.kernel_link_local();
    ns.radvd();
    let t = Duration::from_secs(20);
    runner.wait_event(
        0,
        "dad_failed",
        &[("addr", DEVICE_GLOBAL), ("dad", "duplicate")],
        t,
    );
    // The link-local address is unaffected and answers.
    runner.wait_event(0, "address_assigned", &[("addr", DEVICE_LL)], t);
    assert_eq!(ns.ping(&format!("{DEVICE_LL}%{TAP}"), 2), 2);
    // Barrier: everything the device did is printed before the counters.
    runner.counters();
    assert!(
        !runner.has_event(0, "address_assigned", &[("addr", DEVICE_GLOBAL)]),
        "duplicate address assigned anyway\n{}",
        runner.diagnostics()
    );
}

/// RFC 4862 5.4: the kernel answers the device's DAD probe, the device
/// gives the address up.
#[test]
fn duplicate_slaac_address_is_detected() {
    duplicate_detected("dad", &[]);
}

/// RFC 4429: an optimistic address is given up the same way.
#[test]
fn duplicate_slaac_address_is_detected_optimistic() {
    duplicate_detected("dadopt", &["--optimistic"]);
}

/// UDP both ways between the device and a socket of the kernel: the
/// device's datagram (global source, after SLAAC) reaches the socket, and
/// the socket's datagrams come back from the device's echo port, to and
/// from the global and the link-local address.
#[test]
fn udp_between_device_and_kernel_socket() {
    let Some(mut ns) = Netns::create("udp") else {
        return;
    };
    ns.router_mode();
    // The tap must exist before the kernel's socket binds its address.
    let runner = ns.runner(&[
        "--udp-echo",
        "7",
        "--udp-send",
        "2001:db8:1::1,5000,hello from the device",
    ]);
    ns.add_address(&format!("{KERNEL_GLOBAL}/64"));
    let (sock, ifindex) = ns.enter(|| {
        let s = UdpSocket::bind("[2001:db8:1::1]:5000").expect("bind kernel socket");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        // SAFETY: a valid NUL-terminated name.
        let ifindex = unsafe { libc::if_nametoindex(c"tap0".as_ptr()) };
        (s, ifindex)
    });
    ns.kernel_link_local();
    ns.radvd();

    // Device to kernel.
    let mut buf = [0u8; 1500];
    let (n, from) = sock
        .recv_from(&mut buf)
        .unwrap_or_else(|e| panic!("kernel socket got nothing: {e}\n{}", runner.diagnostics()));
    assert_eq!(&buf[..n], b"hello from the device");
    let std::net::SocketAddr::V6(from) = from else {
        panic!("{from}")
    };
    assert_eq!(*from.ip(), ip6(DEVICE_GLOBAL));
    assert!(from.port() >= 49152, "ephemeral port {}", from.port());
    runner.wait_event(
        0,
        "udp_sent",
        &[("dst", KERNEL_GLOBAL), ("port", "5000")],
        Duration::from_secs(10),
    );

    // Kernel to device and back, global addresses.
    sock.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let device = SocketAddrV6::new(ip6(DEVICE_GLOBAL), 7, 0, 0);
    sock.send_to(b"echo me, global", device).unwrap();
    let (n, from) = sock
        .recv_from(&mut buf)
        .unwrap_or_else(|e| panic!("no echo from the device: {e}\n{}", runner.diagnostics()));
    assert_eq!(&buf[..n], b"echo me, global");
    assert_eq!(from, device.into());

    // Link-local: a second socket of the kernel, scope tap0.
    let ll = ns.enter(|| {
        let s = UdpSocket::bind("[::]:0").unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s
    });
    let device_ll = SocketAddrV6::new(ip6(DEVICE_LL), 7, 0, ifindex);
    ll.send_to(b"echo me, link-local", device_ll).unwrap();
    let (n, from) = ll
        .recv_from(&mut buf)
        .unwrap_or_else(|e| panic!("no link-local echo: {e}\n{}", runner.diagnostics()));
    assert_eq!(&buf[..n], b"echo me, link-local");
    let std::net::SocketAddr::V6(from) = from else {
        panic!("{from}")
    };
    assert_eq!((*from.ip(), from.port()), (ip6(DEVICE_LL), 7));

    let c = runner.counters();
    assert_eq!(c["udp_delivered"], 2, "{c:?}");
    assert_eq!(c["udp_sent"], 3, "one datagram and two echoes: {c:?}");
}

/// Hostile traffic from the namespace, frame by frame, each with a
/// well-formed control that the device does act upon (so the frame builder
/// is not what makes the hostile frame fail). The device's answers are in
/// order, so a control's answer arriving with nothing before it proves the
/// hostile frame got no answer.
#[test]
fn hostile_traffic_is_ignored_and_counted() {
    let Some(mut ns) = Netns::create("hostile") else {
        return;
    };
    let runner = ns.runner(&["--udp-echo", "7"]);
    runner.wait_event(
        0,
        "address_assigned",
        &[("addr", DEVICE_LL)],
        Duration::from_secs(10),
    );
    let link = RawLink::open(&ns);
    let device = ip6(DEVICE_LL);
    let me = ip6("fe80::bad");
    // Generous: the machine may be loaded; a wait only lasts this long
    // when something is wrong.
    let t = Duration::from_secs(10);
    let mut seq = 0u16;
    // An echo request with a fresh sequence number; the frames the device
    // sent before its reply (which must not be answers to what preceded).
    let mut barrier = |what: &str| -> Vec<Vec<u8>> {
        seq += 1;
        let s = seq;
        link.send(&frame::echo_request(
            DEVICE_MAC, &me, &device, 0xb0b, s, b"barrier",
        ));
        let mut seen = link.expect(&format!("echo reply {s} after {what}"), t, |f| {
            f.echo_reply()
                .is_some_and(|(id, q, _)| id == 0xb0b && q == s)
        });
        seen.pop();
        seen
    };
    barrier("start");
    link.drain();
    let before = runner.counters();
    let mark = runner.mark();

    // 1. RA with IPv6 hop limit 64 (RFC 4861 6.1.2: must be 255), and an RA
    //    from a global source (6.1.2: must be link-local).
    let bad_prefix = ip6("2001:db8:bad::");
    let bad_dns = ip6("2001:db8:bad::53");
    link.send(&frame::router_advert(&me, 64, &bad_prefix, &bad_dns));
    link.send(&frame::router_advert(
        &ip6("2001:db8:bad::1"),
        255,
        &bad_prefix,
        &bad_dns,
    ));
    let seen = barrier("hostile RAs");
    assert!(
        seen.iter()
            .all(|f| Seen(f).ip_src() != Some(ip6("2001:db8:bad::ff:fe00:42"))),
        "DAD for an address from a hostile RA"
    );

    // 2. NS with a multicast target (RFC 4861 7.1.1), then its control with
    //    the device's own address as target, which gets a solicited NA.
    let all_nodes = ip6("ff02::1");
    link.send(&frame::neighbor_solicit(
        DEVICE_MAC, &me, &device, &all_nodes,
    ));
    link.send(&frame::neighbor_solicit(DEVICE_MAC, &me, &device, &device));
    let mut seen = link.expect("NA for the control NS", t, |f| {
        f.nd_target(136) == Some(device)
    });
    seen.pop();
    assert!(
        seen.iter()
            .all(|f| Seen(f).icmpv6().map(|(k, _)| k) != Some(136)),
        "NA for an NS with a multicast target"
    );

    // 3. NA for an address nobody asked for (RFC 4861 7.2.5: no entry, no
    //    change), and one for the device's own address. Then a datagram
    //    from that address: the device must resolve it with an NS of its
    //    own, not send to the MAC the unsolicited NA claimed.
    let before_na = runner.counters();
    let stranger = ip6("fe80::99");
    let claimed_mac = [0x02, 0xde, 0xad, 0xbe, 0xef, 0x01];
    link.send(&frame::neighbor_advert(
        DEVICE_MAC,
        &me,
        &device,
        &stranger,
        claimed_mac,
    ));
    link.send(&frame::neighbor_advert(
        DEVICE_MAC,
        &me,
        &device,
        &device,
        claimed_mac,
    ));
    link.send(&frame::udp(
        DEVICE_MAC,
        &stranger,
        &device,
        4000,
        7,
        b"who am I",
    ));
    let seen = link.expect("NS for the unsolicited NA's target", t, |f| {
        f.nd_target(135) == Some(stranger)
    });
    assert_eq!(
        Seen(seen.last().unwrap()).ip_dst(),
        Some(ip6("ff02::1:ff00:99")),
        "multicast resolution (RFC 4861 7.2.2)"
    );
    assert!(
        seen.iter().all(|f| Seen(f).dst_mac() != Some(claimed_mac)),
        "the device used the MAC of an unsolicited NA"
    );
    runner.wait_event(mark, "udp_received", &[("src", "fe80::99")], t);
    let seen = barrier("unsolicited NAs");
    assert!(
        seen.iter().all(|f| Seen(f).dst_mac() != Some(claimed_mac)),
        "the device used the MAC of an unsolicited NA"
    );
    // Both NAs were taken in and set nothing (no drop reason fits a valid
    // NA that changes nothing: the runner counts them as consumed).
    let after_na = runner.counters();
    assert_eq!(delta(&before_na, &after_na, "consumed"), 2, "{after_na:?}");
    assert_eq!(delta(&before_na, &after_na, "udp_delivered"), 1);

    // 4. Truncated frames: an Ethernet header alone; an IPv6 header whose
    //    payload length (64) exceeds the frame; an ICMPv6 message of 2
    //    bytes. (Frames under 14 bytes cannot be sent on a TAP: EINVAL.)
    link.send(&[DEVICE_MAC.as_slice(), &frame::ATTACKER_MAC, &[0x86, 0xdd]].concat());
    let full = frame::echo_request(DEVICE_MAC, &me, &device, 1, 1, &[0x55; 56]);
    let mut cut = full[..54 + 8].to_vec();
    cut[18..20].copy_from_slice(&64u16.to_be_bytes());
    link.send(&cut);
    link.send(&frame::ipv6(
        DEVICE_MAC,
        &me,
        &device,
        frame::ICMPV6,
        64,
        &[128, 0],
    ));
    let seen = barrier("truncated frames");
    assert!(
        seen.iter().all(|f| Seen(f).echo_reply().is_none()),
        "answered a truncated echo"
    );

    // 5. Oversized frames (MTU of the kernel's tap0 raised to 9000): an
    //    echo request of 3062 bytes, and one of 1515 bytes: the runner's
    //    1514-byte buffer gets their start, which the stack must see as
    //    truncated. An echo request of exactly 1514 bytes is answered
    //    whole.
    ns.run(&["ip", "link", "set", TAP, "mtu", "9000"]);
    link.send(&frame::echo_request(
        DEVICE_MAC,
        &me,
        &device,
        2,
        1,
        &[0xaa; 3000],
    ));
    link.send(&frame::echo_request(
        DEVICE_MAC,
        &me,
        &device,
        2,
        2,
        &[0xaa; 1453],
    ));
    let max = frame::echo_request(DEVICE_MAC, &me, &device, 2, 3, &[0xab; 1452]);
    assert_eq!(max.len(), 1514);
    link.send(&max);
    let seen = link.expect("reply to the 1514-byte echo request", t, |f| {
        f.echo_reply().is_some_and(|(id, q, _)| (id, q) == (2, 3))
    });
    let reply = seen.last().unwrap();
    assert_eq!(reply.len(), 1514);
    assert_eq!(Seen(reply).echo_reply().unwrap().2, &[0xab; 1452][..]);
    assert!(
        seen.iter()
            .all(|f| !matches!(Seen(f).echo_reply(), Some((_, q, _)) if q != 3)),
        "answered an oversized echo request"
    );

    let after = runner.counters();
    assert_eq!(
        delta(&before, &after, "drop_invalid_ndp"),
        3,
        "two RAs and the NS\n{after:?}"
    );
    assert_eq!(delta(&before, &after, "drop_truncated"), 5, "{after:?}");
    assert!(
        !runner.has_event(mark, "router_learned", &[]),
        "router learned from a hostile RA\n{}",
        runner.diagnostics()
    );
    assert!(!runner.has_event(mark, "dns_server_learned", &[]));

    // 6. Floods of echo requests, back to back: 1000 while the runner
    //    runs, then 3000 while it is stopped (SIGSTOP), more than the
    //    kernel's TAP queue holds. Every request the kernel handed to the
    //    TAP is answered exactly once, with its own data; the others are
    //    in tap0's tx_dropped.
    let mut flooded = after.clone();
    for (id, count, stopped) in [(0xf10d_u16, 1000u16, false), (0xf10e, 3000, true)] {
        link.drain();
        let tx_dropped = ns.tap_stat("tx_dropped");
        let rx_dropped = ns.tap_stat("rx_dropped");
        link.drops();
        if stopped {
            // SAFETY: kill on the pid of the runner this test started.
            unsafe { libc::kill(runner.pid, libc::SIGSTOP) };
        }
        // A request the TAP queue cannot take is refused at once (ENOBUFS,
        // no qdisc in between) and counted in tap0's tx_dropped.
        let mut sent = 0u64;
        for q in 0..count {
            let data = q.to_be_bytes().repeat(16);
            if link.try_send(&frame::echo_request(DEVICE_MAC, &me, &device, id, q, &data)) {
                sent += 1;
            }
        }
        let lost_to_tap = ns.tap_stat("tx_dropped") - tx_dropped;
        if stopped {
            // SAFETY: as above.
            unsafe { libc::kill(runner.pid, libc::SIGCONT) };
        }
        let mut answered = vec![false; count as usize];
        for f in &barrier("flood") {
            if let Some((rid, q, data)) = Seen(f).echo_reply() {
                if rid != id {
                    continue;
                }
                assert!(
                    q < count && !answered[q as usize],
                    "reply {q} twice or unknown"
                );
                assert_eq!(data, q.to_be_bytes().repeat(16), "reply {q} data");
                answered[q as usize] = true;
            }
        }
        let answers = answered.iter().filter(|a| **a).count() as u64;
        let lost_on_return = ns.tap_stat("rx_dropped") - rx_dropped + link.drops() as u64;
        println!(
            "flood (runner {}): {count} requests, {sent} accepted, {answers} answered, \
             {lost_to_tap} dropped by the kernel's TAP queue, {lost_on_return} replies \
             dropped on the way back",
            if stopped { "stopped" } else { "running" }
        );
        assert!(answers > 0);
        assert_eq!(
            answers + lost_on_return,
            sent,
            "every request handed to the device is answered"
        );
        // The kernel's own count agrees (it may include a frame of its own).
        assert!(lost_to_tap >= count as u64 - sent);
        let now = runner.counters();
        assert!(delta(&flooded, &now, "rx_frames") >= answers);
        assert!(delta(&flooded, &now, "tx_frames") >= answers);
        flooded = now;
    }

    // 7. Still answering the kernel itself (whose own link-local address
    //    must be out of DAD to ping from).
    ns.kernel_link_local();
    assert_eq!(
        ns.ping(&format!("{DEVICE_LL}%{TAP}"), 3),
        3,
        "kernel ping after the hostile traffic\n{}",
        runner.diagnostics()
    );

    // 8. The control RA: the same as the hostile ones but valid. The device
    //    learns from it, so the hostile ones failed for their own fault.
    let mark = runner.mark();
    link.send(&frame::router_advert(&me, 255, &bad_prefix, &bad_dns));
    runner.wait_event(mark, "router_learned", &[("addr", "fe80::bad")], t);
    runner.wait_event(
        mark,
        "dns_server_learned",
        &[("addr", "2001:db8:bad::53")],
        t,
    );
    let end = runner.counters();
    assert_eq!(delta(&flooded, &end, "drop_invalid_ndp"), 0);
}
