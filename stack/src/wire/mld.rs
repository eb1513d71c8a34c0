//! Multicast Listener Discovery version 2 (RFC 3810).
//!
//! A host needs two things: to send Version 2 Multicast Listener Reports
//! (type 143) when it joins or leaves a group and when queried, and to read
//! Multicast Listener Queries (type 130) in both their MLDv1 (RFC 2710,
//! 24 bytes) and MLDv2 (28 bytes or more) forms. Reports travel with a
//! Hop-by-Hop Router Alert option (RFC 3810 5, RFC 2711), built by
//! [`emit_router_alert_hbh`].

use super::icmpv6::{Icmpv6Packet, Message};
use super::{Error, Ipv6Address, Result};

/// Multicast Address Record types (RFC 3810 5.2.12).
pub mod record_type {
    /// 1: current state, INCLUDE mode.
    pub const MODE_IS_INCLUDE: u8 = 1;
    /// 2: current state, EXCLUDE mode.
    pub const MODE_IS_EXCLUDE: u8 = 2;
    /// 3: filter mode change to INCLUDE (with no sources: leave, RFC 3810 6.1).
    pub const CHANGE_TO_INCLUDE: u8 = 3;
    /// 4: filter mode change to EXCLUDE (with no sources: join, RFC 3810 6.1).
    pub const CHANGE_TO_EXCLUDE: u8 = 4;
    /// 5: allow new sources.
    pub const ALLOW_NEW_SOURCES: u8 = 5;
    /// 6: block old sources.
    pub const BLOCK_OLD_SOURCES: u8 = 6;
}

/// Length of an MLDv1 query (RFC 2710 3, RFC 3810 8.1).
pub const QUERY_V1_LEN: usize = 24;
/// Minimum length of an MLDv2 query (RFC 3810 5.1).
pub const QUERY_V2_MIN_LEN: usize = 28;
/// Length of the report header before the first record (RFC 3810 5.2).
pub const REPORT_HEADER_LEN: usize = 8;
/// Length of a record's fixed part before its sources (RFC 3810 5.2).
pub const RECORD_HEADER_LEN: usize = 20;
/// Hop limit of every MLD message (RFC 3810 5).
pub const HOP_LIMIT: u8 = 1;
/// Length of the Hop-by-Hop header [`emit_router_alert_hbh`] writes.
pub const ROUTER_ALERT_HBH_LEN: usize = 8;

/// Writes the 8-byte Hop-by-Hop Options header that MLD messages carry
/// (RFC 3810 5): Next Header, Hdr Ext Len 0, a Router Alert option (RFC
/// 2711: type 5, length 2, value 0 = MLD) and a 2-byte PadN. Returns 8;
/// `Truncated` if `buf` is shorter.
pub fn emit_router_alert_hbh(buf: &mut [u8], next_header: u8) -> Result<usize> {
    let h = buf
        .get_mut(..ROUTER_ALERT_HBH_LEN)
        .ok_or(Error::Truncated)?;
    h.copy_from_slice(&[next_header, 0, 5, 2, 0, 0, 1, 0]);
    Ok(ROUTER_ALERT_HBH_LEN)
}

/// A read view of a Version 2 Multicast Listener Report (the whole ICMPv6
/// message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MldReport<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> MldReport<T> {
    /// Wraps a buffer without checking it.
    pub const fn new_unchecked(buffer: T) -> MldReport<T> {
        MldReport { buffer }
    }

    /// Wraps a buffer after [`MldReport::check_len`].
    pub fn new_checked(buffer: T) -> Result<MldReport<T>> {
        let r = MldReport::new_unchecked(buffer);
        r.check_len()?;
        Ok(r)
    }

    /// `Truncated` if shorter than the 8-byte report header,
    /// `Unsupported` if the type is not 143. Records are checked as they
    /// are iterated (or all at once by [`MldReport::validate`]).
    pub fn check_len(&self) -> Result<()> {
        let d = self.buffer.as_ref();
        if d.len() < REPORT_HEADER_LEN {
            return Err(Error::Truncated);
        }
        if Message::from(d[0]) != Message::MldV2Report {
            return Err(Error::Unsupported);
        }
        Ok(())
    }

    /// The wrapped buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// Nr of Mcast Address Records (RFC 3810 5.2.3).
    pub fn num_records(&self) -> u16 {
        let d = self.buffer.as_ref();
        u16::from_be_bytes([d[6], d[7]])
    }

    /// The records, as many as [`MldReport::num_records`] says.
    pub fn records(&self) -> RecordIter<'_> {
        RecordIter {
            rest: &self.buffer.as_ref()[REPORT_HEADER_LEN..],
            remaining: self.num_records(),
        }
    }

    /// Checks that every record lies inside the message.
    pub fn validate(&self) -> Result<()> {
        for r in self.records() {
            r?;
        }
        Ok(())
    }
}

