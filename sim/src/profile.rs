//! Cycle profile by function: while a [`Profile`] is attached to a
//! [`crate::Board`] (`board.profile = Some(..)`), every CPU step's cycles
//! are charged to the function whose address range holds the PC the
//! step executed at (an accepted interrupt's 6 cycles: to its handler).
//! Functions come from the firmware ELF's symbol table
//! ([`crate::loader::elf_symbols`]), sorted by address.
//!
//! The cycles are kept in a call tree ([`Profile::tree`]): each step's
//! cycles go to the call path it ran in, each function under the path that
//! called it, from a shadow call stack kept from CALL and interrupt entries
//! (a frame dropped once SP rises above its entry SP: RET, RETI, or a
//! longjmp-like unwinding). An interrupt handler hangs under the root, not
//! under the code it interrupted. Frames entered before the profile started
//! are unknown: the code that was already running at the start (the main
//! loop) forms top-level paths, with what it calls under it.
//!
//! Per function ([`Profile::top`], [`Profile::table`]), from the tree:
//! - `self_cycles`: cycles of instructions inside it, on every path;
//! - `inclusive_cycles`: the cycles of its paths and everything under them
//!   (a recursive path counted once, at its outermost call): its own and
//!   its callees', never those of an interrupt taken while it ran;
//! - `entries`: CALLs and interrupts landing in it, and jumps from another
//!   function to its first instruction (tail calls; a jump of at most 6
//!   bytes forward looks like running on into the next function and is
//!   not counted).
//!
//! Sleep (CPUOFF) cycles are not counted: [`Profile::total_cycles`] is the
//! awake cycles of the window. Run with the perf test:
//! `cargo test --release -p proiot3-sim --test perf -- --nocapture`.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::cpu::StepResult;
use crate::loader::Symbol;

/// A function's address range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// First address.
    pub start: u16,
    /// End (exclusive; up to 0x10000).
    pub end: u32,
    /// Name, demangled ([`demangle`]).
    pub name: String,
}

/// Functions sorted by address, for PC lookups.
#[derive(Debug, Clone, Default)]
pub struct Functions {
    list: Vec<Function>,
}

impl Functions {
    /// Address ranges from ELF code symbols: a function (`STT_FUNC`)
    /// covers its `st_size` bytes; a label with no size (assembler code)
    /// runs to the next symbol or its section's end. Labels inside a sized
    /// function belong to it; of several names at one address the first
    /// function is kept.
    pub fn from_symbols(symbols: &[Symbol]) -> Functions {
        let mut s: Vec<&Symbol> = symbols.iter().collect();
        s.sort_by_key(|x| (x.addr, !x.is_function));
        let mut list: Vec<Function> = Vec::new();
        let mut covered_to = 0u32;
        for (i, sym) in s.iter().enumerate() {
            let start = u32::from(sym.addr);
            if start < covered_to || list.last().is_some_and(|f| f.start == sym.addr) {
                continue;
            }
            let next = s[i + 1..]
                .iter()
                .map(|x| u32::from(x.addr))
                .find(|&a| a > start)
                .unwrap_or(sym.section_end);
            let end = if sym.size > 0 {
                start + u32::from(sym.size)
            } else {
                next.min(sym.section_end).max(start + 1)
            };
            covered_to = end;
            list.push(Function {
                start: sym.addr,
                end,
                name: demangle(&sym.name),
            });
        }
        Functions { list }
    }

    /// The functions, by address.
    pub fn list(&self) -> &[Function] {
        &self.list
    }

    /// Index of the function holding `pc`.
    pub fn index_of(&self, pc: u16) -> Option<usize> {
        let i = self
            .list
            .partition_point(|f| f.start <= pc)
            .checked_sub(1)?;
        (u32::from(pc) < self.list[i].end).then_some(i)
    }
}

/// A symbol name demangled (Rust legacy and v0 manglings, hashes and
/// crate disambiguators dropped); other names unchanged.
pub fn demangle(name: &str) -> String {
    format!("{:#}", rustc_demangle::demangle(name))
}

