//! The firmware's flash by crate, from the ELF's line information
//! ([`crate::line_info`]; as [`crate::by_source`] attributes code to
//! files, functions and lines): every instruction counts
//! for the innermost frame of its inline chain that is ours, so core's
//! helpers inlined into our code (a u64 `wrapping_sub`, a `memcpy` of a big
//! value) count for the crate that used them. A frame is ours when its
//! source file lies in this repository or, failing that, when its function
//! is one of our crates' (with fat LTO some line records point into core
//! while the function names stay right). Instructions with no such frame
//! count for the crate of the function symbol holding them; the board's
//! assembly (`__mspabi_*`, `mem*`, `Reset`, the interrupt handlers) counts
//! for `proiot3`. Named read-only data counts for the crate of its symbol.
//!
//! The figures are as good as the debug information: fat LTO drops the
//! inline frames of some code inlined into big functions (`app::run`),
//! which then counts for the crate it was inlined into, so a change of
//! inlining can move a few hundred bytes between crates with no change in
//! size. Compare totals first; `cargo xtask size OLD.elf` reports an
//! earlier build the same way.
//!
//! Without `llvm-objdump` and `llvm-symbolizer` the breakdown is skipped
//! with a note.

use crate::elf::Image;
use crate::line_info::{Frame, LineInfo};

/// The buckets, in report order.
pub const CRATES: [&str; 7] = [
    "stack",
    "clock-app",
    "firmware",
    "enc28j60",
    "proiot3",
    "msp430f1611",
    "core/compiler_builtins",
];

/// Index into [`CRATES`] of the crate a repository-relative source path
/// belongs to, `None` outside the firmware's crates.
pub fn crate_of_path(path: &str) -> Option<usize> {
    const PREFIXES: [(&str, usize); 6] = [
        ("stack/", 0),
        ("examples/clock-app/", 1),
        ("examples/clock-firmware/", 2),
        ("drivers/enc28j60/", 3),
        ("drivers/proiot3/", 4),
        ("drivers/msp430f1611/", 5),
    ];
    PREFIXES
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map(|&(_, i)| i)
}

/// Symbols defined in the board crate's assembly (`proiot3::abi`,
/// `proiot3::rt`): their line records are meaningless.
fn is_board_assembly(symbol: &str) -> bool {
    symbol.starts_with("__mspabi_")
        || symbol.starts_with("proiot3_")
        || matches!(
            symbol,
            "memcpy" | "memmove" | "memset" | "Reset" | "TIMERA1" | "PORT1"
        )
}

/// Index into [`CRATES`] of the crate a demangled symbol name belongs to:
/// its first path segment (`<enc28j60::driver::Enc28j60<..>>::init` is
/// enc28j60's); everything else (core, compiler_builtins, msp430-rt,
/// `<[u8] as PartialEq>::eq`) is the last bucket.
pub fn crate_of_symbol(symbol: &str) -> usize {
    if is_board_assembly(symbol) {
        return 4;
    }
    let name = symbol.trim_start_matches(['<', '&', '*']);
    let first = name.split("::").next().unwrap_or("");
    match first {
        "microip6" => 0,
        "clock_app" => 1,
        "clock_firmware" => 2,
        "enc28j60" => 3,
        "proiot3" | "abort" => 4,
        "msp430f1611" => 5,
        _ => 6,
    }
}

/// Code and named read-only data bytes per bucket of [`CRATES`].
pub struct Breakdown {
    /// Instruction bytes.
    pub code: [u64; CRATES.len()],
    /// Bytes of sized read-only data symbols (vectors excluded).
    pub rodata: [u64; CRATES.len()],
}

impl Breakdown {
    /// The printable table: one line per crate and a total.
    pub fn render(&self) -> String {
        let mut s =
            String::from("flash by crate (line info; core's inlined code counts for its user):\n");
        s.push_str("    code  rodata  crate\n");
        for (i, name) in CRATES.iter().enumerate() {
            s.push_str(&format!(
                "  {:6}  {:6}  {name}\n",
                self.code[i], self.rodata[i]
            ));
        }
        s.push_str(&format!(
            "  {:6}  {:6}  total (rodata: named symbols only)\n",
            self.code.iter().sum::<u64>(),
            self.rodata.iter().sum::<u64>()
        ));
        s
    }
}

/// The crate of the innermost frame that is ours (by file under `root`,
/// else by function name), if any.
fn crate_of_chain(chain: &[Frame], root: &str) -> Option<usize> {
    chain.iter().find_map(|frame| {
        frame
            .file
            .strip_prefix(root)
            .and_then(crate_of_path)
            .or_else(|| Some(crate_of_symbol(&frame.function)).filter(|&c| c != CRATES.len() - 1))
    })
}

