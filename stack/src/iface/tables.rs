//! The bounded tables of the interface: addresses, neighbor cache, default
//! routers, on-link prefixes and DNS servers. Plain arrays with a free
//! marker: no heap, sizes fixed at compile time.

use crate::clock::less_than;
use crate::wire::{Ipv6Address, MacAddress};

/// A lifetime end, in seconds of the caller's clock, that never comes
/// (the all-ones "infinity" lifetime of RFC 4861 4.6.2 / RFC 4862 5.5.3).
pub(crate) const INFINITE: u32 = u32::MAX;

/// The absolute end of a lifetime of `lifetime` seconds starting `now_s`.
#[inline(never)]
pub(crate) fn lifetime_end(now_s: u32, lifetime: u32) -> u32 {
    // Saturate one below INFINITE so that a huge finite lifetime still
    // ends: the sum reaches INFINITE (or carries) exactly when `lifetime`
    // is at least INFINITE - `now_s`, that is `!now_s` (one comparison
    // by halves, then the sum, rather than the sum's carry and a test of
    // the result). INFINITE itself is among those.
    if !less_than(lifetime, !now_s) {
        if lifetime == INFINITE {
            INFINITE
        } else {
            INFINITE - 1
        }
    } else {
        now_s.wrapping_add(lifetime)
    }
}

/// True once the end `until` (seconds) has passed.
#[inline(never)]
pub(crate) fn expired(now_s: u32, until: u32) -> bool {
    until != INFINITE && !less_than(now_s, until)
}

/// The state of one of the interface's addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressState {
    /// Duplicate Address Detection is running; the address is not used
    /// (RFC 4862 5.4).
    Tentative,
    /// DAD is running but the address is used already, with the
    /// restrictions of RFC 4429 (no Override flag, no SLLAO from it).
    Optimistic,
    /// DAD passed and the preferred lifetime runs (RFC 4862 5.5.4).
    Preferred,
    /// The preferred lifetime ended: still valid, not chosen for new
    /// communication while a preferred address exists (RFC 4862 5.5.4).
    Deprecated,
    /// DAD found another node using it: never used (RFC 4862 5.4.5).
    Duplicate,
}

/// Internal address state; `Free` marks an empty slot.
// One bit each (Free 0, the all-zero entry): the groups of states are
// one bit test, and every value is one of the 16-bit target's constant
// generator values (shorter compares).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum AddrSlot {
    Free = 0,
    Tentative = 1,
    Optimistic = 2,
    Duplicate = 4,
    Assigned = 8,
}

impl AddrSlot {
    /// DAD is running: tentative or optimistic (one bit each, one test).
    pub fn in_dad(self) -> bool {
        self as u8 & (AddrSlot::Tentative as u8 | AddrSlot::Optimistic as u8) != 0
    }
}

/// One address of the interface.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AddrEntry {
    pub addr: Ipv6Address,
    pub slot: AddrSlot,
    /// DAD probes still to send.
    pub dad_left: u8,
    /// When the next DAD probe goes out, or DAD ends (ms).
    pub dad_at: u32,
    /// End of the preferred lifetime (s).
    pub preferred_until: u32,
    /// End of the valid lifetime (s).
    pub valid_until: u32,
}

impl AddrEntry {
    pub const FREE: AddrEntry = AddrEntry {
        addr: Ipv6Address::UNSPECIFIED,
        slot: AddrSlot::Free,
        dad_left: 0,
        dad_at: 0,
        preferred_until: 0,
        valid_until: 0,
    };

    /// The public state at time `now_s`; `None` for a free slot.
    pub fn state(&self, now_s: u32) -> Option<AddressState> {
        Some(match self.slot {
            AddrSlot::Free => return None,
            AddrSlot::Tentative => AddressState::Tentative,
            AddrSlot::Optimistic => AddressState::Optimistic,
            AddrSlot::Duplicate => AddressState::Duplicate,
            AddrSlot::Assigned if expired(now_s, self.preferred_until) => AddressState::Deprecated,
            AddrSlot::Assigned => AddressState::Preferred,
        })
    }

