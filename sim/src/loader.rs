//! Firmware image loaders: ELF32 little-endian (PT_LOAD segments at their
//! physical addresses) and Intel HEX.

/// A contiguous run of bytes to place at `addr`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Load address.
    pub addr: u16,
    /// Contents.
    pub data: Vec<u8>,
}

/// A loadable firmware image.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Image {
    /// Segments in file order.
    pub segments: Vec<Segment>,
    /// ELF entry point or HEX start address, if the file gives one.
    pub entry: Option<u32>,
}

/// Why an image could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not an ELF file (bad magic).
    NotElf,
    /// ELF, but not 32-bit little-endian.
    UnsupportedElf,
    /// ELF for another machine (the value of e_machine).
    WrongMachine(u16),
    /// A header or segment points outside the file.
    Truncated,
    /// A segment does not fit the 16-bit address space.
    AddressOutOfRange(u32),
    /// Intel HEX syntax error on this line (1-based).
    HexSyntax(usize),
    /// Intel HEX checksum mismatch on this line (1-based).
    HexChecksum(usize),
}

/// ELF machine number of the MSP430 (EM_MSP430).
pub const EM_MSP430: u16 = 105;
const PT_LOAD: u32 = 1;

fn u16_at(d: &[u8], off: usize) -> Result<u16, LoadError> {
    d.get(off..off + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .ok_or(LoadError::Truncated)
}

fn u32_at(d: &[u8], off: usize) -> Result<u32, LoadError> {
    d.get(off..off + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(LoadError::Truncated)
}

/// The checks every reader of an image makes first: an ELF file, 32-bit
/// little-endian (ELFCLASS32, ELFDATA2LSB), for the MSP430, with the
/// whole ELF header there.
fn check_elf_header(data: &[u8]) -> Result<(), LoadError> {
    if !is_elf(data) {
        return Err(LoadError::NotElf);
    }
    if data.len() < 52 {
        return Err(LoadError::Truncated);
    }
    // e_ident[EI_CLASS] = 1 (ELFCLASS32), e_ident[EI_DATA] = 1 (little-endian)
    if data[4] != 1 || data[5] != 1 {
        return Err(LoadError::UnsupportedElf);
    }
    let machine = u16_at(data, 18)?;
    if machine != EM_MSP430 {
        return Err(LoadError::WrongMachine(machine));
    }
    Ok(())
}

/// The section header table of a checked image: (e_shoff, e_shentsize,
/// e_shnum), each entry at least an ELF32 section header (40 bytes) long.
fn section_headers(data: &[u8]) -> Result<(usize, usize, usize), LoadError> {
    check_elf_header(data)?;
    let shoff = u32_at(data, 32)? as usize;
    let shentsize = usize::from(u16_at(data, 46)?);
    let shnum = usize::from(u16_at(data, 48)?);
    if shnum > 0 && shentsize < 40 {
        return Err(LoadError::Truncated);
    }
    Ok((shoff, shentsize, shnum))
}

/// Static RAM of an ELF image: the total size of its allocated, writable
/// sections (`.data`, `.bss`, ...) inside the F1611 RAM (0x1100-0x38FF),
/// from the section headers. The stack comes on top.
pub fn elf_static_ram(data: &[u8]) -> Result<u32, LoadError> {
    let (shoff, shentsize, shnum) = section_headers(data)?;
    let mut total = 0u32;
    for i in 0..shnum {
        let sh = shoff + i * shentsize;
        let flags = u32_at(data, sh + 8)?;
        let addr = u32_at(data, sh + 12)?;
        let size = u32_at(data, sh + 20)?;
        // SHF_WRITE = 1, SHF_ALLOC = 2.
        if flags & 3 == 3 && (0x1100..0x3900).contains(&addr) {
            total += size;
        }
    }
    Ok(total)
}

/// A code symbol of an ELF image: a function (`STT_FUNC`) or a label
/// (`STT_NOTYPE`, as assemblers emit) in an executable section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Its address.
    pub addr: u16,
    /// Its size in bytes (`st_size`; 0 for most assembler labels).
    pub size: u16,
    /// True for `STT_FUNC`, false for a label.
    pub is_function: bool,
    /// The name as stored (Rust names mangled).
    pub name: String,
    /// End of the section it is in (exclusive, clipped to 0x10000).
    pub section_end: u32,
}

/// The code symbols of an ELF image, from its `.symtab` (every
/// `SHT_SYMTAB` section; ELF gABI "Symbol Table"), in file order. Data
/// objects, sections, files, undefined symbols, unnamed ones and `$`/`.L`
/// local labels are left out. A stripped image gives an empty list.
pub fn elf_symbols(data: &[u8]) -> Result<Vec<Symbol>, LoadError> {
    let (shoff, shentsize, shnum) = section_headers(data)?;
    let section = |i: usize| -> Result<usize, LoadError> {
        if i >= shnum {
            return Err(LoadError::Truncated);
        }
        Ok(shoff + i * shentsize)
    };
    let mut out = Vec::new();
    for i in 0..shnum {
        let sh = section(i)?;
        if u32_at(data, sh + 4)? != 2 {
            continue; // not SHT_SYMTAB
        }
        let off = u32_at(data, sh + 16)? as usize;
        let size = u32_at(data, sh + 20)? as usize;
        let strtab = section(u32_at(data, sh + 24)? as usize)?;
        let str_off = u32_at(data, strtab + 16)? as usize;
        let str_size = u32_at(data, strtab + 20)? as usize;
        let strings = data
            .get(str_off..str_off.saturating_add(str_size))
            .ok_or(LoadError::Truncated)?;
        let entries = data
            .get(off..off.saturating_add(size))
            .ok_or(LoadError::Truncated)?;
        for e in entries.chunks_exact(16) {
            let name_at = u32_at(e, 0)? as usize;
            let value = u32_at(e, 4)?;
            let sym_size = u32_at(e, 8)?;
            let kind = e[12] & 0xF; // STT_NOTYPE 0, STT_FUNC 2
            let shndx = usize::from(u16_at(e, 14)?);
            if kind > 2 || kind == 1 || shndx == 0 || shndx >= shnum || value > 0xFFFF {
                continue;
            }
            let target = section(shndx)?;
            if u32_at(data, target + 8)? & 4 == 0 {
                continue; // not SHF_EXECINSTR
            }
            let name = strings.get(name_at..).unwrap_or_default();
            let name = &name[..name.iter().position(|&b| b == 0).unwrap_or(name.len())];
            let name = String::from_utf8_lossy(name).into_owned();
            if name.is_empty() || name.starts_with('$') || name.starts_with(".L") {
                continue;
            }
            let sec_addr = u32_at(data, target + 12)?;
            let sec_size = u32_at(data, target + 20)?;
            out.push(Symbol {
                addr: value as u16,
                size: sym_size.min(0xFFFF) as u16,
                is_function: kind == 2,
                name,
                section_end: sec_addr.saturating_add(sec_size).min(0x10000),
            });
        }
    }
    Ok(out)
}

/// True if `data` starts with the ELF magic.
pub fn is_elf(data: &[u8]) -> bool {
    data.starts_with(b"\x7fELF")
}

/// Parses an ELF32 little-endian MSP430 executable: every PT_LOAD segment
/// with file contents becomes a [`Segment`] at its physical address (p_paddr,
/// the load address: initialised data is loaded into flash where the startup
/// code copies it from). Bytes beyond p_filesz (.bss) are not loaded; the
/// startup code clears them.
pub fn parse_elf(data: &[u8]) -> Result<Image, LoadError> {
    check_elf_header(data)?;
    let entry = u32_at(data, 24)?;
    let phoff = u32_at(data, 28)? as usize;
    let phentsize = u16_at(data, 42)? as usize;
    let phnum = u16_at(data, 44)? as usize;
    if phnum > 0 && phentsize < 32 {
        return Err(LoadError::Truncated);
    }
    // Some linkers (lld without -n) put the ELF and program headers in a
    // PT_LOAD of their own; it holds no program bytes and would land in
    // information memory, so such a segment is skipped.
    let headers_end = phoff.saturating_add(phnum.saturating_mul(phentsize));
    let mut segments = Vec::new();
    for i in 0..phnum {
        let ph = phoff
            .checked_add(i.checked_mul(phentsize).ok_or(LoadError::Truncated)?)
            .ok_or(LoadError::Truncated)?;
        if u32_at(data, ph)? != PT_LOAD {
            continue;
        }
        let offset = u32_at(data, ph + 4)? as usize;
        let paddr = u32_at(data, ph + 12)?;
        let filesz = u32_at(data, ph + 16)? as usize;
        if filesz == 0 || offset.saturating_add(filesz) <= headers_end {
            continue;
        }
        let end = offset.checked_add(filesz).ok_or(LoadError::Truncated)?;
        let bytes = data.get(offset..end).ok_or(LoadError::Truncated)?;
        if paddr as u64 + filesz as u64 > 0x10000 {
            return Err(LoadError::AddressOutOfRange(paddr));
        }
        segments.push(Segment {
            addr: paddr as u16,
            data: bytes.to_vec(),
        });
    }
    Ok(Image {
        segments,
        entry: Some(entry),
    })
}

fn hex_byte(s: &[u8], line: usize) -> Result<u8, LoadError> {
    let digit = |c: u8| (c as char).to_digit(16).ok_or(LoadError::HexSyntax(line));
    Ok((digit(s[0])? * 16 + digit(s[1])?) as u8)
}

/// Parses Intel HEX (record types 00 data, 01 end, 02 extended segment
/// address, 03 start segment address, 04 extended linear address, 05 start
/// linear address). Adjacent data records are merged into one segment.
pub fn parse_ihex(text: &str) -> Result<Image, LoadError> {
    let mut image = Image::default();
    let mut base: u32 = 0;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        let l = l
            .strip_prefix(':')
            .ok_or(LoadError::HexSyntax(line))?
            .as_bytes();
        if l.len() < 10 || l.len() % 2 != 0 {
            return Err(LoadError::HexSyntax(line));
        }
        let bytes: Vec<u8> = l
            .chunks(2)
            .map(|c| hex_byte(c, line))
            .collect::<Result<_, _>>()?;
        let count = bytes[0] as usize;
        if bytes.len() != count + 5 {
            return Err(LoadError::HexSyntax(line));
        }
        if bytes.iter().fold(0u8, |a, b| a.wrapping_add(*b)) != 0 {
            return Err(LoadError::HexChecksum(line));
        }
        let offset = u16::from_be_bytes([bytes[1], bytes[2]]) as u32;
        let payload = &bytes[4..4 + count];
        match bytes[3] {
            0 => {
                let addr = base + offset;
                if addr as u64 + count as u64 > 0x10000 {
                    return Err(LoadError::AddressOutOfRange(addr));
                }
                match image.segments.last_mut() {
                    Some(s) if s.addr as u32 + s.data.len() as u32 == addr => {
                        s.data.extend_from_slice(payload)
                    }
                    _ => image.segments.push(Segment {
                        addr: addr as u16,
                        data: payload.to_vec(),
                    }),
                }
            }
            1 => break,
            2 if count == 2 => base = (u16::from_be_bytes([payload[0], payload[1]]) as u32) << 4,
            4 if count == 2 => base = (u16::from_be_bytes([payload[0], payload[1]]) as u32) << 16,
            3 | 5 if count == 4 => {
                let v = u32::from_be_bytes([payload[0], payload[1], payload[2], payload[3]]);
                image.entry = Some(if bytes[3] == 3 {
                    (v >> 16) * 16 + (v & 0xFFFF)
                } else {
                    v
                });
            }
            _ => return Err(LoadError::HexSyntax(line)),
        }
    }
    Ok(image)
}

