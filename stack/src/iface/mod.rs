//! The IPv6 node: interface state driven through one caller-owned frame buffer.
//!
//! The stack owns no packet memory. The caller owns one frame buffer (about
//! 600 bytes on the MSP430 firmware, 1514 on a PC) and lends it to the
//! [`Interface`] for each call:
//!
//! * **Receive**: put a frame in the buffer and call
//!   [`Interface::receive`]. The frame is parsed in place and the answer is
//!   one of [`Received`]: an answer built in place to transmit (Neighbor
//!   Advertisement, echo reply, port unreachable...), a UDP datagram for the
//!   application (its payload stays in the buffer), a drop with its reason,
//!   or "consumed" (a Router Advertisement, a Neighbor Advertisement...).
//! * **Transmit**: when the buffer is free, call
//!   [`Interface::poll_transmit`] to let the stack build its own traffic
//!   (Router and Neighbor Solicitations, DAD probes, MLD reports), then the
//!   application sends with [`Interface::send_udp`] after writing its payload
//!   at [`Interface::udp_payload_offset`]. Nothing is queued: a datagram
//!   whose next hop is unresolved is refused with `WouldBlock` and the stack
//!   sends the Neighbor Solicitation on the next `poll_transmit`; the
//!   application sends again later.
//! * **Sleep**: [`Interface::poll_at`] gives the next deadline.
//!
//! The buffer must hold at least [`MIN_BUFFER`] bytes; answers are cut to
//! it (an ICMP error quotes what fits). A frame longer than the buffer
//! can come cut through [`Interface::receive_cut`] (its first bytes, its
//! length and the sum of the rest, from a driver that reads it so): a UDP
//! datagram is then verified and delivered with the bytes held (a DNS
//! answer larger than a small buffer), anything else is dropped.
//!
//! Time is a monotonic millisecond clock that the caller provides with every
//! call. Short timers are kept as wrapping `u32` milliseconds, lifetimes as
//! `u32` seconds.
//!
//! # What the node does
//!
//! * Addresses: link-local from the modified EUI-64 of the MAC (RFC 4291
//!   App. A), SLAAC addresses from Prefix Information with the A flag
//!   (RFC 4862 5.5.3, two-hour rule), removed when their valid lifetime ends.
//! * DAD for every address (RFC 4862 5.4) with a nonce (RFC 7527) so that a
//!   board with the same MAC is detected while our own looped probe is not;
//!   optional optimistic DAD (RFC 4429).
//! * Router discovery (RFC 4861 6.3.7, 6.3.4): RS at start, default router
//!   list, MTU, hop limit, ReachableTime, RetransTimer, on-link prefixes,
//!   RDNSS (RFC 8106).
//! * Neighbor Discovery: NS answered (DAD probes to all-nodes), address
//!   resolution and NUD with the RFC 4861 7.3 states, bounded eviction,
//!   router failover (6.3.6); every NDP message validated (6.1, 7.1, 8.1).
//! * MLDv2 reports for our solicited-node group (all our addresses share
//!   the EUI-64 interface identifier, so they have one) at start, when an
//!   address is added and in answer to queries; MLDv1 when an MLDv1 querier is
//!   present (RFC 3810 8.2.1).
//! * ICMPv6: echo replies, port unreachable, Parameter Problem (RFC 8200 4),
//!   rate-limited, never about errors, to multicast (but for the RFC 4443
//!   2.4 (e.3) exception) or to the unspecified address.
//! * UDP with mandatory checksums, a small table of bound ports and random
//!   ephemeral ports.
//!
//! Not done: fragment reassembly (atomic fragments are accepted), a
//! destination cache (a Redirect only records the target's link-layer
//! address), MLD "leave" reports when an address goes away, Router
//! Solicitations after the first three (RFC 7559 backoff), the Packet Too
//! Big / path MTU handling of RFC 8201 (UDP payloads are kept within the
//! link MTU).
//!
//! # Example
//!
//! ```
//! use microip6::iface::{Config, Interface, Received};
//! use microip6::wire::{Ipv6Address, MacAddress};
//!
//! let mac = MacAddress([0x02, 0x00, 0x00, 0x00, 0x00, 0x42]);
//! let mut config = Config::new(mac);
//! config.seed = 0x1234_5678; // from hardware jitter on the target
//! config.optimistic_dad = true;
//! let mut iface: Interface = Interface::new(config);
//! iface.bind(123).unwrap();
//!
//! let mut frame = [0u8; 600];
//! // The caller's monotonic milliseconds, wrapping (see `microip6::time`).
//! let mut now_ms: u32 = 0;
//! # let mut sent = 0;
//! for _ in 0..50 {
//!     // 1. A frame from the driver (none in this example).
//!     let rx_len: Option<usize> = None;
//!     if let Some(len) = rx_len {
//!         match iface.receive(&mut frame, len, now_ms) {
//!             Received::Transmit(n) => { /* driver.send(&frame[..n]) */ }
//!             Received::Udp(meta) => {
//!                 let _payload = &frame[meta.payload.clone()];
//!             }
//!             Received::Dropped(_) | Received::Consumed => {}
//!         }
//!     }
//!     // 2. The stack's own traffic: RS, DAD, MLD, address resolution.
//!     while let Some(n) = iface.poll_transmit(&mut frame, now_ms) {
//!         // driver.send(&frame[..n]);
//! #       sent += 1;
//! #       assert!(n >= 62);
//!     }
//!     // 3. The application: payload first, then headers around it.
//!     let off = iface.udp_payload_offset();
//!     frame[off..off + 4].copy_from_slice(b"ping");
//!     let server = Ipv6Address::new([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
//!     match iface.send_udp(&mut frame, now_ms, 123, &server, 123, 4) {
//!         Ok(n) => { /* driver.send(&frame[..n]) */ }
//!         Err(nb::Error::WouldBlock) => { /* NS goes out on the next poll */ }
//!         Err(nb::Error::Other(_e)) => {}
//!     }
//!     // 4. Sleep until the next deadline or the next frame.
//!     let wait = iface.poll_at(now_ms).map_or(1000, |at| microip6::time::until(now_ms, at));
//!     now_ms = now_ms.wrapping_add(wait.max(1));
//! }
//! # assert!(sent >= 3); // MLD report, DAD probe, RS at least
//! while let Some(event) = iface.poll_event() {
//!     let _ = event; // AddressAssigned(fe80::ff:fe00:42)...
//! }
//! ```

mod input;
mod output;
mod rng;
mod tables;
#[cfg(test)]
mod tests;

pub use rng::Rng;
pub use tables::{AddressState, NeighborState};

use crate::clock::less_than;
// (`after`: the one out-of-line copy of the wrapping 32-bit addition,
// shared with the applications.)
use crate::time::{self, after};
use crate::wire::{Ipv6Address, MacAddress};
use core::ops::Range;
use tables::{AddrEntry, AddrSlot, Neighbor, Timed};

const _: () = assert!(consts::MAX_MULTICAST_SOLICIT == consts::MAX_UNICAST_SOLICIT);

/// The longest wait `poll_at` gives for a lifetime end (about 23 days, so
/// that the milliseconds fit 32 bits).
const MAX_LIFETIME_WAIT_S: u32 = 2_000_000;

/// Addresses per interface: the link-local one and two SLAAC addresses.
pub const MAX_ADDRESSES: usize = 3;

/// On-link prefixes remembered from Router Advertisements (L flag).
pub const MAX_PREFIXES: usize = 2;
/// UDP ports that can be bound at once.
pub const MAX_PORTS: usize = 4;
/// The smallest buffer the stack supports: it holds every frame the stack
/// builds itself (the largest, an MLDv2 report, is 90 bytes) and an ICMP
/// error with a useful quote. Smaller buffers make `poll_transmit` skip
/// frames.
pub const MIN_BUFFER: usize = 130;
/// [`Interface::source_code`]'s answer when no address will do (one
/// more: an address that would do is still tentative).
const NO_SOURCE: u16 = 4;
// (Every slot index is below it, or a slot would read as "none".)
const _: () = assert!(MAX_ADDRESSES < NO_SOURCE as usize);
/// Events waiting for [`Interface::poll_event`]; more are counted as lost.
pub const MAX_EVENTS: usize = 4;