    /// May be used as a source address (assigned or optimistic).
    pub fn usable(&self) -> bool {
        self.slot as u8 & (AddrSlot::Assigned as u8 | AddrSlot::Optimistic as u8) != 0
    }

    /// DAD is running: tentative or optimistic ([`AddrSlot::in_dad`]).
    pub fn in_dad(&self) -> bool {
        self.slot.in_dad()
    }

    /// Is ours for receiving: anything but free or duplicate. Tentative
    /// addresses only accept DAD traffic (checked by the caller).
    pub fn present(&self) -> bool {
        let ours =
            AddrSlot::Tentative as u8 | AddrSlot::Optimistic as u8 | AddrSlot::Assigned as u8;
        self.slot as u8 & ours != 0
    }
}

/// Neighbor cache states (RFC 4861 7.3.2).
// From 1: a free slot (`None`) is then all zero bytes, which makes
// clearing the cache a plain memset. STALE is 4, a constant-generator
// value of the 16-bit target (shorter stores and compares than 3), as
// INCOMPLETE and REACHABLE are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeighborState {
    /// Address resolution is in progress (multicast NS sent).
    Incomplete = 1,
    /// Reachability confirmed within ReachableTime.
    Reachable = 2,
    /// Not confirmed recently; no probe until traffic is sent.
    Stale = 4,
    /// Traffic was sent to a stale entry; waiting DELAY_FIRST_PROBE_TIME
    /// for upper-layer confirmation before probing.
    Delay = 3,
    /// Unicast NS probes are being sent.
    Probe = 5,
}

/// One neighbor cache entry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Neighbor {
    pub ip: Ipv6Address,
    pub mac: MacAddress,
    /// `None` marks a free slot.
    pub state: Option<NeighborState>,
    /// Solicitations sent in the current INCOMPLETE or PROBE phase.
    pub probes: u8,
    /// The IsRouter flag (RFC 4861 7.3.2 / 7.2.5).
    pub is_router: bool,
    /// The state's timer (ms): next NS, end of REACHABLE, end of DELAY.
    pub timer: u32,
    /// Last time the entry was created or confirmed (ms), for eviction.
    pub stamp: u32,
}

impl Neighbor {
    pub const FREE: Neighbor = Neighbor {
        ip: Ipv6Address::UNSPECIFIED,
        mac: MacAddress([0; 6]),
        state: None,
        probes: 0,
        is_router: false,
        timer: 0,
        stamp: 0,
    };
}

/// One entry of the lists kept with a lifetime in seconds: the Default
/// Router List (RFC 4861 6.3.4), the on-link prefixes (RFC 4861 6.3.4, L
/// flag) and the DNS servers (RFC 8106 5.1). One type for the three so
/// that lookup, insertion and expiry are one piece of code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timed {
    /// The router's or the DNS server's address, or the prefix (kept as
    /// advertised: only its first `len` bits are compared).
    pub addr: Ipv6Address,
    /// End of the lifetime (s); 0 marks a free slot.
    pub until: u32,
    /// Routers: non-zero once NUD found the router unreachable; other
    /// routers are preferred until it is heard from again (RFC 4861
    /// 6.3.6). Prefixes: the prefix length. DNS servers: unused (0).
    pub extra: u8,
}

impl Timed {
    pub const FREE: Timed = Timed {
        addr: Ipv6Address::UNSPECIFIED,
        until: 0,
        extra: 0,
    };

    pub fn used(&self) -> bool {
        self.until != 0
    }
}

/// The used entry of `table` for `addr`. Not inlined: shared by the
/// router and DNS server lists. (The entry, not its index: no index
/// multiplication at the callers on the 16-bit target.)
#[inline(never)]
pub(crate) fn find<'a>(table: &'a mut [Timed], addr: &Ipv6Address) -> Option<&'a mut Timed> {
    table.iter_mut().find(|e| e.used() && e.addr == *addr)
}

/// The entry of `table` whose lifetime ends first: a free one (`until`
/// 0) if there is one, else the one to replace when the list is full
/// (RFC 8106 5.3.1). The first of equals; `None` for an empty table.
#[inline(never)]
pub(crate) fn soonest(table: &mut [Timed]) -> Option<&mut Timed> {
    table.iter_mut().reduce(|best, e| {
        if less_than(e.until, best.until) {
            e
        } else {
            best
        }
    })
}

