//! The simulated DNS server (RFC 1035 section 4.1, AAAA per RFC 3596):
//! answers AAAA queries for its configured names, optionally through a
//! CNAME, NXDOMAIN for other names, NODATA for other types of known names.

use std::net::Ipv6Addr;

/// Record types.
pub const TYPE_A: u16 = 1;
/// CNAME.
pub const TYPE_CNAME: u16 = 5;
/// AAAA (RFC 3596).
pub const TYPE_AAAA: u16 = 28;
/// ANY (QTYPE only).
pub const TYPE_ANY: u16 = 255;
/// Response codes (RFC 1035 4.1.1).
pub const RCODE_FORMERR: u8 = 1;
/// Name error.
pub const RCODE_NXDOMAIN: u8 = 3;
/// Not implemented.
pub const RCODE_NOTIMP: u8 = 4;
/// TTL of the answers, seconds.
pub const TTL: u32 = 300;

/// What the server knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsZone {
    /// Names (dotted, case-insensitive) and their AAAA address.
    pub names: Vec<(String, Ipv6Addr)>,
    /// If set, each configured name is an alias (CNAME) of this name, which
    /// holds the AAAA record.
    pub cname: Option<String>,
}

/// Reads a (possibly compressed) name at `off` of `msg` as lower-case
/// labels; returns the labels and the offset after the name in place.
/// Pointers (RFC 1035 4.1.4) must point backwards, so it cannot loop.
pub fn read_name(msg: &[u8], mut off: usize) -> Option<(Vec<String>, usize)> {
    let mut labels = Vec::new();
    let mut end = None;
    let mut total = 0usize;
    loop {
        let len = *msg.get(off)? as usize;
        match len & 0xC0 {
            0x00 => {
                if len == 0 {
                    return Some((labels, end.unwrap_or(off + 1)));
                }
                let label = msg.get(off + 1..off + 1 + len)?;
                total += len + 1;
                if total > 255 {
                    return None;
                }
                labels.push(String::from_utf8_lossy(label).to_ascii_lowercase());
                off += 1 + len;
            }
            0xC0 => {
                let target = (len & 0x3F) << 8 | *msg.get(off + 1)? as usize;
                if target >= off {
                    return None;
                }
                end.get_or_insert(off + 2);
                off = target;
            }
            _ => return None,
        }
    }
}

/// Encodes a dotted name in wire form (no compression).
pub fn encode_name(dotted: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for label in dotted.trim_end_matches('.').split('.') {
        if label.is_empty() {
            continue;
        }
        out.push(label.len().min(63) as u8);
        out.extend_from_slice(&label.as_bytes()[..label.len().min(63)]);
    }
    out.push(0);
    out
}

fn same_name(labels: &[String], dotted: &str) -> bool {
    let want: Vec<String> = dotted
        .trim_end_matches('.')
        .split('.')
        .filter(|l| !l.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    want == labels
}

/// One query as the server saw it, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsQueryLog {
    /// Dotted name asked for.
    pub name: String,
    /// QTYPE.
    pub qtype: u16,
    /// Response code sent.
    pub rcode: u8,
    /// Answer records sent.
    pub answers: u16,
}