/// Protocol constants of RFC 4861 section 10 (host values) and RFC 4862.
pub mod consts {
    /// MAX_RTR_SOLICITATION_DELAY: 1 second.
    pub const MAX_RTR_SOLICITATION_DELAY_MS: u32 = 1_000;
    /// RTR_SOLICITATION_INTERVAL: 4 seconds.
    pub const RTR_SOLICITATION_INTERVAL_MS: u32 = 4_000;
    /// MAX_RTR_SOLICITATIONS: 3 transmissions.
    pub const MAX_RTR_SOLICITATIONS: u8 = 3;
    /// MAX_MULTICAST_SOLICIT: 3 transmissions.
    pub const MAX_MULTICAST_SOLICIT: u8 = 3;
    /// MAX_UNICAST_SOLICIT: 3 transmissions.
    pub const MAX_UNICAST_SOLICIT: u8 = 3;
    /// REACHABLE_TIME: 30 seconds.
    pub const REACHABLE_TIME_MS: u32 = 30_000;
    /// RETRANS_TIMER: 1 second.
    pub const RETRANS_TIMER_MS: u32 = 1_000;
    /// DELAY_FIRST_PROBE_TIME: 5 seconds.
    pub const DELAY_FIRST_PROBE_TIME_MS: u32 = 5_000;
    /// Default hop limit until a Router Advertisement says otherwise
    /// (IANA default, RFC 8200 / RFC 4861 6.3.2 CurHopLimit).
    pub const DEFAULT_HOP_LIMIT: u8 = 64;
    /// Link MTU of Ethernet (RFC 2464 2).
    pub const ETHERNET_MTU: u16 = 1500;
    /// Minimum IPv6 MTU (RFC 8200 5).
    pub const MIN_MTU: u16 = 1280;
    /// The two hours of RFC 4862 5.5.3 (e), in seconds.
    pub const TWO_HOURS_S: u32 = 7_200;
    /// MLDv2 Unsolicited Report Interval (RFC 3810 9.11): 1 second.
    pub const MLD_UNSOLICITED_REPORT_INTERVAL_MS: u32 = 1_000;
    /// MLDv2 Robustness Variable (RFC 3810 9.1): reports sent per change.
    pub const MLD_ROBUSTNESS: u8 = 2;
    /// Older Version Querier Present Timeout (RFC 3810 9.12): Robustness
    /// times Query Interval (125 s) plus Query Response Interval (10 s).
    pub const MLD_OLDER_QUERIER_TIMEOUT_S: u32 = 260;
}

/// Interface configuration, given to [`Interface::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The Ethernet address of the interface.
    pub mac: MacAddress,
    /// Optimistic DAD (RFC 4429): addresses are usable while DAD runs.
    pub optimistic_dad: bool,
    /// Seed of the random generator (ports, delays); use hardware jitter.
    pub seed: u32,
    /// DupAddrDetectTransmits (RFC 4862 5.1); 0 disables DAD.
    pub dad_transmits: u8,
    /// ICMP error rate limit (RFC 4443 2.4 (f)): bucket size...
    pub icmp_error_burst: u8,
    /// ...and one new token every this many milliseconds.
    pub icmp_error_interval_ms: u16,
}

impl Config {
    /// Defaults: standard DAD with one probe, ICMP errors limited to a
    /// burst of 4 and then one every 250 ms.
    pub const fn new(mac: MacAddress) -> Config {
        Config {
            mac,
            optimistic_dad: false,
            seed: 1,
            dad_transmits: 1,
            icmp_error_burst: 4,
            icmp_error_interval_ms: 250,
        }
    }
}

/// A UDP datagram delivered by [`Interface::receive`]. Its payload stays in
/// the caller's buffer at `payload`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdpMeta {
    /// Source address.
    pub src: Ipv6Address,
    /// Source port.
    pub src_port: u16,
    /// Destination address (one of ours, or a multicast group).
    pub dst: Ipv6Address,
    /// Destination port (a bound port).
    pub dst_port: u16,
    /// Where the payload is in the buffer. For a datagram longer than the
    /// buffer, delivered cut by [`Interface::receive_cut`], it ends past the
    /// bytes stored: `payload.end` is where the whole datagram ends, the
    /// bytes held are `payload.start..stored` (the datagram's checksum was
    /// verified over all of it). From [`Interface::receive`] it always lies
    /// in the buffer.
    pub payload: Range<usize>,
}

/// What [`Interface::receive`] made of a frame.
// Tags 0, 1, 2 and 4: the often returned `Consumed` is a
// constant-generator value on the 16-bit target (3 takes an extra word).
#[derive(Debug, Clone, PartialEq, Eq)]
#[repr(u8)]
pub enum Received {
    /// An answer was built in place: transmit the first `n` bytes.
    Transmit(usize) = 0,
    /// A UDP datagram for a bound port.
    Udp(UdpMeta) = 1,
    /// The frame was dropped (and counted) for this reason.
    Dropped(DropReason) = 2,
    /// The frame was valid and used by the stack (RA, NA, MLD query...).
    Consumed = 4,
}

/// Why a frame was dropped. Each reason has a counter
/// ([`Counters::dropped`]).
// The values index the counters (0 to COUNT - 1, BufferTooSmall the
// last). The reasons given from the most places (Truncated, IcmpIgnored,
// WrongDestination, InvalidNdp) have the 16-bit target's
// constant-generator values 0, 2, 4, 8: shorter argument loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum DropReason {
    /// Shorter than its headers or than its length fields say (also a
    /// frame cut by the buffer, [`Interface::receive_cut`], that is not a
    /// UDP datagram it can verify cut).
    Truncated = 0,
    /// Destination MAC neither ours nor a group we listen to, or a group
    /// source MAC.
    WrongMac = 1,
    /// Not an IPv6 EtherType.
    NotIpv6 = 10,
    /// IPv6 header invalid (version, payload length, multicast source).
    BadIpv6 = 3,
    /// Destination IPv6 address not ours (or tentative, for non-DAD traffic).
    WrongDestination = 4,
    /// Our own DAD probe (recognised by its nonce) or Router Advertisement
    /// source came back.
    Looped = 5,
    /// Checksum does not verify.
    BadChecksum = 6,
    /// Malformed or unsupported extension header (options discarded by
    /// their action bits, non-atomic fragments).
    ExtensionHeader = 7,
    /// Unknown Next Header (a Parameter Problem is sent when allowed).
    UnknownProtocol = 9,
    /// A Neighbor Discovery or MLD message failed validation (RFC 4861
    /// 6.1 / 7.1, RFC 3810 5): spoofed or malformed.
    InvalidNdp = 8,
    /// An ICMPv6 message this host does not act upon.
    IcmpIgnored = 2,
    /// UDP to a port nobody bound (a port unreachable is sent when allowed).
    NoListener = 11,
    /// An ICMP error was due but suppressed by the rate limit.
    RateLimited = 12,
    /// The buffer is too small to build the answer.
    BufferTooSmall = 13,
}

impl DropReason {
    /// Number of reasons (size of the counter array).
    pub const COUNT: usize = DropReason::BufferTooSmall as usize + 1;
}

/// Statistics, readable with [`Interface::counters`]. 16-bit, wrapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counters {
    /// Frames handed to `receive`.
    pub rx_frames: u16,
    /// Frames built for transmission (answers, own traffic, UDP).
    pub tx_frames: u16,
    /// UDP datagrams delivered to the application.
    pub udp_delivered: u16,
    /// UDP datagrams sent.
    pub udp_sent: u16,
    /// ICMPv6 error messages sent.
    pub icmp_errors_sent: u16,
    /// Events lost because the queue was full.
    pub events_lost: u16,
    /// Drops, indexed by `DropReason as usize`.
    pub drops: [u16; DropReason::COUNT],
}

