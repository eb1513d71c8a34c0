//! Where the code bytes go, by source file, by function and by source
//! line (`cargo xtask size --files/--functions/--lines`). Every
//! instruction counts for the innermost frame of its inline chain whose
//! file lies in this repository, so code inlined from `core` (a u64
//! `wrapping_sub`, a `memcpy` of a big value) counts for the function and
//! the line of ours that used it; an instruction with no such frame counts
//! for its innermost frame (core, compiler_builtins, `??`). Unlike
//! [`crate::by_crate`], no symbol or function-name fallback: a line record
//! that fat LTO left pointing into core stays core's.

use std::collections::HashMap;

use crate::line_info::{Frame, LineInfo};

/// One of the three tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Table {
    /// Bytes per source file.
    Files,
    /// Bytes per function (its name cut at 100 characters).
    Functions,
    /// Bytes per source line (`file:line`).
    Lines,
}

impl Table {
    /// The heading printed above the table.
    fn heading(self) -> &'static str {
        match self {
            Table::Files => "--- by source file",
            Table::Functions => "--- by function (with what was inlined into it from core)",
            Table::Lines => "--- by line",
        }
    }

    /// How many rows are printed when no count is given.
    pub fn default_rows(self) -> usize {
        match self {
            Table::Files | Table::Lines => 40,
            Table::Functions => 60,
        }
    }
}

/// Byte counts per key, remembering the order keys were first seen (ties
/// are listed in that order, which is address order).
#[derive(Default)]
pub struct Tally {
    index: HashMap<String, usize>,
    entries: Vec<(String, u64)>,
}

impl Tally {
    /// Counts `bytes` more for `key`.
    pub fn add(&mut self, key: String, bytes: u64) {
        match self.index.get(&key) {
            Some(&i) => self.entries[i].1 += bytes,
            None => {
                self.index.insert(key.clone(), self.entries.len());
                self.entries.push((key, bytes));
            }
        }
    }

    /// The `n` biggest entries, biggest first, ties in first-seen order.
    pub fn biggest(&self, n: usize) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.entries.iter().map(|(k, b)| (k.as_str(), *b)).collect();
        v.sort_by_key(|&(_, bytes)| std::cmp::Reverse(bytes));
        v.truncate(n);
        v
    }
}

/// The three tables of one ELF.
#[derive(Default)]
pub struct BySource {
    /// Code bytes in all.
    pub total: u64,
    /// Per file, repository-relative for ours.
    pub files: Tally,
    /// Per function.
    pub functions: Tally,
    /// Per `file:line`.
    pub lines: Tally,
}

impl BySource {
    fn tally(&self, table: Table) -> &Tally {
        match table {
            Table::Files => &self.files,
            Table::Functions => &self.functions,
            Table::Lines => &self.lines,
        }
    }

    /// The total line and the `tables` (each with its row count) in the
    /// order files, functions, lines.
    pub fn render(&self, elf: &str, tables: &[(Table, usize)]) -> String {
        let mut tables = tables.to_vec();
        tables.sort();
        let mut s = format!("{} bytes of code in {elf}\n", self.total);
        for (table, rows) in tables {
            s.push_str(table.heading());
            s.push('\n');
            for (key, bytes) in self.tally(table).biggest(rows) {
                s.push_str(&format!("{bytes:7} {key}\n"));
            }
        }
        s
    }
}

/// The frame an instruction counts for: the innermost one in a file under
/// `root`, else the innermost one.
fn attributed_frame<'a>(chain: &'a [Frame], root: &str) -> Option<&'a Frame> {
    chain
        .iter()
        .find(|frame| frame.file.starts_with(root))
        .or_else(|| chain.first())
}

