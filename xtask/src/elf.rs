//! ELF reading for the firmware: loadable bytes (for Intel HEX), section
//! sizes and the largest symbols.

use object::elf::{FileHeader32, PT_LOAD, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS};
use object::read::elf::{FileHeader, ProgramHeader, SectionHeader, Sym};
use object::Endianness;

/// A parsed firmware image.
pub struct Image {
    /// (load address, bytes) of every PT_LOAD segment with file contents.
    segments: Vec<(u32, Vec<u8>)>,
    sections: Vec<Section>,
    symbols: Vec<Symbol>,
}

struct Section {
    name: String,
    size: u32,
    flags: u32,
    nobits: bool,
}

/// A sized symbol in an allocated section.
pub struct Symbol {
    /// Demangled name.
    pub name: String,
    /// Address.
    pub addr: u32,
    /// Size in bytes.
    pub size: u32,
    /// Memory it occupies: "flash" or "ram".
    pub region: &'static str,
    /// In an executable section.
    exec: bool,
    /// In the interrupt vector table.
    vector: bool,
}

impl Image {
    /// Parses a 32-bit little-endian ELF (what rust-lld writes for MSP430).
    pub fn parse(data: &[u8]) -> Result<Image, String> {
        let err = |e: object::Error| format!("ELF: {e}");
        let header = FileHeader32::<Endianness>::parse(data).map_err(err)?;
        let endian = header.endian().map_err(err)?;
        let mut segments = Vec::new();
        for ph in header.program_headers(endian, data).map_err(err)? {
            if ph.p_type(endian) != PT_LOAD || ph.p_filesz(endian) == 0 {
                continue;
            }
            let bytes = ph
                .data(endian, data)
                .map_err(|_| "ELF: segment out of bounds".to_string())?;
            segments.push((ph.p_paddr(endian), bytes.to_vec()));
        }
        let section_table = header.sections(endian, data).map_err(err)?;
        let mut sections = Vec::new();
        for s in section_table.iter() {
            let name = section_table
                .section_name(endian, s)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            sections.push(Section {
                name,
                size: s.sh_size(endian),
                flags: s.sh_flags(endian),
                nobits: s.sh_type(endian) == SHT_NOBITS,
            });
        }
        let mut symbols = Vec::new();
        let symtab = section_table
            .symbols(endian, data, object::elf::SHT_SYMTAB)
            .map_err(err)?;
        for sym in symtab.iter() {
            let size = sym.st_size(endian);
            let index = usize::from(sym.st_shndx(endian));
            if size == 0 || index == 0 || index >= sections.len() {
                continue;
            }
            let section = &sections[index];
            if section.flags & SHF_ALLOC == 0 {
                continue;
            }
            let raw = symtab.symbol_name(endian, sym).unwrap_or(b"?");
            let name = format!(
                "{:#}",
                rustc_demangle::demangle(&String::from_utf8_lossy(raw))
            );
            let region = if section.flags & SHF_WRITE != 0 {
                "ram"
            } else {
                "flash"
            };
            symbols.push(Symbol {
                name,
                addr: sym.st_value(endian),
                size,
                region,
                exec: section.flags & SHF_EXECINSTR != 0,
                vector: section.name == ".vector_table",
            });
        }
        symbols.sort_by(|a, b| b.size.cmp(&a.size).then(a.addr.cmp(&b.addr)));
        symbols.dedup_by(|a, b| a.addr == b.addr && a.size == b.size);
        Ok(Image {
            segments,
            sections,
            symbols,
        })
    }

    /// Address and size of the symbol called `name` (exact, mangled name
    /// or demangled path).
    pub fn symbol(&self, name: &str) -> Option<(u32, u32)> {
        self.symbols
            .iter()
            .find(|s| s.name == name)
            .map(|s| (s.addr, s.size))
    }

    /// Address and size of the first symbol whose demangled name ends with
    /// `suffix` (e.g. `"app::run"`).
    pub fn symbol_ending(&self, suffix: &str) -> Option<(u32, u32)> {
        self.symbols
            .iter()
            .find(|s| s.name.ends_with(suffix))
            .map(|s| (s.addr, s.size))
    }

    /// (address, size, name) of every sized symbol in executable sections,
    /// by address.
    pub fn code_symbols(&self) -> Vec<(u32, u32, &str)> {
        let mut v: Vec<_> = self
            .symbols
            .iter()
            .filter(|s| s.exec)
            .map(|s| (s.addr, s.size, s.name.as_str()))
            .collect();
        v.sort_unstable();
        v
    }

    /// (name, size) of every sized read-only data symbol in flash (not
    /// code, not the vector table).
    pub fn rodata_symbols(&self) -> impl Iterator<Item = (&str, u32)> {
        self.symbols
            .iter()
            .filter(|s| s.region == "flash" && !s.exec && !s.vector)
            .map(|s| (s.name.as_str(), s.size))
    }