impl Counters {
    /// The number of frames dropped for `reason`.
    pub fn dropped(&self, reason: DropReason) -> u16 {
        self.drops[reason as usize]
    }
}

/// Something the application may want to know, from
/// [`Interface::poll_event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Tags from 1: an empty queue slot (`None`) is then all zero bytes. The
// kinds queued from two places each (RouterLost, DnsServerExpired) and
// two more have the 16-bit target's constant-generator values 1, 2, 4, 8
// (shorter argument loads).
#[repr(u8)]
pub enum Event {
    /// DAD passed: the address is preferred.
    AddressAssigned(Ipv6Address) = 3,
    /// DAD found a duplicate: the address is not used (RFC 4862 5.4.5).
    AddressDuplicate(Ipv6Address) = 4,
    /// The valid lifetime ended: the address left the interface.
    AddressExpired(Ipv6Address) = 8,
    /// A new default router.
    RouterLearned(Ipv6Address) = 5,
    /// A default router left the list (lifetime 0 or expired).
    RouterLost(Ipv6Address) = 1,
    /// A new recursive DNS server (RFC 8106).
    DnsServerLearned(Ipv6Address) = 6,
    /// A DNS server's lifetime ended.
    DnsServerExpired(Ipv6Address) = 2,
    /// Address resolution or NUD gave up on this neighbor.
    NeighborUnreachable(Ipv6Address) = 7,
}

/// The kinds of [`Event`], stored as their tags (`Event`'s discriminants).
#[derive(Clone, Copy)]
#[repr(u8)]
enum EventKind {
    AddressAssigned = 3,
    AddressDuplicate = 4,
    AddressExpired = 8,
    RouterLearned = 5,
    RouterLost = 1,
    DnsServerLearned = 6,
    DnsServerExpired = 2,
    NeighborUnreachable = 7,
}

/// Why [`Interface::send_udp`] refused a datagram (besides `WouldBlock`).
///
/// (Discriminants 0, 1, 2, 4: each stored as a constant-generator value on
/// the 16-bit target, no immediate word.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum SendError {
    /// Payload larger than the buffer or the path MTU allows.
    TooLarge = 0,
    /// No address of a suitable scope to send from.
    NoSourceAddress = 1,
    /// Off-link destination and no default router.
    NoRoute = 2,
    /// Unspecified destination, or port 0.
    BadAddress = 4,
}

/// Why [`Interface::bind`] failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindError {
    /// The port is bound already.
    InUse,
    /// All [`MAX_PORTS`] slots are taken.
    Full,
    /// Port 0.
    BadPort,
}

/// Per-link parameters learned from Router Advertisements (RFC 4861 6.3.2).
#[derive(Debug, Clone, Copy)]
struct LinkParams {
    mtu: u16,
    hop_limit: u8,
    base_reachable_ms: u32,
    reachable_ms: u32,
    retrans_ms: u32,
}

impl LinkParams {
    /// Before any Router Advertisement: the link's MTU and the protocol
    /// defaults (RFC 4861 6.3.2, 10). (One constant: copied in one piece.)
    const DEFAULT: LinkParams = LinkParams {
        mtu: consts::ETHERNET_MTU,
        hop_limit: consts::DEFAULT_HOP_LIMIT,
        base_reachable_ms: consts::REACHABLE_TIME_MS,
        reachable_ms: consts::REACHABLE_TIME_MS,
        retrans_ms: consts::RETRANS_TIMER_MS,
    };
}

/// An IPv6 host interface on Ethernet, with `N` neighbor cache entries,
/// `R` default routers and `D` DNS servers.
///
/// The defaults (4, 2, 2) suit the MSP430 firmware; the whole state is a
/// few hundred bytes (see `size_of` in the tests).
#[derive(Debug, Clone)]
pub struct Interface<const N: usize = 4, const R: usize = 2, const D: usize = 2> {
    mac: MacAddress,
    optimistic: bool,
    dad_transmits: u8,
    started: bool,
    rng: Rng,
    /// The caller's clock at the last call: wrapping milliseconds, and
    /// seconds since the first call plus the milliseconds since the last
    /// whole one (kept incrementally: no 64-bit division on the target).
    now_ms: u32,
    now_s: u32,
    sub_ms: u16,
    /// Nonce of our DAD probes (RFC 7527 / RFC 3971 5.3.2), to recognise
    /// them if the link loops them back to us.
    dad_nonce: [u8; 6],
    params: LinkParams,
    addrs: [AddrEntry; MAX_ADDRESSES],
    prefixes: [Timed; MAX_PREFIXES],
    neighbors: [Neighbor; N],
    routers: [Timed; R],
    dns: [Timed; D],
    ports: [u16; MAX_PORTS],
    /// Router Solicitations left to send, and when the next one goes.
    rs_left: u8,
    rs_at: u32,
    /// Unsolicited MLD reports left to send, and when.
    mld_left: u8,
    mld_at: u32,
    /// A report answering a query is due at `mld_query_at`.
    mld_query_pending: bool,
    mld_query_at: u32,
    /// MLDv1 compatibility (RFC 3810 8.2.1): an MLDv1 querier was heard;
    /// reports are MLDv1 until this time (s); 0 when none.
    mldv1_until: u32,
    /// An MLDv1 report is still to send.
    mldv1_pending: bool,
    /// ICMP error token bucket (RFC 4443 2.4 (f)).
    icmp_burst: u8,
    icmp_interval_ms: u16,
    icmp_tokens: u8,
    icmp_refill_at: u32,
    /// Pending events as (`EventKind` tag, address); tag 0 is an empty
    /// slot (all zero bytes).
    events: [(u8, Ipv6Address); MAX_EVENTS],
    counters: Counters,
}

impl<const N: usize, const R: usize, const D: usize> Interface<N, R, D> {
    /// A new interface. Its link-local address (RFC 4862 5.3, modified
    /// EUI-64 of RFC 4291 Appendix A) is tentative; DAD, the MLD report and
    /// Router Solicitations start at the first call that gives the time.
    ///
    /// The same as [`Interface::UNCONFIGURED`] followed by
    /// [`Interface::configure`]; for a state kept in a `static`, use those
    /// two instead to build it in place, without a copy on the stack.
    pub fn new(config: Config) -> Self {
        let mut i = const { Self::UNCONFIGURED };
        i.configure(config);
        i
    }

    /// Puts the interface, in place, in exactly the state that
    /// [`Interface::new`] with `config` returns, whatever it held before
    /// (addresses, neighbors, bound ports, counters and events are all
    /// forgotten; see [`Interface::restart`] to keep ports and counters).
    ///
    /// Meant for an interface kept in a `static` initialised with
    /// [`Interface::UNCONFIGURED`]: no interface-sized temporary is built.
    pub fn configure(&mut self, config: Config) {
        // From the all-zero state (empty tables, zero timers and counters:
        // a memset) with the few other fields set after: much less code
        // than a field-by-field literal on the 16-bit target.
        *self = const { Self::UNCONFIGURED };
        self.configure_unconfigured(config);
    }

