//! DNS messages (RFC 1035 section 4, RFC 3596 for AAAA).
//!
//! [`DnsPacket`] is a view of a whole message. Questions and resource
//! records are read by iterators that stop at the counts in the header and
//! at the end of the buffer, whichever comes first; malformed input ends
//! the iteration with one typed error.
//!
//! Names are [`Name`] values that point into the message. Compression
//! pointers are only followed backwards: a pointer must point strictly
//! before the start of the run of labels that contains it (RFC 1035 4.1.4,
//! "a prior occurrence of the same name"). The positions visited then
//! strictly decrease at every jump, so pointer loops cannot exist and
//! reading a name always ends. The expanded name may not exceed 255 bytes
//! in wire form (RFC 1035 3.1).
//!
//! Queries are built in place from a dotted name such as `pool.ntp.org`
//! with [`QueryRepr`].

use super::{Error, Ipv6Address, Result};

/// Length of the DNS header.
pub const HEADER_LEN: usize = 12;

/// The UDP port of DNS.
pub const PORT: u16 = 53;

/// Longest name in wire form, root byte included (RFC 1035 3.1).
pub const MAX_NAME_LEN: usize = 255;

/// Longest label (RFC 1035 3.1).
pub const MAX_LABEL_LEN: usize = 63;

/// Resource record TYPE values (RFC 1035 3.2.2, RFC 3596 2.1).
pub mod rtype {
    /// IPv4 host address.
    pub const A: u16 = 1;
    /// Authoritative name server.
    pub const NS: u16 = 2;
    /// Canonical name of an alias.
    pub const CNAME: u16 = 5;
    /// Start of a zone of authority.
    pub const SOA: u16 = 6;
    /// Domain name pointer.
    pub const PTR: u16 = 12;
    /// Text strings.
    pub const TXT: u16 = 16;
    /// IPv6 host address (RFC 3596).
    pub const AAAA: u16 = 28;
    /// EDNS(0) pseudo-record (RFC 6891).
    pub const OPT: u16 = 41;
}

/// CLASS IN, the Internet (RFC 1035 3.2.4).
pub const CLASS_IN: u16 = 1;

/// RCODE values (RFC 1035 4.1.1).
pub mod rcode {
    /// No error.
    pub const NO_ERROR: u8 = 0;
    /// The server could not interpret the query.
    pub const FORMAT_ERROR: u8 = 1;
    /// The server failed.
    pub const SERVER_FAILURE: u8 = 2;
    /// NXDOMAIN: the name does not exist.
    pub const NAME_ERROR: u8 = 3;
    /// The kind of query is not supported.
    pub const NOT_IMPLEMENTED: u8 = 4;
    /// Refused for policy reasons.
    pub const REFUSED: u8 = 5;
}

mod flag {
    pub const QR: u16 = 0x8000;
    pub const AA: u16 = 0x0400;
    pub const TC: u16 = 0x0200;
    pub const RD: u16 = 0x0100;
    pub const RA: u16 = 0x0080;
}

mod field {
    pub const ID: usize = 0;
    pub const FLAGS: usize = 2;
    pub const QDCOUNT: usize = 4;
    pub const ANCOUNT: usize = 6;
    pub const NSCOUNT: usize = 8;
    pub const ARCOUNT: usize = 10;
}

fn be16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([b[at], b[at + 1]])
}