    /// `len` loadable bytes at `addr`, if the image holds them.
    pub fn bytes_at(&self, addr: u32, len: u32) -> Option<&[u8]> {
        self.segments.iter().find_map(|(base, bytes)| {
            let off = addr.checked_sub(*base)? as usize;
            bytes.get(off..off + len as usize)
        })
    }

    /// The loadable bytes as Intel HEX (16-byte data records; extended
    /// linear address records above 64 KB, which MSP430 images never need).
    pub fn intel_hex(&self) -> String {
        let mut out = String::new();
        let mut upper = 0u32;
        for (addr, bytes) in &self.segments {
            for (i, chunk) in bytes.chunks(16).enumerate() {
                let a = addr + (i as u32) * 16;
                if a >> 16 != upper {
                    upper = a >> 16;
                    out.push_str(&record(0, 4, &(upper as u16).to_be_bytes()));
                }
                out.push_str(&record(a as u16, 0, chunk));
            }
        }
        out.push_str(&record(0, 1, &[]));
        out
    }

    /// Section and symbol sizes.
    pub fn size_report(&self) -> SizeReport<'_> {
        let mut r = SizeReport {
            text: 0,
            rodata: 0,
            data: 0,
            bss: 0,
            vectors: 0,
            symbols: &self.symbols,
        };
        for s in &self.sections {
            if s.flags & SHF_ALLOC == 0 {
                continue;
            }
            let size = u64::from(s.size);
            if s.name == ".vector_table" {
                r.vectors += size;
            } else if s.flags & SHF_EXECINSTR != 0 {
                r.text += size;
            } else if s.nobits {
                r.bss += size;
            } else if s.flags & SHF_WRITE != 0 {
                r.data += size;
            } else {
                r.rodata += size;
            }
        }
        r
    }
}

/// One Intel HEX record line.
pub fn record(addr: u16, kind: u8, data: &[u8]) -> String {
    let mut bytes = vec![data.len() as u8, (addr >> 8) as u8, addr as u8, kind];
    bytes.extend_from_slice(data);
    let sum = bytes.iter().fold(0u8, |s, &b| s.wrapping_add(b));
    bytes.push(sum.wrapping_neg());
    let mut line = String::from(":");
    for b in bytes {
        line.push_str(&format!("{b:02X}"));
    }
    line.push('\n');
    line
}

/// Sizes by kind, in bytes.
pub struct SizeReport<'a> {
    /// Executable code.
    pub text: u64,
    /// Read-only data.
    pub rodata: u64,
    /// Initialised data (occupies flash and RAM).
    pub data: u64,
    /// Zeroed data.
    pub bss: u64,
    /// Interrupt vector table.
    pub vectors: u64,
    symbols: &'a [Symbol],
}

impl SizeReport<'_> {
    /// Flash used: code, constants, the initial values of .data, vectors.
    pub fn flash(&self) -> u64 {
        self.text + self.rodata + self.data + self.vectors
    }

    /// Static RAM used (the stack comes on top).
    pub fn ram(&self) -> u64 {
        self.data + self.bss
    }

    /// A printable report with the `top` largest symbols.
    pub fn render(&self, top: usize) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "text {}  rodata {}  data {}  bss {}  vectors {}\n",
            self.text, self.rodata, self.data, self.bss, self.vectors
        ));
        s.push_str(&format!(
            "flash {} B of {} B ({:.1}%), static RAM {} B of {} B ({:.1}%)\n",
            self.flash(),
            super::FLASH_LIMIT,
            100.0 * self.flash() as f64 / super::FLASH_LIMIT as f64,
            self.ram(),
            super::RAM_LIMIT,
            100.0 * self.ram() as f64 / super::RAM_LIMIT as f64
        ));
        s.push_str(&format!("top {top} symbols:\n"));
        for sym in self.symbols.iter().take(top) {
            s.push_str(&format!(
                "  {:6} {:5} {:#06x}  {}\n",
                sym.size, sym.region, sym.addr, sym.name
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::record;

    #[test]
    fn intel_hex_records() {
        // Examples checked against the Intel HEX specification's checksum rule.
        assert_eq!(record(0, 1, &[]), ":00000001FF\n");
        assert_eq!(
            record(
                0x0100,
                0,
                &[
                    0x21, 0x46, 0x01, 0x36, 0x01, 0x21, 0x47, 0x01, 0x36, 0x00, 0x7E, 0xFE, 0x09,
                    0xD2, 0x19, 0x01
                ]
            ),
            ":10010000214601360121470136007EFE09D2190140\n"
        );
        assert_eq!(record(0, 4, &[0x00, 0x01]), ":020000040001F9\n");
    }
}