    /// [`Interface::configure`] for an interface that is
    /// [`Interface::UNCONFIGURED`] (never configured: all zero bytes, a
    /// small target's `static` since reset): the same state, without
    /// clearing again what is zero already. On an interface that was
    /// configured, whatever it held (addresses, neighbors, ports, counters,
    /// events) would stay: use `configure` there.
    pub fn configure_unconfigured(&mut self, config: Config) {
        self.mac = config.mac;
        self.optimistic = config.optimistic_dad;
        self.dad_transmits = config.dad_transmits;
        self.rng = Rng::new(config.seed);
        self.params = LinkParams::DEFAULT;
        // The rest of the entry is zero already, and so are bytes 2-7 of
        // the address: fe80::/64 + modified EUI-64 of the MAC written byte
        // by byte (RFC 4862 5.3, RFC 4291 Appendix A; what
        // `Ipv6Address::link_local_from_mac` gives), no stores of zeros.
        let ll = &mut self.addrs[0];
        let (a, m) = (&mut ll.addr.0, &config.mac.0);
        a[0] = 0xfe;
        a[1] = 0x80;
        a[8] = m[0] ^ 0x02;
        a[9] = m[1];
        a[10] = m[2];
        a[11] = 0xff;
        a[12] = 0xfe;
        a[13] = m[3];
        a[14] = m[4];
        a[15] = m[5];
        ll.slot = AddrSlot::Tentative;
        ll.preferred_until = tables::INFINITE;
        ll.valid_until = tables::INFINITE;
        self.icmp_burst = config.icmp_error_burst;
        self.icmp_interval_ms = config.icmp_error_interval_ms;
        self.icmp_tokens = config.icmp_error_burst;
    }

    /// True until [`Interface::configure`] (or `new`): the link-local slot
    /// is free only in [`Interface::UNCONFIGURED`] (its valid lifetime is
    /// infinite and DAD failure marks it duplicate, not free).
    fn unconfigured(&self) -> bool {
        self.addrs[0].slot == AddrSlot::Free
    }

    /// An interface that is not configured yet: every byte zero, so that a
    /// `static` initialised with it lands in `.bss` (no flash image, no
    /// copy at start-up). Call [`Interface::configure`] before use.
    ///
    /// Every method may be called on it and none panics, but it does
    /// nothing useful: it has no address, sends nothing, its timers do not
    /// start, `send_udp` fails with `NoSourceAddress` and received frames
    /// are dropped or ignored.
    pub const UNCONFIGURED: Self = Interface {
        mac: MacAddress([0; 6]),
        optimistic: false,
        dad_transmits: 0,
        started: false,
        rng: Rng::ZERO,
        now_ms: 0,
        now_s: 0,
        sub_ms: 0,
        dad_nonce: [0; 6],
        params: LinkParams {
            mtu: 0,
            hop_limit: 0,
            base_reachable_ms: 0,
            reachable_ms: 0,
            retrans_ms: 0,
        },
        addrs: [AddrEntry::FREE; MAX_ADDRESSES],
        prefixes: [Timed::FREE; MAX_PREFIXES],
        neighbors: [Neighbor::FREE; N],
        routers: [Timed::FREE; R],
        dns: [Timed::FREE; D],
        ports: [0; MAX_PORTS],
        rs_left: 0,
        rs_at: 0,
        mld_left: 0,
        mld_at: 0,
        mld_query_pending: false,
        mld_query_at: 0,
        mldv1_until: 0,
        mldv1_pending: false,
        icmp_burst: 0,
        icmp_interval_ms: 0,
        icmp_tokens: 0,
        icmp_refill_at: 0,
        events: [(0, Ipv6Address::UNSPECIFIED); MAX_EVENTS],
        counters: Counters {
            rx_frames: 0,
            tx_frames: 0,
            udp_delivered: 0,
            udp_sent: 0,
            icmp_errors_sent: 0,
            events_lost: 0,
            drops: [0; DropReason::COUNT],
        },
    };

    /// Starts the interface again, as after a link-down/link-up event (an
    /// unplugged cable, another switch): every address, neighbor, router,
    /// prefix and DNS server is forgotten, and the link-local address goes
    /// through DAD again with new Router Solicitations (RFC 4862 5.3, 5.4).
    /// Bound ports, counters and the configuration stay. Does nothing to an
    /// unconfigured interface.
    pub fn restart(&mut self) {
        if self.unconfigured() {
            return;
        }
        let config = Config {
            mac: self.mac,
            optimistic_dad: self.optimistic,
            seed: self.rng.next_u32(),
            dad_transmits: self.dad_transmits,
            icmp_error_burst: self.icmp_burst,
            icmp_error_interval_ms: self.icmp_interval_ms,
        };
        let (ports, counters) = (self.ports, self.counters);
        self.configure(config);
        self.ports = ports;
        self.counters = counters;
    }

    /// The interface's MAC address.
    pub fn mac(&self) -> MacAddress {
        self.mac
    }

    /// The link-local address (whatever its DAD state).
    pub fn link_local(&self) -> Ipv6Address {
        self.addrs[0].addr
    }