/// A view of a DNS message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsPacket<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> DnsPacket<T> {
    /// Wraps a buffer without checking it.
    pub const fn new_unchecked(buffer: T) -> DnsPacket<T> {
        DnsPacket { buffer }
    }

    /// Wraps a buffer holding at least a header. The sections are checked
    /// as they are iterated.
    pub fn new_checked(buffer: T) -> Result<DnsPacket<T>> {
        let p = Self::new_unchecked(buffer);
        p.check_len()?;
        Ok(p)
    }

    /// [`Error::Truncated`] when shorter than the 12-byte header.
    pub fn check_len(&self) -> Result<()> {
        if self.buffer.as_ref().len() < HEADER_LEN {
            Err(Error::Truncated)
        } else {
            Ok(())
        }
    }

    /// Gives the buffer back.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    /// Transaction ID.
    pub fn id(&self) -> u16 {
        be16(self.buffer.as_ref(), field::ID)
    }

    /// The second header word: QR, opcode, AA, TC, RD, RA, Z and RCODE.
    pub fn flags(&self) -> u16 {
        be16(self.buffer.as_ref(), field::FLAGS)
    }

    /// QR: true for a response.
    pub fn is_response(&self) -> bool {
        self.flags() & flag::QR != 0
    }

    /// OPCODE (0: standard query).
    pub fn opcode(&self) -> u8 {
        (self.flags() >> 11) as u8 & 0xf
    }

    /// AA: authoritative answer.
    pub fn is_authoritative(&self) -> bool {
        self.flags() & flag::AA != 0
    }

    /// TC: the message was truncated to fit the transport.
    pub fn is_truncated(&self) -> bool {
        self.flags() & flag::TC != 0
    }

    /// RD: recursion desired.
    pub fn recursion_desired(&self) -> bool {
        self.flags() & flag::RD != 0
    }

    /// RA: recursion available.
    pub fn recursion_available(&self) -> bool {
        self.flags() & flag::RA != 0
    }

    /// Z: the three reserved bits (AD and CD of RFC 4035 among them).
    pub fn z(&self) -> u8 {
        (self.flags() >> 4) as u8 & 0x7
    }

    /// RCODE, see [`rcode`].
    pub fn rcode(&self) -> u8 {
        self.flags() as u8 & 0xf
    }

    /// QDCOUNT: entries in the question section.
    pub fn question_count(&self) -> u16 {
        be16(self.buffer.as_ref(), field::QDCOUNT)
    }

    /// ANCOUNT: resource records in the answer section.
    pub fn answer_count(&self) -> u16 {
        be16(self.buffer.as_ref(), field::ANCOUNT)
    }

    /// NSCOUNT: resource records in the authority section.
    pub fn authority_count(&self) -> u16 {
        be16(self.buffer.as_ref(), field::NSCOUNT)
    }

    /// ARCOUNT: resource records in the additional section.
    pub fn additional_count(&self) -> u16 {
        be16(self.buffer.as_ref(), field::ARCOUNT)
    }

    /// The question section.
    pub fn questions(&self) -> Questions<'_> {
        let msg = self.buffer.as_ref();
        Questions {
            msg,
            pos: HEADER_LEN.min(msg.len()),
            left: if msg.len() < HEADER_LEN {
                0
            } else {
                self.question_count()
            },
            known: Known {
                start: usize::MAX,
                wire_len: 0,
            },
        }
    }

    /// The answer, authority and additional sections, in order. The
    /// questions are skipped first; an error there is the only item.
    pub fn records(&self) -> Records<'_> {
        self.questions().into_records()
    }

    /// The first answer record of type `rtype` for the name of the first
    /// question, following CNAME records from that name through the
    /// answer section (RFC 1034 3.6.2). Chains are followed at most
    /// ANCOUNT times, so CNAME loops end. `Ok(None)` when there is no such
    /// record.
    pub fn resolve(&self, rtype: u16) -> Result<Option<Record<'_>>> {
        let mut target = match self.questions().next() {
            Some(q) => q?.name,
            None => return Ok(None),
        };
        let mut hops = 0u16;
        'restart: loop {
            for rec in self.records() {
                let rec = rec?;
                if rec.section != Section::Answer {
                    break;
                }
                if rec.class != CLASS_IN || rec.name != target {
                    continue;
                }
                if rec.rtype == rtype {
                    return Ok(Some(rec));
                }
                if rec.rtype == rtype::CNAME && hops < self.answer_count() {
                    hops += 1;
                    target = rec.cname()?;
                    continue 'restart;
                }
            }
            return Ok(None);
        }
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> DnsPacket<T> {
    fn set_be16(&mut self, at: usize, v: u16) {
        self.buffer.as_mut()[at..at + 2].copy_from_slice(&v.to_be_bytes())
    }

    /// Sets the transaction ID.
    pub fn set_id(&mut self, v: u16) {
        self.set_be16(field::ID, v)
    }

    /// Sets the flags word (QR, opcode, AA, TC, RD, RA, Z, RCODE).
    pub fn set_flags(&mut self, v: u16) {
        self.set_be16(field::FLAGS, v)
    }

    /// Sets QDCOUNT.
    pub fn set_question_count(&mut self, v: u16) {
        self.set_be16(field::QDCOUNT, v)
    }

    /// Sets ANCOUNT.
    pub fn set_answer_count(&mut self, v: u16) {
        self.set_be16(field::ANCOUNT, v)
    }

    /// Sets NSCOUNT.
    pub fn set_authority_count(&mut self, v: u16) {
        self.set_be16(field::NSCOUNT, v)
    }

    /// Sets ARCOUNT.
    pub fn set_additional_count(&mut self, v: u16) {
        self.set_be16(field::ARCOUNT, v)
    }
}

/// A domain name inside a message: where its first label is and its
/// expanded wire length. Only [`DnsPacket`]'s readers make these, after
/// validation.
///
/// Equality is DNS name equality: label by label, ASCII case-insensitive
/// (RFC 4343), wherever the two names are stored.
#[derive(Debug, Clone, Copy)]
pub struct Name<'a> {
    msg: &'a [u8],
    /// The first label (or the root byte): the compression pointers the
    /// name starts with are already followed, so that the names written as
    /// pointers to the same place have the same `start` (see `eq`).
    start: usize,
    wire_len: u8,
}

/// Reads and validates the name at `start`; returns it and the offset
/// just after it (after its terminating zero or its first pointer).
fn read_name(msg: &[u8], start: usize) -> Result<(Name<'_>, usize)> {
    let mut pos = start;
    // Start of the current run of labels: a pointer must go strictly
    // before it (RFC 1035 4.1.4 "prior occurrence").
    let mut run = start;
    let mut end = None;
    // Where the first label is: past the pointers the name starts with.
    let mut first = start;
    let mut wire_len = 1; // the root byte
    loop {
        let b = *msg.get(pos).ok_or(Error::Truncated)?;
        match b >> 6 {
            0 if b == 0 => break,
            0 => {
                wire_len += 1 + b as usize;
                if wire_len > MAX_NAME_LEN {
                    return Err(Error::NameTooLong);
                }
                pos += 1 + b as usize;
            }
            3 => {
                let lo = *msg.get(pos + 1).ok_or(Error::Truncated)?;
                let target = ((b & 0x3f) as usize) << 8 | lo as usize;
                if target >= run {
                    return Err(Error::BadPointer);
                }
                end.get_or_insert(pos + 2);
                if wire_len == 1 {
                    // No label yet.
                    first = target;
                }
                pos = target;
                run = target;
            }
            // 0b01 and 0b10 label types are reserved (RFC 1035 4.1.4,
            // RFC 6891 5).
            _ => return Err(Error::BadValue),
        }
    }
    let name = Name {
        msg,
        start: first,
        wire_len: wire_len as u8,
    };
    Ok((name, end.unwrap_or(pos + 1)))
}