/// The breakdown of an ELF from its line information `info` and its
/// symbols (`image`); `root` is [`crate::line_info::repo_prefix`].
pub fn breakdown(info: &LineInfo, image: &Image, root: &str) -> Breakdown {
    let functions = image.code_symbols();
    let mut result = Breakdown {
        code: [0; CRATES.len()],
        rodata: [0; CRATES.len()],
    };
    for ((addr, len), chain) in info.instructions.iter().zip(&info.chains) {
        let symbol = containing(&functions, *addr);
        let bucket = match symbol {
            Some(name) if is_board_assembly(name) => 4,
            _ => crate_of_chain(chain, root)
                .unwrap_or_else(|| symbol.map_or(CRATES.len() - 1, crate_of_symbol)),
        };
        result.code[bucket] += u64::from(*len);
    }
    for (name, size) in image.rodata_symbols() {
        result.rodata[crate_of_symbol(name)] += u64::from(size);
    }
    result
}

/// The name of the symbol in `sorted` (by address: start, size, name)
/// holding `addr`.
fn containing<'a>(sorted: &[(u32, u32, &'a str)], addr: u32) -> Option<&'a str> {
    let i = sorted.partition_point(|s| s.0 <= addr).checked_sub(1)?;
    let (start, size, name) = sorted[i];
    (addr < start + size).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::line_info::tests::frame;

    #[test]
    fn paths_map_to_crates() {
        assert_eq!(crate_of_path("stack/src/iface/input.rs"), Some(0));
        assert_eq!(crate_of_path("examples/clock-app/src/lib.rs"), Some(1));
        assert_eq!(crate_of_path("examples/clock-firmware/src/app.rs"), Some(2));
        assert_eq!(crate_of_path("drivers/enc28j60/src/driver.rs"), Some(3));
        assert_eq!(crate_of_path("drivers/proiot3/src/spi.rs"), Some(4));
        assert_eq!(crate_of_path("drivers/msp430f1611/src/generic.rs"), Some(5));
        assert_eq!(crate_of_path("examples/host-runner/src/main.rs"), None);
    }

    #[test]
    fn symbols_map_to_crates() {
        let cases = [
            (
                "<enc28j60::driver::Enc28j60<proiot3::spi::Spi, proiot3::time::Delay>>::init",
                "enc28j60",
            ),
            ("<microip6::iface::Interface>::advance", "stack"),
            ("clock_firmware::app::run", "firmware"),
            ("<clock_app::ClockApp>::receive", "clock-app"),
            ("__mspabi_mpyll", "proiot3"),
            ("memcpy", "proiot3"),
            ("proiot3::font::GLYPHS", "proiot3"),
            ("msp430f1611::Peripherals::take", "msp430f1611"),
            (
                "<[u8; 16] as core::cmp::PartialEq>::eq",
                "core/compiler_builtins",
            ),
            ("compiler_builtins::mem::memcmp", "core/compiler_builtins"),
        ];
        for (symbol, name) in cases {
            assert_eq!(CRATES[crate_of_symbol(symbol)], name, "{symbol}");
        }
    }

    /// Core's frame inside ours counts for our crate; no line
    /// information, for none.
    #[test]
    fn chain_counts_for_innermost_crate_of_ours() {
        let core_in_stack = [
            frame(
                "core::num::<impl u64>::wrapping_sub",
                "/rust/core/src/num/uint_macros.rs",
                "2621",
            ),
            frame(
                "microip6::clock::softclock::SoftClock::project",
                "/work/main/stack/src/clock/softclock.rs",
                "120",
            ),
        ];
        assert_eq!(crate_of_chain(&core_in_stack, "/work/main/"), Some(0));
        assert_eq!(
            crate_of_chain(&[frame("??", "??", "0")], "/work/main/"),
            None
        );
    }

    /// A line record pointing into core (fat LTO) inside our function: the
    /// function name decides; core's own frames are skipped.
    #[test]
    fn chain_falls_back_to_function_names() {
        let chain = [
            frame("core::ptr::write_volatile", "/rust/core/src/ptr/mod.rs", "2194"),
            frame(
                "<enc28j60::driver::Enc28j60<proiot3::spi::Spi, proiot3::time::Delay>>::select_bank",
                "/rust/core/src/ops/bit.rs",
                "490",
            ),
        ];
        assert_eq!(
            crate_of_chain(&chain, "/work/main/").map(|c| CRATES[c]),
            Some("enc28j60")
        );
    }

    #[test]
    fn containing_symbol() {
        let syms = [(0x4000, 0x3a, "Reset"), (0x403a, 0x16, "__mspabi_mpyi")];
        assert_eq!(containing(&syms, 0x4000), Some("Reset"));
        assert_eq!(containing(&syms, 0x4039), Some("Reset"));
        assert_eq!(containing(&syms, 0x404f), Some("__mspabi_mpyi"));
        assert_eq!(containing(&syms, 0x4050), None);
        assert_eq!(containing(&syms, 0x3fff), None);
    }
}