    /// The interface's addresses and their states at the last call's time.
    pub fn addresses(&self) -> impl Iterator<Item = (Ipv6Address, AddressState)> + '_ {
        self.addrs
            .iter()
            .filter_map(move |a| a.state(self.now_s).map(|s| (a.addr, s)))
    }

    /// The preferred global address to show or to source from: assigned,
    /// not deprecated, else deprecated, else optimistic (RFC 6724 rule 3).
    /// By reference (no 16-byte copy; `.copied()` gives a value).
    pub fn global_address(&self) -> Option<&Ipv6Address> {
        const GLOBAL: Ipv6Address = Ipv6Address::new([0x2000, 0, 0, 0, 0, 0, 0, 1]);
        // (For a global destination `select_source` picks among the SLAAC
        // slots only, never the link-local one.)
        let i = self.select_source(&GLOBAL).ok()?;
        Some(&slot_ref(&self.addrs, i).addr)
    }

    /// The state of `addr` if it is one of the interface's addresses.
    pub fn address_state(&self, addr: &Ipv6Address) -> Option<AddressState> {
        self.addresses().find(|(a, _)| a == addr).map(|(_, s)| s)
    }

    /// The default routers (link-local addresses), in preference order is
    /// not implied.
    pub fn routers(&self) -> impl Iterator<Item = Ipv6Address> + '_ {
        self.routers.iter().filter(|r| r.used()).map(|r| r.addr)
    }

    /// The router chosen for off-link traffic (RFC 4861 6.3.6), if any,
    /// by reference.
    pub fn default_router(&self) -> Option<&Ipv6Address> {
        self.select_router().map(|r| &r.addr)
    }

    /// The recursive DNS servers learned from RDNSS options (RFC 8106), by
    /// reference.
    pub fn dns_servers(&self) -> impl Iterator<Item = &Ipv6Address> + '_ {
        self.dns.iter().filter(|d| d.used()).map(|d| &d.addr)
    }

    /// The neighbor cache entry for `ip`: its state and link-layer address
    /// (meaningless while INCOMPLETE).
    pub fn neighbor(&self, ip: &Ipv6Address) -> Option<(NeighborState, MacAddress)> {
        let (_, n) = self.neighbor_index(ip)?;
        Some((n.state?, n.mac))
    }

    /// The entry of the default router `ip` in the router list (an address is
    /// listed once: `router_update` adds only routers not found).
    fn router_entry(&mut self, ip: &Ipv6Address) -> Option<&mut Timed> {
        tables::find(&mut self.routers, ip)
    }

    /// Index and entry of the neighbor cache entry for `ip` (not a free
    /// slot; [`neighbor_index`] of the cache).
    #[cfg_attr(target_pointer_width = "16", inline(always))]
    fn neighbor_index(&self, ip: &Ipv6Address) -> Option<(usize, &Neighbor)> {
        neighbor_index(&self.neighbors, ip)
    }

    /// Link MTU (from the RA MTU option, RFC 4861 4.6.4).
    pub fn mtu(&self) -> u16 {
        self.params.mtu
    }

    /// Hop limit for outgoing unicast (CurHopLimit, RFC 4861 6.3.4).
    pub fn hop_limit(&self) -> u8 {
        self.params.hop_limit
    }

    /// The current ReachableTime (ms) and RetransTimer (ms).
    pub fn nd_timers(&self) -> (u32, u32) {
        (self.params.reachable_ms, self.params.retrans_ms)
    }

    /// Statistics and drop counters.
    pub fn counters(&self) -> &Counters {
        &self.counters
    }

    /// The oldest pending event, if any.
    pub fn poll_event(&mut self) -> Option<Event> {
        // (The event built from the slot in place, before the queue
        // moves: no copy of the slot first. An empty first slot means an
        // empty queue, the events filling the first free slots: nothing
        // to move then.)
        let (tag, a) = &self.events[0];
        let a = *a;
        // One match here rather than one event constructor per kind.
        let event = match *tag {
            1 => Event::RouterLost(a),
            2 => Event::DnsServerExpired(a),
            3 => Event::AddressAssigned(a),
            4 => Event::AddressDuplicate(a),
            5 => Event::RouterLearned(a),
            6 => Event::DnsServerLearned(a),
            7 => Event::NeighborUnreachable(a),
            8 => Event::AddressExpired(a),
            _ => return None,
        };
        // The queue moves up by one (a copy: smaller than a rotation).
        self.events.copy_within(1.., 0);
        self.events[MAX_EVENTS - 1].0 = 0;
        Some(event)
    }

    /// Binds a UDP port: datagrams to it are delivered by `receive`.
    pub fn bind(&mut self, port: u16) -> Result<(), BindError> {
        if port == 0 {
            return Err(BindError::BadPort);
        }
        if self.ports.contains(&port) {
            return Err(BindError::InUse);
        }
        match self.ports.iter_mut().find(|p| **p == 0) {
            Some(slot) => {
                *slot = port;
                Ok(())
            }
            None => Err(BindError::Full),
        }
    }

    /// Binds a random free port of the dynamic range 49152-65535
    /// (RFC 6335 6), drawn from the seeded generator.
    // (Decoded here, inlined at the callers, from the out-of-line
    // `ephemeral_port`'s one word: a `Result<u16, BindError>` is returned
    // through memory on the 16-bit target.)
    #[inline(always)]
    pub fn bind_ephemeral(&mut self) -> Result<u16, BindError> {
        match self.ephemeral_port() {
            0 => Err(BindError::Full),
            port => Ok(port),
        }
    }

    /// [`Self::bind_ephemeral`]'s port, or 0 when every slot is taken.
    #[inline(never)]
    fn ephemeral_port(&mut self) -> u16 {
        if !self.ports.contains(&0) {
            return 0;
        }
        loop {
            // At most MAX_PORTS draws can collide: this ends.
            // (The low 14 bits: `below(16384)`'s value, without its
            // remainder call.)
            let port = 49152 | (self.rng.next_u32() as u16 & 0x3fff);
            if self.bind(port).is_ok() {
                return port;
            }
        }
    }

    /// Releases a port; true if it was bound.
    pub fn unbind(&mut self, port: u16) -> bool {
        match self.ports.iter_mut().find(|p| **p == port && port != 0) {
            Some(p) => {
                *p = 0;
                true
            }
            None => false,
        }
    }

    /// Where the application writes a UDP payload before
    /// [`Interface::send_udp`]: after the Ethernet, IPv6 and UDP headers.
    pub const fn udp_payload_offset(&self) -> usize {
        output::UDP_PAYLOAD
    }

    /// The largest UDP payload that fits a buffer of `buf_len` bytes and
    /// the link MTU.
    pub fn max_udp_payload(&self, buf_len: usize) -> usize {
        // (Saturating: the MTU is 0 in an unconfigured interface.)
        let by_mtu = (self.params.mtu as usize).saturating_sub(output::UDP_HEADERS);
        buf_len.saturating_sub(output::UDP_PAYLOAD).min(by_mtu)
    }

    /// The next time (same wrapping clock as `now_ms`, see [`crate::time`])
    /// at which the stack has something to do: a timer to run or a frame
    /// to send. `None` when nothing is scheduled. May be due already
    /// (`time::due(now_ms, at)`): call `poll_transmit`.
    pub fn poll_at(&mut self, now_ms: u32) -> Option<u32> {
        self.advance(now_ms);
        let mut t = Soonest {
            clock: self,
            delay: u32::MAX,
        };
        for a in self.addrs.iter() {
            if a.in_dad() {
                t.ms(a.dad_at);
            }
            // Lifetimes, in seconds (free slots have 0, past ends are
            // skipped by `s`).
            if a.usable() {
                t.s(a.preferred_until);
                t.s(a.valid_until);
            }
        }
        if self.rs_left > 0 {
            t.ms(self.rs_at);
        }
        if self.mld_left > 0 {
            t.ms(self.mld_at);
        }
        if self.mld_query_pending {
            t.ms(self.mld_query_at);
        }
        if self.mldv1_pending {
            t.delay = 0;
        }
        for n in self.neighbors.iter() {
            // Every state but STALE (and free) has a timer running.
            if n.state.is_some() && n.state != Some(NeighborState::Stale) {
                t.ms(n.timer);
            }
        }
        t.table(&self.routers);
        t.table(&self.prefixes);
        t.table(&self.dns);
        // u32::MAX is none: no delay reaches it.
        if t.delay == u32::MAX {
            return None;
        }
        Some(after(now_ms, t.delay))
    }

    /// Records the time and runs the timers that need no transmission.
    ///
    /// The clock must be monotonic; calls must come less than 49 days
    /// apart (the millisecond timers themselves span at most 24 days).
    fn advance(&mut self, now32: u32) {
        if self.started {
            // Same millisecond as the last call: every timer due now has
            // run already (a timer set since then is due later), so a
            // burst of frames pays for the timer scan once.
            if now32 == self.now_ms {
                return;
            }
            let total = now32
                .wrapping_sub(self.now_ms)
                .wrapping_add(self.sub_ms as u32);
            let secs = total / 1000;
            self.now_s = self.now_s.wrapping_add(secs);
            // (The remainder is below 1000: its low 16 bits are the
            // difference of the low 16 bits, a 16-bit product.)
            self.sub_ms = (total as u16).wrapping_sub((secs as u16).wrapping_mul(1000));
            self.now_ms = now32;
        } else {
            // An unconfigured interface never starts.
            if self.unconfigured() {
                return;
            }
            // The second count starts at 0 here (only differences of
            // seconds matter): no 64-bit division.
            self.started = true;
            self.now_ms = now32;
            self.start();
        }
        self.expire();
    }

    /// Interface start: DAD of the link-local address (RFC 4862 5.4.2,
    /// after a random delay of up to MAX_RTR_SOLICITATION_DELAY), its MLD
    /// report, and the Router Solicitations (RFC 4861 6.3.7).
    fn start(&mut self) {
        self.randomize_reachable_time();
        let a = self.rng.next_u32().to_be_bytes();
        let b = self.rng.next_u32().to_be_bytes();
        self.dad_nonce[..4].copy_from_slice(&a);
        self.dad_nonce[4..].copy_from_slice(&b[..2]);
        self.begin_dad(0);
        self.rs_left = consts::MAX_RTR_SOLICITATIONS;
        self.rs_at = self.random_time(consts::MAX_RTR_SOLICITATION_DELAY_MS);
    }

    /// A time random from 1 to `max_ms` ms after now (1 ms for `max_ms`
    /// 0), never now itself: a timer is never armed due in the
    /// millisecond of the call that arms it. `advance` runs the timers
    /// once per millisecond (it counts on every timer due then having
    /// run), and a time armed by a `poll_transmit` that builds nothing
    /// would be announced by `poll_at` with `poll_transmit` done. Within
    /// the RFCs' ranges: [0, MAX_RTR_SOLICITATION_DELAY] for the first RS
    /// and DAD probe (RFC 4861 6.3.7, RFC 4862 5.4.2), the open (0, ...)
    /// of the MLD report retransmissions and query answers (RFC 3810
    /// 6.1, 6.2).
    // Not inlined: one copy of the 32-bit addition for the four random
    // delays (RS, DAD, MLD reports and query answers). (The draw from 0
    // to `max_ms` as before, a 0 made 1 by an OR of the test: every other
    // delay the same for a seed, which the simulations' timings depend
    // on, where `below(max_ms) + 1`, 2 bytes less, moved them all;
    // `max(1)` took 6 bytes more.)
    #[inline(never)]
    fn random_time(&mut self, max_ms: u32) -> u32 {
        let d = self.rng.below(max_ms + 1);
        after(self.now_ms, d | u32::from(d == 0))
    }

    /// ReachableTime: uniformly random between 0.5 and 1.5 times
    /// BaseReachableTime (RFC 4861 6.3.2, MIN/MAX_RANDOM_FACTOR).
    // (Made odd: never 0, so that a REACHABLE entry's timer is never due
    // in the millisecond that armed it, which `advance` would not run
    // before the next millisecond; an RA's Reachable Time of 1 ms gave 0.
    // Still within 0.5 to 1.5 times the base: the bit raises the sum,
    // at most base / 2 + base - 1, by 1 at most. 2 bytes, where a + 1
    // took 10 on the 16-bit target.)
    fn randomize_reachable_time(&mut self) {
        let base = self.params.base_reachable_ms;
        self.params.reachable_ms = after(base / 2, self.rng.below(base)) | 1;
    }

    /// Counts a drop and gives the `Received` for it. Not inlined: one
    /// copy instead of one at each of the many drop points.
    #[inline(never)]
    fn count_drop(&mut self, reason: DropReason) -> Received {
        let c = &mut self.counters.drops[reason as usize];
        *c = c.wrapping_add(1);
        Received::Dropped(reason)
    }

    /// Puts address slot `i` in DAD (RFC 4862 5.4): tentative (or
    /// optimistic, RFC 4429 3.1), first probe after a random delay, and an
    /// MLD report for its solicited-node group before it (RFC 4862 5.4.2).
    /// Sets the DAD fields only: it reads neither the slot's address nor
    /// its lifetimes (SLAAC sets them after the call, 99c9b86), so a
    /// change here that reads them must move that call.
    fn begin_dad(&mut self, i: usize) {
        let at = self.random_time(consts::MAX_RTR_SOLICITATION_DELAY_MS);
        let e = slot_mut(&mut self.addrs, i);
        e.slot = if self.optimistic {
            AddrSlot::Optimistic
        } else {
            AddrSlot::Tentative
        };
        e.dad_left = self.dad_transmits;
        e.dad_at = at;
        self.schedule_mld(at);
    }

    /// Schedules the unsolicited MLD reports (RFC 3810 6.1: Robustness
    /// Variable copies) with the first one at `at` at the latest.
    fn schedule_mld(&mut self, at: u32) {
        if self.mld_left == 0 || !time::due(at, self.mld_at) {
            self.mld_at = at;
        }
        self.mld_left = consts::MLD_ROBUSTNESS;
    }

    /// Lifetime and neighbor timers that change state without sending.
    fn expire(&mut self) {
        let now_s = self.now_s;
        let now = self.now_ms;
        // Addresses: DAD end (RFC 4862 5.4: no answer within RetransTimer
        // after the last probe) and valid lifetime (RFC 4862 5.5.4).
        for i in 0..MAX_ADDRESSES {
            // Small fields only: copying whole entries costs code on the
            // 16-bit target.
            let e = &self.addrs[i];
            let (slot, dad_left, dad_at, valid_until) =
                (e.slot, e.dad_left, e.dad_at, e.valid_until);
            if slot.in_dad() && dad_left == 0 && time::due(now, dad_at) {
                self.addrs[i].slot = AddrSlot::Assigned;
                let addr = &self.addrs[i].addr;
                queue_event(
                    &mut self.events,
                    &mut self.counters.events_lost,
                    EventKind::AddressAssigned,
                    addr,
                );
            }
            if slot != AddrSlot::Free && tables::expired(now_s, valid_until) {
                if slot != AddrSlot::Duplicate {
                    let addr = &self.addrs[i].addr;
                    queue_event(
                        &mut self.events,
                        &mut self.counters.events_lost,
                        EventKind::AddressExpired,
                        addr,
                    );
                }
                self.addrs[i] = AddrEntry::FREE;
            }
        }
        // Router (RFC 4861 6.3.4), prefix (6.3.4) and DNS server (RFC
        // 8106 5.1) lifetimes.
        let lost = &mut self.counters.events_lost;
        expire_table(
            &mut self.routers,
            now_s,
            &mut self.events,
            lost,
            EventKind::RouterLost as u8,
        );
        expire_table(&mut self.prefixes, now_s, &mut self.events, lost, 0);
        expire_table(
            &mut self.dns,
            now_s,
            &mut self.events,
            lost,
            EventKind::DnsServerExpired as u8,
        );
        // Neighbor states driven by time alone (RFC 4861 7.3.3).
        for i in 0..N {
            let n = &self.neighbors[i];
            let (Some(state), probes) = (n.state, n.probes) else {
                continue;
            };
            if !time::due(now, n.timer) {
                continue;
            }
            match state {
                NeighborState::Reachable => self.neighbors[i].state = Some(NeighborState::Stale),
                NeighborState::Delay => {
                    // DELAY -> PROBE: the first unicast probe is due now.
                    self.neighbors[i].state = Some(NeighborState::Probe);
                    self.neighbors[i].probes = 0;
                }
                // (One arm: MAX_MULTICAST_SOLICIT == MAX_UNICAST_SOLICIT,
                // asserted below.)
                NeighborState::Incomplete | NeighborState::Probe
                    if probes >= consts::MAX_UNICAST_SOLICIT =>
                {
                    self.neighbor_failed(i);
                }
                _ => {}
            }
        }
    }

    /// Address resolution or NUD failed (RFC 4861 7.3.3): the entry goes;
    /// a router is marked unreachable so that another one is chosen
    /// (RFC 4861 6.3.6).
    fn neighbor_failed(&mut self, i: usize) {
        if let Some(r) = tables::find(&mut self.routers, &self.neighbors[i].ip) {
            r.extra = 1;
        }
        let ip = &self.neighbors[i].ip;
        queue_event(
            &mut self.events,
            &mut self.counters.events_lost,
            EventKind::NeighborUnreachable,
            ip,
        );
        self.neighbors[i] = Neighbor::FREE;
    }

    /// Default router selection ([`select_router`] of the router list).
    #[inline(always)]
    fn select_router(&self) -> Option<&Timed> {
        select_router(&self.routers, &self.neighbors)
    }

    /// True if `ip` is on-link: link-local, or inside an on-link prefix
    /// (RFC 4861 5.2; nothing else is assumed on-link, RFC 5942).
    fn on_link(&self, ip: &Ipv6Address) -> bool {
        ip.is_link_local()
            || self
                .prefixes
                .iter()
                .any(|p| p.used() && ip.matches_prefix(&p.addr, p.extra))
    }

    /// Index and state of our address `ip` that is present (not free, not
    /// duplicate). Every address of ours has the link-local address's
    /// interface identifier (see [`Self::group_bits`]): that half is
    /// compared once, then the prefixes.
    // (The state returned with the index, in registers: the callers need
    // it, and reading it again there took an index multiplication and a
    // bounds check on the 16-bit target.)
    fn our_addr(&self, ip: &Ipv6Address) -> Option<(usize, AddrSlot)> {
        // Hosts: the halves as 8-byte arrays (one 64-bit compare each,
        // not a slice comparison); the 16-bit target keeps the slices
        // (arrays measured +142 B in the probe there).
        #[cfg(not(target_pointer_width = "16"))]
        {
            let half = |a: &Ipv6Address, at: usize| a.0[at..].first_chunk::<8>().copied();
            if half(ip, 8) != half(&self.addrs[0].addr, 8) {
                return None;
            }
            for (i, a) in self.addrs.iter().enumerate() {
                if a.present() && half(&a.addr, 0) == half(ip, 0) {
                    return Some((i, a.slot));
                }
            }
            None
        }
        #[cfg(target_pointer_width = "16")]
        {
            let (prefix, iid) = ip.0.split_at(8);
            if *iid != self.addrs[0].addr.0[8..] {
                return None;
            }
            for (i, a) in self.addrs.iter().enumerate() {
                if a.present() && a.addr.0[..8] == *prefix {
                    return Some((i, a.slot));
                }
            }
            None
        }
    }

    /// True if some address is present (not free, not duplicate).
    fn any_present(&self) -> bool {
        self.addrs.iter().any(|a| a.present())
    }

    /// The low 24 bits of every address of ours (those of its
    /// solicited-node group, RFC 4291 2.7.1): every address has the
    /// link-local address's interface identifier (RFC 4862 5.5.3 (d)
    /// with the modified EUI-64 of the MAC), so all our addresses share
    /// one solicited-node group.
    fn group_bits(&self) -> &[u8] {
        &self.addrs[0].addr.0[13..]
    }

    /// True if `group` is all-nodes or the solicited-node group of our
    /// present addresses (RFC 4861 7.2.1 / RFC 4862 5.4.2).
    fn listening_to(&self, group: &Ipv6Address) -> bool {
        *group == Ipv6Address::ALL_NODES
            || (group.is_solicited_node_multicast()
                && group.0[13..] == *self.group_bits()
                && self.any_present())
    }

    /// Source address selection (RFC 6724, reduced): link-local for
    /// link-local and link-scope multicast destinations; otherwise a usable
    /// global address, preferring non-deprecated (rule 3), assigned over
    /// optimistic, and the longest matching prefix (rule 8). `Err(true)`
    /// when an address that would do is still tentative. Gives the slot
    /// index of the address.
    // (Decoded here, inlined at the callers, from one out-of-line search
    // whose answer is one word: a `Result<usize, bool>` is returned
    // through memory on the 16-bit target.)
    #[inline(always)]
    fn select_source(&self, dst: &Ipv6Address) -> Result<usize, bool> {
        let code = self.source_code(dst);
        if code < NO_SOURCE {
            Ok(code as usize)
        } else {
            Err(code != NO_SOURCE)
        }
    }

    /// [`Self::select_source`] as one word: the slot index, or
    /// [`NO_SOURCE`] (plus one when an address that would do is still
    /// tentative).
    #[inline(never)]
    fn source_code(&self, dst: &Ipv6Address) -> u16 {
        let link_scope = dst.is_link_local()
            || (dst.is_multicast() && (dst.0[1] & 0x0f) <= 2)
            || dst.is_unspecified();
        if link_scope {
            let ll = &self.addrs[0];
            return if ll.usable() {
                0
            } else {
                NO_SOURCE + (ll.slot == AddrSlot::Tentative) as u16
            };
        }
        // Scores fit 16 bits: 1 + 128 prefix bits + 512 + 256; 0 is
        // "none yet" (no Option of a pair to carry).
        let (mut best_score, mut best) = (0u16, 0u16);
        let mut tentative = false;
        // (The global slots by a slice and a counted index: no index
        // multiplication on the 16-bit target.)
        let mut i = 0;
        for a in &self.addrs[1..] {
            i += 1;
            if a.slot == AddrSlot::Tentative {
                tentative = true;
            }
            if !a.usable() {
                continue;
            }
            let mut score = 1 + u16::from(a.addr.common_prefix_len(dst));
            if !tables::expired(self.now_s, a.preferred_until) {
                score += 512;
            }
            if a.slot == AddrSlot::Assigned {
                score += 256;
            }
            if score > best_score {
                (best_score, best) = (score, i);
            }
        }
        if best_score == 0 {
            return NO_SOURCE + tentative as u16;
        }
        best
    }

    /// Router (RFC 4861 6.3.4) or, with `dns`, DNS server (RFC 8106
    /// 5.3.1) list update for `addr` with a lifetime of `lifetime`
    /// seconds from now (0: remove). A listed entry gets the new end (and
    /// a router counts as reachable again, RFC 4861 6.3.6), or goes with
    /// its event (RouterLost, DnsServerExpired) for 0; a new one takes a
    /// free entry, or for a DNS server the one expiring first if that
    /// expires before it (RFC 8106 5.3.1), with its event (RouterLearned,
    /// DnsServerLearned). One copy for both lists and their three
    /// callers, which pass the lifetime, not its end: the end's
    /// computation and the list's choice are here once.
    #[inline(never)]
    fn list_update(&mut self, dns: bool, addr: &Ipv6Address, lifetime: u32) {
        let until = tables::entry_end(self.now_s, lifetime);
        let (table, learned, gone): (&mut [Timed], _, _) = if dns {
            (
                &mut self.dns,
                EventKind::DnsServerLearned,
                EventKind::DnsServerExpired,
            )
        } else {
            (
                &mut self.routers,
                EventKind::RouterLearned,
                EventKind::RouterLost,
            )
        };
        // (One event call for both changes.)
        let kind = if let Some(e) = tables::find(table, addr) {
            if until != 0 {
                e.until = until;
                e.extra = 0;
                return;
            }
            *e = Timed::FREE;
            gone
        } else {
            if until == 0 {
                return;
            }
            let Some(e) = tables::soonest(table) else {
                return;
            };
            // A free entry (until 0, below any `until` here) is always
            // taken; a used one only in the DNS list, if it ends before
            // `until`.
            if e.used() && (!dns || !less_than(e.until, until)) {
                return;
            }
            *e = Timed {
                addr: *addr,
                until,
                extra: 0,
            };
            learned
        };
        queue_event(&mut self.events, &mut self.counters.events_lost, kind, addr);
    }

    /// Finds or makes a neighbor cache slot for `ip` ([`neighbor_slot`]
    /// of the cache at the current time).
    #[inline(always)]
    fn neighbor_slot(&mut self, ip: &Ipv6Address) -> Option<(usize, &mut Neighbor)> {
        neighbor_slot(&mut self.neighbors, ip, self.now_ms)
    }
}