/// The last name a section iterator read: where its first label is and its
/// wire length (`start` `usize::MAX`: none).
#[derive(Debug, Clone, Copy)]
struct Known {
    start: usize,
    wire_len: u8,
}

/// [`read_name`], except for a name that is a single pointer to the first
/// label of `known` (how servers write the owners of the answers: a pointer
/// to the question's name): that name is `known` again, without reading it
/// a second time. It is valid, and the same name, since reading from its
/// first label is what validated `known` (with the run of labels starting
/// there too); the pointer goes backwards, since `known` comes before.
/// Any other name is read, and becomes `known`.
#[inline(always)]
fn read_name_after<'a>(msg: &'a [u8], pos: usize, known: &mut Known) -> Result<(Name<'a>, usize)> {
    if let Some(&[hi, lo]) = msg.get(pos..pos + 2) {
        let target = ((hi & 0x3f) as usize) << 8 | lo as usize;
        if hi >= 0xc0 && target == known.start && target < pos {
            let name = Name {
                msg,
                start: target,
                wire_len: known.wire_len,
            };
            return Ok((name, pos + 2));
        }
    }
    let (name, end) = read_name(msg, pos)?;
    *known = Known {
        start: name.start,
        wire_len: name.wire_len,
    };
    Ok((name, end))
}

impl<'a> Name<'a> {
    /// The labels, first (leftmost) to last, without the root.
    pub fn labels(&self) -> Labels<'a> {
        Labels {
            msg: self.msg,
            pos: self.start,
            run: self.start,
        }
    }

    /// Length of the expanded name in wire form, root byte included
    /// (1 for the root, at most 255).
    pub fn wire_len(&self) -> usize {
        self.wire_len as usize
    }

    /// True for the root name.
    pub fn is_root(&self) -> bool {
        self.wire_len == 1
    }

    /// Offset of the name's first label (or root byte) in the message,
    /// after the compression pointers it starts with: a name written as a
    /// pointer to the question's name has the question's offset.
    pub fn offset(&self) -> usize {
        self.start
    }

    /// Compares with a dotted name (`"pool.ntp.org"`, an optional final
    /// dot; `"."` or `""` is the root), ASCII case-insensitively.
    pub fn eq_dotted(&self, dotted: &str) -> bool {
        let s = dotted.strip_suffix('.').unwrap_or(dotted);
        let mut labels = self.labels();
        if !s.is_empty() {
            for part in s.split('.') {
                match labels.next() {
                    Some(l) if label_eq(l, part.as_bytes()) => {}
                    _ => return false,
                }
            }
        }
        labels.next().is_none()
    }

    /// Compares with a sequence of labels, ASCII case-insensitively.
    pub fn eq_labels(&self, other: &[&[u8]]) -> bool {
        let mut labels = self.labels();
        for part in other {
            match labels.next() {
                Some(l) if label_eq(l, part) => {}
                _ => return false,
            }
        }
        labels.next().is_none()
    }

    /// Copies the name out in uncompressed wire form (length-prefixed
    /// labels and the root byte). Returns the length written, or
    /// [`Error::Truncated`] when `buf` is too small.
    pub fn copy_wire(&self, buf: &mut [u8]) -> Result<usize> {
        let n = self.wire_len();
        if buf.len() < n {
            return Err(Error::Truncated);
        }
        let mut at = 0;
        for l in self.labels() {
            buf[at] = l.len() as u8;
            buf[at + 1..at + 1 + l.len()].copy_from_slice(l);
            at += 1 + l.len();
        }
        buf[at] = 0;
        Ok(at + 1)
    }

    /// Copies the name out as dotted text without the final dot (`"."` for
    /// the root). Label bytes are copied as they are, dots inside labels
    /// included. Returns the length written, or [`Error::Truncated`].
    pub fn copy_dotted(&self, buf: &mut [u8]) -> Result<usize> {
        if self.is_root() {
            *buf.first_mut().ok_or(Error::Truncated)? = b'.';
            return Ok(1);
        }
        // Labels plus separators: wire length minus the root byte minus 1.
        let n = self.wire_len() - 2;
        if buf.len() < n {
            return Err(Error::Truncated);
        }
        let mut at = 0;
        for l in self.labels() {
            if at != 0 {
                buf[at] = b'.';
                at += 1;
            }
            buf[at..at + l.len()].copy_from_slice(l);
            at += l.len();
        }
        Ok(at)
    }
}

impl PartialEq for Name<'_> {
    fn eq(&self, other: &Name<'_>) -> bool {
        // The same labels of the same message (a name and a pointer to
        // it): equal without reading them. Both were validated from there.
        if self.msg.as_ptr() == other.msg.as_ptr() && self.start == other.start {
            return true;
        }
        let mut a = self.labels();
        let mut b = other.labels();
        loop {
            match (a.next(), b.next()) {
                (None, None) => return true,
                (Some(x), Some(y)) if label_eq(x, y) => {}
                _ => return false,
            }
        }
    }
}

impl Eq for Name<'_> {}

/// Iterator over the labels of a [`Name`].
#[derive(Debug, Clone)]
pub struct Labels<'a> {
    msg: &'a [u8],
    pos: usize,
    run: usize,
}

