//! Link-layer (MAC) and IPv6 addresses, with the helpers the rest of the
//! stack needs: scope checks, solicited-node groups, EUI-64 interface
//! identifiers and the Ethernet mapping of IPv6 multicast.

/// A 48-bit IEEE 802 MAC address.
///
/// Aligned to 2 bytes: on the 16-bit MSP430 copies and comparisons then
/// move words instead of bytes (much less code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(align(2))]
pub struct MacAddress(pub [u8; 6]);

impl MacAddress {
    /// The broadcast address ff:ff:ff:ff:ff:ff.
    pub const BROADCAST: MacAddress = MacAddress([0xff; 6]);

    /// Builds an address from the first six bytes of `bytes`.
    ///
    /// # Panics
    /// If `bytes` is shorter than six bytes.
    pub fn from_bytes(bytes: &[u8]) -> MacAddress {
        let mut a = [0u8; 6];
        a.copy_from_slice(&bytes[..6]);
        MacAddress(a)
    }

    /// The address bytes.
    pub const fn as_bytes(&self) -> &[u8; 6] {
        &self.0
    }

    /// True for the broadcast address.
    pub fn is_broadcast(&self) -> bool {
        self.0 == [0xff; 6]
    }

    /// True for group addresses (I/G bit set), broadcast included.
    pub const fn is_multicast(&self) -> bool {
        self.0[0] & 0x01 != 0
    }

    /// True for individual (unicast) addresses.
    pub const fn is_unicast(&self) -> bool {
        !self.is_multicast()
    }

    /// True for locally administered addresses (U/L bit set).
    pub const fn is_local(&self) -> bool {
        self.0[0] & 0x02 != 0
    }

    /// The Ethernet multicast address of an IPv6 multicast group:
    /// 33:33 followed by the group's last 32 bits (RFC 2464 section 7).
    pub const fn from_ipv6_multicast(group: &Ipv6Address) -> MacAddress {
        let g = &group.0;
        MacAddress([0x33, 0x33, g[12], g[13], g[14], g[15]])
    }
}

/// A 128-bit IPv6 address.
///
/// Aligned to 2 bytes, like [`MacAddress`], for word-wise copies and
/// comparisons on the 16-bit target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(align(2))]
pub struct Ipv6Address(pub [u8; 16]);

/// Multicast scope values (RFC 4291 section 2.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MulticastScope {
    /// 0x1: interface-local.
    InterfaceLocal,
    /// 0x2: link-local.
    LinkLocal,
    /// 0x3: realm-local.
    RealmLocal,
    /// 0x4: admin-local.
    AdminLocal,
    /// 0x5: site-local.
    SiteLocal,
    /// 0x8: organization-local.
    OrganizationLocal,
    /// 0xE: global.
    Global,
    /// Any other (reserved or unassigned) scope value.
    Other(u8),
}

/// The first 13 bytes of every solicited-node multicast address,
/// `ff02::1:ff00:0/104` (RFC 4291 2.7.1).
const SOLICITED_NODE_PREFIX: [u8; 13] = [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff];