/// Index and entry of the neighbor cache entry for `ip` (not a free
/// slot). A function of the cache alone (as [`select_router`] and
/// [`neighbor_slot`]) so that the callers may hold references into other
/// tables meanwhile.
// (With the entry: the callers that read it need no index
// multiplication on the 16-bit target.)
// Hosts: in line at every caller (through a call, the NS answer took 6
// instructions more); the 16-bit target: one copy.
#[cfg_attr(not(target_pointer_width = "16"), inline(always))]
fn neighbor_index<'a, const N: usize>(
    neighbors: &'a [Neighbor; N],
    ip: &Ipv6Address,
) -> Option<(usize, &'a Neighbor)> {
    neighbors
        .iter()
        .enumerate()
        .find(|(_, n)| n.state.is_some() && n.ip == *ip)
}

/// The state of the neighbor cache entry at `i` from [`neighbor_index`]
/// is known: past INCOMPLETE.
fn resolved(i: Option<(usize, &Neighbor)>) -> bool {
    i.is_some_and(|(_, n)| n.state != Some(NeighborState::Incomplete))
}

/// Default router selection (RFC 4861 6.3.6): a router whose neighbor
/// entry is known reachable or probably so (any state but INCOMPLETE)
/// first, then one not known unreachable, then any.
/// Gives the entry in the router list (not an index: no index
/// multiplication at the callers on the 16-bit target).
fn select_router<'a, const N: usize, const R: usize>(
    routers: &'a [Timed; R],
    neighbors: &[Neighbor; N],
) -> Option<&'a Timed> {
    // The first router used, and the first one not known unreachable.
    let (mut fallback, mut untried) = (None, None);
    for r in routers.iter() {
        if !r.used() {
            continue;
        }
        fallback = fallback.or(Some(r));
        if r.extra != 0 {
            continue;
        }
        if resolved(neighbor_index(neighbors, &r.addr)) {
            return Some(r);
        }
        untried = untried.or(Some(r));
    }
    untried.or(fallback)
}