/// Writes an image as Intel HEX (16 data bytes per record, then the end
/// record); used by tests to feed other tools.
pub fn to_ihex(image: &Image) -> String {
    let mut out = String::new();
    let mut record = |addr: u16, kind: u8, data: &[u8]| {
        let mut b = vec![data.len() as u8, (addr >> 8) as u8, addr as u8, kind];
        b.extend_from_slice(data);
        let sum = b.iter().fold(0u8, |a, x| a.wrapping_add(*x));
        b.push(sum.wrapping_neg());
        out.push(':');
        for x in b {
            out.push_str(&format!("{x:02X}"));
        }
        out.push('\n');
    };
    for s in &image.segments {
        for (i, chunk) in s.data.chunks(16).enumerate() {
            record(s.addr.wrapping_add(16 * i as u16), 0, chunk);
        }
    }
    record(0, 1, &[]);
    out
}

/// Loads a file that is either ELF or Intel HEX (detected by content).
pub fn parse_any(data: &[u8]) -> Result<Image, LoadError> {
    if is_elf(data) {
        parse_elf(data)
    } else {
        parse_ihex(core::str::from_utf8(data).map_err(|_| LoadError::HexSyntax(1))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ihex_records_and_checksum() {
        let text = ":0C40000035403412055582450011034381\n:02FFFE000040C1\n:00000001FF\n";
        let img = parse_ihex(text).unwrap();
        assert_eq!(img.segments.len(), 2);
        assert_eq!(img.segments[0].addr, 0x4000);
        assert_eq!(img.segments[0].data[..4], [0x35, 0x40, 0x34, 0x12]);
        assert_eq!(
            img.segments[1],
            Segment {
                addr: 0xFFFE,
                data: vec![0x00, 0x40]
            }
        );
        assert_eq!(parse_ihex(&to_ihex(&img)).unwrap(), img);
        let bad = ":02FFFE000040C2\n";
        assert_eq!(parse_ihex(bad), Err(LoadError::HexChecksum(1)));
        assert_eq!(parse_ihex("02FFFE000040C1"), Err(LoadError::HexSyntax(1)));
        assert_eq!(parse_ihex(":0"), Err(LoadError::HexSyntax(1)));
    }

    #[test]
    fn ihex_extended_linear_address_beyond_64k_is_rejected() {
        let text = ":020000040001F9\n:0100000011EE\n";
        assert_eq!(parse_ihex(text), Err(LoadError::AddressOutOfRange(0x10000)));
    }

    /// A minimal ELF32 LE MSP430 file with one PT_LOAD and one PT_NOTE.
    fn tiny_elf(machine: u16) -> Vec<u8> {
        let mut f = vec![0u8; 52 + 2 * 32];
        f[..4].copy_from_slice(b"\x7fELF");
        f[4] = 1;
        f[5] = 1;
        f[6] = 1;
        f[16..18].copy_from_slice(&2u16.to_le_bytes()); // ET_EXEC
        f[18..20].copy_from_slice(&machine.to_le_bytes());
        f[24..28].copy_from_slice(&0x4000u32.to_le_bytes());
        f[28..32].copy_from_slice(&52u32.to_le_bytes());
        f[42..44].copy_from_slice(&32u16.to_le_bytes());
        f[44..46].copy_from_slice(&2u16.to_le_bytes());
        let data_off = f.len() as u32;
        // PT_LOAD: vaddr 0x1100 (RAM), paddr 0x4400 (flash), 4 bytes
        let ph = 52;
        f[ph..ph + 4].copy_from_slice(&1u32.to_le_bytes());
        f[ph + 4..ph + 8].copy_from_slice(&data_off.to_le_bytes());
        f[ph + 8..ph + 12].copy_from_slice(&0x1100u32.to_le_bytes());
        f[ph + 12..ph + 16].copy_from_slice(&0x4400u32.to_le_bytes());
        f[ph + 16..ph + 20].copy_from_slice(&4u32.to_le_bytes());
        f[ph + 20..ph + 24].copy_from_slice(&8u32.to_le_bytes());
        let ph = 84;
        f[ph..ph + 4].copy_from_slice(&4u32.to_le_bytes()); // PT_NOTE
        f.extend_from_slice(&[1, 2, 3, 4]);
        f
    }

    #[test]
    fn elf_pt_load_at_physical_address() {
        let img = parse_elf(&tiny_elf(EM_MSP430)).unwrap();
        assert_eq!(img.entry, Some(0x4000));
        assert_eq!(
            img.segments,
            vec![Segment {
                addr: 0x4400,
                data: vec![1, 2, 3, 4]
            }]
        );
        assert_eq!(parse_elf(&tiny_elf(40)), Err(LoadError::WrongMachine(40)));
        let mut cut = tiny_elf(EM_MSP430);
        cut.truncate(cut.len() - 1);
        assert_eq!(parse_elf(&cut), Err(LoadError::Truncated));
        assert_eq!(parse_any(b"hello"), Err(LoadError::HexSyntax(1)));
    }

    #[test]
    fn headers_only_segment_is_skipped() {
        let mut f = tiny_elf(EM_MSP430);
        // Turn the PT_NOTE into a PT_LOAD covering the headers (offset 0).
        let ph = 84;
        f[ph..ph + 4].copy_from_slice(&1u32.to_le_bytes());
        f[ph + 12..ph + 16].copy_from_slice(&0x1000u32.to_le_bytes());
        f[ph + 16..ph + 20].copy_from_slice(&116u32.to_le_bytes());
        let img = parse_elf(&f).unwrap();
        assert_eq!(img.segments.len(), 1);
        assert_eq!(img.segments[0].addr, 0x4400);
    }

    #[test]
    fn llvm_mc_object_is_not_executable_but_parses() {
        // Real ELF header bytes from `llvm-mc -triple=msp430 -filetype=obj`
        // (a relocatable: no program headers, so nothing to load).
        let mut f = vec![0u8; 52];
        f[..16].copy_from_slice(&[
            0x7f, 0x45, 0x4c, 0x46, 0x01, 0x01, 0x01, 0xff, 0, 0, 0, 0, 0, 0, 0, 0,
        ]);
        f[16..20].copy_from_slice(&[0x01, 0x00, 0x69, 0x00]);
        let img = parse_elf(&f).unwrap();
        assert!(img.segments.is_empty());
    }
}