impl DnsZone {
    /// The answer to query `q` (a UDP payload), or `None` for something
    /// that is not a query (a response, or shorter than a header).
    pub fn answer(&self, q: &[u8]) -> Option<(Vec<u8>, DnsQueryLog)> {
        if q.len() < 12 || q[2] & 0x80 != 0 {
            return None;
        }
        let id = [q[0], q[1]];
        let opcode = (q[2] >> 3) & 0x0F;
        let rd = q[2] & 0x01;
        let qdcount = u16::from_be_bytes([q[4], q[5]]);
        let header = |rcode: u8, qd: u16, an: u16| {
            let mut h = vec![id[0], id[1], 0x80 | (opcode << 3) | rd, 0x80 | rcode];
            h.extend_from_slice(&qd.to_be_bytes());
            h.extend_from_slice(&an.to_be_bytes());
            h.extend_from_slice(&[0, 0, 0, 0]);
            h
        };
        let mut log = DnsQueryLog {
            name: String::new(),
            qtype: 0,
            rcode: 0,
            answers: 0,
        };
        let parsed = if qdcount == 1 {
            read_name(q, 12).and_then(|(labels, end)| {
                let t = q.get(end..end + 4)?;
                Some((labels, end, u16::from_be_bytes([t[0], t[1]])))
            })
        } else {
            None
        };
        let Some((labels, end, qtype)) = parsed else {
            log.rcode = RCODE_FORMERR;
            return Some((header(RCODE_FORMERR, 0, 0), log));
        };
        log.name = labels.join(".");
        log.qtype = qtype;
        // The question, re-encoded uncompressed at offset 12.
        let mut question = Vec::new();
        for l in &labels {
            question.push(l.len() as u8);
            question.extend_from_slice(l.as_bytes());
        }
        question.push(0);
        question.extend_from_slice(&q[end..end + 4]);
        if opcode != 0 {
            log.rcode = RCODE_NOTIMP;
            let mut r = header(RCODE_NOTIMP, 1, 0);
            r.extend_from_slice(&question);
            return Some((r, log));
        }
        let known = self.names.iter().find(|(n, _)| same_name(&labels, n));
        let canonical = self
            .cname
            .as_deref()
            .filter(|c| same_name(&labels, c))
            .and_then(|_| self.names.first());
        let mut answers: Vec<u8> = Vec::new();
        let mut count = 0u16;
        let mut rcode = 0u8;
        let wants_aaaa = qtype == TYPE_AAAA || qtype == TYPE_ANY;
        let aaaa = |name_ptr: u16, addr: &Ipv6Addr, out: &mut Vec<u8>| {
            out.extend_from_slice(&(0xC000 | name_ptr).to_be_bytes());
            out.extend_from_slice(&TYPE_AAAA.to_be_bytes());
            out.extend_from_slice(&1u16.to_be_bytes());
            out.extend_from_slice(&TTL.to_be_bytes());
            out.extend_from_slice(&16u16.to_be_bytes());
            out.extend_from_slice(&addr.octets());
        };
        match (known, canonical, &self.cname) {
            (Some((_, addr)), _, Some(target)) => {
                // CNAME, then the AAAA of its target (RFC 1034 3.6.2, 4.3.2).
                let target_wire = encode_name(target);
                let rdata_at = 12 + question.len() + 12;
                answers.extend_from_slice(&0xC00Cu16.to_be_bytes());
                answers.extend_from_slice(&TYPE_CNAME.to_be_bytes());
                answers.extend_from_slice(&1u16.to_be_bytes());
                answers.extend_from_slice(&TTL.to_be_bytes());
                answers.extend_from_slice(&(target_wire.len() as u16).to_be_bytes());
                answers.extend_from_slice(&target_wire);
                count += 1;
                if wants_aaaa {
                    aaaa(rdata_at as u16, addr, &mut answers);
                    count += 1;
                }
            }
            (Some((_, addr)), _, None) | (None, Some((_, addr)), _) => {
                if wants_aaaa {
                    aaaa(12, addr, &mut answers);
                    count += 1;
                }
            }
            (None, None, _) => rcode = RCODE_NXDOMAIN,
        }
        log.rcode = rcode;
        log.answers = count;
        let mut r = header(rcode, 1, count);
        r.extend_from_slice(&question);
        r.extend_from_slice(&answers);
        Some((r, log))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_names_and_loops() {
        // "a.b" at 12, then a pointer to it at 17.
        let mut m = vec![0u8; 12];
        m.extend_from_slice(&[1, b'A', 1, b'b', 0, 0xC0, 12]);
        assert_eq!(
            read_name(&m, 12).unwrap(),
            (vec!["a".into(), "b".into()], 17)
        );
        assert_eq!(read_name(&m, 17).unwrap().1, 19);
        // A pointer to itself is refused.
        let mut l = vec![0u8; 12];
        l.extend_from_slice(&[0xC0, 12]);
        assert!(read_name(&l, 12).is_none());
        assert!(read_name(&m[..15], 12).is_none());
    }
}