impl<'a> Iterator for Labels<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        // The name was validated when read; the checks here only make sure
        // that iteration ends whatever the bytes.
        loop {
            let b = *self.msg.get(self.pos)?;
            // A label (length 1 to 63), the usual case: one comparison.
            if b.wrapping_sub(1) < 0x3f {
                let start = self.pos + 1;
                self.pos = start + b as usize;
                return self.msg.get(start..self.pos);
            }
            if b < 0xc0 {
                // The root, or a reserved label type.
                return None;
            }
            let lo = *self.msg.get(self.pos + 1)?;
            let target = ((b & 0x3f) as usize) << 8 | lo as usize;
            if target >= self.run {
                self.pos = self.msg.len();
                return None;
            }
            self.pos = target;
            self.run = target;
        }
    }
}

/// An entry of the question section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question<'a> {
    /// QNAME.
    pub name: Name<'a>,
    /// QTYPE, see [`rtype`].
    pub qtype: u16,
    /// QCLASS ([`CLASS_IN`]).
    pub qclass: u16,
}

/// Iterator over the question section: `Ok` items, then possibly one
/// `Err` after which it stops.
#[derive(Debug, Clone)]
pub struct Questions<'a> {
    msg: &'a [u8],
    pos: usize,
    left: u16,
    known: Known,
}

impl<'a> Questions<'a> {
    /// The answer, authority and additional sections that follow: the
    /// questions not read yet are skipped, an error there being the only
    /// item (nothing follows a question that `next` gave as an error).
    /// After the questions were read, this goes on from where they ended
    /// instead of reading them again (as [`DnsPacket::records`] does).
    pub fn into_records(mut self) -> Records<'a> {
        let mut records = Records {
            msg: self.msg,
            pos: 0,
            known: self.known,
            left: [0; 3],
            section: 0,
            error: None,
        };
        for item in &mut self {
            if let Err(e) = item {
                records.error = Some(e);
                return records;
            }
        }
        if self.pos == usize::MAX {
            // The error was given by `next` already.
            return records;
        }
        if let Some(h) = self.msg.get(..HEADER_LEN) {
            records.left = [
                be16(h, field::ANCOUNT),
                be16(h, field::NSCOUNT),
                be16(h, field::ARCOUNT),
            ];
        }
        records.pos = self.pos;
        records
    }
}

impl<'a> Iterator for Questions<'a> {
    type Item = Result<Question<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let item = read_name_after(self.msg, self.pos, &mut self.known).and_then(|(name, end)| {
            let fixed = self.msg.get(end..end + 4).ok_or(Error::Truncated)?;
            self.pos = end + 4;
            Ok(Question {
                name,
                qtype: be16(fixed, 0),
                qclass: be16(fixed, 2),
            })
        });
        if item.is_err() {
            // Nothing follows, not even the records (`into_records`).
            self.left = 0;
            self.pos = usize::MAX;
        }
        Some(item)
    }
}

/// The section a resource record was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Answer section.
    Answer,
    /// Authority section.
    Authority,
    /// Additional section.
    Additional,
}

/// A resource record (RFC 1035 4.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record<'a> {
    /// The section it came from.
    pub section: Section,
    /// NAME: the owner.
    pub name: Name<'a>,
    /// TYPE, see [`rtype`].
    pub rtype: u16,
    /// CLASS ([`CLASS_IN`]; for OPT the UDP payload size).
    pub class: u16,
    /// TTL as sent.
    pub ttl: u32,
    /// RDATA, `rdlength` bytes.
    pub rdata: &'a [u8],
}

impl<'a> Record<'a> {
    /// The TTL in seconds, with values with the top bit set read as 0
    /// (RFC 2181 section 8).
    pub fn ttl_secs(&self) -> u32 {
        if self.ttl & 0x8000_0000 != 0 {
            0
        } else {
            self.ttl
        }
    }

    /// The address of an AAAA record (RFC 3596 2.2): [`Error::BadValue`]
    /// for another type, [`Error::BadLength`] unless RDLENGTH is 16.
    pub fn aaaa(&self) -> Result<Ipv6Address> {
        if self.rtype != rtype::AAAA {
            return Err(Error::BadValue);
        }
        if self.rdata.len() != 16 {
            return Err(Error::BadLength);
        }
        Ok(Ipv6Address::from_bytes(self.rdata))
    }

    /// The address of an A record (RFC 1035 3.4.1): [`Error::BadValue`]
    /// for another type, [`Error::BadLength`] unless RDLENGTH is 4.
    pub fn a(&self) -> Result<[u8; 4]> {
        if self.rtype != rtype::A {
            return Err(Error::BadValue);
        }
        match *self.rdata {
            [a, b, c, d] => Ok([a, b, c, d]),
            _ => Err(Error::BadLength),
        }
    }

    /// The target of a CNAME record (RFC 1035 3.3.1), which may use
    /// compression pointers into the message: [`Error::BadValue`] for
    /// another type, [`Error::BadLength`] when the name does not end
    /// exactly at the end of the RDATA, or a name error.
    pub fn cname(&self) -> Result<Name<'a>> {
        if self.rtype != rtype::CNAME {
            return Err(Error::BadValue);
        }
        // Where the RDATA is in the message (it is a part of it).
        let rdata_offset = self.rdata.as_ptr() as usize - self.name.msg.as_ptr() as usize;
        let rdata_end = rdata_offset + self.rdata.len();
        // Read within the message up to the end of the RDATA only, so that
        // a name running past it is an error, not the next record.
        let (name, end) = read_name(&self.name.msg[..rdata_end], rdata_offset)?;
        if end != rdata_end {
            return Err(Error::BadLength);
        }
        Ok(Name {
            msg: self.name.msg,
            ..name
        })
    }
}

/// Iterator over the answer, authority and additional sections: `Ok`
/// items, then possibly one `Err` after which it stops.
#[derive(Debug, Clone)]
pub struct Records<'a> {
    msg: &'a [u8],
    pos: usize,
    known: Known,
    left: [u16; 3],
    section: usize,
    error: Option<Error>,
}