/// Attributes every instruction of `info`; `root` is
/// [`crate::line_info::repo_prefix`] (stripped from our file names).
pub fn attribute(info: &LineInfo, root: &str) -> BySource {
    let mut by = BySource::default();
    for (&(_, len), chain) in info.instructions.iter().zip(&info.chains) {
        let bytes = u64::from(len);
        let (function, file, line) = match attributed_frame(chain, root) {
            Some(frame) => (
                frame.function.as_str(),
                frame.file.strip_prefix(root).unwrap_or(&frame.file),
                frame.line.as_str(),
            ),
            None => ("?", "?", ""),
        };
        by.total += bytes;
        by.files.add(file.to_string(), bytes);
        by.functions
            .add(function.chars().take(100).collect(), bytes);
        let line_key = if line.is_empty() {
            file.to_string()
        } else {
            format!("{file}:{line}")
        };
        by.lines.add(line_key, bytes);
    }
    by
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line_info::tests::frame;

    const ROOT: &str = "/work/main/";

    /// Four instructions: a u64 subtraction inlined from core into our
    /// line, an instruction of ours on the same line, one of
    /// compiler_builtins' with no frame of ours, and one with no line
    /// information.
    fn sample() -> LineInfo {
        let ours = frame(
            "microip6::clock::softclock::SoftClock::project",
            "/work/main/stack/src/clock/softclock.rs",
            "120",
        );
        LineInfo {
            instructions: vec![(0x4000, 4), (0x4004, 2), (0x4006, 6), (0x400c, 2)],
            chains: vec![
                vec![
                    frame(
                        "core::num::<impl u64>::wrapping_sub",
                        "/rust/core/src/num/uint_macros.rs",
                        "2621",
                    ),
                    ours.clone(),
                ],
                vec![ours],
                vec![frame(
                    "compiler_builtins::mem::memcmp",
                    "/rust/deps/compiler_builtins/src/mem/mod.rs",
                    "74",
                )],
                vec![frame("??", "??", "0")],
            ],
        }
    }

    #[test]
    fn core_inlined_code_counts_for_our_line() {
        let by = attribute(&sample(), ROOT);
        assert_eq!(by.total, 14);
        assert_eq!(
            by.files.biggest(10),
            [
                ("stack/src/clock/softclock.rs", 6),
                ("/rust/deps/compiler_builtins/src/mem/mod.rs", 6),
                ("??", 2),
            ]
        );
        assert_eq!(
            by.functions.biggest(2),
            [
                ("microip6::clock::softclock::SoftClock::project", 6),
                ("compiler_builtins::mem::memcmp", 6),
            ]
        );
        assert_eq!(
            by.lines.biggest(10),
            [
                ("stack/src/clock/softclock.rs:120", 6),
                ("/rust/deps/compiler_builtins/src/mem/mod.rs:74", 6),
                ("??:0", 2),
            ]
        );
    }

    #[test]
    fn long_function_names_are_cut_at_100_characters() {
        let name = "x".repeat(130);
        let info = LineInfo {
            instructions: vec![(0x4000, 2)],
            chains: vec![vec![frame(&name, "/work/main/stack/src/lib.rs", "1")]],
        };
        let by = attribute(&info, ROOT);
        assert_eq!(by.functions.biggest(1), [(&name[..100], 2)]);
    }

    #[test]
    fn render_prints_tables_in_fixed_order() {
        let by = attribute(&sample(), ROOT);
        let text = by.render("fw.elf", &[(Table::Lines, 1), (Table::Files, 2)]);
        assert_eq!(
            text,
            "14 bytes of code in fw.elf\n\
             --- by source file\n      \
             6 stack/src/clock/softclock.rs\n      \
             6 /rust/deps/compiler_builtins/src/mem/mod.rs\n\
             --- by line\n      \
             6 stack/src/clock/softclock.rs:120\n"
        );
    }

    #[test]
    fn empty_chain_counts_for_unknown() {
        let info = LineInfo {
            instructions: vec![(0x4000, 2)],
            chains: vec![vec![]],
        };
        let by = attribute(&info, ROOT);
        assert_eq!(by.files.biggest(5), [("?", 2)]);
        assert_eq!(by.lines.biggest(5), [("?", 2)]);
    }
}