/// One row of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionCost {
    /// The function (`"?"` for code outside every symbol).
    pub name: String,
    /// Its address (0 for `"?"`).
    pub start: u16,
    /// Cycles of its own instructions.
    pub self_cycles: u64,
    /// Cycles while it ran or was on the (known) call stack.
    pub inclusive_cycles: u64,
    /// Calls, interrupts and tail jumps into it.
    pub entries: u64,
}

/// A cycle profile by function; attach it to [`crate::Board::profile`].
#[derive(Debug, Clone)]
pub struct Profile {
    functions: Functions,
    /// Entries by function (tail jumps are not in the tree's calls).
    entries: Vec<u64>,
    /// Shadow call stack: (function, SP right after the entry, its node
    /// in the call tree).
    stack: Vec<(Option<usize>, u16, usize)>,
    /// The call tree ([`Profile::tree`]), every cycle recorded in it;
    /// node 0 is the root. A node comes after its parent.
    nodes: Vec<Node>,
    children: HashMap<(usize, Option<usize>), usize>,
}

/// A call path: a function as called from its parent's path.
#[derive(Debug, Clone)]
struct Node {
    parent: usize,
    function: Option<usize>,
    self_cycles: u64,
    calls: u64,
}

/// CALL (format II, opcode 5): 0x1280 | As << 4 | register.
fn is_call(op: u16) -> bool {
    op & 0xFFC0 == 0x1280
}

impl Profile {
    /// An empty profile over `functions`.
    pub fn new(functions: Functions) -> Profile {
        let n = functions.list.len();
        Profile {
            functions,
            entries: vec![0; n],
            stack: Vec::new(),
            nodes: vec![Node {
                parent: 0,
                function: None,
                self_cycles: 0,
                calls: 0,
            }],
            children: HashMap::new(),
        }
    }

    /// A profile over the code symbols of an ELF image.
    pub fn from_elf(elf: &[u8]) -> Result<Profile, crate::loader::LoadError> {
        Ok(Profile::new(Functions::from_symbols(
            &crate::loader::elf_symbols(elf)?,
        )))
    }

    /// Charges one CPU step: it started at `pc_before` with the word
    /// `op` there, took `cycles`, and left PC at `pc_after`, SP at
    /// `sp_after`. Called by the board; public for other step loops.
    pub fn record(
        &mut self,
        result: StepResult,
        pc_before: u16,
        op: u16,
        cycles: u64,
        pc_after: u16,
        sp_after: u16,
    ) {
        let entered = match result {
            StepResult::Executed => is_call(op),
            StepResult::Interrupt(_) | StepResult::Reset => true,
            StepResult::Sleeping | StepResult::Illegal(_) => return,
        };
        let here = self.functions.index_of(pc_before);
        let target = self.functions.index_of(pc_after);
        // Interrupt acceptance is the handler's; a CALL is the caller's.
        let charged = if result == StepResult::Executed {
            here
        } else {
            target
        };
        if result == StepResult::Reset {
            self.stack.clear();
        }
        if result != StepResult::Executed {
            // Handlers hang off the root of the call tree.
            let node = self.child(0, target);
            self.nodes[node].calls += 1;
            self.stack.push((target, sp_after, node));
        }
        let node = self.context(charged);
        self.nodes[node].self_cycles += cycles;
        if result == StepResult::Executed {
            while self.stack.last().is_some_and(|e| sp_after > e.1) {
                self.stack.pop();
            }
            if entered {
                let caller = self.context(here);
                let node = self.child(caller, target);
                self.nodes[node].calls += 1;
                self.stack.push((target, sp_after, node));
            }
        }
        // A jump from elsewhere to a function's first instruction; running
        // on into it from the one before (at most 6 bytes on) is not.
        let falls_through = (2..=6).contains(&pc_after.wrapping_sub(pc_before));
        let tail_jump = !falls_through
            && target.is_some_and(|t| {
                t != here.unwrap_or(usize::MAX) && self.functions.list[t].start == pc_after
            });
        if let Some(t) = target.filter(|_| entered || tail_jump) {
            self.entries[t] += 1;
        }
    }

    /// The call-tree node of `function` called from node `parent`.
    fn child(&mut self, parent: usize, function: Option<usize>) -> usize {
        let next = self.nodes.len();
        let node = *self.children.entry((parent, function)).or_insert(next);
        if node == next {
            self.nodes.push(Node {
                parent,
                function,
                self_cycles: 0,
                calls: 0,
            });
        }
        node
    }

