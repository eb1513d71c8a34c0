//! Reading the text `mspdebug sim` prints (Debian package mspdebug), for
//! the differential tests against its simulator.

/// The register cells of a line of mspdebug's register dump,
/// `( PC: 04400) ( R4: 0000f) ...`: (register number, value) for each
/// cell with a `name: value` pair.
pub fn register_cells(line: &str) -> Vec<(usize, u16)> {
    line.split('(')
        .skip(1)
        .filter_map(|cell| {
            let cell = cell.split(')').next().unwrap_or("");
            let (name, value) = cell.split_once(':')?;
            let r = match name.trim() {
                "PC" => 0,
                "SP" => 1,
                "SR" => 2,
                n => n
                    .trim_start_matches('R')
                    .parse::<usize>()
                    .expect("register name"),
            };
            Some((
                r,
                u16::from_str_radix(value.trim(), 16).expect("register value"),
            ))
        })
        .collect()
}

/// The bytes of a line of mspdebug's `md` output,
/// `    01100: ff ff ... |................|`; `None` for other lines.
pub fn md_bytes(line: &str) -> Option<Vec<u8>> {
    if !line.contains('|') {
        return None;
    }
    let (_, rest) = line.split_once(':').expect("md line");
    let bytes = rest.split('|').next().unwrap_or("");
    Some(
        bytes
            .split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).expect("md byte"))
            .collect(),
    )
}
