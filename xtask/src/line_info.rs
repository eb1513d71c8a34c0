//! Every instruction of an ELF with its inline chain, from
//! `llvm-objdump -d` (addresses and lengths) and `llvm-symbolizer
//! --inlining` (function, file and line of each frame, innermost first).
//! The per-crate table ([`crate::by_crate`]) and the per-file, function
//! and line tables ([`crate::by_source`]) both attribute these.
//!
//! Needs `llvm-objdump` and `llvm-symbolizer` (Debian: llvm-14).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// One frame of an inline chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// Demangled function name (`??` when unknown).
    pub function: String,
    /// Source file as recorded in the debug information (absolute for our
    /// crates, `/rust/...` for core, `??` when unknown).
    pub file: String,
    /// Source line number as printed (`0` when unknown; empty when the
    /// location had none).
    pub line: String,
}

/// The ELF's code: each instruction (address, length in bytes) and its
/// inline chain, innermost frame first, at the same index.
pub struct LineInfo {
    /// (address, length) of every instruction, in address order.
    pub instructions: Vec<(u32, u32)>,
    /// The inline chain of each instruction.
    pub chains: Vec<Vec<Frame>>,
}

/// The repository root with a trailing `/`, the prefix of our source
/// files in the line records.
pub fn repo_prefix() -> String {
    format!("{}/", crate::root().display())
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

/// Disassembles and symbolizes the ELF at `path`.
pub fn load(path: &Path) -> Result<LineInfo, String> {
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
    let instructions = parse_objdump(&String::from_utf8_lossy(&dump.stdout));
    let query: String = instructions
        .iter()
        .map(|(a, _)| format!("{a:#x}\n"))
        .collect();
    let mut child = Command::new(&symbolizer)
        .arg(format!("--obj={}", path.display()))
        .args(["--inlining", "--functions=linkage", "--demangle"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{symbolizer}: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    // Written from a thread: the symbolizer's answers would fill the pipe
    // before it has read all questions.
    let writer = std::thread::spawn(move || stdin.write_all(query.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{symbolizer}: {e}"))?;
    writer
        .join()
        .map_err(|_| "symbolizer input thread panicked".to_string())?
        .map_err(|e| format!("{symbolizer}: {e}"))?;
    let chains = parse_symbolizer(&String::from_utf8_lossy(&out.stdout));
    if chains.len() != instructions.len() {
        return Err(format!(
            "{symbolizer}: {} answers for {} addresses",
            chains.len(),
            instructions.len()
        ));
    }
    Ok(LineInfo {
        instructions,
        chains,
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
                    let [function, location] = pair else {
                        return None;
                    };
                    let (file, line) = split_location(location);
                    Some(Frame {
                        function: function.to_string(),
                        file: file.to_string(),
                        line: line.to_string(),
                    })
                })
                .collect()
        })
        .collect()
}

/// (file, line) of a symbolizer location `FILE:LINE:COLUMN` (or
/// `FILE:LINE`); a location without numbers is all file.
fn split_location(location: &str) -> (&str, &str) {
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (rest, last) = match location.rsplit_once(':') {
        Some((rest, last)) if numeric(last) => (rest, last),
        _ => return (location, ""),
    };
    match rest.rsplit_once(':') {
        Some((file, line)) if numeric(line) => (file, line),
        _ => (rest, last),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a frame for the tests.
    pub fn frame(function: &str, file: &str, line: &str) -> Frame {
        Frame {
            function: function.into(),
            file: file.into(),
            line: line.into(),
        }
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
        assert_eq!(
            parse_symbolizer(text),
            vec![
                vec![
                    frame(
                        "core::num::<impl u64>::wrapping_sub",
                        "/rust/core/src/num/uint_macros.rs",
                        "2621"
                    ),
                    frame(
                        "microip6::clock::softclock::SoftClock::project",
                        "/work/main/stack/src/clock/softclock.rs",
                        "120"
                    ),
                ],
                vec![frame("??", "??", "0")],
            ]
        );
    }

    #[test]
    fn locations_split_into_file_and_line() {
        assert_eq!(
            split_location("/work/main/stack/src/iface/mod.rs:88:17"),
            ("/work/main/stack/src/iface/mod.rs", "88")
        );
        assert_eq!(split_location("src/lib.rs:7"), ("src/lib.rs", "7"));
        assert_eq!(split_location("??:0:0"), ("??", "0"));
        assert_eq!(split_location("??"), ("??", ""));
    }
}
