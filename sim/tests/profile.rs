//! The cycle profile by function ([`proiot3_sim::profile`]) on small known
//! programs, with cycle counts from SLAU049's instruction tables.

use proiot3_sim::clock::PS_PER_S;
use proiot3_sim::loader::{self, Image, Segment, Symbol};
use proiot3_sim::profile::{Functions, Profile};
use proiot3_sim::{Board, BoardConfig, Stop};

fn function(addr: u16, size: u16, name: &str) -> Symbol {
    Symbol {
        addr,
        size,
        is_function: true,
        name: name.into(),
        section_end: 0x4100,
    }
}

/// An image of little-endian words at their addresses, run from 0x4000.
fn image(segments: &[(u16, &[u16])]) -> Image {
    Image {
        segments: segments
            .iter()
            .map(|&(addr, words)| Segment {
                addr,
                data: words.iter().flat_map(|w| w.to_le_bytes()).collect(),
            })
            .collect(),
        entry: Some(0x4000),
    }
}

/// The tree's rows (after the header) split into their words:
/// inclusive, self, calls, name.
fn tree_rows(tree: &str) -> Vec<Vec<&str>> {
    tree.lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect()
}

#[test]
/// main calls f, f calls g, g returns through f to main, which spins.
///
/// ```text
/// 4000 main: mov #0x3900, sp   ; 2 cycles
/// 4004       call #f           ; 5
/// 4008       jmp $             ; 2 each
/// 4010 f:    call #g           ; 5
/// 4014       ret               ; 3
/// 4020 g:    inc r5            ; 1
/// 4022       ret               ; 3
/// ```
fn cycles_go_to_the_function_holding_the_pc() {
    let image = image(&[
        (0x4000, &[0x4031, 0x3900, 0x12B0, 0x4010, 0x3FFF]),
        (0x4010, &[0x12B0, 0x4020, 0x4130]),
        (0x4020, &[0x5315, 0x4130]),
        (0xFFFE, &[0x4000]),
    ]);
    let mut board = Board::new(&image, BoardConfig::default());
    board.profile = Some(Profile::new(Functions::from_symbols(&[
        function(0x4000, 10, "main"),
        function(0x4010, 6, "f"),
        function(0x4020, 4, "g"),
    ])));
    let awake_before = board.stats().cycles_awake;
    assert_eq!(board.run_for(PS_PER_S / 10_000), Stop::TimeReached);
    assert_eq!(board.cpu.regs[5], 1, "g ran once");
    let p = board.profile.take().unwrap();
    let awake = board.stats().cycles_awake - awake_before;
    assert_eq!(p.total_cycles(), awake, "every awake cycle is charged");
    assert_eq!(p.unknown_cycles(), 0);

    let f = p.cost_of("f").unwrap();
    let g = p.cost_of("g").unwrap();
    let main = p.cost_of("main").unwrap();
    assert_eq!((g.self_cycles, g.inclusive_cycles, g.entries), (4, 4, 1));
    assert_eq!((f.self_cycles, f.inclusive_cycles, f.entries), (8, 12, 1));
    // main: its 7 cycles up to the call, then `jmp $` at 2 cycles each.
    assert_eq!(main.self_cycles, awake - 12);
    assert_eq!((main.self_cycles - 7) % 2, 0);
    assert_eq!(main.entries, 0, "running before the profile, never called");

    let top = p.top(2);
    assert_eq!(top[0].name, "main");
    assert_eq!(top[1].name, "f");
    let table = p.table(3, 1);
    assert!(table.lines().nth(3).unwrap().ends_with("4020 g"), "{table}");

    // The call tree: main (running before the profile: a top-level row)
    // calls f, which calls g.
    let tree = p.tree(0, 1);
    let rows = tree_rows(&tree);
    let (awake_s, main_s) = (awake.to_string(), (awake - 12).to_string());
    assert_eq!(
        rows,
        [
            vec![awake_s.as_str(), main_s.as_str(), "0", "main"],
            vec!["12", "8", "1", "f"],
            vec!["4", "4", "1", "g"],
        ],
        "{tree}"
    );
    assert!(
        tree.contains("\n       12        8       1    f\n"),
        "indented: {tree}"
    );
    assert_eq!(p.tree(5, 1).lines().count(), 3, "g (4 cycles) left out");
}