/// One Multicast Address Record of a report (RFC 3810 5.2.4-5.2.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRecord<'a> {
    /// Record Type, see [`record_type`].
    pub record_type: u8,
    /// Multicast Address.
    pub group: Ipv6Address,
    /// The source addresses, 16 bytes each.
    pub sources: &'a [u8],
    /// Auxiliary data (to be ignored, RFC 3810 5.2.10).
    pub aux_data: &'a [u8],
}

impl<'a> AddressRecord<'a> {
    /// Number of sources.
    pub fn num_sources(&self) -> usize {
        self.sources.len() / 16
    }

    /// The source addresses.
    pub fn source_iter(&self) -> impl Iterator<Item = Ipv6Address> + 'a {
        self.sources.chunks_exact(16).map(Ipv6Address::from_bytes)
    }
}

/// Iterator over the records of a report.
///
/// Stops after Nr of Mcast Address Records records; yields `Truncated`
/// for a record that runs past the message, and nothing after it. Bytes
/// after the last record are ignored.
#[derive(Debug, Clone)]
pub struct RecordIter<'a> {
    rest: &'a [u8],
    remaining: u16,
}

impl<'a> Iterator for RecordIter<'a> {
    type Item = Result<AddressRecord<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let r = self.rest;
        // Lengths in u32: 16 * 65535 sources overflows a 16-bit usize.
        let (aux, len) = match r.get(..4) {
            Some(h) => {
                let aux = 4 * h[1] as u32;
                let srcs = 16 * u16::from_be_bytes([h[2], h[3]]) as u32;
                (aux as usize, RECORD_HEADER_LEN as u32 + aux + srcs)
            }
            None => (0, u32::MAX),
        };
        if len > r.len() as u32 {
            self.remaining = 0;
            return Some(Err(Error::Truncated));
        }
        let (rec, rest) = r.split_at(len as usize);
        self.rest = rest;
        let src_end = rec.len() - aux;
        Some(Ok(AddressRecord {
            record_type: rec[0],
            group: Ipv6Address::from_bytes(&rec[4..20]),
            sources: &rec[RECORD_HEADER_LEN..src_end],
            aux_data: &rec[src_end..],
        }))
    }
}

/// A record to emit: no auxiliary data (RFC 3810 5.2.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRecordRepr<'a> {
    /// Record Type, see [`record_type`].
    pub record_type: u8,
    /// Multicast Address.
    pub group: Ipv6Address,
    /// Source addresses.
    pub sources: &'a [Ipv6Address],
}

impl AddressRecordRepr<'static> {
    /// The record that joins `group` for all sources: CHANGE_TO_EXCLUDE
    /// with no sources (RFC 3810 6.1).
    pub const fn join(group: Ipv6Address) -> AddressRecordRepr<'static> {
        AddressRecordRepr {
            record_type: record_type::CHANGE_TO_EXCLUDE,
            group,
            sources: &[],
        }
    }

    /// The record that leaves `group`: CHANGE_TO_INCLUDE with no sources
    /// (RFC 3810 6.1).
    pub const fn leave(group: Ipv6Address) -> AddressRecordRepr<'static> {
        AddressRecordRepr {
            record_type: record_type::CHANGE_TO_INCLUDE,
            group,
            sources: &[],
        }
    }

    /// The current-state record of a group joined for all sources:
    /// MODE_IS_EXCLUDE with no sources, the answer to a query (RFC 3810
    /// 6.2).
    pub const fn is_exclude(group: Ipv6Address) -> AddressRecordRepr<'static> {
        AddressRecordRepr {
            record_type: record_type::MODE_IS_EXCLUDE,
            group,
            sources: &[],
        }
    }
}

