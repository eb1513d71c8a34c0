//! Compact reading of a reply's question and answer sections.
//!
//! The same rules as [`crate::wire::dns`] (which the tests use as the
//! reference): compression pointers only backwards, before the run of
//! labels that contains them (RFC 1035 4.1.4), so that reading always
//! ends; label types 0b01 and 0b10 refused; names at most 255 bytes
//! (RFC 1035 3.1); every record of the answer section checked. It works on
//! positions in the message instead of the `Record` and `Name` values of
//! the wire module, whose copies cost several hundred bytes of code on the
//! 16-bit target.

use crate::wire::dns::{rtype, CLASS_IN, HEADER_LEN, MAX_NAME_LEN};
use crate::wire::Ipv6Address;

fn be16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([b[at], b[at + 1]])
}

// Every function here answers `None` for a malformed message (truncated,
// a bad label type, a forward pointer, a name over 255 bytes, a bad
// record): the resolver rejects all of them for one reason
// (`Reject::Malformed`), and an `Option` costs less code than a `Result`
// with the reason on the 16-bit target.

/// A walk through a name: where the next label is, where the current run
/// of labels started (a pointer must go before it), the length so far.
#[derive(Clone, Copy)]
struct Cursor {
    pos: usize,
    run: usize,
    len: usize,
}

impl Cursor {
    fn new(pos: usize) -> Cursor {
        Cursor {
            pos,
            run: pos,
            len: 1, // the root byte
        }
    }

    /// Moves past the next label and gives its length: the label is
    /// `msg[self.pos - len..self.pos]`. 0 at the root (the cursor stays on
    /// the root byte); `None` if malformed.
    fn next_label(&mut self, msg: &[u8]) -> Option<usize> {
        loop {
            let b = *msg.get(self.pos)?;
            match b >> 6 {
                0 if b == 0 => return Some(0),
                0 => {
                    let len = b as usize;
                    let end = self.pos + 1 + len;
                    self.len += 1 + len;
                    // RFC 1035 3.1: at most 255 bytes.
                    if self.len > MAX_NAME_LEN || end > msg.len() {
                        return None;
                    }
                    self.pos = end;
                    return Some(len);
                }
                3 => {
                    let lo = *msg.get(self.pos + 1)?;
                    let target = ((b & 0x3f) as usize) << 8 | lo as usize;
                    // RFC 1035 4.1.4 "prior occurrence": strictly before
                    // the run, so positions decrease and loops cannot be.
                    if target >= self.run {
                        return None;
                    }
                    self.pos = target;
                    self.run = target;
                }
                // Label types 0b01 and 0b10: reserved (RFC 1035 4.1.4).
                _ => return None,
            }
        }
    }
}

/// Checks the whole name at `start`; returns where the record goes on
/// after it (after its root byte or its first pointer).
fn name_end(msg: &[u8], start: usize) -> Option<usize> {
    let mut c = Cursor::new(start);
    let mut end = None;
    loop {
        // A pointer at the start of a step is the first one of the name or
        // comes after one already followed.
        if msg.get(c.pos).is_some_and(|b| b >> 6 == 3) && end.is_none() {
            end = Some(c.pos + 2);
        }
        if c.next_label(msg)? == 0 {
            return Some(end.unwrap_or(c.pos + 1));
        }
    }
}

/// Name equality, label by label, ASCII case-insensitive (RFC 4343), of
/// the names at `a` in `ma` and at `b` in `mb`.
fn names_eq(ma: &[u8], a: usize, mb: &[u8], b: usize) -> Option<bool> {
    let (mut ca, mut cb) = (Cursor::new(a), Cursor::new(b));
    loop {
        let (la, lb) = (ca.next_label(ma)?, cb.next_label(mb)?);
        if la != lb || !ma[ca.pos - la..ca.pos].eq_ignore_ascii_case(&mb[cb.pos - lb..cb.pos]) {
            return Some(false);
        }
        if la == 0 {
            return Some(true);
        }
    }
}