/// An interrupt taken inside g (called by f): the handler hangs under
/// the root of the call tree, not under g, and its cycles are in neither
/// f's nor g's inclusive cycles, in the table as in the tree.
///
/// ```text
/// 4000 main: mov #0x3900, sp   ; 2 cycles
/// 4004       call #f           ; 5
/// 4008       jmp $             ; 2 each
/// 4010 f:    call #g           ; 5
/// 4014       ret               ; 3
/// 4020 g:    bis.b #1, &P1IE   ; 4
/// 4024       bis.b #1, &P1IFG  ; 4: Port 1 requests its interrupt
/// 4028       eint              ; 1
/// 402a       nop               ; 1
/// 402c       dint              ; 1
/// 402e       ret               ; 3
/// 4040 p1:   bic.b #1, &P1IFG  ; 4 (after the 6 of acceptance)
/// 4044       inc r6            ; 1
/// 4046       reti              ; 5
/// ```
#[test]
fn an_interrupt_is_not_in_the_inclusive_cycles_of_the_function_it_interrupts() {
    let image = image(&[
        (0x4000, &[0x4031, 0x3900, 0x12B0, 0x4010, 0x3FFF]),
        (0x4010, &[0x12B0, 0x4020, 0x4130]),
        (
            0x4020,
            &[
                0xD3D2, 0x0025, 0xD3D2, 0x0023, 0xD232, 0x4303, 0xC232, 0x4130,
            ],
        ),
        (0x4040, &[0xC3D2, 0x0023, 0x5316, 0x1300]),
        (0xFFE8, &[0x4040]),
        (0xFFFE, &[0x4000]),
    ]);
    let mut board = Board::new(&image, BoardConfig::default());
    board.profile = Some(Profile::new(Functions::from_symbols(&[
        function(0x4000, 10, "main"),
        function(0x4010, 6, "f"),
        function(0x4020, 16, "g"),
        function(0x4040, 8, "p1"),
    ])));
    let awake_before = board.stats().cycles_awake;
    assert_eq!(board.run_for(PS_PER_S / 10_000), Stop::TimeReached);
    assert_eq!(board.cpu.regs[6], 1, "the handler ran once");
    let p = board.profile.take().unwrap();
    let awake = board.stats().cycles_awake - awake_before;
    assert_eq!(p.total_cycles(), awake);

    let cost = |name| {
        let c = p.cost_of(name).unwrap();
        (c.self_cycles, c.inclusive_cycles, c.entries)
    };
    assert_eq!(cost("p1"), (16, 16, 1), "acceptance 6, then 4 + 1 + 5");
    assert_eq!(cost("g"), (14, 14, 1), "without the handler's 16");
    assert_eq!(cost("f"), (8, 22, 1), "its own and g's, not the handler's");

    // The tree says the same: the handler at the top level, main's path
    // holding everything else.
    let tree = p.tree(0, 1);
    let main_incl = (awake - 16).to_string();
    let main_s = (awake - 16 - 22).to_string();
    assert_eq!(
        tree_rows(&tree),
        [
            vec![main_incl.as_str(), main_s.as_str(), "0", "main"],
            vec!["22", "8", "1", "f"],
            vec!["14", "14", "1", "g"],
            vec!["16", "16", "1", "p1"],
        ],
        "{tree}"
    );
    // Every function's table row agrees with its paths in the tree.
    for row in p.top(10) {
        let in_tree: u64 = tree_rows(&tree)
            .iter()
            .filter(|r| r[3] == row.name)
            .map(|r| r[0].parse::<u64>().unwrap())
            .sum();
        assert_eq!(row.inclusive_cycles, in_tree, "{}: {tree}", row.name);
    }
}

/// tests/data/sum.elf (see tests/instructions.rs): `_start` calls `sum`,
/// which adds the 7 bytes of "proiot3" (8 cycles each: mov.b @r15+ 2,
/// tst.b 1, jz 2, add 1, jmp 2), then meets the NUL (mov.b 2, tst.b 1,
/// jz 2) and returns (3), after `clr r14` (1): 65 cycles. `_start`:
/// mov #,sp 2 + mov #,r15 2 + call # 5 + mov r14,& 4 = 13. Labels with
/// no size run to the next symbol: `sum` ends where `msg` starts.
#[test]
fn elf_labels_profile_the_assembled_program() {
    let elf = include_bytes!("data/sum.elf");
    let symbols = loader::elf_symbols(elf).unwrap();
    let mut names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["_start", "done", "msg", "sum"], "code symbols only");
    let p = Profile::from_elf(elf).unwrap();
    let sum = &p.functions().list()[2];
    assert_eq!(
        (sum.start, sum.end, sum.name.as_str()),
        (0x4012, 0x4020, "sum")
    );

    let mut board = Board::new(&loader::parse_elf(elf).unwrap(), BoardConfig::default());
    board.profile = Some(p);
    assert_eq!(board.run_for(PS_PER_S / 5_000), Stop::TimeReached);
    let p = board.profile.take().unwrap();
    let sum = p.cost_of("sum").unwrap();
    assert_eq!(
        (sum.self_cycles, sum.inclusive_cycles, sum.entries),
        (65, 65, 1)
    );
    assert_eq!(p.cost_of("_start").unwrap().self_cycles, 13);
    let done = p.cost_of("done").unwrap();
    assert_eq!(done.self_cycles, p.total_cycles() - 78);
    assert_eq!(
        done.entries, 0,
        "reached by falling through, not a jump from elsewhere"
    );
    assert_eq!(
        loader::elf_symbols(b"not an elf"),
        Err(loader::LoadError::NotElf)
    );
}

/// The symbol and static-RAM readers check the ELF header as the loader
/// does: a 64-bit, big-endian or other-machine image is refused rather
/// than read with the MSP430's 32-bit layout.
#[test]
fn elf_readers_refuse_what_the_loader_refuses() {
    let elf = include_bytes!("data/sum.elf");
    let mut class64 = elf.to_vec();
    class64[4] = 2;
    let mut big_endian = elf.to_vec();
    big_endian[5] = 2;
    let mut x86 = elf.to_vec();
    x86[18..20].copy_from_slice(&62u16.to_le_bytes());
    for (image, want) in [
        (&class64, loader::LoadError::UnsupportedElf),
        (&big_endian, loader::LoadError::UnsupportedElf),
        (&x86, loader::LoadError::WrongMachine(62)),
    ] {
        assert_eq!(loader::parse_elf(image).err(), Some(want.clone()));
        assert_eq!(loader::elf_symbols(image).err(), Some(want.clone()));
        assert_eq!(loader::elf_static_ram(image).err(), Some(want));
    }
    assert!(loader::elf_static_ram(elf).is_ok());
}