impl AddressRecordRepr<'_> {
    /// Bytes this record takes in a report.
    pub fn buffer_len(&self) -> usize {
        RECORD_HEADER_LEN + 16 * self.sources.len()
    }
}

/// Bytes [`emit_report`] writes for `records`.
pub fn report_len(records: &[AddressRecordRepr]) -> usize {
    REPORT_HEADER_LEN + records.iter().map(|r| r.buffer_len()).sum::<usize>()
}

/// Builds a Version 2 Multicast Listener Report at the start of `buf` and
/// fills its checksum for `src` -> `dst` (normally a link-local source, or
/// `::`, to ff02::16; RFC 3810 5.2.13-14). Returns the message length.
/// `Truncated` if `buf` is too short, `BadLength` for more than 65535
/// records or sources.
pub fn emit_report(
    buf: &mut [u8],
    records: &[AddressRecordRepr],
    src: &Ipv6Address,
    dst: &Ipv6Address,
) -> Result<usize> {
    let len = report_len(records);
    // (`try_from`, not `> 0xffff`: on a 16-bit target no length is above
    // it, and that comparison is one Clippy rejects as always false.)
    let too_many = |n: usize| u16::try_from(n).is_err();
    if too_many(records.len()) || records.iter().any(|r| too_many(r.sources.len())) {
        return Err(Error::BadLength);
    }
    let msg = buf.get_mut(..len).ok_or(Error::Truncated)?;
    msg[..REPORT_HEADER_LEN].copy_from_slice(&[143, 0, 0, 0, 0, 0, 0, 0]);
    msg[6..8].copy_from_slice(&(records.len() as u16).to_be_bytes());
    let mut at = REPORT_HEADER_LEN;
    for r in records {
        msg[at] = r.record_type;
        msg[at + 1] = 0;
        msg[at + 2..at + 4].copy_from_slice(&(r.sources.len() as u16).to_be_bytes());
        msg[at + 4..at + 20].copy_from_slice(&r.group.0);
        at += RECORD_HEADER_LEN;
        for s in r.sources {
            msg[at..at + 16].copy_from_slice(&s.0);
            at += 16;
        }
    }
    Icmpv6Packet::new_unchecked(msg).fill_checksum(src, dst);
    Ok(len)
}