/// Copies the name at `start` out in uncompressed wire form; its length,
/// or `None` if it does not fit `out` (or is malformed).
pub(super) fn expand_name(msg: &[u8], start: usize, out: &mut [u8]) -> Option<usize> {
    let mut c = Cursor::new(start);
    let mut n = 0;
    loop {
        let len = c.next_label(msg)?;
        // The length byte, then the label (nothing for the root).
        *out.get_mut(n)? = len as u8;
        out.get_mut(n + 1..n + 1 + len)?
            .copy_from_slice(&msg[c.pos - len..c.pos]);
        n += 1 + len;
        if len == 0 {
            return Some(n);
        }
    }
}

/// The question of a message with QDCOUNT 1: `true` when it is `qname`
/// (our wire form), AAAA, IN; where it ends.
pub(super) fn question_is(msg: &[u8], qname: &[u8]) -> Option<(bool, usize)> {
    let end = name_end(msg, HEADER_LEN)?;
    let fixed = msg.get(end..end + 4)?;
    let same = be16(fixed, 0) == rtype::AAAA
        && be16(fixed, 2) == CLASS_IN
        && names_eq(msg, HEADER_LEN, qname, 0)?;
    Some((same, end + 4))
}

/// What the answer section gave for our question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Answer {
    /// `n` addresses were stored; the records used had this smallest TTL.
    Addresses(usize, u32),
    /// The chain ends at the name at this position, without records
    /// (smallest TTL so far).
    Alias(usize, u32),
    /// No record for the name.
    NoData,
}

/// Reads the `count` records of the answer section at `pos` for the name
/// `qname` (wire form) in one pass, following CNAMEs from the question's
/// name as they come (RFC 1034 3.6.2; servers put a chain in order, RFC
/// 1034 4.3.2 step 3a) and storing the AAAA addresses of the name the
/// chain reached in `out` (RFC 3596 2.2). Records out of that order only
/// cost a query for the target. Any malformed record is an error. The
/// TTL of the answer is the smallest of `ttl` (the CNAMEs followed before)
/// and those of the records used.
pub(super) fn read_answer(
    msg: &[u8],
    mut pos: usize,
    count: u16,
    qname: &[u8],
    out: &mut [Ipv6Address],
    mut ttl: u32,
) -> Option<Answer> {
    // The position of the owner sought; None: the question's name.
    let mut owner: Option<usize> = None;
    let mut found = 0;
    for _ in 0..count {
        let name = pos;
        pos = name_end(msg, pos)?;
        let fixed = msg.get(pos..pos + 10)?;
        let rr_type = be16(fixed, 0);
        let class = be16(fixed, 2);
        let raw_ttl = u32::from_be_bytes([fixed[4], fixed[5], fixed[6], fixed[7]]);
        // RFC 2181 8: a TTL with the top bit set is read as 0.
        let rr_ttl = if raw_ttl & 0x8000_0000 != 0 {
            0
        } else {
            raw_ttl
        };
        let rdata = pos + 10;
        let rdata_end = rdata + be16(fixed, 8) as usize;
        if rdata_end > msg.len() {
            return None;
        }
        pos = rdata_end;
        if class != CLASS_IN {
            continue;
        }
        let (other, at) = match owner {
            Some(o) => (msg, o),
            None => (qname, 0),
        };
        if !names_eq(msg, name, other, at)? {
            continue;
        }
        if rr_type == rtype::AAAA {
            if rdata_end - rdata != 16 {
                return None;
            }
            let a = Ipv6Address::from_bytes(&msg[rdata..rdata_end]);
            if found < out.len() && !out[..found].contains(&a) {
                out[found] = a;
                found += 1;
            }
        } else if rr_type == rtype::CNAME && found == 0 {
            // RFC 1035 3.3.1: the RDATA is one name, read within it. Each
            // record moves the chain at most once: loops end with the
            // section.
            if name_end(&msg[..rdata_end], rdata)? != rdata_end {
                return None;
            }
            owner = Some(rdata);
        } else {
            continue;
        }
        ttl = ttl.min(rr_ttl);
    }
    Some(match owner {
        _ if found > 0 => Answer::Addresses(found, ttl),
        Some(target) => Answer::Alias(target, ttl),
        None => Answer::NoData,
    })
}