/// Finds or makes a neighbor cache slot for `ip`: an existing entry, a
/// free one, or (bounded eviction) the least recently confirmed entry,
/// sparing routers' entries and INCOMPLETE ones when possible. A new
/// entry holds `ip`, timer and stamp now, the rest cleared, and no
/// state yet (`None`): the caller sets it. `now` is the interface's
/// clock.
// Hosts: inlined (on the NS answer path); one copy on the target.
#[cfg_attr(not(target_pointer_width = "16"), inline(always))]
fn neighbor_slot<'a, const N: usize>(
    neighbors: &'a mut [Neighbor; N],
    ip: &Ipv6Address,
    now: u32,
) -> Option<(usize, &'a mut Neighbor)> {
    if N == 0 {
        return None;
    }
    if let Some((i, _)) = neighbor_index(neighbors, ip) {
        return Some((i, neighbor_mut(neighbors, i)));
    }
    // One scan for a free slot and the eviction victim: free slots
    // first (class 4), then non-routers before routers, then entries
    // past INCOMPLETE, then the oldest; the last of equals. Compared
    // as (class, age) in 8 + 32 bits rather than one 64-bit score.
    let mut i = 0;
    let (mut best_class, mut best_age) = (0u8, 0u32);
    for (j, n) in neighbors.iter().enumerate() {
        let age = now.wrapping_sub(n.stamp);
        let class = match n.state {
            None => 4,
            s => 2 * (!n.is_router as u8) + (s != Some(NeighborState::Incomplete)) as u8,
        };
        if class > best_class || (class == best_class && !less_than(age, best_age)) {
            best_class = class;
            best_age = age;
            i = j;
        }
    }
    // (One initialisation for both callers' new entries: cleared,
    // then the three fields set.)
    let n = neighbor_mut(neighbors, i);
    *n = Neighbor::FREE;
    n.ip = *ip;
    n.timer = now;
    n.stamp = now;
    Some((i, n))
}

