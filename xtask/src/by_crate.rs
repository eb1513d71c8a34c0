//! The firmware's flash by crate, from the ELF's line information (the way
//! `scripts/size-by-source.py` attributes code): every instruction counts
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
//! Needs `llvm-objdump` and `llvm-symbolizer` (Debian: llvm-14); without
//! them the breakdown is skipped with a note.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::elf::Image;

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

fn tool(name: &str) -> Option<String> {
    [format!("{name}-14"), name.to_string()]
        .into_iter()
        .find(|candidate| {
            Command::new(candidate)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

/// (address, length) of every instruction in `llvm-objdump -d` output.
pub fn parse_objdump(text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for line in text.lines() {
        // "    4256: 31 80 14 00  \tsub\t#20, r1"
        let Some((addr, rest)) = line.split_once(':') else {
            continue;
        };
        if !line.starts_with(' ') {
            continue;
        }
        let Ok(addr) = u32::from_str_radix(addr.trim(), 16) else {
            continue;
        };
        let bytes = rest
            .trim_start_matches(' ')
            .split('\t')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .take_while(|b| b.len() == 2 && b.bytes().all(|c| c.is_ascii_hexdigit()))
            .count();
        if bytes > 0 {
            out.push((addr, bytes as u32));
        }
    }
    out
}

/// One frame of an inline chain: function name and source file.
pub type Frame = (String, String);

/// Each address's inline chain, innermost frame first, from
/// `llvm-symbolizer --inlining` output (blocks of function/location line
/// pairs separated by blank lines, one block per queried address).
pub fn parse_symbolizer(text: &str) -> Vec<Vec<Frame>> {
    text.trim_end_matches('\n')
        .split("\n\n")
        .map(|block| {
            let lines: Vec<&str> = block.lines().collect();
            lines
                .chunks(2)
                .filter_map(|pair| {
                    let [function, loc] = pair else { return None };
                    let file = loc.rsplitn(3, ':').nth(2).unwrap_or(loc);
                    Some((function.to_string(), file.to_string()))
                })
                .collect()
        })
        .collect()
}

/// The crate of the innermost frame that is ours (by file under `root`,
/// else by function name), if any.
fn crate_of_chain(chain: &[Frame], root: &str) -> Option<usize> {
    chain.iter().find_map(|(function, file)| {
        file.strip_prefix(root)
            .and_then(crate_of_path)
            .or_else(|| Some(crate_of_symbol(function)).filter(|&c| c != CRATES.len() - 1))
    })
}

/// The breakdown of the ELF at `path` (already parsed as `image`), or why
/// it could not be computed.
pub fn breakdown(path: &Path, image: &Image) -> Result<Breakdown, String> {
    let objdump = tool("llvm-objdump").ok_or("llvm-objdump not found (apt install llvm-14)")?;
    let symbolizer =
        tool("llvm-symbolizer").ok_or("llvm-symbolizer not found (apt install llvm-14)")?;
    let dump = Command::new(&objdump)
        .arg("-d")
        .arg(path)
        .output()
        .map_err(|e| format!("{objdump}: {e}"))?;
    if !dump.status.success() {
        return Err(format!("{objdump} failed"));
    }
    let insns = parse_objdump(&String::from_utf8_lossy(&dump.stdout));
    let query: String = insns.iter().map(|(a, _)| format!("{a:#x}\n")).collect();
    let mut child = Command::new(&symbolizer)
        .arg(format!("--obj={}", path.display()))
        .args(["--inlining", "--functions=linkage", "--demangle"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{symbolizer}: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(query.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{symbolizer}: {e}"))?;
    writer
        .join()
        .map_err(|_| "symbolizer input thread panicked".to_string())?
        .map_err(|e| format!("{symbolizer}: {e}"))?;
    let chains = parse_symbolizer(&String::from_utf8_lossy(&out.stdout));
    if chains.len() != insns.len() {
        return Err(format!(
            "{symbolizer}: {} answers for {} addresses",
            chains.len(),
            insns.len()
        ));
    }
    let root = format!("{}/", crate::root().display());
    let functions = image.code_symbols();
    let mut result = Breakdown {
        code: [0; CRATES.len()],
        rodata: [0; CRATES.len()],
    };
    for ((addr, len), chain) in insns.iter().zip(&chains) {
        let symbol = containing(&functions, *addr);
        let bucket = match symbol {
            Some(name) if is_board_assembly(name) => 4,
            _ => crate_of_chain(chain, &root)
                .unwrap_or_else(|| symbol.map_or(CRATES.len() - 1, crate_of_symbol)),
        };
        result.code[bucket] += u64::from(*len);
    }
    for (name, size) in image.rodata_symbols() {
        result.rodata[crate_of_symbol(name)] += u64::from(size);
    }
    Ok(result)
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
        let enc = "<enc28j60::driver::Enc28j60<proiot3::spi::Spi, proiot3::time::Delay>>::init";
        assert_eq!(CRATES[crate_of_symbol(enc)], "enc28j60");
        assert_eq!(
            CRATES[crate_of_symbol("<microip6::iface::Interface>::advance")],
            "stack"
        );
        assert_eq!(
            CRATES[crate_of_symbol("clock_firmware::app::run")],
            "firmware"
        );
        assert_eq!(
            CRATES[crate_of_symbol("<clock_app::ClockApp>::receive")],
            "clock-app"
        );
        assert_eq!(CRATES[crate_of_symbol("__mspabi_mpyll")], "proiot3");
        assert_eq!(CRATES[crate_of_symbol("memcpy")], "proiot3");
        assert_eq!(CRATES[crate_of_symbol("proiot3::font::GLYPHS")], "proiot3");
        assert_eq!(
            CRATES[crate_of_symbol("<[u8; 16] as core::cmp::PartialEq>::eq")],
            "core/compiler_builtins"
        );
        assert_eq!(
            CRATES[crate_of_symbol("compiler_builtins::mem::memcmp")],
            "core/compiler_builtins"
        );
    }

    /// Lines as llvm-objdump 14 prints them for the MSP430.
    #[test]
    fn objdump_instructions() {
        let text = "\n0000403a <__mspabi_mpyi>:\n    403a: 02 12        \tpush\tr2\n    \
                    f424: b2 40 80 5a 20 01    \tmov\t#23168, &288\n    f54a: 03 43        \tnop\n\
                    ; drivers/proiot3/src/rt.rs:166\n";
        assert_eq!(
            parse_objdump(text),
            vec![(0x403a, 2), (0xf424, 6), (0xf54a, 2)]
        );
    }

    /// Two addresses: one with an inline chain (core inside ours), one
    /// without line information.
    #[test]
    fn symbolizer_chains() {
        let text = "core::num::<impl u64>::wrapping_sub\n/rust/core/src/num/uint_macros.rs:2621:5\n\
                    microip6::clock::softclock::SoftClock::project\n/work/main/stack/src/clock/softclock.rs:120:9\n\
                    \n\
                    ??\n??:0:0\n\n";
        let chains = parse_symbolizer(text);
        let frame = |f: &str, l: &str| (f.to_string(), l.to_string());
        assert_eq!(
            chains,
            vec![
                vec![
                    frame(
                        "core::num::<impl u64>::wrapping_sub",
                        "/rust/core/src/num/uint_macros.rs"
                    ),
                    frame(
                        "microip6::clock::softclock::SoftClock::project",
                        "/work/main/stack/src/clock/softclock.rs"
                    ),
                ],
                vec![frame("??", "??")],
            ]
        );
        assert_eq!(crate_of_chain(&chains[0], "/work/main/"), Some(0));
        assert_eq!(crate_of_chain(&chains[1], "/work/main/"), None);
    }

    /// A line record pointing into core (fat LTO) inside our function: the
    /// function name decides; core's own frames are skipped.
    #[test]
    fn chain_falls_back_to_function_names() {
        let text = "core::ptr::write_volatile\n/rust/core/src/ptr/mod.rs:2194:9\n\
                    <enc28j60::driver::Enc28j60<proiot3::spi::Spi, proiot3::time::Delay>>::select_bank\n\
                    /rust/core/src/ops/bit.rs:490:17\n";
        let chains = parse_symbolizer(text);
        assert_eq!(chains[0].len(), 2);
        assert_eq!(
            crate_of_chain(&chains[0], "/work/main/").map(|c| CRATES[c]),
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