    /// The call-tree node code of `function` runs in now: the frame on
    /// top of the shadow stack, or a child of it (code reached by a jump),
    /// or a child of the root (code running before the profile started,
    /// whose callers are unknown).
    fn context(&mut self, function: Option<usize>) -> usize {
        match self.stack.last() {
            None => self.child(0, function),
            Some(&(f, _, node)) if f == function => node,
            Some(&(_, _, node)) => self.child(node, function),
        }
    }

    /// The call tree: each call path with its inclusive cycles (own and
    /// callees'), own cycles and calls, children by inclusive cycles, most
    /// first, indented under their caller; paths under `min_cycles`
    /// inclusive are left out. Figures divided by `per` as in
    /// [`Profile::table`]. Top-level rows are the code that was running
    /// when the profile started (callers unknown) and interrupt handlers.
    pub fn tree(&self, min_cycles: u64, per: u64) -> String {
        let per = per.max(1);
        let inclusive = self.node_inclusive();
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for i in (1..self.nodes.len()).rev() {
            kids[self.nodes[i].parent].push(i);
        }
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:>9} {:>8} {:>7}  call path",
            "inclusive", "self", "calls"
        );
        let mut todo: Vec<(usize, usize)> = vec![(0, 0)];
        while let Some((node, depth)) = todo.pop() {
            if node != 0 {
                let n = &self.nodes[node];
                let name = n
                    .function
                    .map_or("?", |f| self.functions.list[f].name.as_str());
                let _ = writeln!(
                    s,
                    "{:>9} {:>8} {:>7}  {:indent$}{name}",
                    inclusive[node] / per,
                    n.self_cycles / per,
                    n.calls as f64 / per as f64,
                    "",
                    indent = 2 * (depth - 1)
                );
            }
            let mut k: Vec<usize> = kids[node]
                .iter()
                .copied()
                .filter(|&c| inclusive[c] >= min_cycles.saturating_mul(per))
                .collect();
            k.sort_by_key(|&c| std::cmp::Reverse((inclusive[c], c)));
            todo.extend(k.into_iter().rev().map(|c| (c, depth + 1)));
        }
        s
    }

    /// Each node's inclusive cycles: its own and its descendants'.
    fn node_inclusive(&self) -> Vec<u64> {
        let mut inclusive: Vec<u64> = self.nodes.iter().map(|n| n.self_cycles).collect();
        // Children come after their parents: one backward pass sums.
        for i in (1..self.nodes.len()).rev() {
            inclusive[self.nodes[i].parent] += inclusive[i];
        }
        inclusive
    }

    /// Own and inclusive cycles by function, from the tree; index
    /// `functions.len()` is code outside every symbol. A function's
    /// inclusive cycles are those of its outermost paths (no caller of the
    /// same function above them), so recursion is not counted twice.
    fn by_function(&self) -> (Vec<u64>, Vec<u64>) {
        let unknown = self.functions.list.len();
        let slot = |f: Option<usize>| f.unwrap_or(unknown);
        let node_inclusive = self.node_inclusive();
        let (mut own, mut inclusive) = (vec![0; unknown + 1], vec![0; unknown + 1]);
        for (i, n) in self.nodes.iter().enumerate().skip(1) {
            own[slot(n.function)] += n.self_cycles;
            let mut up = n.parent;
            while up != 0 && self.nodes[up].function != n.function {
                up = self.nodes[up].parent;
            }
            if up == 0 {
                inclusive[slot(n.function)] += node_inclusive[i];
            }
        }
        (own, inclusive)
    }

    /// Awake cycles recorded.
    pub fn total_cycles(&self) -> u64 {
        self.nodes.iter().map(|n| n.self_cycles).sum()
    }

    /// Cycles at addresses no symbol covers.
    pub fn unknown_cycles(&self) -> u64 {
        self.by_function().0[self.functions.list.len()]
    }

    /// The function names and ranges profiled over.
    pub fn functions(&self) -> &Functions {
        &self.functions
    }

    /// The cost of the function named `name` (first match).
    pub fn cost_of(&self, name: &str) -> Option<FunctionCost> {
        let i = self.functions.list.iter().position(|f| f.name == name)?;
        Some(self.rows().swap_remove(i))
    }

    /// Every function's row, by address, then the `"?"` row.
    fn rows(&self) -> Vec<FunctionCost> {
        let (own, inclusive) = self.by_function();
        let named = self
            .functions
            .list
            .iter()
            .map(|f| (f.name.as_str(), f.start));
        named
            .chain([("?", 0)])
            .zip(own.iter().zip(&inclusive))
            .zip(self.entries.iter().chain([&0]))
            .map(
                |(((name, start), (&own, &inclusive)), &entries)| FunctionCost {
                    name: name.into(),
                    start,
                    self_cycles: own,
                    inclusive_cycles: inclusive,
                    entries,
                },
            )
            .collect()
    }

    /// The `n` functions with the most own cycles, most first (a `"?"`
    /// row for unknown code among them when it has any).
    pub fn top(&self, n: usize) -> Vec<FunctionCost> {
        let mut rows: Vec<FunctionCost> = self
            .rows()
            .into_iter()
            .filter(|r| r.self_cycles > 0 || r.inclusive_cycles > 0)
            .collect();
        rows.sort_by(|a, b| {
            b.self_cycles
                .cmp(&a.self_cycles)
                .then(a.start.cmp(&b.start))
        });
        rows.truncate(n);
        rows
    }

    /// A table of [`Profile::top`]`(n)` with every figure divided by
    /// `per` (e.g. the number of frames profiled: figures per frame).
    pub fn table(&self, n: usize, per: u64) -> String {
        let per = per.max(1);
        let top = self.top(n);
        let total = self.total_cycles();
        let shown: u64 = top.iter().map(|r| r.self_cycles).sum();
        let mut s = String::new();
        let window = if per == 1 {
            format!("{total} cycles")
        } else {
            format!("{} cycles per window of {per}", total / per)
        };
        let _ = writeln!(
            s,
            "{:>8} {:>6} {:>9} {:>8}  function ({window}; {:.1}% in these rows)",
            "self",
            "self%",
            "inclusive",
            "entries",
            100.0 * shown as f64 / total.max(1) as f64
        );
        for r in top {
            let _ = writeln!(
                s,
                "{:>8} {:>5.1}% {:>9} {:>8}  {:04x} {}",
                r.self_cycles / per,
                100.0 * r.self_cycles as f64 / total.max(1) as f64,
                r.inclusive_cycles / per,
                r.entries as f64 / per as f64,
                r.start,
                r.name
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sym(addr: u16, size: u16, is_function: bool, name: &str) -> Symbol {
        Symbol {
            addr,
            size,
            is_function,
            name: name.into(),
            section_end: 0x4100,
        }
    }

    #[test]
    fn ranges_from_sized_functions_and_labels() {
        let f = Functions::from_symbols(&[
            sym(0x4010, 0, false, "label_b"),
            sym(0x4000, 8, true, "func_a"),
            sym(0x4004, 0, false, "inside_a"),
            sym(0x4000, 0, false, "alias_a"),
        ]);
        let names: Vec<_> = f
            .list()
            .iter()
            .map(|f| (f.start, f.end, f.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [(0x4000, 0x4008, "func_a"), (0x4010, 0x4100, "label_b")]
        );
        assert_eq!(f.index_of(0x4006), Some(0));
        assert_eq!(f.index_of(0x4008), None, "gap between the two");
        assert_eq!(f.index_of(0x40FE), Some(1));
        assert_eq!(f.index_of(0x4100), None);
        assert_eq!(f.index_of(0x3FFE), None);
    }

    #[test]
    fn demangles_rust_names() {
        // Legacy and v0 (as the firmware's nightly build emits) manglings.
        assert_eq!(
            demangle("_ZN8microip63udp9UdpSocket4poll17h0123456789abcdefE"),
            "microip6::udp::UdpSocket::poll"
        );
        assert_eq!(
            demangle("_RNvNtCsgYcRGpK3J6P_14clock_firmware3app4show"),
            "clock_firmware::app::show"
        );
        assert_eq!(demangle("__mspabi_mpyl"), "__mspabi_mpyl");
    }
}