/// A read view of a Multicast Listener Query (the whole ICMPv6 message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MldQuery<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> MldQuery<T> {
    /// Wraps a buffer without checking it.
    pub const fn new_unchecked(buffer: T) -> MldQuery<T> {
        MldQuery { buffer }
    }

    /// Wraps a buffer after [`MldQuery::check_len`].
    pub fn new_checked(buffer: T) -> Result<MldQuery<T>> {
        let q = MldQuery::new_unchecked(buffer);
        q.check_len()?;
        Ok(q)
    }

    /// `Unsupported` if the type is not 130; `Truncated` below 24 bytes or
    /// when an MLDv2 query is shorter than its Number of Sources says;
    /// `BadLength` for 25 to 27 bytes, which RFC 3810 8.1 says to ignore.
    pub fn check_len(&self) -> Result<()> {
        let d = self.buffer.as_ref();
        if d.len() < QUERY_V1_LEN {
            return Err(Error::Truncated);
        }
        if d[0] != crate::wire::icmpv6::msg_type::MLD_QUERY {
            return Err(Error::Unsupported);
        }
        if d.len() == QUERY_V1_LEN {
            return Ok(());
        }
        if d.len() < QUERY_V2_MIN_LEN {
            return Err(Error::BadLength);
        }
        // Room for the sources: (len - 28) >= 16 * n, as whole 16-byte
        // units (no 32-bit product on the 16-bit target).
        if (d.len() - QUERY_V2_MIN_LEN) / 16 < self.num_sources() as usize {
            return Err(Error::Truncated);
        }
        Ok(())
    }

    /// The wrapped buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    fn byte(&self, at: usize) -> u8 {
        *self.buffer.as_ref().get(at).unwrap_or(&0)
    }

    /// True for the MLDv2 form (28 bytes or more, RFC 3810 8.1).
    pub fn is_v2(&self) -> bool {
        self.buffer.as_ref().len() >= QUERY_V2_MIN_LEN
    }

    /// Maximum Response Code (RFC 3810 5.1.3) or, for MLDv1, Maximum
    /// Response Delay in milliseconds (RFC 2710 3.4).
    pub fn max_resp_code(&self) -> u16 {
        u16::from_be_bytes([self.byte(4), self.byte(5)])
    }

    /// The Maximum Response Delay in milliseconds (RFC 3810 5.1.3: codes
    /// from 32768 up are a floating-point value in MLDv2; at most
    /// 0x1fff << 10 = 8387584 ms).
    pub fn max_response_delay_ms(&self) -> u32 {
        let code = self.max_resp_code();
        if self.is_v2() && code >= 0x8000 {
            // mant << (exp + 3): mant << 3 fits 16 bits, times 2^exp
            // from a table (a variable 32-bit shift, or doubling, is long
            // code on the 16-bit target; the multiplication is a call).
            const POW2: [u8; 8] = [1, 2, 4, 8, 16, 32, 64, 128];
            let mant8 = ((code & 0x0fff) | 0x1000) << 3;
            u32::from(mant8) * u32::from(POW2[(code >> 12) as usize & 7])
        } else {
            code as u32
        }
    }

    /// Multicast Address: `::` in a General Query (RFC 3810 5.1.5).
    pub fn group(&self) -> Ipv6Address {
        // (`::` for a short unchecked buffer.)
        match self.buffer.as_ref().get(8..24) {
            Some(g) => Ipv6Address::from_bytes(g),
            None => Ipv6Address::UNSPECIFIED,
        }
    }

    /// True for a General Query (unspecified Multicast Address).
    pub fn is_general(&self) -> bool {
        self.group().is_unspecified()
    }

    /// MLDv2 S flag, "suppress router-side processing" (RFC 3810 5.1.7).
    pub fn s_flag(&self) -> bool {
        self.byte(24) & 0x08 != 0
    }

    /// MLDv2 Querier's Robustness Variable (RFC 3810 5.1.8).
    pub fn qrv(&self) -> u8 {
        self.byte(24) & 0x07
    }

    /// MLDv2 Querier's Query Interval Code (RFC 3810 5.1.9).
    pub fn qqic(&self) -> u8 {
        self.byte(25)
    }

    /// The Querier's Query Interval in seconds (RFC 3810 5.1.9: codes from
    /// 128 up are a floating-point value).
    pub fn qqi_secs(&self) -> u32 {
        let c = self.qqic();
        if c < 128 {
            c as u32
        } else {
            ((c & 0x0f) as u32 | 0x10) << (((c >> 4) & 7) + 3)
        }
    }

    /// MLDv2 Number of Sources (RFC 3810 5.1.10); 0 for MLDv1.
    pub fn num_sources(&self) -> u16 {
        u16::from_be_bytes([self.byte(26), self.byte(27)])
    }

    /// Where the sources end; `None` if that does not fit a `usize` (on a
    /// 16-bit target, 16 * 65535 does not).
    fn sources_end(&self) -> Option<usize> {
        usize::try_from(QUERY_V2_MIN_LEN as u32 + 16 * self.num_sources() as u32).ok()
    }

    /// MLDv2 source addresses, 16 bytes each (empty for MLDv1). On a
    /// checked view, exactly [`MldQuery::num_sources`] of them.
    pub fn sources(&self) -> &[u8] {
        let d = self.buffer.as_ref();
        let end = self.sources_end().unwrap_or(usize::MAX);
        d.get(QUERY_V2_MIN_LEN..end).unwrap_or(&[])
    }

    /// The source addresses.
    pub fn source_iter(&self) -> impl Iterator<Item = Ipv6Address> + '_ {
        self.sources().chunks_exact(16).map(Ipv6Address::from_bytes)
    }
}

/// A Multicast Listener Query as a plain value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MldQueryRepr<'a> {
    /// Maximum Response Code (MLDv2) or Delay in ms (MLDv1).
    pub max_resp_code: u16,
    /// Multicast Address (`::` for a General Query).
    pub group: Ipv6Address,
    /// MLDv2 form; if false, the fields below are zero / empty.
    pub v2: bool,
    /// S flag.
    pub s_flag: bool,
    /// QRV (0-7).
    pub qrv: u8,
    /// QQIC.
    pub qqic: u8,
    /// Source addresses, 16 bytes each.
    pub sources: &'a [u8],
}

