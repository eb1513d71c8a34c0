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

/// Whether the big-endian 16-bit field at `at` is `value`: two byte
/// compares with constants (less code on the target than building the
/// word).
pub(super) fn field_is(b: &[u8], at: usize, value: u16) -> bool {
    b[at] == (value >> 8) as u8 && b[at + 1] == value as u8
}

// Every function here answers `None` for a malformed message (truncated,
// a bad label type, a forward pointer, a name over 255 bytes, a bad
// record): the resolver rejects all of them for one reason
// (`Reject::Malformed`), and an `Option` costs less code than a `Result`
// with the reason on the 16-bit target.

/// A walk through a name: where the next label is, where the current run
/// of labels started (a pointer must go before it), the length so far,
/// where the name goes on in the message after its first pointer (0
/// before one: a pointer is never at 0).
#[derive(Clone, Copy)]
struct Cursor {
    pos: usize,
    run: usize,
    len: usize,
    end: usize,
}

impl Cursor {
    /// (Out of line: inlined, LLVM builds the struct as one 64-bit value,
    /// `pos` spread by a 64-bit multiply, a library call on the target.)
    #[inline(never)]
    fn new(pos: usize) -> Cursor {
        Cursor {
            pos,
            run: pos,
            len: 1, // the root byte
            end: 0,
        }
    }

    /// Moves past the next label and gives it (without its length byte):
    /// empty at the root (the cursor stays on the root byte); `None` if
    /// malformed.
    fn next_label<'a>(&mut self, msg: &'a [u8]) -> Option<&'a [u8]> {
        // (The position in a register while pointers are followed, stored
        // once at the end.)
        let mut pos = self.pos;
        loop {
            let b = *msg.get(pos)?;
            // By comparisons rather than `b >> 6` (six shifts on the target).
            if b < 0x40 {
                if b == 0 {
                    self.pos = pos;
                    return Some(&[]);
                }
                let len = b as usize;
                let start = pos + 1;
                let label = msg.get(start..start + len)?;
                self.len += 1 + len;
                // RFC 1035 3.1: at most 255 bytes.
                if self.len > MAX_NAME_LEN {
                    return None;
                }
                self.pos = start + len;
                return Some(label);
            }
            // Label types 0b01 and 0b10: reserved (RFC 1035 4.1.4).
            if b < 0xc0 {
                return None;
            }
            let lo = *msg.get(pos + 1)?;
            let target = ((b & 0x3f) as usize) << 8 | lo as usize;
            // RFC 1035 4.1.4 "prior occurrence": strictly before the run,
            // so positions decrease and loops cannot be.
            if target >= self.run {
                return None;
            }
            if self.end == 0 {
                self.end = pos + 2;
            }
            pos = target;
            self.run = target;
        }
    }
}

/// Whether `a` and `b` are the same bytes, ASCII case-insensitively
/// (RFC 4343), as `<[u8]>::eq_ignore_ascii_case`: equal bytes, or bytes
/// that differ in the case bit only and are letters. One test of the
/// difference, rather than both bytes lowered (core's version is twice as
/// long on the target; its two users here, the names of the replies and
/// of `resolve`).
#[inline(never)]
pub(super) fn eq_ignore_case(mut a: &[u8], mut b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    // (Two slices walked by their heads: pointer steps, no index.)
    while let ([x, ra @ ..], [y, rb @ ..]) = (a, b) {
        let d = x ^ y;
        if d != 0 && (d != 0x20 || (x | 0x20).wrapping_sub(b'a') >= 26) {
            return false;
        }
        (a, b) = (ra, rb);
    }
    true
}

/// Checks the whole name at `start` in `msg` and compares it, label by
/// label, ASCII case-insensitively (RFC 4343), with the valid name at `at`
/// in `other`: whether they are equal, and where the record goes on after
/// the name (after its root byte or its first pointer). One walk for both
/// (and one function for the three uses).
fn name_is(msg: &[u8], start: usize, other: &[u8], at: usize) -> Option<(bool, usize)> {
    let (mut c, mut o) = (Cursor::new(start), Cursor::new(at));
    let mut same = true;
    loop {
        let label = c.next_label(msg)?;
        // (Walked on after a difference: a valid name's cursor stays on
        // its root, and no flag is tested.)
        same &= eq_ignore_case(label, o.next_label(other)?);
        if label.is_empty() {
            return Some((same, if c.end == 0 { c.pos + 1 } else { c.end }));
        }
    }
}

/// Copies the name at `start` out in uncompressed wire form into `out`
/// from `n` on; where it ends in `out`, or `None` if it does not fit (or
/// is malformed). (`out` whole and an offset: no slicing with its bounds
/// check at the caller.)
pub(super) fn expand_name(msg: &[u8], start: usize, out: &mut [u8], mut n: usize) -> Option<usize> {
    let mut c = Cursor::new(start);
    loop {
        let label = c.next_label(msg)?;
        let len = label.len();
        // The length byte, then the label (nothing for the root): one
        // bounds check for both.
        let dst = out.get_mut(n..n + 1 + len)?;
        dst[0] = len as u8;
        dst[1..].copy_from_slice(label);
        n += 1 + len;
        if len == 0 {
            return Some(n);
        }
    }
}

