//! Hostile frames for robustness runs: frames from files (fuzz corpora:
//! one frame per file; JSONL test vectors: every `"hex": "..."` field),
//! and seeded mutations of them (bits flipped, truncated, extended, IPv6
//! and upper-layer header bytes replaced). Used by
//! [`crate::session::Session::flood`] and the CLI's `--flood`.

use std::path::Path;

/// A source of hostile frames.
#[derive(Debug, Clone)]
pub struct Flood {
    pool: Vec<Vec<u8>>,
    rng: u64,
    /// Frames handed out so far.
    pub sent: u64,
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

impl Flood {
    /// A flood from `pool` (empty frames are dropped; an empty pool gets
    /// one minimal IPv6 frame to mutate), mutations seeded by `seed`.
    pub fn new(pool: Vec<Vec<u8>>, seed: u64) -> Self {
        let mut pool: Vec<Vec<u8>> = pool.into_iter().filter(|f| !f.is_empty()).collect();
        if pool.is_empty() {
            let mut f = vec![0xFF; 6];
            f.extend_from_slice(&[2, 0, 0, 0, 0, 0x66, 0x86, 0xDD, 0x60]);
            f.resize(54, 0);
            pool.push(f);
        }
        Flood {
            pool,
            rng: seed | 1,
            sent: 0,
        }
    }

    /// Frames read from `path`: a `.jsonl` file (every `"hex"` field), a
    /// file (its bytes, if at most 1518), or a directory of those (not
    /// recursive).
    pub fn read_frames(path: &Path) -> std::io::Result<Vec<Vec<u8>>> {
        let mut out = Vec::new();
        if path.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(path)?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            for p in entries {
                out.extend(Self::read_frames(&p)?);
            }
        } else if path.extension().is_some_and(|x| x == "jsonl") {
            let text = std::fs::read_to_string(path)?;
            for part in text.split("\"hex\": \"").skip(1) {
                if let Some(f) = part.split('"').next().and_then(unhex) {
                    out.push(f);
                }
            }
        } else {
            let b = std::fs::read(path)?;
            if !b.is_empty() && b.len() <= 1518 {
                out.push(b);
            }
        }
        Ok(out)
    }

    /// Adds copies of the pool's unicast frames readdressed to `mac`, so
    /// they pass the ENC28J60's unicast filter.
    pub fn readdress_to(&mut self, mac: [u8; 6]) {
        let copies: Vec<Vec<u8>> = self
            .pool
            .iter()
            .filter(|f| f.len() >= 14 && f[0] & 1 == 0 && f[..6] != mac)
            .map(|f| {
                let mut g = f.clone();
                g[..6].copy_from_slice(&mac);
                g
            })
            .collect();
        self.pool.extend(copies);
    }

    /// Frames in the pool.
    pub fn pool_len(&self) -> usize {
        self.pool.len()
    }

    fn next_u64(&mut self) -> u64 {
        // xorshift64
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// The next hostile frame: half from the pool as is, half mutated.
    pub fn next_frame(&mut self) -> Vec<u8> {
        self.sent += 1;
        let i = self.below(self.pool.len());
        let mut f = self.pool[i].clone();
        if self.below(2) == 0 {
            return f;
        }
        match self.below(4) {
            0 => {
                for _ in 0..=self.below(8) {
                    let i = self.below(f.len());
                    f[i] ^= 1 << self.below(8);
                }
            }
            1 => {
                let keep = 14 + self.below(f.len().saturating_sub(14).max(1));
                f.truncate(keep);
            }
            2 => {
                for _ in 0..self.below(200) {
                    let b = self.next_u64() as u8;
                    f.push(b);
                }
            }
            _ => {
                // Fields parsers rely on: IPv6 payload length, next header,
                // hop limit; ICMPv6 type/code; UDP length.
                for at in [18, 19, 20, 21, 54, 55, 58, 59] {
                    if at < f.len() && self.below(2) == 0 {
                        f[at] = self.next_u64() as u8;
                    }
                }
            }
        }
        f.truncate(1518);
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_per_seed_and_bounded() {
        let pool = vec![vec![0u8; 60], vec![1u8; 100], Vec::new()];
        let mut a = Flood::new(pool.clone(), 7);
        let mut b = Flood::new(pool.clone(), 7);
        let mut c = Flood::new(pool, 8);
        let fa: Vec<_> = (0..200).map(|_| a.next_frame()).collect();
        let fb: Vec<_> = (0..200).map(|_| b.next_frame()).collect();
        let fc: Vec<_> = (0..200).map(|_| c.next_frame()).collect();
        assert_eq!(fa, fb);
        assert_ne!(fa, fc);
        assert_eq!(a.pool_len(), 2);
        assert!(fa.iter().all(|f| !f.is_empty() && f.len() <= 1518));
        // Both unchanged pool frames and mutations appear.
        assert!(fa.iter().any(|f| f == &vec![0u8; 60]));
        assert!(fa
            .iter()
            .any(|f| f != &vec![0u8; 60] && f != &vec![1u8; 100]));
    }

    #[test]
    fn reads_jsonl_hex_fields_and_readdresses() {
        let dir = std::env::temp_dir().join(format!("proiot3-flood-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("v.jsonl"),
            "{\"hex\": \"00112233445566778899aabb86dd\", \"name\": \"a\"}\n{\"hex\": \"zz\"}\n",
        )
        .unwrap();
        std::fs::write(dir.join("raw"), [0x33, 0x33, 0, 0, 0, 1]).unwrap();
        let frames = Flood::read_frames(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(frames.len(), 2, "{frames:02x?}");
        assert!(frames.contains(&vec![0x33, 0x33, 0, 0, 0, 1]));
        let mut f = Flood::new(frames, 1);
        f.readdress_to([2, 0, 0, 0, 0, 9]);
        // The unicast vector frame got a readdressed copy, the multicast not.
        assert_eq!(f.pool_len(), 3);
    }
}