impl<'a> MldQueryRepr<'a> {
    /// Reads a checked query.
    pub fn parse<T: AsRef<[u8]> + ?Sized>(q: &MldQuery<&'a T>) -> Result<MldQueryRepr<'a>> {
        q.check_len()?;
        let d: &'a [u8] = q.buffer.as_ref();
        let end = q.sources_end().unwrap_or(usize::MAX);
        Ok(MldQueryRepr {
            max_resp_code: q.max_resp_code(),
            group: q.group(),
            v2: q.is_v2(),
            s_flag: q.s_flag(),
            qrv: q.qrv(),
            qqic: q.qqic(),
            sources: d.get(QUERY_V2_MIN_LEN..end).unwrap_or(&[]),
        })
    }

    /// Bytes [`MldQueryRepr::emit`] writes.
    pub fn buffer_len(&self) -> usize {
        if self.v2 {
            QUERY_V2_MIN_LEN + self.sources.len()
        } else {
            QUERY_V1_LEN
        }
    }

    /// Writes the query at the start of `buf` and fills the checksum.
    /// `Truncated` if `buf` is too short; `BadLength` if `sources` is not
    /// whole addresses (or too many), or is non-empty for MLDv1.
    pub fn emit(&self, buf: &mut [u8], src: &Ipv6Address, dst: &Ipv6Address) -> Result<usize> {
        let n = self.sources.len();
        // (`try_from`, not `> 0xffff`: always false on a 16-bit target,
        // which Clippy rejects.)
        if n % 16 != 0 || u16::try_from(n / 16).is_err() || (!self.v2 && n > 0) {
            return Err(Error::BadLength);
        }
        let len = self.buffer_len();
        let m = buf.get_mut(..len).ok_or(Error::Truncated)?;
        m.fill(0);
        m[0] = 130;
        m[4..6].copy_from_slice(&self.max_resp_code.to_be_bytes());
        m[8..24].copy_from_slice(&self.group.0);
        if self.v2 {
            m[24] = (self.s_flag as u8) << 3 | (self.qrv & 7);
            m[25] = self.qqic;
            m[26..28].copy_from_slice(&((n / 16) as u16).to_be_bytes());
            m[28..].copy_from_slice(self.sources);
        }
        Icmpv6Packet::new_unchecked(m).fill_checksum(src, dst);
        Ok(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    use crate::test_common::{hx as unhex, ip as addr};

    #[test]
    fn join_report_layout_and_round_trip() {
        let src = addr("fe80::ff:fe00:42");
        let group = addr("ff02::1:ff00:42");
        let mut buf = [0u8; 64];
        let recs = [AddressRecordRepr::join(group)];
        let n = emit_report(&mut buf, &recs, &src, &Ipv6Address::ALL_MLDV2_ROUTERS).unwrap();
        assert_eq!(n, 28);
        // RFC 3810 5.2: type 143, reserved, 1 record; record type 4,
        // aux len 0, 0 sources, group.
        let mut expect =
            unhex("8f00 0000 0000 0001 0400 0000 ff02 0000 0000 0000 0000 0001 ff00 0042");
        expect[2..4].copy_from_slice(&buf[2..4]);
        assert_eq!(&buf[..n], &expect[..]);
        assert!(Icmpv6Packet::new_checked(&buf[..n])
            .unwrap()
            .verify_checksum(&src, &Ipv6Address::ALL_MLDV2_ROUTERS));
        let r = MldReport::new_checked(&buf[..n]).unwrap();
        assert_eq!(r.num_records(), 1);
        let rec: Vec<_> = r.records().collect();
        assert_eq!(
            rec,
            [Ok(AddressRecord {
                record_type: record_type::CHANGE_TO_EXCLUDE,
                group,
                sources: &[],
                aux_data: &[]
            })]
        );
    }

    #[test]
    fn report_with_sources_round_trips() {
        let s = [addr("2001:db8::1"), addr("2001:db8::2")];
        let recs = [
            AddressRecordRepr {
                record_type: record_type::ALLOW_NEW_SOURCES,
                group: addr("ff3e::8000:1"),
                sources: &s,
            },
            AddressRecordRepr::leave(addr("ff02::fb")),
            AddressRecordRepr::is_exclude(addr("ff05::101")),
        ];
        let (src, dst) = (Ipv6Address::UNSPECIFIED, Ipv6Address::ALL_MLDV2_ROUTERS);
        let mut buf = [0u8; 200];
        let n = emit_report(&mut buf, &recs, &src, &dst).unwrap();
        assert_eq!(n, report_len(&recs));
        assert_eq!(n, 8 + 52 + 20 + 20);
        assert!(Icmpv6Packet::new_checked(&buf[..n])
            .unwrap()
            .verify_checksum(&src, &dst));
        let r = MldReport::new_checked(&buf[..n]).unwrap();
        assert_eq!(r.validate(), Ok(()));
        let parsed: Vec<_> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(parsed.len(), 3);
        for (p, e) in parsed.iter().zip(recs.iter()) {
            assert_eq!(p.record_type, e.record_type);
            assert_eq!(p.group, e.group);
            assert_eq!(p.source_iter().collect::<Vec<_>>(), e.sources);
            assert_eq!(p.num_sources(), e.sources.len());
        }
        for short in 0..n {
            assert_eq!(
                emit_report(&mut buf[..short], &recs, &src, &dst),
                Err(Error::Truncated)
            );
        }
    }

    #[test]
    fn bad_reports() {
        let src = addr("fe80::1");
        let recs = [
            AddressRecordRepr::join(addr("ff02::1:3")),
            AddressRecordRepr::join(addr("ff02::fb")),
        ];
        let mut buf = [0u8; 48];
        let n = emit_report(&mut buf, &recs, &src, &Ipv6Address::ALL_MLDV2_ROUTERS).unwrap();
        for cut in 0..8 {
            assert_eq!(
                MldReport::new_checked(&buf[..cut]).err(),
                Some(Error::Truncated)
            );
        }
        // Truncated at every length inside the records: one error, then end.
        for cut in 8..n {
            let r = MldReport::new_checked(&buf[..cut]).unwrap();
            let v: Vec<_> = r.records().collect();
            assert_eq!(v.last(), Some(&Err(Error::Truncated)), "{cut}");
            assert_eq!(v.len(), if cut < 28 { 1 } else { 2 });
            assert_eq!(r.validate(), Err(Error::Truncated));
        }
        // Aux data length and number of sources pointing past the end.
        let mut b = buf;
        b[9] = 1;
        assert_eq!(
            MldReport::new_checked(&b[..n]).unwrap().validate(),
            Err(Error::Truncated)
        );
        let mut b = buf;
        b[10] = 0xff;
        assert_eq!(
            MldReport::new_checked(&b[..n]).unwrap().validate(),
            Err(Error::Truncated)
        );
        // Record count larger than the records present; 65535 records
        // claimed in a short message terminate immediately.
        let mut b = buf;
        b[6] = 0xff;
        b[7] = 0xff;
        let r = MldReport::new_checked(&b[..n]).unwrap();
        assert_eq!(r.records().count(), 3);
        // Aux data is carried and separated from sources.
        let mut b = [0u8; 48];
        b[..n].copy_from_slice(&buf[..n]);
        b[7] = 1;
        b[9] = 1;
        let r = MldReport::new_checked(&b[..32]).unwrap();
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(rec.aux_data.len(), 4);
        assert_eq!(rec.num_sources(), 0);
        // Not a report.
        assert_eq!(
            MldReport::new_checked(&[130u8, 0, 0, 0, 0, 0, 0, 0][..]).err(),
            Some(Error::Unsupported)
        );
    }

    #[test]
    fn queries_v1_and_v2() {
        let src = addr("fe80::1");
        // MLDv1 general query, max response delay 10000 ms (RFC 2710).
        let q1 = MldQueryRepr {
            max_resp_code: 10000,
            group: Ipv6Address::UNSPECIFIED,
            v2: false,
            s_flag: false,
            qrv: 0,
            qqic: 0,
            sources: &[],
        };
        let mut buf = [0u8; 100];
        let n = q1.emit(&mut buf, &src, &Ipv6Address::ALL_NODES).unwrap();
        assert_eq!(n, 24);
        let q = MldQuery::new_checked(&buf[..n]).unwrap();
        assert!(!q.is_v2() && q.is_general());
        assert_eq!(q.max_response_delay_ms(), 10000);
        assert_eq!(MldQueryRepr::parse(&q), Ok(q1));
        assert!(Icmpv6Packet::new_checked(&buf[..n])
            .unwrap()
            .verify_checksum(&src, &Ipv6Address::ALL_NODES));

        // MLDv2 group-and-source-specific query with exponential codes.
        let mut srcs = [0u8; 32];
        srcs[..16].copy_from_slice(&addr("2001:db8::a").0);
        srcs[16..].copy_from_slice(&addr("2001:db8::b").0);
        let q2 = MldQueryRepr {
            max_resp_code: 0x8000 | 0x1000 | 0x0234,
            group: addr("ff3e::1234"),
            v2: true,
            s_flag: true,
            qrv: 2,
            qqic: 0x80 | 0x10 | 0x5,
            sources: &srcs,
        };
        let n = q2.emit(&mut buf, &src, &addr("ff3e::1234")).unwrap();
        assert_eq!(n, 60);
        let q = MldQuery::new_checked(&buf[..n]).unwrap();
        assert!(q.is_v2() && !q.is_general());
        // RFC 3810 5.1.3: (mant | 0x1000) << (exp + 3).
        assert_eq!(q.max_response_delay_ms(), (0x0234 | 0x1000) << 4);
        // RFC 3810 5.1.9: (mant | 0x10) << (exp + 3).
        assert_eq!(q.qqi_secs(), (0x5 | 0x10) << 4);
        assert_eq!(q.num_sources(), 2);
        assert_eq!(
            q.source_iter().collect::<Vec<_>>(),
            [addr("2001:db8::a"), addr("2001:db8::b")]
        );
        assert_eq!(MldQueryRepr::parse(&q), Ok(q2));
        // Largest codes.
        buf[4] = 0xff;
        buf[5] = 0xff;
        buf[25] = 0xff;
        let q = MldQuery::new_checked(&buf[..n]).unwrap();
        assert_eq!(q.max_response_delay_ms(), 0x1fff << 10);
        assert_eq!(q.qqi_secs(), 0x1f << 10);
        // Every code: MLDv2 codes from 0x8000 by the formula of RFC 3810
        // 5.1.3, the ones below as milliseconds.
        for code in 0..=u16::MAX {
            buf[4..6].copy_from_slice(&code.to_be_bytes());
            let q = MldQuery::new_checked(&buf[..n]).unwrap();
            let want = if code < 0x8000 {
                code as u32
            } else {
                ((code as u32 & 0x0fff) | 0x1000) << ((code >> 12 & 7) + 3)
            };
            assert_eq!(q.max_response_delay_ms(), want, "code {code:#x}");
        }

        // Lengths: < 24 truncated, 25-27 ignored, sources past the end.
        for cut in 0..24 {
            assert_eq!(
                MldQuery::new_checked(&buf[..cut]).err(),
                Some(Error::Truncated)
            );
        }
        for cut in 25..28 {
            assert_eq!(
                MldQuery::new_checked(&buf[..cut]).err(),
                Some(Error::BadLength)
            );
        }
        for cut in 28..60 {
            assert_eq!(
                MldQuery::new_checked(&buf[..cut]).err(),
                Some(Error::Truncated)
            );
        }
        // Extra bytes after the sources are ignored.
        assert!(MldQuery::new_checked(&buf[..61]).is_ok());
        // Getters of an unchecked short view do not panic.
        let q = MldQuery::new_unchecked(&buf[..3]);
        assert_eq!((q.num_sources(), q.sources().len(), q.qqic()), (0, 0, 0));
        // MLDv1 cannot carry sources.
        let bad = MldQueryRepr { v2: false, ..q2 };
        assert_eq!(bad.emit(&mut buf, &src, &src), Err(Error::BadLength));
    }

    #[test]
    fn router_alert_header() {
        let mut b = [0u8; 8];
        assert_eq!(emit_router_alert_hbh(&mut b, 58), Ok(8));
        assert_eq!(b, [58, 0, 5, 2, 0, 0, 1, 0]);
        assert_eq!(
            emit_router_alert_hbh(&mut b[..7], 58),
            Err(Error::Truncated)
        );
    }
}