impl<'a> Records<'a> {
    fn read(&mut self, section: Section) -> Result<Record<'a>> {
        let (name, end) = read_name_after(self.msg, self.pos, &mut self.known)?;
        let fixed = self.msg.get(end..end + 10).ok_or(Error::Truncated)?;
        let rdlength = be16(fixed, 8) as usize;
        let rdata_offset = end + 10;
        // Saturating: RDLENGTH may be up to 65535 and usize 16 bits.
        let rdata_end = rdata_offset.saturating_add(rdlength);
        let rdata = self
            .msg
            .get(rdata_offset..rdata_end)
            .ok_or(Error::Truncated)?;
        self.pos = rdata_end;
        Ok(Record {
            section,
            name,
            rtype: be16(fixed, 0),
            class: be16(fixed, 2),
            ttl: u32::from_be_bytes([fixed[4], fixed[5], fixed[6], fixed[7]]),
            rdata,
        })
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.error.take() {
            self.left = [0; 3];
            return Some(Err(e));
        }
        while self.section < 3 && self.left[self.section] == 0 {
            self.section += 1;
        }
        let section = match self.section {
            0 => Section::Answer,
            1 => Section::Authority,
            2 => Section::Additional,
            _ => return None,
        };
        self.left[self.section] -= 1;
        let item = self.read(section);
        if item.is_err() {
            self.left = [0; 3];
        }
        Some(item)
    }
}

/// Wire length of a dotted name, root byte included, after validation:
/// labels of 1..=63 bytes ([`Error::BadValue`] for an empty label,
/// [`Error::BadLength`] for a longer one), at most 255 bytes in all
/// ([`Error::NameTooLong`]). One final dot is allowed; `"."` is the root.
pub fn dotted_name_len(dotted: &str) -> Result<usize> {
    let s = dotted.strip_suffix('.').unwrap_or(dotted);
    if dotted.is_empty() {
        return Err(Error::BadValue);
    }
    let mut n = 1;
    if !s.is_empty() {
        for label in s.split('.') {
            if label.is_empty() {
                return Err(Error::BadValue);
            }
            if label.len() > MAX_LABEL_LEN {
                return Err(Error::BadLength);
            }
            n += 1 + label.len();
        }
    }
    if n > MAX_NAME_LEN {
        return Err(Error::NameTooLong);
    }
    Ok(n)
}

/// Writes a dotted name in wire form (uncompressed) at the start of `buf`;
/// returns its length. Errors as [`dotted_name_len`], or
/// [`Error::Truncated`] when `buf` is too small.
pub fn write_dotted_name(dotted: &str, buf: &mut [u8]) -> Result<usize> {
    let n = dotted_name_len(dotted)?;
    if buf.len() < n {
        return Err(Error::Truncated);
    }
    let s = dotted.strip_suffix('.').unwrap_or(dotted);
    let mut at = 0;
    if !s.is_empty() {
        for label in s.split('.') {
            buf[at] = label.len() as u8;
            buf[at + 1..at + 1 + label.len()].copy_from_slice(label.as_bytes());
            at += 1 + label.len();
        }
    }
    buf[at] = 0;
    Ok(n)
}

/// A standard query with one question, recursion desired: what a stub
/// resolver sends (RFC 1035 4.1, RFC 1123 6.1.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryRepr<'n> {
    /// Transaction ID (should be random, RFC 5452).
    pub id: u16,
    /// The name asked for, dotted.
    pub name: &'n str,
    /// QTYPE: [`rtype::AAAA`], [`rtype::A`]...
    pub qtype: u16,
}

impl QueryRepr<'_> {
    /// Length of the message, or the name's error.
    pub fn buffer_len(&self) -> Result<usize> {
        Ok(HEADER_LEN + dotted_name_len(self.name)? + 4)
    }

    /// Writes the query at the start of the view's buffer; returns its
    /// length. Name errors as [`dotted_name_len`]; [`Error::Truncated`]
    /// when the buffer is too small (nothing is written then).
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, packet: &mut DnsPacket<T>) -> Result<usize> {
        let len = self.buffer_len()?;
        if packet.buffer.as_ref().len() < len {
            return Err(Error::Truncated);
        }
        packet.set_id(self.id);
        packet.set_flags(flag::RD);
        packet.set_question_count(1);
        packet.set_answer_count(0);
        packet.set_authority_count(0);
        packet.set_additional_count(0);
        let buf = &mut packet.buffer.as_mut()[HEADER_LEN..len];
        let n = write_dotted_name(self.name, buf)?;
        buf[n..n + 2].copy_from_slice(&self.qtype.to_be_bytes());
        buf[n + 2..n + 4].copy_from_slice(&CLASS_IN.to_be_bytes());
        Ok(len)
    }

    /// True when `packet` is a response to this query: QR set, same ID,
    /// opcode 0 and the same single question (RFC 5452 section 9.1).
    pub fn is_answered_by<T: AsRef<[u8]>>(&self, packet: &DnsPacket<T>) -> bool {
        if packet.check_len().is_err()
            || !packet.is_response()
            || packet.id() != self.id
            || packet.opcode() != 0
            || packet.question_count() != 1
        {
            return false;
        }
        matches!(packet.questions().next(), Some(Ok(q))
            if q.qtype == self.qtype && q.qclass == CLASS_IN && q.name.eq_dotted(self.name))
    }
}