impl Ipv6Address {
    /// The unspecified address `::` (RFC 4291 2.5.2).
    pub const UNSPECIFIED: Ipv6Address = Ipv6Address([0; 16]);
    /// The loopback address `::1` (RFC 4291 2.5.3).
    pub const LOOPBACK: Ipv6Address = Ipv6Address([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    /// All-nodes link-local multicast `ff02::1` (RFC 4291 2.7.1).
    pub const ALL_NODES: Ipv6Address =
        Ipv6Address([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    /// All-routers link-local multicast `ff02::2` (RFC 4291 2.7.1).
    pub const ALL_ROUTERS: Ipv6Address =
        Ipv6Address([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    /// All MLDv2-capable routers `ff02::16` (RFC 3810 5.2.14).
    pub const ALL_MLDV2_ROUTERS: Ipv6Address =
        Ipv6Address([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x16]);

    /// Builds an address from eight 16-bit groups, as written in text.
    pub const fn new(g: [u16; 8]) -> Ipv6Address {
        let mut a = [0u8; 16];
        let mut i = 0;
        while i < 8 {
            a[2 * i] = (g[i] >> 8) as u8;
            a[2 * i + 1] = g[i] as u8;
            i += 1;
        }
        Ipv6Address(a)
    }

    /// Builds an address from the first sixteen bytes of `bytes`.
    ///
    /// # Panics
    /// If `bytes` is shorter than sixteen bytes.
    // One shared copy on the 16-bit target (a length check and a tail
    // call of memcpy): smaller than the check and the call at each of
    // the receive path's callers (measured).
    #[cfg_attr(target_pointer_width = "16", inline(never))]
    pub fn from_bytes(bytes: &[u8]) -> Ipv6Address {
        let mut a = [0u8; 16];
        a.copy_from_slice(&bytes[..16]);
        Ipv6Address(a)
    }

    /// The address bytes.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The eight 16-bit groups.
    pub const fn segments(&self) -> [u16; 8] {
        let mut g = [0u16; 8];
        let mut i = 0;
        while i < 8 {
            g[i] = (self.0[2 * i] as u16) << 8 | self.0[2 * i + 1] as u16;
            i += 1;
        }
        g
    }

    /// True for `::`.
    pub fn is_unspecified(&self) -> bool {
        self.0 == [0; 16]
    }

    /// True for `::1`.
    pub fn is_loopback(&self) -> bool {
        *self == Self::LOOPBACK
    }

    /// True for multicast addresses `ff00::/8` (RFC 4291 2.7).
    pub const fn is_multicast(&self) -> bool {
        self.0[0] == 0xff
    }

    /// True for unicast addresses: neither multicast nor unspecified.
    pub fn is_unicast(&self) -> bool {
        !self.is_multicast() && !self.is_unspecified()
    }

    /// True for link-local unicast addresses `fe80::/10` (RFC 4291 2.5.6).
    // One shared copy on the 16-bit target: the two byte tests cost more
    // than a call at each of the receive path's callers (measured).
    #[cfg_attr(target_pointer_width = "16", inline(never))]
    pub const fn is_link_local(&self) -> bool {
        self.0[0] == 0xfe && self.0[1] & 0xc0 == 0x80
    }

    /// True for global unicast: unicast, not link-local, not loopback.
    pub fn is_global_unicast(&self) -> bool {
        self.is_unicast() && !self.is_link_local() && !self.is_loopback()
    }

    /// The scope of a multicast address; `None` for unicast.
    pub const fn multicast_scope(&self) -> Option<MulticastScope> {
        if !self.is_multicast() {
            return None;
        }
        Some(match self.0[1] & 0x0f {
            0x1 => MulticastScope::InterfaceLocal,
            0x2 => MulticastScope::LinkLocal,
            0x3 => MulticastScope::RealmLocal,
            0x4 => MulticastScope::AdminLocal,
            0x5 => MulticastScope::SiteLocal,
            0x8 => MulticastScope::OrganizationLocal,
            0xe => MulticastScope::Global,
            s => MulticastScope::Other(s),
        })
    }

    /// True for a solicited-node multicast address `ff02::1:ffXX:XXXX`
    /// (RFC 4291 2.7.1).
    pub fn is_solicited_node_multicast(&self) -> bool {
        self.0[..13] == SOLICITED_NODE_PREFIX
    }

    /// The solicited-node multicast group of this address: `ff02::1:ff00:0/104`
    /// with the address's low 24 bits (RFC 4291 2.7.1).
    // One shared copy: the stack builds groups in many places.
    #[inline(never)]
    pub fn solicited_node(&self) -> Ipv6Address {
        // (The 13 bytes copied from the constant the test above reads:
        // less code than a literal's stores on the target.)
        let mut g = [0; 16];
        g.split_at_mut(13).0.copy_from_slice(&SOLICITED_NODE_PREFIX);
        g[13] = self.0[13];
        g[14] = self.0[14];
        g[15] = self.0[15];
        Ipv6Address(g)
    }

    /// The modified EUI-64 interface identifier of a 48-bit MAC: the MAC
    /// split by ff:fe with the universal/local bit inverted (RFC 4291
    /// Appendix A).
    pub const fn eui64_interface_id(mac: &MacAddress) -> [u8; 8] {
        let m = &mac.0;
        [m[0] ^ 0x02, m[1], m[2], 0xff, 0xfe, m[3], m[4], m[5]]
    }

    /// `prefix` (its first 64 bits) joined with a 64-bit interface identifier.
    pub const fn from_prefix_and_iid(prefix: &Ipv6Address, iid: &[u8; 8]) -> Ipv6Address {
        let mut a = [0u8; 16];
        let mut i = 0;
        while i < 8 {
            a[i] = prefix.0[i];
            a[8 + i] = iid[i];
            i += 1;
        }
        Ipv6Address(a)
    }

    /// The link-local address `fe80::/64` + modified EUI-64 of `mac`
    /// (RFC 4862 5.3, RFC 4291 Appendix A).
    pub const fn link_local_from_mac(mac: &MacAddress) -> Ipv6Address {
        // One literal (what `from_prefix_and_iid` with
        // `eui64_interface_id` gives): much less code on the target.
        let m = &mac.0;
        Ipv6Address([
            0xfe,
            0x80,
            0,
            0,
            0,
            0,
            0,
            0,
            m[0] ^ 0x02,
            m[1],
            m[2],
            0xff,
            0xfe,
            m[3],
            m[4],
            m[5],
        ])
    }

    /// True when the first `len` bits of `self` and `prefix` agree.
    /// `len` over 128 is treated as 128.
    // (Through `common_prefix_len`: one copy of the byte walk for both.)
    #[inline]
    pub fn matches_prefix(&self, prefix: &Ipv6Address, len: u8) -> bool {
        self.common_prefix_len(prefix) >= len.min(128)
    }

    /// The number of leading bits `self` and `other` share, 0 to 128
    /// (RFC 6724 2.2 CommonPrefixLen).
    // One shared copy on the 16-bit target (prefix matching and source
    // address selection).
    #[cfg_attr(target_pointer_width = "16", inline(never))]
    pub fn common_prefix_len(&self, other: &Ipv6Address) -> u8 {
        let mut n = 0;
        for (x, y) in self.0.iter().zip(other.0.iter()) {
            let mut d = x ^ y;
            if d != 0 {
                // (A loop: `leading_zeros` is a long bit trick on the
                // 16-bit target.)
                while d & 0x80 == 0 {
                    n += 1;
                    d <<= 1;
                }
                return n;
            }
            n += 8;
        }
        n
    }

    /// The address with every bit after the first `len` cleared.
    pub fn prefix(&self, len: u8) -> Ipv6Address {
        let len = if len > 128 { 128 } else { len as usize };
        let mut a = self.0;
        for (i, b) in a.iter_mut().enumerate() {
            let bits = len.saturating_sub(8 * i);
            *b &= if bits >= 8 { 0xff } else { !(0xffu8 >> bits) };
        }
        Ipv6Address(a)
    }
}

impl From<core::net::Ipv6Addr> for Ipv6Address {
    fn from(a: core::net::Ipv6Addr) -> Self {
        Ipv6Address(a.octets())
    }
}

impl From<Ipv6Address> for core::net::Ipv6Addr {
    fn from(a: Ipv6Address) -> Self {
        core::net::Ipv6Addr::from(a.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::net::Ipv6Addr;
    use core::str::FromStr;

    fn a(s: &str) -> Ipv6Address {
        Ipv6Addr::from_str(s).unwrap().into()
    }

    #[test]
    fn link_local_from_mac_matches_kernel_form() {
        // 02:00:00:00:00:42 -> fe80::ff:fe00:42 (U/L bit flipped to 0).
        let mac = MacAddress([0x02, 0, 0, 0, 0, 0x42]);
        assert_eq!(
            Ipv6Address::link_local_from_mac(&mac),
            a("fe80::ff:fe00:42")
        );
        let mac = MacAddress([0x00, 0x1b, 0x21, 0x3c, 0x4d, 0x5e]);
        assert_eq!(
            Ipv6Address::link_local_from_mac(&mac),
            a("fe80::21b:21ff:fe3c:4d5e")
        );
    }

    #[test]
    fn solicited_node_and_multicast_mac() {
        let addr = a("2001:db8::1:ff00:42");
        let sn = addr.solicited_node();
        assert_eq!(sn, a("ff02::1:ff00:42"));
        assert!(sn.is_solicited_node_multicast());
        assert!(!addr.is_solicited_node_multicast());
        assert_eq!(
            MacAddress::from_ipv6_multicast(&sn),
            MacAddress([0x33, 0x33, 0xff, 0x00, 0x00, 0x42])
        );
        assert_eq!(
            MacAddress::from_ipv6_multicast(&Ipv6Address::ALL_NODES),
            MacAddress([0x33, 0x33, 0, 0, 0, 1])
        );
    }

    #[test]
    fn classification() {
        assert!(Ipv6Address::UNSPECIFIED.is_unspecified());
        assert!(!Ipv6Address::UNSPECIFIED.is_unicast());
        assert!(Ipv6Address::LOOPBACK.is_loopback());
        assert!(a("fe80::1").is_link_local());
        assert!(a("febf::1").is_link_local());
        assert!(!a("fec0::1").is_link_local());
        assert!(a("2001:db8::1").is_global_unicast());
        assert!(!a("fe80::1").is_global_unicast());
        assert_eq!(
            a("ff02::1").multicast_scope(),
            Some(MulticastScope::LinkLocal)
        );
        assert_eq!(
            a("ff05::1:3").multicast_scope(),
            Some(MulticastScope::SiteLocal)
        );
        assert_eq!(
            a("ff0e::101").multicast_scope(),
            Some(MulticastScope::Global)
        );
        assert_eq!(
            a("ff00::1").multicast_scope(),
            Some(MulticastScope::Other(0))
        );
        assert_eq!(a("2001::1").multicast_scope(), None);
    }

    #[test]
    fn matches_prefix_for_every_length_and_differing_bit() {
        // Two addresses that differ in one bit agree on the first `len`
        // bits (128 at most) exactly when that bit lies beyond them.
        let x = a("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff");
        for bit in 0..128 {
            let mut y = x;
            y.0[bit / 8] ^= 0x80 >> (bit % 8);
            for len in 0..=255u8 {
                let agree = (len as usize).min(128) <= bit;
                assert_eq!(x.matches_prefix(&y, len), agree, "bit {bit} len {len}");
            }
        }
    }

    #[test]
    fn common_prefix_len_is_the_first_differing_bit() {
        // RFC 6724 2.2: the bits before the first that differs; all 128
        // for equal addresses; a later difference does not count.
        let x = a("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff");
        assert_eq!(x.common_prefix_len(&x), 128);
        for bit in 0..128 {
            let mut y = x;
            y.0[bit / 8] ^= 0x80 >> (bit % 8);
            assert_eq!(x.common_prefix_len(&y), bit as u8, "bit {bit}");
            if bit < 127 {
                y.0[15] ^= 1;
                assert_eq!(x.common_prefix_len(&y), bit as u8, "bit {bit} and 127");
            }
        }
        assert_eq!(a("2001:db8::1").common_prefix_len(&a("2001:db8::2")), 126);
        assert_eq!(a("fe80::1").common_prefix_len(&a("2001:db8::1")), 0);
    }

    #[test]
    fn prefixes() {
        let x = a("2001:db8:aaaa:bbbb::1");
        assert!(x.matches_prefix(&a("2001:db8::"), 32));
        assert!(!x.matches_prefix(&a("2001:db9::"), 32));
        assert!(x.matches_prefix(&a("2001:db8:aaaa:bb00::"), 56));
        assert!(!x.matches_prefix(&a("2001:db8:aaaa:ba00::"), 56));
        assert!(x.matches_prefix(&a("2001:db8:aaaa:bbbb::"), 63));
        assert!(x.matches_prefix(&x, 200));
        assert_eq!(x.prefix(64), a("2001:db8:aaaa:bbbb::"));
        assert_eq!(x.prefix(24), a("2001:d00::"));
        assert_eq!(x.prefix(20), a("2001::"));
        assert_eq!(x.prefix(0), Ipv6Address::UNSPECIFIED);
        assert_eq!(x.prefix(128), x);
    }

    #[test]
    fn segments_round_trip() {
        let x = Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0xff, 0x42]);
        assert_eq!(x, a("2001:db8::ff:42"));
        assert_eq!(x.segments(), [0x2001, 0xdb8, 0, 0, 0, 0, 0xff, 0x42]);
    }
}