/// Queues the event `kind(addr)` in `events`, or counts it in `lost`. A
/// function of the two fields rather than a method so that `addr` may be
/// borrowed from the interface's tables (no copy before clearing them).
fn queue_event(
    events: &mut [(u8, Ipv6Address); MAX_EVENTS],
    lost: &mut u16,
    kind: EventKind,
    addr: &Ipv6Address,
) {
    queue_tag(events, lost, kind as u8, addr)
}

/// [`queue_event`] with the raw tag.
fn queue_tag(
    events: &mut [(u8, Ipv6Address); MAX_EVENTS],
    lost: &mut u16,
    tag: u8,
    addr: &Ipv6Address,
) {
    match events.iter_mut().find(|s| s.0 == 0) {
        Some(slot) => *slot = (tag, *addr),
        None => *lost = lost.wrapping_add(1),
    }
}

/// Frees the entries of `table` whose lifetime has ended, queuing the
/// event of tag `kind` (none for 0) for each. One copy for the router,
/// prefix and DNS server lists.
#[inline(never)]
fn expire_table(
    table: &mut [Timed],
    now_s: u32,
    events: &mut [(u8, Ipv6Address); MAX_EVENTS],
    lost: &mut u16,
    kind: u8,
) {
    for e in table.iter_mut() {
        if e.used() && tables::expired(now_s, e.until) {
            if kind != 0 {
                queue_tag(events, lost, kind, &e.addr);
            }
            *e = Timed::FREE;
        }
    }
}

/// Address slot `i`. Not inlined on the 16-bit target: one copy of the
/// index multiplication (30-byte entries, a helper call) and bounds
/// check for the callers that hold an index from a search.
#[cfg_attr(target_pointer_width = "16", inline(never))]
fn slot_ref(addrs: &[AddrEntry; MAX_ADDRESSES], i: usize) -> &AddrEntry {
    &addrs[i]
}

/// [`slot_ref`], mutable.
#[cfg_attr(target_pointer_width = "16", inline(never))]
fn slot_mut(addrs: &mut [AddrEntry; MAX_ADDRESSES], i: usize) -> &mut AddrEntry {
    &mut addrs[i]
}

/// Neighbor cache entry `i` (from a search). Not inlined on the 16-bit
/// target, as [`slot_ref`]: one copy of the index multiplication
/// (34-byte entries, a helper call) and bounds check for the callers
/// that hold an index.
#[cfg_attr(target_pointer_width = "16", inline(never))]
fn neighbor_ref<const N: usize>(neighbors: &[Neighbor; N], i: usize) -> &Neighbor {
    &neighbors[i]
}

/// [`neighbor_ref`], mutable.
#[cfg_attr(target_pointer_width = "16", inline(never))]
fn neighbor_mut<const N: usize>(neighbors: &mut [Neighbor; N], i: usize) -> &mut Neighbor {
    &mut neighbors[i]
}

/// The soonest deadline seen by [`Interface::poll_at`], as a millisecond
/// delay from the interface's `now_ms` (`u32::MAX`: none, no delay
/// reaches it). The clock read from the interface (`clock`) where used:
/// one reference, not a copy of its three fields made at every call.
struct Soonest<'a, const N: usize, const R: usize, const D: usize> {
    clock: &'a Interface<N, R, D>,
    delay: u32,
}

impl<const N: usize, const R: usize, const D: usize> Soonest<'_, N, R, D> {
    /// Counts the millisecond deadline `at` (a delay of 0 once it has
    /// come). Not inlined, like `s`: 32-bit compares are long on the
    /// 16-bit target.
    #[inline(never)]
    fn ms(&mut self, at: u32) {
        self.count_delay(crate::time::until(self.clock.now_ms, at));
    }

    /// Counts the delay `d` (ms). Not inlined: one copy of the 32-bit
    /// compare for `ms` and the lifetime ends' delay.
    #[inline(never)]
    fn count_delay(&mut self, d: u32) {
        if less_than(d, self.delay) {
            self.delay = d;
        }
    }

    /// Counts the lifetime end `end` (s) unless it is infinite or past
    /// (a deprecated address's preferred end; 0, a free slot).
    /// Lifetimes end at whole seconds of our count, which started at the
    /// first call: the delay to one is exact in milliseconds, at least
    /// 1 s (the end is after `now_s`) less the milliseconds past the
    /// current second (below 1000). Beyond MAX_LIFETIME_WAIT_S the answer
    /// comes early, which is harmless: the caller asks again then.
    // (Each end made a delay here, the same soonest delay as the soonest
    // end in seconds made one after the scan (the delay grows with the
    // end), in less code, for a 32-bit multiply (`__mspabi_mpyl`, a
    // helper call of about 44 cycles) per finite end at every
    // `poll_at` (the firmware's one per frame; in the simulation five
    // finite ends: a global address's two, a router, a prefix, a DNS
    // server). The trade,
    // A/B at 422fd71: the soonest end converted once after the scan,
    // firmware text +44 B for NS -> NA 29,710 -> 29,351 cycles (-1.2 %),
    // echo 29,040 -> 28,687, NTP reply 74,323 -> 73,959, foreign 17,826
    // -> 17,473; the multiply only for an end sooner than the soonest so
    // far (a second field), +36 B for NS 29,529, foreign 17,654. Kept:
    // bytes are the tighter budget.)
    #[inline(never)]
    fn s(&mut self, end: u32) {
        let now_s = self.clock.now_s;
        if end == tables::INFINITE || !less_than(now_s, end) {
            return;
        }
        let mut secs = end.wrapping_sub(now_s);
        if less_than(MAX_LIFETIME_WAIT_S, secs) {
            secs = MAX_LIFETIME_WAIT_S;
        }
        self.count_delay(secs * 1000 - u32::from(self.clock.sub_ms));
    }

    /// Counts the lifetime ends of a router, prefix or DNS server list.
    fn table(&mut self, table: &[Timed]) {
        for e in table {
            self.s(e.until);
        }
    }
}