/// A free entry of `table`, if any.
pub(crate) fn free_slot(table: &mut [Timed]) -> Option<&mut Timed> {
    soonest(table).filter(|e| !e.used())
}

/// The end (s) of a list entry's lifetime of `lifetime` seconds from
/// `now_s`: never 0, which marks a free entry, unless `lifetime` is 0.
#[inline(never)]
pub(crate) fn entry_end(now_s: u32, lifetime: u32) -> u32 {
    if lifetime == 0 {
        return 0;
    }
    // (Not 0 either: a non-zero lifetime's end is after `now_s`, or
    // saturated.)
    lifetime_end(now_s, lifetime)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time;

    #[test]
    fn lifetimes_and_deadlines() {
        assert_eq!(lifetime_end(100, INFINITE), INFINITE);
        assert_eq!(lifetime_end(100, 50), 150);
        assert_eq!(lifetime_end(100, INFINITE - 1), INFINITE - 1);
        // Sums at and past INFINITE saturate one below it.
        assert_eq!(lifetime_end(INFINITE - 11, 9), INFINITE - 2);
        assert_eq!(lifetime_end(INFINITE - 11, 10), INFINITE - 1);
        assert_eq!(lifetime_end(INFINITE - 11, 11), INFINITE - 1);
        assert_eq!(lifetime_end(INFINITE - 11, 12), INFINITE - 1);
        assert!(!expired(149, 150));
        assert!(expired(150, 150));
        assert!(!expired(u32::MAX, INFINITE));
        assert!(time::due(10, 10));
        assert!(!time::due(9, 10));
        // Across the u32 wrap of the millisecond clock.
        assert!(time::due(5, u32::MAX - 5));
        assert!(!time::due(u32::MAX - 5, 5));
    }

    /// `lifetime_end` against the plain definition: INFINITE stays, a sum
    /// at or past INFINITE (in 64 bits) saturates one below it.
    #[test]
    fn lifetime_end_is_the_saturated_sum() {
        let values = [
            0u32,
            1,
            2,
            0xFFFF,
            0x1_0000,
            0x1_0001,
            0x7FFF_FFFF,
            0x8000_0000,
            INFINITE - 0x1_0000,
            INFINITE - 0xFFFF,
            INFINITE - 2,
            INFINITE - 1,
            INFINITE,
        ];
        for now in values {
            for lifetime in values {
                let sum = u64::from(now) + u64::from(lifetime);
                let want = if lifetime == INFINITE {
                    INFINITE
                } else if sum >= u64::from(INFINITE) {
                    INFINITE - 1
                } else {
                    sum as u32
                };
                assert_eq!(lifetime_end(now, lifetime), want, "{now:#x} {lifetime:#x}");
            }
        }
    }

    #[test]
    fn list_entries() {
        // Lifetime 0 frees; a finite lifetime never ends at 0.
        assert_eq!(entry_end(100, 0), 0);
        assert_eq!(entry_end(100, 30), 130);
        assert_eq!(entry_end(0, INFINITE), INFINITE);
        let a = Ipv6Address([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
        let b = Ipv6Address([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
        let mut t = [Timed::FREE; 3];
        t[0] = Timed {
            addr: a,
            until: 50,
            extra: 0,
        };
        t[2] = Timed {
            addr: b,
            until: 20,
            extra: 0,
        };
        assert_eq!(find(&mut t, &b).map(|e| (e.addr, e.until)), Some((b, 20)));
        // A free entry holds `::` but is never found.
        assert!(find(&mut t, &Ipv6Address::UNSPECIFIED).is_none());
        // The free entry first, then the one ending first.
        assert_eq!(soonest(&mut t).map(|e| e.until), Some(0));
        assert!(free_slot(&mut t).is_some());
        t[1] = Timed {
            addr: a,
            until: 20,
            extra: 0,
        };
        assert!(free_slot(&mut t).is_none());
        // Equal ends: the first one.
        assert_eq!(soonest(&mut t).map(|e| e.addr), Some(a));
        assert!(soonest(&mut []).is_none());
    }
}