/// The question of a message with QDCOUNT 1: `true` when it is `qname`
/// (our wire form), AAAA, IN; where it ends.
pub(super) fn question_is(msg: &[u8], qname: &[u8]) -> Option<(bool, usize)> {
    let (same, end) = name_is(msg, HEADER_LEN, qname, 0)?;
    let fixed = msg.get(end..end + 4)?;
    let same = same && field_is(fixed, 0, rtype::AAAA) && field_is(fixed, 2, CLASS_IN);
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
    /// A cut message (see [`read_answer`]) whose records held gave
    /// nothing for the name: the answer is not known.
    Cut,
}

/// The record at `pos`: whether its owner is the name at `at`,
/// its fixed fields (type, class, TTL, RDLENGTH: RFC 1035 4.1.3) and where
/// its RDATA starts and ends, inside `msg`. `None` if malformed or past
/// the end of `msg`.
fn record_at(msg: &[u8], pos: usize, at: usize) -> Option<(bool, &[u8], usize, usize)> {
    let (ours, end) = name_is(msg, pos, msg, at)?;
    let fixed = msg.get(end..)?.get(..10)?;
    let rdata = end + 10;
    // (Checked: a sum past 0xffff must not wrap a 16-bit usize back
    // into the message.)
    let rdata_end = rdata.checked_add(be16(fixed, 8) as usize)?;
    if rdata_end > msg.len() {
        return None;
    }
    Some((ours, fixed, rdata, rdata_end))
}

/// Reads the `count` records of the answer section at `pos` for the
/// question's name in one pass, following CNAMEs from it as they come (RFC 1034 3.6.2; servers put a chain in order, RFC
/// 1034 4.3.2 step 3a) and storing the AAAA addresses of the name the
/// chain reached in `out` (RFC 3596 2.2). Records out of that order only
/// cost a query for the target. Any malformed record is an error. The
/// TTL of the answer is the smallest of `ttl` (the CNAMEs followed before,
/// under 2^24 s: [`super::MAX_TTL_S`] at most) and those of the records
/// used.
///
/// `cut`: `msg` is only the first part of the message (a datagram longer
/// than the receive buffer). The records it holds whole are used as
/// above; the first one that does not end inside it (its name, fixed
/// fields or RDATA run past the end) and all after it are unseen, not an
/// error. (A record that is malformed at that point cannot be told from
/// one cut there: it is unseen too.) If nothing was found for the name
/// and records were unseen, the answer is [`Answer::Cut`].
///
/// The owners are compared with the question's name in `msg` (at
/// [`HEADER_LEN`]), which [`question_is`] found equal to the name asked
/// (ASCII case-insensitively): the same verdicts as comparing them with
/// the name asked, and the owner sought is always a position in `msg`.
pub(super) fn read_answer(
    msg: &[u8],
    mut pos: usize,
    mut count: u16,
    out: &mut [Ipv6Address],
    mut ttl: u32,
    cut: bool,
) -> Option<Answer> {
    // The owner sought: the question's name, then the target of each
    // CNAME followed (in RDATA: never at the question's name).
    let mut at = HEADER_LEN;
    let mut found = 0;
    while count != 0 {
        let Some((ours, fixed, rdata, rdata_end)) = record_at(msg, pos, at) else {
            // Cut: this record and those after it are unseen (`count`
            // left above 0).
            if cut {
                break;
            }
            return None;
        };
        count -= 1;
        pos = rdata_end;
        if !field_is(fixed, 2, CLASS_IN) || !ours {
            continue;
        }
        if field_is(fixed, 0, rtype::AAAA) {
            if rdata_end - rdata != 16 {
                return None;
            }
            // Written in the next free slot (no copy on the stack: the
            // slots from `found` on hold nothing), kept unless a slot
            // before holds it already.
            if found < out.len() {
                out[found].0.copy_from_slice(&msg[rdata..rdata_end]);
                if !out[..found].contains(&out[found]) {
                    found += 1;
                }
            }
        } else if field_is(fixed, 0, rtype::CNAME) && found == 0 {
            // RFC 1035 3.3.1: the RDATA is one name, read within it. Each
            // record moves the chain at most once: loops end with the
            // section.
            let rdata_msg = &msg[..rdata_end];
            // (Checked by comparing it with itself: both walks check it,
            // and the call needs no other name, less code on the target.)
            if name_is(rdata_msg, rdata, rdata_msg, rdata)?.1 != rdata_end {
                return None;
            }
            at = rdata;
        } else {
            continue;
        }
        // RFC 2181 8: a TTL with the top bit set is read as 0. Otherwise
        // one of 2^24 s or more is more than `ttl` (under 2^24): only
        // smaller ones are compared, as their high byte and low half
        // (less code on the target than 32-bit values).
        if fixed[4] >= 0x80 {
            ttl = 0;
        } else if fixed[4] == 0 {
            let (high, low) = (fixed[5] as u16, be16(fixed, 6));
            if high < (ttl >> 16) as u16 || (high == (ttl >> 16) as u16 && low < ttl as u16) {
                ttl = (high as u32) << 16 | low as u32;
            }
        }
    }
    Some(if found > 0 {
        Answer::Addresses(found, ttl)
    } else if at != HEADER_LEN {
        Answer::Alias(at, ttl)
    } else if count != 0 {
        Answer::Cut
    } else {
        Answer::NoData
    })
}