/// Label equality, ASCII case-insensitive (RFC 4343 section 3). Servers
/// echo the query's case, so the bytes are normally equal: they are
/// compared first, as two overlapping words for the usual short labels
/// (no `memcmp` call, no loop), and folded only when they differ.
#[inline(always)]
fn label_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && (bytes_eq(a, b) || label_eq_folded(a, b))
}

/// The case-folding comparison, out of the hot path.
#[cold]
#[inline(never)]
fn label_eq_folded(a: &[u8], b: &[u8]) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// `a == b` for slices of the same length.
#[inline(always)]
fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if b.len() != n {
        return false;
    }
    if (4..=8).contains(&n) {
        let w = |s: &[u8], at: usize| u32::from_ne_bytes([s[at], s[at + 1], s[at + 2], s[at + 3]]);
        (w(a, 0) == w(b, 0)) & (w(a, n - 4) == w(b, n - 4))
    } else if (2..4).contains(&n) {
        let w = |s: &[u8], at: usize| u16::from_ne_bytes([s[at], s[at + 1]]);
        (w(a, 0) == w(b, 0)) & (w(a, n - 2) == w(b, n - 2))
    } else {
        a == b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> std::vec::Vec<u8> {
        let s: std::string::String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn query_round_trip() {
        let q = QueryRepr {
            id: 0xbeef,
            name: "pool.ntp.org",
            qtype: rtype::AAAA,
        };
        let mut buf = [0xaau8; 64];
        let n = q.emit(&mut DnsPacket::new_unchecked(&mut buf[..])).unwrap();
        assert_eq!(n, 30);
        assert_eq!(
            &buf[..n],
            &hex("beef 0100 0001 0000 0000 0000 04706f6f6c 036e7470 036f7267 00 001c 0001")[..]
        );
        let p = DnsPacket::new_checked(&buf[..n]).unwrap();
        assert!(!p.is_response() && p.recursion_desired());
        assert_eq!(p.id(), 0xbeef);
        let mut qs = p.questions();
        let first = qs.next().unwrap().unwrap();
        assert!(first.name.eq_dotted("POOL.ntp.org."));
        assert!(first.name.eq_labels(&[b"pool", b"NTP", b"org"]));
        assert!(!first.name.eq_dotted("pool.ntp"));
        assert!(!first.name.eq_dotted("pool.ntp.org.x"));
        assert_eq!((first.qtype, first.qclass), (rtype::AAAA, CLASS_IN));
        assert!(qs.next().is_none());
        assert_eq!(p.records().next(), None);
        // Not a response: the query does not answer itself.
        assert!(!q.is_answered_by(&p));
        let mut text = [0u8; 12];
        assert_eq!(first.name.copy_dotted(&mut text), Ok(12));
        assert_eq!(&text, b"pool.ntp.org");
        assert_eq!(
            first.name.copy_dotted(&mut text[..11]),
            Err(Error::Truncated)
        );
        let mut wire = [0u8; 14];
        assert_eq!(first.name.copy_wire(&mut wire), Ok(14));
        assert_eq!(&wire[..], &buf[12..26]);
        let mut small = [0u8; 29];
        assert_eq!(
            q.emit(&mut DnsPacket::new_unchecked(&mut small[..])),
            Err(Error::Truncated)
        );
    }

    #[test]
    fn dotted_name_validation() {
        assert_eq!(dotted_name_len("."), Ok(1));
        assert_eq!(dotted_name_len("a."), Ok(3));
        assert_eq!(dotted_name_len(""), Err(Error::BadValue));
        assert_eq!(dotted_name_len("a..b"), Err(Error::BadValue));
        assert_eq!(dotted_name_len(".a"), Err(Error::BadValue));
        assert_eq!(dotted_name_len("a.."), Err(Error::BadValue));
        let l63 = "x".repeat(63);
        let l64 = "x".repeat(64);
        assert_eq!(dotted_name_len(&l63), Ok(65));
        assert_eq!(dotted_name_len(&l64), Err(Error::BadLength));
        // 4 labels of 63 = 256 + 1 > 255; 3 of 63 and one of 61 = 255.
        let four63 = [l63.as_str(); 4].join(".");
        assert_eq!(dotted_name_len(&four63), Err(Error::NameTooLong));
        let max = [l63.as_str(), &l63, &l63, &"y".repeat(61)].join(".");
        assert_eq!(dotted_name_len(&max), Ok(255));
        let mut buf = [0u8; 255];
        assert_eq!(write_dotted_name(&max, &mut buf), Ok(255));
        assert_eq!(
            write_dotted_name(&max, &mut buf[..254]),
            Err(Error::Truncated)
        );
        assert_eq!(write_dotted_name(".", &mut buf), Ok(1));
        assert_eq!(buf[0], 0);
    }

    // scapy 2.8: dns_compress(DNS(id=0x1234, qr=1, rd=1, ra=1,
    // qd=[DNSQR(qname="time.example.com", qtype="AAAA")],
    // an=[DNSRR(rrname="time.example.com", type="CNAME", ttl=300,
    // rdata="ntp1.example.com"), DNSRR(rrname="ntp1.example.com",
    // type="AAAA", ttl=120, rdata="2001:db8::123")])).
    const CNAME_REPLY: &str = "123481800001000200000000
        0474696d65076578616d706c6503636f6d00001c0001
        c00c000500010000012c0007046e747031c011
        c02e001c0001000000780010 20010db8000000000000000000000123";

    #[test]
    fn cname_chain_and_compression() {
        let m = hex(CNAME_REPLY);
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        assert!(p.is_response() && p.recursion_available() && !p.is_truncated());
        assert_eq!(p.rcode(), rcode::NO_ERROR);
        assert_eq!(p.answer_count(), 2);
        let recs: std::vec::Vec<_> = p.records().collect();
        assert_eq!(recs.len(), 2);
        let cname = recs[0].unwrap();
        assert_eq!(cname.section, Section::Answer);
        assert!(cname.name.eq_dotted("time.example.com"));
        assert_eq!(cname.ttl_secs(), 300);
        let target = cname.cname().unwrap();
        assert!(target.eq_dotted("ntp1.example.com"));
        assert_eq!(target.wire_len(), 18);
        assert_eq!(cname.aaaa(), Err(Error::BadValue));
        let aaaa = recs[1].unwrap();
        assert_eq!(aaaa.name, target);
        assert_eq!(
            aaaa.aaaa(),
            Ok(Ipv6Address::new([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x123]))
        );
        let resolved = p.resolve(rtype::AAAA).unwrap().unwrap();
        assert_eq!(resolved, aaaa);
        assert_eq!(p.resolve(rtype::A), Ok(None));
        let q = QueryRepr {
            id: 0x1234,
            name: "TIME.example.com",
            qtype: rtype::AAAA,
        };
        assert!(q.is_answered_by(&p));
        assert!(!QueryRepr { id: 0x1235, ..q }.is_answered_by(&p));
        assert!(!QueryRepr {
            name: "example.com",
            ..q
        }
        .is_answered_by(&p));
    }

    #[test]
    fn names_compare_case_insensitively() {
        // Question "Pool.NTP.org", answer owner "pool.ntp.ORG" written out
        // in full (no pointer), as a 0x20-randomizing resolver may see it.
        let m = hex("0007 8180 0001 0001 0000 0000
             04506f6f6c 034e5450 036f7267 00 001c 0001
             04706f6f6c 036e7470 034f5247 00 001c 0001 0000003c 0010
             20010db8000000000000000000000001");
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        let q = p.questions().next().unwrap().unwrap();
        let r = p.records().next().unwrap().unwrap();
        assert!(q.name == r.name);
        assert_eq!(p.resolve(rtype::AAAA), Ok(Some(r)));
        let mut other = m.clone();
        other[31] = b'x'; // "pool" -> "xool" in the answer
        let p = DnsPacket::new_checked(&other[..]).unwrap();
        let q = p.questions().next().unwrap().unwrap();
        let r = p.records().next().unwrap().unwrap();
        assert!(q.name != r.name);
        assert_eq!(p.resolve(rtype::AAAA), Ok(None));
    }

    #[test]
    fn label_comparison_folds_letters_only() {
        assert!(label_eq(b"Pool", b"pOOL"));
        assert!(label_eq(b"", b""));
        assert!(label_eq(b"a-b_9", b"A-B_9"));
        // Bytes 0x20 apart that are not letters: '@' and '`', '[' and '{'.
        assert!(!label_eq(b"@", b"`"));
        assert!(!label_eq(b"x[", b"X{"));
        assert!(!label_eq(b"pool", b"poo"));
        // Every length of the word comparisons, a difference at each end.
        for n in 1..20 {
            let a: std::vec::Vec<u8> = (0..n).map(|i| b'a' + i as u8).collect();
            assert!(label_eq(&a, &a.to_ascii_uppercase()), "{n}");
            for at in [0, n - 1] {
                let mut b = a.clone();
                b[at] = b'9';
                assert!(!label_eq(&a, &b), "{n} {at}");
            }
        }
    }

    #[test]
    fn owners_written_as_pointers_share_the_question_name() {
        let m = hex(CNAME_REPLY);
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        let mut qs = p.questions();
        let q = qs.next().unwrap().unwrap();
        assert_eq!(q.name.offset(), 12);
        let recs: std::vec::Vec<_> = qs.into_records().map(|r| r.unwrap()).collect();
        // The same records as when the questions are read again.
        assert_eq!(
            recs,
            p.records()
                .map(|r| r.unwrap())
                .collect::<std::vec::Vec<_>>()
        );
        // The CNAME's owner is the pointer c00c: the question's name.
        assert_eq!(recs[0].name.offset(), 12);
        assert_eq!(recs[0].name.wire_len(), q.name.wire_len());
        assert!(recs[0].name == q.name && recs[0].name.eq_dotted("time.example.com"));
        // The AAAA's owner points to the CNAME's target (046e747031 c011):
        // the target's first label, not the question.
        let target = recs[0].cname().unwrap();
        assert_eq!(target.offset(), 46);
        assert_eq!(recs[1].name.offset(), 46);
        assert!(recs[1].name == target && recs[1].name != q.name);
        // A question that fails (a pointer to itself): nothing follows.
        let bad = hex("0001 8180 0001 0001 0000 0000 01 ff c0 0c");
        let p = DnsPacket::new_checked(&bad[..]).unwrap();
        let mut qs = p.questions();
        assert_eq!(qs.next(), Some(Err(Error::BadPointer)));
        assert_eq!(qs.into_records().collect::<std::vec::Vec<_>>(), []);
        // Not read yet: the error is the records' only item.
        assert_eq!(
            p.records().collect::<std::vec::Vec<_>>(),
            [Err(Error::BadPointer)]
        );
    }

    #[test]
    fn truncation_at_every_length_is_an_error() {
        let m = hex(CNAME_REPLY);
        for n in 0..m.len() {
            let p = match DnsPacket::new_checked(&m[..n]) {
                Ok(p) => p,
                Err(e) => {
                    assert!(n < HEADER_LEN);
                    assert_eq!(e, Error::Truncated);
                    continue;
                }
            };
            // The error shows up in the questions or, failing that, as the
            // last record; it is always Truncated, never a panic or a loop.
            let q_err = p.questions().find_map(|q| q.err());
            assert!(matches!(q_err, None | Some(Error::Truncated)), "n={n}");
            assert_eq!(p.records().last(), Some(Err(Error::Truncated)), "n={n}");
            assert_eq!(p.resolve(rtype::AAAA), Err(Error::Truncated), "n={n}");
        }
    }

    #[test]
    fn pointers_only_go_backwards() {
        // Header with one question whose name is a pointer to itself.
        let mut m = hex("0001 0000 0001 0000 0000 0000 c00c 0001 0001");
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        assert_eq!(p.questions().next(), Some(Err(Error::BadPointer)));
        // Forward pointer (to offset 0x12, past the name).
        m[12..14].copy_from_slice(&[0xc0, 0x12]);
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        assert_eq!(p.questions().next(), Some(Err(Error::BadPointer)));
        // Pointer past the end of the message.
        m[12..14].copy_from_slice(&[0xff, 0xff]);
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        assert_eq!(p.questions().next(), Some(Err(Error::BadPointer)));
        // Two-step loop: label "a" at 12, then a pointer back to 12.
        let m = hex("0001 0000 0001 0000 0000 0000 0161 c00c 0001 0001");
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        assert_eq!(p.questions().next(), Some(Err(Error::BadPointer)));
        // Pointer into the header (backwards, allowed): offset 0 holds
        // 0x00, the root.
        let m = hex("0000 0000 0001 0000 0000 0000 c000 0001 0001");
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        let q = p.questions().next().unwrap().unwrap();
        assert!(q.name.is_root());
        assert!(q.name.eq_dotted("."));
        // Reserved label types.
        for t in [0x40u8, 0x80] {
            let m = [
                &hex("0001 0000 0001 0000 0000 0000")[..],
                &[t, 1, 0, 0, 1, 0, 1],
            ]
            .concat();
            let p = DnsPacket::new_checked(&m[..]).unwrap();
            assert_eq!(p.questions().next(), Some(Err(Error::BadValue)));
        }
    }

    #[test]
    fn names_over_255_bytes() {
        // A chain of backward pointers that expands to over 255 bytes: each
        // of eight 33-byte segments is a 32-byte label and a pointer to the
        // previous one.
        let mut m = hex("0001 0000 0001 0000 0000 0000");
        m.push(0); // offset 12: root
        let mut prev = 12u16;
        for _ in 0..8 {
            let here = m.len() as u16;
            m.push(32);
            m.extend_from_slice(&[b'z'; 32]);
            m.extend_from_slice(&(0xc000 | prev).to_be_bytes());
            prev = here;
        }
        // A name that is a pointer to the last segment: 8 * 33 + 1 bytes.
        let qpos = m.len();
        m.extend_from_slice(&(0xc000 | prev).to_be_bytes());
        assert_eq!(read_name(&m, qpos).unwrap_err(), Error::NameTooLong);
        // Seven segments: 7 * 33 + 1 = 232 bytes, fine.
        let seventh = 12 + 1 + 6 * 35;
        let (name, end) = read_name(&m, seventh).unwrap();
        assert_eq!(name.wire_len(), 7 * 33 + 1);
        assert_eq!(name.labels().count(), 7);
        assert_eq!(end, seventh + 35);
    }

    #[test]
    fn rr_types_and_lengths() {
        // One A answer with RDLENGTH 5, one AAAA with RDLENGTH 4.
        let m = hex("0001 8180 0000 0002 0000 0000
             00 0001 0001 ffffffff 0005 0102030405
             00 001c 0001 00000010 0004 01020304");
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        let r: std::vec::Vec<_> = p.records().map(|r| r.unwrap()).collect();
        assert_eq!(r[0].a(), Err(Error::BadLength));
        assert_eq!(r[0].ttl_secs(), 0);
        assert_eq!(r[1].aaaa(), Err(Error::BadLength));
        assert_eq!(r[1].a(), Err(Error::BadValue));
        assert_eq!(r[1].cname(), Err(Error::BadValue));
        // CNAME whose name overruns its RDLENGTH.
        let m = hex("0001 8180 0000 0001 0000 0000 00 0005 0001 00000010 0002 0161 00");
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        let r = p.records().next().unwrap().unwrap();
        assert_eq!(r.cname(), Err(Error::Truncated));
        // CNAME with bytes left over after its name.
        let m = hex("0001 8180 0000 0001 0000 0000 00 0005 0001 00000010 0004 0161 00 00");
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        let r = p.records().next().unwrap().unwrap();
        assert_eq!(r.cname(), Err(Error::BadLength));
    }

    #[test]
    fn counts_bound_iteration() {
        // Counts claim 65535 answers in a 12-byte message.
        let m = hex("0001 8180 ffff ffff ffff ffff");
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        assert_eq!(p.questions().count(), 1);
        assert_eq!(p.records().count(), 1);
        assert_eq!(p.records().next(), Some(Err(Error::Truncated)));
        // Many empty-named records and counts that stop before the end:
        // trailing bytes are ignored.
        let mut m = hex("0001 8180 0000 0001 0001 0001");
        for _ in 0..4 {
            m.extend_from_slice(&hex("00 0001 0001 00000001 0004 c0000201"));
        }
        let p = DnsPacket::new_checked(&m[..]).unwrap();
        let sections: std::vec::Vec<_> = p.records().map(|r| r.unwrap().section).collect();
        assert_eq!(
            sections,
            [Section::Answer, Section::Authority, Section::Additional]
        );
    }
}
